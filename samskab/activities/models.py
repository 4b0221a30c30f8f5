"""Activities and communities that organisations publish, and their sessions.

- ``Activity``: what it is, who it is for, where, the price, how to take part and the
  accessibility facts. Title, description and notes are translated (see translation.py).
- ``ActivitySchedule``: a recurring series ("every Tuesday 10-12 until 30 June, every
  other week, not on 14 October"). It generates sessions; editing it regenerates them by
  comparing wanted times with the existing sessions (``services.update_schedule``).
- ``ActivitySession``: one occurrence. Each session owns a slot in the booking engine, which
  holds its places, sign-ups, waitlist and whether it was cancelled. The session keeps its
  times (and their local weekday and start time) so the catalogue can filter and sort
  sessions without joining the engine's tables.
- The lists activities are described by (towns, interests, age groups, languages) are the
  reference app's (``samskab.reference``).
- ``PersonalCalendarFeed``: the secret address of a person's calendar feed of sign-ups.

State changes go through ``services.py``; reading for pages through ``selectors.py``.
"""

import secrets
from datetime import date, time
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from samskab.booking.models import SlotOwnerMixin
from samskab.core import page_cache
from samskab.core.geo import distance_km_expression
from samskab.core.text import slugify_da
from samskab.organisations.models import Organisation
from samskab.reference.models import AgeGroup, Interest, Language, Town
from samskab.reference.validators import (
    LATITUDE_VALIDATORS,
    LONGITUDE_VALIDATORS,
    postcode_validator,
)


class ActivityQuerySet(models.QuerySet):
    """Filters the catalogue combines; each uses an indexed column or an EXISTS over an
    indexed relation, so they can be chained in any order."""

    def published(self):
        """Published activities of approved organisations: what the public may see."""
        from samskab.organisations.models import Organisation

        return self.filter(is_published=True, organisation__status=Organisation.Status.APPROVED)

    def in_focus_areas(self, focus_areas):
        return self.filter(
            models.Exists(
                Activity.focus_areas.through.objects.filter(
                    activity_id=models.OuterRef("pk"), focusarea__in=focus_areas
                )
            )
        )

    def with_interests(self, interests):
        return self.filter(
            models.Exists(
                Activity.interests.through.objects.filter(
                    activity_id=models.OuterRef("pk"), interest__in=interests
                )
            )
        )

    def for_age_groups(self, age_groups):
        return self.filter(
            models.Exists(
                Activity.age_groups.through.objects.filter(
                    activity_id=models.OuterRef("pk"), agegroup__in=age_groups
                )
            )
        )

    def in_languages(self, languages):
        return self.filter(
            models.Exists(
                Activity.languages.through.objects.filter(
                    activity_id=models.OuterRef("pk"), language__in=languages
                )
            )
        )

    def in_towns(self, towns):
        return self.filter(town__in=towns)

    def free(self):
        return self.filter(is_free=True)

    def come_alone(self):
        return self.filter(come_alone_welcome=True)

    def with_accessibility(self, facts):
        """Activities that have every one of ``facts`` (names in ``ACCESSIBILITY_FACTS``)."""
        unknown = set(facts) - set(ACCESSIBILITY_FACT_NAMES)
        if unknown:
            raise ValueError(f"Unknown accessibility facts: {sorted(unknown)}")
        return self.filter(**dict.fromkeys(facts, True))

    def with_distance_from(self, *, latitude: float, longitude: float):
        """Annotate ``distance_km`` from a point (``samskab.core.geo``)."""
        return self.annotate(distance_km=distance_km_expression(latitude, longitude))


