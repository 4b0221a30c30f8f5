"""What the OpenActive feeds publish, and how changes reach them.

- ``Change``: one row per change to something a feed shows, written by the signal handlers
  in ``changes.py`` inside the transaction of the change. Only inserts, so a change never
  waits for another transaction's lock.
- ``FeedItem``: the item as last published in a feed (SessionSeries for activities,
  ScheduledSession for their sessions), with its ``modified`` number and its RPDE JSON,
  ready to be served as is.
- ``FeedClock``: the one counter ``modified`` numbers are taken from. The publisher locks
  it for the whole of its transaction, so publishing is serialised and transactions that
  give out ``modified`` numbers commit in the order of those numbers: a reader that has
  seen number *n* can never later find a newly committed item below *n*
  (``publishing.py``).
- ``InterestConcept``: which OpenActive activity an interest stands for. The feeds only
  carry activities with at least one such concept (OpenActive is about physical activity;
  a reading circle has no place in it).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samskab.openactive import activity_list


class Kind(models.TextChoices):
    SESSION_SERIES = "SessionSeries", _("Session series (activities)")
    SCHEDULED_SESSION = "ScheduledSession", _("Scheduled sessions")


class Change(models.Model):
    """Something shown in a feed may have changed; the publisher renders it again."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    item_id = models.PositiveBigIntegerField(_("item"))

    class Meta:
        verbose_name = _("feed change")
        verbose_name_plural = _("feed changes")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.kind} {self.item_id}"


class FeedItem(models.Model):
    """One item of a feed as published. ``item_json`` is the whole RPDE item (state, kind,
    id, modified and, when updated, the data), serialised once when published, so a page is
    one query and a join of strings. ``digest`` identifies the published data: rendering an
    item again to the same data does not publish it again. ``expires_at`` is when time
    alone changes the item (a session ends; a series' last session ends): the periodic
    task renders it again then."""

    class State(models.TextChoices):
        UPDATED = "updated", _("updated")
        DELETED = "deleted", _("deleted")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    item_id = models.PositiveBigIntegerField(_("item"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    modified = models.BigIntegerField(_("modified"))
    digest = models.CharField(_("digest"), max_length=64, blank=True)
    item_json = models.TextField(_("published item"))
    published_at = models.DateTimeField(_("published"))
    expires_at = models.DateTimeField(_("changes by itself at"), null=True, blank=True)

    class Meta:
        verbose_name = _("feed item")
        verbose_name_plural = _("feed items")
        ordering = ["kind", "modified", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "item_id"], name="openactive_item_once"),
        ]
        indexes = [
            # The RPDE query: WHERE kind = … AND (modified, item_id) > (…) ORDER BY both.
            models.Index(fields=["kind", "modified", "item_id"], name="openactive_feed_order"),
            models.Index(
                fields=["expires_at"],
                condition=Q(state="updated", expires_at__isnull=False),
                name="openactive_expiring",
            ),
            models.Index(
                fields=["published_at"], condition=Q(state="deleted"), name="openactive_tombstones"
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.item_id} ({self.state} at {self.modified})"


class FeedClock(models.Model):
    """The single row holding the last ``modified`` number given out (see the module)."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("feed clock")
        verbose_name_plural = _("feed clock")

    def __str__(self):
        return str(self.value)


class InterestConcept(models.Model):
    """An interest that is a physical activity, and its concept in the OpenActive activity
    list (``activity_list.json``, a copy of the official list)."""

    interest = models.OneToOneField(
        "reference.Interest",
        on_delete=models.CASCADE,
        related_name="openactive_concept",
        verbose_name=_("interest"),
    )
    concept_id = models.URLField(
        _("OpenActive activity"),
        max_length=200,
        help_text=_("The activity's address in the OpenActive activity list."),
    )

    class Meta:
        verbose_name = _("OpenActive activity of an interest")
        verbose_name_plural = _("OpenActive activities of interests")
        ordering = ["interest__order", "interest__name"]

    def __str__(self):
        return f"{self.interest} → {self.pref_label}"

    @property
    def pref_label(self) -> str:
        return activity_list.label(self.concept_id) or self.concept_id

    def clean(self):
        super().clean()
        if self.concept_id and activity_list.label(self.concept_id) is None:
            raise ValidationError(
                {"concept_id": _("This is not an activity in the OpenActive activity list.")}
            )
