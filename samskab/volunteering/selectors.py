"""Reading volunteering for pages, exports and other features, each in a fixed number of
queries whatever the number of rows.

What other features build on (needs and alerts, "Suggested for you", certificates,
børneattest, visiting friends):

- ``public_opportunities(shift_q=...)``: published opportunities of approved organisations
  that are ongoing or have a coming shift matching ``shift_q``, annotated with
  ``next_shift_starts_at`` and ``upcoming_shift_count``, with organisation, town, focus
  areas, skills, interests and languages loaded. Chain ``OpportunityQuerySet`` filters.
- ``profiles_for_matching(alerts_only=...)``: volunteer profiles with user, interests,
  skills, towns and languages loaded; ``VolunteerProfile.is_available_at`` and
  ``in_quiet_hours`` answer the time questions.
- ``shift_bookings_of(user)``: a person's bookings of shifts (with shift and opportunity),
  e.g. for counting engagements with children under 15.
- ``approved_hours_by_organisation(user)``: hours per organisation and year.
- ``volunteer_history(user)``: every hours entry of the person with organisation,
  opportunity and shift (``volunteer_history_page``: a page of them);
  ``hours_entries_of(user)`` the queryset (certificates use it).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from samskab.booking import selectors as booking_selectors
from samskab.booking.models import Booking
from samskab.childsafety.selectors import attach_attest_statuses
from samskab.core import related_lists
from samskab.core.related_lists import RelatedList
from samskab.organisations.models import Organisation
from samskab.organisations.selectors import can_coordinate
from samskab.reference.models import Interest, Language, Skill, Town
from samskab.vision.models import FocusArea
from samskab.volunteering import upcoming
from samskab.volunteering.emails import Recipient
from samskab.volunteering.models import (
    HoursEntry,
    Opportunity,
    Shift,
    VolunteerMessage,
    VolunteerProfile,
)
from samskab.volunteering.work import volunteer_work_type_ids

# How many coming shifts the opportunity page shows with a sign-up box each.
PAGE_SHIFT_LIMIT = 10
# The calendar feed keeps recent shifts (a calendar that has them learns of changes) and at
# most this many.
FEED_HISTORY = timedelta(days=60)
FEED_SHIFT_LIMIT = 1000
# How many coming shifts the coordinator's opportunity roster covers.
ROSTER_SHIFT_LIMIT = 50
# Hours entries a page of "my volunteering" shows.
HISTORY_PAGE_SIZE = 20

SOONEST = (F("next_shift_starts_at").asc(nulls_last=True), "title", "pk")

STATUS = Booking.Status


# --- reference lists ---------------------------------------------------------------------------


def focus_areas() -> QuerySet[FocusArea]:
    return FocusArea.objects.order_by("order", "pk")


def skills() -> QuerySet[Skill]:
    return Skill.objects.order_by("order", "name", "pk")


def towns() -> QuerySet[Town]:
    return Town.objects.order_by("name", "pk")


def interests() -> QuerySet[Interest]:
    return Interest.objects.order_by("order", "name", "pk")


def languages() -> QuerySet[Language]:
    return Language.objects.order_by("order", "pk")


# --- shifts ---------------------------------------------------------------------------------


def not_cancelled() -> Q:
    """Shifts whose booking slot is not cancelled."""
    return Q(booking_slots__cancelled_at__isnull=True)


def coming_shift_q(*, start=None, end=None, now=None) -> Q:
    """Shifts that have not ended and are not cancelled, starting in [``start``, ``end``)."""
    now = now or timezone.now()
    condition = Q(ends_at__gt=now) & not_cancelled()
    if start is not None:
        condition &= Q(starts_at__gte=start)
    if end is not None:
        condition &= Q(starts_at__lt=end)
    return condition


def local_day_start(day, *, days_later: int = 0) -> datetime:
    """Midnight at the start of ``day`` (plus ``days_later``) in the site's time zone."""
    naive = datetime.combine(day + timedelta(days=days_later), datetime.min.time())
    return timezone.make_aware(naive, timezone.get_current_timezone())


