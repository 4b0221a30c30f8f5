"""Ideas listen to the comment thread and to moderation (neither knows about ideas): a
comment made visible, hidden or restored changes the idea's count of comments; and to the
booking engine: a volunteer saying yes to an idea's need is news for its author."""

from samskab.comments.signals import comment_posted
from samskab.moderation.signals import content_hidden, content_restored


def _is_idea(target) -> bool:
    from samskab.ideas.models import Idea

    return isinstance(target, Idea)


def on_comment_posted(sender, comment, target, **kwargs):
    if _is_idea(target):
        from samskab.ideas import services

        services.comment_posted(comment=comment, target=target)


def on_comment_moderated(sender, item, **kwargs):
    target = getattr(item, "target", None)
    if _is_idea(target):
        from samskab.ideas import services

        services.recount_comments(target.pk)


def on_booking_saved(sender, instance, created=False, raw=False, **kwargs):
    """A volunteer said yes to the need an idea became: its author hears of it."""
    if raw or not created or instance.user_id is None:
        return
    from samskab.needs.selectors import need_type

    if instance.slot.content_type_id != need_type().pk:
        return
    from samskab.ideas import services

    services.helper_found(need_id=instance.slot.object_id, helper=instance.user)


def connect():
    from django.db.models.signals import post_save

    from samskab.booking.models import Booking
    from samskab.comments.models import Comment

    post_save.connect(on_booking_saved, sender=Booking, dispatch_uid="ideas_helper_found")

    comment_posted.connect(on_comment_posted, sender=Comment, dispatch_uid="ideas_comment_posted")
    for signal in (content_hidden, content_restored):
        signal.connect(on_comment_moderated, sender=Comment, dispatch_uid=f"ideas_{id(signal)}")