class Activity(models.Model):
    """Something people can join, published by an organisation."""

    class Participation(models.TextChoices):
        DROP_IN = "drop_in", _("Just come, no sign-up")
        SIGN_UP = "sign_up", _("Sign-up required")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        # Deleting an organisation must not silently drop people's sign-ups: its activities
        # are deleted first (services.delete_activity tells everyone signed up).
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("organisation"),
    )
    focus_areas = models.ManyToManyField(
        "vision.FocusArea", related_name="activities", verbose_name=_("focus areas")
    )
    initiative = models.ForeignKey(
        "vision.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("initiative"),
        help_text=_("Optional. Must belong to one of the activity's focus areas."),
    )
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, blank=True, editable=False)
    description = models.TextField(_("description"))
    interests = models.ManyToManyField(
        Interest, blank=True, related_name="activities", verbose_name=_("interests")
    )
    age_groups = models.ManyToManyField(
        AgeGroup, blank=True, related_name="activities", verbose_name=_("for")
    )
    languages = models.ManyToManyField(
        Language, blank=True, related_name="activities", verbose_name=_("languages spoken")
    )

    place_name = models.CharField(_("place"), max_length=150)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=4, blank=True, validators=[postcode_validator]
    )
    town = models.ForeignKey(
        Town, on_delete=models.PROTECT, related_name="activities", verbose_name=_("town")
    )
    latitude = models.FloatField(_("latitude"), validators=LATITUDE_VALIDATORS)
    longitude = models.FloatField(_("longitude"), validators=LONGITUDE_VALIDATORS)

    price = models.DecimalField(
        _("price in DKK"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    # Derived by the database from the price, so "free" can never disagree with it, and
    # stored so the catalogue's "free" filter can use an index.
    is_free = models.GeneratedField(
        expression=models.Case(
            models.When(price=0, then=models.Value(True)),
            default=models.Value(False),
            output_field=models.BooleanField(),
        ),
        output_field=models.BooleanField(),
        db_persist=True,
        verbose_name=_("free"),
    )
    price_note = models.CharField(
        _("about the price"),
        max_length=150,
        blank=True,
        help_text=_("For example: per time, coffee included."),
    )
    participation = models.CharField(
        _("how to take part"),
        max_length=20,
        choices=Participation.choices,
        default=Participation.DROP_IN,
    )

    step_free_access = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    seating = models.BooleanField(_("seating and places to rest"), default=False)
    quiet_space = models.BooleanField(_("a quiet room to take a break"), default=False)
    accessible_parking = models.BooleanField(_("disabled parking close by"), default=False)
    accessibility_note = models.TextField(
        _("more about accessibility"),
        blank=True,
        help_text=_("For example: the lift is at the back entrance."),
    )
    come_alone_welcome = models.BooleanField(
        _("come alone — you will be welcomed"),
        default=False,
        help_text=_(
            "Someone receives newcomers and introduces them, so people who know no one feel "
            "at home."
        ),
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

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="activities_price_not_negative"),
        ]
        indexes = [
            models.Index(fields=["organisation", "is_published"], name="activities_org_published"),
            models.Index(
                fields=["town"], condition=Q(is_published=True), name="activities_pub_town"
            ),
            models.Index(
                fields=["is_free"], condition=Q(is_published=True), name="activities_pub_free"
            ),
            models.Index(
                fields=["come_alone_welcome"],
                condition=Q(is_published=True),
                name="activities_pub_come_alone",
            ),
            models.Index(
                fields=["participation"],
                condition=Q(is_published=True),
                name="activities_pub_participation",
            ),
            models.Index(fields=["latitude", "longitude"], name="activities_position"),
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
            return reverse("activities:detail", kwargs={"pk": self.pk, "slug": self.slug})
        return reverse("activities:detail_short", kwargs={"pk": self.pk})

    # The card's lists (activities/includes/activity_card.html). A list page reads them
    # into these attributes for all its activities at once (``selectors.attach_card_lists``);
    # read now when it did not.
    @cached_property
    def listed_age_groups(self) -> list[AgeGroup]:
        return list(self.age_groups.all())

    @cached_property
    def listed_languages(self) -> list[Language]:
        return list(self.languages.all())

    @staticmethod
    def page_tags(activity_id: int, organisation_id: int) -> list[str]:
        """The kept pages that show an activity: its own, and its organisation's."""
        return [
            page_cache.tag(Activity, activity_id),
            page_cache.tag(Organisation, organisation_id),
        ]

    def page_cache_tags(self) -> list[str]:
        return self.page_tags(self.pk, self.organisation_id)

    @property
    def is_public(self) -> bool:
        return self.is_published and self.organisation.is_public

    @property
    def requires_sign_up(self) -> bool:
        return self.participation == self.Participation.SIGN_UP

    @property
    def address_line(self) -> str:
        town_line = f"{self.postcode} {self.town.name}".strip()
        return ", ".join(part for part in (self.street, town_line) if part)

    @property
    def place_line(self) -> str:
        """Where, in one line: "Ribe Bibliotek, Sct. Nicolaj Gade 14, 6760 Ribe"."""
        return ", ".join(part for part in (self.place_name, self.address_line) if part)

    @property
    def accessibility_facts(self) -> list[str]:
        """The accessibility facts that hold, as readable labels."""
        return [
            self._meta.get_field(name).verbose_name
            for name in ACCESSIBILITY_FACT_NAMES
            if getattr(self, name)
        ]


ACCESSIBILITY_FACT_NAMES = (
    "step_free_access",
    "hearing_loop",
    "accessible_toilet",
    "seating",
    "quiet_space",
    "accessible_parking",
)


def accessibility_fact_choices() -> list[tuple[str, str]]:
    return [
        (name, capfirst(Activity._meta.get_field(name).verbose_name))
        for name in ACCESSIBILITY_FACT_NAMES
    ]


class ActivitySchedule(models.Model):
    """A recurring series of sessions: on the chosen weekdays, every ``interval`` weeks,
    from ``starts_on`` until ``ends_on`` (both included), at local times, except on the
    ``exception_dates``. Times are local wall-clock times in the site's time zone, so a
    session at 10:00 stays at 10:00 across daylight saving changes."""

    MAX_SPAN_DAYS = 366
    MAX_INTERVAL_WEEKS = 8

    class Weekday(models.IntegerChoices):
        # ISO numbering, as ``date.isoweekday()`` and ActivitySession.weekday.
        MONDAY = 1, _("Monday")
        TUESDAY = 2, _("Tuesday")
        WEDNESDAY = 3, _("Wednesday")
        THURSDAY = 4, _("Thursday")
        FRIDAY = 5, _("Friday")
        SATURDAY = 6, _("Saturday")
        SUNDAY = 7, _("Sunday")

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="schedules", verbose_name=_("activity")
    )
    weekdays = models.JSONField(_("weekdays"), default=list)
    interval = models.PositiveSmallIntegerField(
        _("every how many weeks"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_INTERVAL_WEEKS)],
    )
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    starts_on = models.DateField(_("first date"))
    ends_on = models.DateField(_("last date"))
    exception_dates = models.JSONField(_("dates without a session"), default=list, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("weekly series")
        verbose_name_plural = _("weekly series")
        ordering = ["starts_on", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="activities_schedule_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="activities_schedule_last_date_after_first",
            ),
            models.CheckConstraint(
                condition=Q(interval__gte=1), name="activities_schedule_interval_positive"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="activities_schedule_capacity_at_least_one",
            ),
        ]

    def __str__(self):
        return f"{self.activity} · {self.weekday_names} {self.start_time:%H:%M}"

    def page_cache_tags(self) -> list[str] | None:
        return _tags_of_part(self)

    @property
    def weekday_names(self) -> str:
        return ", ".join(str(self.Weekday(day).label) for day in sorted(self.weekdays))

    @property
    def exceptions(self) -> list[date]:
        return [date.fromisoformat(value) for value in self.exception_dates]

    def clean(self):
        super().clean()
        errors = {}
        if not self.weekdays or any(day not in self.Weekday.values for day in self.weekdays):
            errors["weekdays"] = _("Choose at least one weekday.")
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end time must be after the start time.")
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                errors["ends_on"] = _("The last date cannot be before the first date.")
            elif (self.ends_on - self.starts_on).days > self.MAX_SPAN_DAYS:
                errors["ends_on"] = _(
                    "A series can run for at most a year. You can extend it later."
                )
        if errors:
            raise ValidationError(errors)


