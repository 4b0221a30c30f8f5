""" "Suggested for you": open opportunities and needs ranked by how well they fit one
volunteer, each with the reasons in words.

``suggestions_for(user)`` works in a fixed number of queries whatever the number of
opportunities, fast enough for 5,000 open ones (bench/matching_bench.py; figures in
bench/RESULTS.md, "Suggestions"):

1. the volunteer's profile (towns with coordinates, skills, interests, availability);
2. the open needs, and every published opportunity as plain values (id, kind, town,
   coordinates), with only the skills and interests it shares with the volunteer;
3. points counted in Python (``scoring``) first without dates; then the dates (soonest
   start, first start when the volunteer is free, as whole seconds) are read in one grouped
   query only for the opportunities that can still reach the list, and those are scored
   again (see ``scored_opportunities``);
4. only the suggestions shown are loaded whole, and their reasons put in words.

Open means: a published opportunity of an approved organisation that is an ongoing role or
has a shift that is not cancelled within ``HORIZON`` (the coming four weeks: what
"Suggested for you" looks ahead to), and needs that still take people. What the volunteer
already signed up for is left out.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractHour, ExtractIsoWeekDay
from django.utils import timezone

from samskab.booking import selectors as booking_selectors
from samskab.booking.models import Booking, Slot
from samskab.matching import scoring
from samskab.matching.expressions import EpochSeconds
from samskab.needs import selectors as needs_selectors
from samskab.needs.models import Need
from samskab.reference.models import Interest, Skill, Town
from samskab.volunteering.models import Opportunity, Shift, VolunteerProfile

# One-off tasks are suggested for their dates in the coming four weeks.
HORIZON = timedelta(days=28)
DEFAULT_LIMIT = 12
# Past this many, filtering the dates by opportunity costs more than reading them all.
MAX_LISTED_IDS = 2000


@dataclass
class Suggestion:
    kind: str
    item: Opportunity | Need
    score: float
    reasons: list[str]

    @property
    def is_need(self) -> bool:
        return self.kind == scoring.NEED


@dataclass
class Suggestions:
    has_profile: bool
    items: list[Suggestion] = field(default_factory=list)


# --- the volunteer ------------------------------------------------------------------------------


@dataclass(frozen=True)
class VolunteerData:
    profile_id: int
    facts: scoring.VolunteerFacts
    town_names: dict[int, str]
    skill_names: dict[int, str]
    interest_names: dict[int, str]


def volunteer_data(user) -> VolunteerData | None:
    """The volunteer's profile as scoring reads it, in four queries; None without one."""
    profile = (
        VolunteerProfile.objects.filter(user=user, user__is_active=True)
        .values("pk", "availability")
        .first()
    )
    if profile is None:
        return None
    towns = list(
        Town.objects.filter(volunteer_profiles=profile["pk"]).values_list(
            "pk", "name", "latitude", "longitude"
        )
    )
    skills = {
        skill.pk: skill.name for skill in Skill.objects.filter(volunteer_profiles=profile["pk"])
    }
    interests = {
        interest.pk: interest.name
        for interest in Interest.objects.filter(volunteer_profiles=profile["pk"])
    }
    return VolunteerData(
        profile_id=profile["pk"],
        facts=scoring.VolunteerFacts(
            towns={pk: (latitude, longitude) for pk, _name, latitude, longitude in towns},
            skill_ids=frozenset(skills),
            interest_ids=frozenset(interests),
            availability=frozenset(profile["availability"] or ()),
        ),
        town_names={pk: name for pk, name, _lat, _lon in towns},
        skill_names=skills,
        interest_names=interests,
    )


# --- candidates ---------------------------------------------------------------------------------
# Translated models (opportunities, shifts, needs) are read with ``rewrite(False)``: plain
# values, without modeltranslation's per-row fallback work, which would cost more than the
# scoring itself over thousands of rows.


