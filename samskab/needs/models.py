"""Needs: a concrete, short-notice call for a few people ("2 people to carry chairs in Ribe
library, Saturday 10–12"), sent first to the volunteers it fits.

- ``Need``: posted for an organisation (by its administrators or coordinators), for a
  municipal service, or by municipal staff on behalf of a citizen. Its places are the
  places of its booking slot (capacity = people needed, no waiting list): every acceptance
  is a booking in the engine, which also sends the confirmation, the reminders and the
  one-click cancel link. ``status`` follows the slot: open while places are free, filled
  when they are all taken (and open again when someone cancels); closed when the time has
  come or the organisation stopped looking; cancelled by the organisation.
- ``NeedAlert``: the record of one volunteer being told about one need, whether the email
  went out, waits for the volunteer's quiet hours to end, or was skipped (and why). Its
  token is the one-click "Accept" link: it identifies that volunteer, for that need only.

State changes go through ``services``, which keep the need, its slot and its alerts in step.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core.text import slugify_da
from samskab.reference.validators import postcode_validator
from samskab.volunteering.models import phone_validator
from samskab.volunteering.work import VolunteerWorkMixin


class NeedQuerySet(models.QuerySet):
    def public(self):
        """Needs anyone may look at: those of approved organisations."""
        return self.filter(organisation__status="approved")

    def open_at(self, now=None):
        """Needs that still take people: open, not started, organisation approved."""
        now = now or timezone.now()
        return self.public().filter(status=Need.Status.OPEN, starts_at__gt=now)


class Need(VolunteerWorkMixin, models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    # While a need is in one of these, its status follows the places held on its slot.
    LIVE_STATUSES = (Status.OPEN, Status.FILLED)

    organisation = models.ForeignKey(
        "organisations.Organisation",
        # The people who accepted a need are part of its history: no silent cascade.
        on_delete=models.PROTECT,
        related_name="needs",
        verbose_name=_("organisation"),
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("posted by"),
    )
    on_behalf_of_citizen = models.BooleanField(
        _("posted on behalf of a citizen"),
        default=False,
        help_text=_(
            "Municipal staff asking for help for a citizen. The street address is then "
            "shown only to the volunteers who accept."
        ),
    )

    title = models.CharField(
        _("title"),
        max_length=150,
        help_text=_("Say what and how many, e.g. “2 people to carry chairs”."),
    )
    slug = models.SlugField(_("slug"), max_length=160, blank=True, editable=False)
    description = models.TextField(
        _("description"), help_text=_("What the volunteers will do and what to bring.")
    )
    focus_areas = models.ManyToManyField(
        "vision.FocusArea", related_name="needs", verbose_name=_("focus areas")
    )
    skills = models.ManyToManyField(
        "reference.Skill",
        blank=True,
        related_name="needs",
        verbose_name=_("skills wanted"),
        help_text=_("Only volunteers with at least one of these skills are alerted."),
    )
    involves_children = models.BooleanField(_("involves children under 15"), default=False)

    from_home = models.BooleanField(_("can be done from home"), default=False)
    place_name = models.CharField(_("place"), max_length=150, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=4, blank=True, validators=[postcode_validator]
    )
    town = models.ForeignKey(
        "reference.Town",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("town"),
    )

    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs_as_contact",
        verbose_name=_("contact person"),
    )
    contact_phone = models.CharField(
        _("contact phone"), max_length=20, blank=True, validators=[phone_validator]
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)
    attendance_closed_at = models.DateTimeField(
        _("attendance completed"),
        null=True,
        blank=True,
        help_text=_("When attendance was completed; volunteers not checked in are no-shows."),
    )

    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="needs_need_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(from_home=True) | Q(town__isnull=False),
                name="needs_need_place_or_home",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "filled", "closed", "cancelled"]),
                name="needs_need_status_known",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="needs_need_status_start"),
            models.Index(fields=["organisation", "-starts_at"], name="needs_need_org_start"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = slugify_da(self.title_da or self.title or "", max_length=160, strip=False)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "title_da" in update_fields:
            kwargs["update_fields"] = {*update_fields, "slug"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.slug:
            return reverse("needs:detail", kwargs={"pk": self.pk, "slug": self.slug})
        return reverse("needs:detail_short", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        errors = {}
        if not self.from_home and self.town_id is None:
            errors["town"] = _("Choose the town, or tick that it can be done from home.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE_STATUSES

    def has_started(self, now=None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def takes_people(self, now=None) -> bool:
        """Open and not started: accepting it can give a place."""
        return self.status == self.Status.OPEN and not self.has_started(now)

    @property
    def people_needed(self) -> int | None:
        """The number of places: the slot's capacity (the engine holds them)."""
        slot = self.booking_slot
        return slot.capacity if slot is not None else None

    @property
    def public_place_line(self) -> str:
        """Where, as anyone may read it. For a citizen's own errand only the town: their
        street address is for the volunteers who accept."""
        if self.on_behalf_of_citizen:
            return self.town.name if self.town_id else str(_("From home"))
        return self.place_line

    @property
    def place_line(self) -> str:
        """The full place in one line: "Ribe Bibliotek, Sct. Nicolaj Gade 14, 6760 Ribe"."""
        town_name = self.town.name if self.town_id else ""
        town_line = f"{self.postcode} {town_name}".strip()
        address = ", ".join(part for part in (self.street, town_line) if part)
        line = ", ".join(part for part in (self.place_name, address) if part)
        if line:
            return line
        return str(_("From home")) if self.from_home else ""

    # --- volunteer work (samskab.volunteering.work) -------------------------------------------

    @property
    def work_organisation(self):
        return self.organisation

    def hours_entry_links(self) -> dict:
        # Hours from a need belong to no opportunity: the need's title says what was done.
        return {"description": self.title_da or self.title}

    @property
    def attendance_closed(self) -> bool:
        return self.attendance_closed_at is not None

    def mark_attendance_closed(self, *, now, by) -> None:
        self.attendance_closed_at = now
        self.save(update_fields=["attendance_closed_at", "updated_at"])

    @classmethod
    def attendance_to_close(cls, *, ended_before):
        return cls.objects.filter(
            attendance_closed_at__isnull=True,
            ends_at__lte=ended_before,
        ).exclude(status=cls.Status.CANCELLED)

    def check_in_path(self) -> str:
        return reverse("needs:check_in", args=[self.pk, self.check_in_secret])

    # --- the booking engine's owner protocol ------------------------------------------------

    @classmethod
    def booking_owner_queryset(cls):
        return cls._default_manager.select_related("organisation", "town")

    def booking_title(self) -> str:
        return self.title

    def booking_url(self) -> str:
        return self.get_absolute_url()

    def booking_place(self) -> str:
        # Booking emails go to the people who accepted: they get the full address.
        return self.place_line

    def booking_organiser(self) -> str:
        return self.organisation.name

    def booking_sign_up_open(self) -> bool:
        # People accept through the need's own pages, which tell late comers that it is
        # filled and keep the alerts in step; the engine's generic sign-up page is not used.
        return False

    def booking_can_manage(self, user) -> bool:
        from samskab.organisations.selectors import can_coordinate

        return can_coordinate(user, self.organisation)


