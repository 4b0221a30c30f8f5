"""The indicators' figures as open data: CSV (UTF-8, comma, ISO dates), a CSV that Danish
Excel opens as it is (semicolons, a byte order mark, decimal commas, the page's language in
the headings) and JSON. Every period and breakdown is there; a figure too small to publish
has an empty value and "fewer than N", never its exact value (the selectors never read it).

Each is a generator of text chunks for a ``StreamingHttpResponse``: rows are read from the
database in chunks and written as they come, so a large download uses little memory.
"""

import csv
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from samskab.results import conf, engine, formatting, selectors
from samskab.results.models import Dimension, Indicator

LICENCE = {
    "name": "CC0 1.0",
    "url": "https://creativecommons.org/publicdomain/zero/1.0/",
}
BYTE_ORDER_MARK = "\ufeff"
COLUMNS = (
    "indicator",
    "title",
    "period",
    "period_label",
    "starts_on",
    "ends_on",
    "breakdown",
    "group",
    "group_name",
    "value",
    "suppressed",
    "note",
    "unit",
    "measure",
    "method_version",
    "definition",
    "source",
    "licence",
)


def source_of(indicator: Indicator) -> str:
    if indicator.data_source:
        return indicator.data_source
    if indicator.is_built_in:
        return _("Samskab, %(municipality)s: computed from the platform’s own data") % {
            "municipality": settings.MUNICIPALITY_NAME
        }
    return ""


def describe(indicator: Indicator, *, url: str) -> dict:
    """What the JSON says about an indicator before its figures."""
    return {
        "indicator": indicator.slug,
        "title": str(indicator.heading),
        "definition": str(indicator.definition_text or ""),
        "unit": str(indicator.unit_text or ""),
        "measure": indicator.measure,
        "method_version": indicator.method_version,
        "computed_at": indicator.computed_at.isoformat() if indicator.computed_at else None,
        "source": source_of(indicator),
        "licence": LICENCE,
        "url": url,
    }


class _Figure:
    """One row of the download, labelled."""

    def __init__(self, indicator, row, labels):
        _indicator_id, period, starts_on, dimension, group, value, suppressed = row
        self.indicator = indicator
        self.period = period
        self.starts_on = starts_on
        self.dimension = dimension
        self.group = group
        self.value = None if suppressed else value
        self.suppressed = suppressed
        self.group_name = labels.get((dimension, group), "") if dimension else ""

    @property
    def ends_on(self):
        return formatting.period_end(self.period, self.starts_on)

    @property
    def label(self) -> str:
        return formatting.period_label(self.period, self.starts_on)

    @property
    def breakdown(self) -> str:
        return self.dimension or "total"

    @property
    def note(self) -> str:
        return formatting.fewer_than() if self.suppressed else ""


def _figures(indicators: list[Indicator]) -> Iterator[_Figure]:
    by_id = {indicator.pk: indicator for indicator in indicators}
    labels = selectors.group_labels(selectors.all_groups(indicators))
    for row in selectors.observations_for_download(indicators):
        yield _Figure(by_id[row[0]], row, labels)


class _Line:
    """A file-like object csv.writer writes one line into, handed back at once."""

    def write(self, text):
        return text


