"""Domain errors of ideas, each with a translated message for the person who clicked."""

from django.utils.translation import gettext_lazy as _

from samskab.core.errors import ServiceError


class IdeaError(ServiceError):
    """An error of ideas (see ``samskab.core.errors.ServiceError``)."""


class NotTheAuthor(IdeaError):
    code = "not_author"
    message = _("Only the person who proposed the idea can change it.")


class NotStaff(IdeaError):
    code = "not_staff"
    message = _("Only the municipality's staff can answer ideas.")


class AnswerNeedsText(IdeaError):
    code = "answer_needs_text"
    message = _("Say why it is not possible: an answer without a reason leads nowhere.")

    def __init__(self, message=None, **kwargs):
        super().__init__(message, field="text", **kwargs)


class OwnIdea(IdeaError):
    code = "own_idea"
    level = "info"
    message = _("You proposed this idea, so your support is already there.")


class CannotBecomeWork(IdeaError):
    code = "cannot_become_work"
    message = _(
        "Only an accepted idea that is not volunteer work yet can become a need, and only "
        "by municipal staff or an author who coordinates the organisation."
    )


class NotPublished(IdeaError):
    code = "not_published"
    level = "info"
    message = _("The idea is not published yet, so it cannot be supported or helped yet.")
