"""Volunteering: what organisations ask volunteers to do, when, and what volunteers did.

- ``Skill``: a staff-edited list of skills ("Driving licence", "Cooking") that opportunities
  ask for and volunteers offer. Names are translated.
- ``Opportunity``: a role or task an organisation (or the municipality, through one of its
  municipal services) asks volunteers for: an ongoing role ("visiting friend") or an ad hoc
  task ("carry chairs on Saturday"). Title and description are translated.
- ``Shift``: one date and time of an opportunity. Each shift owns a slot in the booking
  engine, which holds its places (the number of volunteers needed), sign-ups, waiting list,
  reminders and attendance; create, move and cancel shifts through ``services`` so the two
  always agree. The shift keeps its times so lists can filter on them without joining the
  engine's tables, and a secret for its check-in QR code.
- ``VolunteerProfile``: one per citizen, across every organisation: interests, skills,
  towns, weekly availability, languages and alert preferences. Organisations never see it
  as such; they see what the volunteer chose to share once they sign up with them.
- ``HoursEntry``: hours volunteered for an organisation, credited automatically from an
  attended shift or logged by the volunteer and approved by a coordinator.
- ``VolunteerMessage``: the record of an email a coordinator sent to everyone on a shift or
  an opportunity.
"""

from datetime import time
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

# ``new_check_in_secret`` is imported here too because migration 0001 names it here.
from samskab.core import page_cache
from samskab.core.text import slugify_da
from samskab.organisations.models import Organisation
from samskab.reference.models import Skill
from samskab.reference.validators import (
    LATITUDE_VALIDATORS,
    LONGITUDE_VALIDATORS,
    postcode_validator,
)
from samskab.volunteering.work import VolunteerWorkMixin, new_check_in_secret  # noqa: F401

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{5,19}$",
    _("Enter a phone number using digits, spaces and an optional + in front, e.g. 20 30 40 50."),
)

MAX_HOURS_PER_ENTRY = Decimal("24")

# Danish letters spelled out in addresses, so "Bær stole" becomes "baer-stole", not "br-stole".


class OpportunityQuerySet(models.QuerySet):
    def published(self):
        """Published opportunities of approved organisations: what the public may see."""
        return self.filter(is_published=True, organisation__status="approved")


