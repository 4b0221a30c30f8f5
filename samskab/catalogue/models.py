"""The catalogue's own rows per activity: what it searches in and what it sorts by. They
copy out of the activity and its related rows

- ``SearchDocument``: the words people search for (title, description, place,
  organisation, town, interests; in Danish and English). On PostgreSQL ``search_vector``
  holds them as a weighted tsvector (Danish stemming for Danish text, English for English)
  with a GIN index (migration 0001), so a search reads one indexed column instead of
  joining five tables. ``search_text`` is
  the same words in lower case for the SQLite fallback (SQLite's LIKE folds only ASCII
  letters, so "Æ" would not find "æ" without it);
- ``NextSession``: the activity's next session that is neither over nor cancelled, so that
  "has a coming session" and "soonest first" over thousands of activities read one narrow
  indexed table instead of running a subquery per activity.

Both are written only by ``services``: when an activity, its sessions, their booking
slots, its interests, town or organisation change (signals.py), and for entries whose next
session has ended (``services.refresh_ended_next_sessions``, run by the catalogue at most
every ``CATALOGUE_REFRESH_SECONDS``). Queries never trust a next session that has ended
(``ends_at`` must be in the future).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """The words of one activity, as searched (see the module docstring)."""

    activity = models.OneToOneField(
        "activities.Activity",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
        verbose_name=_("activity"),
    )
    title_da = models.TextField(_("title in Danish"), blank=True)
    title_en = models.TextField(_("title in English"), blank=True)
    body_da = models.TextField(_("other Danish words"), blank=True)
    body_en = models.TextField(_("other English words"), blank=True)
    # PostgreSQL only: computed from the four texts above by the refresh service.
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)
    search_text = models.TextField(_("words in lower case"), blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return self.title_da


class NextSession(models.Model):
    """The next session of one activity that is neither over nor cancelled; all empty when
    it has none. A narrow table of its own, so counting and sorting thousands of activities
    by it reads little."""

    activity = models.OneToOneField(
        "activities.Activity",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="next_session_entry",
        verbose_name=_("activity"),
    )
    session = models.ForeignKey(
        "activities.ActivitySession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("session"),
    )
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("next session")
        verbose_name_plural = _("next sessions")
        indexes = [
            # In the catalogue's order (soonest, then the activity): a page reads its twenty
            # rows from the index even when hundreds of activities start at the same time.
            models.Index(fields=["starts_at", "activity"], name="catalogue_next_soonest"),
            models.Index(fields=["ends_at"], name="catalogue_next_ends"),
        ]

    def __str__(self):
        return f"{self.activity_id} · {self.starts_at}"
