"""The engine's emails. Each is a pair of templates (``booking/email/<kind>_subject.txt`` and
``booking/email/<kind>.txt``) rendered in the recipient's language, naming what was booked
(title, time, place, organiser, link) and, while the booking is still active, carrying a
one-click cancel link that works without logging in.

Services queue emails with ``transaction.on_commit`` so nobody is told about a change that
was rolled back, and so no slot lock is held while talking to the mail server."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from samskab.booking import conf, selectors
from samskab.booking.formatting import local_datetime, slot_time_range
from samskab.booking.models import Booking
from samskab.booking.owners import describe_slot

logger = logging.getLogger(__name__)

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


def absolute_url(path: str) -> str:
    if not path or path.startswith(("http://", "https://")):
        return path
    return f"{conf.site_url()}{path}"


def booking_link(name: str, booking: Booking) -> str:
    """Absolute URL of a token page, in the active language."""
    return absolute_url(reverse(f"booking:{name}", kwargs={"token": booking.token}))


def build_booking_email(kind: str, booking: Booking) -> EmailMessage:
    if kind not in KINDS:
        raise ValueError(f"Unknown booking email: {kind}")
    slot = booking.slot
    with translation.override(booking.recipient_language):
        description = describe_slot(slot)
        context = {
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
        subject = " ".join(render_to_string(f"booking/email/{kind}_subject.txt", context).split())
        body = render_to_string(f"booking/email/{kind}.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        to=[booking.email],
        headers={"Auto-Submitted": "auto-generated"},
    )


def send_booking_email(kind: str, booking_id: int) -> None:
    """Render and send one email about the booking as it is now in the database."""
    booking = (
        Booking.objects.select_related("slot", "slot__content_type", "user")
        .filter(pk=booking_id)
        .first()
    )
    if booking is None:
        return
    build_booking_email(kind, booking).send()


def queue_booking_email(kind: str, booking: Booking) -> None:
    """Send once the surrounding transaction commits. A failing mail server is logged and
    does not undo the booking (robust on_commit)."""
    booking_id = booking.pk

    # A named function rather than functools.partial: when a robust callback fails, Django
    # logs the callback's __qualname__, which a partial object does not have.
    def send_after_commit():
        send_booking_email(kind, booking_id)

    transaction.on_commit(send_after_commit, robust=True)
