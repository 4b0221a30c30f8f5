"""How a figure reads: periods and numbers in both languages, "fewer than 5" instead of a
small figure, and the headline that says what changed."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from samskab.results import formatting, selectors
from samskab.results.models import Observation
from tests.factories import IndicatorFactory, record

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("language", "month", "may", "quarter", "year"),
    [
        ("da", "jan. 2026", "maj 2026", "1. kvt. 2026", "2026"),
        ("en", "Jan 2026", "May 2026", "Q1 2026", "2026"),
    ],
)
def test_periods_read_in_the_active_language(language, month, may, quarter, year):
    with translation.override(language):
        assert formatting.period_label("month", datetime.date(2026, 1, 1)) == month
        assert formatting.period_label("month", datetime.date(2026, 5, 1)) == may
        assert formatting.period_label("quarter", datetime.date(2026, 1, 1)) == quarter
        assert formatting.period_label("year", datetime.date(2026, 1, 1)) == year


@pytest.mark.parametrize(
    ("language", "count", "hours", "share", "rate", "fewer"),
    [
        ("da", "1.234", "12,5", "42,5 %", "2,0", "færre end 5"),
        ("en", "1,234", "12.5", "42.5%", "2.0", "fewer than 5"),
    ],
)
def test_numbers_read_in_the_active_language(language, count, hours, share, rate, fewer):
    with translation.override(language):
        assert formatting.number(Decimal("1234.00"), "count") == count
        assert formatting.number(Decimal("12.50"), "sum") == hours
        assert formatting.number(Decimal("42.49"), "share") == share
        assert formatting.number(Decimal("2.00"), "per_1000") == rate
        assert formatting.fewer_than() == fewer


def test_the_small_count_follows_the_setting(settings):
    settings.RESULTS_SMALL_COUNT = 10
    with translation.override("en"):
        assert formatting.fewer_than() == "fewer than 10"
    assert formatting.fewer_than_short() == "<10"


def result_of(indicator, today=TODAY):
    return selectors.results_of([indicator], today=today)[0]


def test_a_figure_too_small_to_publish_carries_no_value():
    indicator = IndicatorFactory(title_en="Satisfied citizens")
    record(indicator, "year", datetime.date(2025, 1, 1), 3, base=3)

    latest = result_of(indicator).latest

    assert latest.suppressed
    assert latest.value is None
    with translation.override("en"):
        assert latest.text == "fewer than 5"


@pytest.mark.parametrize(
    ("values", "headline"),
    [
        ((500, 590), "Volunteer hours rose 18% from 2024 to 2025."),
        ((590, 500), "Volunteer hours fell 15% from 2024 to 2025."),
        ((500, 500), "Volunteer hours stayed the same from 2024 to 2025."),
        ((1000, 1004), "Volunteer hours rose 0.4% from 2024 to 2025."),
        ((0, 40), "Volunteer hours rose from 0 in 2024 to 40 in 2025."),
    ],
)
def test_the_headline_compares_the_last_two_complete_years(values, headline):
    indicator = IndicatorFactory(title_en="Volunteer hours")
    record(indicator, "year", datetime.date(2023, 1, 1), 100, base=50)
    for year, value in zip((2024, 2025), values, strict=True):
        record(indicator, "year", datetime.date(year, 1, 1), value, base=50)
    # The year under way is not compared.
    record(indicator, "year", datetime.date(2026, 1, 1), 9000, base=50)

    with translation.override("en"):
        assert result_of(indicator).headline == headline


def test_the_headline_in_danish():
    indicator = IndicatorFactory(title_da="Frivillige timer")
    record(indicator, "year", datetime.date(2024, 1, 1), 500, base=50)
    record(indicator, "year", datetime.date(2025, 1, 1), 590, base=50)

    with translation.override("da"):
        assert result_of(indicator).headline == "Frivillige timer steg 18 % fra 2024 til 2025."


def test_a_share_is_compared_by_both_figures_not_in_per_cent_of_itself(monkeypatch):
    indicator = IndicatorFactory(title_en="Satisfied citizens")
    monkeypatch.setattr(type(indicator), "measure", property(lambda self: "share"))
    record(indicator, "year", datetime.date(2024, 1, 1), 40, base=300)
    record(indicator, "year", datetime.date(2025, 1, 1), Decimal("45.5"), base=300)

    with translation.override("en"):
        headline = result_of(indicator).headline

    assert headline == "Satisfied citizens rose from 40% in 2024 to 45.5% in 2025."


def test_without_two_complete_years_quarters_are_compared_then_months():
    quarterly = IndicatorFactory(title_en="Visits", chart_period="quarter")
    record(quarterly, "year", datetime.date(2025, 1, 1), 900, base=50)
    record(quarterly, "quarter", datetime.date(2025, 7, 1), 200, base=50)
    record(quarterly, "quarter", datetime.date(2025, 10, 1), 300, base=50)
    record(quarterly, "quarter", datetime.date(2026, 1, 1), 10, base=50)  # not over yet
    monthly = IndicatorFactory(title_en="Visits")
    record(monthly, "month", datetime.date(2026, 1, 1), 40, base=50)
    record(monthly, "month", datetime.date(2026, 2, 1), 30, base=50)

    with translation.override("en"):
        assert result_of(quarterly).headline == "Visits rose 50% from Q3 2025 to Q4 2025."
        assert result_of(monthly).headline == "Visits fell 25% from Jan 2026 to Feb 2026."


def test_a_suppressed_figure_makes_the_headline_say_they_are_too_small():
    indicator = IndicatorFactory(title_en="Visits")
    record(indicator, "year", datetime.date(2024, 1, 1), 40, base=50)
    record(indicator, "year", datetime.date(2025, 1, 1), 3, base=3)

    with translation.override("en"):
        headline = result_of(indicator).headline

    assert headline == "Visits: the figures for 2024 and 2025 are too small to compare."
    assert "3" not in headline


def test_one_period_alone_has_no_headline():
    indicator = IndicatorFactory()
    record(indicator, "year", datetime.date(2025, 1, 1), 40, base=50)

    assert result_of(indicator).headline is None


def test_only_the_current_method_version_is_shown():
    indicator = IndicatorFactory()
    record(indicator, "year", datetime.date(2025, 1, 1), 40, base=50)
    Observation.objects.create(
        indicator=indicator,
        method_version=indicator.method_version + 1,
        period="year",
        starts_on=datetime.date(2024, 1, 1),
        value=Decimal(999),
    )

    result = result_of(indicator)

    assert [figure.value for figure in result.totals["year"]] == [Decimal(40)]


def test_the_chart_shows_the_chosen_period_or_the_one_that_has_figures():
    monthly = IndicatorFactory(chart_period="month")
    for month in range(1, 13):
        for year in (2024, 2025):
            record(monthly, "month", datetime.date(year, month, 1), month, base=50)
    for month in (1, 2, 3):
        record(monthly, "month", datetime.date(2026, month, 1), month, base=50)
    only_years = IndicatorFactory(chart_period="month")
    record(only_years, "year", datetime.date(2025, 1, 1), 40, base=50)

    series = result_of(monthly).series
    assert len(series) == 24
    assert series[0].starts_on == datetime.date(2024, 4, 1)
    assert series[-1].starts_on == datetime.date(2026, 3, 1)
    assert not series[-1].ended
    assert result_of(only_years).chart_period == "year"
