"""The municipality's vision: ambitions, focus areas, initiatives and what they achieved.

Text fields are translated with django-modeltranslation (see translation.py): ``title``
reads the active language and falls back to Danish.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

PROGRESS_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


class Colour(models.TextChoices):
    """A fixed palette rather than free colour codes: pages may not carry style attributes
    under our Content-Security-Policy, so every colour is a CSS class in vision.css, and
    each one keeps at least 3:1 contrast against white."""

    BLUE = "blue", _("Blue")
    GREEN = "green", _("Green")
    PURPLE = "purple", _("Purple")
    ORANGE = "orange", _("Orange")
    TEAL = "teal", _("Teal")
    RED = "red", _("Red")
    GREY = "grey", _("Grey")


class Icon(models.TextChoices):
    """Icons from DKFDS's icon sprite that suit a focus area. The vendored sprite (icons.svg)
    has only these and the templates' icons: `make vendor` after changing them."""

    HOME = "home", _("House")
    GROUPS = "groups", _("Group of people")
    PERSONS = "persons", _("People")
    ACCESSIBILITY = "accessibility-new", _("Person")
    PALETTE = "palette", _("Palette")
    MAP = "map", _("Map")
    LOCATION = "location", _("Location pin")
    SCIENCE = "science", _("Science")
    STUDENT = "student", _("Student")
    FORUM = "forum", _("Conversation")
    FLAG = "flag", _("Flag")
    STAR = "star", _("Star")
    CONSTRUCTION = "construction", _("Construction")
    ENGINEERING = "engineering", _("Engineering")
    TRACTOR = "tractor", _("Tractor")
    TRUCK = "truck", _("Truck")
    CAR = "car", _("Car")
    BUSINESS = "business", _("Buildings")
    SYNC = "sync", _("Circular arrows")
    SUPPORT_AGENT = "support-agent", _("Helper")
    HOW_TO_REG = "how-to-reg", _("Person with tick")
    ANALYTICS = "analytics", _("Chart")


class Vision(models.Model):
    """A vision adopted by the city council. The newest adopted vision is the one shown."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    tagline = models.CharField(
        _("tagline"),
        max_length=200,
        blank=True,
        help_text=_("A short motto shown under the title."),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    adopted_on = models.DateField(_("date adopted"))

    class Meta:
        verbose_name = _("vision")
        verbose_name_plural = _("visions")
        ordering = ["-adopted_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("vision:front_page")


class Ambition(models.Model):
    """One of the vision's cross-cutting ambitions, shared by every focus area."""

    vision = models.ForeignKey(
        Vision, on_delete=models.CASCADE, related_name="ambitions", verbose_name=_("vision")
    )
    slug = models.SlugField(_("slug"), max_length=100)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("ambition")
        verbose_name_plural = _("ambitions")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vision", "slug"], name="vision_ambition_unique_slug")
        ]

    def __str__(self):
        return self.title


class FocusArea(models.Model):
    """A strategic focus area of the vision, with its own public page."""

    vision = models.ForeignKey(
        Vision, on_delete=models.CASCADE, related_name="focus_areas", verbose_name=_("vision")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The last part of the page's web address."),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown on the front page.")
    )
    body = models.TextField(_("body"), blank=True)
    colour = models.CharField(
        _("colour"), max_length=20, choices=Colour.choices, default=Colour.BLUE
    )
    icon = models.CharField(_("icon"), max_length=40, choices=Icon.choices, default=Icon.STAR)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("vision:focus_area", kwargs={"slug": self.slug})


class InitiativeStatus(models.Model):
    """Where an initiative stands. Choosing a status sets a leaf initiative's progress to
    the status's default progress."""

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    default_progress = models.PositiveSmallIntegerField(
        _("default progress"),
        default=0,
        validators=PROGRESS_VALIDATORS,
        help_text=_("Percentage (0 to 100) an initiative gets when it is given this status."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("initiative status")
        verbose_name_plural = _("initiative statuses")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(default_progress__gte=0) & Q(default_progress__lte=100),
                name="vision_status_default_progress_0_100",
            )
        ]

    def __str__(self):
        return self.name


class Initiative(models.Model):
    """A concrete effort under a focus area. An initiative may have sub-initiatives; then its
    progress is computed from theirs (see services.recompute_progress_upwards)."""

    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.CASCADE,
        related_name="initiatives",
        verbose_name=_("focus area"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of initiative"),
        help_text=_("Leave empty for a main initiative. Must be in the same focus area."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("The last part of the page's web address."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    department = models.CharField(_("responsible department"), max_length=200, blank=True)
    status = models.ForeignKey(
        InitiativeStatus,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("status"),
    )
    progress = models.PositiveSmallIntegerField(
        _("progress"),
        default=0,
        validators=PROGRESS_VALIDATORS,
        help_text=_(
            "Percentage complete (0 to 100). Follows the status unless you change it. For an "
            "initiative with sub-initiatives it is computed from them."
        ),
    )
    weight = models.PositiveIntegerField(
        _("weight"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "How much this initiative counts in its parent's progress compared with its "
            "siblings. Empty counts as 1."
        ),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="vision_initiative_progress_0_100",
            ),
            models.CheckConstraint(
                condition=Q(weight__isnull=True) | Q(weight__gte=1),
                name="vision_initiative_weight_positive",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="vision_initiative_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("pk")),
                name="vision_initiative_not_own_parent",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("vision:initiative", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.parent_id is not None:
            parent_error = self._parent_error()
            if parent_error:
                errors["parent"] = parent_error
        if errors:
            raise ValidationError(errors)

    def _parent_error(self):
        parent = self.parent
        if self.focus_area_id is not None and parent.focus_area_id != self.focus_area_id:
            return _("The parent initiative must belong to the same focus area.")
        if self.pk is None:
            return None
        # Walk up from the chosen parent: meeting this initiative means a loop.
        seen = set()
        ancestor = parent
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor.pk == self.pk:
                return _("An initiative cannot be part of itself or of its own sub-initiatives.")
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        return None


class Milestone(models.Model):
    """A dated step on an initiative's way, either reached or still planned."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("initiative"),
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    reached = models.BooleanField(
        _("reached"), default=False, help_text=_("Untick while the milestone is still planned.")
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["date", "pk"]

    def __str__(self):
        return self.title


class ResultStory(models.Model):
    """What a focus area achieved in a year, often with a figure."""

    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.CASCADE,
        related_name="result_stories",
        verbose_name=_("focus area"),
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="result_stories",
        verbose_name=_("initiative"),
        help_text=_("Optional. Must be in the same focus area."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    headline = models.CharField(_("headline"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    figure = models.DecimalField(
        _("figure"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("A number to highlight, e.g. 600."),
    )
    unit = models.CharField(
        _("unit"), max_length=100, blank=True, help_text=_("What the figure counts, e.g. carers.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("result story")
        verbose_name_plural = _("result stories")
        ordering = ["-year", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1900) & Q(year__lte=2100),
                name="vision_result_story_year_range",
            )
        ]

    def __str__(self):
        return f"{self.year}: {self.headline}"

    def clean(self):
        super().clean()
        if (
            self.initiative_id is not None
            and self.focus_area_id is not None
            and self.initiative.focus_area_id != self.focus_area_id
        ):
            raise ValidationError(
                {"initiative": _("The initiative must belong to the same focus area.")}
            )
