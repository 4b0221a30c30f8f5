"""Calendars an organisation already keeps (Google, Outlook, Apple, any iCalendar address),
imported as sessions of one of its activities.

- ``CalendarSubscription``: one calendar address feeding one activity. The activity says
  what, where and for whom (the catalogue needs a town, focus areas, accessibility facts: a
  calendar entry has none of them); the calendar says when. The worker fetches it every
  ``CALENDARS_FETCH_MINUTES`` and keeps what the organisation sees: the last fetch, what
  changed, and any error (a code, put into words in the reader's language by
  ``errors.describe``).
- ``ImportedOccurrence``: one occurrence of one event, known by its UID and recurrence id
  (the original start of a recurring event's occurrence; empty for a single event), and
  the session it became. A re-fetch finds the session by that key, so a moved occurrence
  moves its session with its sign-ups, and one that disappeared cancels it.
"""

import hashlib
from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CalendarSubscription(models.Model):
    class Outcome(models.TextChoices):
        IMPORTED = "imported", _("Imported")
        UNCHANGED = "unchanged", _("Not changed since the last fetch")
        FAILED = "failed", _("Failed")

    # What "what changed" keeps of the last fetch: enough to read, small enough to store.
    MAX_CHANGES_SHOWN = 50

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="calendar_subscriptions",
        verbose_name=_("organisation"),
    )
    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.CASCADE,
        related_name="calendar_subscriptions",
        verbose_name=_("activity"),
    )
    url = models.URLField(_("calendar address"), max_length=2000)
    capacity = models.PositiveIntegerField(
        _("places per session"),
        null=True,
        blank=True,
        help_text=_("Only for an activity that requires sign-up. Empty: no limit."),
    )
    include_all_day = models.BooleanField(
        _("import all-day events"),
        default=False,
        help_text=_(
            "Many calendars use all-day entries for notes such as holidays. Tick this if "
            "yours are activities: each becomes a session lasting the whole day."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    next_fetch_at = models.DateTimeField(_("next fetch"), default=timezone.now)
    # Set while one worker fetches, so a second one (a "fetch now" during the round) waits.
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)

    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    last_succeeded_at = models.DateTimeField(
        _("last fetched without errors"), null=True, blank=True
    )
    last_outcome = models.CharField(
        _("result of the last fetch"), max_length=20, choices=Outcome.choices, blank=True
    )
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error_code = models.CharField(_("error"), max_length=40, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    created_count = models.PositiveIntegerField(_("sessions created"), default=0)
    updated_count = models.PositiveIntegerField(_("sessions moved"), default=0)
    cancelled_count = models.PositiveIntegerField(_("sessions cancelled"), default=0)
    changes = models.JSONField(_("changes of the last fetch"), default=list, blank=True)

    # Conditional GET: what the server said last time, sent back as If-None-Match and
    # If-Modified-Since.
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    # The last calendar read, so that an answer "not modified" still moves the window
    # forward (an open-ended series brings new dates every week without a change).
    calendar_text = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["next_fetch_at"], name="calendars_sub_next_fetch")]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "url"], name="calendars_one_subscription_per_activity_url"
            )
        ]

    def __str__(self):
        return f"{self.activity} ← {self.url}"

    @property
    def change_list(self) -> list[dict]:
        """The last fetch's changes with their moments as datetimes, for the page."""
        return [
            {
                **change,
                "starts_at": datetime.fromisoformat(change["starts_at"]),
                "previous_starts_at": (
                    datetime.fromisoformat(change["previous_starts_at"])
                    if change.get("previous_starts_at")
                    else None
                ),
            }
            for change in self.changes
        ]

    @property
    def error_message(self) -> str:
        from samskab.calendars.errors import describe

        return describe(self.error_code, self.error_params) if self.error_code else ""


def occurrence_key(uid: str, recurrence_id: str) -> str:
    """A fixed-length key for a UID (Outlook's are over a hundred characters) and a
    recurrence id."""
    return hashlib.sha256(f"{uid}\n{recurrence_id}".encode()).hexdigest()


class ImportedOccurrence(models.Model):
    subscription = models.ForeignKey(
        CalendarSubscription,
        on_delete=models.CASCADE,
        related_name="occurrences",
        verbose_name=_("calendar subscription"),
    )
    key = models.CharField(max_length=64, editable=False)
    uid = models.TextField(_("UID"))
    recurrence_id = models.CharField(_("recurrence id"), max_length=32, blank=True)
    session = models.OneToOneField(
        "activities.ActivitySession",
        on_delete=models.CASCADE,
        related_name="calendar_occurrence",
        verbose_name=_("session"),
    )
    summary = models.CharField(_("title in the calendar"), max_length=255, blank=True)
    last_seen_at = models.DateTimeField(_("last seen"))
    # Set when the event disappeared from the calendar and its session was cancelled for
    # that reason; if it comes back, it gets a new session.
    removed_upstream_at = models.DateTimeField(
        _("removed from the calendar"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("imported occurrence")
        verbose_name_plural = _("imported occurrences")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "key"], name="calendars_one_row_per_occurrence"
            )
        ]

    def __str__(self):
        return f"{self.summary or self.uid} ({self.recurrence_id or '-'})"

    def save(self, *args, **kwargs):
        self.key = occurrence_key(self.uid, self.recurrence_id)
        super().save(*args, **kwargs)