def new_alert_token() -> str:
    """256 random bits, URL-safe: the part of the accept link that cannot be guessed."""
    return secrets.token_urlsafe(32)


class NeedAlert(models.Model):
    """One volunteer told (or to be told) about one need. A volunteer gets at most one
    alert per need. ``send_after`` is when it may go out: at once, or when the volunteer's
    quiet hours end. Each alert is sent exactly once (claimed by a conditional UPDATE)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Not sent")

    class SkipReason(models.TextChoices):
        WEEKLY_LIMIT = "weekly_limit", _("The volunteer's weekly limit was reached")
        FILLED = "filled", _("The need was filled before it could be sent")
        CLOSED = "closed", _("The need was closed, cancelled or had started")
        OPTED_OUT = "opted_out", _("The volunteer no longer wants alerts")

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("need")
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="need_alerts",
        verbose_name=_("volunteer"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    skip_reason = models.CharField(
        _("why it was not sent"), max_length=20, choices=SkipReason.choices, blank=True
    )
    send_after = models.DateTimeField(_("send from"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    token = models.CharField(
        _("link token"), max_length=64, unique=True, default=new_alert_token, editable=False
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    filled_notice_sent_at = models.DateTimeField(
        _("“it is filled” email sent"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("need alert")
        verbose_name_plural = _("need alerts")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["need", "volunteer"], name="needs_alert_one_per_need"),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="needs_alert_sent_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="skipped") | ~Q(skip_reason=""),
                name="needs_alert_skipped_has_reason",
            ),
        ]
        indexes = [
            models.Index(
                fields=["send_after"], condition=Q(status="queued"), name="needs_alert_queue"
            ),
            models.Index(fields=["volunteer", "status", "sent_at"], name="needs_alert_volunteer"),
        ]

    def __str__(self):
        return f"{self.need} → {self.volunteer} ({self.get_status_display()})"
