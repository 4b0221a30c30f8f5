"""The calculation behind every published figure: periods in local time, measures, and
suppression of small figures and of those that would give them away."""

import random
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from samskab.core.extensions import Fact
from samskab.results import engine
from samskab.results.engine import Figure

ZONE = ZoneInfo("Europe/Copenhagen")


def utc(*parts):
    return datetime(*parts, tzinfo=UTC)


def totals(facts, measure="count", breakdowns=(), residents=None, first=None, last=None):
    tallies, seen_first = engine.tally(facts, breakdowns=breakdowns, zone=ZONE)
    figures = engine.figures(
        tallies,
        measure=measure,
        residents=residents or {},
        first=first or seen_first,
        last=last or seen_first,
    )
    return {figure.cell: figure for figure in figures}


def test_periods_start_on_their_first_day():
    assert engine.period_start(date(2026, 8, 17), "month") == date(2026, 8, 1)
    assert engine.period_start(date(2026, 8, 17), "quarter") == date(2026, 7, 1)
    assert engine.period_start(date(2026, 8, 17), "year") == date(2026, 1, 1)
    assert engine.next_period(date(2026, 12, 1), "month") == date(2027, 1, 1)
    assert engine.next_period(date(2026, 10, 1), "quarter") == date(2027, 1, 1)
    assert engine.periods_from(date(2025, 11, 30), date(2026, 2, 1), "month") == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


def test_a_fact_belongs_to_the_local_day_it_happened():
    # 23:30 UTC on 31 January is 00:30 on 1 February in Esbjerg (winter time, UTC+1);
    # 22:30 UTC on 31 March is 00:30 on 1 April (summer time, UTC+2, since 29 March).
    figures = totals(
        [
            Fact(utc(2026, 1, 31, 22, 59), "a"),
            Fact(utc(2026, 1, 31, 23, 30), "b"),
            Fact(utc(2026, 3, 31, 21, 59), "c"),
            Fact(utc(2026, 3, 31, 22, 30), "d"),
        ],
        last=date(2026, 4, 30),
    )
    assert figures[("month", date(2026, 1, 1), "", "")].value == 1
    assert figures[("month", date(2026, 2, 1), "", "")].value == 1
    assert figures[("month", date(2026, 3, 1), "", "")].value == 1
    assert figures[("month", date(2026, 4, 1), "", "")].value == 1
    assert figures[("quarter", date(2026, 1, 1), "", "")].value == 3
    assert figures[("quarter", date(2026, 4, 1), "", "")].value == 1


def test_the_night_the_clocks_go_back_is_one_day():
    # 25 October 2026 has 25 hours; both 02:30s are in October.
    figures = totals(
        [Fact(utc(2026, 10, 25, 0, 30), "a"), Fact(utc(2026, 10, 25, 1, 30), "b")],
        last=date(2026, 11, 1),
    )
    assert figures[("month", date(2026, 10, 1), "", "")].value == 2
    assert figures[("month", date(2026, 11, 1), "", "")].value == 0


def test_each_measure():
    at = utc(2026, 5, 5, 12)
    facts = [
        Fact(at, "p1", amount=Decimal("2.5"), hit=True, town="ribe"),
        Fact(at, "p1", amount=Decimal("1.5"), hit=False, town="ribe"),
        Fact(at, "p2", amount=3, hit=True, town="bramming"),
        Fact(at, None, amount=1, hit=False, town=""),
    ]
    month = ("month", date(2026, 5, 1), "", "")
    assert totals(facts, "count")[month].value == 4
    assert totals(facts, "distinct")[month].value == 3  # p1, p2 and the keyless one
    assert totals(facts, "sum")[month].value == Decimal("8.00")
    assert totals(facts, "share")[month].value == Decimal("50.00")
    per_1000 = totals(
        facts, "per_1000", breakdowns=("town",), residents={"ribe": 8000, "bramming": 2000}
    )
    assert per_1000[month].value == Decimal("0.30")  # 3 of 10,000 residents
    assert per_1000[("month", date(2026, 5, 1), "town", "ribe")].value == Decimal("0.13")
    assert per_1000[("month", date(2026, 5, 1), "town", "unknown")].value is None
    assert totals(facts, "distinct")[month].base == 3


def test_a_share_of_nothing_is_no_figure():
    tallies = {("month", date(2026, 1, 1), "", ""): engine.Tally()}
    assert engine.value_of(tallies[("month", date(2026, 1, 1), "", "")], "share", None) is None


def test_empty_periods_between_facts_count_zero():
    figures = totals(
        [Fact(utc(2026, 1, 10), "a"), Fact(utc(2026, 4, 10), "b")], last=date(2026, 4, 10)
    )
    assert figures[("month", date(2026, 2, 1), "", "")].value == 0
    assert figures[("month", date(2026, 3, 1), "", "")].value == 0


def figure(period, day, value, dimension="", group=""):
    return Figure(period, day, dimension, group, Decimal(value), int(value))


def test_figures_resting_on_few_people_are_suppressed():
    items = engine.suppress(
        [figure("year", date(2026, 1, 1), 4), figure("year", date(2025, 1, 1), 5)],
        small=5,
        measure="distinct",
    )
    assert [item.suppressed for item in items] == [True, False]


