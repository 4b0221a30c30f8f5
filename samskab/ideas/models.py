"""Citizens' ideas, their supporters, the municipality's answers and offers of help."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskab.comments.models import CommentableMixin
from samskab.core import page_cache
from samskab.core.text import slugify_da
from samskab.moderation.models import ModeratedContent, ModeratedQuerySet


class Meaning(models.TextChoices):
    """What an answer's status means, whatever the municipality calls it."""

    RECEIVED = "received", _("Received")
    CONSIDERING = "considering", _("Under consideration")
    ACCEPTED = "accepted", _("Accepted")
    ACCEPTED_IF_HELP = "accepted_if_help", _("Accepted if citizens help")
    NOT_POSSIBLE = "not_possible", _("Not possible")
    IMPLEMENTED = "implemented", _("Implemented")


class AnswerStatus(models.Model):
    """A status the municipality gives ideas, with its own name; each means one of
    ``Meaning``, which is what the platform acts on."""

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    meaning = models.CharField(_("meaning"), max_length=20, choices=Meaning.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("answer status")
        verbose_name_plural = _("answer statuses")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name

    @property
    def needs_text(self) -> bool:
        return self.meaning == Meaning.NOT_POSSIBLE


class Idea(ModeratedContent, CommentableMixin):
    """An idea a citizen proposes, in the language they write in. Moderated (held for
    review, hidden after reports) and discussed in one comment thread."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="ideas",
        verbose_name=_("author"),
    )
    title = models.CharField(_("title"), max_length=150)
    text = models.TextField(_("text"), max_length=5000)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    focus_areas = models.ManyToManyField(
        "vision.FocusArea", related_name="ideas", verbose_name=_("focus areas")
    )
    initiative = models.ForeignKey(
        "vision.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("initiative"),
    )
    town = models.ForeignKey(
        "reference.Town",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("town"),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    status = models.ForeignKey(
        AnswerStatus,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("status"),
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    # Kept by the services, so lists sort and show counts without counting.
    supports_count = models.PositiveIntegerField(_("supports"), default=0)
    comments_count = models.PositiveIntegerField(_("comments"), default=0)
    # When it reached the supports that oblige the municipality to answer (the promise).
    answer_due_from = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    last_answered_at = models.DateTimeField(_("last answered"), null=True, blank=True)
    need = models.OneToOneField(
        "needs.Need",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea",
        verbose_name=_("volunteer need"),
    )
    # The milestone its initiative got when the volunteer work was done.
    milestone = models.OneToOneField(
        "vision.Milestone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea",
        verbose_name=_("milestone"),
    )
    # Search: a PostgreSQL text search vector, and the same words in lower case for SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)

    objects = ModeratedQuerySet.as_manager()

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["-supports_count", "-id"], name="idea_most_supported"),
            models.Index(fields=["-comments_count", "-id"], name="idea_most_discussed"),
            models.Index(fields=["-last_answered_at", "-id"], name="idea_recently_answered"),
            # The promise's figure (selectors.promise_kept) from the index alone.
            models.Index(
                fields=["answer_due_from", "answered_at"],
                include=["id"],
                condition=models.Q(answer_due_from__isnull=False),
                name="idea_promise_covered",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ideas:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def slug(self) -> str:
        return slugify_da(self.title, 60) or "ide"

    @property
    def has_place(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def is_visible_to(self, user) -> bool:
        """Published ideas for everyone; held or hidden ones for their author and staff.
        A published idea needs no query (its page asks twice, for its comments)."""
        if self.is_published:
            return True
        return Idea.objects.visible_to(user).filter(pk=self.pk).exists()

    def comments_visible(self, user) -> bool:
        return self.is_visible_to(user)

    def comments_open(self, user) -> bool:
        return self.is_published

    def moderation_excerpt(self) -> str:
        return f"{self.title}: {self.text[:200]}"

    def page_cache_tags(self) -> list[str]:
        """The idea's page and card (``core.page_cache``: the contract); the lists that
        show ideas are forgotten on any change of one (``cached_pages.LISTS``)."""
        return [page_cache.tag(self)]


class ShownWithItsIdea:
    """A row shown on its idea's page and card only: a change forgets those (and the
    lists, ``cached_pages.LISTS``), not every idea's."""

    def page_cache_tags(self) -> list[str]:
        return [page_cache.tag(Idea, self.idea_id)]


class IdeaRevision(ShownWithItsIdea, models.Model):
    """What an idea said before an edit made after someone had supported or discussed it."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(_("title"), max_length=150)
    text = models.TextField(_("text"))
    replaced_at = models.DateTimeField(_("replaced"), auto_now_add=True)

    class Meta:
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")
        ordering = ["-replaced_at", "-pk"]

    def __str__(self):
        return self.title


class Support(ShownWithItsIdea, models.Model):
    """ "Me too": one per person and idea."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_supports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="one_support_per_person")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.idea_id}"


class Answer(ShownWithItsIdea, models.Model):
    """The municipality's answer; a new answer is a new row, so every version stays public."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="answers")
    status = models.ForeignKey(AnswerStatus, on_delete=models.PROTECT, verbose_name=_("status"))
    text = models.TextField(_("answer"), max_length=5000, blank=True)
    department = models.CharField(_("responsible department"), max_length=200, blank=True)
    time_frame = models.CharField(_("expected time frame"), max_length=200, blank=True)
    initiative = models.ForeignKey(
        "vision.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("initiative"),
    )
    decision_url = models.URLField(_("council decision"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["-created_at", "-pk"]
        # "Recently answered" on the front page and the idea list reads the newest few
        # without sorting every answer.
        indexes = [models.Index(fields=["-created_at", "-id"], name="ideas_answer_newest")]

    def __str__(self):
        return f"{self.status}: {self.idea}"


class HelpOffer(ShownWithItsIdea, models.Model):
    """ "I can help with …": one per person and idea."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="help_offers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_help_offers"
    )
    text = models.TextField(_("what you can help with"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    invited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("offer of help")
        verbose_name_plural = _("offers of help")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="one_help_offer_per_person")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.idea_id}"
