"""The changes to comments, each in one transaction. They raise ``errors.CommentError``
subclasses (views show their messages); who may read and post comes from the target
(``owners``), what is held for review from moderation.

- ``post_comment(target=..., author=..., text=..., stance=..., official=..., parent=None)``
- ``edit_comment(comment, by=..., text=..., stance=...)``: the author, within the window.
- ``delete_comment(comment, by=...)``: the author; a "deleted" line stays in the thread.
- ``forget_author(user)``: an account is deleted (see ``personal_data``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from samskab.accounts.roles import is_municipal_staff
from samskab.comments import errors, owners
from samskab.comments.models import MAX_LENGTH, Comment, edit_window
from samskab.comments.signals import comment_posted
from samskab.core import limits
from samskab.core.validators import refuse_personal_numbers
from samskab.moderation import services as moderation

DEFAULT_POST_RATE = "10/10m"


def _checked_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise errors.EmptyComment
    if len(text) > MAX_LENGTH:
        raise errors.CommentError(field="text", code="too_long")
    try:
        refuse_personal_numbers(text)
    except ValidationError as error:
        raise errors.PersonalNumber(error.messages[0]) from error
    return text


def _checked_stance(stance: str) -> str:
    stance = stance or ""
    if stance and stance not in Comment.Stance.values:
        raise errors.CommentError(field="stance", code="stance")
    return stance


def post_comment(
    *, target, author, text: str, stance: str = "", official: bool = False, parent=None, now=None
) -> Comment:
    """``author`` comments on ``target``, or replies to ``parent`` (a top-level comment on
    ``target`` they can see). Held for review when moderation says so; otherwise
    published at once and ``comment_posted`` is sent."""
    if not owners.can_post(target, author):
        raise errors.CommentsClosed
    if parent is not None and not _may_reply_to(parent, target, author):
        raise errors.CannotReply
    text = _checked_text(text)
    stance = _checked_stance(stance)
    staff = is_municipal_staff(author)
    rate = getattr(settings, "COMMENTS_POST_RATE", DEFAULT_POST_RATE)
    # Staff answering many citizens in one sitting are not slowed down.
    if not staff and not limits.allow_person("comments.post", author.pk, rate):
        raise errors.PostingTooFast
    with transaction.atomic():
        comment = Comment.objects.create(
            target_type_id=owners.content_type_id_of(target),
            target_id=target.pk,
            parent=parent,
            author=author,
            stance=stance,
            text=text,
            is_official=bool(official) and staff,
            created_at=now or timezone.now(),
        )
        comment.target = target
        if moderation.screen(comment, text=text, now=now) is None:
            comment_posted.send(sender=Comment, comment=comment, parent=parent, target=target)
    return comment


def _may_reply_to(parent: Comment, target, author) -> bool:
    return (
        parent.parent_id is None
        and parent.target_type_id == owners.content_type_id_of(target)
        and parent.target_id == target.pk
        and not parent.is_deleted
        and (parent.is_published or parent.is_authored_by(author) or is_municipal_staff(author))
    )


def edit_comment(comment: Comment, *, by, text: str, stance: str = "", now=None) -> Comment:
    """The author changes their comment within the edit window. It then shows "edited";
    an edit that adds a link (or a listed word) is held for review again."""
    now = now or timezone.now()
    if not comment.is_authored_by(by):
        raise errors.NotAuthor
    if comment.is_deleted or comment.is_hidden:
        raise errors.CannotEdit
    if now > comment.editable_until:
        minutes = int(edit_window().total_seconds() // 60)
        raise errors.EditWindowClosed(errors.EditWindowClosed.message % {"minutes": minutes})
    text = _checked_text(text)
    stance = "" if comment.is_reply else _checked_stance(stance)
    if text == comment.text and stance == comment.stance:
        return comment
    with transaction.atomic():
        comment.text = text
        comment.stance = stance
        comment.edited_at = now
        comment.save(update_fields=["text", "stance", "edited_at"])
        moderation.screen(comment, text=text, now=now)
    return comment


def delete_comment(comment: Comment, *, by, now=None) -> Comment:
    """The author deletes their comment: its text goes, a "deleted" line and its replies
    stay. Its open moderation review closes."""
    if not comment.is_authored_by(by):
        raise errors.NotAuthor
    if comment.is_deleted:
        return comment
    with transaction.atomic():
        _empty(comment, now=now or timezone.now())
    return comment


def _empty(comment: Comment, *, now) -> None:
    comment.text = ""
    comment.stance = ""
    comment.deleted_at = now
    comment.save(update_fields=["text", "stance", "deleted_at"])
    moderation.withdraw(comment, now=now)


def forget_author(user) -> None:
    """An account is deleted. A citizen's comments are emptied like a deletion (their
    words are their personal data; the "deleted" lines keep the replies of others in
    place). Official replies by staff are the municipality's answers, not the employee's:
    they stay, without the employee's name. The author key is then set to null by the
    database."""
    now = timezone.now()
    with transaction.atomic():
        own = Comment.objects.filter(author=user, deleted_at__isnull=True, is_official=False)
        ids = list(own.values_list("pk", flat=True))
        Comment.objects.filter(pk__in=ids).update(text="", stance="", deleted_at=now)
        moderation.withdraw_all(Comment, ids, now=now)
