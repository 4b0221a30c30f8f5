"""The indicators' open data: figures of published indicators under the method in use, and
a figure too small to publish is a row that says so, never its value."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from samskab.results import services
from samskab.results.models import Indicator, Observation

pytestmark = pytest.mark.django_db


def _figure(indicator, year, value, base):
    return services.record_figure(
        observation=Observation(
            indicator=indicator, period="year", starts_on=date(year, 1, 1), value=value, base=base
        )
    )


def _download(client, extension="csv") -> bytes:
    response = client.get(f"/data/indikatorer.{extension}")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_a_suppressed_figure_gives_no_value_only_that_it_is_fewer_than(client, settings):
    settings.RESULTS_SMALL_COUNT = 5
    lonely = Indicator.objects.create(
        slug="ensomhed", title_da="Føler sig ensomme", unit_da="procent"
    )
    _figure(lonely, 2024, Decimal("31.75"), base=120)
    _figure(lonely, 2025, Decimal("87.13"), base=4)

    rows = list(csv.DictReader(io.StringIO(_download(client).decode())))

    assert [(row["starts_on"], row["value"], row["suppressed"]) for row in rows] == [
        ("2024-01-01", "31.75", "false"),
        ("2025-01-01", "", "true"),
    ]
    assert rows[1]["fewer_than"] == "5"
    assert rows[0]["fewer_than"] == ""
    assert (rows[0]["indicator"], rows[0]["indicator_title"], rows[0]["unit"]) == (
        "ensomhed",
        "Føler sig ensomme",
        "procent",
    )
    for extension in ("csv", "excel.csv", "json"):
        body = _download(client, extension)
        assert b"87.13" not in body
        assert b"87,13" not in body
        assert b"87.1" not in body


def test_only_published_indicators_and_the_method_version_in_use(client):
    shown = Indicator.objects.create(slug="synlig", title_da="Synlig")
    _figure(shown, 2025, Decimal("10"), base=50)
    Observation.objects.create(
        indicator=shown, method_version=2, period="year", starts_on=date(2025, 1, 1), value=99
    )
    Indicator.objects.filter(pk=shown.pk).update(method_version=2)
    hidden = Indicator.objects.create(slug="skjult", title_da="Skjult", is_published=False)
    _figure(hidden, 2025, Decimal("7"), base=50)

    rows = list(csv.DictReader(io.StringIO(_download(client).decode())))

    assert [(row["indicator"], row["value"], row["method_version"]) for row in rows] == [
        ("synlig", "99.00", "2")
    ]
