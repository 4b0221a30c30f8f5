"""Moderation of anything people write on the site, for every app that stores it.

- ``ModeratedContent``: the abstract mixin a model of user-written content extends (a
  comment, an idea, a proposal). Each row is published, held for review before it is
  published, or hidden; it remembers why (``moderation_cause``), the reason staff gave the
  author, when and by whom, and when the author used their one request for a new review.
  ``Model.objects.visible_to(user)`` is what pages list: published rows for everyone, and
  held or hidden rows too for their author (who sees why) and for municipal staff.
- ``Report``: one person's report of one item (generic), one per person per item (a
  database constraint). After ``MODERATION_REPORTS_TO_HIDE`` reports the item is hidden
  until staff have looked at it.
- ``Review``: one case in the staff's moderation inbox (an item held at submit, reported,
  or whose author asked for a new review), open until staff decide, then the record of the
  decision: what, why, by whom, how long it took (the public monthly figures count these).
  At most one open review per item (a database constraint).

State changes go through ``services``; reads through ``selectors``.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

REASON_MAX_LENGTH = 1000
REPORT_TEXT_MAX_LENGTH = 500


class ModerationState(models.TextChoices):
    PUBLISHED = "published", _("Published")
    HELD = "held", _("Held for review")
    HIDDEN = "hidden", _("Hidden")


class Cause(models.TextChoices):
    """Why an item is held or hidden, and why a review was opened."""

    FIRST_POST = "first_post", _("First post")
    LINKS = "links", _("Contains a link")
    WORDS = "words", _("Contains a word on the list")
    REPORTED = "reported", _("Reported")
    REVIEW_REQUESTED = "review_requested", _("The author asked for a new review")
    STAFF = "staff", _("Decided by the municipality")


HOLD_CAUSES = (Cause.FIRST_POST, Cause.LINKS, Cause.WORDS)


class ModeratedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(moderation_state=ModerationState.PUBLISHED)

    def visible_to(self, user, *, staff: bool | None = None):
        """What ``user`` may see: published rows; their own rows in any state (with the
        reason, see ``ModeratedContent.moderation_notice``); everything for municipal
        staff. Costs no query for visitors and citizens, one for staff (their group)
        unless ``staff`` says whether the user is municipal staff."""
        return self.filter(visible_to_condition(self.model, user, staff=staff))


def visible_to_condition(model, user, *, staff: bool | None = None, prefix: str = "") -> Q:
    """``visible_to`` as a condition, to combine with others or to use across a relation
    (``prefix="replies__"``)."""
    from samskab.accounts.roles import is_municipal_staff

    if user is None or not user.is_authenticated:
        return Q(**{f"{prefix}moderation_state": ModerationState.PUBLISHED})
    if staff is None:
        staff = user.is_staff and is_municipal_staff(user)
    if staff:
        # Always true; unlike an empty Q() it stays true when combined with "|".
        return Q(**{f"{prefix}pk__isnull": False})
    author = f"{prefix}{model.moderation_author_field}"
    return Q(**{f"{prefix}moderation_state": ModerationState.PUBLISHED}) | Q(**{author: user})


class ModeratedContent(models.Model):
    """Mix into a model of content people write. The model must have a foreign key to the
    author (named by ``moderation_author_field``, "author" unless told otherwise) and
    ``get_absolute_url()`` (where staff and the author find the item); it may override
    ``moderation_excerpt()`` (what the inbox shows), ``moderation_can_report(user)`` (to
    add its own visibility rules) and ``moderation_queryset()`` (to load what those read).
    Its manager should use ``ModeratedQuerySet`` (or a subclass) for ``visible_to``."""

    moderation_author_field = "author"

    moderation_state = models.CharField(
        _("moderation"),
        max_length=12,
        choices=ModerationState.choices,
        default=ModerationState.PUBLISHED,
    )
    moderation_cause = models.CharField(
        _("why held or hidden"), max_length=20, choices=Cause.choices, blank=True
    )
    moderation_reason = models.TextField(
        _("reason given to the author"), max_length=REASON_MAX_LENGTH, blank=True
    )
    moderated_at = models.DateTimeField(_("moderation state since"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    review_requested_at = models.DateTimeField(
        _("author asked for a new review at"), null=True, blank=True
    )
    # Reports go with the item they are about.
    moderation_reports = GenericRelation(
        "moderation.Report",
        content_type_field="target_type",
        object_id_field="target_id",
        related_query_name="%(app_label)s_%(class)s",
    )

    objects = ModeratedQuerySet.as_manager()

    class Meta:
        abstract = True

    # --- what moderation asks of the item ------------------------------------------------

    @classmethod
    def moderation_queryset(cls):
        """How the inbox loads items: with their author."""
        return cls._default_manager.select_related(cls.moderation_author_field)

    def moderation_excerpt(self) -> str:
        """What the inbox shows of the item."""
        return str(self)

    def moderation_can_report(self, user) -> bool:
        """May ``user`` report this item? Logged in, not its author, and it is published
        (owners add their own rules: who may read it at all)."""
        return (
            user.is_authenticated
            and user.is_active
            and self.is_published
            and self.moderation_author_id != user.pk
        )

    # --- state ----------------------------------------------------------------------------

    @property
    def moderation_author_id(self):
        return getattr(self, f"{self.moderation_author_field}_id")

    @property
    def moderation_author(self):
        return getattr(self, self.moderation_author_field)

    @property
    def is_published(self) -> bool:
        return self.moderation_state == ModerationState.PUBLISHED

    @property
    def is_held(self) -> bool:
        return self.moderation_state == ModerationState.HELD

    @property
    def is_hidden(self) -> bool:
        return self.moderation_state == ModerationState.HIDDEN

    def is_authored_by(self, user) -> bool:
        return user is not None and user.is_authenticated and self.moderation_author_id == user.pk

    def may_request_review(self, user) -> bool:
        """The author of an item that staff hid may ask once for a new review."""
        return (
            self.is_authored_by(user)
            and self.is_hidden
            and self.moderation_cause == Cause.STAFF
            and self.review_requested_at is None
        )

    @property
    def moderation_notice(self) -> str:
        """Why the item is not published, in words for its author ("" when it is)."""
        if self.is_held:
            if self.moderation_cause == Cause.LINKS:
                return gettext(
                    "Posts with links are read by the municipality before others can see them."
                )
            if self.moderation_cause == Cause.WORDS:
                return gettext(
                    "Because of a word in it, your post is read by the municipality before "
                    "others can see it."
                )
            if self.moderation_cause == Cause.FIRST_POST:
                return gettext(
                    "Your first post is read by the municipality before others can see it."
                )
            return gettext("The municipality reads this before others can see it.")
        if self.is_hidden:
            if self.moderation_cause == Cause.REPORTED:
                return gettext(
                    "Several people have reported this, so it is hidden while the "
                    "municipality looks at it."
                )
            if self.moderation_reason:
                return gettext("The municipality has hidden this. Reason: %(reason)s") % {
                    "reason": self.moderation_reason
                }
            return gettext("The municipality has hidden this.")
        return ""


class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        OFFENSIVE = "offensive", _("Offensive, hateful or threatening")
        PERSONAL_DATA = "personal_data", _("Personal information about someone")
        MISLEADING = "misleading", _("False or misleading")
        OTHER = "other", _("Something else")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("reported by"),
    )
    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("type")
    )
    target_id = models.PositiveBigIntegerField(_("id"))
    target = GenericForeignKey("target_type", "target_id")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    text = models.TextField(_("more about it"), max_length=REPORT_TEXT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "target_type", "target_id"],
                name="moderation_one_report_per_person_per_item",
            ),
        ]
        indexes = [
            models.Index(
                fields=["target_type", "target_id", "created_at"],
                name="moderation_report_target",
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} · {self.target_type.model} #{self.target_id}"


class Review(models.Model):
    class Outcome(models.TextChoices):
        HIDDEN = "hidden", _("Hidden")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Deleted by its author")

    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("type")
    )
    target_id = models.PositiveBigIntegerField(_("id"))
    target = GenericForeignKey("target_type", "target_id")
    cause = models.CharField(_("why"), max_length=20, choices=Cause.choices)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closed_at = models.DateTimeField(_("decided at"), null=True, blank=True, db_index=True)
    outcome = models.CharField(_("decision"), max_length=12, choices=Outcome.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reason = models.TextField(_("reason given"), max_length=REASON_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id"],
                condition=Q(closed_at__isnull=True),
                name="moderation_one_open_review_per_item",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True, outcome="")
                | (Q(closed_at__isnull=False) & ~Q(outcome="")),
                name="moderation_review_closed_with_outcome",
            ),
        ]
        indexes = [
            # The inbox: open reviews, oldest first.
            models.Index(
                fields=["opened_at"],
                condition=Q(closed_at__isnull=True),
                name="moderation_review_open",
            ),
        ]

    def __str__(self):
        return f"{self.get_cause_display()} · {self.target_type.model} #{self.target_id}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None
