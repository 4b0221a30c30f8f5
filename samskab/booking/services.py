"""Every change to slots and bookings. One rule keeps the engine from ever overbooking:
each function that changes who holds a place locks the slot row (``select_for_update``)
inside ``transaction.atomic`` before reading counts, so all capacity decisions for a slot
are serialised (on SQLite, write transactions are serialised by the database anyway).

Rules, in one place:
- A place is held by a confirmed booking or by an open offer. A slot with capacity ``N``
  never has more than ``N`` holders.
- Arrival order is the order in which bookings entered the slot under the lock: each gets
  the next ``sequence`` from the slot's ``arrivals`` counter. The waitlist is strictly in
  that order, and a newcomer never overtakes someone waiting.
- When a place frees up, the first person waiting is offered it by email, with an accept
  link valid for ``BOOKING_OFFER_HOURS`` (never beyond the start); an offer not accepted in
  time expires and the place goes to the next person. Slots with
  ``auto_confirm_waitlist`` skip the offer: the next person simply gets the place and is
  told by email.
- A slot without a waitlist (``waitlist_enabled`` off, e.g. a need where the first to
  accept get it) refuses newcomers with ``SlotFull`` once every place is held; a freed
  place then simply goes to whoever comes next.
- A visitor (no account) gets a pending booking and an email link; the place is decided
  when they confirm. Unconfirmed or mistyped addresses therefore never hold a place, and
  arrival order among visitors is the order in which they proved their address.
- Signing up, cancelling, accepting and declining twice are harmless.
- Emails go out after commit (see ``emails.queue_booking_email``).
"""

import logging
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import DateTimeField, DurationField, ExpressionWrapper, F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language

from samskab.booking import conf, emails, errors, selectors
from samskab.booking.models import Booking, Slot

STATUS = Booking.Status
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BookingResult:
    """What a sign-up or confirmation led to. ``created`` is False when the person already
    had an active booking (which is returned unchanged)."""

    booking: Booking
    created: bool
    waitlist_position: int | None

    @property
    def status(self) -> str:
        return self.booking.status

    @property
    def sequence(self) -> int | None:
        return self.booking.sequence


# --- helpers (call only with the slot locked) ----------------------------------------------


def _lock_slot(slot_or_pk) -> Slot:
    pk = slot_or_pk.pk if isinstance(slot_or_pk, Slot) else slot_or_pk
    return Slot.objects.select_for_update().get(pk=pk)


def _ensure_open(slot: Slot, now, booking=None) -> None:
    if slot.is_cancelled:
        raise errors.SlotCancelled(booking=booking)
    if slot.has_started(now):
        raise errors.BookingClosed(booking=booking)


def _free_places(slot: Slot) -> int | None:
    if slot.capacity is None:
        return None
    holding = Booking.objects.filter(slot=slot, status__in=Booking.PLACE_HOLDING_STATUSES).count()
    return max(slot.capacity - holding, 0)


def _next_arrival(slot: Slot) -> int:
    slot.arrivals += 1
    slot.save(update_fields=["arrivals", "updated_at"])
    return slot.arrivals


def _enter_slot(slot: Slot, booking: Booking, now) -> None:
    """Give the booking its arrival number and a place if one is free and nobody is
    waiting for it; otherwise a place at the end of the waitlist, or ``SlotFull`` when
    the slot keeps no waitlist."""
    free = _free_places(slot)
    if free == 0 and not slot.waitlist_enabled:
        raise errors.SlotFull(booking=booking if booking.pk else None)
    booking.sequence = _next_arrival(slot)
    someone_waiting = Booking.objects.filter(slot=slot, status=STATUS.WAITLISTED).exists()
    if (free is None or free > 0) and not someone_waiting:
        booking.status = STATUS.CONFIRMED
        booking.confirmed_at = now
    else:
        booking.status = STATUS.WAITLISTED


def _offer_deadline(slot: Slot, now):
    return min(now + conf.offer_duration(), slot.starts_at)


