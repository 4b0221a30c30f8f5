"""Reading the booking engine's state. Every function here does a fixed number of queries
whatever the number of bookings, so pages built on them stay fast."""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from samskab.booking import conf, errors
from samskab.booking.models import PREFETCHED_SLOTS, Booking, Slot, SlotOwnerMixin

STATUS = Booking.Status
# What a person took part in, a page at a time (their sign-ups page, "my activities").
PAST_PAGE_SIZE = 20


def slots_with_occupancy(queryset: QuerySet | None = None) -> QuerySet:
    """Slots annotated with ``holding_count`` (confirmed + open offers), ``confirmed_count``
    and ``waitlist_count``; for lists of owners, ``slots_prefetch()``."""
    queryset = Slot.objects.all() if queryset is None else queryset
    return queryset.annotate(
        holding_count=Count(
            "bookings", filter=Q(bookings__status__in=Booking.PLACE_HOLDING_STATUSES)
        ),
        confirmed_count=Count("bookings", filter=Q(bookings__status=STATUS.CONFIRMED)),
        waitlist_count=Count("bookings", filter=Q(bookings__status=STATUS.WAITLISTED)),
    )


def slots_prefetch(lookup: str = "booking_slots") -> Prefetch:
    """Prefetch slot owners' slots with their occupancy (``slots_with_occupancy``), for
    lists of owners: ``owner.booking_slot`` and ``owner_signup_states`` then need no query.
    ``lookup`` names the owners' ``booking_slots`` through a relation when the owners are
    not the queryset's own rows (e.g. ``"session__booking_slots"``)."""
    return Prefetch(lookup, queryset=slots_with_occupancy(), to_attr=PREFETCHED_SLOTS)


def place_holders_expression(slot_field: str):
    """How many bookings hold a place (confirmed, open offers) on the slot whose id the
    outer query's ``slot_field`` holds: an expression to annotate a ``values_list`` with,
    0 when none, so a list of owners streams without loading its slots."""
    holders = (
        Booking.objects.filter(
            slot_id=OuterRef(slot_field), status__in=Booking.PLACE_HOLDING_STATUSES
        )
        .order_by()
        .values("slot_id")
        .annotate(count=Count("pk"))
        .values("count")[:1]
    )
    return Coalesce(Subquery(holders), 0)


def places_left(slot: Slot) -> int | None:
    """Free places, or None when the slot has no limit. An open offer holds its place. Uses
    the annotation from ``slots_with_occupancy`` when present (no query)."""
    if slot.capacity is None:
        return None
    holding = getattr(slot, "holding_count", None)
    if holding is None:
        holding = slot.bookings.filter(status__in=Booking.PLACE_HOLDING_STATUSES).count()
    return max(slot.capacity - holding, 0)


def waitlist_count(slot: Slot) -> int:
    count = getattr(slot, "waitlist_count", None)
    if count is None:
        count = slot.bookings.filter(status=STATUS.WAITLISTED).count()
    return count


def waitlist_position(booking: Booking) -> int | None:
    """1 for the first person waiting; None unless the booking is on the waitlist. Uses the
    ``position`` annotation from ``bookings_for_user`` when present (no query)."""
    if booking.status != STATUS.WAITLISTED:
        return None
    annotated = getattr(booking, "position", None)
    if annotated is not None:
        return annotated
    return Booking.objects.filter(
        slot_id=booking.slot_id, status=STATUS.WAITLISTED, sequence__lte=booking.sequence
    ).count()