def test_a_lone_small_group_takes_the_next_smallest_with_it():
    day = date(2026, 1, 1)
    items = [
        figure("year", day, 40),
        figure("year", day, 25, "town", "esbjerg"),
        figure("year", day, 12, "town", "ribe"),
        figure("year", day, 3, "town", "gredstedbro"),
    ]
    engine.suppress(items, small=5, measure="count")
    hidden = {item.group for item in items if item.suppressed}
    # 40 - 25 - 12 would give Gredstedbro's 3 away: Ribe is hidden too.
    assert hidden == {"gredstedbro", "ribe"}


def test_no_group_is_hidden_for_another_when_the_total_is_hidden_too():
    day = date(2026, 1, 1)
    items = [figure("year", day, 4), figure("year", day, 3, "town", "ribe")]
    engine.suppress(items, small=5, measure="count")
    assert all(item.suppressed for item in items)


def test_a_lone_small_month_in_a_quarter_takes_another_month_with_it():
    items = [
        figure("quarter", date(2026, 1, 1), 30),
        figure("month", date(2026, 1, 1), 2),
        figure("month", date(2026, 2, 1), 20),
        figure("month", date(2026, 3, 1), 8),
        figure("year", date(2026, 1, 1), 30),
    ]
    engine.suppress(items, small=5, measure="count")
    assert [item.suppressed for item in items] == [False, True, False, True, False]


def test_months_are_not_protected_for_measures_that_do_not_add_up():
    items = [
        figure("quarter", date(2026, 1, 1), 30),
        figure("month", date(2026, 1, 1), 2),
        figure("month", date(2026, 2, 1), 20),
        figure("month", date(2026, 3, 1), 8),
    ]
    engine.suppress(items, small=5, measure="distinct")
    assert [item.suppressed for item in items] == [False, True, False, False]


def test_a_quarter_hidden_to_protect_another_keeps_two_months_hidden():
    year = date(2026, 1, 1)
    items = [figure("year", year, 100), figure("quarter", year, 4)]
    for quarter, value in ((date(2026, 4, 1), 30), (date(2026, 7, 1), 40), (date(2026, 10, 1), 26)):
        items.append(figure("quarter", quarter, value))
    months = [8, 9, 9, 10, 10, 10, 10, 10, 20, 6, 10, 10]
    for month, value in enumerate(months, start=1):
        items.append(figure("month", date(2026, month, 1), value))
    # The first quarter's months add up to more than its 4 only in this made-up data; what
    # matters is which figures are hidden.
    engine.suppress(items, small=5, measure="count")
    hidden = {(item.period, item.starts_on) for item in items if item.suppressed}
    assert ("quarter", date(2026, 1, 1)) in hidden
    # Q4 (26) is the smallest other quarter: hidden with two of its months.
    assert ("quarter", date(2026, 10, 1)) in hidden
    assert sum(period == "month" and day.month >= 10 for period, day in hidden) == 2


@pytest.mark.parametrize("seed", range(40))
def test_no_published_figures_give_a_hidden_count_away_by_subtraction(seed):
    """For counts, a whole and its parts (a period's groups; a quarter's months; a year's
    quarters): when the whole is published, never exactly one part is hidden."""
    rng = random.Random(seed)
    towns = ["esbjerg", "ribe", "bramming", "gredstedbro", "tjaereborg"]
    facts = [
        Fact(
            datetime(2026, rng.randint(1, 12), rng.randint(1, 28), 12, tzinfo=ZONE),
            key=None,
            town=rng.choice([*towns, ""]) if rng.random() < 0.7 else rng.choice(towns[:1]),
        )
        for _ in range(rng.randint(0, 120))
    ]
    if not facts:
        return
    tallies, _ = engine.tally(facts, breakdowns=("town",), zone=ZONE)
    items = engine.figures(
        tallies, measure="count", residents={}, first=date(2026, 1, 1), last=date(2026, 12, 31)
    )
    engine.suppress(items, small=5, measure="count")
    cells = {item.cell: item for item in items}
    assert all(item.suppressed for item in items if 0 < item.base < 5)
    assert not any(item.suppressed for item in items if item.base == 0 and not item.dimension)
    wholes_and_parts = []
    for item in items:
        if item.dimension:
            continue
        groups = [
            other
            for other in items
            if other.dimension and (other.period, other.starts_on) == (item.period, item.starts_on)
        ]
        wholes_and_parts.append((item, groups))
        if item.period in ("quarter", "year"):
            part_period = "month" if item.period == "quarter" else "quarter"
            end = engine.next_period(item.starts_on, item.period)
            parts = [
                cells[(part_period, day, "", "")]
                for day in engine.periods_from(item.starts_on, end, part_period)
                if day < end
            ]
            wholes_and_parts.append((item, parts))
    for whole, parts in wholes_and_parts:
        if whole.suppressed:
            continue
        by_dimension = {}
        for part in parts:
            by_dimension.setdefault(part.dimension, []).append(part)
        for same in by_dimension.values():
            assert sum(part.suppressed for part in same) != 1, (whole, same)
