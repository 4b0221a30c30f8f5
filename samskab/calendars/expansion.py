"""An iCalendar file's events as the occurrences in a window of time, as a pure
calculation.

The recurrence library (``recurring_ical_events``, on ``icalendar`` and dateutil) expands
recurrence rules, RDATE and EXDATE, applies moved and changed occurrences (a component with
the series' UID and a RECURRENCE-ID), reads each calendar's time zones (IANA names,
Outlook's Windows names with their VTIMEZONE, Google's and Apple's X-WR-TIMEZONE), and does
so in local time, so a Tuesday 19:00 series stays at 19:00 on both sides of a daylight
saving change. This module turns its result into moments in UTC and keys:

- an occurrence is known by the event's UID and its recurrence id: the original start of
  that occurrence in UTC (``20250401T170000Z``; a date for all-day series) for a recurring
  event, empty for a single event, so that moving a single event keeps its key;
- an event or occurrence with STATUS:CANCELLED is returned with ``cancelled`` (Google
  writes some cancelled occurrences so instead of as an EXDATE);
- all-day events run from local midnight of their first day to local midnight after their
  last (23 or 25 hours on the days the clocks change);
- an event without an end (or ending at its start) lasts an hour, as calendar apps show it;
- times without a time zone (floating) are the site's local time.
"""

import time as clock
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from samskab.calendars.errors import CalendarError
from samskab.calendars.models import occurrence_key

DURATION_WHEN_MISSING = timedelta(hours=1)


@dataclass(frozen=True)
class Event:
    uid: str
    recurrence_id: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    all_day: bool = False
    cancelled: bool = False

    @property
    def key(self) -> str:
        return occurrence_key(self.uid, self.recurrence_id)


def parse(data: bytes | str) -> icalendar.Calendar:
    """The calendar in ``data``; ``CalendarError("not_calendar")`` for anything else (a web
    page, an empty answer), ``CalendarError("unreadable")`` for a calendar icalendar cannot
    read."""
    if isinstance(data, bytes):
        data = data.decode("utf-8", errors="replace")
    if "BEGIN:VCALENDAR" not in data[:4096].upper():
        raise CalendarError("not_calendar")
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise CalendarError("unreadable", detail=str(error)[:200]) from error
    if not calendars:
        raise CalendarError("not_calendar")
    return calendars[0]


def _utc(value, zone: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = _local_moment(value.date(), value.time(), zone)
        return value.astimezone(UTC)
    return _local_moment(value, time(0), zone).astimezone(UTC)


def _local_moment(day: date, at: time, zone: ZoneInfo) -> datetime:
    # Round-tripping through UTC moves a time skipped by the clocks forward by the gap.
    return datetime.combine(day, at).replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


def _recurrence_id_text(value, zone: ZoneInfo) -> str:
    if isinstance(value, datetime):
        return _utc(value, zone).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")


def _recurring_uids(calendar: icalendar.Calendar) -> set[str]:
    """UIDs of events that repeat or have moved occurrences: their occurrences are told
    apart by recurrence id. A single event is known by its UID alone."""
    uids = set()
    for component in calendar.walk("VEVENT"):
        if any(name in component for name in ("RRULE", "RDATE", "RECURRENCE-ID")):
            uids.add(str(component.get("UID", "")))
    return uids


def occurrences(
    calendar: icalendar.Calendar,
    *,
    since: datetime,
    until: datetime,
    zone: ZoneInfo,
    max_count: int,
    max_seconds: float = 10.0,
) -> list[Event]:
    """Every occurrence that starts in [``since``, ``until``), sorted by start. Raises
    ``CalendarError("too_many_events")`` past ``max_count`` (a rule repeating every minute
    would otherwise fill the site), and ``CalendarError("unreadable")`` for a series the
    library cannot expand."""
    recurring = _recurring_uids(calendar)
    deadline = clock.monotonic() + max_seconds
    days = max(1, round((until - since) / timedelta(days=1)))
    found: list[Event] = []
    try:
        query = recurring_ical_events.of(calendar)
        # ``after`` is lazy and in order of start, so the loop stops at the window's end
        # without expanding further, whatever the rules say.
        for component in query.after(since):
            start_value = component.decoded("DTSTART")
            starts_at = _utc(start_value, zone)
            if starts_at >= until:
                break
            if starts_at < since:
                continue
            if len(found) >= max_count or clock.monotonic() > deadline:
                raise CalendarError("too_many_events", count=max_count, days=days)
            found.append(_event(component, start_value, starts_at, zone, recurring))
    except CalendarError:
        raise
    except Exception as error:  # the library's and icalendar's errors share no base
        raise CalendarError("unreadable", detail=str(error)[:200]) from error
    return found


def _event(component, start_value, starts_at: datetime, zone, recurring: set[str]) -> Event:
    all_day = not isinstance(start_value, datetime)
    end_value = component.decoded("DTEND") if "DTEND" in component else None
    ends_at = _utc(end_value, zone) if end_value is not None else None
    if ends_at is None or ends_at <= starts_at:
        ends_at = (
            _utc(start_value + timedelta(days=1), zone)
            if all_day
            else starts_at + DURATION_WHEN_MISSING
        )
    uid = str(component.get("UID", "")) or f"no-uid-{starts_at.isoformat()}"
    recurrence_id = ""
    if uid in recurring and "RECURRENCE-ID" in component:
        recurrence_id = _recurrence_id_text(component.decoded("RECURRENCE-ID"), zone)
    return Event(
        uid=uid,
        recurrence_id=recurrence_id,
        starts_at=starts_at,
        ends_at=ends_at,
        summary=str(component.get("SUMMARY", ""))[:255],
        all_day=all_day,
        cancelled=str(component.get("STATUS", "")).upper() == "CANCELLED",
    )
