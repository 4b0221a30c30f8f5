"""An indicator's figures as a bar chart: the geometry is computed here, and
``results/chart.svg`` draws it, the same SVG inline in the pages, at the embeddable
``graf.svg`` and (through cairosvg) ``graf.png``.

The bars lie horizontally, one row per period with the oldest at the top, so that the
period names and the values stay readable on a 375 px phone however many periods there
are: the drawing is 360 units wide and only grows downwards. Every bar carries its value
as text; a figure too small to publish is a hatched stub labelled "<5", never a length
that would tell its value. Colours are SVG presentation attributes (no ``style``): the
Content-Security-Policy allows no inline styles, and an SVG shown through ``<img>``
elsewhere cannot load our stylesheet.
"""

from dataclasses import dataclass
from decimal import Decimal
from math import floor, log10

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samskab.results import engine, formatting

WIDTH = 360
# The overview's cards are narrower: drawn narrower, their text keeps its size.
SMALL_WIDTH = 260
FONT_SIZE = 13
SMALL_FONT_SIZE = 12
# Average advance of a character of a sans-serif face, in font sizes; generous, so text
# estimated to fit does fit.
CHARACTER_WIDTH = 0.62
ROW_HEIGHT = 26
SMALL_ROW_HEIGHT = 22
BAR_THICKNESS = 16
SMALL_BAR_THICKNESS = 13
SUPPRESSED_STUB = 22
GAP = 6
TOP = 24
BOTTOM = 44
MARGIN = 6

COLOURS = {
    "bar": "#0059b3",
    "text": "#1a1a1a",
    "muted": "#545454",
    "grid": "#c9c9c9",
    "axis": "#747474",
    "background": "#ffffff",
}


@dataclass(frozen=True)
class Row:
    label: str
    text: str
    y: float
    bar_y: float
    text_y: float
    width: float
    text_x: float
    suppressed: bool
    has_value: bool


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    chart_id: str
    title: str
    description: str
    width: int
    height: int
    font_size: int
    plot_left: float
    label_x: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    bar_thickness: float
    period_heading: str
    unit_label: str
    unit_y: float
    tick_y: float
    rows: list[Row]
    ticks: list[Tick]
    colours: dict
    empty: bool

    @property
    def hatch_id(self) -> str:
        return f"{self.chart_id}-hatch"

    @property
    def plot_width(self) -> float:
        return self.plot_right - self.plot_left

    def render(self, *, standalone: bool = False, language: str = "") -> str:
        return render_to_string(
            "results/chart.svg",
            {"chart": self, "standalone": standalone, "language": language},
        )


def text_width(text: str, font_size: float) -> float:
    return len(text) * font_size * CHARACTER_WIDTH


def nice_ticks(largest: Decimal) -> list[Decimal]:
    """0 and three to five round steps up to at least ``largest``."""
    if largest <= 0:
        return [Decimal(0), Decimal(1)]
    raw = float(largest) / 4
    magnitude = 10 ** floor(log10(raw))
    step = next(factor * magnitude for factor in (1, 2, 2.5, 5, 10) if factor * magnitude >= raw)
    step_decimal = Decimal(str(step))
    ticks = [Decimal(0)]
    while ticks[-1] < largest:
        ticks.append(ticks[-1] + step_decimal)
    return ticks


PERIOD_HEADINGS = {
    engine.MONTH: lambda: _("Month"),
    engine.QUARTER: lambda: _("Quarter"),
    engine.YEAR: lambda: _("Year"),
}


SPANS = {
    engine.MONTH: lambda: _("%(title)s by month, %(first)s to %(last)s."),
    engine.QUARTER: lambda: _("%(title)s by quarter, %(first)s to %(last)s."),
    engine.YEAR: lambda: _("%(title)s by year, %(first)s to %(last)s."),
}