def _position_subquery():
    ahead = (
        Booking.objects.filter(
            slot_id=OuterRef("slot_id"),
            status=STATUS.WAITLISTED,
            sequence__lte=OuterRef("sequence"),
        )
        .order_by()
        .values("slot_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(ahead), 0)


def owner_prefetch(lookup: str) -> GenericPrefetch:
    """Load slot owners with one query per owner model, using each owner's own queryset
    (``booking_owner_queryset``) so its descriptions need no further queries."""
    querysets = [
        model.booking_owner_queryset()
        for model in apps.get_models()
        if issubclass(model, SlotOwnerMixin)
    ]
    return GenericPrefetch(lookup, querysets)


def bookings_for_user(
    *, user, upcoming: bool = True, now=None, owner_model=None, ended_after=None
) -> list[Booking]:
    """A user's bookings with slot, owner and waitlist position loaded.

    Upcoming: active bookings (and ones the organiser cancelled) whose slot has not ended,
    soonest first. Past: confirmed bookings of slots that have ended, latest first (what the
    person actually took part in, with attendance), since ``ended_after`` when given; a
    page shows them with ``past_bookings_page``. ``owner_model``: only bookings of that
    kind of slot owner."""
    return list(
        _user_bookings(
            user=user,
            upcoming=upcoming,
            now=now,
            owner_model=owner_model,
            ended_after=ended_after,
        )
    )


def past_bookings_page(*, user, page_number, now=None, owner_model=None) -> Page:
    """A page of ``PAST_PAGE_SIZE`` of what the person took part in (as ``bookings_for_user``
    with ``upcoming=False``): someone who comes every week has hundreds after a few years.
    A count and the page's rows, whatever the number of bookings."""
    paginator = Paginator(
        _user_bookings(user=user, upcoming=False, now=now, owner_model=owner_model),
        PAST_PAGE_SIZE,
    )
    page = paginator.get_page(page_number)
    page.object_list = list(page.object_list)
    return page


def _user_bookings(*, user, upcoming, now, owner_model=None, ended_after=None) -> QuerySet:
    now = now or timezone.now()
    bookings = Booking.objects.filter(user=user).select_related("slot", "slot__content_type")
    if owner_model is not None:
        bookings = bookings.filter(
            slot__content_type=ContentType.objects.get_for_model(owner_model)
        )
    if upcoming:
        bookings = bookings.filter(
            Q(status__in=Booking.ACTIVE_STATUSES)
            | Q(status=STATUS.CANCELLED, slot__cancelled_at__isnull=False),
            slot__ends_at__gte=now,
        ).order_by("slot__starts_at", "pk")
    else:
        bookings = bookings.filter(status=STATUS.CONFIRMED, slot__ends_at__lt=now).order_by(
            "-slot__starts_at", "-pk"
        )
        if ended_after is not None:
            bookings = bookings.filter(slot__ends_at__gte=ended_after)
    return bookings.annotate(position=_position_subquery()).prefetch_related(
        owner_prefetch("slot__owner")
    )


def active_booking(*, slot: Slot, user) -> Booking | None:
    if not user.is_authenticated:
        return None
    return Booking.objects.filter(slot=slot, user=user, status__in=Booking.ACTIVE_STATUSES).first()


@dataclass
class SignupState:
    """Everything the sign-up include shows for one slot and one visitor or user."""

    slot: Slot
    places_left: int | None
    waitlist_count: int
    booking: Booking | None
    waitlist_position: int | None
    accepts_bookings: bool

    @property
    def is_full(self) -> bool:
        return self.places_left == 0


def _with_occupancy(slots: list[Slot]) -> list[Slot]:
    """The slots with the occupancy annotations of ``slots_with_occupancy``: the ones that
    lack them are read again in one query (none when all have them)."""
    missing = [slot.pk for slot in slots if getattr(slot, "holding_count", None) is None]
    if not missing:
        return slots
    fresh = {slot.pk: slot for slot in slots_with_occupancy(Slot.objects.filter(pk__in=missing))}
    return [fresh.get(slot.pk, slot) for slot in slots]


def signup_states(*, slots, user, now=None) -> dict[int, SignupState]:
    """The sign-up state of each slot for one person (or visitor), keyed by slot id, in a
    fixed number of queries whatever the number of slots: at most one for occupancy (none
    when the slots come from ``slots_with_occupancy``) and one for the person's own bookings
    with their waitlist positions. The one selector for every owner's page."""
    now = now or timezone.now()
    slots = [slot for slot in slots if slot is not None]
    if not slots:
        return {}
    slots = _with_occupancy(slots)
    own = {}
    if user.is_authenticated:
        bookings = Booking.objects.filter(
            slot__in=slots, user=user, status__in=Booking.ACTIVE_STATUSES
        ).annotate(position=_position_subquery())
        for booking in bookings:
            own[booking.slot_id] = booking
    states = {}
    for slot in slots:
        booking = own.get(slot.pk)
        if booking is not None:
            booking.slot = slot
        states[slot.pk] = SignupState(
            slot=slot,
            places_left=places_left(slot),
            waitlist_count=waitlist_count(slot),
            booking=booking,
            waitlist_position=waitlist_position(booking) if booking is not None else None,
            accepts_bookings=slot.accepts_bookings(now),
        )
    return states


def owner_signup_states(*, owners, user, now=None) -> dict[int, SignupState]:
    """``signup_states`` for a list of slot owners (activity sessions, shifts), keyed by
    owner id; owners without a slot are left out. Prefetch the owners' slots with
    ``slots_prefetch()``."""
    slots = {owner.pk: owner.booking_slot for owner in owners}
    states = signup_states(slots=slots.values(), user=user, now=now)
    return {pk: states[slot.pk] for pk, slot in slots.items() if slot is not None}


def signup_state(*, slot: Slot, user, now=None) -> SignupState:
    """Two queries at most: occupancy (skipped when ``slot`` comes from
    ``slots_with_occupancy``) and the user's own booking."""
    return signup_states(slots=[slot], user=user, now=now)[slot.pk]


@dataclass
class Roster:
    """Who holds or wants a place on a slot, for its organisers."""

    slot: Slot
    confirmed: list[Booking] = field(default_factory=list)
    offered: list[Booking] = field(default_factory=list)
    waitlisted: list[Booking] = field(default_factory=list)
    pending: list[Booking] = field(default_factory=list)

    @property
    def holding_count(self) -> int:
        return len(self.confirmed) + len(self.offered)

    @property
    def places_left(self) -> int | None:
        if self.slot.capacity is None:
            return None
        return max(self.slot.capacity - self.holding_count, 0)

    @property
    def attended_count(self) -> int:
        return sum(1 for b in self.confirmed if b.attendance == Booking.Attendance.ATTENDED)

    @property
    def attendance_opens_at(self):
        """From when attendance may be recorded: a while before the start, so people can
        be checked in as they arrive (``BOOKING_ATTENDANCE_OPENS_BEFORE``)."""
        return self.slot.starts_at - conf.attendance_opens_before()

    @property
    def attendance_is_open(self) -> bool:
        """Whether the roster offers to record attendance now: it has opened and the slot
        is not cancelled."""
        return not self.slot.is_cancelled and timezone.now() >= self.attendance_opens_at


def slot_roster(*, slot: Slot) -> Roster:
    """One query: every active booking of the slot with its user, in arrival order, split
    into confirmed, offered, waiting (in waitlist order) and unconfirmed visitors."""
    roster = Roster(slot=slot)
    bookings = (
        Booking.objects.filter(slot=slot, status__in=Booking.ACTIVE_STATUSES)
        .select_related("user", "attendance_marked_by")
        .order_by("sequence", "created_at", "pk")
    )
    buckets = {
        STATUS.CONFIRMED: roster.confirmed,
        STATUS.OFFERED: roster.offered,
        STATUS.WAITLISTED: roster.waitlisted,
        STATUS.PENDING: roster.pending,
    }
    for booking in bookings:
        booking.slot = slot
        buckets[booking.status].append(booking)
    for position, booking in enumerate(roster.waitlisted, start=1):
        booking.position = position
    return roster


def verified_emails(user) -> list[str]:
    """The addresses allauth has verified for the user, lower-case."""
    from allauth.account.models import EmailAddress

    return [
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    ]


def find_booking_by_token(token: str) -> Booking | None:
    """The booking a one-click link belongs to, with what its page shows, or None."""
    if not token or len(token) > Booking._meta.get_field("token").max_length:
        return None
    return (
        Booking.objects.select_related("slot", "slot__content_type", "user")
        .filter(token=token)
        .first()
    )


# --- what a one-click link can still do ---------------------------------------------------
# The services raise these problems; the link pages show them before anyone presses a button.


def confirmation_problem(booking: Booking, now=None) -> errors.BookingError | None:
    """Why a visitor's confirmation link cannot confirm (None: it can)."""
    now = now or timezone.now()
    slot = booking.slot
    if booking.status in Booking.ARRIVED_STATUSES:
        return errors.AlreadyConfirmed(booking=booking)
    if booking.status == STATUS.EXPIRED and booking.sequence is None:
        return errors.ConfirmationExpired(booking=booking)
    if booking.status != STATUS.PENDING:
        if slot.is_cancelled:
            return errors.SlotCancelled(booking=booking)
        return errors.BookingNotActive(booking=booking)
    if slot.is_cancelled:
        return errors.SlotCancelled(booking=booking)
    if slot.has_started(now):
        return errors.BookingClosed(booking=booking)
    if now > booking.confirmation_sent_at + conf.guest_confirmation_duration():
        return errors.ConfirmationExpired(booking=booking)
    return None


def cancellation_problem(booking: Booking, now=None) -> errors.BookingError | None:
    """Why a booking cannot be cancelled (None: it can). An inactive booking has nothing
    left to cancel; a confirmed place is kept once the slot has started."""
    now = now or timezone.now()
    if not booking.is_active:
        if booking.slot.is_cancelled:
            return errors.SlotCancelled(booking=booking)
        return errors.BookingNotActive(booking=booking)
    if booking.status == STATUS.CONFIRMED and booking.slot.has_started(now):
        return errors.BookingClosed(booking=booking)
    return None


def offer_problem(booking: Booking, now=None) -> errors.BookingError | None:
    """Why an offered place cannot be accepted (None: it can)."""
    now = now or timezone.now()
    was_offered = booking.offered_at is not None
    if booking.status == STATUS.CONFIRMED and was_offered:
        return errors.OfferAlreadyAccepted(booking=booking)
    if booking.slot.is_cancelled:
        return errors.SlotCancelled(booking=booking)
    if booking.status == STATUS.EXPIRED and was_offered:
        return errors.OfferExpired(booking=booking)
    if booking.status == STATUS.DECLINED:
        return errors.OfferDeclined(booking=booking)
    if booking.status != STATUS.OFFERED:
        return errors.OfferNotOpen(booking=booking)
    if now >= booking.offer_expires_at:
        return errors.OfferExpired(booking=booking)
    return None