def _fill_free_places(slot: Slot, now) -> list[Booking]:
    """Hand free places to the people waiting, first come first served: an offer by email,
    or the place itself when the slot auto-confirms. Nothing happens once the slot has
    started or was cancelled."""
    if not slot.accepts_bookings(now):
        return []
    free = _free_places(slot)
    if free == 0:
        return []
    waiting = Booking.objects.filter(slot=slot, status=STATUS.WAITLISTED).order_by("sequence")
    if free is not None:
        waiting = waiting[:free]
    promoted = list(waiting)
    for booking in promoted:
        if slot.auto_confirm_waitlist:
            booking.status = STATUS.CONFIRMED
            booking.confirmed_at = now
            booking.save(update_fields=["status", "confirmed_at", "updated_at"])
            emails.queue_booking_email(emails.PROMOTED, booking)
        else:
            booking.status = STATUS.OFFERED
            booking.offered_at = now
            booking.offer_expires_at = _offer_deadline(slot, now)
            booking.save(update_fields=["status", "offered_at", "offer_expires_at", "updated_at"])
            emails.queue_booking_email(emails.OFFER, booking)
    return promoted


def _status_email(booking: Booking) -> str | None:
    return {
        STATUS.PENDING: emails.GUEST_CONFIRM,
        STATUS.CONFIRMED: emails.CONFIRMED,
        STATUS.WAITLISTED: emails.WAITLISTED,
        STATUS.OFFERED: emails.OFFER,
    }.get(booking.status)


def _find_by_token(token: str) -> Booking:
    booking = selectors.find_booking_by_token(token)
    if booking is None:
        raise errors.InvalidToken()
    return booking


def _lock_slot_and_reload(booking: Booking) -> tuple[Slot, Booking]:
    """Lock the booking's slot, then read the booking again: what it was before the lock
    may have changed meanwhile."""
    slot = _lock_slot(booking.slot_id)
    booking = Booking.objects.select_related("user").get(pk=booking.pk)
    booking.slot = slot
    return slot, booking


def _result(booking: Booking, *, created: bool) -> BookingResult:
    return BookingResult(
        booking=booking, created=created, waitlist_position=selectors.waitlist_position(booking)
    )


# --- slots ------------------------------------------------------------------------------------


def create_slot(
    *,
    owner,
    starts_at,
    ends_at,
    capacity: int | None = None,
    auto_confirm_waitlist: bool = False,
    reminder_before=None,
    waitlist_enabled: bool = True,
) -> Slot:
    """Give an owner (an activity session, a volunteer shift) its slot. An owner has at most
    one slot. ``auto_confirm_waitlist`` and ``reminder_before`` may later be changed by
    saving the slot; times and capacity change through the services below. Without
    ``waitlist_enabled``, sign-ups to a full slot raise ``SlotFull`` instead of waiting."""
    if capacity is not None and capacity < 1:
        raise errors.InvalidCapacity()
    content_type = ContentType.objects.get_for_model(owner)
    with transaction.atomic():
        if Slot.objects.filter(content_type=content_type, object_id=owner.pk).exists():
            raise ValueError(f"{owner!r} already has a slot.")
        return Slot.objects.create(
            content_type=content_type,
            object_id=owner.pk,
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=capacity,
            auto_confirm_waitlist=auto_confirm_waitlist,
            reminder_before=reminder_before,
            waitlist_enabled=waitlist_enabled,
        )


def reschedule_slot(*, slot: Slot, starts_at, ends_at) -> Slot:
    """Move a slot. Bookings are kept; everyone booked or waiting is told the new time,
    reminders go out again relative to it, and open offers never outlast the new start."""
    now = timezone.now()
    with transaction.atomic():
        slot = _lock_slot(slot)
        if slot.is_cancelled:
            raise errors.SlotCancelled()
        if slot.starts_at == starts_at and slot.ends_at == ends_at:
            return slot
        slot.starts_at, slot.ends_at = starts_at, ends_at
        slot.save(update_fields=["starts_at", "ends_at", "updated_at"])
        affected = list(slot.bookings.filter(status__in=Booking.ARRIVED_STATUSES))
        for booking in affected:
            booking.reminder_sent_at = None
            if booking.status == STATUS.OFFERED:
                booking.offer_expires_at = min(booking.offer_expires_at, starts_at)
            booking.save(update_fields=["reminder_sent_at", "offer_expires_at", "updated_at"])
            emails.queue_booking_email(emails.RESCHEDULED, booking)
        _fill_free_places(slot, now)
    return slot


