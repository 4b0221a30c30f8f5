"""A calendar subscribed, fetched from a real server, and followed through its changes:
events appear as sessions at their exact times, a re-fetch keeps every sign-up, a moved
occurrence moves its session and tells those signed up, an event removed upstream cancels
its session and tells them too."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from samskab.activities.models import ActivitySession
from samskab.booking import services as booking_services
from samskab.booking.models import Booking
from samskab.calendars import services
from samskab.calendars.models import CalendarSubscription, ImportedOccurrence
from samskab.calendars.tests.conftest import calendar_text, local
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOGLE_UID = "3k9vq1o5h2m8d7c6b4a0e1f2g3@google.com"


def sessions_of(activity):
    return list(
        ActivitySession.objects.filter(activity=activity)
        .prefetch_related("booking_slots")
        .order_by("starts_at")
    )


def live(sessions):
    return [session for session in sessions if not session.is_cancelled]


def times(sessions):
    return [(s.starts_at, s.ends_at) for s in sessions]


@pytest.fixture
def google(calendar_server):
    calendar_server.serve("/kor.ics", calendar_text("google.ics"))
    return calendar_server


@pytest.fixture
def subscribed(google, organisation, choir, run_on_commit):
    with run_on_commit():
        subscription = services.subscribe(
            organisation=organisation, activity=choir, url=google.url("/kor.ics"), capacity=12
        )
    subscription.refresh_from_db()
    return subscription


def refetch(subscription, run_on_commit):
    with run_on_commit():
        assert services.fetch_subscription(subscription=subscription)
    subscription.refresh_from_db()
    return subscription


def change_calendar(server, path, old, new, count=1):
    route = server.routes[path]
    text = route.body.decode()
    assert text.count(old) >= count, old
    server.serve(path, text.replace(old, new, count))


def test_subscribing_turns_the_events_into_sessions_at_their_exact_times(subscribed, choir):
    sessions = sessions_of(choir)
    expected = [
        (local("google.ics", date(2025, 3, 4), 19), local("google.ics", date(2025, 3, 4), 21)),
        (local("google.ics", date(2025, 3, 11), 19), local("google.ics", date(2025, 3, 11), 21)),
        # The general assembly, written in UTC by Google.
        (local("google.ics", date(2025, 3, 11), 19), local("google.ics", date(2025, 3, 11), 21)),
        (local("google.ics", date(2025, 3, 18), 19), local("google.ics", date(2025, 3, 18), 21)),
        # The moved occurrence: Wednesday after the change, 18:30.
        (
            local("google.ics", date(2025, 4, 2), 18, 30),
            local("google.ics", date(2025, 4, 2), 20, 30),
        ),
        *[
            (local("google.ics", day, 19), local("google.ics", day, 21))
            for day in (date(2025, 4, 8), date(2025, 4, 22), date(2025, 4, 29))
        ],
        # 6 May is STATUS:CANCELLED upstream: no session.
        *[
            (local("google.ics", day, 19), local("google.ics", day, 21))
            for day in (date(2025, 5, 13), date(2025, 5, 20))
        ],
    ]
    assert times(sessions) == expected
    # Across the spring change the local time stays and the offset from UTC changes.
    before, after = sessions[3], sessions[5]
    assert timezone.localtime(before.starts_at).hour == timezone.localtime(after.starts_at).hour
    offsets = [timezone.localtime(s.starts_at).utcoffset() for s in (before, after)]
    assert offsets == [timedelta(hours=1), timedelta(hours=2)]
    # Each has its own place in the booking engine with the subscription's places.
    assert {session.booking_slot.capacity for session in sessions} == {12}
    assert subscribed.last_outcome == CalendarSubscription.Outcome.IMPORTED
    assert (subscribed.created_count, subscribed.updated_count, subscribed.cancelled_count) == (
        10,
        0,
        0,
    )
    assert subscribed.http_status == 200
    assert subscribed.etag


def test_all_day_events_are_left_out_unless_asked_for(google, organisation, choir, run_on_commit):
    with run_on_commit():
        services.subscribe(
            organisation=organisation,
            activity=choir,
            url=google.url("/kor.ics"),
            include_all_day=True,
        )
    (weekend,) = [s for s in sessions_of(choir) if s.ends_at - s.starts_at > timedelta(hours=3)]
    # The choir weekend on the day the clocks go forward: local midnight to midnight, 23 hours.
    assert weekend.starts_at == local("google.ics", date(2025, 3, 30), 0)
    assert weekend.ends_at == local("google.ics", date(2025, 3, 31), 0)
    assert weekend.ends_at - weekend.starts_at == timedelta(hours=23)


def test_a_refetch_without_changes_keeps_everything_and_uses_conditional_get(
    subscribed, choir, google, run_on_commit
):
    before = times(sessions_of(choir))
    session_ids = [s.pk for s in sessions_of(choir)]
    refetch(subscribed, run_on_commit)
    assert [s.pk for s in sessions_of(choir)] == session_ids
    assert times(sessions_of(choir)) == before
    first, second = google.asked("/kor.ics")
    assert "If-None-Match" not in first
    assert second["If-None-Match"] == subscribed.etag
    assert subscribed.last_outcome == CalendarSubscription.Outcome.UNCHANGED
    assert subscribed.http_status == 304
    assert (subscribed.created_count, subscribed.updated_count, subscribed.cancelled_count) == (
        0,
        0,
        0,
    )


def book(session, user):
    result = booking_services.request_booking(slot=session.booking_slot, user=user)
    assert result.booking.status == Booking.Status.CONFIRMED
    return result.booking


def test_a_moved_occurrence_moves_its_session_and_keeps_the_sign_ups(
    subscribed, choir, google, run_on_commit
):
    singer = UserFactory(email="sanger@example.dk")
    april_8 = local("google.ics", date(2025, 4, 8), 19)
    session = next(s for s in sessions_of(choir) if s.starts_at == april_8)
    with run_on_commit():
        booking = book(session, singer)
    mail.outbox.clear()

    # The organiser moves the rehearsal of 8 April to Thursday 10 April, 17:00-19:00.
    shifted_rid = april_8.astimezone(timezone.get_default_timezone()).strftime("%Y%m%dT%H%M%S")
    new_start = local("google.ics", date(2025, 4, 10), 17)
    new_end = local("google.ics", date(2025, 4, 10), 19)
    moved = (
        "BEGIN:VEVENT\r\n"
        f"DTSTART;TZID=Europe/Copenhagen:{timezone.localtime(new_start):%Y%m%dT%H%M%S}\r\n"
        f"DTEND;TZID=Europe/Copenhagen:{timezone.localtime(new_end):%Y%m%dT%H%M%S}\r\n"
        f"UID:{GOOGLE_UID}\r\n"
        f"RECURRENCE-ID;TZID=Europe/Copenhagen:{shifted_rid}\r\n"
        "SUMMARY:Korprøve (torsdag)\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\nEND:VCALENDAR"
    )
    change_calendar(google, "/kor.ics", "END:VCALENDAR", moved)
    refetch(subscribed, run_on_commit)

    session.refresh_from_db()
    assert (session.starts_at, session.ends_at) == (new_start, new_end)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert [message.to for message in mail.outbox] == [["sanger@example.dk"]]
    assert "Nyt tidspunkt" in mail.outbox[0].subject
    assert subscribed.updated_count == 1
    (change,) = subscribed.change_list
    assert (change["change"], change["starts_at"], change["previous_starts_at"]) == (
        "moved",
        new_start,
        april_8,
    )
    assert len(sessions_of(choir)) == 10


def test_an_event_removed_upstream_cancels_its_session_and_tells_those_signed_up(
    subscribed, choir, google, run_on_commit
):
    singer = UserFactory(email="sanger@example.dk")
    april_22 = local("google.ics", date(2025, 4, 22), 19)
    session = next(s for s in sessions_of(choir) if s.starts_at == april_22)
    other = next(s for s in sessions_of(choir) if s.starts_at != april_22)
    with run_on_commit():
        booking = book(session, singer)
        kept = book(other, UserFactory())
    mail.outbox.clear()

    # The organiser deletes that one rehearsal in Google Calendar: an EXDATE.
    exdate = f"EXDATE;TZID=Europe/Copenhagen:{timezone.localtime(april_22):%Y%m%dT%H%M%S}"
    change_calendar(google, "/kor.ics", "DTSTAMP:", f"{exdate}\r\nDTSTAMP:")
    refetch(subscribed, run_on_commit)

    sessions = sessions_of(choir)
    cancelled = [s for s in sessions if s.is_cancelled]
    assert [s.pk for s in cancelled] == [session.pk]
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    kept.refresh_from_db()
    assert kept.status == Booking.Status.CONFIRMED
    assert [message.to for message in mail.outbox] == [["sanger@example.dk"]]
    assert "Aflyst" in mail.outbox[0].subject
    assert "fjernet denne dato fra sin kalender" in mail.outbox[0].body
    assert subscribed.cancelled_count == 1


def test_a_whole_event_deleted_upstream_cancels_its_session(
    subscribed, choir, google, run_on_commit
):
    text = google.routes["/kor.ics"].body.decode()
    start = text.index("BEGIN:VEVENT\r\nDTSTART:")  # the general assembly, in UTC
    end = text.index("END:VEVENT\r\n", start) + len("END:VEVENT\r\n")
    google.serve("/kor.ics", text[:start] + text[end:])
    refetch(subscribed, run_on_commit)
    assert len(live(sessions_of(choir))) == 9
    assert subscribed.cancelled_count == 1
    assert subscribed.change_list[0]["summary"] == "Generalforsamling"


def test_a_removed_event_that_comes_back_gets_a_new_session(
    subscribed, choir, google, run_on_commit
):
    original = google.routes["/kor.ics"].body.decode()
    april_29 = local("google.ics", date(2025, 4, 29), 19)
    exdate = f"EXDATE;TZID=Europe/Copenhagen:{timezone.localtime(april_29):%Y%m%dT%H%M%S}"
    change_calendar(google, "/kor.ics", "DTSTAMP:", f"{exdate}\r\nDTSTAMP:")
    refetch(subscribed, run_on_commit)
    google.serve("/kor.ics", original)
    refetch(subscribed, run_on_commit)
    on_april_29 = [s for s in sessions_of(choir) if s.starts_at == april_29]
    assert [s.is_cancelled for s in on_april_29] == [True, False]
    assert subscribed.created_count == 1


def test_a_series_moved_to_another_hour_moves_its_sessions_with_their_sign_ups(
    subscribed, choir, google, run_on_commit
):
    singer = UserFactory(email="sanger@example.dk")
    may_13 = local("google.ics", date(2025, 5, 13), 19)
    session = next(s for s in sessions_of(choir) if s.starts_at == may_13)
    with run_on_commit():
        booking = book(session, singer)
    # Every rehearsal from now on starts at 18:00: the series' first date changes, so every
    # occurrence gets a new recurrence id, yet each is the same rehearsal on the same day.
    # Google rewrites the series' exceptions and moved occurrences to the new hour too.
    text = google.routes["/kor.ics"].body.decode()
    google.serve("/kor.ics", text.replace("T190000", "T180000").replace("T210000", "T200000"))
    refetch(subscribed, run_on_commit)
    session.refresh_from_db()
    assert session.starts_at == local("google.ics", date(2025, 5, 13), 18)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert subscribed.cancelled_count == 0
    assert ImportedOccurrence.objects.filter(session=session).get().recurrence_id.endswith("Z")


def test_a_session_that_has_started_is_never_touched(subscribed, choir, google, run_on_commit):
    first = sessions_of(choir)[0]
    google.serve("/kor.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n")
    # A fetch during the first session: everything after it is cancelled, not the one under way.
    with run_on_commit():
        services.fetch_subscription(
            subscription=subscribed, now=first.starts_at + timedelta(minutes=5)
        )
    sessions = sessions_of(choir)
    assert sessions[0].pk == first.pk
    assert not sessions[0].is_cancelled
    assert all(session.is_cancelled for session in sessions[1:])


def test_a_failed_fetch_is_recorded_in_words_and_changes_no_session(
    subscribed, choir, google, run_on_commit
):
    before = times(live(sessions_of(choir)))
    google.serve("/kor.ics", b"Not here", status=404)
    refetch(subscribed, run_on_commit)
    assert times(live(sessions_of(choir))) == before
    assert subscribed.last_outcome == CalendarSubscription.Outcome.FAILED
    assert (subscribed.error_code, subscribed.http_status) == ("not_found", 404)
    assert "HTTP 404" in subscribed.error_message
    assert subscribed.last_succeeded_at < subscribed.last_fetched_at


def test_the_periodic_task_queues_each_due_calendar_once(subscribed, run_on_commit):
    CalendarSubscription.objects.filter(pk=subscribed.pk).update(
        next_fetch_at=timezone.now() - timedelta(minutes=1)
    )
    with run_on_commit():
        assert services.enqueue_due_fetches() == 1
        # A second worker running the round at the same time finds nothing due.
        assert services.enqueue_due_fetches() == 0
    subscribed.refresh_from_db()
    assert subscribed.next_fetch_at > timezone.now() + timedelta(minutes=50)


def test_a_calendar_being_fetched_is_not_fetched_twice_at_once(subscribed, google):
    CalendarSubscription.objects.filter(pk=subscribed.pk).update(
        claimed_until=timezone.now() + timedelta(minutes=1)
    )
    asked = len(google.requests)
    assert services.fetch_subscription(subscription=subscribed) is False
    assert len(google.requests) == asked


@pytest.mark.parametrize("name", ["outlook.ics", "apple.ics"])
def test_outlook_and_apple_exports_become_sessions_at_local_time(
    calendar_server, organisation, choir, run_on_commit, name
):
    calendar_server.serve(f"/{name}", calendar_text(name))
    with run_on_commit():
        services.subscribe(
            organisation=organisation, activity=choir, url=calendar_server.url(f"/{name}")
        )
    starts = {s.starts_at for s in sessions_of(choir)}
    if name == "outlook.ics":
        expected = {
            local(name, date(2025, 10, 11), 10),
            # Moved to the Sunday the clocks go back, 10:00 local.
            local(name, date(2025, 10, 26), 10),
            local(name, date(2025, 11, 1), 10),
        }
        absent = {local(name, date(2025, 10, 18), 10), local(name, date(2025, 10, 25), 10)}
    else:
        expected = {
            local(name, date(2025, 3, 10), 19),
            local(name, date(2025, 3, 24), 17, 30),
            local(name, date(2025, 4, 21), 19),
        }
        absent = {local(name, date(2025, 3, 24), 19), local(name, date(2025, 4, 7), 19)}
    assert expected <= starts
    assert not absent & starts