class Opportunity(models.Model):
    """A role or task that an organisation asks volunteers for."""

    class Kind(models.TextChoices):
        ONGOING = "ongoing", _("Ongoing role")
        AD_HOC = "ad_hoc", _("One-off task (ad hoc)")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        # People's sign-ups and hours must not vanish with an organisation by accident.
        on_delete=models.PROTECT,
        related_name="volunteer_opportunities",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.AD_HOC,
        help_text=_(
            "An ongoing role is for people who help regularly. A one-off task needs no "
            "commitment beyond the time given."
        ),
    )
    focus_areas = models.ManyToManyField(
        "vision.FocusArea",
        related_name="volunteer_opportunities",
        verbose_name=_("focus areas"),
    )
    initiative = models.ForeignKey(
        "vision.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_opportunities",
        verbose_name=_("initiative"),
        help_text=_("Optional. Must belong to one of the chosen focus areas."),
    )
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, blank=True, editable=False)
    description = models.TextField(
        _("description"),
        help_text=_("What the volunteer will do, with whom, and what they get out of it."),
    )
    skills = models.ManyToManyField(
        Skill,
        blank=True,
        related_name="opportunities",
        verbose_name=_("skills wanted"),
    )
    interests = models.ManyToManyField(
        "reference.Interest",
        blank=True,
        related_name="volunteer_opportunities",
        verbose_name=_("interests"),
        help_text=_("What people who enjoy this task are interested in."),
    )
    languages = models.ManyToManyField(
        "reference.Language",
        blank=True,
        related_name="volunteer_opportunities",
        verbose_name=_("languages spoken"),
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("Leave empty if anyone can help."),
    )
    involves_children = models.BooleanField(
        _("involves children under 15"),
        default=False,
        help_text=_(
            "Tick if volunteers will be in contact with children under 15. Then a "
            "børneattest (child protection certificate) may be needed."
        ),
    )

    from_home = models.BooleanField(
        _("can be done from home"),
        default=False,
        help_text=_("For example phone calls or online help. Then no place is needed."),
    )
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
        related_name="volunteer_opportunities",
        verbose_name=_("town"),
    )
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=LATITUDE_VALIDATORS
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=LONGITUDE_VALIDATORS
    )

    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_opportunities_as_contact",
        verbose_name=_("contact person"),
        help_text=_(
            "A member of the organisation. Shown only to volunteers who have signed up, "
            "never on public pages."
        ),
    )
    contact_phone = models.CharField(
        _("contact phone"),
        max_length=20,
        blank=True,
        validators=[phone_validator],
        help_text=_("Optional. Shown with the contact person, only to volunteers signed up."),
    )

    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Shown to everyone once the organisation is approved."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer opportunity")
        verbose_name_plural = _("volunteer opportunities")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_home=True) | Q(town__isnull=False),
                name="volunteering_opportunity_place_or_home",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="volunteering_opportunity_both_coordinates",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "is_published"], name="volunteering_opp_org_pub"),
            models.Index(
                fields=["kind"], condition=Q(is_published=True), name="volunteering_opp_pub_kind"
            ),
            models.Index(
                fields=["town"], condition=Q(is_published=True), name="volunteering_opp_pub_town"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        title = self.title_da or self.title or ""
        self.slug = slugify_da(title, max_length=160)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "title_da" in update_fields:
            kwargs["update_fields"] = {*update_fields, "slug"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.slug:
            return reverse("volunteering:opportunity", kwargs={"pk": self.pk, "slug": self.slug})
        return reverse("volunteering:opportunity_short", kwargs={"pk": self.pk})

    # The card's lists (includes/opportunity_card.html). A list reads them into these
    # attributes for all its opportunities at once (``selectors.attach_card_lists``); read
    # now (or from a prefetch) when it did not.
    @cached_property
    def listed_focus_areas(self) -> list:
        return list(self.focus_areas.all())

    @cached_property
    def listed_skills(self) -> list:
        return list(self.skills.all())

    @staticmethod
    def page_tags(opportunity_id: int, organisation_id: int) -> list[str]:
        """The kept pages that show an opportunity: its organisation's (and its own, should
        it be kept one day)."""
        return [
            page_cache.tag(Opportunity, opportunity_id),
            page_cache.tag(Organisation, organisation_id),
        ]

    def page_cache_tags(self) -> list[str]:
        return self.page_tags(self.pk, self.organisation_id)

    def clean(self):
        super().clean()
        errors = {}
        if not self.from_home and self.town_id is None:
            errors["town"] = _("Choose the town, or tick that it can be done from home.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self) -> bool:
        return self.is_published and self.organisation.is_public

    @property
    def is_ad_hoc(self) -> bool:
        return self.kind == self.Kind.AD_HOC

    @property
    def address_line(self) -> str:
        town_name = self.town.name if self.town_id else ""
        town_line = f"{self.postcode} {town_name}".strip()
        return ", ".join(part for part in (self.street, town_line) if part)

    @property
    def place_line(self) -> str:
        """Where, in one line: "Ribe Bibliotek, Sct. Nicolaj Gade 14, 6760 Ribe", or "From
        home" when there is no place."""
        line = ", ".join(part for part in (self.place_name, self.address_line) if part)
        if line:
            return line
        return str(_("From home")) if self.from_home else ""

    @property
    def position(self) -> tuple[float, float] | None:
        """(latitude, longitude) of the place: its own coordinates, else its town's; None
        for tasks done from home without a town."""
        if self.latitude is not None and self.longitude is not None:
            return (self.latitude, self.longitude)
        if self.town_id is not None:
            return (self.town.latitude, self.town.longitude)
        return None


class Shift(VolunteerWorkMixin, models.Model):
    """One date and time of an opportunity. Its booking slot (``booking_slot``) holds the
    places (volunteers needed), the sign-ups, the waiting list and attendance."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="shifts", verbose_name=_("opportunity")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(
        _("place, if different"),
        max_length=250,
        blank=True,
        help_text=_("Leave empty to use the opportunity's place."),
    )
    note = models.TextField(
        _("note for volunteers"),
        blank=True,
        help_text=_("For example: meet at the back entrance, bring work gloves."),
    )
    closed_at = models.DateTimeField(
        _("closed"),
        null=True,
        blank=True,
        help_text=_("When attendance was completed; volunteers not checked in are no-shows."),
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="volunteering_shift_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["starts_at"], name="volunteering_shift_starts"),
            models.Index(fields=["opportunity", "starts_at"], name="volunteering_shift_opp"),
            models.Index(
                fields=["ends_at"], condition=Q(closed_at__isnull=True), name="volunteering_open"
            ),
        ]

    def __str__(self):
        start = timezone.localtime(self.starts_at)
        return f"{self.opportunity} · {start:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return f"{self.opportunity.get_absolute_url()}#shift-{self.pk}"

    def page_cache_tags(self) -> list[str] | None:
        organisation_id = (
            Opportunity.objects.filter(pk=self.opportunity_id)
            .values_list("organisation_id", flat=True)
            .first()
        )
        if organisation_id is None:
            return None  # the opportunity is gone: its pages are forgotten by their scopes
        return Opportunity.page_tags(self.opportunity_id, organisation_id)

    def booking_page_cache_tags(self) -> list[str] | None:
        # The places left are on the organisation's page.
        return self.page_cache_tags()

    @property
    def place_line(self) -> str:
        return self.place or self.opportunity.place_line

    @property
    def is_cancelled(self) -> bool:
        slot = self.booking_slot
        return slot is not None and slot.is_cancelled

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    # --- volunteer work (samskab.volunteering.work) -------------------------------------------

    @property
    def work_organisation(self):
        return self.opportunity.organisation

    def hours_entry_links(self) -> dict:
        return {"opportunity_id": self.opportunity_id, "shift": self}

    def help_again_path(self) -> str:
        return self.opportunity.get_absolute_url()

    @property
    def attendance_closed(self) -> bool:
        return self.is_closed

    def mark_attendance_closed(self, *, now, by) -> None:
        self.closed_at = now
        self.closed_by = by if by is not None and by.is_authenticated else None
        self.save(update_fields=["closed_at", "closed_by"])

    @classmethod
    def attendance_to_close(cls, *, ended_before):
        return cls.objects.filter(
            closed_at__isnull=True,
            ends_at__lte=ended_before,
            booking_slots__cancelled_at__isnull=True,
        )

    def check_in_path(self) -> str:
        return reverse("volunteering:check_in", args=[self.pk, self.check_in_secret])

    # --- the booking engine's owner protocol ------------------------------------------------

    @classmethod
    def booking_owner_queryset(cls):
        return cls._default_manager.select_related(
            "opportunity", "opportunity__organisation", "opportunity__town"
        )

    def booking_title(self) -> str:
        return self.opportunity.title

    def booking_url(self) -> str:
        return self.get_absolute_url()

    def booking_place(self) -> str:
        return self.place_line

    def booking_organiser(self) -> str:
        return self.opportunity.organisation.name

    def booking_sign_up_open(self) -> bool:
        return self.opportunity.is_public

    def booking_can_manage(self, user) -> bool:
        from samskab.organisations.selectors import can_coordinate

        return can_coordinate(user, self.opportunity.organisation)

    def booking_roster_url(self) -> str:
        return reverse(
            "volunteering:shift_roster", args=[self.opportunity.organisation.slug, self.pk]
        )


class UpcomingShifts(models.Model):
    """An opportunity's coming shifts (not ended, not cancelled), summed up for the lists:
    the next one's start and how many. A narrow table of its own, so that sorting thousands
    of opportunities by their next shift reads one row each instead of counting shifts
    (``services.refresh_upcoming_shifts``). ``changes_at`` is the earliest end among them:
    when it has passed, the summary is recomputed before a list is read."""

    opportunity = models.OneToOneField(
        Opportunity,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="upcoming_shifts",
        verbose_name=_("opportunity"),
    )
    next_starts_at = models.DateTimeField(_("next shift starts"), null=True, blank=True)
    count = models.PositiveIntegerField(_("coming shifts"), default=0)
    changes_at = models.DateTimeField(_("recompute at"), null=True, blank=True)

    class Meta:
        verbose_name = _("coming shifts")
        verbose_name_plural = _("coming shifts")
        indexes = [
            models.Index(fields=["next_starts_at"], name="volunteering_upcoming_next"),
            models.Index(fields=["changes_at"], name="volunteering_upcoming_changes"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(count=0, next_starts_at__isnull=True, changes_at__isnull=True)
                | Q(count__gt=0, next_starts_at__isnull=False, changes_at__isnull=False),
                name="volunteering_upcoming_consistent",
            )
        ]

    def __str__(self):
        return f"{self.opportunity_id}: {self.count}"

    def page_cache_tags(self) -> list[str]:
        # Derived from shifts, whose own changes name the pages.
        return []


class Period(models.TextChoices):
    """Parts of the day for weekly availability (local time)."""

    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")


# Local start times: a shift belongs to the part of the day it starts in.
PERIOD_STARTS = {Period.MORNING: time(0), Period.AFTERNOON: time(12), Period.EVENING: time(17)}

WEEKDAYS = (
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
)


def availability_code(weekday: int, period: str) -> str:
    """ "2-evening" for Tuesday evening (ISO weekday, 1 = Monday)."""
    return f"{weekday}-{period}"


AVAILABILITY_CODES = tuple(
    availability_code(day, period) for day, _label in WEEKDAYS for period in Period.values
)


def period_of(moment) -> str:
    local = timezone.localtime(moment).time()
    if local >= PERIOD_STARTS[Period.EVENING]:
        return Period.EVENING
    if local >= PERIOD_STARTS[Period.AFTERNOON]:
        return Period.AFTERNOON
    return Period.MORNING


def availability_code_of(moment) -> str:
    return availability_code(timezone.localtime(moment).isoweekday(), period_of(moment))


class VolunteerProfile(models.Model):
    """One citizen's volunteer profile, shared by every organisation they help.

    ``availability`` is a list of ``availability_code`` values ("2-evening"); empty means
    "no preference". Alert preferences (``ad_hoc_alerts``, ``max_alerts_per_week``, quiet
    hours) govern the ad hoc alerts about needs. ``share_*`` say what an organisation sees
    about the volunteer once they sign up with it, beyond name and email."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer_profile",
        verbose_name=_("user"),
    )
    interests = models.ManyToManyField(
        "reference.Interest",
        blank=True,
        related_name="volunteer_profiles",
        verbose_name=_("interests"),
    )
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="volunteer_profiles", verbose_name=_("skills")
    )
    towns = models.ManyToManyField(
        "reference.Town",
        blank=True,
        related_name="volunteer_profiles",
        verbose_name=_("towns"),
    )
    languages = models.ManyToManyField(
        "reference.Language",
        blank=True,
        related_name="volunteer_profiles",
        verbose_name=_("languages"),
    )
    availability = models.JSONField(_("weekly availability"), default=list, blank=True)
    about = models.TextField(_("about me"), max_length=600, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])

    ad_hoc_alerts = models.BooleanField(_("send me ad hoc tasks near me"), default=False)
    max_alerts_per_week = models.PositiveSmallIntegerField(
        _("at most this many alerts a week"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(14)],
    )
    quiet_hours_start = models.TimeField(
        _("quiet from"), null=True, blank=True, default=time(21, 0)
    )
    quiet_hours_end = models.TimeField(_("quiet until"), null=True, blank=True, default=time(8, 0))

    share_phone = models.BooleanField(
        _("share my phone number with organisations I sign up with"), default=False
    )
    share_profile = models.BooleanField(
        _("share my skills, languages and “about me” with organisations I sign up with"),
        default=True,
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_alerts_per_week__gte=1) & Q(max_alerts_per_week__lte=14),
                name="volunteering_profile_alert_limit",
            ),
        ]
        indexes = [
            models.Index(
                fields=["user"], condition=Q(ad_hoc_alerts=True), name="volunteering_alert_optin"
            ),
        ]

    def __str__(self):
        return str(self.user)

    def clean(self):
        super().clean()
        unknown = set(self.availability or []) - set(AVAILABILITY_CODES)
        if unknown:
            raise ValidationError({"availability": _("Choose days and times from the list.")})
        if (self.quiet_hours_start is None) != (self.quiet_hours_end is None):
            raise ValidationError(
                {"quiet_hours_end": _("Give both times for quiet hours, or neither.")}
            )

    @property
    def has_availability(self) -> bool:
        return bool(self.availability)

    def is_available_at(self, moment) -> bool:
        """Whether the volunteer said they are usually free when ``moment`` falls (weekday
        and part of the day, local time). No availability given means "any time"."""
        if not self.availability:
            return True
        return availability_code_of(moment) in self.availability

    def in_quiet_hours(self, moment) -> bool:
        """Whether ``moment`` falls in the volunteer's quiet hours (local time), when no
        alert may be sent. Quiet hours may run over midnight (21:00–08:00)."""
        start, end = self.quiet_hours_start, self.quiet_hours_end
        if start is None or end is None or start == end:
            return False
        local = timezone.localtime(moment).time()
        if start < end:
            return start <= local < end
        return local >= start or local < end


