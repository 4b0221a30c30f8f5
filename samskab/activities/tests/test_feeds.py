"""iCalendar feeds, parsed with the icalendar library: per activity, per organisation, and
the private feed of a person's sign-ups that works with its secret address only."""

from datetime import time

import pytest
from icalendar import Calendar

from samskab.activities import services
from samskab.activities.models import Activity
from samskab.activities.tests.helpers import count_queries, url
from samskab.booking import services as booking_services
from samskab.organisations.models import Organisation
from tests.factories import (
    ActivityFactory,
    OrganisationFactory,
    UserFactory,
    one_off,
    weekly,
)

pytestmark = pytest.mark.django_db


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_of(calendar):
    return list(calendar.walk("VEVENT"))


def test_the_activity_feed_has_every_session_with_local_times(client):
    activity = ActivityFactory(title_da="Strikkecafé", title_en="Knitting café")
    weekly(activity, weeks=3, start=time(10), end=time(12))
    calendar = parse(client.get(url("ical_activity", pk=activity.pk)))
    assert calendar["VERSION"] == "2.0"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Copenhagen"
    events = events_of(calendar)
    assert len(events) == 3
    uids = {str(event["UID"]) for event in events}
    assert len(uids) == 3
    for event in events:
        start = event.decoded("DTSTART")
        assert str(start.tzinfo) == "Europe/Copenhagen"
        assert start.time() == time(10)
        assert event.decoded("DTEND").time() == time(12)
        assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
        assert "DTSTAMP" in event
        assert str(event["SUMMARY"]) == "Strikkecafé"
        assert "Ribe Bibliotek" in str(event["LOCATION"])
        assert str(event["URL"]).endswith(activity.get_absolute_url())
        assert str(event["STATUS"]) == "CONFIRMED"


def test_the_english_feed_has_the_english_title(client):
    activity = ActivityFactory(title_en="Knitting café")
    one_off(activity)
    events = events_of(parse(client.get(url("ical_activity", "en", pk=activity.pk))))
    assert str(events[0]["SUMMARY"]) == "Knitting café"


def test_a_cancelled_session_is_cancelled_in_the_feed(client):
    activity = ActivityFactory()
    session = one_off(activity)
    services.cancel_session(session=session, reason="Sygdom", by=None)
    event = events_of(parse(client.get(url("ical_activity", pk=activity.pk))))[0]
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == f"samskab-slot-{session.booking_slot.pk}@testserver"


def test_feeds_of_unpublished_activities_and_pending_organisations_are_not_found(client):
    hidden = ActivityFactory(is_published=False)
    pending = OrganisationFactory(status=Organisation.Status.PENDING)
    assert client.get(url("ical_activity", pk=hidden.pk)).status_code == 404
    assert client.get(url("ical_organisation", slug=pending.slug)).status_code == 404


def test_the_organisation_feed_has_its_published_activities(client):
    organisation = OrganisationFactory()
    shown = ActivityFactory(organisation=organisation, title_da="Kor")
    hidden = ActivityFactory(organisation=organisation, is_published=False, title_da="Hemmelig")
    other = ActivityFactory(title_da="Andres")
    for activity in (shown, hidden, other):
        one_off(activity)
    calendar = parse(client.get(url("ical_organisation", slug=organisation.slug)))
    assert [str(event["SUMMARY"]) for event in events_of(calendar)] == ["Kor"]
    assert str(calendar["X-WR-CALNAME"]) == organisation.name


def test_the_organisation_feed_needs_the_same_queries_for_few_or_many_sessions(client):
    few_org, many_org = OrganisationFactory(), OrganisationFactory()
    one_off(ActivityFactory(organisation=few_org))
    for _ in range(3):
        weekly(ActivityFactory(organisation=many_org), weeks=3)
    few, _ = count_queries(client, url("ical_organisation", slug=few_org.slug))
    many, response = count_queries(client, url("ical_organisation", slug=many_org.slug))
    assert len(events_of(Calendar.from_ical(response.content))) == 9
    assert few == many


def test_the_personal_feed_needs_its_secret_and_shows_the_persons_sign_ups(client):
    user = UserFactory()
    activity = ActivityFactory(participation=Activity.Participation.SIGN_UP, title_da="Kor")
    full = ActivityFactory(participation=Activity.Participation.SIGN_UP, title_da="Dans")
    session = one_off(activity, capacity=5)
    full_session = one_off(full, capacity=1)
    booking_services.request_booking(slot=session.booking_slot, user=user)
    booking_services.request_booking(slot=full_session.booking_slot, user=UserFactory())
    booking_services.request_booking(slot=full_session.booking_slot, user=user)
    one_off(ActivityFactory(title_da="Ikke tilmeldt"))
    feed = services.personal_feed(user=user)

    response = client.get(url("ical_personal", token=feed.token))
    assert response["Cache-Control"] == "private, no-store"
    events = {str(event["SUMMARY"]): event for event in events_of(parse(response))}
    assert set(events) == {"Kor", "Venteliste: Dans"}
    assert str(events["Kor"]["STATUS"]) == "CONFIRMED"
    assert str(events["Venteliste: Dans"]["STATUS"]) == "TENTATIVE"

    assert client.get(url("ical_personal", token="not-the-secret")).status_code == 404
    other = services.personal_feed(user=UserFactory())
    other_events = events_of(parse(client.get(url("ical_personal", token=other.token))))
    assert other_events == []


def test_a_session_cancelled_by_the_organiser_stays_in_the_personal_feed_as_cancelled(client):
    user = UserFactory()
    activity = ActivityFactory(participation=Activity.Participation.SIGN_UP)
    session = one_off(activity, capacity=5)
    booking_services.request_booking(slot=session.booking_slot, user=user)
    services.cancel_session(session=session, reason="Sygdom", by=None)
    feed = services.personal_feed(user=user)
    events = events_of(parse(client.get(url("ical_personal", token=feed.token))))
    assert [str(event["STATUS"]) for event in events] == ["CANCELLED"]


def test_the_personal_feed_keeps_what_was_taken_part_in_over_the_last_weeks(client):
    from datetime import timedelta

    from samskab.activities.selectors import FEED_HISTORY
    from samskab.booking.models import Booking

    user = UserFactory()
    for title, ago in (("Sidste uge", timedelta(days=7)), ("Sidste år", FEED_HISTORY * 6)):
        slot = one_off(
            ActivityFactory(participation=Activity.Participation.SIGN_UP, title_da=title),
            capacity=5,
        ).booking_slot
        slot.starts_at -= ago
        slot.ends_at -= ago
        slot.save(update_fields=["starts_at", "ends_at"])
        Booking.objects.create(slot=slot, user=user, status=Booking.Status.CONFIRMED, sequence=1)
    feed = services.personal_feed(user=user)

    events = events_of(parse(client.get(url("ical_personal", token=feed.token))))

    assert [str(event["SUMMARY"]) for event in events] == ["Sidste uge"]


def test_resetting_the_feed_address_stops_the_old_address(client):
    user = UserFactory()
    old_token = services.personal_feed(user=user).token
    client.force_login(user)
    response = client.post(url("reset_feed"))
    assert response.status_code == 302
    client.logout()
    assert client.get(url("ical_personal", token=old_token)).status_code == 404
    new_token = services.personal_feed(user=user).token
    assert new_token != old_token
    assert client.get(url("ical_personal", token=new_token)).status_code == 200


def test_resetting_needs_a_login_and_a_post(client):
    assert client.post(url("reset_feed")).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url("reset_feed")).status_code == 405