def change_capacity(*, slot: Slot, capacity: int | None) -> Slot:
    """Set the number of places (None: no limit). Raising it hands the new places to the
    people waiting, in order. Lowering it below the number of people who already hold a
    place (confirmed or offered) is refused with ``CapacityTooLow``: the engine never takes
    a place away from someone; the organiser cancels bookings explicitly if they must."""
    if capacity is not None and capacity < 1:
        raise errors.InvalidCapacity()
    now = timezone.now()
    with transaction.atomic():
        slot = _lock_slot(slot)
        if slot.is_cancelled:
            raise errors.SlotCancelled()
        holding = slot.bookings.filter(status__in=Booking.PLACE_HOLDING_STATUSES).count()
        if capacity is not None and capacity < holding:
            raise errors.CapacityTooLow(holding=holding)
        slot.capacity = capacity
        slot.save(update_fields=["capacity", "updated_at"])
        _fill_free_places(slot, now)
    return slot


def cancel_slot(*, slot: Slot, reason: str, by) -> Slot:
    """The organiser cancels the slot: every booking that is confirmed, offered, waiting or
    awaiting email confirmation is cancelled and its person told by email, with the reason.
    Cancelling a cancelled slot changes nothing."""
    now = timezone.now()
    with transaction.atomic():
        slot = _lock_slot(slot)
        if slot.is_cancelled:
            return slot
        slot.cancelled_at = now
        slot.cancellation_reason = reason.strip()
        slot.cancelled_by = by if by is not None and by.is_authenticated else None
        slot.save(
            update_fields=["cancelled_at", "cancellation_reason", "cancelled_by", "updated_at"]
        )
        for booking in slot.bookings.filter(status__in=Booking.ACTIVE_STATUSES):
            booking.status = STATUS.CANCELLED
            booking.cancelled_at = now
            booking.save(update_fields=["status", "cancelled_at", "updated_at"])
            emails.queue_booking_email(emails.SLOT_CANCELLED, booking)
    return slot


# --- signing up -------------------------------------------------------------------------------


def request_booking(
    *, slot: Slot, user=None, name: str | None = None, email: str | None = None, language=None
) -> BookingResult:
    """Sign someone up.

    A logged-in user is confirmed at once if a place is free (and nobody is waiting for
    it), otherwise put on the waitlist (the result carries the waitlist position), or
    refused with ``SlotFull`` when the slot keeps no waitlist. A visitor
    gives name and email: the booking is pending and a confirmation link is emailed; the
    place is decided when they confirm (``confirm_guest_booking``).

    Idempotent: someone who already has an active booking gets it back unchanged
    (``created=False``); a visitor is sent the email for its current state again, so a lost
    email can be recovered. Raises ``SlotCancelled``, ``BookingClosed`` (started) or
    ``GuestDetailsRequired``."""
    now = timezone.now()
    if user is not None and user.is_authenticated:
        return _request_for_user(slot=slot, user=user, now=now)
    name = (name or "").strip()
    email = (email or "").strip().lower()
    if not name or not email:
        raise errors.GuestDetailsRequired()
    return _request_for_guest(
        slot=slot, name=name, email=email, language=language or get_language(), now=now
    )


def _request_for_user(*, slot, user, now) -> BookingResult:
    with transaction.atomic():
        slot = _lock_slot(slot)
        existing = slot.bookings.filter(user=user, status__in=Booking.ACTIVE_STATUSES).first()
        if existing is not None:
            return _result(existing, created=False)
        _ensure_open(slot, now)
        booking = Booking(slot=slot, user=user, language=user.preferred_language)
        _enter_slot(slot, booking, now)
        booking.save()
        emails.queue_booking_email(_status_email(booking), booking)
        return _result(booking, created=True)


