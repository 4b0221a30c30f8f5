"""Indicators of the vision's results and their figures per period.

An indicator is either **built in** (``key`` names an ``Indicator`` an app declares in its
``contributions.py``; its title, definition and unit are the app's, translated with the
code) or **manual** (a figure the municipality measures elsewhere; staff write its texts,
source and figures in the administration). Figures are ``Observation`` rows: one per
period (month, quarter, year), for the total and for each group of a breakdown (town, age
group, language), under the method version that computed them. Built-in figures are
written only by the background worker (``services.compute``), never on a page load.

``value`` is exact and never leaves the server for a figure that is ``suppressed``: the
selectors that publish replace it with "fewer than N" (``conf.small_count``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from samskab.core import extensions
from samskab.vision.models import FocusArea, Initiative


class Period(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


class Dimension(models.TextChoices):
    TOTAL = "", _("Total")
    TOWN = "town", _("Town")
    AGE_GROUP = "age_group", _("Age group")
    LANGUAGE = "language", _("Language")


class IndicatorQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Indicator(models.Model):
    key = models.CharField(
        _("built-in indicator"),
        max_length=100,
        blank=True,
        editable=False,
        help_text=_("Empty for a figure the municipality measures elsewhere."),
    )
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("The last part of its web address.")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    definition = models.TextField(
        _("definition"),
        blank=True,
        help_text=_("What is counted, from which data, and how: a reader checks the figure by it."),
    )
    unit = models.CharField(_("unit"), max_length=100, blank=True, help_text=_("E.g. people."))
    data_source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the figures come from, e.g. the yearly citizen survey."),
    )
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("focus area"),
        help_text=_("Its results page. Without one it is shown only in the overview."),
    )
    chart_period = models.CharField(
        _("chart by"), max_length=10, choices=Period.choices, default=Period.MONTH
    )
    is_published = models.BooleanField(_("published"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    method_version = models.PositiveSmallIntegerField(
        _("method version"), default=1, editable=False
    )
    computed_at = models.DateTimeField(_("computed"), null=True, blank=True, editable=False)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=~Q(key=""), name="results_indicator_unique_key"
            ),
        ]

    def __str__(self):
        return str(self.heading)

    def get_absolute_url(self):
        return reverse("results:indicator", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if not self.key and not self.title:
            # Not tied to the field: forms show it as title_da and title_en.
            raise ValidationError(_("A figure measured elsewhere needs a title."))

    @property
    def is_built_in(self) -> bool:
        return bool(self.key)

    @cached_property
    def declared(self) -> extensions.Indicator | None:
        """The app's declaration of a built-in indicator (None when its app is gone)."""
        if not self.key:
            return None
        return next(
            (item for _, item in extensions.declared("indicators") if item.slug == self.key),
            None,
        )

    @property
    def heading(self):
        return self.declared.title if self.declared else self.title or self.key

    @property
    def definition_text(self):
        return self.declared.definition if self.declared else self.definition

    @property
    def unit_text(self):
        return self.declared.unit if self.declared else self.unit

    @property
    def measure(self) -> str:
        return self.declared.measure if self.declared else "count"

    def change_in(self, version: int):
        """What changed in ``version`` of a built-in indicator's method."""
        if self.declared is None or version < 2 or version - 2 >= len(self.declared.changes):
            return ""
        return self.declared.changes[version - 2]


