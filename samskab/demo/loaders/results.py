"""Demo results: two years of the municipality's history, so the results' charts show
change, and the figures computed from it (content/results.toml).

- Past sessions of the demo activities that take sign-ups, one per activity and month: few
  activities two years ago, all of them last month, with more demo people each time, most
  of whom came (the rest did not show up). The people are the catalogue's invented demo
  people, more of them than the catalogue needs, joining month by month.
- Approved volunteer hours of demo people for the demo opportunities, more volunteers each
  month, logged and approved by the demo coordinator (already thanked: the people are
  invented and are sent nothing).
- The towns' residents (approximate demo figures), each built-in indicator on a focus
  area's results page, and one leaf initiative whose progress comes from the number of
  volunteers. Then every indicator's figures are computed.

Runs after every feature's loader (results is listed after them in ``INSTALLED_APPS``),
because the history is made of their rows. The history is fixed to calendar days: from the
first day of the month two years ago up to the day before this week's Monday, when the
catalogue's weekly series begin. Rows are written in bulk, as the booking engine would have
left them (a slot per session, arrival numbers 1..n, every booking confirmed and its
attendance recorded after the session); what one person's run of the services would do for
thousands of past rows is too slow for ``make run``.

Idempotent: a session is found by its activity and start, and only a new session gets its
sign-ups; hours are found by volunteer, day and text; the plan comes from a seeded random
generator, so a second run on the same day finds everything and changes nothing.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from samskab.activities.models import Activity, ActivitySession
from samskab.booking.models import Booking, Slot
from samskab.demo.content import read
from samskab.demo.database import analyze_tables_with_rows
from samskab.demo.loaders import DemoLoader
from samskab.demo.loaders.catalogue import ensure_demo_people
from samskab.demo.loaders.organisations import DEMO_COORDINATOR_EMAIL
from samskab.reference.models import Town
from samskab.results import services
from samskab.results.models import Indicator, InitiativeLink
from samskab.vision.models import FocusArea, Initiative
from samskab.volunteering.models import HoursEntry, Opportunity

HISTORY_MONTHS = 24
# Demo people in the history: the catalogue's 70 and more, who join month by month.
PEOPLE_COUNT = 190
FIRST_MONTH_PEOPLE = 40
NEW_PEOPLE_PER_MONTH = 6
FIRST_MONTH_ACTIVITIES = 20
ATTENDED_SHARE = 0.88
FIRST_MONTH_VOLUNTEERS = 8
HOURS = [Decimal(value) for value in ("1", "1.5", "2", "2.5", "3", "4")]
BOOKING_BATCH = 2000
# The benchmark's generated organisations (generator.GENERATED_SLUG_PREFIX) get no history.
GENERATED_PREFIX = "gen-"


@dataclass(frozen=True)
class PlannedSession:
    activity: Activity
    starts_at: datetime
    ends_at: datetime
    capacity: int | None
    month: int  # 0 is the first month of the history


def _months(first_day: date, count: int) -> list[date]:
    months = []
    year, month = first_day.year, first_day.month
    for _ in range(count + 1):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def history_window(today: date) -> tuple[date, date]:
    """The first day of the history and the first day after it (this week's Monday)."""
    first = today.replace(day=1)
    for _ in range(HISTORY_MONTHS):
        first = (first - timedelta(days=1)).replace(day=1)
    return first, today - timedelta(days=today.isoweekday() - 1)


def _local(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment), timezone.get_current_timezone())


def _rising(month: int, start: int, end: int) -> int:
    """From ``start`` in the first month to ``end`` in the last, evenly."""
    return start + round((end - start) * month / (HISTORY_MONTHS - 1))


def _plan_sessions(activities: list[Activity], first: date, end: date) -> list[PlannedSession]:
    """One session per active activity and month, on its weekday in the week its number
    picks, at its series' times; an activity joins the history when enough months have
    passed."""
    planned = []
    for month, month_start in enumerate(_months(first, HISTORY_MONTHS)):
        active = activities[: _rising(month, FIRST_MONTH_ACTIVITIES, len(activities))]
        for activity in active:
            schedule = activity.schedules.all()[0]
            weekday = schedule.weekdays[0]
            week_start = month_start + timedelta(days=7 * (activity.pk % 3))
            day = week_start + timedelta(days=(weekday - week_start.isoweekday()) % 7)
            if day >= end or day.month != month_start.month:
                continue
            planned.append(
                PlannedSession(
                    activity=activity,
                    starts_at=_local(day, schedule.start_time),
                    ends_at=_local(day, schedule.end_time),
                    capacity=schedule.capacity,
                    month=min(month, HISTORY_MONTHS - 1),
                )
            )
    return planned


