"""The engine's emails. Each is a pair of templates (``booking/email/<kind>_subject.txt`` and
``booking/email/<kind>.txt``) rendered in the recipient's language, naming what was booked
(title, time, place, organiser, link) and, while the booking is still active, carrying a
one-click cancel link that works without logging in.

Services queue emails to go after commit (``samskab.core.emails``) so nobody is told about
a change that was rolled back, and so no slot lock is held while talking to the mail
server."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from samskab.booking import conf, selectors
from samskab.booking.models import Booking
from samskab.booking.owners import describe_slot
from samskab.core import emails as core_emails
from samskab.core.emails import absolute_url
from samskab.core.formatting import local_datetime, slot_time_range

GUEST_CONFIRM = "guest_confirm"
CONFIRMED = "confirmed"
WAITLISTED = "waitlisted"
OFFER = "offer"
PROMOTED = "promoted"
OFFER_EXPIRED = "offer_expired"
REMINDER = "reminder"
SLOT_CANCELLED = "slot_cancelled"
RESCHEDULED = "rescheduled"

KINDS = (
    GUEST_CONFIRM,
    CONFIRMED,
    WAITLISTED,
    OFFER,
    PROMOTED,
    OFFER_EXPIRED,
    REMINDER,
    SLOT_CANCELLED,
    RESCHEDULED,
)


def booking_link(name: str, booking: Booking) -> str:
    """Absolute URL of a token page, in the active language."""
    return absolute_url(reverse(f"booking:{name}", kwargs={"token": booking.token}))


def build_booking_email(kind: str, booking: Booking) -> EmailMessage:
    if kind not in KINDS:
        raise ValueError(f"Unknown booking email: {kind}")
    slot = booking.slot

    def context():
        description = describe_slot(slot)
        return {
            "kind": kind,
            "booking": booking,
            "slot": slot,
            "recipient_name": booking.display_name,
            "description": description,
            "when": slot_time_range(slot),
            "owner_url": absolute_url(description.url),
            "cancel_url": booking_link("cancel", booking) if booking.is_active else "",
            "confirm_url": booking_link("confirm", booking) if kind == GUEST_CONFIRM else "",
            "offer_url": booking_link("offer", booking) if kind == OFFER else "",
            "offer_deadline": local_datetime(booking.offer_expires_at)
            if booking.offer_expires_at
            else "",
            "confirmation_deadline": local_datetime(
                min(
                    booking.confirmation_sent_at + conf.guest_confirmation_duration(),
                    slot.starts_at,
                )
            )
            if booking.confirmation_sent_at
            else "",
            "waitlist_position": selectors.waitlist_position(booking)
            if booking.status == Booking.Status.WAITLISTED
            else None,
            "municipality_name": settings.MUNICIPALITY_NAME,
        }

    return core_emails.render_email(
        subject_template=f"booking/email/{kind}_subject.txt",
        body_template=f"booking/email/{kind}.txt",
        context=context,
        to=booking.email,
        language=booking.recipient_language,
    )


def _booking_email(kind: str, booking_id: int) -> EmailMessage | None:
    """The email about the booking as it is now in the database (None once it is gone)."""
    booking = (
        Booking.objects.select_related("slot", "slot__content_type", "user")
        .filter(pk=booking_id)
        .first()
    )
    return build_booking_email(kind, booking) if booking is not None else None


def send_booking_email(kind: str, booking_id: int) -> None:
    """Render and send one email about the booking now; raises if the mail server fails."""
    message = _booking_email(kind, booking_id)
    if message is not None:
        core_emails.send(message)


def queue_booking_email(kind: str, booking: Booking) -> None:
    """Put the email in the outbox in the surrounding transaction; a worker sends it once
    the booking is committed. A failing mail server never undoes the booking."""
    booking_id = booking.pk
    core_emails.send_later(_booking_email(kind, booking_id), about=f"booking {booking_id} ({kind})")
