"""A focus area measured by two indicators computed from facts as the worker computes them:
volunteer hours (a sum, by town, age group and language) with a month, a town and an age
group too small to publish, and sign-ups (a count); and a manual indicator."""

import contextlib
import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from samskab.core.extensions import Fact
from samskab.results import services
from samskab.results.models import Indicator
from tests.factories import (
    AgeGroupFactory,
    FocusAreaFactory,
    IndicatorFactory,
    LanguageFactory,
    declared_indicator,
    only_indicators,
    record,
    town,
)

# The exact value of the month too small to publish: it must never be shown.
SECRET_HOURS = Decimal("4.37")
SECRET_TOWN_HOURS = Decimal("6.83")


@pytest.fixture
def declare_indicators():
    """``declare_indicators(*indicators)``: the only declared indicators for the test."""
    with contextlib.ExitStack() as stack:
        yield lambda *items: stack.enter_context(only_indicators(*items))


def month_start(today: datetime.date, back: int) -> datetime.date:
    index = today.year * 12 + today.month - 1 - back
    return datetime.date(index // 12, index % 12 + 1, 1)


def moment(day: datetime.date, hour=12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def hours_facts(today: datetime.date) -> tuple[list[Fact], datetime.date]:
    """Every month from January the year before last until last month: eight volunteers of
    Esbjerg with 2.5 hours each, nine in the year before last (so last year's sum fell),
    and a Sædding volunteer alone. One month (the one returned) has only three volunteers,
    of Ribe, instead."""
    facts = []
    secret_month = month_start(today, 14)
    for back in range(today.month - 1 + 24, 0, -1):
        start = month_start(today, back)
        day = start + datetime.timedelta(days=9)
        if start == secret_month:
            for person in range(3):
                facts.append(
                    Fact(moment(day), key=f"user:r{person}", amount=SECRET_HOURS / 3, town="ribe")
                )
            continue
        people = 9 if start.year == today.year - 2 else 8
        for person in range(people):
            facts.append(
                Fact(
                    moment(day),
                    key=f"user:{person}",
                    amount=Decimal("2.5"),
                    town="esbjerg",
                    age_group="seniors",
                    language="da",
                )
            )
        facts.append(
            Fact(
                moment(day),
                key="user:alone",
                amount=SECRET_TOWN_HOURS,
                town="saedding",
                age_group="",
                language="en",
            )
        )
    return facts, secret_month


@pytest.fixture
def measured(db, declare_indicators):
    """The focus area with its indicators computed now; the page data as a dict."""
    today = timezone.localdate()
    town("esbjerg"), town("ribe"), town("saedding")
    AgeGroupFactory(slug="seniors", name_da="Seniorer", name_en="Seniors")
    LanguageFactory(code="da", name_da="Dansk", name_en="Danish")
    facts, secret_month = hours_facts(today)
    hours = declared_indicator(
        "test-hours",
        facts,
        measure="sum",
        breakdowns=("town", "age_group", "language"),
        title="Volunteer hours",
        definition="Hours volunteers gave, as approved.",
        unit="hours",
    )
    signups = declared_indicator(
        "test-signups",
        [
            Fact(moment(month_start(today, back)), key=f"user:{back}-{person}")
            for back in range(1, 7)
            for person in range(6 + back)
        ],
        title="Sign-ups",
        unit="sign-ups",
    )
    declare_indicators(hours, signups)
    services.compute_all(now=timezone.now())
    area = FocusAreaFactory(slug="faellesskab", title_da="Fællesskab", title_en="Community")
    Indicator.objects.filter(key__in=["test-hours", "test-signups"]).update(focus_area=area)
    manual = IndicatorFactory(slug="tilfredshed", focus_area=area, chart_period="year")
    record(manual, "year", datetime.date(today.year - 2, 1, 1), 71.5, base=400)
    record(manual, "year", datetime.date(today.year - 1, 1, 1), 74, base=3)
    return {
        "area": area,
        "hours": Indicator.objects.get(key="test-hours"),
        "signups": Indicator.objects.get(key="test-signups"),
        "manual": manual,
        "secret_month": secret_month,
        "today": today,
    }