def _tags_of_part(part) -> list[str] | None:
    """A schedule's or a session's tags: those of its activity."""
    organisation_id = (
        Activity.objects.filter(pk=part.activity_id).values_list("organisation_id", flat=True)
    ).first()
    if organisation_id is None:
        return None  # the activity is gone: let the pages be forgotten by their scopes
    return Activity.page_tags(part.activity_id, organisation_id)


class ActivitySession(SlotOwnerMixin, models.Model):
    """One occurrence of an activity. Its booking slot (``booking_slot``) holds the places,
    the sign-ups and whether it was cancelled; create, move and cancel sessions through
    ``services`` so the two always agree.

    ``weekday`` (ISO, 1 = Monday) and ``start_time`` are the local weekday and time of
    ``starts_at``, stored so the catalogue can filter on them with an index. Code that
    creates sessions in bulk must fill them with ``set_times``."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("activity")
    )
    schedule = models.ForeignKey(
        ActivitySchedule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("weekly series"),
        help_text=_("Empty for a single date."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=ActivitySchedule.Weekday.choices, editable=False
    )
    start_time = models.TimeField(_("local start time"), editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="activities_session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=1) & Q(weekday__lte=7),
                name="activities_session_iso_weekday",
            ),
        ]
        indexes = [
            # Soonest first, then by id, as the lists sort them: the first rows come from the
            # index even when hundreds of sessions start at the same time.
            models.Index(fields=["starts_at", "id"], name="activities_session_soonest"),
            models.Index(fields=["activity", "starts_at"], name="activities_session_activity"),
            models.Index(fields=["weekday", "start_time"], name="activities_session_weekday"),
        ]

    def __str__(self):
        start = timezone.localtime(self.starts_at)
        return f"{self.activity} · {start:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.starts_at is not None:
            self.set_times(self.starts_at, self.ends_at)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.activity.get_absolute_url()}#session-{self.pk}"

    def page_cache_tags(self) -> list[str] | None:
        return _tags_of_part(self)

    def booking_page_cache_tags(self) -> list[str] | None:
        # The places left are on the activity's page and on its organisation's.
        return _tags_of_part(self)

    def set_times(self, starts_at, ends_at) -> None:
        self.starts_at = starts_at
        self.ends_at = ends_at
        local_start = timezone.localtime(starts_at)
        self.weekday = local_start.isoweekday()
        self.start_time = time(local_start.hour, local_start.minute, local_start.second)

    @property
    def local_date(self):
        return timezone.localtime(self.starts_at).date()

    @property
    def is_cancelled(self) -> bool:
        slot = self.booking_slot
        return slot is not None and slot.is_cancelled

    # --- the booking engine's owner protocol ------------------------------------------------

    @classmethod
    def booking_owner_queryset(cls):
        return cls._default_manager.select_related(
            "activity", "activity__organisation", "activity__town"
        )

    def booking_title(self) -> str:
        return self.activity.title

    def booking_url(self) -> str:
        return self.activity.get_absolute_url()

    def booking_place(self) -> str:
        return self.activity.place_line

    def booking_organiser(self) -> str:
        return self.activity.organisation.name

    def booking_can_manage(self, user) -> bool:
        from samskab.organisations.selectors import can_coordinate

        return can_coordinate(user, self.activity.organisation)

    def booking_sign_up_open(self) -> bool:
        """Drop-in sessions take no sign-ups, and nobody signs up to what is not public."""
        return self.activity.is_public and self.activity.requires_sign_up

    def booking_roster_url(self) -> str:
        return reverse(
            "activities:session_roster",
            kwargs={
                "slug": self.activity.organisation.slug,
                "pk": self.activity_id,
                "session_pk": self.pk,
            },
        )


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class PersonalCalendarFeed(models.Model):
    """The secret address of one person's calendar feed of their sign-ups. Calendar apps
    cannot log in, so the token in the address is the permission; it is stored as is because
    the person must be able to copy the address again, and it can be replaced at any time."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="activity_calendar_feed",
        verbose_name=_("user"),
    )
    token = models.CharField(
        _("secret"), max_length=64, unique=True, default=new_feed_token, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    reset_at = models.DateTimeField(_("address last replaced"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal calendar feed")
        verbose_name_plural = _("personal calendar feeds")

    def __str__(self):
        return str(self.user)

    def page_cache_tags(self) -> list[str]:
        return []  # no kept page shows it