def _history_activities() -> list[Activity]:
    return list(
        Activity.objects.filter(
            participation=Activity.Participation.SIGN_UP, schedules__isnull=False
        )
        .exclude(organisation__slug__startswith=GENERATED_PREFIX)
        .distinct()
        .prefetch_related("schedules")
        .order_by("pk")
    )


def _make_sessions(planned: list[PlannedSession], people: list, rng_seed: str) -> tuple[int, int]:
    """Create the planned sessions that do not exist yet, each with its slot and its
    sign-ups. Returns (sessions, bookings) created."""
    existing = set(
        ActivitySession.objects.filter(
            activity__in={plan.activity for plan in planned}
        ).values_list("activity_id", "starts_at")
    )
    missing = [plan for plan in planned if (plan.activity.pk, plan.starts_at) not in existing]
    if not missing:
        return 0, 0
    sessions = []
    for plan in missing:
        session = ActivitySession(activity=plan.activity)
        session.set_times(plan.starts_at, plan.ends_at)
        sessions.append(session)
    sessions = ActivitySession.objects.bulk_create(sessions)
    bookings_by_session = [
        _sign_ups(plan, people, random.Random(f"{rng_seed}-{plan.activity.pk}-{plan.starts_at}"))  # noqa: S311
        for plan in missing
    ]
    content_type = ContentType.objects.get_for_model(ActivitySession)
    slots = Slot.objects.bulk_create(
        [
            Slot(
                content_type=content_type,
                object_id=session.pk,
                starts_at=session.starts_at,
                ends_at=session.ends_at,
                capacity=plan.capacity,
                arrivals=len(sign_ups),
            )
            for session, plan, sign_ups in zip(sessions, missing, bookings_by_session, strict=True)
        ]
    )
    bookings = []
    for slot, sign_ups in zip(slots, bookings_by_session, strict=True):
        for booking in sign_ups:
            booking.slot = slot
            bookings.append(booking)
    created = Booking.objects.bulk_create(bookings, batch_size=BOOKING_BATCH)
    # ``created_at`` is stamped with the time of writing; a sign-up was made days before.
    ids = [booking.pk for booking in created]
    for start in range(0, len(ids), BOOKING_BATCH):
        Booking.objects.filter(pk__in=ids[start : start + BOOKING_BATCH]).update(
            created_at=F("confirmed_at"), updated_at=F("attendance_marked_at")
        )
    return len(sessions), len(created)


def _sign_ups(plan: PlannedSession, people: list, rng: random.Random) -> list[Booking]:
    pool = people[: min(len(people), FIRST_MONTH_PEOPLE + NEW_PEOPLE_PER_MONTH * plan.month)]
    wanted = _rising(plan.month, 3, 9) + rng.randint(0, 3)
    count = min(wanted, plan.capacity or wanted, len(pool))
    bookings = []
    for sequence, person in enumerate(rng.sample(pool, k=count), start=1):
        signed_up = plan.starts_at - timedelta(days=rng.randint(1, 14), minutes=sequence)
        came = rng.random() < ATTENDED_SHARE
        bookings.append(
            Booking(
                user=person,
                language=person.preferred_language or "da",
                status=Booking.Status.CONFIRMED,
                sequence=sequence,
                confirmed_at=signed_up,
                attendance=Booking.Attendance.ATTENDED if came else Booking.Attendance.NO_SHOW,
                attendance_marked_at=plan.ends_at,
                reminder_sent_at=plan.starts_at - timedelta(hours=24),
            )
        )
    return bookings


