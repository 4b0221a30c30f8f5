"""Reading the results for the pages, the vision's sections, the charts and the downloads,
each in a fixed number of queries however many indicators or figures there are.

What leaves here never carries the exact value of a suppressed figure: the database
returns NULL in its place (``PUBLISHED_VALUE``), and a ``Published`` figure says "fewer
than N" instead. Only published indicators and figures of their current method version
are read.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.conf import settings
from django.db.models import Case, F, Subquery, Value, When
from django.db.models.fields import DecimalField
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samskab.reference.models import AgeGroup, Language, Town
from samskab.results import engine, formatting
from samskab.results.models import (
    Dimension,
    Indicator,
    InitiativeLink,
    MethodVersion,
    Observation,
)
from samskab.vision.models import FocusArea, ResultStory, Vision

# The value the database hands out: NULL for a figure too small to publish.
PUBLISHED_VALUE = Case(
    When(suppressed=True, then=Value(None)),
    default=F("value"),
    output_field=DecimalField(max_digits=14, decimal_places=2),
)
# How many periods a chart shows, by its period (None: all of them).
CHART_LENGTH = {engine.MONTH: 24, engine.QUARTER: 8, engine.YEAR: None}
SMALL_CHART_LENGTH = 6
# Years shown in the indicator page's breakdown tables; the downloads hold every year.
BREAKDOWN_YEARS = 3
FRONT_PAGE_INDICATORS = 4


@dataclass(frozen=True)
class Published:
    """One figure as it may be shown: ``value`` is None when it is ``suppressed``."""

    period: str
    starts_on: date
    value: Decimal | None
    suppressed: bool
    measure: str
    ended: bool = True
    dimension: str = ""
    group: str = ""

    @property
    def label(self) -> str:
        return formatting.period_label(self.period, self.starts_on)

    @property
    def ends_on(self) -> date:
        return formatting.period_end(self.period, self.starts_on)

    @property
    def text(self) -> str:
        """ "1.234", "42 %", "fewer than 5"; "–" when there is no figure."""
        if self.suppressed:
            return formatting.fewer_than()
        if self.value is None:
            return "–"
        return formatting.number(self.value, self.measure)


@dataclass
class IndicatorResult:
    """A published indicator with its figures: the totals of every period (oldest first)."""

    indicator: Indicator
    totals: dict[str, list[Published]]
    today: date

    @property
    def title(self):
        return self.indicator.heading

    @property
    def measure(self) -> str:
        return self.indicator.measure

    @cached_property
    def chart_period(self) -> str:
        """The indicator's chart period, or the first that has figures (an indicator
        measured elsewhere may have only yearly ones)."""
        preferred = self.indicator.chart_period
        if self.totals.get(preferred):
            return preferred
        return next(
            (period for period in engine.PERIODS[::-1] if self.totals.get(period)), preferred
        )

    @cached_property
    def series(self) -> list[Published]:
        figures = self.totals.get(self.chart_period, [])
        length = CHART_LENGTH[self.chart_period]
        return figures[-length:] if length else figures

    @property
    def small_series(self) -> list[Published]:
        return self.series[-SMALL_CHART_LENGTH:]

    @cached_property
    def latest(self) -> Published | None:
        """The latest yearly figure (the year so far when it has not ended), else the
        latest of the chart's period."""
        for period in (engine.YEAR, self.chart_period):
            if self.totals.get(period):
                return self.totals[period][-1]
        return None

    @cached_property
    def headline(self) -> str | None:
        return headline(self.title, self.totals, measure=self.measure)

    @cached_property
    def chart(self):
        from samskab.results import charts

        return charts.bar_chart(self, self.series, chart_id=f"chart-{self.indicator.slug}")

    @cached_property
    def small_chart(self):
        from samskab.results import charts

        return charts.bar_chart(
            self, self.small_series, chart_id=f"small-chart-{self.indicator.slug}", small=True
        )


def today_here() -> date:
    return timezone.localdate()


def published_indicators():
    return Indicator.objects.published().select_related("focus_area")


def _totals(indicators: list[Indicator], today: date) -> dict[int, dict[str, list[Published]]]:
    """Every total figure of the indicators' current method versions, in one query."""
    measures = {indicator.pk: indicator.measure for indicator in indicators}
    rows = (
        Observation.objects.filter(
            indicator__in=list(measures),
            dimension="",
            method_version=F("indicator__method_version"),
        )
        .annotate(published_value=PUBLISHED_VALUE)
        .order_by("indicator_id", "period", "starts_on")
        .values_list("indicator_id", "period", "starts_on", "published_value", "suppressed")
    )
    found: dict[int, dict[str, list[Published]]] = defaultdict(lambda: defaultdict(list))
    for indicator_id, period, starts_on, value, suppressed in rows:
        found[indicator_id][period].append(
            Published(
                period=period,
                starts_on=starts_on,
                value=None if suppressed else value,
                suppressed=suppressed,
                measure=measures[indicator_id],
                ended=formatting.has_ended(period, starts_on, today),
            )
        )
    return found


