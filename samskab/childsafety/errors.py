"""Errors of børneattest tracking, each with a translated message for the person who
clicked; ``field`` names the form field it belongs to."""

from django.utils.translation import gettext_lazy as _


class ChildSafetyError(Exception):
    message = _("That could not be done.")

    def __init__(self, message=None, *, field: str | None = None):
        self.message = message or self.message
        self.field = field
        super().__init__(str(self.message))


class NoAttestNeeded(ChildSafetyError):
    message = _(
        "This volunteer has not helped the organisation with children often enough to need "
        "a børneattest, so there is nothing to record."
    )


class NotInThePast(ChildSafetyError):
    message = _("The date cannot be in the future.")
