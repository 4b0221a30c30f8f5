"""Who a need is sent to, and when: the alert rules as plain functions of plain facts, so
they can be read and tested on their own.

A need fits a volunteer who opted in to ad hoc alerts when all of these hold:

- skills: the need asks for none, or the volunteer has at least one of them;
- place: the need can be done from home, the volunteer named no towns ("anywhere"), or one
  of the volunteer's towns lies within ``NEEDS_ALERT_RADIUS_KM`` (default 10 km) of the
  need's town;
- time: the volunteer gave no weekly availability ("any time"), or is usually free in a
  part of a day the need covers (e.g. Saturday morning for Saturday 10–12).

And each volunteer's own limits hold:

- at most ``max_alerts_per_week`` alerts in any 7 days: alerts sent in the last 7 days and
  alerts waiting to be sent count; further ones are recorded as skipped;
- nothing arrives in quiet hours: an alert that falls in them waits until they end.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from samskab.core.geo import Point, km_between
from samskab.volunteering.models import availability_code_of

DEFAULT_ALERT_RADIUS_KM = 10.0
LIMIT_WINDOW = timedelta(days=7)


def alert_radius_km() -> float:
    return float(getattr(settings, "NEEDS_ALERT_RADIUS_KM", DEFAULT_ALERT_RADIUS_KM))


@dataclass(frozen=True)
class NeedFacts:
    """What the rules read about a need."""

    from_home: bool
    town_id: int | None
    skill_ids: frozenset[int]
    availability_codes: frozenset[str]


@dataclass(frozen=True)
class VolunteerFacts:
    """What the rules read about a volunteer's profile."""

    town_ids: frozenset[int]
    skill_ids: frozenset[int]
    availability: frozenset[str]


def availability_codes_between(starts_at: datetime, ends_at: datetime) -> frozenset[str]:
    """The parts of days ("6-morning") a stretch of time touches, in local time. Looks
    at the start and each whole hour until the end (at most a week's worth)."""
    codes = {availability_code_of(starts_at)}
    moment = starts_at.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    limit = min(ends_at, starts_at + timedelta(days=7))
    while moment < limit:
        codes.add(availability_code_of(moment))
        moment += timedelta(hours=1)
    return frozenset(codes)


def towns_near(town_id: int | None, towns: dict[int, Point], radius_km: float) -> frozenset[int]:
    """The towns (ids) within ``radius_km`` of the given town, itself included."""
    if town_id is None or town_id not in towns:
        return frozenset()
    here = towns[town_id]
    return frozenset(key for key, point in towns.items() if km_between(here, point) <= radius_km)


def skills_fit(need: NeedFacts, volunteer: VolunteerFacts) -> bool:
    return not need.skill_ids or bool(need.skill_ids & volunteer.skill_ids)


def place_fits(need: NeedFacts, volunteer: VolunteerFacts, near_town_ids: frozenset[int]) -> bool:
    if need.from_home or not volunteer.town_ids:
        return True
    return bool(volunteer.town_ids & near_town_ids)


def time_fits(need: NeedFacts, volunteer: VolunteerFacts) -> bool:
    return not volunteer.availability or bool(volunteer.availability & need.availability_codes)


def fits(need: NeedFacts, volunteer: VolunteerFacts, near_town_ids: frozenset[int]) -> bool:
    """Whether the need fits the volunteer (see the module's rules)."""
    return (
        skills_fit(need, volunteer)
        and place_fits(need, volunteer, near_town_ids)
        and time_fits(need, volunteer)
    )


def under_weekly_limit(*, counted: int, limit: int) -> bool:
    """``counted``: alerts sent in the last 7 days plus those waiting to be sent."""
    return counted < limit


def quiet_hours_end_after(profile, moment: datetime) -> datetime:
    """When an alert due at ``moment`` may reach the volunteer (a ``VolunteerProfile``):
    ``moment`` itself, or the end of the quiet hours it falls in (the next time the clock
    shows ``quiet_hours_end``, local time)."""
    if not profile.in_quiet_hours(moment):
        return moment
    end = profile.quiet_hours_end
    local = timezone.localtime(moment)
    day = local.date()
    if local.time() >= end:
        day += timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, end), timezone.get_current_timezone())