def _request_for_guest(*, slot, name, email, language, now) -> BookingResult:
    with transaction.atomic():
        slot = _lock_slot(slot)
        existing = slot.bookings.filter(
            user__isnull=True, guest_email=email, status__in=Booking.ACTIVE_STATUSES
        ).first()
        if existing is not None:
            if existing.status == STATUS.PENDING:
                _ensure_open(slot, now, booking=existing)
                # A new link restarts the confirmation window.
                existing.guest_name = name
                existing.language = language
                existing.confirmation_sent_at = now
                existing.save(
                    update_fields=["guest_name", "language", "confirmation_sent_at", "updated_at"]
                )
            emails.queue_booking_email(_status_email(existing), existing)
            return _result(existing, created=False)
        _ensure_open(slot, now)
        booking = Booking.objects.create(
            slot=slot,
            guest_name=name,
            guest_email=email,
            language=language,
            status=STATUS.PENDING,
            confirmation_sent_at=now,
        )
        emails.queue_booking_email(emails.GUEST_CONFIRM, booking)
        return _result(booking, created=True)


def confirm_guest_booking(*, token: str) -> BookingResult:
    """A visitor follows the link in their email: the booking enters the slot, confirmed
    if a place is free, otherwise waitlisted. Raises ``InvalidToken``,
    ``AlreadyConfirmed`` (with the booking, so the page can show its state),
    ``ConfirmationExpired``, ``SlotCancelled``, ``BookingClosed``, ``BookingNotActive`` or
    ``SlotFull`` (full and no waitlist: the sign-up stays unconfirmed)."""
    found = _find_by_token(token)
    now = timezone.now()
    with transaction.atomic():
        slot, booking = _lock_slot_and_reload(found)
        problem = selectors.confirmation_problem(booking, now)
        if problem is not None:
            raise problem
        _enter_slot(slot, booking, now)
        booking.save(update_fields=["sequence", "status", "confirmed_at", "updated_at"])
        emails.queue_booking_email(_status_email(booking), booking)
        return _result(booking, created=True)


# --- cancelling and the waitlist --------------------------------------------------------------


def cancel_booking(*, booking: Booking | None = None, token: str | None = None) -> Booking:
    """Cancel by booking (a logged-in user's own) or by the token in an email link.
    Idempotent: a booking that is no longer active is returned unchanged. If it held a
    place, the place goes to the first person waiting. A confirmed place cannot be cancelled
    once the slot has started (``BookingClosed``): attendance is recorded from then on.
    Raises ``InvalidToken`` for an unknown token."""
    if (booking is None) == (token is None):
        raise ValueError("Give either a booking or a token.")
    if token is not None:
        booking = _find_by_token(token)
    now = timezone.now()
    with transaction.atomic():
        slot, booking = _lock_slot_and_reload(booking)
        if not booking.is_active:
            return booking
        problem = selectors.cancellation_problem(booking, now)
        if problem is not None:
            raise problem
        freed_a_place = booking.holds_place
        booking.status = STATUS.CANCELLED
        booking.cancelled_at = now
        booking.save(update_fields=["status", "cancelled_at", "updated_at"])
        if freed_a_place:
            _fill_free_places(slot, now)
    return booking


def accept_offer(*, token: str) -> Booking:
    """Take the place offered by email. Accepting twice is harmless (the confirmed booking
    is returned). Raises ``InvalidToken``, ``OfferExpired`` (the place then goes to the next
    person at once, even if ``expire_offers`` has not run yet), ``OfferNotOpen`` or
    ``SlotCancelled``."""
    found = _find_by_token(token)
    now = timezone.now()
    with transaction.atomic():
        slot, booking = _lock_slot_and_reload(found)
        problem = selectors.offer_problem(booking, now)
        if isinstance(problem, errors.OfferAlreadyAccepted):
            return booking
        # An offer whose time ran out is expired here and now, and the place offered on.
        expired = isinstance(problem, errors.OfferExpired) and booking.status == STATUS.OFFERED
        if problem is not None and not expired:
            raise problem
        if expired:
            _expire_offer(booking, slot, now)
        else:
            booking.status = STATUS.CONFIRMED
            booking.confirmed_at = now
            booking.save(update_fields=["status", "confirmed_at", "updated_at"])
            emails.queue_booking_email(emails.CONFIRMED, booking)
    if expired:
        # Raised outside the atomic block, so the expiry and the next offer are kept.
        raise errors.OfferExpired(booking=booking)
    return booking


