"""Activities' indicators: what each counts from known bookings and sessions, in which
local month, and the figures the results engine publishes from them."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samskab.activities import indicators
from samskab.booking.models import Booking
from samskab.results import services
from samskab.results.models import Observation
from tests.factories.accounts import UserFactory
from tests.factories.activities import ActivityFactory
from tests.factories.history import booked, local, past_session
from tests.factories.reference import AgeGroupFactory, town
from tests.factories.volunteering import make_shift

pytestmark = pytest.mark.django_db

STATUS = Booking.Status
ATTENDED = Booking.Attendance.ATTENDED
NO_SHOW = Booking.Attendance.NO_SHOW
EVERYTHING = (None, local(date(2030, 1, 1)))
APRIL_TENTH = local(date(2025, 4, 10))


def facts(function, since=None, until=None):
    return sorted(function(since, until or EVERYTHING[1]), key=lambda fact: (fact.at, fact.key))


def figure(slug, starts_on, *, period="month", dimension="", group=""):
    return Observation.objects.get(
        indicator__key=slug, period=period, starts_on=starts_on, dimension=dimension, group=group
    )


def month_of(fact) -> date:
    return fact.at.astimezone(local(date(2025, 1, 1)).tzinfo).date().replace(day=1)


def test_a_sign_up_counts_when_it_entered_the_slot_also_if_cancelled_later():
    seniors = AgeGroupFactory(slug="seniors")
    activity = ActivityFactory(town=town("ribe"), age_groups=[seniors])
    session = past_session(activity, local(date(2025, 3, 20)), capacity=1)
    anna, bo, carl = UserFactory.create_batch(3)
    # 00:30 on 1 March in Copenhagen is still 28 February in UTC.
    booked(session, user=anna, at=local(date(2025, 3, 1), 0, 30))
    booked(session, user=bo, status=STATUS.WAITLISTED, at=local(date(2025, 3, 2)))
    booked(session, user=carl, status=STATUS.CANCELLED, at=local(date(2025, 3, 3)))
    booked(session, guest_email="Ane@Example.dk", status=STATUS.WAITLISTED, language="en")
    # Never confirmed by email: no sign-up.
    booked(session, guest_email="ukendt@example.dk", status=STATUS.PENDING)
    booked(session, user=anna, status=STATUS.CANCELLED, at=local(date(2025, 2, 28), 23, 30))
    # A volunteer shift's booking is not an activity's.
    shift = make_shift()
    booked(shift, user=carl, at=local(date(2025, 3, 5)))

    found = facts(indicators.sign_up_facts)

    assert [(month_of(fact), fact.key) for fact in found] == [
        (date(2025, 2, 1), f"user:{anna.pk}"),
        (date(2025, 3, 1), f"user:{anna.pk}"),
        (date(2025, 3, 1), f"user:{bo.pk}"),
        (date(2025, 3, 1), f"user:{carl.pk}"),
        (date(2025, 3, 1), "guest:ane@example.dk"),
    ]
    assert {(fact.town, fact.age_group) for fact in found} == {("ribe", "seniors")}
    assert [fact.language for fact in found].count("en") == 1

    services.compute_all(now=APRIL_TENTH)

    march = figure("activities-sign-ups", date(2025, 3, 1))
    assert (march.value, march.base, march.suppressed) == (Decimal(4), 4, True)
    assert figure("activities-sign-ups", date(2025, 2, 1)).value == 1
    assert figure("activities-sign-ups", date(2025, 1, 1), period="quarter").value == 5
    assert figure(
        "activities-sign-ups", date(2025, 3, 1), dimension="language", group="en"
    ).value == Decimal(1)


def test_age_group_only_when_the_activity_names_exactly_one():
    both = ActivityFactory(
        age_groups=[AgeGroupFactory(slug="seniors"), AgeGroupFactory(slug="adults")]
    )
    booked(past_session(both, local(date(2025, 3, 20))), user=UserFactory())

    assert [fact.age_group for fact in facts(indicators.sign_up_facts)] == [""]


def test_attendance_counts_at_the_session_start_in_local_time_across_daylight_saving():
    activity = ActivityFactory(town=town("esbjerg"))
    people = UserFactory.create_batch(3)
    # Summer time: 00:30 on 1 April is 22:30 UTC on 31 March.
    april = past_session(activity, local(date(2025, 4, 1), 0, 30))
    # Winter time again: 00:30 on 1 November is 23:30 UTC on 31 October.
    november = past_session(activity, local(date(2025, 11, 1), 0, 30))
    october = past_session(activity, local(date(2025, 10, 31), 23, 0))
    for person in people:
        booked(april, user=person, attendance=ATTENDED)
    booked(november, user=people[0], attendance=ATTENDED)
    booked(november, user=people[1], attendance=NO_SHOW)
    booked(october, user=people[2], attendance=ATTENDED)

    found = facts(indicators.attendance_facts)

    assert [month_of(fact) for fact in found] == [
        date(2025, 4, 1),
        date(2025, 4, 1),
        date(2025, 4, 1),
        date(2025, 10, 1),
        date(2025, 11, 1),
    ]
    # The period's bounds are local midnights.
    assert (
        len(
            facts(
                indicators.attendance_facts, local(date(2025, 4, 1), 0), local(date(2025, 5, 1), 0)
            )
        )
        == 3
    )

    services.compute_all(now=local(date(2025, 11, 20)))

    assert figure("activities-attendance", date(2025, 4, 1)).value == 3
    assert figure("activities-attendance", date(2025, 10, 1)).value == 1
    assert figure("activities-attendance", date(2025, 11, 1)).value == 1
    assert figure("activities-attendance", date(2025, 5, 1)).value == 0
    assert figure("activities-attendance", date(2025, 1, 1), period="year").value == 5
    assert (
        figure("activities-attendance", date(2025, 4, 1), dimension="town", group="esbjerg").value
        == 3
    )


def test_participants_are_the_attended_or_where_nobody_recorded_attendance_the_confirmed():
    activity = ActivityFactory()
    people = UserFactory.create_batch(6)
    recorded = past_session(activity, local(date(2025, 3, 4)))
    booked(recorded, user=people[0], attendance=ATTENDED)
    booked(recorded, user=people[1], attendance=NO_SHOW)
    booked(recorded, user=people[2])  # confirmed, but the roster says who came
    not_recorded = past_session(activity, local(date(2025, 3, 11)))
    booked(not_recorded, user=people[0])
    booked(not_recorded, user=people[3])
    booked(not_recorded, user=people[4], status=STATUS.WAITLISTED)
    booked(not_recorded, user=people[5], status=STATUS.CANCELLED)
    cancelled = past_session(activity, local(date(2025, 3, 18)), cancelled=True)
    booked(cancelled, user=people[5])

    found = facts(indicators.participant_facts)

    assert sorted(fact.key for fact in found) == sorted(
        [f"user:{people[0].pk}", f"user:{people[0].pk}", f"user:{people[3].pk}"]
    )
    services.compute_all(now=APRIL_TENTH)
    assert figure("activities-participants", date(2025, 3, 1)).base == 2


def test_a_first_time_participant_is_counted_in_the_period_of_their_first_sign_up_only():
    activity = ActivityFactory()
    january = past_session(activity, local(date(2025, 1, 20)))
    march = past_session(activity, local(date(2025, 3, 20)))
    old_hand, newcomer = UserFactory.create_batch(2)
    booked(january, user=old_hand, at=local(date(2025, 1, 10)))
    booked(march, user=old_hand, at=local(date(2025, 3, 10)))
    booked(march, user=newcomer, at=local(date(2025, 3, 12)))
    booked(january, guest_email="Bo@Example.dk", at=local(date(2025, 1, 11)), language="en")
    booked(march, guest_email="bo@example.dk", at=local(date(2025, 3, 11)))
    # A visitor who never confirmed has not signed up yet.
    booked(march, guest_email="ny@example.dk", status=STATUS.PENDING, at=local(date(2025, 2, 1)))

    everything = facts(indicators.first_time_facts)
    march_only = facts(
        indicators.first_time_facts, local(date(2025, 3, 1), 0), local(date(2025, 4, 1), 0)
    )

    assert [(month_of(fact), fact.key) for fact in everything] == [
        (date(2025, 1, 1), f"user:{old_hand.pk}"),
        (date(2025, 1, 1), "guest:bo@example.dk"),
        (date(2025, 3, 1), f"user:{newcomer.pk}"),
    ]
    assert everything[1].language == "en"
    assert [fact.key for fact in march_only] == [f"user:{newcomer.pk}"]


def test_people_who_came_alone_are_those_who_attended_a_come_alone_activity():
    welcoming = ActivityFactory(come_alone_welcome=True)
    ordinary = ActivityFactory(come_alone_welcome=False)
    anna, bo = UserFactory.create_batch(2)
    for day in (3, 10):
        booked(past_session(welcoming, local(date(2025, 3, day))), user=anna, attendance=ATTENDED)
    booked(past_session(welcoming, local(date(2025, 3, 17))), user=bo, attendance=NO_SHOW)
    booked(past_session(ordinary, local(date(2025, 3, 17))), user=bo, attendance=ATTENDED)

    assert [fact.key for fact in facts(indicators.come_alone_facts)] == [f"user:{anna.pk}"] * 2

    services.compute_all(now=APRIL_TENTH)
    march = figure("activities-came-alone", date(2025, 3, 1))
    assert (march.value, march.suppressed) == (Decimal(1), True)


def test_activities_per_1000_residents_count_each_activity_once_per_town_and_period():
    ribe, esbjerg = town("ribe"), town("esbjerg")
    ribe.residents, esbjerg.residents = 8_000, 72_000
    ribe.save()
    esbjerg.save()
    weekly = ActivityFactory(town=ribe)
    for day in (4, 11, 18):
        past_session(weekly, local(date(2025, 3, day)))
    past_session(ActivityFactory(town=ribe), local(date(2025, 3, 5)))
    past_session(ActivityFactory(town=esbjerg), local(date(2025, 3, 6)))
    past_session(ActivityFactory(town=esbjerg), local(date(2025, 3, 7)), cancelled=True)

    assert len(facts(indicators.activities_in_town_facts)) == 5

    services.compute_all(now=APRIL_TENTH)

    ribe_march = figure("activities-per-1000", date(2025, 3, 1), dimension="town", group="ribe")
    assert (ribe_march.value, ribe_march.base) == (Decimal("0.25"), 2)
    esbjerg_march = figure(
        "activities-per-1000", date(2025, 3, 1), dimension="town", group="esbjerg"
    )
    assert esbjerg_march.value == Decimal("0.01")
    total = figure("activities-per-1000", date(2025, 3, 1))
    # Three activities per 80,000 residents.
    assert (total.value, total.base, total.suppressed) == (Decimal("0.04"), 3, True)


def test_attendance_of_five_different_people_is_published_and_of_four_is_not():
    activity = ActivityFactory()
    people = UserFactory.create_batch(5)
    march = past_session(activity, local(date(2025, 3, 4)))
    february = past_session(activity, local(date(2025, 2, 4)))
    for person in people:
        booked(march, user=person, attendance=ATTENDED)
    for person in people[:4]:
        booked(february, user=person, attendance=ATTENDED)

    services.compute_all(now=APRIL_TENTH)

    shown = figure("activities-participants", date(2025, 3, 1))
    hidden = figure("activities-participants", date(2025, 2, 1))
    assert (shown.value, shown.suppressed) == (Decimal(5), False)
    assert (hidden.value, hidden.suppressed) == (Decimal(4), True)


def _queries(function) -> int:
    with CaptureQueriesContext(connection) as queries:
        list(function(None, EVERYTHING[1]))
    return len(queries)


def _month_of_activity(month: int):
    seniors = AgeGroupFactory(slug="seniors")
    activity = ActivityFactory(come_alone_welcome=True, age_groups=[seniors])
    for day in (3, 10):
        session = past_session(activity, local(date(2025, month, day)))
        for person in UserFactory.create_batch(3):
            booked(session, user=person, attendance=ATTENDED)
        booked(session, guest_email=f"gaest{month}{day}@example.dk")


@pytest.mark.parametrize("function", [indicator.facts for indicator in indicators.INDICATORS])
def test_the_facts_are_read_in_the_same_number_of_queries_whatever_their_number(function):
    _month_of_activity(2)
    few = _queries(function)
    for month in (3, 4, 5):
        _month_of_activity(month)

    assert _queries(function) == few
    assert len(list(function(None, EVERYTHING[1]))) > 0


def test_every_indicator_is_declared_with_a_unique_slug_of_the_app():
    slugs = [indicator.slug for indicator in indicators.INDICATORS]
    assert len(set(slugs)) == len(slugs)
    assert all(slug.startswith("activities-") for slug in slugs)
    assert isinstance(EVERYTHING[1], datetime)
