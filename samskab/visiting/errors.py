"""Errors of visiting friends, each with a translated message for the person who clicked;
``field`` names the form field it belongs to."""

from django.utils.translation import gettext_lazy as _

from samskab.core.errors import ServiceError


class VisitingError(ServiceError):
    """An error of this app (see ``samskab.core.errors.ServiceError``)."""


class ProgrammeClosed(VisitingError):
    message = _("This organisation is not taking new requests or offers at the moment.")


class ConsentMissing(VisitingError):
    message = _(
        "We need the consent of the person who would like visits before we can pass the request on."
    )


class ContactMissing(VisitingError):
    message = _("Give a phone number or an email address, so the visiting friend can get in touch.")


class RequestNotOpen(VisitingError):
    message = _("This request is no longer waiting for a visiting friend.")


class AlreadyProposed(VisitingError):
    message = _(
        "A visiting friend has already been proposed for this request. Withdraw that proposal "
        "first."
    )


class OfferNotAvailable(VisitingError):
    message = _(
        "This volunteer cannot be proposed: their offer is paused, they already visit as many "
        "people as they want to, or they declined this request before."
    )


class MatchNotOpen(VisitingError):
    message = _("This proposal is no longer open.")