def decline_offer(*, token: str) -> Booking:
    """Say no to an offered place; it goes to the next person waiting. Declining twice, or
    after the offer expired, is harmless. Raises ``InvalidToken`` or ``OfferNotOpen`` (for
    example when the place was already accepted: cancel it instead)."""
    found = _find_by_token(token)
    now = timezone.now()
    with transaction.atomic():
        slot, booking = _lock_slot_and_reload(found)
        if booking.status in (STATUS.DECLINED, STATUS.EXPIRED):
            return booking
        if booking.status != STATUS.OFFERED:
            raise errors.OfferNotOpen(booking=booking)
        booking.status = STATUS.DECLINED
        booking.cancelled_at = now
        booking.save(update_fields=["status", "cancelled_at", "updated_at"])
        _fill_free_places(slot, now)
    return booking


def _expire_offer(booking: Booking, slot: Slot, now) -> None:
    booking.status = STATUS.EXPIRED
    booking.save(update_fields=["status", "updated_at"])
    emails.queue_booking_email(emails.OFFER_EXPIRED, booking)
    _fill_free_places(slot, now)


def expire_offers(*, now=None) -> int:
    """Expire offers whose time ran out and offer each place to the next person waiting.
    Safe to run on several machines at once: each slot is handled under its lock and
    offers are re-read there. Returns the number of offers expired."""
    now = now or timezone.now()
    slot_ids = list(
        Booking.objects.filter(status=STATUS.OFFERED, offer_expires_at__lte=now)
        .values_list("slot_id", flat=True)
        .distinct()
        .order_by("slot_id")
    )
    expired_count = 0
    for slot_id in slot_ids:
        with transaction.atomic():
            slot = _lock_slot(slot_id)
            overdue = list(slot.bookings.filter(status=STATUS.OFFERED, offer_expires_at__lte=now))
            for booking in overdue:
                booking.status = STATUS.EXPIRED
                booking.save(update_fields=["status", "updated_at"])
                emails.queue_booking_email(emails.OFFER_EXPIRED, booking)
            if overdue:
                _fill_free_places(slot, now)
            expired_count += len(overdue)
    return expired_count


def expire_unconfirmed_guest_bookings(*, now=None) -> int:
    """Mark visitors' sign-ups that were never confirmed in time (or whose slot has
    started) as expired, so they stop counting as active. They never held a place."""
    now = now or timezone.now()
    cutoff = now - conf.guest_confirmation_duration()
    with transaction.atomic():
        return Booking.objects.filter(
            Q(confirmation_sent_at__lt=cutoff) | Q(slot__starts_at__lte=now),
            status=STATUS.PENDING,
        ).update(status=STATUS.EXPIRED, updated_at=now)


# --- attendance and reminders ---------------------------------------------------------------


def mark_attendance(*, booking: Booking, attended: bool | None, by) -> Booking:
    """Record that a confirmed person came (True), did not come (False), or undo the mark
    (None). Possible from ``BOOKING_ATTENDANCE_OPENS_BEFORE`` before the start (people
    check in on arrival), and corrections are allowed later. Raises ``AttendanceNotAllowed``.
    Who may mark is the caller's check (``owners.can_manage_slot``)."""
    now = timezone.now()
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("slot", "user")
            .get(pk=booking.pk)
        )
        slot = booking.slot
        opens_at = slot.starts_at - conf.attendance_opens_before()
        if booking.status != STATUS.CONFIRMED or slot.is_cancelled or now < opens_at:
            raise errors.AttendanceNotAllowed(booking=booking)
        if attended is None:
            booking.attendance = Booking.Attendance.UNKNOWN
            booking.attendance_marked_by = None
            booking.attendance_marked_at = None
        else:
            booking.attendance = (
                Booking.Attendance.ATTENDED if attended else Booking.Attendance.NO_SHOW
            )
            booking.attendance_marked_by = by if by is not None and by.is_authenticated else None
            booking.attendance_marked_at = now
        booking.save(
            update_fields=[
                "attendance",
                "attendance_marked_by",
                "attendance_marked_at",
                "updated_at",
            ]
        )
    return booking


