"""Every change to activities, their weekly series and their sessions.

Places, sign-ups, the waitlist and cancellations belong to the booking engine: each session
owns one slot, created, moved, resized and cancelled only through
``samskab.booking.services``. Emails to the people signed up are the engine's and go out
when the surrounding transaction commits, so a change that fails halfway tells nobody.

Editing a weekly series compares the times it now wants with the sessions it has
(``_sync_schedule``):

- a session whose start and end are still wanted is kept, with its sign-ups;
- a session that is no longer wanted but whose date still has a wanted time is moved
  (``reschedule_slot``: sign-ups kept, everyone told the new time);
- any other session no longer wanted is cancelled through the engine (everyone told), or
  simply deleted when nobody has signed up for it;
- wanted times without a session get a new one;
- a changed number of places goes through ``change_capacity`` (which refuses to take a
  place away from anyone).

Only sessions that have not started are touched; cancelled sessions stay cancelled.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.activities import recurrence
from samskab.activities.models import (
    ACCESSIBILITY_FACT_NAMES,
    Activity,
    ActivitySchedule,
    ActivitySession,
    PersonalCalendarFeed,
    new_feed_token,
)
from samskab.booking import selectors as booking_selectors
from samskab.booking import services as booking_services
from samskab.booking.errors import BookingError
from samskab.booking.models import Booking, Slot
from samskab.core.errors import ServiceError


class ActivityError(ServiceError):
    """A rule of activities was broken; ``message`` is written for the organiser, and
    ``field`` names the form field it concerns, when there is one."""


@dataclass(frozen=True)
class WeeklySpec:
    """What a weekly series should be (see ``ActivitySchedule``)."""

    weekdays: tuple[int, ...]
    start_time: time
    end_time: time
    starts_on: date
    ends_on: date
    interval: int = 1
    exception_dates: tuple[date, ...] = ()
    capacity: int | None = None

    def occurrences(self) -> list[recurrence.Occurrence]:
        return recurrence.weekly_occurrences(
            weekdays=self.weekdays,
            start_time=self.start_time,
            end_time=self.end_time,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            interval=self.interval,
            exceptions=self.exception_dates,
        )


@dataclass(frozen=True)
class SingleDateSpec:
    """One session on a date at local times (an end not after the start ends next day)."""

    day: date
    start_time: time
    end_time: time
    capacity: int | None = None

    def occurrence(self) -> recurrence.Occurrence:
        return recurrence.single_occurrence(
            day=self.day, start_time=self.start_time, end_time=self.end_time
        )


@dataclass
class ScheduleChanges:
    """What saving a series did to its sessions, for the message to the organiser."""

    created: int = 0
    kept: int = 0
    moved: int = 0
    cancelled: int = 0
    removed: int = 0
    sessions: list[ActivitySession] = field(default_factory=list)


# --- activities -------------------------------------------------------------------------------


def _check_relations(*, focus_areas, initiative) -> None:
    focus_area_ids = {area.pk for area in focus_areas}
    if not focus_area_ids:
        raise ActivityError(_("Choose at least one focus area."), field="focus_areas")
    if initiative is not None and initiative.focus_area_id not in focus_area_ids:
        raise ActivityError(
            _("The initiative must belong to one of the focus areas you chose."),
            field="initiative",
        )


def _apply_fields(activity: Activity, fields: dict) -> None:
    accessibility = fields.pop("accessibility", None)
    if accessibility is not None:
        unknown = set(accessibility) - set(ACCESSIBILITY_FACT_NAMES)
        if unknown:
            raise ValueError(f"Unknown accessibility facts: {sorted(unknown)}")
        for name in ACCESSIBILITY_FACT_NAMES:
            setattr(activity, name, name in accessibility)
    for name, value in fields.items():
        setattr(activity, name, value)
    if activity.price is None:
        activity.price = 0
    # Without coordinates of its own, an activity is placed at the centre of its town.
    if activity.latitude is None or activity.longitude is None:
        activity.latitude = activity.town.latitude
        activity.longitude = activity.town.longitude


def _set_relations(activity, *, focus_areas, interests, age_groups, languages) -> None:
    activity.focus_areas.set(focus_areas)
    if interests is not None:
        activity.interests.set(interests)
    if age_groups is not None:
        activity.age_groups.set(age_groups)
    if languages is not None:
        activity.languages.set(languages)


def create_activity(
    *,
    organisation,
    created_by,
    focus_areas,
    interests=(),
    age_groups=(),
    languages=(),
    first_dates: WeeklySpec | SingleDateSpec | None = None,
    **fields,
) -> Activity:
    """Create an activity for an organisation, optionally with its first dates (a weekly
    series or a single date) in the same transaction, so a coordinator can publish a weekly
    activity with one form. ``fields`` are Activity fields (``title_da``, ``town``, ...)
    plus ``accessibility``: the names of the accessibility facts that hold.

    Raises ``ActivityError`` (focus areas, initiative, dates) or ``ValidationError``."""
    focus_areas = list(focus_areas)
    _check_relations(focus_areas=focus_areas, initiative=fields.get("initiative"))
    with transaction.atomic():
        activity = Activity(organisation=organisation, created_by=created_by)
        _apply_fields(activity, dict(fields))
        activity.full_clean(exclude=["focus_areas", "interests", "age_groups", "languages"])
        activity.save()
        _set_relations(
            activity,
            focus_areas=focus_areas,
            interests=interests,
            age_groups=age_groups,
            languages=languages,
        )
        if isinstance(first_dates, WeeklySpec):
            create_schedule(activity=activity, spec=first_dates)
        elif isinstance(first_dates, SingleDateSpec):
            add_session(activity=activity, spec=first_dates)
    return activity


def _has_active_bookings(sessions) -> bool:
    return Booking.objects.filter(
        slot__activities_activitysession__in=sessions, status__in=Booking.ACTIVE_STATUSES
    ).exists()


def update_activity(
    *,
    activity: Activity,
    focus_areas,
    interests=None,
    age_groups=None,
    languages=None,
    **fields,
) -> Activity:
    """Save changes to an activity. Switching to "just come" (no sign-up) is refused while
    people are signed up for a session that has not started: cancel those sessions first.
    Raises ``ActivityError`` or ``ValidationError``."""
    focus_areas = list(focus_areas)
    _check_relations(focus_areas=focus_areas, initiative=fields.get("initiative"))
    with transaction.atomic():
        was_sign_up = (
            Activity.objects.filter(pk=activity.pk).values_list("participation", flat=True).get()
            == Activity.Participation.SIGN_UP
        )
        _apply_fields(activity, dict(fields))
        if was_sign_up and not activity.requires_sign_up:
            upcoming = activity.sessions.filter(starts_at__gt=timezone.now())
            if _has_active_bookings(upcoming):
                raise ActivityError(
                    _(
                        "People have signed up for coming sessions, so sign-up cannot be "
                        "switched off. Cancel those sessions first, or keep sign-up."
                    ),
                    field="participation",
                )
        activity.full_clean(exclude=["focus_areas", "interests", "age_groups", "languages"])
        activity.save()
        _set_relations(
            activity,
            focus_areas=focus_areas,
            interests=interests,
            age_groups=age_groups,
            languages=languages,
        )
        if not was_sign_up and activity.requires_sign_up:
            _apply_series_capacities(activity)
    activity.refresh_from_db(fields=["is_free"])
    return activity


def _apply_series_capacities(activity: Activity) -> None:
    """An activity that starts requiring sign-up gets its series' numbers of places on the
    sessions to come (they had no limit while people could just come)."""
    upcoming = _sessions_with_slots(
        activity.sessions.filter(
            starts_at__gt=timezone.now(), schedule__capacity__isnull=False
        ).select_related("schedule")
    )
    for session in upcoming:
        slot = session.booking_slot
        if slot is not None and not slot.is_cancelled:
            booking_services.change_capacity(slot=slot, capacity=session.schedule.capacity)


def delete_activity(*, activity: Activity, by, reason: str = "") -> None:
    """Delete an activity. Sessions that have not started are cancelled through the booking
    engine first, so everyone signed up is told. The engine writes those emails from the
    bookings once the transaction commits, so the activity (with its sessions, slots and
    bookings) is deleted right after that, not before."""
    reason = reason or _("The activity has been discontinued.")
    with transaction.atomic():
        upcoming = _sessions_with_slots(activity.sessions.filter(starts_at__gt=timezone.now()))
        for session in upcoming:
            slot = session.booking_slot
            if slot is not None and not slot.is_cancelled:
                booking_services.cancel_slot(slot=slot, reason=reason, by=by)
        transaction.on_commit(partial(_delete_activity_now, activity.pk))


def _delete_activity_now(activity_pk: int) -> None:
    with transaction.atomic():
        for activity in Activity.objects.filter(pk=activity_pk):
            activity.delete()


# --- sessions ---------------------------------------------------------------------------------


def _slot_capacity(activity: Activity, capacity: int | None) -> int | None:
    # Sessions of a "just come" activity have no sign-up, hence no limit to enforce.
    return capacity if activity.requires_sign_up else None


def _create_session(activity, occurrence, *, schedule=None, capacity=None) -> ActivitySession:
    session = ActivitySession(activity=activity, schedule=schedule)
    session.set_times(occurrence.starts_at, occurrence.ends_at)
    session.save()
    booking_services.create_slot(
        owner=session,
        starts_at=occurrence.starts_at,
        ends_at=occurrence.ends_at,
        capacity=_slot_capacity(activity, capacity),
    )
    return session


def _sessions_with_slots(queryset) -> list[ActivitySession]:
    return list(queryset.prefetch_related(booking_selectors.slots_prefetch()))


def add_session(*, activity: Activity, spec: SingleDateSpec) -> ActivitySession:
    """Add a single date. Raises ``ActivityError`` when it would start in the past."""
    occurrence = spec.occurrence()
    if occurrence.starts_at <= timezone.now():
        raise ActivityError(_("The session must start in the future."), field="day")
    with transaction.atomic():
        return _create_session(activity, occurrence, capacity=spec.capacity)


def add_session_at(
    *, activity: Activity, starts_at, ends_at, capacity: int | None = None
) -> ActivitySession:
    """Add a single session at exact moments (aware datetimes), for sessions that come with
    their own times rather than a local date and clock times, such as an imported
    calendar's events (which may last several days or fall in the hour that a daylight
    saving change repeats). Raises ``ActivityError`` when it would start in the past."""
    if ends_at <= starts_at:
        raise ValueError("A session must end after it starts.")
    if starts_at <= timezone.now():
        raise ActivityError(_("The session must start in the future."))
    with transaction.atomic():
        return _create_session(
            activity, recurrence.Occurrence(starts_at, ends_at), capacity=capacity
        )


def move_session(*, session: ActivitySession, starts_at, ends_at) -> ActivitySession:
    """Move a session to exact moments through the booking engine (sign-ups kept, everyone
    told the new time); the counterpart of ``add_session_at``. Raises ``ActivityError``
    (started, cancelled, or a new start in the past)."""
    now = timezone.now()
    if session.starts_at <= now:
        raise ActivityError(_("The session has started, so it can no longer be changed."))
    if starts_at <= now:
        raise ActivityError(_("The session must start in the future."))
    with transaction.atomic():
        _move(session, recurrence.Occurrence(starts_at, ends_at))
    return session


def _move(session: ActivitySession, occurrence: recurrence.Occurrence) -> None:
    try:
        booking_services.reschedule_slot(
            slot=session.booking_slot, starts_at=occurrence.starts_at, ends_at=occurrence.ends_at
        )
    except BookingError as error:
        raise ActivityError(error.message) from error
    if session.schedule_id is not None:
        _add_exception(session.schedule, session.local_date)
        session.schedule = None
    session.set_times(occurrence.starts_at, occurrence.ends_at)
    session.save()


def change_session(*, session: ActivitySession, spec: SingleDateSpec) -> ActivitySession:
    """Move a session and/or change its number of places through the booking engine:
    sign-ups are kept and everyone is told a new time. A session of a weekly series that
    is moved leaves the series (its old date becomes an exception), so editing the series
    later does not move it back. Raises ``ActivityError`` (past, cancelled, too few
    places for the people who already have one)."""
    occurrence = spec.occurrence()
    now = timezone.now()
    if session.starts_at <= now:
        raise ActivityError(_("The session has started, so it can no longer be changed."))
    if occurrence.starts_at <= now:
        raise ActivityError(_("The session must start in the future."), field="day")
    with transaction.atomic():
        slot = session.booking_slot
        if occurrence.key != (session.starts_at, session.ends_at):
            _move(session, occurrence)
        capacity = _slot_capacity(session.activity, spec.capacity)
        if capacity != slot.capacity:
            try:
                booking_services.change_capacity(slot=slot, capacity=capacity)
            except BookingError as error:
                raise ActivityError(error.message, field="capacity") from error
    return session


def change_session_capacity(*, session: ActivitySession, capacity: int | None) -> None:
    """Set the number of places of one session (None: no limit), through the engine."""
    try:
        booking_services.change_capacity(
            slot=session.booking_slot, capacity=_slot_capacity(session.activity, capacity)
        )
    except BookingError as error:
        raise ActivityError(error.message, field="capacity") from error


def _add_exception(schedule: ActivitySchedule, day: date) -> None:
    schedule = ActivitySchedule.objects.select_for_update().get(pk=schedule.pk)
    dates = set(schedule.exception_dates) | {day.isoformat()}
    schedule.exception_dates = sorted(dates)
    schedule.save(update_fields=["exception_dates", "updated_at"])


def cancel_session(*, session: ActivitySession, reason: str, by) -> ActivitySession:
    """Cancel one session: the booking engine cancels every sign-up and emails everyone
    with the reason. A session of a weekly series also becomes an exception of the series,
    so editing the series later does not bring it back. Cancelling twice is harmless."""
    with transaction.atomic():
        booking_services.cancel_slot(slot=session.booking_slot, reason=reason, by=by)
        if session.schedule_id is not None:
            _add_exception(session.schedule, session.local_date)
    return session


# --- weekly series ----------------------------------------------------------------------------


def _apply_spec(schedule: ActivitySchedule, spec: WeeklySpec) -> None:
    schedule.weekdays = sorted(set(spec.weekdays))
    schedule.interval = spec.interval
    schedule.start_time = spec.start_time
    schedule.end_time = spec.end_time
    schedule.starts_on = spec.starts_on
    schedule.ends_on = spec.ends_on
    schedule.exception_dates = sorted({day.isoformat() for day in spec.exception_dates})
    schedule.capacity = spec.capacity
    schedule.full_clean(exclude=["activity"])


def schedule_spec(schedule: ActivitySchedule) -> WeeklySpec:
    return WeeklySpec(
        weekdays=tuple(schedule.weekdays),
        start_time=schedule.start_time,
        end_time=schedule.end_time,
        starts_on=schedule.starts_on,
        ends_on=schedule.ends_on,
        interval=schedule.interval,
        exception_dates=tuple(schedule.exceptions),
        capacity=schedule.capacity,
    )


def _future_occurrences(spec: WeeklySpec, now) -> list[recurrence.Occurrence]:
    return [occurrence for occurrence in spec.occurrences() if occurrence.starts_at > now]


def create_schedule(*, activity: Activity, spec: WeeklySpec) -> ActivitySchedule:
    """Create a weekly series and its sessions. Raises ``ValidationError`` for an invalid
    series and ``ActivityError`` when it has no date in the future."""
    now = timezone.now()
    schedule = ActivitySchedule(activity=activity)
    _apply_spec(schedule, spec)
    if not _future_occurrences(spec, now):
        raise ActivityError(
            _("No date of this series is in the future. Check the weekdays and the dates."),
            field="ends_on",
        )
    with transaction.atomic():
        schedule.save()
        _sync_schedule(schedule, spec=spec, capacity_changed=False, reason="", by=None, now=now)
    return schedule


def update_schedule(
    *, schedule: ActivitySchedule, spec: WeeklySpec, by, reason: str = ""
) -> ScheduleChanges:
    """Change a weekly series and bring its sessions in line (see the module docstring).
    ``reason`` is sent to people whose session is cancelled. Raises ``ValidationError`` or
    ``ActivityError`` (e.g. fewer places than people who already have one on some date;
    then nothing is changed)."""
    now = timezone.now()
    with transaction.atomic():
        locked = ActivitySchedule.objects.select_for_update().get(pk=schedule.pk)
        capacity_changed = locked.capacity != spec.capacity
        _apply_spec(schedule, spec)
        schedule.save()
        changes = _sync_schedule(
            schedule,
            spec=spec,
            capacity_changed=capacity_changed,
            reason=reason or _("The organiser has changed the dates of the activity."),
            by=by,
            now=now,
        )
    return changes


def delete_schedule(*, schedule: ActivitySchedule, by, reason: str = "") -> ScheduleChanges:
    """End a weekly series: its sessions that have not started are cancelled (everyone
    signed up told) or deleted when nobody signed up; past sessions stay as single dates."""
    now = timezone.now()
    with transaction.atomic():
        ActivitySchedule.objects.select_for_update().get(pk=schedule.pk)
        changes = _sync_schedule(
            schedule,
            spec=None,
            capacity_changed=False,
            reason=reason or _("The organiser has stopped this series of the activity."),
            by=by,
            now=now,
        )
        schedule.delete()
    return changes


def _remove_session(session: ActivitySession, *, reason: str, by) -> bool:
    """Cancel the session through the engine if anyone is signed up (True), otherwise
    delete it (False). The slot is locked first, so nobody can sign up in between."""
    slot = Slot.objects.select_for_update().get(pk=session.booking_slot.pk)
    has_people = Booking.objects.filter(slot=slot, status__in=Booking.ACTIVE_STATUSES).exists()
    if has_people:
        booking_services.cancel_slot(slot=slot, reason=reason, by=by)
        return True
    session.delete()
    return False


def _sync_schedule(
    schedule: ActivitySchedule,
    *,
    spec: WeeklySpec | None,
    capacity_changed: bool,
    reason: str,
    by,
    now,
) -> ScheduleChanges:
    activity = schedule.activity
    changes = ScheduleChanges()
    wanted = _future_occurrences(spec, now) if spec is not None else []
    existing = _sessions_with_slots(schedule.sessions.filter(starts_at__gt=now))
    live = {(s.starts_at, s.ends_at): s for s in existing if not s.is_cancelled}
    cancelled = {(s.starts_at, s.ends_at) for s in existing if s.is_cancelled}
    wanted_keys = {occurrence.key for occurrence in wanted}

    kept = [session for key, session in live.items() if key in wanted_keys]
    unwanted = [session for key, session in live.items() if key not in wanted_keys]
    missing = [o for o in wanted if o.key not in live and o.key not in cancelled]

    # A session that moved within its day is rescheduled rather than cancelled and
    # recreated, so the people signed up keep their place and are told the new time.
    missing_by_day = defaultdict(list)
    for occurrence in missing:
        missing_by_day[timezone.localtime(occurrence.starts_at).date()].append(occurrence)
    moves, removals = [], []
    for session in sorted(unwanted, key=lambda s: s.starts_at):
        candidates = missing_by_day.get(session.local_date)
        if candidates:
            moves.append((session, candidates.pop(0)))
        else:
            removals.append(session)
    new = [occurrence for day in sorted(missing_by_day) for occurrence in missing_by_day[day]]

    capacity = _slot_capacity(activity, schedule.capacity)
    try:
        for session in kept:
            if capacity_changed and session.booking_slot.capacity != capacity:
                _change_capacity_of(session, capacity)
            changes.kept += 1
        for session, occurrence in moves:
            booking_services.reschedule_slot(
                slot=session.booking_slot,
                starts_at=occurrence.starts_at,
                ends_at=occurrence.ends_at,
            )
            session.set_times(occurrence.starts_at, occurrence.ends_at)
            session.save(update_fields=["starts_at", "ends_at", "weekday", "start_time"])
            if capacity_changed and session.booking_slot.capacity != capacity:
                _change_capacity_of(session, capacity)
            changes.moved += 1
    except BookingError as error:
        raise ActivityError(error.message, field="capacity") from error
    for session in removals:
        if _remove_session(session, reason=reason, by=by):
            changes.cancelled += 1
        else:
            changes.removed += 1
    for occurrence in new:
        changes.sessions.append(
            _create_session(activity, occurrence, schedule=schedule, capacity=schedule.capacity)
        )
        changes.created += 1
    return changes


def _change_capacity_of(session: ActivitySession, capacity: int | None) -> None:
    try:
        booking_services.change_capacity(slot=session.booking_slot, capacity=capacity)
    except BookingError as error:
        when = timezone.localtime(session.starts_at)
        raise ActivityError(
            _("%(date)s: %(problem)s")
            % {"date": when.strftime("%d-%m-%Y %H:%M"), "problem": error.message},
            field="capacity",
        ) from error


# --- the personal calendar feed ---------------------------------------------------------------


def personal_feed(*, user) -> PersonalCalendarFeed:
    """The person's calendar feed address, created the first time it is asked for."""
    feed, _created = PersonalCalendarFeed.objects.get_or_create(user=user)
    return feed


def reset_personal_feed(*, user) -> PersonalCalendarFeed:
    """Give the feed a new secret address; the old address stops working at once."""
    with transaction.atomic():
        feed, created = PersonalCalendarFeed.objects.select_for_update().get_or_create(user=user)
        if not created:
            feed.token = new_feed_token()
            feed.reset_at = timezone.now()
            feed.save(update_fields=["token", "reset_at"])
    return feed
