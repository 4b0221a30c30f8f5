"""How facts become published figures, as pure calculation (no database): periods in
local time, tallies per period and breakdown group, the measure's value, and the rule that
no figure resting on fewer than ``small`` people is published exactly — nor one that would
let a reader subtract their way to it.

The suppression, for every figure ``f`` with ``0 < f.base < small`` (primary; a zero is
published) and then:

- in a breakdown (the towns of one month, say), a lone suppressed group would be the total
  minus the others: the next smallest group is suppressed too, unless the total is;
- for measures that add up (``count``, ``sum``), the same holds for the months of a
  quarter and the quarters of a year, and a quarter suppressed for that reason keeps at
  least two of its months suppressed.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from samskab.core.extensions import Fact

MONTH, QUARTER, YEAR = "month", "quarter", "year"
PERIODS = (MONTH, QUARTER, YEAR)
ADDITIVE = ("count", "sum")
UNKNOWN = "unknown"
CENT = Decimal("0.01")


def period_start(day: date, period: str) -> date:
    if period == YEAR:
        return date(day.year, 1, 1)
    if period == QUARTER:
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(day.year, day.month, 1)


def next_period(start: date, period: str) -> date:
    """The first day of the period after the one starting on ``start``."""
    months = {YEAR: 12, QUARTER: 3, MONTH: 1}[period]
    month_index = start.year * 12 + start.month - 1 + months
    return date(month_index // 12, month_index % 12 + 1, 1)


def periods_from(first: date, last: date, period: str) -> list[date]:
    """Starts of every ``period`` from the one holding ``first`` to the one holding
    ``last``."""
    starts = []
    start = period_start(first, period)
    while start <= last:
        starts.append(start)
        start = next_period(start, period)
    return starts


@dataclass
class Tally:
    rows: int = 0
    hits: int = 0
    amount: Decimal = Decimal(0)
    keys: set = field(default_factory=set)
    keyless: int = 0

    @property
    def base(self) -> int:
        """How many distinct people (or things) the figure rests on."""
        return len(self.keys) + self.keyless

    def add(self, fact: Fact) -> None:
        self.rows += 1
        self.hits += bool(fact.hit)
        self.amount += Decimal(fact.amount)
        if fact.key is None:
            self.keyless += 1
        else:
            self.keys.add(fact.key)


Cell = tuple[str, date, str, str]  # period, first day, dimension ("" for the total), group


def tally(
    facts: Iterable[Fact], *, breakdowns: Iterable[str], zone: ZoneInfo
) -> tuple[dict[Cell, Tally], date | None]:
    """Tally the facts per period and group; also the first local day seen."""
    tallies: dict[Cell, Tally] = defaultdict(Tally)
    breakdowns = tuple(breakdowns)
    first = None
    for fact in facts:
        day = fact.at.astimezone(zone).date()
        if first is None or day < first:
            first = day
        for period in PERIODS:
            start = period_start(day, period)
            tallies[(period, start, "", "")].add(fact)
            for dimension in breakdowns:
                group = getattr(fact, dimension) or UNKNOWN
                tallies[(period, start, dimension, group)].add(fact)
    return tallies, first


@dataclass
class Figure:
    period: str
    starts_on: date
    dimension: str
    group: str
    value: Decimal | None
    base: int
    suppressed: bool = False

    @property
    def cell(self) -> Cell:
        return (self.period, self.starts_on, self.dimension, self.group)


def value_of(tally: Tally, measure: str, residents: int | None) -> Decimal | None:
    if measure == "count":
        value = Decimal(tally.rows)
    elif measure == "distinct":
        value = Decimal(tally.base)
    elif measure == "sum":
        value = tally.amount
    elif measure == "share":
        if not tally.rows:
            return None
        value = Decimal(100 * tally.hits) / tally.rows
    else:  # per_1000
        if not residents:
            return None
        value = Decimal(tally.base * 1000) / residents
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def figures(
    tallies: dict[Cell, Tally],
    *,
    measure: str,
    residents: dict[str, int],
    first: date,
    last: date,
) -> list[Figure]:
    """Every figure from the period holding ``first`` to the one holding ``last``: the
    totals of every period (an empty one counts zero) and the groups that have facts."""
    result = []
    total_residents = sum(residents.values()) or None
    for period in PERIODS:
        for start in periods_from(first, last, period):
            cell = (period, start, "", "")
            found = tallies.get(cell, Tally())
            result.append(Figure(*cell, value_of(found, measure, total_residents), found.base))
    for cell, found in tallies.items():
        _period, _start, dimension, group = cell
        if dimension:
            # Only towns have residents of their own to count per 1,000 of.
            people = residents.get(group) if dimension == "town" else None
            result.append(Figure(*cell, value_of(found, measure, people), found.base))
    return result


def suppress(items: list[Figure], *, small: int, measure: str) -> list[Figure]:
    """Mark the figures too small to publish, and those that would give them away."""
    by_cell = {item.cell: item for item in items}
    for item in items:
        # A zero is published: it tells nothing about anyone, and hiding it would hide the
        # figures beside it too (the current month is often still empty).
        item.suppressed = 0 < item.base < small
    groups: dict[tuple, list[Figure]] = defaultdict(list)
    for item in items:
        if item.dimension:
            groups[(item.period, item.starts_on, item.dimension)].append(item)
    for (period, start, _dimension), members in groups.items():
        total = by_cell.get((period, start, "", ""))
        _protect_lone(members, whole=total)
    if measure in ADDITIVE:
        totals = {item.cell: item for item in items if not item.dimension}
        _protect_in_time(totals)
    return items


def _protect_lone(parts: list[Figure], *, whole: Figure | None) -> list[Figure]:
    """When exactly one of ``parts`` is suppressed and ``whole`` is published, suppress
    the smallest published part too. Returns the parts suppressed here."""
    if whole is not None and whole.suppressed:
        return []
    hidden = [part for part in parts if part.suppressed]
    shown = [part for part in parts if not part.suppressed]
    if len(hidden) != 1 or not shown:
        return []
    smallest = min(shown, key=lambda part: (part.base, part.value or 0, part.group))
    smallest.suppressed = True
    return [smallest]


def _protect_in_time(totals: dict[Cell, Figure]) -> None:
    def parts_of(start: date, period: str, part_period: str) -> list[Figure]:
        end = next_period(start, period)
        found = []
        part = start
        while part < end:
            if (part_period, part, "", "") in totals:
                found.append(totals[(part_period, part, "", "")])
            part = next_period(part, part_period)
        return found

    quarters = [item for item in totals.values() if item.period == QUARTER]
    for quarter in quarters:
        _protect_lone(parts_of(quarter.starts_on, QUARTER, MONTH), whole=quarter)
    for year in [item for item in totals.values() if item.period == YEAR]:
        for quarter in _protect_lone(parts_of(year.starts_on, YEAR, QUARTER), whole=year):
            months = parts_of(quarter.starts_on, QUARTER, MONTH)
            shown = sorted(
                (month for month in months if not month.suppressed),
                key=lambda month: (month.base, month.value or 0),
            )
            missing = 2 - sum(month.suppressed for month in months)
            for month in shown[: max(0, missing)]:
                month.suppressed = True


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=zone)