def bar_chart(result, figures, *, chart_id: str, small: bool = False) -> Chart:
    """The chart of ``figures`` (Published, oldest first) of ``result`` (an
    IndicatorResult)."""
    width = SMALL_WIDTH if small else WIDTH
    font_size = SMALL_FONT_SIZE if small else FONT_SIZE
    row_height = SMALL_ROW_HEIGHT if small else ROW_HEIGHT
    thickness = SMALL_BAR_THICKNESS if small else BAR_THICKNESS
    period = figures[0].period if figures else result.chart_period
    values = [figure.value for figure in figures if figure.value is not None]
    ticks = nice_ticks(max(values, default=Decimal(0)))
    tick_texts = [formatting.number(tick, result.measure) for tick in ticks]
    labels = [figure.label for figure in figures]
    texts = [_bar_text(figure) for figure in figures]
    label_width = max((text_width(label, font_size) for label in labels), default=0)
    value_width = max((text_width(text, font_size) for text in texts), default=0)
    plot_left = MARGIN + label_width + GAP
    # The last tick's label is centred on the plot's right edge: leave room for its half.
    last_tick_half = text_width(tick_texts[-1], font_size) / 2
    plot_right = width - MARGIN - max(value_width + GAP, last_tick_half)
    plot_right = max(plot_right, plot_left + 60)
    scale = (plot_right - plot_left) / float(ticks[-1])
    plot_top = TOP
    rows = []
    for index, figure in enumerate(figures):
        y = plot_top + index * row_height
        bar_y = y + (row_height - thickness) / 2
        if figure.suppressed:
            length = SUPPRESSED_STUB
        elif figure.value is None:
            length = 0
        else:
            length = max(float(figure.value) * scale, 0)
        rows.append(
            Row(
                label=labels[index],
                text=texts[index],
                y=round(y, 1),
                bar_y=round(bar_y, 1),
                text_y=round(y + row_height / 2 + font_size * 0.35, 1),
                width=round(length, 1),
                text_x=round(plot_left + length + GAP, 1),
                suppressed=figure.suppressed,
                has_value=figure.value is not None,
            )
        )
    plot_bottom = plot_top + max(len(figures), 1) * row_height
    unit = str(result.indicator.unit_text or "")
    return Chart(
        chart_id=chart_id,
        title=str(result.title),
        description=describe(result, figures),
        width=width,
        height=round(plot_bottom + BOTTOM),
        font_size=font_size,
        plot_left=round(plot_left, 1),
        label_x=round(plot_left - GAP, 1),
        plot_right=round(plot_right, 1),
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        bar_thickness=thickness,
        period_heading=PERIOD_HEADINGS[period](),
        unit_label=unit,
        unit_y=round(plot_bottom + 18 + font_size + 2, 1),
        tick_y=round(plot_bottom + 4 + font_size, 1),
        rows=rows,
        ticks=[
            Tick(x=round(plot_left + float(tick) * scale, 1), label=tick_texts[index])
            for index, tick in enumerate(ticks)
        ],
        colours=COLOURS,
        empty=not figures,
    )


def _bar_text(figure) -> str:
    if figure.suppressed:
        return formatting.fewer_than_short()
    if figure.value is None:
        return "–"
    return formatting.number(figure.value, figure.measure)


def describe(result, figures) -> str:
    """The chart in words, for the SVG's ``<desc>``: the span, the latest figure, the
    highest, and how many figures are too small to publish."""
    if not figures:
        return _("There are no figures yet.")
    span = {"title": result.title, "first": figures[0].label, "last": figures[-1].label}
    parts = [SPANS[figures[0].period]() % span]
    if result.indicator.unit_text:
        parts.append(_("In %(unit)s.") % {"unit": result.indicator.unit_text})
    latest = figures[-1]
    if latest.ended:
        parts.append(_("Latest: %(figure)s in %(period)s.") % _figure_in(latest))
    else:
        parts.append(_("Latest: %(figure)s in %(period)s so far.") % _figure_in(latest))
    shown = [figure for figure in figures if figure.value is not None]
    if len(shown) > 1:
        highest = max(shown, key=lambda figure: figure.value)
        parts.append(_("Highest: %(figure)s in %(period)s.") % _figure_in(highest))
    hidden = sum(figure.suppressed for figure in figures)
    if hidden:
        parts.append(
            ngettext(
                "%(count)s period is too small to show exactly (%(fewer)s).",
                "%(count)s periods are too small to show exactly (%(fewer)s).",
                hidden,
            )
            % {"count": hidden, "fewer": formatting.fewer_than()}
        )
    return " ".join(str(part) for part in parts)


def _figure_in(figure) -> dict:
    return {"figure": figure.text, "period": figure.label}


def png(svg: str, *, scale: float = 2) -> bytes:
    """The chart as a PNG, ``scale`` times its SVG size (crisp on dense screens)."""
    # Imported here: cairosvg loads the system's libcairo, which only this needs.
    import cairosvg

    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)
