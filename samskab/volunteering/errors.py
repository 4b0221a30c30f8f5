"""Domain errors of volunteering. Each carries a translated message written for the person
who clicked, so views can show it as is; ``field`` names the form field it belongs to."""

from django.utils.translation import gettext_lazy as _

from samskab.core.errors import ServiceError


class VolunteeringError(ServiceError):
    """An error of volunteering (see ``samskab.core.errors.ServiceError``)."""


class NotAllowed(VolunteeringError):
    code = "not_allowed"
    message = _("You may not do that for this organisation.")


class OwnHoursReview(VolunteeringError):
    code = "own_hours"
    message = _(
        "You cannot approve or correct your own hours. Another coordinator of the "
        "organisation has to do it."
    )


class HoursAlreadyReviewed(VolunteeringError):
    code = "already_reviewed"
    message = _("These hours have already been reviewed.")


class OpportunityInUse(VolunteeringError):
    code = "in_use"
    message = _(
        "Volunteers have signed up for this opportunity, so it cannot be deleted. Unpublish "
        "it instead; its history is kept."
    )


class ShiftNotOver(VolunteeringError):
    code = "not_started"
    message = _("A shift can only be closed once it has started.")


class ShiftCancelled(VolunteeringError):
    code = "cancelled"
    message = _("This shift has been cancelled.")


class NoRecipients(VolunteeringError):
    code = "no_recipients"
    message = _("Nobody is confirmed yet, so there is nobody to send the message to.")


class CheckInRefused(VolunteeringError):
    """Why a check-in did not happen. ``code`` tells the page what to offer next."""

    WRONG_LINK = "wrong_link"
    NOT_SIGNED_UP = "not_signed_up"
    NOT_CONFIRMED = "not_confirmed"
    CANCELLED = "cancelled"
    TOO_EARLY = "too_early"
    ENDED = "ended"

    MESSAGES = {
        WRONG_LINK: _(
            "This check-in link is not valid. Scan the QR code at the shift again, or ask the "
            "coordinator."
        ),
        NOT_SIGNED_UP: _(
            "You are not signed up for this shift, so you cannot check in. Talk to the "
            "coordinator if you came to help anyway."
        ),
        NOT_CONFIRMED: _(
            "You are on the waiting list for this shift and do not have a place, so you cannot "
            "check in. Talk to the coordinator."
        ),
        CANCELLED: _("This shift has been cancelled, so there is nothing to check in to."),
        TOO_EARLY: _("Check-in has not opened yet. Try again closer to the start of the shift."),
        ENDED: _(
            "This shift is over, so check-in has closed. The coordinator can still record "
            "that you came."
        ),
    }

    def __init__(self, code: str, message=None):
        self.code = code
        super().__init__(message or self.MESSAGES[code])
