"""Errors of børneattest tracking, each with a translated message for the person who
clicked; ``field`` names the form field it belongs to."""

from django.utils.translation import gettext_lazy as _

from samskab.core.errors import ServiceError


class ChildSafetyError(ServiceError):
    """An error of this app (see ``samskab.core.errors.ServiceError``)."""


class NoAttestNeeded(ChildSafetyError):
    message = _(
        "This volunteer has not helped the organisation with children often enough to need "
        "a børneattest, so there is nothing to record."
    )


class NotInThePast(ChildSafetyError):
    message = _("The date cannot be in the future.")
