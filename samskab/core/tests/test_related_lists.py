"""Several many-to-many lists in one query give what Django's prefetches give."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from samskab.activities.models import Activity
from samskab.activities.selectors import CARD_LISTS, PAGE_LISTS
from samskab.core import related_lists
from samskab.core.related_lists import RelatedList
from tests.factories import (
    ActivityFactory,
    AgeGroupFactory,
    InterestFactory,
    LanguageFactory,
)
from tests.factories.vision import FocusAreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activities():
    areas = [FocusAreaFactory(order=2, title_en=""), FocusAreaFactory(order=1)]
    # Interests with the same order are sorted by name, as the table's own order says.
    interests = [
        InterestFactory(slug="strik", name_da="Strik", name_en="Knitting", order=1),
        InterestFactory(slug="bold", name_da="Bold", name_en="Ball games", order=1),
        InterestFactory(slug="sang", name_da="Sang", name_en="Singing", order=0),
    ]
    groups = [AgeGroupFactory(slug="born", order=3), AgeGroupFactory(slug="aeldre", order=1)]
    spoken = [
        LanguageFactory(
            code="uk", name_da="Ukrainsk", name_en="Ukrainian", native_name="Українська"
        ),
        LanguageFactory(code="da", name_da="Dansk", name_en="Danish", native_name="dansk"),
    ]
    first = ActivityFactory(
        focus_areas=areas, interests=interests, age_groups=groups, languages=spoken
    )
    second = ActivityFactory(focus_areas=areas[:1], interests=interests[2:])
    return [first, second, ActivityFactory(focus_areas=[])]


def as_django_reads_them(activity, relation):
    return list(getattr(Activity.objects.get(pk=activity.pk), relation).all())


def shown(items, fields):
    return [(item.pk, *(getattr(item, name) for name in fields)) for item in items]


@pytest.mark.parametrize("language", ["da", "en"])
def test_one_query_gives_the_lists_django_gives_in_their_order(activities, language):
    fresh = list(Activity.objects.filter(pk__in=[a.pk for a in activities]).order_by("pk"))
    with CaptureQueriesContext(connection) as captured:
        related_lists.attach(fresh, PAGE_LISTS)
    assert len(captured.captured_queries) == 1

    shows = {
        "focus_areas": ("title", "slug", "title_en"),
        "interests": ("name",),
        "age_groups": ("name",),
        "languages": ("name", "native_name", "code"),
    }
    with translation.override(language):
        expected = {
            (activity.pk, relation): shown(as_django_reads_them(activity, relation), fields)
            for activity in activities
            for relation, fields in shows.items()
        }
        with CaptureQueriesContext(connection) as reading:
            got = {
                (activity.pk, relation): shown(getattr(activity, relation).all(), fields)
                for activity in fresh
                for relation, fields in shows.items()
            }
    assert got == expected
    assert not reading.captured_queries  # neither the lists nor their fields asked again


def test_lists_can_go_to_attributes_for_many_rows(activities):
    fresh = list(Activity.objects.filter(pk__in=[a.pk for a in activities]).order_by("pk"))
    with CaptureQueriesContext(connection) as captured:
        related_lists.attach(fresh, CARD_LISTS)
        names = [[group.name for group in activity.listed_age_groups] for activity in fresh]
        spoken = [[language.name for language in activity.listed_languages] for activity in fresh]
    assert len(captured.captured_queries) == 1
    assert names == [[g.name for g in as_django_reads_them(a, "age_groups")] for a in activities]
    assert spoken == [[s.name for s in as_django_reads_them(a, "languages")] for a in activities]
    assert names[2] == [] and spoken[1] == []


def test_nothing_to_read_reads_nothing():
    with CaptureQueriesContext(connection) as captured:
        related_lists.attach([], PAGE_LISTS)
    assert not captured.captured_queries


def test_a_list_must_read_what_its_rows_are_sorted_by(activities):
    with pytest.raises(ValueError, match="not read"):
        related_lists.attach(activities, [RelatedList("interests", ("slug",))])
    with pytest.raises(ValueError, match="at most"):
        related_lists.attach(activities, [RelatedList("interests", ("a", "b", "c", "d", "e", "f"))])
