"""Domain errors of the booking engine. Each carries a translated message written for the
person who clicked, so views can show it as is; some also carry the booking concerned so the
page can say where things stand."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samskab.core.errors import ServiceError


class BookingError(ServiceError):
    """An error of the booking engine (see ``samskab.core.errors.ServiceError``); some
    carry the ``booking`` concerned."""

    def __init__(self, message=None, *, booking=None, field: str | None = None):
        super().__init__(message, field=field)
        self.booking = booking


class InvalidToken(BookingError):
    code = "invalid_token"
    message = _(
        "We do not recognise this link. It may have been copied incompletely; try opening "
        "it again from the email."
    )


class SlotCancelled(BookingError):
    code = "slot_cancelled"
    message = _("This session has been cancelled by the organiser.")


class BookingClosed(BookingError):
    code = "closed"
    message = _("This session has already started, so sign-ups and changes are closed.")


class SlotFull(BookingError):
    """Every place is taken and the slot keeps no waiting list."""

    code = "slot_full"
    level = "info"
    message = _("Sorry, every place has been taken, so there is no place for you this time.")


class GuestDetailsRequired(BookingError):
    code = "guest_details_required"
    message = _("Please give your name and email address.")


class ConfirmationExpired(BookingError):
    code = "confirmation_expired"
    message = _(
        "This confirmation link has expired, so no place was kept for you. You are welcome "
        "to sign up again."
    )


class AlreadyConfirmed(BookingError):
    code = "already_confirmed"
    level = "info"
    message = _("You have already confirmed your email address for this sign-up.")


class BookingNotActive(BookingError):
    code = "not_active"
    level = "info"
    message = _("This sign-up has already been cancelled or has ended.")


class OfferAlreadyAccepted(BookingError):
    code = "offer_accepted"
    level = "info"
    message = _("You have already accepted this place. See you there!")


class OfferDeclined(BookingError):
    code = "offer_declined"
    level = "info"
    message = _("You have declined this place, so it was offered to the next person waiting.")


class OfferNotOpen(BookingError):
    code = "offer_not_open"
    message = _("There is no open offer of a place for this sign-up.")


class OfferExpired(BookingError):
    code = "offer_expired"
    message = _(
        "Sorry, the time to accept this place has run out, so it was offered to the next "
        "person waiting."
    )


class InvalidCapacity(BookingError):
    code = "invalid_capacity"
    message = _("A session needs at least one place. Leave the field empty for no limit.")


class CapacityTooLow(BookingError):
    code = "capacity_too_low"

    def __init__(self, *, holding: int):
        message = ngettext(
            "%(count)d person already has a place. Set at least %(count)d place, or cancel "
            "bookings first.",
            "%(count)d people already have a place. Set at least %(count)d places, or cancel "
            "bookings first.",
            holding,
        ) % {"count": holding}
        super().__init__(message)


class AttendanceNotAllowed(BookingError):
    code = "attendance_not_allowed"
    message = _(
        "Attendance can only be recorded for confirmed bookings, from shortly before the start."
    )
