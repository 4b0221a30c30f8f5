"""Reading activities and sessions for pages and feeds, each in a fixed number of queries.

What the catalogue, the front page's "this week near you" and focus-area pages build on:

- ``activity_list_queryset(session_q=..., now=...)``: published activities of approved
  organisations, annotated with their next session that matches ``session_q``
  (``next_session_starts_at``, ``next_session_id``), with organisation, town, age groups
  and languages loaded. Chain the filters of ``ActivityQuerySet``
  (``in_focus_areas``, ``with_interests``, ``for_age_groups``, ``in_languages``,
  ``in_towns``, ``free``, ``come_alone``, ``with_accessibility``, ``with_distance_from``),
  keep activities with a matching session with ``.filter(next_session_id__isnull=False)``,
  sort with ``order_by(SOONEST)`` or by ``distance_km``, paginate, then call
  ``attach_next_sessions(page)`` to load those sessions with their places left.
- ``session_filter(start=..., end=..., weekdays=..., times_of_day=...)``: a ``Q`` over
  sessions for a date range, weekdays and times of day (all indexed columns).
- ``upcoming_sessions(...)``: sessions themselves, soonest first, with activity and places.
- ``card_activities(refs)``: what the activity cards not kept in the cache show, for a
  list that reads which cards it shows before their sessions (the catalogue, an
  organisation's ``upcoming_activities_of``).
- ``town_for(...)``: the town a postcode or town name means, for "nearest to".
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import NamedTuple

from django.core.paginator import Page
from django.db.models import (
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
    prefetch_related_objects,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.activities.models import (
    Activity,
    ActivitySchedule,
    ActivitySession,
    PersonalCalendarFeed,
)
from samskab.booking import selectors as booking_selectors
from samskab.booking.models import Booking
from samskab.core import related_lists
from samskab.core.related_lists import RelatedList
from samskab.core.text import is_whole_number
from samskab.reference.models import AgeGroup, Interest, Language, Town
from samskab.vision.models import FocusArea

# How many coming sessions the activity page shows with a sign-up box each; the rest are in
# the calendar feed and appear as the first ones pass.
PAGE_SESSION_LIMIT = 8
# How far back feeds reach, so a calendar keeps recent events instead of dropping them.
FEED_HISTORY = timedelta(days=60)
FEED_SESSION_LIMIT = 1000

SOONEST = F("next_session_starts_at").asc(nulls_last=True)


class TimeOfDay(TextChoices):
    MORNING = "morning", _("Morning (before 12)")
    AFTERNOON = "afternoon", _("Afternoon (12 to 17)")
    EVENING = "evening", _("Evening (from 17)")


TIME_OF_DAY_RANGES = {
    TimeOfDay.MORNING: (None, time(12)),
    TimeOfDay.AFTERNOON: (time(12), time(17)),
    TimeOfDay.EVENING: (time(17), None),
}


# --- reference lists ---------------------------------------------------------------------------


def towns() -> QuerySet[Town]:
    return Town.objects.order_by("name", "pk")


def town_for(query: str) -> Town | None:
    """The town meant by a postcode ("6760") or a town name ("ribe"), or None."""
    query = (query or "").strip()
    if not query:
        return None
    if is_whole_number(query):
        return Town.objects.filter(postcode=query).order_by("pk").first()
    return Town.objects.filter(name__iexact=query).first()


def interests() -> QuerySet[Interest]:
    return Interest.objects.order_by("order", "name", "pk")


def age_groups() -> QuerySet[AgeGroup]:
    return AgeGroup.objects.order_by("order", "pk")


def languages() -> QuerySet[Language]:
    return Language.objects.order_by("order", "pk")


# What an activity card shows of its lists, into ``Activity.listed_age_groups`` and
# ``listed_languages`` (Django would otherwise build a queryset per activity to hold them).
CARD_LISTS = (
    RelatedList("age_groups", ("name", "name_da", "name_en"), attr="listed_age_groups"),
    RelatedList("languages", ("name", "name_da", "name_en"), attr="listed_languages"),
)


def attach_card_lists(activities) -> None:
    """The age groups and languages the activities' cards show: one query for all."""
    related_lists.attach(activities, CARD_LISTS)


def _focus_areas_in_order():
    return FocusArea.objects.order_by("order", "pk")


# --- sessions --------------------------------------------------------------------------------


def not_cancelled() -> Q:
    return Q(booking_slots__cancelled_at__isnull=True)