def due_reminder_ids(*, now) -> list[int]:
    """Confirmed bookings whose slot starts within its reminder window and whose reminder
    has not gone out. People confirmed after the reminder time are left out: their
    confirmation email, just sent, already says everything."""
    remind_at = ExpressionWrapper(
        F("slot__starts_at")
        - Coalesce(
            F("slot__reminder_before"),
            Value(conf.reminder_before(), output_field=DurationField()),
        ),
        output_field=DateTimeField(),
    )
    return list(
        Booking.objects.filter(
            status=STATUS.CONFIRMED,
            reminder_sent_at__isnull=True,
            slot__cancelled_at__isnull=True,
            slot__starts_at__gt=now,
        )
        .annotate(remind_at=remind_at)
        .filter(remind_at__lte=now)
        .filter(Q(confirmed_at__isnull=True) | Q(confirmed_at__lt=F("remind_at")))
        .order_by("slot__starts_at", "pk")
        .values_list("pk", flat=True)
    )


def send_due_reminders(*, now=None) -> int:
    """Send each due reminder exactly once, even with several workers running at once.

    Each booking is claimed with a conditional UPDATE (``reminder_sent_at IS NULL``) that
    commits on its own before the email is sent: only the worker whose UPDATE changed the
    row sends. This function is deliberately not one big transaction, which would hold row
    locks while talking to the mail server and hide claims from the other workers. If
    sending fails, the claim is released so a later run retries. Returns the number sent."""
    now = now or timezone.now()
    sent = 0
    for pk in due_reminder_ids(now=now):
        claimed = Booking.objects.filter(
            pk=pk, status=STATUS.CONFIRMED, reminder_sent_at__isnull=True
        ).update(reminder_sent_at=now)
        if claimed != 1:
            continue
        try:
            emails.send_booking_email(emails.REMINDER, pk)
        except Exception:
            logger.exception("Could not send the reminder for booking %s", pk)
            Booking.objects.filter(pk=pk, reminder_sent_at=now).update(reminder_sent_at=None)
            continue
        sent += 1
    return sent


# --- visitors who create an account -----------------------------------------------------------

_RANK = {STATUS.CONFIRMED: 3, STATUS.OFFERED: 2, STATUS.WAITLISTED: 1, STATUS.PENDING: 0}


def claim_guest_bookings(*, user) -> int:
    """Attach to the user the bookings made as a visitor with one of the user's verified
    email addresses (confirmed by the visitor, so past and cancelled ones too: they are the
    person's history). Unconfirmed visitor sign-ups are left alone; they can still be
    confirmed by their link. If the user already holds an active booking on the same slot,
    the better of the two is kept (confirmed > offered > waiting) and the other is
    cancelled, freeing its place for the next person. Returns how many were attached."""
    addresses = selectors.verified_emails(user)
    if not addresses:
        return 0
    slot_ids = list(
        Booking.objects.filter(user__isnull=True, guest_email__in=addresses)
        .exclude(status=STATUS.PENDING)
        .values_list("slot_id", flat=True)
        .distinct()
        .order_by("slot_id")
    )
    now = timezone.now()
    claimed = 0
    for slot_id in slot_ids:
        with transaction.atomic():
            slot = _lock_slot(slot_id)
            guest_bookings = slot.bookings.filter(
                user__isnull=True, guest_email__in=addresses
            ).exclude(status=STATUS.PENDING)
            for booking in guest_bookings:
                if booking.is_active:
                    _resolve_double_booking(slot, user, booking, now)
                booking.user = user
                booking.save(update_fields=["user", "updated_at"])
                claimed += 1
    return claimed


def _resolve_double_booking(slot, user, guest_booking, now) -> None:
    own = slot.bookings.filter(user=user, status__in=Booking.ACTIVE_STATUSES).first()
    if own is None:
        return
    keep_guest = _RANK[guest_booking.status] > _RANK[own.status]
    dropped = own if keep_guest else guest_booking
    freed_a_place = dropped.holds_place
    dropped.status = STATUS.CANCELLED
    dropped.cancelled_at = now
    dropped.save(update_fields=["status", "cancelled_at", "updated_at"])
    if freed_a_place:
        _fill_free_places(slot, now)
