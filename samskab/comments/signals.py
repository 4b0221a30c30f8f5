"""Signals of comments, so that notifications ("a reply to your comment") can hook in
without comments knowing about them.

- ``comment_posted``: sent with ``sender=Comment``, ``comment``, ``parent`` (the comment it
  replies to, or None) and ``target``, when a comment becomes visible to others: at once
  when it is published as it is posted, or when staff publish a comment that was held for
  review (never for a comment that stays held or is hidden). Sent inside the transaction;
  a receiver that sends something should enqueue it (``core.tasks.enqueue``).
"""

from django.dispatch import Signal

from samskab.moderation.models import ModerationState
from samskab.moderation.signals import content_restored

comment_posted = Signal()


def _held_comment_published(sender, item, previous_state, **kwargs):
    if previous_state == ModerationState.HELD and not item.is_deleted:
        comment_posted.send(sender=sender, comment=item, parent=item.parent, target=item.target)


def _tell_who_was_replied_to(sender, comment, parent, target, **kwargs):
    """A reply concerns the person replied to directly: they are told at once (as they
    chose), unless they replied to themselves or their comment is gone."""
    if parent is None or parent.author_id in (None, comment.author_id) or parent.is_deleted:
        return
    from django.utils.translation import gettext

    from samskab.notifications import services as notifications

    name = comment.author.get_short_name() if comment.author_id else ""
    about = str(target)
    notifications.notify(
        kind="comments.reply",
        target=target,
        recipients=[parent.author_id],
        message=lambda: (
            gettext("%(name)s replied to your comment on “%(about)s”")
            % {"name": name, "about": about}
        ),
        details=lambda: comment.text,
        url=comment.get_absolute_url(),
    )


def connect():
    from samskab.comments.models import Comment

    comment_posted.connect(
        _tell_who_was_replied_to, sender=Comment, dispatch_uid="comments_tell_who_was_replied_to"
    )
    content_restored.connect(
        _held_comment_published, sender=Comment, dispatch_uid="comments_held_comment_published"
    )
