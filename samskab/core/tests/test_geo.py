import pytest

from samskab.core.geo import distance_km, distance_km_expression, km_between, nearest
from samskab.reference.models import Town

VARDE = (55.6205, 8.4806)
ESBJERG = (55.4765, 8.4594)
RIBE = (55.3285, 8.7620)


def test_distance_in_python():
    assert distance_km(*VARDE, *VARDE) == 0
    # Varde–Esbjerg is about 16 km as the crow flies.
    assert distance_km(*VARDE, *ESBJERG) == pytest.approx(16.1, abs=0.2)
    assert distance_km(*VARDE, *ESBJERG) == distance_km(*ESBJERG, *VARDE)
    assert km_between(VARDE, RIBE) == distance_km(*VARDE, *RIBE)


def test_nearest():
    places = {1: RIBE, 2: ESBJERG}
    key, km = nearest(VARDE, places)
    assert key == 2
    assert km == km_between(VARDE, ESBJERG)
    assert nearest(VARDE, {}) == (None, None)


@pytest.mark.django_db
def test_the_database_expression_agrees_with_the_python_function():
    # The towns of the municipality come with the migrations.
    towns = list(Town.objects.annotate(km=distance_km_expression(*VARDE)).order_by("km", "pk"))
    assert len(towns) > 10
    in_python = sorted(
        towns, key=lambda town: (distance_km(*VARDE, town.latitude, town.longitude), town.pk)
    )
    assert towns == in_python
    for town in towns:
        assert town.km == pytest.approx(distance_km(*VARDE, town.latitude, town.longitude))
