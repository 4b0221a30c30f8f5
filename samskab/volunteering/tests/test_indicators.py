"""Volunteering's indicators: the approved hours and the different people behind them, per
local day, and the figures the results engine publishes from them."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samskab.results import services
from samskab.results.models import Observation
from samskab.volunteering import indicators
from samskab.volunteering.models import HoursEntry
from tests.factories.accounts import UserFactory
from tests.factories.history import approved_hours, local
from tests.factories.reference import town
from tests.factories.volunteering import HoursEntryFactory, OpportunityFactory

pytestmark = pytest.mark.django_db

UNTIL = local(date(2030, 1, 1))


def figure(slug, starts_on, *, period="month", dimension="", group=""):
    return Observation.objects.get(
        indicator__key=slug, period=period, starts_on=starts_on, dimension=dimension, group=group
    )


def test_approved_hours_count_on_their_day_and_each_volunteer_once():
    in_ribe = OpportunityFactory(town=town("ribe"))
    anna, bo = UserFactory.create_batch(2)
    approved_hours(anna, day=date(2025, 3, 1), hours="2.50", opportunity=in_ribe)
    approved_hours(anna, day=date(2025, 3, 31), hours="1.25", opportunity=in_ribe)
    approved_hours(bo, day=date(2025, 3, 15), hours="3.00")
    approved_hours(bo, day=date(2025, 2, 28), hours="4.00")
    # Not approved: not counted.
    HoursEntryFactory(
        volunteer=bo, date=date(2025, 3, 10), hours=Decimal(6), status=HoursEntry.Status.REJECTED
    )

    march = list(indicators.hours_facts(local(date(2025, 3, 1), 0), local(date(2025, 4, 1), 0)))

    assert sorted((fact.amount, fact.key, fact.town) for fact in march) == [
        (Decimal("1.25"), f"user:{anna.pk}", "ribe"),
        (Decimal("2.50"), f"user:{anna.pk}", "ribe"),
        (Decimal("3.00"), f"user:{bo.pk}", ""),
    ]
    # 1 March starts at local midnight, 23:00 UTC the day before.
    first = min(march, key=lambda fact: fact.at)
    assert (first.at.year, first.at.month, first.at.day) == (2025, 3, 1)
    assert first.at.utcoffset().total_seconds() == 3600

    services.compute_all(now=local(date(2025, 4, 10)))

    assert figure("volunteering-hours", date(2025, 3, 1)).value == Decimal("6.75")
    assert figure("volunteering-hours", date(2025, 2, 1)).value == Decimal("4.00")
    assert figure("volunteering-hours", date(2025, 1, 1), period="quarter").value == Decimal(
        "10.75"
    )
    assert figure(
        "volunteering-hours", date(2025, 3, 1), dimension="town", group="ribe"
    ).value == Decimal("3.75")
    volunteers = figure("volunteering-volunteers", date(2025, 3, 1))
    assert (volunteers.value, volunteers.suppressed) == (Decimal(2), True)


def test_hours_after_the_change_to_summer_time_fall_in_their_local_month():
    volunteer = UserFactory()
    approved_hours(volunteer, day=date(2025, 4, 1))
    approved_hours(volunteer, day=date(2025, 3, 31))

    april = list(indicators.hours_facts(local(date(2025, 4, 1), 0), local(date(2025, 5, 1), 0)))

    assert [fact.at.date() for fact in april] == [date(2025, 4, 1)]
    assert april[0].at.utcoffset().total_seconds() == 7200


def test_five_volunteers_are_published_and_four_are_not():
    people = UserFactory.create_batch(5)
    for person in people:
        approved_hours(person, day=date(2025, 3, 3))
    for person in people[:4]:
        approved_hours(person, day=date(2025, 2, 3))

    services.compute_all(now=local(date(2025, 4, 10)))

    assert figure("volunteering-volunteers", date(2025, 3, 1)).suppressed is False
    assert figure("volunteering-volunteers", date(2025, 2, 1)).suppressed is True
    # Whose hours a month's sum rests on decides as well: four people are too few.
    assert figure("volunteering-hours", date(2025, 2, 1)).suppressed is True


def _queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        list(indicators.hours_facts(None, UNTIL))
    return len(queries)


def test_the_facts_are_read_in_the_same_number_of_queries_whatever_their_number():
    opportunity = OpportunityFactory()
    approved_hours(UserFactory(), day=date(2025, 3, 3), opportunity=opportunity)
    few = _queries()
    for day in range(1, 20):
        approved_hours(UserFactory(), day=date(2025, 4, day), opportunity=opportunity)

    assert _queries() == few
    assert len(list(indicators.hours_facts(None, UNTIL))) == 20


def test_hours_a_volunteer_logs_count_at_once_and_leave_when_refused():
    volunteer = UserFactory()
    entry = HoursEntryFactory(volunteer=volunteer, date=date(2025, 3, 10), hours=Decimal(5))
    assert entry.status == HoursEntry.Status.PENDING

    services.compute_all(now=local(date(2025, 3, 20)))
    assert figure("volunteering-hours", date(2025, 3, 1)).value == Decimal(5)

    HoursEntry.objects.filter(pk=entry.pk).update(status=HoursEntry.Status.REJECTED)
    services.compute_all(now=local(date(2025, 3, 21)))
    assert figure("volunteering-hours", date(2025, 3, 1)).value == 0
