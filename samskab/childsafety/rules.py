"""The børneattest rule as plain functions of dates, so its boundaries are easy to test.

A volunteer's engagement with one organisation's tasks involving children under 15 is a
list of *occasions*: each counted shift, from its start to its end in local time. The rule
is crossed when there are

- more than ``max_occasions`` occasions (counted by distinct start day: two shifts on one
  day are one occasion) within ``window_months`` months, or
- more than ``max_consecutive_days`` days in a row covered by occasions (a camp from
  Monday to Friday is one occasion covering five days).

Until then one-off help is never held up.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from samskab.childsafety import conf

DAYS_IN_WINDOW = "days_in_window"
CONSECUTIVE_DAYS = "consecutive_days"


@dataclass(frozen=True)
class Occasion:
    first_day: date
    last_day: date

    def days(self) -> Iterable[date]:
        day = self.first_day
        while day <= self.last_day:
            yield day
            day += timedelta(days=1)


@dataclass(frozen=True)
class RuleOutcome:
    crossed: bool
    rule: str = ""
    # The day the engagement crossed the rule (the occasion or day that was one too many).
    crossed_on: date | None = None
    # The days that made it cross: the occasions in the window, or the run of days.
    days: tuple[date, ...] = ()


NOT_CROSSED = RuleOutcome(crossed=False)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _days_in_window(start_days: list[date], *, limit: int, months: int) -> RuleOutcome:
    for index in range(len(start_days) - limit):
        first, last = start_days[index], start_days[index + limit]
        if last < add_months(first, months):
            window = tuple(start_days[index : index + limit + 1])
            return RuleOutcome(True, DAYS_IN_WINDOW, crossed_on=last, days=window)
    return NOT_CROSSED


def _consecutive_days(covered: list[date], *, limit: int) -> RuleOutcome:
    run: list[date] = []
    for day in covered:
        if run and day - run[-1] == timedelta(days=1):
            run.append(day)
        else:
            run = [day]
        if len(run) > limit:
            return RuleOutcome(True, CONSECUTIVE_DAYS, crossed_on=day, days=tuple(run))
    return NOT_CROSSED


def assess(
    occasions: Iterable[Occasion],
    *,
    max_occasions: int | None = None,
    window_months: int | None = None,
    max_consecutive_days: int | None = None,
) -> RuleOutcome:
    """Whether these occasions cross the rule (limits default to the settings), and if so
    which part of it crossed first."""
    occasions = list(occasions)
    if not occasions:
        return NOT_CROSSED
    max_occasions = conf.max_days_in_window() if max_occasions is None else max_occasions
    window_months = conf.window_months() if window_months is None else window_months
    if max_consecutive_days is None:
        max_consecutive_days = conf.max_consecutive_days()
    start_days = sorted({occasion.first_day for occasion in occasions})
    covered = sorted({day for occasion in occasions for day in occasion.days()})
    outcomes = [
        outcome
        for outcome in (
            _days_in_window(start_days, limit=max_occasions, months=window_months),
            _consecutive_days(covered, limit=max_consecutive_days),
        )
        if outcome.crossed
    ]
    if not outcomes:
        return NOT_CROSSED
    return min(outcomes, key=lambda outcome: outcome.crossed_on)