def _number(value: Decimal | None, *, decimal_comma: bool = False) -> str:
    if value is None:
        return ""
    text = format(value.normalize() if value == value.to_integral_value() else value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if decimal_comma else text


def csv_rows(indicators: list[Indicator], *, excel: bool = False) -> Iterator[str]:
    """The figures as CSV, one chunk per line. ``excel``: semicolons, a byte order mark,
    decimal commas and headings in the active language, as Danish Excel expects."""
    writer = csv.writer(_Line(), delimiter=";" if excel else ",", lineterminator="\r\n")
    if excel:
        yield BYTE_ORDER_MARK + writer.writerow([str(heading) for heading in excel_headings()])
    else:
        yield writer.writerow(COLUMNS)
    texts: dict[int, tuple] = {}
    for figure in _figures(indicators):
        indicator = figure.indicator
        if indicator.pk not in texts:
            texts[indicator.pk] = (
                str(indicator.heading),
                str(indicator.unit_text or ""),
                str(indicator.definition_text or ""),
                source_of(indicator),
            )
        title, unit, definition, source = texts[indicator.pk]
        yield writer.writerow(
            [
                indicator.slug,
                title,
                figure.period,
                figure.label,
                figure.starts_on.isoformat(),
                figure.ends_on.isoformat(),
                figure.breakdown,
                figure.group,
                figure.group_name,
                _number(figure.value, decimal_comma=excel),
                _yes_no(figure.suppressed, excel=excel),
                figure.note,
                unit,
                indicator.measure,
                indicator.method_version,
                definition,
                source,
                LICENCE["name"],
            ]
        )


def _yes_no(flag: bool, *, excel: bool) -> str:
    if excel:
        return _("yes") if flag else _("no")
    return "true" if flag else "false"


def excel_headings() -> tuple:
    return (
        _("Indicator"),
        _("Title"),
        _("Period"),
        _("Period name"),
        _("First day"),
        _("Last day"),
        _("Breakdown"),
        _("Group"),
        _("Group name"),
        _("Value"),
        _("Too small to publish"),
        _("Note"),
        _("Unit"),
        _("Measure"),
        _("Method version"),
        _("Definition"),
        _("Source"),
        _("Licence"),
    )


def _json_value(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _json_figure(figure: _Figure) -> dict:
    return {
        "period": figure.period,
        "label": figure.label,
        "starts_on": figure.starts_on.isoformat(),
        "ends_on": figure.ends_on.isoformat(),
        "breakdown": figure.breakdown,
        "group": figure.group,
        "group_name": figure.group_name,
        "value": _json_value(figure.value),
        "suppressed": figure.suppressed,
        "note": figure.note,
    }


def json_document(
    indicators: list[Indicator], *, urls: dict[int, str], single: bool
) -> Iterator[str]:
    """The figures as JSON, written piece by piece: one indicator's description with its
    ``figures`` (``single``), or ``{"indicators": [...]}`` for all of them."""
    header = {
        "licence": LICENCE,
        "small_count": conf.small_count(),
        "suppressed_note": formatting.fewer_than(),
        "breakdowns": {choice.value or "total": str(choice.label) for choice in Dimension},
        "periods": list(engine.PERIODS),
    }
    if single:
        indicator = indicators[0]
        opening = {**header, **describe(indicator, url=urls[indicator.pk])}
        yield json.dumps(opening, ensure_ascii=False)[:-1] + ', "figures": ['
        first = True
        for figure in _figures(indicators):
            yield ("" if first else ",") + json.dumps(_json_figure(figure), ensure_ascii=False)
            first = False
        yield "]}"
        return
    yield json.dumps(header, ensure_ascii=False)[:-1] + ', "indicators": ['
    described = {
        indicator.pk: describe(indicator, url=urls[indicator.pk]) for indicator in indicators
    }
    seen: list[int] = []
    for figure in _figures(indicators):
        pk = figure.indicator.pk
        if not seen or seen[-1] != pk:
            prefix = "]}," if seen else ""
            seen.append(pk)
            opening = json.dumps(described[pk], ensure_ascii=False)[:-1] + ', "figures": ['
            yield prefix + opening + json.dumps(_json_figure(figure), ensure_ascii=False)
        else:
            yield "," + json.dumps(_json_figure(figure), ensure_ascii=False)
    # Indicators without figures yet are described too, with none.
    rest = [
        json.dumps({**described[indicator.pk], "figures": []}, ensure_ascii=False)
        for indicator in indicators
        if indicator.pk not in seen
    ]
    closing = "]}" if seen else ""
    if rest:
        closing += ("," if seen else "") + ",".join(rest)
    yield closing + "]}"


def as_chunks(lines: Iterable[str], size: int = 64 * 1024) -> Iterator[bytes]:
    """Lines gathered into chunks of about ``size`` bytes, so a response is not written
    a line at a time."""
    buffer: list[str] = []
    length = 0
    for line in lines:
        buffer.append(line)
        length += len(line)
        if length >= size:
            yield "".join(buffer).encode("utf-8")
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer).encode("utf-8")