def _make_hours(people: list, first: date, end: date, coordinator) -> int:
    """Approved hours for the demo opportunities: a few volunteers in the first month, more
    each month. Returns how many entries were created."""
    texts = read("results")["hours"]["texts"]
    opportunities = list(
        Opportunity.objects.exclude(organisation__slug__startswith=GENERATED_PREFIX).order_by("pk")
    )
    if not opportunities:
        return 0
    existing = set(
        HoursEntry.objects.filter(description__in=texts).values_list("volunteer_id", "date")
    )
    entries = []
    for month, month_start in enumerate(_months(first, HISTORY_MONTHS)):
        rng = random.Random(f"hours-{month_start}")  # noqa: S311
        month = min(month, HISTORY_MONTHS - 1)
        volunteers = rng.sample(people, k=_rising(month, FIRST_MONTH_VOLUNTEERS, 24))
        for volunteer in volunteers:
            for _ in range(rng.randint(1, 2)):
                day = month_start + timedelta(days=rng.randint(0, 27))
                opportunity = rng.choice(opportunities)
                hours, text = rng.choice(HOURS), rng.choice(texts)
                if day >= end or (volunteer.pk, day) in existing:
                    continue
                existing.add((volunteer.pk, day))
                reviewed = _local(day + timedelta(days=2), time(9))
                entries.append(
                    HoursEntry(
                        volunteer=volunteer,
                        person_key=f"user:{volunteer.pk}",
                        organisation_id=opportunity.organisation_id,
                        opportunity=opportunity,
                        source=HoursEntry.Source.LOGGED,
                        date=day,
                        hours=hours,
                        description=text,
                        status=HoursEntry.Status.APPROVED,
                        reviewed_by=coordinator,
                        reviewed_at=reviewed,
                        thanked_at=reviewed,
                    )
                )
    HoursEntry.objects.bulk_create(entries, batch_size=BOOKING_BATCH)
    return len(entries)


def _set_residents() -> int:
    changed = 0
    for slug, residents in read("results")["residents"].items():
        changed += (
            Town.objects.filter(slug=slug).exclude(residents=residents).update(residents=residents)
        )
    return changed


def _place_indicators() -> None:
    services.sync_declared()
    focus_areas = FocusArea.objects.in_bulk(field_name="slug")
    for key, placement in read("results")["indicators"].items():
        focus_area = focus_areas.get(placement["focus_area"])
        if focus_area is None:
            raise RuntimeError("The results demo needs the vision demo; load it first.")
        Indicator.objects.filter(key=key).exclude(
            focus_area=focus_area, chart_period=placement.get("chart", "month")
        ).update(focus_area=focus_area, chart_period=placement.get("chart", "month"))


def _link_initiative() -> None:
    link = read("results")["initiative_link"]
    initiative = Initiative.objects.get(slug=link["initiative"])
    indicator = Indicator.objects.get(key=link["indicator"])
    wanted = {
        "baseline": Decimal(link["baseline"]),
        "baseline_year": link["baseline_year"],
        "target": Decimal(link["target"]),
        "target_date": link["target_date"],
        "drives_progress": True,
    }
    current = InitiativeLink.objects.filter(indicator=indicator, initiative=initiative).first()
    if current is None:
        InitiativeLink.objects.create(indicator=indicator, initiative=initiative, **wanted)
    elif any(getattr(current, name) != value for name, value in wanted.items()):
        InitiativeLink.objects.filter(pk=current.pk).update(**wanted)


def load_results_demo() -> str:
    first, end = history_window(timezone.localdate())
    with transaction.atomic():
        people = ensure_demo_people(PEOPLE_COUNT)
        coordinator = get_user_model().objects.filter(email=DEMO_COORDINATOR_EMAIL).first()
        planned = _plan_sessions(_history_activities(), first, end)
        sessions, bookings = _make_sessions(planned, people, rng_seed="results")
        hours = _make_hours(people, first, end, coordinator)
        _set_residents()
        _place_indicators()
        _link_initiative()
    # Two years of history just arrived: the indicators' joins need statistics that know.
    analyze_tables_with_rows()
    computed = services.compute_all()
    return (
        f"Results: {sessions} past sessions with {bookings} sign-ups and {hours} hours "
        f"entries added since {first:%Y-%m-%d}; {computed} indicators computed."
    )


LOADER = DemoLoader(
    "results",
    "samskab.demo.loaders.results.load_results_demo",
    requires=("vision", "organisations", "catalogue", "volunteering"),
)
