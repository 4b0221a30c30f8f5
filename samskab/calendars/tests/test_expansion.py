"""The real-world calendar files expanded over 2025, to the exact moment in UTC: Tuesday
19:00 in Copenhagen is 18:00 UTC before the spring change and 17:00 UTC after it."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from samskab.calendars import expansion
from samskab.calendars.errors import CalendarError
from samskab.calendars.tests.conftest import FILES

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


YEAR_2025 = (datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC))


def expand(name: str, since=YEAR_2025[0], until=YEAR_2025[1], **kwargs):
    calendar = expansion.parse((FILES / name).read_bytes())
    return expansion.occurrences(
        calendar, since=since, until=until, zone=COPENHAGEN, max_count=500, **kwargs
    )


def by_title(events, title):
    return [event for event in events if event.summary.startswith(title)]


def test_google_weekly_series_keeps_local_time_across_the_spring_change():
    rehearsals = by_title(expand("google.ics"), "Korprøve")
    starts = [(event.starts_at, event.ends_at, event.cancelled) for event in rehearsals]
    assert starts == [
        (utc(2025, 3, 4, 18), utc(2025, 3, 4, 20), False),
        (utc(2025, 3, 11, 18), utc(2025, 3, 11, 20), False),
        (utc(2025, 3, 18, 18), utc(2025, 3, 18, 20), False),
        # 25 March, the last Tuesday before the change, is an EXDATE: not there.
        # 1 April, the first after it, moved to Wednesday 18:30 local (16:30 UTC).
        (utc(2025, 4, 2, 16, 30), utc(2025, 4, 2, 18, 30), False),
        (utc(2025, 4, 8, 17), utc(2025, 4, 8, 19), False),
        # 15 April is an EXDATE (Easter).
        (utc(2025, 4, 22, 17), utc(2025, 4, 22, 19), False),
        (utc(2025, 4, 29, 17), utc(2025, 4, 29, 19), False),
        # Google's own way of cancelling one occurrence: STATUS:CANCELLED.
        (utc(2025, 5, 6, 17), utc(2025, 5, 6, 19), True),
        (utc(2025, 5, 13, 17), utc(2025, 5, 13, 19), False),
        # UNTIL=20250527T165959Z ends the series before 27 May 19:00 local.
        (utc(2025, 5, 20, 17), utc(2025, 5, 20, 19), False),
    ]


def test_occurrences_are_keyed_by_uid_and_original_start():
    events = expand("google.ics")
    moved = next(event for event in events if event.summary == "Korprøve (onsdag)")
    assert moved.uid == "3k9vq1o5h2m8d7c6b4a0e1f2g3@google.com"
    # The key is the occurrence it replaces (Tuesday 1 April 19:00 local), not its new time.
    assert moved.recurrence_id == "20250401T170000Z"
    single = next(event for event in events if event.summary == "Generalforsamling")
    # A single event is its UID alone, so moving it keeps its key.
    assert single.recurrence_id == ""
    assert (single.starts_at, single.ends_at) == (utc(2025, 3, 11, 18), utc(2025, 3, 11, 20))
    assert len({event.key for event in events}) == len(events)


def test_google_all_day_event_on_the_day_the_clocks_go_forward_lasts_23_hours():
    (weekend,) = by_title(expand("google.ics"), "Korweekend")
    assert weekend.all_day
    assert weekend.starts_at == datetime(2025, 3, 30, tzinfo=COPENHAGEN)
    assert (weekend.starts_at, weekend.ends_at) == (utc(2025, 3, 29, 23), utc(2025, 3, 30, 22))
    assert weekend.ends_at - weekend.starts_at == timedelta(hours=23)


def test_outlook_windows_time_zone_and_a_moved_occurrence_on_the_autumn_change():
    walks = by_title(expand("outlook.ics"), "Gåtur")
    starts = [event.starts_at for event in walks]
    assert starts[:8] == [
        utc(2025, 9, 6, 8),
        utc(2025, 9, 13, 8),
        utc(2025, 9, 20, 8),
        utc(2025, 9, 27, 8),
        utc(2025, 10, 4, 8),
        utc(2025, 10, 11, 8),
        # 18 October moved to Sunday 26 October, the day the clocks go back: 10:00 local
        # is then 09:00 UTC. Saturday 25 October (the day before) is an EXDATE.
        utc(2025, 10, 26, 9),
        utc(2025, 11, 1, 9),
    ]
    assert walks[6].recurrence_id == "20251018T080000Z"
    assert walks[6].ends_at == utc(2025, 10, 26, 10, 30)
    assert starts[-1] == utc(2025, 11, 29, 9)
    assert len(walks) == 12


def test_outlook_two_day_all_day_event_after_the_autumn_change():
    (camp,) = by_title(expand("outlook.ics"), "Efterårsferielejr")
    assert (camp.starts_at, camp.ends_at) == (utc(2025, 10, 26, 23), utc(2025, 10, 28, 23))


def test_apple_every_other_monday_with_a_moved_and_an_excepted_occurrence():
    evenings = by_title(expand("apple.ics", until=utc(2025, 5, 1)), "Bridgeaften")
    assert [(event.starts_at, event.ends_at) for event in evenings] == [
        (utc(2025, 3, 10, 18), utc(2025, 3, 10, 20, 30)),
        # Moved earlier the week before the change: 17:30-21:00 local.
        (utc(2025, 3, 24, 16, 30), utc(2025, 3, 24, 20)),
        # 7 April (the first after the change) is an EXDATE.
        (utc(2025, 4, 21, 17), utc(2025, 4, 21, 19, 30)),
    ]
    (tournament,) = by_title(expand("apple.ics", until=utc(2025, 5, 1)), "Klubturnering")
    assert (tournament.starts_at, tournament.ends_at) == (
        utc(2025, 3, 28, 23),
        utc(2025, 3, 29, 23),
    )


def test_an_open_ended_series_is_expanded_only_as_far_as_the_window():
    evenings = by_title(expand("apple.ics", until=utc(2025, 7, 1)), "Bridgeaften")
    assert evenings[-1].starts_at == utc(2025, 6, 30, 17)
    later = by_title(expand("apple.ics", since=utc(2025, 7, 1), until=utc(2025, 8, 1)), "Bridge")
    assert [event.starts_at for event in later] == [utc(2025, 7, 14, 17), utc(2025, 7, 28, 17)]


CALENDAR = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Test//EN\r
{events}END:VCALENDAR\r
"""