def _shared(through, owner_field: str, value_field: str, value_ids, **filters):
    """{owner id: ids it shares with the volunteer} from an M2M table, reading only the
    rows of the volunteer's own skills or interests."""
    shared: dict[int, set[int]] = {}
    if not value_ids:
        return shared
    rows = through.objects.filter(**{f"{value_field}__in": value_ids}, **filters).values_list(
        owner_field, value_field
    )
    for owner_id, value_id in rows:
        shared.setdefault(owner_id, set()).add(value_id)
    return shared


def _shared_pairs(through, value_field: str, value_ids) -> list[tuple[int, int]]:
    """(opportunity id, value id) rows of a link table, for the volunteer's own skills or
    interests only."""
    if not value_ids:
        return []
    return list(
        through.objects.filter(**{f"{value_field}__in": value_ids}).values_list(
            "opportunity_id", value_field
        )
    )


def _counts(pairs) -> dict[int, int]:
    counts: dict[int, int] = {}
    for owner_id, _value_id in pairs:
        counts[owner_id] = counts.get(owner_id, 0) + 1
    return counts


def _signed_up_opportunity_ids(user, now) -> set[int]:
    return set(
        Shift.objects.rewrite(False)
        .filter(
            ends_at__gt=now,
            booking_slots__bookings__user=user,
            booking_slots__bookings__status__in=Booking.ACTIVE_STATUSES,
        )
        .values_list("opportunity_id", flat=True)
    )


def _free_hours(availability) -> list[int]:
    """The volunteer's weekly availability as local weekday * 100 + hour values
    ("6-morning" is Saturday, hours 0–11: 600…611), to compare with one expression."""
    values = []
    for code in sorted(availability):
        weekday, period = code.split("-", 1)
        start, until = scoring.hours_of(period)
        values += [int(weekday) * 100 + hour for hour in range(start, until)]
    return values


def _moment(epoch_seconds: int | None):
    return None if epoch_seconds is None else datetime.fromtimestamp(epoch_seconds, UTC)


def _coming_dates(now, availability, *, opportunity_ids=None) -> dict[int, tuple]:
    """Per opportunity with a shift in the horizon that is not cancelled: its soonest start
    and the soonest start when the volunteer is usually free (or None), in one query
    grouped per opportunity (of all, or of ``opportunity_ids``). Shifts are found by start
    (index); the few cancelled ones are left out by their slots (a hashed subquery); the
    weekday and hour are taken in the site's time zone by the database, and the starts
    come back as whole seconds."""
    zone = timezone.get_current_timezone()
    end = now + HORIZON
    cancelled = Slot.objects.filter(
        content_type=ContentType.objects.get_for_model(Shift),
        cancelled_at__isnull=False,
        starts_at__gte=now,
        starts_at__lt=end,
    ).values("object_id")
    shifts = (
        Shift.objects.rewrite(False)
        .filter(starts_at__gte=now, starts_at__lt=end, ends_at__gt=now)
        .exclude(pk__in=cancelled)
        .order_by()
        .values("opportunity_id")
    )
    if opportunity_ids is not None:
        shifts = shifts.filter(opportunity_id__in=opportunity_ids)
    free_hours = _free_hours(availability)
    if not free_hours:
        rows = shifts.annotate(soonest=Min(EpochSeconds("starts_at"))).values_list(
            "opportunity_id", "soonest"
        )
        return {opportunity_id: (_moment(soonest), None) for opportunity_id, soonest in rows}
    local_hour_of_week = ExtractIsoWeekDay("starts_at", tzinfo=zone) * 100 + ExtractHour(
        "starts_at", tzinfo=zone
    )
    rows = (
        shifts.alias(local_hour_of_week=local_hour_of_week)
        .annotate(
            soonest=Min(EpochSeconds("starts_at")),
            free_start=Min(
                Case(When(local_hour_of_week__in=free_hours, then=EpochSeconds("starts_at")))
            ),
        )
        .values_list("opportunity_id", "soonest", "free_start")
    )
    return {
        opportunity_id: (_moment(soonest), _moment(free_start))
        for opportunity_id, soonest, free_start in rows
    }


