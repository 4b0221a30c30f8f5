"""Needs' indicators: needs that got all their people within the days the results allow,
and the organisations active on the platform."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from samskab.booking.models import Booking
from samskab.needs import indicators
from samskab.needs.models import Need
from samskab.results import services
from samskab.results.models import Observation
from tests.factories.accounts import UserFactory
from tests.factories.activities import ActivityFactory
from tests.factories.history import booked, local, moved, past_session
from tests.factories.needs import make_need
from tests.factories.organisations import OrganisationFactory
from tests.factories.reference import town
from tests.factories.volunteering import OpportunityFactory, make_shift

pytestmark = pytest.mark.django_db

UNTIL = local(date(2030, 1, 1))
MARCH = date(2025, 3, 1)


def figure(slug, starts_on, *, period="month", dimension="", group=""):
    return Observation.objects.get(
        indicator__key=slug, period=period, starts_on=starts_on, dimension=dimension, group=group
    )


def need(*, posted: date, starts: date, people: int, organisation=None, **fields):
    made = make_need(people=people, organisation=organisation, **fields)
    return moved(made, local(starts, 10), posted_at=local(posted, 9))


def accepted(need_, day: date, *, cancelled: date | None = None):
    return booked(
        need_,
        user=UserFactory(),
        at=local(day, 12),
        status=Booking.Status.CANCELLED if cancelled else Booking.Status.CONFIRMED,
        cancelled_at=local(cancelled, 12) if cancelled else None,
    )


def _confirmed_then_cancelled(need_, day: date, cancelled: date):
    booking = accepted(need_, day, cancelled=cancelled)
    Booking.objects.filter(pk=booking.pk).update(confirmed_at=local(day, 12))


@pytest.fixture
def march_needs():
    quick = need(posted=date(2025, 3, 1), starts=date(2025, 3, 20), people=2)
    accepted(quick, date(2025, 3, 2))
    accepted(quick, date(2025, 3, 5))
    slow = need(posted=date(2025, 3, 1), starts=date(2025, 3, 20), people=2)
    accepted(slow, date(2025, 3, 2))
    accepted(slow, date(2025, 3, 12))
    short_notice = need(
        posted=date(2025, 3, 10), starts=date(2025, 3, 12), people=1, town_slug="esbjerg"
    )
    accepted(short_notice, date(2025, 3, 11))
    # Two accepted, but one had cancelled before the other came: never both at once.
    never_both = need(posted=date(2025, 3, 1), starts=date(2025, 3, 25), people=2)
    _confirmed_then_cancelled(never_both, date(2025, 3, 2), date(2025, 3, 3))
    accepted(never_both, date(2025, 3, 4))
    cancelled = need(posted=date(2025, 3, 1), starts=date(2025, 3, 21), people=1)
    Need.objects.filter(pk=cancelled.pk).update(status=Need.Status.CANCELLED)
    april = need(posted=date(2025, 3, 30), starts=date(2025, 4, 2), people=1)
    accepted(april, date(2025, 3, 31))
    return quick, slow, short_notice, never_both


def test_a_need_is_covered_when_all_its_places_were_held_within_the_days(march_needs):
    quick, slow, short_notice, never_both = march_needs

    march = list(indicators.covered_facts(local(MARCH, 0), local(date(2025, 4, 1), 0)))

    assert sorted((fact.key, fact.hit) for fact in march) == sorted(
        [
            (f"need:{quick.pk}", True),
            (f"need:{slow.pk}", False),
            (f"need:{short_notice.pk}", True),
            (f"need:{never_both.pk}", False),
        ]
    )
    assert {fact.town for fact in march} == {"ribe", "esbjerg"}

    services.compute_all(now=local(date(2025, 4, 20)))

    share = figure("needs-covered-in-time", MARCH)
    assert (share.value, share.base, share.suppressed) == (Decimal("50.00"), 4, True)
    assert figure("needs-covered-in-time", date(2025, 4, 1)).value == Decimal("100.00")
    assert figure(
        "needs-covered-in-time", MARCH, dimension="town", group="esbjerg"
    ).value == Decimal("100.00")


def test_the_days_a_need_has_come_from_the_setting(march_needs, settings):
    settings.RESULTS_NEEDS_COVERED_DAYS = 14
    _quick, slow, _short_notice, _never_both = march_needs

    march = list(indicators.covered_facts(local(MARCH, 0), local(date(2025, 4, 1), 0)))

    assert [fact.hit for fact in march if fact.key == f"need:{slow.pk}"] == [True]
    with translation.override("en"):
        assert "within 14 days of being posted" in str(indicators.INDICATORS[0].definition)


def test_active_organisations_are_counted_once_for_sessions_shifts_and_needs():
    with_everything, with_a_shift, with_a_need, only_cancelled = OrganisationFactory.create_batch(4)
    activity = ActivityFactory(organisation=with_everything, town=town("esbjerg"))
    past_session(activity, local(date(2025, 3, 3)))
    past_session(activity, local(date(2025, 3, 10)))
    moved(
        make_shift(opportunity=OpportunityFactory(organisation=with_everything)),
        local(date(2025, 3, 4)),
    )
    moved(
        make_shift(opportunity=OpportunityFactory(organisation=with_a_shift)),
        local(date(2025, 3, 31), 23, 30),
    )
    need(organisation=with_a_need, posted=date(2025, 2, 20), starts=date(2025, 3, 1), people=1)
    past_session(
        ActivityFactory(organisation=only_cancelled), local(date(2025, 3, 5)), cancelled=True
    )

    march = list(indicators.active_organisation_facts(local(MARCH, 0), local(date(2025, 4, 1), 0)))

    assert {fact.key for fact in march} == {
        f"organisation:{organisation.pk}"
        for organisation in (with_everything, with_a_shift, with_a_need)
    }
    services.compute_all(now=local(date(2025, 4, 20)))
    assert figure("needs-active-organisations", MARCH).value == 3
    assert figure("needs-active-organisations", MARCH, dimension="town", group="esbjerg").value == 1


def _queries(function) -> int:
    with CaptureQueriesContext(connection) as queries:
        list(function(None, UNTIL))
    return len(queries)


@pytest.mark.parametrize("function", [indicator.facts for indicator in indicators.INDICATORS])
def test_the_facts_are_read_in_the_same_number_of_queries_whatever_their_number(function):
    organisation = OrganisationFactory()

    def a_week(start: date):
        covered = need(
            organisation=organisation, posted=start, starts=start + timedelta(3), people=2
        )
        accepted(covered, start)
        accepted(covered, start)
        past_session(ActivityFactory(organisation=organisation), local(start))
        moved(make_shift(opportunity=OpportunityFactory(organisation=organisation)), local(start))

    a_week(date(2025, 3, 3))
    few = _queries(function)
    for day in (10, 17, 24):
        a_week(date(2025, 3, day))

    assert _queries(function) == few
    assert len(list(function(None, UNTIL))) >= 4