def results_of(indicators: list[Indicator], *, today: date | None = None) -> list[IndicatorResult]:
    today = today or today_here()
    totals = _totals(indicators, today) if indicators else {}
    return [
        IndicatorResult(indicator=indicator, totals=totals.get(indicator.pk, {}), today=today)
        for indicator in indicators
    ]


def headline(title, totals: dict[str, list[Published]], *, measure: str) -> str | None:
    """What changed between the last two complete years; without two, the last two
    complete quarters, then months. A period counts when it has ended and the figures
    cover it from its first day (the first year of a platform started in March does not
    count as a year)."""
    months = totals.get(engine.MONTH, [])
    covered_from = months[0].starts_on if months else date.min
    for period in (engine.YEAR, engine.QUARTER, engine.MONTH):
        complete = [
            figure
            for figure in totals.get(period, [])
            if figure.ended and figure.starts_on >= covered_from
        ]
        if len(complete) >= 2:
            return _compare(title, complete[-2], complete[-1], measure=measure)
    return None


def _compare(title, earlier: Published, later: Published, *, measure: str) -> str | None:
    names = {"title": title, "earlier": earlier.label, "later": later.label}
    if earlier.suppressed or later.suppressed:
        return (
            _("%(title)s: the figures for %(earlier)s and %(later)s are too small to compare.")
            % names
        )
    if earlier.value is None or later.value is None:
        return None
    if earlier.value == later.value:
        return _("%(title)s stayed the same from %(earlier)s to %(later)s.") % names
    rose = later.value > earlier.value
    if measure == "share" or earlier.value == 0:
        # A change of a share in per cent of itself misleads, and from nothing it is
        # no percentage at all: say both figures.
        names |= {"from": earlier.text, "to": later.text}
        if rose:
            return _("%(title)s rose from %(from)s in %(earlier)s to %(to)s in %(later)s.") % names
        return _("%(title)s fell from %(from)s in %(earlier)s to %(to)s in %(later)s.") % names
    change = abs(later.value - earlier.value) / earlier.value * 100
    whole = change.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    names["change"] = formatting.percent(change, decimals=0 if whole >= 1 else 1)
    if rose:
        return _("%(title)s rose %(change)s from %(earlier)s to %(later)s.") % names
    return _("%(title)s fell %(change)s from %(earlier)s to %(later)s.") % names


# --- Pages --------------------------------------------------------------------------------


@dataclass
class AreaResults:
    focus_area: FocusArea | None
    results: list[IndicatorResult]


@dataclass
class Overview:
    areas: list[AreaResults]

    @property
    def count(self) -> int:
        return sum(len(area.results) for area in self.areas)


def current_focus_areas():
    latest_vision = Vision.objects.order_by("-adopted_on", "-pk").values("pk")[:1]
    return FocusArea.objects.filter(vision=Subquery(latest_vision))


def overview(*, today: date | None = None) -> Overview:
    """Every published indicator, by focus area of the current vision (those without one,
    or of another vision, last). Three queries."""
    focus_areas = list(current_focus_areas())
    results = results_of(list(published_indicators()), today=today)
    by_area: dict[int | None, list[IndicatorResult]] = defaultdict(list)
    known = {area.pk for area in focus_areas}
    for result in results:
        area_id = result.indicator.focus_area_id
        by_area[area_id if area_id in known else None].append(result)
    areas = [AreaResults(area, by_area[area.pk]) for area in focus_areas if by_area[area.pk]]
    if by_area[None]:
        areas.append(AreaResults(None, by_area[None]))
    return Overview(areas=areas)


@dataclass
class YearOfStories:
    year: int
    stories: list[ResultStory]


@dataclass
class FocusAreaResults:
    focus_area: FocusArea
    results: list[IndicatorResult]
    stories_by_year: list[YearOfStories]


def focus_area_results(*, slug: str, today: date | None = None) -> FocusAreaResults:
    """A focus area's indicators and its yearly result stories. Four queries. Raises
    FocusArea.DoesNotExist."""
    focus_area = FocusArea.objects.get(slug=slug)
    indicators = list(published_indicators().filter(focus_area=focus_area))
    stories = ResultStory.objects.filter(focus_area=focus_area).order_by("-year", "order", "pk")
    by_year: dict[int, list[ResultStory]] = {}
    for story in stories:
        by_year.setdefault(story.year, []).append(story)
    return FocusAreaResults(
        focus_area=focus_area,
        results=results_of(indicators, today=today),
        stories_by_year=[YearOfStories(year, items) for year, items in by_year.items()],
    )