@dataclass
class OpportunityRows:
    """Every published opportunity the volunteer has not signed up for, as the first pass
    sees it, in parallel lists (one position per opportunity): id, ongoing or not, town
    id, from home, own coordinates (or None), points before dates, and whether anything
    about the volunteer counted; with the (opportunity id, skill or interest id) pairs
    they share with the volunteer. Lists of plain numbers rather than an object per row:
    thousands of containers kept alive per call would wake Python's garbage collector,
    whose full passes cost more than the rest of the work."""

    pks: list[int] = field(default_factory=list)
    ongoing: list[bool] = field(default_factory=list)
    town_ids: list[int | None] = field(default_factory=list)
    from_home: list[bool] = field(default_factory=list)
    latitudes: list[float | None] = field(default_factory=list)
    longitudes: list[float | None] = field(default_factory=list)
    bases: list[float] = field(default_factory=list)
    personal: list[bool] = field(default_factory=list)
    town_points: dict[int, tuple[float, float]] = field(default_factory=dict)
    skill_pairs: list[tuple[int, int]] = field(default_factory=list)
    interest_pairs: list[tuple[int, int]] = field(default_factory=list)


def opportunity_rows(
    volunteer: VolunteerData, *, user, now, places: scoring.Places
) -> OpportunityRows:
    """Every published opportunity with its points before dates, in five queries: the
    towns' coordinates, the skills and interests the opportunities share with the
    volunteer, what the volunteer signed up for, and the opportunities themselves (ids,
    kind and place: plain values, nothing more). This loop runs for every opportunity, so
    the points of the common cases (nothing shared, at a town's centre or from home) are
    worked out once, and it keeps numbers, not new objects."""
    town_points = {
        pk: (latitude, longitude)
        for pk, latitude, longitude in Town.objects.values_list("pk", "latitude", "longitude")
    }
    facts = volunteer.facts
    skill_pairs = _shared_pairs(Opportunity.skills.through, "skill_id", facts.skill_ids)
    interest_pairs = _shared_pairs(Opportunity.interests.through, "interest_id", facts.interest_ids)
    skill_counts, interest_counts = _counts(skill_pairs), _counts(interest_pairs)
    signed_up = _signed_up_opportunity_ids(user, now)
    queryset = (
        Opportunity.objects.published()
        .rewrite(False)
        .order_by()
        .values_list("pk", "kind", "town_id", "from_home", "latitude", "longitude")
    )

    def points(*, skill_count=0, interest_count=0, from_home=False, place_points=0.0):
        return scoring.base_points(
            skills=skill_count,
            interests=interest_count,
            from_home=from_home,
            place_points=place_points,
        )

    town_place = {pk: places.of(pk, point)[0] for pk, point in town_points.items()}
    town_base = {pk: points(place_points=place) for pk, place in town_place.items()}
    from_home_base = points(from_home=True)
    found = OpportunityRows(
        town_points=town_points, skill_pairs=skill_pairs, interest_pairs=interest_pairs
    )
    ongoing = Opportunity.Kind.ONGOING
    for pk, kind, town_id, from_home, latitude, longitude in queryset:
        if pk in signed_up:
            continue
        skill_count = skill_counts.get(pk, 0)
        interest_count = interest_counts.get(pk, 0)
        if from_home:
            place_points = 0.0
        elif latitude is None:
            place_points = town_place.get(town_id, 0.0)
        else:
            place_points = places.of(town_id, (latitude, longitude))[0]
        if skill_count or interest_count:
            base = points(
                skill_count=skill_count,
                interest_count=interest_count,
                from_home=from_home,
                place_points=place_points,
            )
        elif from_home:
            base = from_home_base
        elif latitude is None:
            base = town_base.get(town_id, 0.0)
        else:
            base = points(place_points=place_points)
        found.pks.append(pk)
        found.ongoing.append(kind == ongoing)
        found.town_ids.append(town_id)
        found.from_home.append(from_home)
        found.latitudes.append(latitude)
        found.longitudes.append(longitude)
        found.bases.append(base)
        found.personal.append(bool(skill_count or interest_count or from_home or place_points))
    return found


