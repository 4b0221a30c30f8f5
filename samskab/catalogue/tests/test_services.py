"""The catalogue's own rows follow the activities: search words and next sessions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samskab.activities import services as activity_services
from samskab.catalogue import selectors, services
from samskab.catalogue.models import NextSession, SearchDocument
from samskab.catalogue.tests.helpers import activity_with_session, session_on
from tests.factories import InterestFactory

pytestmark = pytest.mark.django_db


def _next(activity):
    return NextSession.objects.get(activity=activity)


def test_a_new_activity_gets_its_words_and_next_session():
    activity = activity_with_session(title_da="Strikkecafé", days=3)

    document = SearchDocument.objects.get(activity=activity)
    assert document.title_da == "Strikkecafé"
    assert "ribe" in document.search_text
    assert _next(activity).session == activity.sessions.get()


def test_an_earlier_session_becomes_the_next():
    activity = activity_with_session(days=5)
    earlier = session_on(activity, days=1)

    assert _next(activity).session == earlier


def test_a_cancelled_session_gives_way_to_the_following_one():
    activity = activity_with_session(days=1)
    later = session_on(activity, days=4)

    activity_services.cancel_session(
        session=activity.sessions.order_by("starts_at").first(), reason="Syg", by=None
    )

    assert _next(activity).session == later


def test_interests_and_organisation_names_are_searchable_after_a_change():
    activity = activity_with_session(title_da="Kor")
    activity.interests.set([InterestFactory(name_da="Sang og musik")])
    organisation = activity.organisation
    organisation.name = "Guldager Sangkor"
    organisation.save()

    text = SearchDocument.objects.get(activity=activity).search_text
    assert "sang og musik" in text
    assert "guldager sangkor" in text


def test_a_next_session_that_has_ended_moves_on():
    activity = activity_with_session(days=1)
    later = session_on(activity, days=3)
    first = activity.sessions.order_by("starts_at").first()
    tomorrow_evening = first.ends_at + timedelta(minutes=1)

    assert services.refresh_ended_next_sessions(now=timezone.now()) == 0
    assert services.refresh_ended_next_sessions(now=tomorrow_evening) == 1
    assert _next(activity).session == later


def test_an_activity_whose_next_session_ended_is_not_listed_with_it():
    activity = activity_with_session(days=1)
    first = activity.sessions.get()
    after = first.ends_at + timedelta(minutes=1)

    page = selectors.catalogue_page(selectors.Criteria(), now=after)

    assert page.count == 0


def test_missing_entries_are_written():
    activity = activity_with_session()
    SearchDocument.objects.all().delete()
    NextSession.objects.all().delete()

    assert services.refresh_missing_entries() == 1
    assert _next(activity).session is not None


def test_refreshing_twice_changes_nothing():
    activity = activity_with_session()
    services.refresh_all_entries()
    before = list(NextSession.objects.values_list("activity", "session", "starts_at"))

    services.refresh_all_entries()

    assert list(NextSession.objects.values_list("activity", "session", "starts_at")) == before
    assert SearchDocument.objects.filter(activity=activity).count() == 1