class HoursEntry(models.Model):
    """Hours volunteered for an organisation on one day.

    From a shift (``source=shift``): created when the volunteer's attendance is recorded,
    one per booking, approved at once. Logged by the volunteer (``source=logged``): pending
    until a coordinator of the organisation approves or corrects it — never the volunteer
    themself. When a volunteer deletes their account their entries stay for the
    organisation's statistics without anything that identifies them: ``volunteer`` and
    ``booking`` are emptied, the texts cleared and ``person_key`` replaced by a random value
    shared by that person's entries, so volunteers can still be counted once."""

    class Source(models.TextChoices):
        SHIFT = "shift", _("Shift")
        LOGGED = "logged", _("Logged by the volunteer")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_hours",
        verbose_name=_("volunteer"),
    )
    person_key = models.CharField(_("person key"), max_length=80, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        # Volunteers' records of what they did must not vanish with an organisation.
        on_delete=models.PROTECT,
        related_name="volunteer_hours",
        verbose_name=_("organisation"),
    )
    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hours_entries",
        verbose_name=_("opportunity"),
    )
    shift = models.ForeignKey(
        Shift,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hours_entries",
        verbose_name=_("shift"),
    )
    booking = models.OneToOneField(
        "booking.Booking",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_hours",
        verbose_name=_("booking"),
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(MAX_HOURS_PER_ENTRY)],
    )
    description = models.TextField(_("what you did"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    claimed_hours = models.DecimalField(
        _("hours logged"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("What the volunteer logged, when a coordinator corrected it."),
    )
    review_note = models.TextField(_("note from the coordinator"), max_length=1000, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    thanked_at = models.DateTimeField(_("thank-you sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("hours entry")
        verbose_name_plural = _("hours entries")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=MAX_HOURS_PER_ENTRY),
                name="volunteering_hours_in_range",
            ),
            # The rule that matters most, also kept by the database: nobody approves their
            # own hours.
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True)
                | Q(volunteer__isnull=True)
                | ~Q(reviewed_by=models.F("volunteer")),
                name="volunteering_hours_not_self_reviewed",
            ),
            models.CheckConstraint(
                condition=~Q(source="shift") | Q(status="approved"),
                name="volunteering_shift_hours_approved",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "date"], name="volunteering_hours_org"),
            models.Index(fields=["volunteer", "date"], name="volunteering_hours_volunteer"),
        ]

    def __str__(self):
        return f"{self.hours} h · {self.organisation} · {self.date}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def was_corrected(self) -> bool:
        return self.claimed_hours is not None and self.claimed_hours != self.hours


class VolunteerMessage(models.Model):
    """The record of one "message all": who sent what to how many, and about what. The
    recipients' addresses are not kept; they were the people confirmed at the time."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="volunteer_messages",
        verbose_name=_("organisation"),
    )
    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("opportunity"),
    )
    shift = models.ForeignKey(
        Shift,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("shift"),
        help_text=_("Empty when sent to everyone on the opportunity's coming shifts."),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=5000)
    recipient_count = models.PositiveIntegerField(_("recipients"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("message to volunteers")
        verbose_name_plural = _("messages to volunteers")
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return self.subject