def scored_opportunities(
    found: OpportunityRows,
    volunteer: VolunteerData,
    *,
    now,
    places: scoring.Places,
    sure: list[scoring.Scored],
    limit: int,
) -> list[scoring.Scored]:
    """Score the opportunities, reading dates (one query) only for those that can still
    make the list.

    Against the candidates certain to be in it (``sure``: the needs; and the ongoing roles,
    open whatever their dates, at their points before dates), keep only the opportunities
    whose points before dates plus the free-time points can reach
    ``scoring.shortlist_threshold``; read their dates, drop the tasks without one, and
    score them in full."""
    sure_scores = [item.score for item in sure if scoring.is_suggested(item)]
    sure_scores += [
        base
        for base, personal, ongoing in zip(found.bases, found.personal, found.ongoing, strict=True)
        if ongoing and personal and base >= scoring.MIN_SCORE
    ]
    threshold = scoring.shortlist_threshold(sure_scores, limit=limit)
    bonus = scoring.FREE_TIME_POINTS if volunteer.facts.availability else 0.0
    shortlist = [index for index, base in enumerate(found.bases) if base + bonus >= threshold]
    ids = [found.pks[index] for index in shortlist] if len(shortlist) <= MAX_LISTED_IDS else None
    dates = _coming_dates(now, volunteer.facts.availability, opportunity_ids=ids)
    listed = {found.pks[index] for index in shortlist}
    skills: dict[int, set[int]] = {}
    for pk, skill_id in found.skill_pairs:
        if pk in listed:
            skills.setdefault(pk, set()).add(skill_id)
    interests: dict[int, set[int]] = {}
    for pk, interest_id in found.interest_pairs:
        if pk in listed:
            interests.setdefault(pk, set()).add(interest_id)
    scored = []
    for index in shortlist:
        pk = found.pks[index]
        soonest, free_start = dates.get(pk, (None, None))
        if soonest is None and not found.ongoing[index]:
            continue
        latitude, town_id = found.latitudes[index], found.town_ids[index]
        candidate = scoring.CandidateFacts(
            kind=scoring.OPPORTUNITY,
            pk=pk,
            point=(latitude, found.longitudes[index])
            if latitude is not None
            else found.town_points.get(town_id),
            town_id=town_id,
            from_home=found.from_home[index],
            skill_ids=frozenset(skills.get(pk, ())),
            interest_ids=frozenset(interests.get(pk, ())),
            soonest=soonest,
            free_start=free_start,
        )
        scored.append(scoring.score(candidate, volunteer.facts, now=now, places=places))
    return scored