class MethodVersion(models.Model):
    """When a version of how a built-in indicator is counted took over (what changed is
    the app's ``Indicator.changes``, translated with the code); figures computed with an
    earlier version are kept."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="methods", verbose_name=_("indicator")
    )
    version = models.PositiveSmallIntegerField(_("version"))
    since = models.DateTimeField(_("since"))

    class Meta:
        verbose_name = _("method version")
        verbose_name_plural = _("method versions")
        ordering = ["indicator", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "version"], name="results_method_unique_version"
            )
        ]

    def __str__(self):
        return f"{self.indicator} v{self.version}"


class Observation(models.Model):
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="observations",
        verbose_name=_("indicator"),
    )
    method_version = models.PositiveSmallIntegerField(_("method version"), default=1)
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    starts_on = models.DateField(_("first day"), help_text=_("The period's first day."))
    dimension = models.CharField(
        _("breakdown"), max_length=20, choices=Dimension.choices, default="", blank=True
    )
    group = models.CharField(
        _("group"),
        max_length=100,
        blank=True,
        help_text=_("The town's, age group's or language's code; empty for the total."),
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True)
    base = models.PositiveIntegerField(
        _("counted"),
        null=True,
        blank=True,
        help_text=_(
            "How many people (or things) the figure rests on. A figure resting on too few "
            "is published as 'fewer than'."
        ),
    )
    suppressed = models.BooleanField(_("too small to publish"), default=False, editable=False)
    frozen = models.BooleanField(_("final"), default=False, editable=False)
    computed_at = models.DateTimeField(_("computed"), auto_now=True)

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        ordering = ["indicator", "period", "starts_on", "dimension", "group"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "method_version", "period", "starts_on", "dimension", "group"],
                name="results_observation_unique",
            ),
            models.CheckConstraint(
                condition=Q(dimension="", group="") | (~Q(dimension="") & ~Q(group="")),
                name="results_observation_group_with_dimension",
            ),
        ]
        indexes = [
            models.Index(
                fields=["indicator", "method_version", "period", "starts_on"],
                name="results_observation_period",
            )
        ]

    def __str__(self):
        return f"{self.indicator} {self.period} {self.starts_on} {self.group}".strip()


class InitiativeLink(models.Model):
    """An indicator shown on an initiative's page, optionally with a baseline and a target
    (e.g. from 300 to 800 volunteers a year by 2025). With ``drives_progress`` the
    initiative's progress is computed from the indicator after every background round:
    how far the latest yearly figure has come from the baseline towards the target."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="initiative_links",
        verbose_name=_("indicator"),
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="indicator_links",
        verbose_name=_("initiative"),
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    drives_progress = models.BooleanField(
        _("progress comes from this indicator"),
        default=False,
        help_text=_(
            "The initiative's progress is then computed from the indicator after every "
            "round of the background worker, replacing what is typed in."
        ),
    )

    class Meta:
        verbose_name = _("indicator of an initiative")
        verbose_name_plural = _("indicators of initiatives")
        ordering = ["initiative", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "initiative"], name="results_link_unique"),
            models.UniqueConstraint(
                fields=["initiative"],
                condition=Q(drives_progress=True),
                name="results_link_one_progress_source",
            ),
            models.CheckConstraint(
                condition=Q(drives_progress=False)
                | (Q(baseline__isnull=False, target__isnull=False) & ~Q(target=F("baseline"))),
                name="results_link_progress_needs_baseline_and_target",
            ),
        ]

    def __str__(self):
        return f"{self.initiative} – {self.indicator}"

    def clean(self):
        super().clean()
        if self.drives_progress and (self.baseline is None or self.target is None):
            raise ValidationError(
                _("Progress can only come from the indicator with a baseline and a target.")
            )
        if self.drives_progress and self.baseline == self.target:
            raise ValidationError({"target": _("The target must differ from the baseline.")})
        if (
            self.drives_progress
            and self.initiative_id is not None
            and self.initiative.children.exists()
        ):
            raise ValidationError(
                _("An initiative with sub-initiatives takes its progress from them.")
            )

    def progress_for(self, value) -> int | None:
        """Per cent of the way from the baseline to the target, 0 to 100."""
        if value is None or self.baseline is None or self.target in (None, self.baseline):
            return None
        share = (value - self.baseline) / (self.target - self.baseline) * 100
        return max(0, min(100, int(share.quantize(1, rounding="ROUND_HALF_UP"))))