def session_filter(
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    weekdays=(),
    times_of_day=(),
    now: datetime | None = None,
) -> Q:
    """Sessions that have not ended (``now``) and are not cancelled, starting in
    [``start``, ``end``), on one of the ISO ``weekdays`` (1 = Monday) and at one of the
    ``times_of_day`` (``TimeOfDay`` values), local time."""
    now = now or timezone.now()
    condition = Q(ends_at__gt=now) & not_cancelled()
    if start is not None:
        condition &= Q(starts_at__gte=start)
    if end is not None:
        condition &= Q(starts_at__lt=end)
    if weekdays:
        condition &= Q(weekday__in=list(weekdays))
    if times_of_day:
        any_time = Q()
        for choice in times_of_day:
            earliest, latest = TIME_OF_DAY_RANGES[TimeOfDay(choice)]
            part = Q()
            if earliest is not None:
                part &= Q(start_time__gte=earliest)
            if latest is not None:
                part &= Q(start_time__lt=latest)
            any_time |= part
        condition &= any_time
    return condition


def upcoming_sessions(
    *, activities=None, session_q: Q | None = None, now: datetime | None = None
) -> QuerySet[ActivitySession]:
    """Sessions of published activities that have not ended and are not cancelled (or that
    match ``session_q`` from ``session_filter``), soonest first, with activity, organisation,
    town and the slot's places left loaded. Slice it before use."""
    condition = session_q if session_q is not None else session_filter(now=now)
    sessions = ActivitySession.objects.filter(condition, activity__in=Activity.objects.published())
    if activities is not None:
        sessions = sessions.filter(activity__in=activities)
    return (
        sessions.select_related("activity", "activity__organisation", "activity__town")
        .prefetch_related(booking_selectors.slots_prefetch())
        .order_by("starts_at", "pk")
    )


# --- lists of activities -----------------------------------------------------------------------


def activity_list_queryset(*, session_q: Q | None = None, now: datetime | None = None):
    """Published activities of approved organisations with their next session matching
    ``session_q`` (default: any coming session that is not cancelled) as
    ``next_session_starts_at`` and ``next_session_id`` (None when there is none), and the
    rows the activity card shows (organisation, town, age groups, languages; add
    ``prefetch_related("focus_areas")`` if a page shows them). See the module docstring."""
    condition = session_q if session_q is not None else session_filter(now=now)
    next_sessions = ActivitySession.objects.filter(condition, activity_id=OuterRef("pk")).order_by(
        "starts_at", "pk"
    )
    return (
        Activity.objects.published()
        .annotate(
            next_session_id=Subquery(next_sessions.values("pk")[:1]),
            next_session_starts_at=Subquery(next_sessions.values("starts_at")[:1]),
        )
        .select_related("organisation", "town")
    )


def attach_next_sessions(activities) -> list[Activity]:
    """Load each activity's ``next_session_id`` (from ``activity_list_queryset``) as
    ``activity.next_session``, with its places left: two queries for the whole list (the
    cards read their lists only when they are not kept, ``cards.attach_cards``)."""
    activities = list(activities)
    ids = [a.next_session_id for a in activities if getattr(a, "next_session_id", None)]
    sessions = {}
    if ids:
        sessions = {
            session.pk: session
            for session in ActivitySession.objects.filter(pk__in=ids).prefetch_related(
                booking_selectors.slots_prefetch()
            )
        }
    for activity in activities:
        session = sessions.get(getattr(activity, "next_session_id", None))
        if session is not None:
            session.activity = activity
        activity.next_session = session
    return activities


class CardRef(NamedTuple):
    """Which activity card (``activities.cards``): an activity, and the start of the session
    it shows (None: no session)."""

    activity_id: int
    starts_at: datetime | None


def upcoming_activities_of(organisation, *, limit: int = 6, now=None) -> list[Activity]:
    """The organisation's published activities with a coming session, soonest first, with
    organisation and town and the start of that session (``next_session_starts_at``), but
    not the session: their cards are kept, and ``card_activities(refs, loaded=...)`` reads
    the sessions of those that are not."""
    return list(
        activity_list_queryset(now=now)
        .filter(organisation=organisation, next_session_starts_at__isnull=False)
        .order_by(SOONEST, "title", "pk")[:limit]
    )


