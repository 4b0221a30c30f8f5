"""The booking engine's part of "download my data" and "delete my account" (see
``samskab.accounts.personal_data``)."""

from samskab.booking import errors, selectors, services
from samskab.booking.models import Booking
from samskab.booking.owners import describe_slot


def collect(user) -> list[dict]:
    """Every booking of the person, with what it was for and what happened."""
    bookings = (
        Booking.objects.filter(user=user)
        .select_related("slot", "slot__content_type")
        .prefetch_related(selectors.owner_prefetch("slot__owner"))
        .order_by("slot__starts_at", "pk")
    )
    return [
        {
            "what": describe_slot(booking.slot).title,
            "starts_at": booking.slot.starts_at.isoformat(),
            "ends_at": booking.slot.ends_at.isoformat(),
            "status": booking.status,
            "attendance": booking.attendance,
            "signed_up_at": booking.created_at.isoformat(),
            "confirmed_at": booking.confirmed_at.isoformat() if booking.confirmed_at else None,
            "cancelled_at": booking.cancelled_at.isoformat() if booking.cancelled_at else None,
            "reminder_sent_at": (
                booking.reminder_sent_at.isoformat() if booking.reminder_sent_at else None
            ),
        }
        for booking in bookings
    ]


def forget(user) -> None:
    """Before the account (and with it every booking) is deleted, give up the person's
    places through the engine, so the people waiting are offered them."""
    for booking in Booking.objects.filter(user=user, status__in=Booking.ACTIVE_STATUSES):
        try:
            services.cancel_booking(booking=booking)
        except errors.BookingError:
            # A session already under way keeps its count; the row goes with the account.
            continue