@dataclass
class Breakdown:
    """One breakdown of an indicator (by town, say) as a table: a row per group, a column
    per year."""

    dimension: str
    years: list[date]
    rows: list[tuple[str, list[Published | None]]]
    total: list[Published | None]

    @property
    def title(self):
        return {
            Dimension.TOWN: _("By town"),
            Dimension.AGE_GROUP: _("By age group"),
            Dimension.LANGUAGE: _("By language"),
        }[self.dimension]

    @property
    def group_heading(self):
        return Dimension(self.dimension).label

    @property
    def year_labels(self) -> list[str]:
        return [str(year.year) for year in self.years]


@dataclass
class MethodChange:
    version: int
    since: date
    change: str
    current: bool


@dataclass
class LinkedInitiative:
    """An initiative's link to an indicator, with the indicator's figures."""

    link: InitiativeLink
    result: IndicatorResult
    sentence: str

    @property
    def baseline_text(self) -> str:
        return formatting.number(self.link.baseline, self.result.measure)

    @property
    def target_text(self) -> str:
        return formatting.number(self.link.target, self.result.measure)


@dataclass
class IndicatorPage:
    result: IndicatorResult
    breakdowns: list[Breakdown]
    methods: list[MethodChange]
    initiatives: list[LinkedInitiative] = field(default_factory=list)

    @property
    def indicator(self) -> Indicator:
        return self.result.indicator


def indicator_page(*, slug: str, today: date | None = None) -> IndicatorPage:
    """Everything the indicator's page shows. At most eight queries. Raises
    Indicator.DoesNotExist for an unknown or unpublished indicator."""
    today = today or today_here()
    indicator = published_indicators().get(slug=slug)
    result = results_of([indicator], today=today)[0]
    methods = [
        MethodChange(
            version=method.version,
            since=timezone.localdate(method.since),
            change=indicator.change_in(method.version),
            current=method.version == indicator.method_version,
        )
        for method in MethodVersion.objects.filter(indicator=indicator).order_by("version")
    ]
    links = list(InitiativeLink.objects.filter(indicator=indicator).select_related("initiative"))
    for link in links:
        link.indicator = indicator
    return IndicatorPage(
        result=result,
        breakdowns=_breakdowns(indicator, today),
        methods=methods,
        initiatives=[
            LinkedInitiative(link, result, progress_sentence(link, result.latest)) for link in links
        ],
    )


def _breakdowns(indicator: Indicator, today: date) -> list[Breakdown]:
    rows = list(
        Observation.objects.filter(
            indicator=indicator,
            method_version=indicator.method_version,
            period=engine.YEAR,
        )
        .annotate(published_value=PUBLISHED_VALUE)
        .order_by("starts_on")
        .values_list("dimension", "group", "starts_on", "published_value", "suppressed")
    )
    years = sorted({starts_on for dimension, _g, starts_on, _v, _s in rows if dimension})
    years = years[-BREAKDOWN_YEARS:]
    if not years:
        return []
    labels = group_labels({(dimension, group) for dimension, group, *_ in rows if dimension})
    cells: dict[tuple[str, str], dict[date, Published]] = defaultdict(dict)
    for dimension, group, starts_on, value, suppressed in rows:
        if starts_on in years:
            cells[(dimension, group)][starts_on] = Published(
                period=engine.YEAR,
                starts_on=starts_on,
                value=None if suppressed else value,
                suppressed=suppressed,
                measure=indicator.measure,
                ended=formatting.has_ended(engine.YEAR, starts_on, today),
                dimension=dimension,
                group=group,
            )
    breakdowns = []
    for dimension in (Dimension.TOWN, Dimension.AGE_GROUP, Dimension.LANGUAGE):
        groups = sorted(
            (group for found_dimension, group in cells if found_dimension == dimension),
            key=lambda group: (group == engine.UNKNOWN, str(labels[(dimension, group)]).lower()),
        )
        if not groups:
            continue
        breakdowns.append(
            Breakdown(
                dimension=dimension,
                years=years,
                rows=[
                    (
                        labels[(dimension, group)],
                        [cells[(dimension, group)].get(year) for year in years],
                    )
                    for group in groups
                ],
                total=[cells[("", "")].get(year) for year in years],
            )
        )
    return breakdowns