def need_candidates(volunteer: VolunteerData, *, user, now) -> list[scoring.CandidateFacts]:
    """Open needs with places left that the volunteer has no place on, as scoring facts,
    in two queries: the needs (ids, place, time, places held and whether the volunteer
    holds one) and the skills they share with the volunteer."""
    slots = Slot.objects.filter(
        content_type=needs_selectors.need_type(), object_id=OuterRef("pk")
    ).order_by()
    holding = (
        Booking.objects.filter(
            slot__content_type=needs_selectors.need_type(),
            slot__object_id=OuterRef("pk"),
            status__in=Booking.PLACE_HOLDING_STATUSES,
        )
        .order_by()
        .values("slot_id")
        .annotate(total=Count("pk"))
        .values("total")
    )
    mine = Booking.objects.filter(
        slot__content_type=needs_selectors.need_type(),
        slot__object_id=OuterRef("pk"),
        user=user,
        status__in=Booking.ACTIVE_STATUSES,
    )
    rows = (
        Need.objects.open_at(now)
        .rewrite(False)
        .annotate(
            capacity=Subquery(slots.values("capacity")[:1]),
            holding=Coalesce(Subquery(holding, output_field=IntegerField()), Value(0)),
            taken=Exists(mine),
        )
        .values_list(
            "pk",
            "town_id",
            "from_home",
            "starts_at",
            "town__latitude",
            "town__longitude",
            "capacity",
            "holding",
            "taken",
        )
    )
    skills = _shared(
        Need.skills.through,
        "need_id",
        "skill_id",
        volunteer.facts.skill_ids,
        need__status=Need.Status.OPEN,
    )
    candidates = []
    for row in rows:
        pk, town_id, from_home, starts_at, latitude, longitude, capacity, held, taken = row
        places_left = None if capacity is None else capacity - held
        if taken or (places_left is not None and places_left <= 0):
            continue
        candidates.append(
            scoring.CandidateFacts(
                kind=scoring.NEED,
                pk=pk,
                point=(latitude, longitude) if town_id is not None else None,
                town_id=town_id,
                from_home=from_home,
                skill_ids=frozenset(skills.get(pk, ())),
                soonest=starts_at,
                free_start=starts_at
                if scoring.local_availability_code(starts_at) in volunteer.facts.availability
                else None,
                places_left=places_left,
            )
        )
    return candidates


# --- the list -----------------------------------------------------------------------------------


def _load_shown(ranked, *, now) -> dict:
    """The suggested opportunities and needs with what their cards show, by (kind, pk): one
    query for the opportunities (their next date is the one scoring read), two for the
    needs (with their slots' places)."""
    soonest = {
        i.candidate.pk: i.candidate.soonest
        for i in ranked
        if i.candidate.kind == scoring.OPPORTUNITY
    }
    need_ids = [i.candidate.pk for i in ranked if i.candidate.kind == scoring.NEED]
    shown = {}
    if soonest:
        for opportunity in Opportunity.objects.filter(pk__in=list(soonest)).select_related(
            "organisation", "town"
        ):
            opportunity.next_shift_starts_at = soonest[opportunity.pk]
            shown[(scoring.OPPORTUNITY, opportunity.pk)] = opportunity
    if need_ids:
        needs = (
            Need.objects.filter(pk__in=need_ids)
            .select_related("organisation", "town")
            .prefetch_related(booking_selectors.slots_prefetch())
        )
        for need in needs:
            shown[(scoring.NEED, need.pk)] = need
    return shown


def suggestions_for(user, *, now=None, limit: int = DEFAULT_LIMIT) -> Suggestions:
    """The opportunities and needs that fit the volunteer best, best first, each with its
    reasons in words in the active language. A fixed number of queries (at most 15)."""
    now = now or timezone.now()
    if not user.is_authenticated:
        return Suggestions(has_profile=False)
    volunteer = volunteer_data(user)
    if volunteer is None:
        return Suggestions(has_profile=False)
    places = scoring.Places(volunteer.facts)
    needs = [
        scoring.score(candidate, volunteer.facts, now=now, places=places)
        for candidate in need_candidates(volunteer, user=user, now=now)
    ]
    opportunities = scored_opportunities(
        opportunity_rows(volunteer, user=user, now=now, places=places),
        volunteer,
        now=now,
        places=places,
        sure=needs,
        limit=limit,
    )
    ranked = scoring.rank(needs + opportunities, limit=limit)
    shown = _load_shown(ranked, now=now)
    items = []
    for item in ranked:
        obj = shown.get((item.candidate.kind, item.candidate.pk))
        if obj is None:
            continue
        items.append(
            Suggestion(
                kind=item.candidate.kind,
                item=obj,
                score=item.score,
                reasons=scoring.reason_texts(
                    scoring.reasons_for(item, now=now),
                    town_names=volunteer.town_names,
                    skill_names=volunteer.skill_names,
                    interest_names=volunteer.interest_names,
                ),
            )
        )
    return Suggestions(has_profile=True, items=items)
