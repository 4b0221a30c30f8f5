"""Comments: one mechanism for discussing anything (an idea, a proposal, an initiative).

- ``Comment``: a comment on a target (any model that mixes in ``CommentableMixin``), or a
  reply to one: two levels, never more. It may take a stance (for, against, a question);
  municipal staff may mark theirs as the municipality's official reply. The author may
  edit it for ``COMMENTS_EDIT_MINUTES`` (it then shows "edited") and delete it, which
  empties it but leaves a "deleted" line in the thread so the replies keep their place.
  Comments are moderated content (``samskab.moderation``): held, hidden and reported like
  everything else people write.
- ``CommentableMixin``: what a target model mixes in; it implements the owner protocol of
  ``samskab.comments.owners`` (who may read and who may post).

Changes go through ``services``; reads through ``selectors``.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samskab.moderation.models import ModeratedContent, ModeratedQuerySet

# Long enough for a considered argument, short enough to read in a thread.
MAX_LENGTH = 5000
DEFAULT_EDIT_MINUTES = 15


def edit_window() -> timedelta:
    return timedelta(minutes=getattr(settings, "COMMENTS_EDIT_MINUTES", DEFAULT_EDIT_MINUTES))


class CommentQuerySet(ModeratedQuerySet):
    def on(self, target):
        content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
        return self.filter(target_type=content_type, target_id=target.pk)

    def top_level(self):
        return self.filter(parent__isnull=True)


class Comment(ModeratedContent):
    class Stance(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")
        QUESTION = "question", _("Question")

    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("on type")
    )
    target_id = models.PositiveBigIntegerField(_("on id"))
    target = GenericForeignKey("target_type", "target_id")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # A deleted account's comments are emptied first (personal_data.forget); the
        # thread keeps their place.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("author"),
    )
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices, blank=True)
    text = models.TextField(_("text"), max_length=MAX_LENGTH, blank=True)
    is_official = models.BooleanField(
        _("official reply from the municipality"),
        default=False,
        help_text=_("Written by municipal staff on the municipality's behalf."),
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [
            # A thread's page of top-level comments, oldest first.
            models.Index(
                fields=["target_type", "target_id", "created_at", "id"],
                condition=Q(parent__isnull=True),
                name="comments_top_level",
            ),
            # A comment's replies, oldest first, and their counts.
            models.Index(fields=["parent", "created_at", "id"], name="comments_replies"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="comments_not_a_reply_to_itself"
            ),
        ]

    def __str__(self):
        if self.is_deleted:
            return gettext("(deleted)")
        return Truncator(self.text).chars(60)

    def get_absolute_url(self):
        """The comment where it is shown (its page of the thread, or of the replies)."""
        return reverse("comments:detail", args=[self.pk])

    # --- moderation -------------------------------------------------------------------

    @classmethod
    def moderation_queryset(cls):
        return cls._default_manager.select_related("author", "target_type")

    def moderation_excerpt(self) -> str:
        return str(self) if self.is_deleted else self.text

    def moderation_can_report(self, user) -> bool:
        if not super().moderation_can_report(user) or self.is_deleted:
            return False
        target = self.target
        return target is not None and target.comments_visible(user)

    # --- state ------------------------------------------------------------------------

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def editable_until(self):
        return self.created_at + edit_window()

    def may_edit(self, user, now=None) -> bool:
        """The author, within the edit window, of a comment that is neither deleted nor
        hidden."""
        return (
            self.is_authored_by(user)
            and not self.is_deleted
            and not self.is_hidden
            and (now or timezone.now()) <= self.editable_until
        )

    def may_delete(self, user) -> bool:
        return self.is_authored_by(user) and not self.is_deleted

    @property
    def author_name(self) -> str:
        """What the thread shows as the author: the display name (never the email
        address, which is not public)."""
        if self.author is None:
            return gettext("Former user")
        return self.author.display_name or gettext("A citizen")


class CommentableMixin(models.Model):
    """Mix into a model whose pages have a comment thread (an idea, a proposal).

    It adds ``comments`` (a reverse generic relation: ``prefetch_related("comments")``,
    ``Count("comments")`` for "most discussed", and deleting the target deletes its
    thread) and defaults for the owner protocol (``samskab.comments.owners``): everyone
    may read, every active logged-in person may post. Override ``comments_visible(user)``
    and ``comments_open(user)`` with the target's own rules; ``get_absolute_url()`` is
    required (the page that includes the thread)."""

    comments = GenericRelation(
        Comment,
        content_type_field="target_type",
        object_id_field="target_id",
        related_query_name="%(app_label)s_%(class)s",
    )

    class Meta:
        abstract = True

    def comments_visible(self, user) -> bool:
        return True

    def comments_open(self, user) -> bool:
        return True