def sessions_starting(firsts: dict[int, datetime], condition: Q) -> dict[int, ActivitySession]:
    """The first session matching ``condition`` of each activity in ``firsts`` (activity
    id -> the session's start), with its booking slot and places left: two queries."""
    if not firsts:
        return {}
    pairs = Q()
    for activity_id, starts_at in firsts.items():
        pairs |= Q(activity_id=activity_id, starts_at=starts_at)
    sessions = (
        ActivitySession.objects.filter(condition)
        .filter(pairs)
        .prefetch_related(booking_selectors.slots_prefetch())
        .order_by("starts_at", "pk")
    )
    first: dict[int, ActivitySession] = {}
    for session in sessions:
        first.setdefault(session.activity_id, session)
    return first


def card_activities(
    refs, *, condition: Q | None = None, now=None, loaded: dict[int, Activity] | None = None
) -> dict[int, Activity]:
    """The activities of ``refs`` (anything with ``activity_id`` and ``starts_at``, as
    ``CardRef``) with what their cards show, by id, each with the session matching
    ``condition`` (default: not ended nor cancelled) that starts at its ref's start as
    ``next_session``: three queries, two when the activities are ``loaded`` already (by id,
    with organisation and town). An activity deleted meanwhile is left out."""
    wanted = {ref.activity_id: ref.starts_at for ref in refs}
    if not wanted:
        return {}
    if loaded is not None:
        by_id = {pk: loaded[pk] for pk in wanted if pk in loaded}
    else:
        by_id = (
            Activity.objects.filter(pk__in=list(wanted))
            .select_related("organisation", "town")
            .in_bulk()
        )
    sessions = sessions_starting(
        {pk: start for pk, start in wanted.items() if start is not None and pk in by_id},
        session_filter(now=now) if condition is None else condition,
    )
    for pk, activity in by_id.items():
        session = sessions.get(pk)
        if session is not None:
            session.activity = activity
        activity.next_session = session
        activity.next_session_id = session.pk if session else None
        activity.next_session_starts_at = wanted[pk]
    return by_id


# --- the activity page ----------------------------------------------------------------------------


def activity_for_page(*, pk: int) -> Activity | None:
    """Any activity (the caller checks who may see it) with its organisation, town and
    initiative; ``prefetch_for_page`` reads the rest of what its page shows."""
    return (
        Activity.objects.filter(pk=pk).select_related("organisation", "town", "initiative").first()
    )


# What the activity page shows of its lists (``core.related_lists``: one query for all four).
PAGE_LISTS = (
    RelatedList("focus_areas", ("slug", "title", "title_da", "title_en")),
    RelatedList("interests", ("name", "name_da", "name_en")),
    RelatedList("age_groups", ("name", "name_da", "name_en")),
    RelatedList("languages", ("code", "name", "name_da", "name_en", "native_name")),
)


def prefetch_for_page(activity: Activity) -> None:
    """The activity's lists its page shows (focus areas, interests, age groups and
    languages in one query) and its weekly series (one): two queries."""
    related_lists.attach([activity], PAGE_LISTS)
    prefetch_related_objects(
        [activity],
        Prefetch("schedules", queryset=ActivitySchedule.objects.order_by("starts_on", "pk")),
    )


def activity_is_visible_to(activity: Activity, user) -> bool:
    """Everyone sees a published activity of an approved organisation; its organisation's
    administrators and coordinators (and municipal staff) also see it before that."""
    from samskab.organisations.selectors import can_coordinate

    return activity.is_public or can_coordinate(user, activity.organisation)


@dataclass
class PageSessions:
    sessions: list[ActivitySession]
    has_more: bool


def page_sessions(*, activity: Activity, now=None, limit: int = PAGE_SESSION_LIMIT):
    """The coming sessions shown on the activity page, cancelled ones included (people need
    to know), with places left; ``has_more`` when there are more than ``limit``."""
    now = now or timezone.now()
    sessions = list(
        activity.sessions.filter(ends_at__gt=now)
        .prefetch_related(booking_selectors.slots_prefetch())
        .order_by("starts_at", "pk")[: limit + 1]
    )
    for session in sessions:
        session.activity = activity
    return PageSessions(sessions=sessions[:limit], has_more=len(sessions) > limit)


# --- management ---------------------------------------------------------------------------------


def activities_for_management(organisation, *, now=None) -> list[Activity]:
    """All the organisation's activities, published or not, with their next session."""
    activities = (
        Activity.objects.filter(organisation=organisation)
        .annotate(
            next_session_id=Subquery(
                ActivitySession.objects.filter(session_filter(now=now), activity_id=OuterRef("pk"))
                .order_by("starts_at", "pk")
                .values("pk")[:1]
            )
        )
        .select_related("town")
        .order_by("title", "pk")
    )
    return attach_next_sessions(activities)


