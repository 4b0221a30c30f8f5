"""Domain errors of comments (see ``samskab.core.errors.ServiceError``)."""

from django.utils.translation import gettext_lazy as _

from samskab.core.errors import ServiceError


class CommentError(ServiceError):
    """An error of comments."""


class CommentsClosed(CommentError):
    code = "closed"
    message = _("Comments are closed here.")


class EmptyComment(CommentError):
    code = "empty"
    message = _("Write something before you post.")

    def __init__(self, message=None, **kwargs):
        kwargs.setdefault("field", "text")
        super().__init__(message, **kwargs)


class PersonalNumber(CommentError):
    """Text that looks like a CPR or phone number (the message says which)."""

    code = "personal_number"

    def __init__(self, message=None, **kwargs):
        kwargs.setdefault("field", "text")
        super().__init__(message, **kwargs)


class PostingTooFast(CommentError):
    code = "rate_limited"
    message = _(
        "You have written many comments in a short time. Wait a few minutes and try again – "
        "what you wrote is kept below."
    )


class NotAuthor(CommentError):
    code = "not_author"
    message = _("Only the author can change or delete a comment.")


class EditWindowClosed(CommentError):
    code = "edit_window_closed"
    message = _(
        "A comment can only be edited in the first %(minutes)s minutes. You can delete it "
        "and write a new one."
    )


class CannotEdit(CommentError):
    code = "cannot_edit"
    message = _("This comment can no longer be edited.")


class CannotReply(CommentError):
    code = "cannot_reply"
    message = _("You cannot reply to this comment.")
