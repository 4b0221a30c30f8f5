from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Prefetch
from django.test.utils import CaptureQueriesContext

from samskab.booking import selectors, services
from samskab.booking.models import Booking
from tests.booking_owner.models import ExampleSession
from tests.factories import ExampleSessionFactory, UserFactory, make_slot

pytestmark = pytest.mark.django_db


def test_places_left_counts_confirmed_and_open_offers_but_not_visitors_pending():
    slot = make_slot(capacity=3)
    first = services.request_booking(slot=slot, user=UserFactory()).booking
    services.request_booking(slot=slot, user=UserFactory())
    services.request_booking(slot=slot, name="Bo", email="bo@example.org")
    assert selectors.places_left(slot) == 1
    slot = services.change_capacity(slot=slot, capacity=2)
    services.request_booking(slot=slot, user=UserFactory())  # waitlisted
    services.cancel_booking(booking=first)  # the waiting person is offered the place
    assert selectors.places_left(slot) == 0
    annotated = selectors.slots_with_occupancy().get(pk=slot.pk)
    assert (annotated.holding_count, annotated.confirmed_count, annotated.waitlist_count) == (
        2,
        1,
        0,
    )


def test_waitlist_position_follows_arrival_order():
    slot = make_slot(capacity=1)
    results = [services.request_booking(slot=slot, user=UserFactory()) for _ in range(4)]
    assert [selectors.waitlist_position(r.booking) for r in results] == [None, 1, 2, 3]
    services.cancel_booking(booking=results[2].booking)
    results[3].booking.refresh_from_db()
    assert selectors.waitlist_position(results[3].booking) == 2


def test_bookings_for_user_splits_upcoming_and_past():
    user = UserFactory()
    soon = make_slot(starts_in=timedelta(days=1))
    later = make_slot(starts_in=timedelta(days=5))
    cancelled_by_organiser = make_slot(starts_in=timedelta(days=2))
    cancelled_by_me = make_slot(starts_in=timedelta(days=3))
    past = make_slot(starts_in=timedelta(days=-2))
    for slot in (later, soon, cancelled_by_organiser, cancelled_by_me):
        services.request_booking(slot=slot, user=user)
    services.cancel_slot(slot=cancelled_by_organiser, reason="", by=None)
    services.cancel_booking(booking=Booking.objects.get(slot=cancelled_by_me))
    attended = Booking.objects.create(
        slot=past, user=user, status=Booking.Status.CONFIRMED, sequence=1
    )
    services.request_booking(slot=soon, user=UserFactory())

    upcoming = selectors.bookings_for_user(user=user)
    assert [b.slot for b in upcoming] == [soon, cancelled_by_organiser, later]
    assert [b.pk for b in selectors.bookings_for_user(user=user, upcoming=False)] == [attended.pk]


def test_bookings_for_user_loads_slots_and_owners_in_a_fixed_number_of_queries():
    user = UserFactory()

    def describe_all():
        with CaptureQueriesContext(connection) as queries:
            for booking in selectors.bookings_for_user(user=user):
                booking.slot.owner.booking_organiser()
                selectors.waitlist_position(booking)
        return len(queries)

    coordinator = UserFactory()
    slot = make_slot(capacity=1, owner=ExampleSessionFactory(coordinator=coordinator))
    services.request_booking(slot=slot, user=UserFactory())
    services.request_booking(slot=slot, user=user)
    one = describe_all()
    for _ in range(9):
        owner = ExampleSessionFactory(coordinator=UserFactory())
        services.request_booking(slot=make_slot(owner=owner), user=user)
    assert describe_all() == one == 2


def test_the_roster_is_one_query_and_in_order():
    slot = make_slot(capacity=2)
    results = [services.request_booking(slot=slot, user=UserFactory()) for _ in range(5)]
    services.cancel_booking(booking=results[0].booking)
    services.request_booking(slot=slot, name="Bo", email="bo@example.org")
    slot.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        roster = selectors.slot_roster(slot=slot)
        names = [b.display_name for b in roster.confirmed + roster.offered + roster.waitlisted]
    assert len(queries) == 1
    assert names == [r.booking.user.display_name for r in results[1:]]
    assert [b.position for b in roster.waitlisted] == [1, 2]
    assert len(roster.pending) == 1
    assert roster.places_left == 0
    assert roster.holding_count == 2


def test_signup_state_for_a_visitor_and_for_a_user():
    slot = make_slot(capacity=1)
    user = UserFactory()
    services.request_booking(slot=slot, user=UserFactory())
    waiting = services.request_booking(slot=slot, user=user).booking

    visitor_state = selectors.signup_state(slot=slot, user=AnonymousUser())
    assert visitor_state.is_full
    assert visitor_state.booking is None
    assert visitor_state.waitlist_count == 1

    state = selectors.signup_state(slot=slot, user=user)
    assert state.booking == waiting
    assert state.waitlist_position == 1
    assert state.accepts_bookings


def test_owners_list_places_left_with_one_extra_query():
    sessions = []
    for capacity in (1, 2, 3):
        owner = ExampleSessionFactory()
        make_slot(owner=owner, capacity=capacity)
        sessions.append(owner)
    services.request_booking(slot=sessions[1].booking_slot, user=UserFactory())
    with CaptureQueriesContext(connection) as queries:
        listed = list(
            ExampleSession.objects.order_by("pk").prefetch_related(
                Prefetch("booking_slots", queryset=selectors.slots_with_occupancy())
            )
        )
        places = [selectors.places_left(owner.booking_slot) for owner in listed]
    assert places == [1, 1, 3]
    assert len(queries) == 2
