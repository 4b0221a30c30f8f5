"""The rule's boundaries as plain date arithmetic."""

from datetime import date, timedelta

import pytest

from samskab.childsafety.rules import (
    CONSECUTIVE_DAYS,
    DAYS_IN_WINDOW,
    Occasion,
    add_months,
    assess,
)


def days(*values):
    return [Occasion(day, day) for day in values]


def camp(first: date, length: int):
    return Occasion(first, first + timedelta(days=length - 1))


def test_add_months():
    assert add_months(date(2025, 1, 15), 3) == date(2025, 4, 15)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)


def test_three_times_in_three_months_is_fine():
    outcome = assess(days(date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 31)))
    assert not outcome.crossed


def test_four_times_in_three_months_needs_an_attest():
    outcome = assess(days(date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1), date(2025, 3, 31)))
    assert outcome.crossed
    assert outcome.rule == DAYS_IN_WINDOW
    assert outcome.crossed_on == date(2025, 3, 31)
    assert len(outcome.days) == 4


def test_four_times_spread_over_more_than_three_months_is_fine():
    # The fourth time is exactly three months after the first: outside the window.
    outcome = assess(days(date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1), date(2025, 4, 1)))
    assert not outcome.crossed


def test_two_shifts_on_one_day_are_one_time():
    outcome = assess(days(*[date(2025, 1, 1)] * 2, date(2025, 1, 2), date(2025, 1, 9)))
    assert not outcome.crossed


def test_a_four_day_camp_is_fine_and_a_five_day_camp_is_not():
    assert not assess([camp(date(2025, 7, 7), 4)]).crossed

    outcome = assess([camp(date(2025, 7, 7), 5)])
    assert outcome.crossed
    assert outcome.rule == CONSECUTIVE_DAYS
    assert outcome.crossed_on == date(2025, 7, 11)


@pytest.mark.parametrize(("count", "crossed"), [(4, False), (5, True)])
def test_days_in_a_row_from_single_days(settings, count, crossed):
    settings.CHILDSAFETY_MAX_DAYS_IN_WINDOW = 10
    start = date(2025, 7, 7)
    outcome = assess(days(*[start + timedelta(days=n) for n in range(count)]))
    assert outcome.crossed is crossed
    if crossed:
        assert outcome.rule == CONSECUTIVE_DAYS


def test_the_rule_follows_the_settings(settings):
    settings.CHILDSAFETY_MAX_DAYS_IN_WINDOW = 1
    settings.CHILDSAFETY_WINDOW_MONTHS = 1
    settings.CHILDSAFETY_MAX_CONSECUTIVE_DAYS = 2

    assert assess(days(date(2025, 1, 1), date(2025, 1, 20))).crossed
    assert not assess(days(date(2025, 1, 1), date(2025, 2, 1))).crossed
    assert assess([camp(date(2025, 1, 1), 3)]).rule == CONSECUTIVE_DAYS


def test_whichever_part_crossed_first_is_the_reason(settings):
    outcome = assess(
        [camp(date(2025, 7, 1), 5), *days(date(2025, 5, 1), date(2025, 5, 2), date(2025, 5, 3))]
    )
    # The fourth time (the camp's first day) comes before its fifth day.
    assert outcome.rule == DAYS_IN_WINDOW
    assert outcome.crossed_on == date(2025, 7, 1)
