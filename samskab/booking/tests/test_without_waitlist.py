"""Slots that keep no waiting list (``waitlist_enabled`` off): the first people to come get
the places, and everyone after is told it is full. Slots keep their waitlist by default."""

import threading
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse
from django.utils import translation

from samskab.booking import errors, selectors, services
from samskab.booking.models import Booking
from tests.factories import UserFactory, make_slot

pytestmark = pytest.mark.django_db

STATUS = Booking.Status


def test_slots_keep_a_waitlist_unless_told_otherwise():
    assert make_slot(capacity=1).waitlist_enabled is True
    assert make_slot(capacity=1, waitlist_enabled=False).waitlist_enabled is False


def test_a_full_slot_without_waitlist_refuses_newcomers_and_records_nothing():
    slot = make_slot(capacity=2, waitlist_enabled=False)
    first, second = (services.request_booking(slot=slot, user=UserFactory()) for _ in range(2))
    assert [first.status, second.status] == [STATUS.CONFIRMED, STATUS.CONFIRMED]

    late = UserFactory()
    with pytest.raises(errors.SlotFull) as raised:
        services.request_booking(slot=slot, user=late)
    assert raised.value.level == "info"
    assert not Booking.objects.filter(slot=slot, user=late).exists()
    slot.refresh_from_db()
    assert slot.arrivals == 2
    assert selectors.waitlist_count(slot) == 0


def test_someone_holding_a_place_asking_again_keeps_it_when_full():
    slot = make_slot(capacity=1, waitlist_enabled=False)
    user = UserFactory()
    first = services.request_booking(slot=slot, user=user)
    again = services.request_booking(slot=slot, user=user)
    assert again.created is False
    assert again.booking.pk == first.booking.pk
    assert again.status == STATUS.CONFIRMED


def test_a_freed_place_goes_to_whoever_comes_next_without_offers(
    django_capture_on_commit_callbacks,
):
    slot = make_slot(capacity=1, waitlist_enabled=False)
    holder = services.request_booking(slot=slot, user=UserFactory()).booking
    with pytest.raises(errors.SlotFull):
        services.request_booking(slot=slot, user=UserFactory())

    services.cancel_booking(booking=holder)
    assert not Booking.objects.filter(slot=slot, status=STATUS.OFFERED).exists()
    next_comer = services.request_booking(slot=slot, user=UserFactory())
    assert next_comer.status == STATUS.CONFIRMED
    assert next_comer.sequence == 2


def test_a_visitor_confirming_when_full_is_told_and_stays_unconfirmed():
    slot = make_slot(capacity=1, waitlist_enabled=False)
    pending = services.request_booking(slot=slot, name="Grethe", email="grethe@example.org")
    services.request_booking(slot=slot, user=UserFactory())

    with pytest.raises(errors.SlotFull):
        services.confirm_guest_booking(token=pending.booking.token)
    pending.booking.refresh_from_db()
    assert pending.booking.status == STATUS.PENDING
    assert pending.booking.sequence is None


def test_a_slot_with_a_waitlist_still_waitlists():
    slot = make_slot(capacity=1)
    services.request_booking(slot=slot, user=UserFactory())
    assert services.request_booking(slot=slot, user=UserFactory()).status == STATUS.WAITLISTED


@pytest.mark.parametrize(
    ("language", "expected"),
    [("da", "Desværre er alle pladser taget"), ("en", "Sorry, every place has been taken")],
)
def test_the_sign_up_form_says_it_is_full_in_the_page_language(client, language, expected):
    slot = make_slot(capacity=1, waitlist_enabled=False, starts_in=timedelta(days=2))
    services.request_booking(slot=slot, user=UserFactory())
    client.force_login(UserFactory())
    with translation.override(language):
        sign_up_url = reverse("booking:sign_up", args=[slot.pk])
    response = client.post(sign_up_url, {"next": sign_up_url})
    assert response.status_code == 302
    assert any(expected in str(message) for message in get_messages(response.wsgi_request))
    assert selectors.waitlist_count(slot) == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_many_at_once_fill_the_places_and_the_rest_are_told_it_is_full():
    slot = make_slot(capacity=3, waitlist_enabled=False)
    users = UserFactory.create_batch(20)
    barrier = threading.Barrier(len(users))
    outcomes = []
    lock = threading.Lock()

    def work(user):
        try:
            barrier.wait(timeout=30)
            try:
                result = services.request_booking(slot=slot, user=user).status
            except errors.SlotFull:
                result = "full"
            with lock:
                outcomes.append(result)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(outcomes).count(STATUS.CONFIRMED) == 3
    assert outcomes.count("full") == 17
    assert Booking.objects.filter(slot=slot).count() == 3
