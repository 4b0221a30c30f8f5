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


def forget_lists(sender, action=None, **kwargs):
    """An idea, a support or an answer changed: which ideas a list holds, in which order,
    may have changed (``cached_pages.LISTS``; their own tags forget the idea's page and
    card)."""
    if action is None or action.startswith("post_"):
        from samskab.ideas import cached_pages

        cached_pages.LISTS.forget()


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from samskab.booking.models import Booking
    from samskab.comments.models import Comment
    from samskab.core import page_cache
    from samskab.ideas import cached_pages, cards
    from samskab.ideas.models import Answer, Idea, Support

    post_save.connect(on_booking_saved, sender=Booking, dispatch_uid="ideas_helper_found")

    # Rows without tags (answer statuses, towns, the vision's focus areas) forget these
    # whole; the ideas' own rows forget their tags, and the lists here.
    page_cache.forget_on_change(cached_pages.LISTS, "ideas", "reference", "vision")
    page_cache.forget_on_change(cards.CARDS, *cards.SHOWS)
    for model in (Idea, Support, Answer):
        for signal in (post_save, post_delete):
            signal.connect(
                forget_lists,
                sender=model,
                dispatch_uid=f"ideas_lists_{model.__name__}_{id(signal)}",
            )
    m2m_changed.connect(
        forget_lists, sender=Idea.focus_areas.through, dispatch_uid="ideas_lists_focus_areas"
    )

    comment_posted.connect(on_comment_posted, sender=Comment, dispatch_uid="ideas_comment_posted")
    for signal in (content_hidden, content_restored):
        signal.connect(on_comment_moderated, sender=Comment, dispatch_uid=f"ideas_{id(signal)}")