def test_an_event_without_an_end_lasts_an_hour_and_floating_times_are_local():
    text = CALENDAR.format(
        events="BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20250705T193000\r\nSUMMARY:Koncert\r\n"
        "END:VEVENT\r\n"
    )
    (concert,) = expansion.occurrences(
        expansion.parse(text),
        since=utc(2025, 1, 1),
        until=utc(2026, 1, 1),
        zone=COPENHAGEN,
        max_count=10,
    )
    assert (concert.starts_at, concert.ends_at) == (
        utc(2025, 7, 5, 17, 30),
        utc(2025, 7, 5, 18, 30),
    )


def test_a_rule_repeating_every_minute_is_refused_not_expanded():
    text = CALENDAR.format(
        events="BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20250101T000000Z\r\nDTEND:20250101T000100Z\r\n"
        "RRULE:FREQ=MINUTELY\r\nSUMMARY:Spam\r\nEND:VEVENT\r\n"
    )
    with pytest.raises(CalendarError) as refused:
        expansion.occurrences(
            expansion.parse(text),
            since=utc(2025, 1, 1),
            until=utc(2025, 7, 1),
            zone=COPENHAGEN,
            max_count=2000,
        )
    assert refused.value.code == "too_many_events"


@pytest.mark.parametrize(
    "text",
    [b"<!doctype html><html><body>Log in to Google</body></html>", b"", b"\x00\xff\xfe"],
)
def test_what_is_not_a_calendar_is_said_so(text):
    with pytest.raises(CalendarError) as refused:
        expansion.parse(text)
    assert refused.value.code == "not_calendar"
