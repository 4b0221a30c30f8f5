"""Domain errors of moderation (see ``samskab.core.errors.ServiceError``)."""

from django.utils.translation import gettext_lazy as _

from samskab.core.errors import ServiceError


class ModerationError(ServiceError):
    """An error of moderation."""


class CannotReport(ModerationError):
    code = "cannot_report"
    message = _("This cannot be reported: it is your own, or it is not shown to others.")


class AlreadyReported(ModerationError):
    code = "already_reported"
    level = "info"
    message = _("You have already reported this. Thank you – the municipality will look at it.")


class ReportingTooFast(ModerationError):
    code = "rate_limited"
    message = _(
        "You have reported many things in a short time. Wait a while and try again, or write "
        "to the municipality."
    )


class ReviewNotPossible(ModerationError):
    code = "review_not_possible"
    message = _(
        "A new review cannot be requested: you have already asked once, or the municipality "
        "has not made a decision yet."
    )


class NotModerator(ModerationError):
    code = "not_moderator"
    message = _("Only the municipality's staff moderate.")
