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


def _listed(owners):
    """The owners as a page lists them: slots prefetched with their occupancy."""
    return list(
        ExampleSession.objects.filter(pk__in=[o.pk for o in owners])
        .order_by("pk")
        .prefetch_related(Prefetch("booking_slots", queryset=selectors.slots_with_occupancy()))
    )


def test_one_sign_up_state_selector_for_any_number_of_owners_in_one_query():
    """Activities and volunteering list their sessions and shifts with this selector: one
    query for the person's own bookings (waitlist positions included), whatever the count."""

    def states_for(count):
        owners = [ExampleSessionFactory() for _ in range(count)]
        user = UserFactory()
        for owner in owners:
            slot = make_slot(owner=owner, capacity=1)
            services.request_booking(slot=slot, user=UserFactory())
            services.request_booking(slot=slot, user=UserFactory())
            services.request_booking(slot=slot, user=user)  # second on the waiting list
        owners = _listed(owners)
        with CaptureQueriesContext(connection) as queries:
            states = selectors.owner_signup_states(owners=owners, user=user)
        return owners, states, len(queries)

    _owners, _states, one_count = states_for(1)
    owners, states, many_count = states_for(5)
    assert one_count == many_count == 1
    assert set(states) == {owner.pk for owner in owners}
    for owner in owners:
        state = states[owner.pk]
        assert state.slot.pk == owner.booking_slot.pk
        assert state.is_full
        assert state.waitlist_count == 2
        assert state.booking.status == Booking.Status.WAITLISTED
        assert state.waitlist_position == 2

    visitor = selectors.owner_signup_states(owners=owners, user=AnonymousUser())
    assert all(state.booking is None and state.is_full for state in visitor.values())


def test_the_sign_up_states_read_occupancy_once_for_slots_without_it():
    slots = [make_slot(capacity=2) for _ in range(3)]
    user = UserFactory()
    services.request_booking(slot=slots[0], user=user)
    with CaptureQueriesContext(connection) as queries:
        states = selectors.signup_states(slots=slots, user=user)
    assert len(queries) == 2
    assert [states[slot.pk].places_left for slot in slots] == [1, 2, 2]
    assert states[slots[0].pk].booking.status == Booking.Status.CONFIRMED
    assert states[slots[1].pk].booking is None
    assert selectors.signup_states(slots=[], user=user) == {}


def test_the_roster_says_when_attendance_opens():
    soon = make_slot(starts_in=timedelta(minutes=30))
    later = make_slot(starts_in=timedelta(days=2))
    assert selectors.slot_roster(slot=soon).attendance_is_open
    roster = selectors.slot_roster(slot=later)
    assert not roster.attendance_is_open
    assert roster.attendance_opens_at == later.starts_at - timedelta(hours=2)
    services.cancel_slot(slot=soon, reason="Sygdom", by=None)
    soon.refresh_from_db()
    assert not selectors.slot_roster(slot=soon).attendance_is_open