def group_labels(groups: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Names of breakdown groups: a town's name by its slug, an age group's by its slug, a
    language's name by its code (the site's languages, then the reference list). One query
    per kind of breakdown present, three at most."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for dimension, group in groups:
        if group != engine.UNKNOWN:
            wanted[dimension].add(group)
    names: dict[tuple[str, str], str] = {}
    if wanted[Dimension.TOWN]:
        for slug, name in Town.objects.filter(slug__in=wanted[Dimension.TOWN]).values_list(
            "slug", "name"
        ):
            names[(Dimension.TOWN, slug)] = name
    if wanted[Dimension.AGE_GROUP]:
        for group in AgeGroup.objects.filter(slug__in=wanted[Dimension.AGE_GROUP]):
            names[(Dimension.AGE_GROUP, group.slug)] = group.name
    if wanted[Dimension.LANGUAGE]:
        for code, name in settings.LANGUAGES:
            names[(Dimension.LANGUAGE, code)] = str(name)
        for language in Language.objects.filter(code__in=wanted[Dimension.LANGUAGE]):
            names[(Dimension.LANGUAGE, language.code)] = language.name
    labels = {}
    for dimension, group in groups:
        if group == engine.UNKNOWN:
            labels[(dimension, group)] = _("Unknown")
        else:
            labels[(dimension, group)] = names.get((dimension, group), group)
    return labels


# --- The vision's pages ---------------------------------------------------------------------


def progress_sentence(link: InitiativeLink, latest: Published | None) -> str:
    """How the initiative's progress is measured when the link drives it, in words ("" when
    it does not): from the baseline towards the target, and the latest figure."""
    if not link.drives_progress:
        return ""
    measure = link.indicator.measure
    baseline = formatting.number(link.baseline, measure)
    if link.baseline_year:
        baseline = _("%(figure)s in %(year)s") % {"figure": baseline, "year": link.baseline_year}
    target = formatting.number(link.target, measure)
    if link.target_date:
        target = _("%(figure)s by %(date)s") % {
            "figure": target,
            "date": date_format(link.target_date, "DATE_FORMAT"),
        }
    if latest is None:
        now = _("no figure yet")
    elif latest.ended:
        now = _("%(figure)s (%(period)s)") % {"figure": latest.text, "period": latest.label}
    else:
        now = _("%(figure)s (%(period)s so far)") % {"figure": latest.text, "period": latest.label}
    return _(
        "Progress comes from the indicator %(indicator)s: from %(baseline)s towards "
        "%(target)s; now %(now)s."
    ) % {"indicator": link.indicator.heading, "baseline": baseline, "target": target, "now": now}


def front_page_figures(*, today: date | None = None) -> list[IndicatorResult]:
    """A few published indicators for the vision's front page. Two queries."""
    indicators = list(published_indicators()[:FRONT_PAGE_INDICATORS])
    return results_of(indicators, today=today)


def for_focus_area(focus_area: FocusArea, *, today: date | None = None) -> list[IndicatorResult]:
    """The focus area's published indicators. Two queries."""
    return results_of(list(published_indicators().filter(focus_area=focus_area)), today=today)


def for_initiative(initiative, *, today: date | None = None) -> list[LinkedInitiative]:
    """The initiative's published indicators with its targets. Two queries."""
    links = list(
        InitiativeLink.objects.filter(initiative=initiative, indicator__is_published=True)
        .select_related("indicator")
        .order_by("-drives_progress", "indicator__order", "pk")
    )
    results = {
        result.indicator.pk: result
        for result in results_of([link.indicator for link in links], today=today)
    }
    return [
        LinkedInitiative(
            link,
            results[link.indicator.pk],
            progress_sentence(link, results[link.indicator.pk].latest),
        )
        for link in links
    ]


def observations_for_download(indicators: list[Indicator]):
    """Every figure of the indicators' current method versions, totals and breakdowns, for
    the downloads: an iterator (the rows are never all in memory) of
    ``(indicator_id, period, starts_on, dimension, group, published value, suppressed)``."""
    return (
        Observation.objects.filter(
            indicator__in=[indicator.pk for indicator in indicators],
            method_version=F("indicator__method_version"),
        )
        .annotate(published_value=PUBLISHED_VALUE)
        .order_by("indicator__order", "indicator_id", "period", "starts_on", "dimension", "group")
        .values_list(
            "indicator_id",
            "period",
            "starts_on",
            "dimension",
            "group",
            "published_value",
            "suppressed",
        )
        .iterator(chunk_size=2000)
    )


def all_groups(indicators: list[Indicator]) -> set[tuple[str, str]]:
    """The breakdown groups the indicators' figures name (for their labels). One query."""
    return set(
        Observation.objects.filter(indicator__in=[indicator.pk for indicator in indicators])
        .exclude(dimension="")
        .values_list("dimension", "group")
        .distinct()
    )