# --- the public list ---------------------------------------------------------------------------


def _opportunity_relations(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("organisation", "town", "initiative").prefetch_related(
        Prefetch("focus_areas", queryset=focus_areas()),
        Prefetch("skills", queryset=skills()),
        Prefetch("interests", queryset=interests()),
        Prefetch("languages", queryset=languages()),
    )


def public_opportunities(*, shift_q: Q | None = None, now=None) -> QuerySet[Opportunity]:
    """Published opportunities of approved organisations that are ongoing roles or have a
    coming shift matching ``shift_q`` (default: any coming shift). When ``shift_q`` is
    given, only opportunities with a matching shift are kept, ongoing or not. Annotated
    with ``next_shift_starts_at`` and ``upcoming_shift_count`` of the matching shifts."""
    if shift_q is None and now is None:
        return _opportunity_relations(_public_opportunities_now())
    now = now or timezone.now()
    restrict_to_shifts = shift_q is not None
    shift_q = shift_q if shift_q is not None else coming_shift_q(now=now)
    matching = Shift.objects.filter(shift_q, opportunity=OuterRef("pk"))
    next_start = matching.order_by("starts_at").values("starts_at")[:1]
    count = (
        matching.order_by()
        .values("opportunity")
        .annotate(total=Count("pk", distinct=True))
        .values("total")
    )
    opportunities = Opportunity.objects.published().annotate(
        next_shift_starts_at=Subquery(next_start),
        upcoming_shift_count=Coalesce(Subquery(count), 0),
    )
    if restrict_to_shifts:
        # "Has a matching shift" as one semi-join: PostgreSQL finds the shifts in the dates
        # once, instead of running the next-start subquery for every published opportunity
        # to filter on it (170 -> 72 ms at Esbjerg's scale).
        opportunities = opportunities.filter(
            pk__in=Shift.objects.filter(shift_q).values("opportunity_id")
        )
    else:
        # Here for one organisation's few opportunities, where the subquery per row is
        # cheaper than finding every coming shift (10 against 37 ms).
        opportunities = opportunities.filter(
            Q(kind=Opportunity.Kind.ONGOING) | Q(next_shift_starts_at__isnull=False)
        )
    return _opportunity_relations(opportunities)


def _public_opportunities_now() -> QuerySet[Opportunity]:
    """``public_opportunities()`` for now, read from the opportunities' summaries of their
    coming shifts (``UpcomingShifts``: one row each, instead of counting shifts for every
    opportunity), after bringing up to date those a shift's end has changed."""
    # The one write a reader makes: cheap (an indexed look for summaries past due), and it
    # keeps every list that reads the summaries from counting a shift that has ended.
    upcoming.refresh_due()
    return (
        Opportunity.objects.published()
        # Every opportunity has its summary (made when it is created, by ``migrate`` for
        # rows loaded raw): an inner join lets PostgreSQL read the list in the order of the
        # summaries' index and stop after a page, instead of sorting every opportunity.
        .filter(upcoming_shifts__isnull=False)
        .annotate(
            next_shift_starts_at=F("upcoming_shifts__next_starts_at"),
            upcoming_shift_count=Coalesce(F("upcoming_shifts__count"), 0),
        )
        .filter(Q(kind=Opportunity.Kind.ONGOING) | Q(upcoming_shifts__next_starts_at__isnull=False))
    )


def with_focus_areas(queryset, areas):
    return queryset.filter(
        Exists(
            Opportunity.focus_areas.through.objects.filter(
                opportunity_id=OuterRef("pk"), focusarea__in=areas
            )
        )
    )


def with_skills(queryset, wanted):
    return queryset.filter(
        Exists(
            Opportunity.skills.through.objects.filter(
                opportunity_id=OuterRef("pk"), skill__in=wanted
            )
        )
    )


def in_languages(queryset, wanted):
    return queryset.filter(
        Exists(
            Opportunity.languages.through.objects.filter(
                opportunity_id=OuterRef("pk"), language__in=wanted
            )
        )
    )


def with_text(queryset, text: str):
    """Title, description or organisation name contains every word of ``text``."""
    for word in text.split()[:8]:
        queryset = queryset.filter(
            Q(title_da__icontains=word)
            | Q(title_en__icontains=word)
            | Q(description_da__icontains=word)
            | Q(description_en__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    return queryset


# --- the opportunity page ---------------------------------------------------------------------


# What an opportunity card shows of its lists, into ``Opportunity.listed_focus_areas`` and
# ``listed_skills``.
CARD_LISTS = (
    RelatedList("focus_areas", ("title", "title_da", "title_en"), attr="listed_focus_areas"),
    RelatedList("skills", ("name", "name_da", "name_en"), attr="listed_skills"),
)


def attach_card_lists(opportunities) -> None:
    """The focus areas and skills the opportunities' cards show: one query for all."""
    related_lists.attach(opportunities, CARD_LISTS)


# What the opportunity page (and its JSON-LD) shows of its lists: one query for the three
# (``core.related_lists``) instead of a prefetch each.
PAGE_LISTS = (
    RelatedList("focus_areas", ("title", "title_da", "title_en")),
    RelatedList("skills", ("name", "name_da", "name_en")),
    RelatedList("languages", ("code", "name", "name_da", "name_en")),
)


def opportunity_for_page(*, pk: int) -> Opportunity | None:
    """Any opportunity with what its page shows to everyone (two queries); callers decide
    who may see it. The contact person is read only for those shown them (volunteers signed
    up and the organisers), so the page kept for visitors reads no account."""
    opportunity = (
        Opportunity.objects.filter(pk=pk)
        .select_related("organisation", "town", "initiative")
        .first()
    )
    if opportunity is not None:
        related_lists.attach([opportunity], PAGE_LISTS)
    return opportunity


def opportunity_is_visible_to(opportunity: Opportunity, user) -> bool:
    """The public sees published opportunities of approved organisations; the
    organisation's coordinators and municipal staff also see the others."""
    return opportunity.is_public or can_coordinate(user, opportunity.organisation)


@dataclass
class PageShifts:
    shifts: list[Shift]
    has_more: bool


def page_shifts(*, opportunity: Opportunity, now=None, limit: int = PAGE_SHIFT_LIMIT) -> PageShifts:
    """The coming shifts shown on the opportunity page, cancelled ones included (people
    need to know), with places left; ``has_more`` when there are more than ``limit``."""
    now = now or timezone.now()
    shifts = list(
        opportunity.shifts.filter(ends_at__gt=now)
        .prefetch_related(booking_selectors.slots_prefetch())
        .order_by("starts_at", "pk")[: limit + 1]
    )
    for shift in shifts:
        shift.opportunity = opportunity
    return PageShifts(shifts=shifts[:limit], has_more=len(shifts) > limit)


def feed_shifts(*, opportunity: Opportunity, now=None) -> list[Shift]:
    """The opportunity's shifts for its calendar feed: from ``FEED_HISTORY`` ago on,
    cancelled ones included (calendars that show them learn of the cancellation), with
    their slots, in two queries."""
    now = now or timezone.now()
    shifts = list(
        opportunity.shifts.filter(ends_at__gte=now - FEED_HISTORY)
        .prefetch_related(booking_selectors.slots_prefetch())
        .order_by("starts_at", "pk")[:FEED_SHIFT_LIMIT]
    )
    for shift in shifts:
        shift.opportunity = opportunity
    return shifts


def _shift_type() -> ContentType:
    return ContentType.objects.get_for_model(Shift)


def _shift_bookings() -> QuerySet[Booking]:
    return Booking.objects.filter(slot__content_type=_shift_type())


def has_signed_up(*, opportunity: Opportunity, user) -> bool:
    """Whether the person has a place, an offer or a place on the waiting list on any shift
    of the opportunity, or took part in one: then they may see its contact person."""
    if not user.is_authenticated:
        return False
    shift_ids = opportunity.shifts.values("pk")
    return (
        _shift_bookings()
        .filter(
            user=user,
            slot__object_id__in=Subquery(shift_ids),
            status__in=(STATUS.CONFIRMED, STATUS.WAITLISTED, STATUS.OFFERED),
        )
        .exists()
    )


def published_opportunities_of(organisation, *, limit: int = 6, now=None) -> list[Opportunity]:
    """What the organisation's public page shows under "Volunteer with us", in one query
    (the cards read their focus areas and skills when they are not kept). For one
    organisation's few opportunities, counting their shifts is cheaper than the summaries'
    upkeep (so ``now`` is always given)."""
    opportunities = list(
        public_opportunities(now=now or timezone.now())
        .filter(organisation=organisation)
        .prefetch_related(None)
        .order_by(*SOONEST)[:limit]
    )
    return opportunities


# --- management ---------------------------------------------------------------------------------


def opportunities_for_management(organisation, *, now=None) -> list[Opportunity]:
    """Every opportunity of the organisation, published or not, with its next shift and
    number of coming shifts."""
    now = now or timezone.now()
    coming = Shift.objects.filter(coming_shift_q(now=now), opportunity=OuterRef("pk"))
    return list(
        Opportunity.objects.filter(organisation=organisation)
        .annotate(
            next_shift_starts_at=Subquery(coming.order_by("starts_at").values("starts_at")[:1]),
            upcoming_shift_count=Coalesce(
                Subquery(
                    coming.order_by()
                    .values("opportunity")
                    .annotate(total=Count("pk", distinct=True))
                    .values("total")
                ),
                0,
            ),
        )
        .select_related("town")
        .order_by("-is_published", *SOONEST)
    )


def opportunity_for_management(*, organisation, pk: int) -> Opportunity | None:
    """The organisation's opportunity ``pk``, or None (also when it is another's)."""
    return (
        _opportunity_relations(Opportunity.objects.filter(organisation=organisation, pk=pk))
        .select_related("contact_person")
        .first()
    )


def shifts_for_management(
    *, opportunity: Opportunity, now=None, past: bool = False, limit: int = 100
) -> list[Shift]:
    """Coming shifts soonest first (or past ones latest first) with places taken."""
    now = now or timezone.now()
    shifts = opportunity.shifts.prefetch_related(booking_selectors.slots_prefetch())
    if past:
        shifts = shifts.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    else:
        shifts = shifts.filter(ends_at__gt=now).order_by("starts_at", "pk")
    shifts = list(shifts[:limit])
    for shift in shifts:
        shift.opportunity = opportunity
    return shifts


def shift_for_management(*, organisation, pk: int) -> Shift | None:
    """The organisation's shift ``pk`` with its opportunity and slot, or None."""
    return (
        Shift.objects.filter(pk=pk, opportunity__organisation=organisation)
        .select_related("opportunity", "opportunity__organisation", "opportunity__town")
        .prefetch_related(booking_selectors.slots_prefetch())
        .first()
    )


def shift_for_check_in(*, pk: int) -> Shift | None:
    return (
        Shift.objects.filter(pk=pk)
        .select_related("opportunity", "opportunity__organisation", "opportunity__town")
        .prefetch_related("booking_slots")
        .first()
    )


# --- rosters: what organisations see about the people who signed up ---------------------------


@dataclass
class SharedDetails:
    """What a volunteer chose to share with the organisations they sign up with, beyond
    their name and email address (which signing up always shares)."""

    phone: str = ""
    skills: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    about: str = ""


def shared_details(user_ids) -> dict[int, SharedDetails]:
    """Shared details of these users, keyed by user id. Callers pass only people who signed
    up with the organisation asking (a roster's bookings): that is the whole rule."""
    user_ids = {pk for pk in user_ids if pk is not None}
    if not user_ids:
        return {}
    profiles = VolunteerProfile.objects.filter(user_id__in=user_ids).prefetch_related(
        Prefetch("skills", queryset=skills()), Prefetch("languages", queryset=languages())
    )
    details = {}
    for profile in profiles:
        shared = SharedDetails()
        if profile.share_phone:
            shared.phone = profile.phone
        if profile.share_profile:
            shared.skills = [skill.name for skill in profile.skills.all()]
            shared.languages = [language.name for language in profile.languages.all()]
            shared.about = profile.about
        details[profile.user_id] = shared
    return details


@dataclass
class ShiftRoster:
    shift: Shift
    roster: booking_selectors.Roster
    shared: dict[int, SharedDetails]

    def details_for(self, booking) -> SharedDetails:
        return self.shared.get(booking.user_id) or SharedDetails()

    @property
    def listed(self) -> tuple[Booking, ...]:
        """The bookings a roster lists: confirmed, offered and waiting, in that order."""
        return (*self.roster.confirmed, *self.roster.offered, *self.roster.waitlisted)


def _attach_details(rosters: list[ShiftRoster], organisation: Organisation) -> None:
    """Set ``booking.shared`` and ``booking.attest`` (the børneattest status with the
    organisation, or None) on every listed booking, reading each once for all rosters."""
    bookings = [booking for item in rosters for booking in item.listed]
    shared = shared_details(booking.user_id for booking in bookings)
    for item in rosters:
        item.shared = shared
        for booking in item.listed:
            booking.shared = item.details_for(booking)
    attach_attest_statuses(bookings, organisation)


def shift_roster(*, shift: Shift) -> ShiftRoster:
    """The engine's roster of the shift (confirmed, offered, waiting in order, unconfirmed
    visitors) with each person's shared details and børneattest status."""
    roster = booking_selectors.slot_roster(slot=shift.booking_slot)
    item = ShiftRoster(shift=shift, roster=roster, shared={})
    _attach_details([item], shift.opportunity.organisation)
    return item


def opportunity_rosters(*, opportunity: Opportunity, now=None, limit: int = ROSTER_SHIFT_LIMIT):
    """The rosters of the opportunity's coming shifts (at most ``limit``), soonest first,
    with each person's shared details and børneattest status. The bookings of all shifts
    are read in one query and split the way the engine's ``slot_roster`` does."""
    shifts = shifts_for_management(opportunity=opportunity, now=now, limit=limit)
    rosters = {}
    for shift in shifts:
        rosters[shift.booking_slot.pk] = ShiftRoster(
            shift=shift, roster=booking_selectors.Roster(slot=shift.booking_slot), shared={}
        )
    bookings = (
        Booking.objects.filter(slot_id__in=list(rosters), status__in=Booking.ACTIVE_STATUSES)
        .select_related("user", "attendance_marked_by")
        .order_by("slot_id", "sequence", "created_at", "pk")
    )
    for booking in bookings:
        item = rosters[booking.slot_id]
        booking.slot = item.roster.slot
        {
            STATUS.CONFIRMED: item.roster.confirmed,
            STATUS.OFFERED: item.roster.offered,
            STATUS.WAITLISTED: item.roster.waitlisted,
            STATUS.PENDING: item.roster.pending,
        }[booking.status].append(booking)
    for item in rosters.values():
        for position, booking in enumerate(item.roster.waitlisted, start=1):
            booking.position = position
    result = list(rosters.values())
    _attach_details(result, opportunity.organisation)
    return result


def message_recipients(*, opportunity: Opportunity, shift: Shift | None = None, now=None):
    """Everyone confirmed on ``shift``, or on any coming shift of the opportunity, once
    each (by email address), with the language their emails use."""
    now = now or timezone.now()
    if shift is not None:
        shift_ids = [shift.pk]
    else:
        shift_ids = list(
            opportunity.shifts.filter(coming_shift_q(now=now)).values_list("pk", flat=True)
        )
    bookings = (
        _shift_bookings()
        .filter(slot__object_id__in=shift_ids, status=STATUS.CONFIRMED)
        .select_related("user")
        .order_by("pk")
    )
    recipients = {}
    for booking in bookings:
        email = booking.email.strip().lower()
        if email and email not in recipients:
            recipients[email] = Recipient(
                name=booking.display_name, email=booking.email, language=booking.recipient_language
            )
    return list(recipients.values())


def messages_sent(*, opportunity: Opportunity, limit: int = 20) -> list[VolunteerMessage]:
    return list(
        opportunity.messages.select_related("sent_by", "shift").order_by("-sent_at", "-pk")[:limit]
    )


# --- the volunteer's own pages -----------------------------------------------------------------


def profile_of(user) -> VolunteerProfile | None:
    if not user.is_authenticated:
        return None
    return (
        VolunteerProfile.objects.filter(user=user)
        .prefetch_related("interests", "skills", "towns", "languages")
        .first()
    )


def profiles_for_matching(*, alerts_only: bool = False) -> QuerySet[VolunteerProfile]:
    """Profiles of active users with everything matching reads; ``alerts_only`` keeps
    those who opted in to ad hoc alerts."""
    profiles = VolunteerProfile.objects.filter(user__is_active=True)
    if alerts_only:
        profiles = profiles.filter(ad_hoc_alerts=True)
    return profiles.select_related("user").prefetch_related(
        "interests", "skills", "towns", "languages"
    )


def shift_bookings_of(user, *, statuses=(STATUS.CONFIRMED,)) -> list[Booking]:
    """The person's bookings of shifts in these statuses, with shift and opportunity
    (``booking.shift``), latest shift first."""
    if not user.is_authenticated:
        return []
    bookings = list(
        _shift_bookings()
        .filter(user=user, status__in=statuses)
        .select_related("slot")
        .order_by("-slot__starts_at", "-pk")
    )
    shifts = Shift.objects.filter(pk__in=[b.slot.object_id for b in bookings]).select_related(
        "opportunity", "opportunity__organisation"
    )
    by_id = {shift.pk: shift for shift in shifts}
    for booking in bookings:
        booking.shift = by_id.get(booking.slot.object_id)
    return bookings


def upcoming_volunteer_bookings(user, *, now=None) -> list[Booking]:
    """The person's coming volunteer work (shifts and needs; the engine's own list),
    soonest first."""
    work_types = set(volunteer_work_type_ids())
    return [
        booking
        for booking in booking_selectors.bookings_for_user(user=user, upcoming=True, now=now)
        if booking.slot.content_type_id in work_types
    ]


def hours_entries_of(user) -> QuerySet[HoursEntry]:
    """The person's hours entries: those they logged and those of their bookings (shifts,
    also those done as a visitor before they made their account). The bookings with hours
    are read first, then the entries by volunteer or booking id: two index looks, under
    1 ms, where an OR across the join to the bookings made PostgreSQL read every booking
    (385 ms a query at Esbjerg's scale). Runs that first query when called."""
    booking_ids = list(
        Booking.objects.filter(user=user, volunteer_hours__isnull=False).values_list(
            "pk", flat=True
        )
    )
    return HoursEntry.objects.filter(Q(volunteer=user) | Q(booking_id__in=booking_ids))


def volunteer_history(user) -> list[HoursEntry]:
    """Every hours entry of the person (from shifts and logged, any status), latest first.
    Includes shifts they did as a visitor before creating their account."""
    if not user.is_authenticated:
        return []
    return list(_history(user))


def volunteer_history_page(user, page_number) -> Page:
    """A page of ``HISTORY_PAGE_SIZE`` of ``volunteer_history``: someone who helps every
    week has hundreds of entries after a few years. A count and the page's rows."""
    history = _history(user) if user.is_authenticated else HoursEntry.objects.none()
    page = Paginator(history, HISTORY_PAGE_SIZE).get_page(page_number)
    page.object_list = list(page.object_list)
    return page


def _history(user) -> QuerySet[HoursEntry]:
    return (
        hours_entries_of(user)
        .select_related("organisation", "opportunity", "shift", "reviewed_by")
        .order_by("-date", "-pk")
    )


@dataclass(frozen=True)
class HoursTotal:
    organisation: Organisation
    year: int
    hours: Decimal
    entries: int


def approved_hours_by_organisation(user) -> list[HoursTotal]:
    """Approved hours per organisation and year, latest year first."""
    if not user.is_authenticated:
        return []
    rows = list(
        hours_entries_of(user)
        .filter(status=HoursEntry.Status.APPROVED)
        .annotate(year=ExtractYear("date"))
        .values("organisation_id", "year")
        .annotate(hours=Sum("hours"), entries=Count("pk"))
        .order_by("-year", "organisation_id")
    )
    organisations = Organisation.objects.in_bulk([row["organisation_id"] for row in rows])
    totals = [
        HoursTotal(
            organisation=organisations[row["organisation_id"]],
            year=row["year"],
            hours=row["hours"],
            entries=row["entries"],
        )
        for row in rows
    ]
    return sorted(totals, key=lambda total: (-total.year, total.organisation.name.lower()))


def organisations_for_logging() -> QuerySet[Organisation]:
    """Organisations a volunteer may log hours for: every approved one."""
    return Organisation.objects.filter(status=Organisation.Status.APPROVED).order_by("name", "pk")


def own_hours_entry(*, user, pk: int) -> HoursEntry | None:
    if not user.is_authenticated:
        return None
    return HoursEntry.objects.filter(pk=pk, volunteer=user).first()


# --- hours for coordinators ---------------------------------------------------------------------


def pending_hours(organisation) -> list[HoursEntry]:
    """Logged hours waiting for the organisation's coordinators, oldest first."""
    return list(
        HoursEntry.objects.filter(organisation=organisation, status=HoursEntry.Status.PENDING)
        .select_related("volunteer", "opportunity")
        .order_by("created_at", "pk")
    )


def recently_reviewed_hours(organisation, *, limit: int = 20) -> list[HoursEntry]:
    return list(
        HoursEntry.objects.filter(organisation=organisation, source=HoursEntry.Source.LOGGED)
        .exclude(status=HoursEntry.Status.PENDING)
        .select_related("volunteer", "opportunity", "reviewed_by")
        .order_by("-reviewed_at", "-pk")[:limit]
    )


def hours_entry_for_review(*, organisation, pk: int) -> HoursEntry | None:
    return (
        HoursEntry.objects.filter(organisation=organisation, pk=pk)
        .select_related("volunteer", "opportunity", "organisation")
        .first()
    )


def pending_hours_count(organisation) -> int:
    return HoursEntry.objects.filter(
        organisation=organisation, status=HoursEntry.Status.PENDING
    ).count()


# --- the yearly summary ------------------------------------------------------------------------


@dataclass
class Figures:
    """One row of the yearly summary: an opportunity, or the whole organisation."""

    title: str
    shifts: int = 0
    shifts_filled: int = 0
    places: int = 0
    places_taken: int = 0
    attended: int = 0
    no_shows: int = 0
    hours: Decimal = Decimal("0")
    volunteers: int = 0

    @property
    def no_show_rate(self) -> Decimal | None:
        """Share of recorded attendance that was a no-show, in per cent (None: nothing
        recorded yet)."""
        recorded = self.attended + self.no_shows
        if not recorded:
            return None
        return (Decimal(self.no_shows) * 100 / recorded).quantize(Decimal("0.1"))


@dataclass
class YearSummary:
    organisation: Organisation
    year: int
    rows: list[Figures]
    total: Figures
    pending_entries: int


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime(year, 1, 1), zone),
        timezone.make_aware(datetime(year + 1, 1, 1), zone),
    )


def yearly_summary(*, organisation, year: int) -> YearSummary:
    """Volunteers, hours, shifts filled and the no-show rate of one organisation in one
    calendar year (local time), per opportunity and in total. Four queries."""
    start, end = _year_bounds(year)
    booking_path = "booking_slots__bookings"
    shifts = (
        Shift.objects.filter(
            opportunity__organisation=organisation,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .filter(not_cancelled())
        .values("pk", "opportunity_id")
        .annotate(
            capacity=Max("booking_slots__capacity"),
            confirmed=Count(
                booking_path, filter=Q(**{f"{booking_path}__status": STATUS.CONFIRMED})
            ),
            attended=Count(
                booking_path,
                filter=Q(
                    **{
                        f"{booking_path}__status": STATUS.CONFIRMED,
                        f"{booking_path}__attendance": Booking.Attendance.ATTENDED,
                    }
                ),
            ),
            no_shows=Count(
                booking_path,
                filter=Q(
                    **{
                        f"{booking_path}__status": STATUS.CONFIRMED,
                        f"{booking_path}__attendance": Booking.Attendance.NO_SHOW,
                    }
                ),
            ),
        )
        .order_by()
    )
    approved = HoursEntry.objects.filter(
        organisation=organisation,
        status=HoursEntry.Status.APPROVED,
        date__year=year,
    )
    hours_rows = list(
        approved.values("opportunity_id")
        .annotate(hours=Sum("hours"), volunteers=Count("person_key", distinct=True))
        .order_by()
    )
    totals = approved.aggregate(hours=Sum("hours"), volunteers=Count("person_key", distinct=True))
    # Titles in the active language (modeltranslation falls back to Danish).
    titles = {
        opportunity.pk: opportunity.title
        for opportunity in Opportunity.objects.filter(organisation=organisation)
    }

    rows: dict[int | None, Figures] = {}

    def row_for(opportunity_id) -> Figures:
        if opportunity_id not in rows:
            rows[opportunity_id] = Figures(title=titles.get(opportunity_id, ""))
        return rows[opportunity_id]

    for shift in shifts:
        figures = row_for(shift["opportunity_id"])
        figures.shifts += 1
        capacity = shift["capacity"] or 0
        figures.places += capacity
        figures.places_taken += shift["confirmed"]
        if capacity and shift["confirmed"] >= capacity:
            figures.shifts_filled += 1
        figures.attended += shift["attended"]
        figures.no_shows += shift["no_shows"]
    for hours_row in hours_rows:
        figures = row_for(hours_row["opportunity_id"])
        figures.hours = hours_row["hours"] or Decimal("0")
        figures.volunteers = hours_row["volunteers"]

    ordered = sorted(
        rows.items(), key=lambda item: (item[0] is None, item[1].title.lower(), item[0] or 0)
    )
    total = Figures(title="")
    for _opportunity_id, figures in ordered:
        total.shifts += figures.shifts
        total.shifts_filled += figures.shifts_filled
        total.places += figures.places
        total.places_taken += figures.places_taken
        total.attended += figures.attended
        total.no_shows += figures.no_shows
    total.hours = totals["hours"] or Decimal("0")
    total.volunteers = totals["volunteers"] or 0
    pending = HoursEntry.objects.filter(
        organisation=organisation, status=HoursEntry.Status.PENDING, date__year=year
    ).count()
    return YearSummary(
        organisation=organisation,
        year=year,
        rows=[figures for _pk, figures in ordered],
        total=total,
        pending_entries=pending,
    )


def summary_years(organisation, *, today=None) -> list[int]:
    """Years with shifts or hours for the organisation, and the current year, latest first."""
    today = today or timezone.localdate()
    years = {today.year}
    first_shift = (
        Shift.objects.filter(opportunity__organisation=organisation)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    first_entry = (
        HoursEntry.objects.filter(organisation=organisation)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )
    candidates = [today.year]
    if first_shift is not None:
        candidates.append(timezone.localtime(first_shift).year)
    if first_entry is not None:
        candidates.append(first_entry.year)
    years.update(range(min(candidates), today.year + 1))
    return sorted(years, reverse=True)