def activity_for_management(*, organisation, pk: int) -> Activity | None:
    """One of the organisation's activities (None for another organisation's)."""
    return (
        Activity.objects.filter(organisation=organisation, pk=pk)
        .select_related("organisation", "town", "initiative")
        .prefetch_related(
            Prefetch("focus_areas", queryset=_focus_areas_in_order()),
            Prefetch("interests", queryset=interests()),
            Prefetch("age_groups", queryset=age_groups()),
            Prefetch("languages", queryset=languages()),
            Prefetch("schedules", queryset=ActivitySchedule.objects.order_by("starts_on", "pk")),
        )
        .first()
    )


def sessions_for_management(*, activity: Activity, now=None) -> list[ActivitySession]:
    """Every session of the activity that has not ended, cancelled ones included."""
    now = now or timezone.now()
    sessions = list(
        activity.sessions.filter(ends_at__gt=now)
        .select_related("schedule")
        .prefetch_related(booking_selectors.slots_prefetch())
        .order_by("starts_at", "pk")
    )
    for session in sessions:
        session.activity = activity
    return sessions


def past_session_count(*, activity: Activity, now=None) -> int:
    return activity.sessions.filter(ends_at__lte=now or timezone.now()).count()


def session_for_management(*, activity: Activity, pk: int) -> ActivitySession | None:
    session = (
        activity.sessions.filter(pk=pk)
        .select_related("schedule")
        .prefetch_related(booking_selectors.slots_prefetch())
        .first()
    )
    if session is not None:
        session.activity = activity
    return session


def schedule_of(*, activity: Activity, pk: int) -> ActivitySchedule | None:
    schedule = activity.schedules.filter(pk=pk).first()
    if schedule is not None:
        schedule.activity = activity
    return schedule


# --- calendar feeds ---------------------------------------------------------------------------


def _feed_sessions(sessions, now):
    return (
        sessions.filter(ends_at__gte=(now or timezone.now()) - FEED_HISTORY)
        .select_related("activity", "activity__organisation", "activity__town")
        .prefetch_related(booking_selectors.slots_prefetch())
        .order_by("starts_at", "pk")[:FEED_SESSION_LIMIT]
    )


def activity_feed_sessions(*, activity: Activity, now=None) -> list[ActivitySession]:
    return list(_feed_sessions(activity.sessions.all(), now))


def organisation_feed_sessions(*, organisation, now=None) -> list[ActivitySession]:
    """Sessions of the organisation's published activities (cancelled ones included, so
    calendars that already show them learn of the cancellation)."""
    return list(
        _feed_sessions(
            ActivitySession.objects.filter(
                activity__organisation=organisation, activity__is_published=True
            ),
            now,
        )
    )


def feed_by_token(token: str) -> PersonalCalendarFeed | None:
    if not token or len(token) > PersonalCalendarFeed._meta.get_field("token").max_length:
        return None
    return PersonalCalendarFeed.objects.select_related("user").filter(token=token).first()


def personal_feed_bookings(*, user, now=None) -> list[Booking]:
    """What a person's calendar shows: every coming sign-up (confirmed, offered, waiting,
    awaiting confirmation, or cancelled by the organiser) and what they took part in over
    the last weeks, of activities and of anything else booked through the engine."""
    now = now or timezone.now()
    if not user.is_active:
        return []
    upcoming = booking_selectors.bookings_for_user(user=user, upcoming=True, now=now)
    recent = booking_selectors.bookings_for_user(
        user=user, upcoming=False, now=now, ended_after=now - FEED_HISTORY
    )
    return upcoming + recent


# --- "my activities" ------------------------------------------------------------------------


@dataclass
class MyActivities:
    upcoming: list[Booking]
    past_page: Page

    @property
    def past(self) -> list[Booking]:
        return self.past_page.object_list

    @property
    def offers(self) -> list[Booking]:
        return [b for b in self.upcoming if b.status == Booking.Status.OFFERED]


def my_activities(*, user, past_page_number=None, now=None) -> MyActivities:
    """The person's sign-ups for activity sessions: coming ones (with waitlist positions,
    open offers and sessions the organiser cancelled) and a page of the ones they took part
    in."""
    now = now or timezone.now()
    return MyActivities(
        upcoming=booking_selectors.bookings_for_user(
            user=user, upcoming=True, now=now, owner_model=ActivitySession
        ),
        past_page=booking_selectors.past_bookings_page(
            user=user, page_number=past_page_number, now=now, owner_model=ActivitySession
        ),
    )
