"""Reading needs for pages, alerts and suggestions, each in a fixed number of queries
whatever the number of rows.

What other features build on:

- ``open_needs(now=...)``: needs that still take people, with organisation, town, focus
  areas, skills and their slot's occupancy (``places_left(need)`` then needs no query).
- ``need_facts(need)`` and ``alert_candidates(need)``: the alert rules' view of a need and
  the volunteers it fits (see ``samskab.needs.rules``).
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from samskab.booking import errors as booking_errors
from samskab.booking import selectors as booking_selectors
from samskab.booking.models import Booking, Slot
from samskab.needs import errors, rules
from samskab.needs.models import Need, NeedAlert
from samskab.organisations.selectors import can_coordinate
from samskab.reference.models import Skill, Town
from samskab.vision.models import FocusArea
from samskab.volunteering.models import VolunteerProfile

STATUS = Need.Status
ALERT = NeedAlert.Status


def need_type() -> ContentType:
    return ContentType.objects.get_for_model(Need)


def _with_relations(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("organisation", "town").prefetch_related(
        Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order", "pk")),
        Prefetch("skills", queryset=Skill.objects.order_by("order", "name", "pk")),
        booking_selectors.slots_prefetch(),
    )


def places_left(need: Need) -> int | None:
    """Free places on the need's slot (None: no limit). No query when the need comes from
    a selector here (the slot's occupancy is prefetched)."""
    slot = need.booking_slot
    return booking_selectors.places_left(slot) if slot is not None else None


def people_confirmed(need: Need) -> int:
    slot = need.booking_slot
    if slot is None:
        return 0
    confirmed = getattr(slot, "confirmed_count", None)
    if confirmed is None:
        confirmed = slot.bookings.filter(status=Booking.Status.CONFIRMED).count()
    return confirmed


# --- public pages ------------------------------------------------------------------------------


def open_needs(*, now=None) -> QuerySet[Need]:
    """Needs that still take people, soonest first, with what lists show."""
    return _with_relations(Need.objects.open_at(now)).order_by("starts_at", "pk")


def open_needs_in(*, town_ids, now=None) -> QuerySet[Need]:
    """Open needs in these towns or from home; all open needs when ``town_ids`` is empty."""
    needs = open_needs(now=now)
    if town_ids:
        needs = needs.filter(Q(town_id__in=list(town_ids)) | Q(from_home=True))
    return needs


def towns_near_ids(town_ids, radius_km: float | None = None) -> set[int]:
    """The given towns and every town within the alert radius of one of them."""
    if not town_ids:
        return set()
    radius = rules.alert_radius_km() if radius_km is None else radius_km
    points = town_points()
    near = set()
    for town_id in town_ids:
        near |= rules.towns_near(town_id, points, radius)
    return near


def town_points() -> dict[int, tuple[float, float]]:
    """Every town's coordinates by id: one query over a short list."""
    return {
        pk: (latitude, longitude)
        for pk, latitude, longitude in Town.objects.values_list("pk", "latitude", "longitude")
    }


def profile_towns(user) -> list[Town]:
    """The towns in the user's volunteer profile (none for visitors)."""
    if not user.is_authenticated:
        return []
    return list(Town.objects.filter(volunteer_profiles__user=user).order_by("name", "pk"))


def need_for_page(*, pk: int) -> Need | None:
    """A need with everything its page shows, or None. Cancelled and closed needs stay
    reachable (people follow old links); the page says where they stand."""
    return (
        _with_relations(Need.objects.all()).select_related("contact_person").filter(pk=pk).first()
    )


def need_is_visible_to(need: Need, user) -> bool:
    """The public sees needs of approved organisations; coordinators see their own."""
    return need.organisation.is_public or can_coordinate(user, need.organisation)


def booking_of(need: Need, user) -> Booking | None:
    """The user's active booking (their place) on the need, or None."""
    slot = need.booking_slot
    if slot is None or user is None or not user.is_authenticated:
        return None
    return booking_selectors.active_booking(slot=slot, user=user)


def acceptance_problem(need: Need, now=None) -> errors.NeedError | None:
    """Why accepting the need cannot give a place right now (None: it can). Reads the
    prefetched occupancy when present."""
    now = now or timezone.now()
    if need.status == STATUS.CANCELLED:
        return errors.NeedCancelled()
    if need.status == STATUS.CLOSED or need.has_started(now):
        return errors.NeedClosed()
    if need.status == STATUS.FILLED or places_left(need) == 0:
        return errors.NeedFilled()
    slot = need.booking_slot
    if slot is not None and slot.is_cancelled:
        return errors.NeedCancelled()
    return None


def engine_error_as_need_error(error: booking_errors.BookingError) -> errors.NeedError:
    """The engine's refusal, in the words of a need."""
    if isinstance(error, booking_errors.SlotFull):
        return errors.NeedFilled()
    if isinstance(error, booking_errors.SlotCancelled):
        return errors.NeedCancelled()
    if isinstance(error, booking_errors.BookingClosed):
        return errors.NeedClosed()
    return errors.NeedError(error.message)


def alert_by_token(*, need_id: int, token: str) -> NeedAlert | None:
    """The alert a one-click link belongs to, only if it is for this very need."""
    if not token or len(token) > NeedAlert._meta.get_field("token").max_length:
        return None
    return (
        NeedAlert.objects.select_related("volunteer")
        .filter(token=token, need_id=need_id, volunteer__is_active=True)
        .first()
    )


# --- the organisation's pages ---------------------------------------------------------------


def needs_for_management(organisation, *, now=None) -> list[Need]:
    """Every need of the organisation, coming ones first (soonest first), then past ones
    (latest first), with occupancy and how many alerts went out."""
    now = now or timezone.now()
    needs = (
        _with_relations(Need.objects.filter(organisation=organisation))
        .annotate(alerts_sent=Count("alerts", filter=Q(alerts__status=ALERT.SENT)))
        .order_by("-starts_at", "-pk")
    )
    needs = list(needs)
    coming = sorted((n for n in needs if n.ends_at > now), key=lambda n: (n.starts_at, n.pk))
    past = [n for n in needs if n.ends_at <= now]
    return coming + past


def need_for_management(*, organisation, pk: int) -> Need | None:
    return (
        _with_relations(Need.objects.filter(organisation=organisation))
        .select_related("contact_person", "posted_by")
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class AlertSummary:
    sent: int
    queued: int
    skipped: int
    accepted: int


def alert_summary(need: Need) -> AlertSummary:
    counts = need.alerts.aggregate(
        sent=Count("pk", filter=Q(status=ALERT.SENT)),
        queued=Count("pk", filter=Q(status=ALERT.QUEUED)),
        skipped=Count("pk", filter=Q(status=ALERT.SKIPPED)),
        accepted=Count("pk", filter=Q(accepted_at__isnull=False)),
    )
    return AlertSummary(**counts)


# --- who gets an alert ------------------------------------------------------------------------


def need_facts(need: Need) -> rules.NeedFacts:
    return rules.NeedFacts(
        from_home=need.from_home,
        town_id=need.town_id,
        skill_ids=frozenset(need.skills.values_list("pk", flat=True)),
        availability_codes=rules.availability_codes_between(need.starts_at, need.ends_at),
    )


@dataclass
class Candidate:
    profile: VolunteerProfile
    existing_alert: NeedAlert | None


def _id_sets(through, owner_field: str, value_field: str, owner_ids) -> dict[int, set[int]]:
    sets: dict[int, set[int]] = {}
    rows = through.objects.filter(**{f"{owner_field}__in": owner_ids}).values_list(
        owner_field, value_field
    )
    for owner_id, value_id in rows:
        sets.setdefault(owner_id, set()).add(value_id)
    return sets


def alert_candidates(
    need: Need, *, facts: rules.NeedFacts | None = None, volunteer=None
) -> list[Candidate]:
    """Volunteers the need fits (``rules.fits``) who may still be alerted about it: opted
    in, active, not the person who posted it, without a place on it already, and either
    never alerted about it or skipped for a reason that may have passed (their weekly
    limit, or the need being filled at the time); only ``volunteer``, if given. Six
    queries whatever the numbers.

    The database narrows by opt-in, skills and towns; weekly availability is checked here.
    """
    facts = facts or need_facts(need)
    profiles = VolunteerProfile.objects.filter(ad_hoc_alerts=True, user__is_active=True)
    if volunteer is not None:
        profiles = profiles.filter(user=volunteer)
    if need.posted_by_id:
        profiles = profiles.exclude(user_id=need.posted_by_id)
    if facts.skill_ids:
        profiles = profiles.filter(
            Exists(
                VolunteerProfile.skills.through.objects.filter(
                    volunteerprofile_id=OuterRef("pk"), skill_id__in=facts.skill_ids
                )
            )
        )
    near_town_ids = frozenset(towns_near_ids([facts.town_id]) if facts.town_id else ())
    if not facts.from_home:
        profile_towns = VolunteerProfile.towns.through.objects.filter(
            volunteerprofile_id=OuterRef("pk")
        )
        profiles = profiles.filter(
            ~Exists(profile_towns) | Exists(profile_towns.filter(town_id__in=near_town_ids))
        )
    slot = need.booking_slot
    if slot is not None:
        profiles = profiles.exclude(
            Exists(
                Booking.objects.filter(
                    slot=slot, user_id=OuterRef("user_id"), status__in=Booking.ACTIVE_STATUSES
                )
            )
        )
    reconsidered = (NeedAlert.SkipReason.WEEKLY_LIMIT, NeedAlert.SkipReason.FILLED)
    profiles = profiles.exclude(
        Exists(
            NeedAlert.objects.filter(need=need, volunteer_id=OuterRef("user_id")).exclude(
                status=ALERT.SKIPPED, skip_reason__in=reconsidered
            )
        )
    ).order_by("pk")
    profiles = list(profiles)
    profile_ids = [profile.pk for profile in profiles]
    towns = _id_sets(VolunteerProfile.towns.through, "volunteerprofile_id", "town_id", profile_ids)
    skills = _id_sets(
        VolunteerProfile.skills.through, "volunteerprofile_id", "skill_id", profile_ids
    )
    existing = {
        alert.volunteer_id: alert
        for alert in NeedAlert.objects.filter(
            need=need, volunteer_id__in=[profile.user_id for profile in profiles]
        )
    }
    candidates = []
    for profile in profiles:
        volunteer = rules.VolunteerFacts(
            town_ids=frozenset(towns.get(profile.pk, ())),
            skill_ids=frozenset(skills.get(profile.pk, ())),
            availability=frozenset(profile.availability or ()),
        )
        if rules.fits(facts, volunteer, near_town_ids):
            candidates.append(Candidate(profile, existing.get(profile.user_id)))
    return candidates


def alerts_counted_towards_limit(user_ids, *, now: datetime) -> dict[int, int]:
    """Per volunteer: alerts sent in the last 7 days plus alerts waiting to be sent."""
    since = now - rules.LIMIT_WINDOW
    rows = (
        NeedAlert.objects.filter(volunteer_id__in=list(user_ids))
        .filter(Q(status=ALERT.SENT, sent_at__gt=since) | Q(status=ALERT.QUEUED))
        .values("volunteer_id")
        .annotate(total=Count("pk"))
        .values_list("volunteer_id", "total")
    )
    return dict(rows)


def alert_for_sending(pk: int) -> NeedAlert | None:
    return (
        NeedAlert.objects.select_related(
            "need", "need__organisation", "need__town", "volunteer", "volunteer__volunteer_profile"
        )
        .filter(pk=pk)
        .first()
    )


def slot_of(need: Need) -> Slot | None:
    return Slot.objects.filter(content_type=need_type(), object_id=need.pk).first()


def holding_count(slot: Slot) -> int:
    return slot.bookings.filter(status__in=Booking.PLACE_HOLDING_STATUSES).count()
