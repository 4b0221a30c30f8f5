"""The dates and times a weekly series wants, as a pure calculation.

Recurrence is worked out on local wall-clock times with dateutil's rrule and only then
made time-zone aware, one occurrence at a time: so "Tuesdays at 10:00" is 10:00 in
Copenhagen both in summer (UTC+2) and in winter (UTC+1), whatever the daylight saving
changes between the first and the last date."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import WEEKLY, rrule
from django.utils import timezone


@dataclass(frozen=True, order=True)
class Occurrence:
    starts_at: datetime
    ends_at: datetime

    @property
    def key(self) -> tuple[datetime, datetime]:
        return (self.starts_at, self.ends_at)


def local_moment(day: date, at: time, zone: ZoneInfo | None = None) -> datetime:
    """An aware datetime for a local date and wall-clock time. A time that does not exist
    (skipped when clocks go forward) is moved forward by the gap, as people's clocks are."""
    zone = zone or timezone.get_default_timezone()
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=zone)
    # Round-tripping through UTC normalises a non-existent local time.
    return aware.astimezone(ZoneInfo("UTC")).astimezone(zone)


def weekly_occurrences(
    *,
    weekdays: Iterable[int],
    start_time: time,
    end_time: time,
    starts_on: date,
    ends_on: date,
    interval: int = 1,
    exceptions: Iterable[date] = (),
    zone: ZoneInfo | None = None,
) -> list[Occurrence]:
    """Every occurrence from ``starts_on`` to ``ends_on`` (both included) on the ISO
    ``weekdays`` (1 = Monday), every ``interval`` weeks counted from the week of
    ``starts_on``, leaving out the ``exceptions``. Sorted by start."""
    iso_days = sorted(set(weekdays))
    if not iso_days or ends_on < starts_on or end_time <= start_time:
        return []
    skipped = set(exceptions)
    rule = rrule(
        WEEKLY,
        interval=interval,
        byweekday=[day - 1 for day in iso_days],
        dtstart=datetime.combine(starts_on, time()),
        until=datetime.combine(ends_on, time()),
        wkst=0,
    )
    duration = datetime.combine(starts_on, end_time) - datetime.combine(starts_on, start_time)
    occurrences = []
    for moment in rule:
        day = moment.date()
        if day in skipped:
            continue
        starts_at = local_moment(day, start_time, zone)
        # The end is the local wall-clock end time on the same day, not start + duration:
        # a session over a daylight saving change still ends at the time on the poster.
        ends_at = local_moment(day, end_time, zone)
        if ends_at <= starts_at:
            ends_at = starts_at + duration
        occurrences.append(Occurrence(starts_at, ends_at))
    return occurrences


def single_occurrence(
    *, day: date, start_time: time, end_time: time, zone: ZoneInfo | None = None
) -> Occurrence:
    """One date at local times. An end time not after the start means it ends the next
    day (an evening that runs past midnight)."""
    starts_at = local_moment(day, start_time, zone)
    end_day = day if end_time > start_time else day + timedelta(days=1)
    return Occurrence(starts_at, local_moment(end_day, end_time, zone))
