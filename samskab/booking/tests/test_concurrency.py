"""The engine never overbooks, whatever the concurrency: real threads, each with its own
database connection, released at the same moment by a barrier. Only meaningful on
PostgreSQL (SQLite serialises every write), so skipped elsewhere."""

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from samskab.booking import selectors, services
from samskab.booking.models import Booking
from tests.factories import UserFactory, make_slot

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

STATUS = Booking.Status


def run_at_once(function, arguments):
    """Call ``function(argument)`` in one thread per argument, all starting together.
    Returns the results in the order of ``arguments``; re-raises the first error."""
    barrier = threading.Barrier(len(arguments))
    results = [None] * len(arguments)
    failures = []

    def work(index, argument):
        try:
            barrier.wait(timeout=30)
            results[index] = function(argument)
        except Exception as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=work, args=(index, argument))
        for index, argument in enumerate(arguments)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    if failures:
        raise failures[0]
    return results


def statuses_in_arrival_order(slot):
    return list(
        Booking.objects.filter(slot=slot).order_by("sequence").values_list("status", flat=True)
    )


def test_fifty_simultaneous_sign_ups_for_ten_places():
    slot = make_slot(capacity=10)
    users = UserFactory.create_batch(50)

    results = run_at_once(lambda user: services.request_booking(slot=slot, user=user), users)

    confirmed = [r for r in results if r.status == STATUS.CONFIRMED]
    waitlisted = [r for r in results if r.status == STATUS.WAITLISTED]
    assert len(confirmed) == 10
    assert len(waitlisted) == 40
    # Arrival order is the order in which each transaction got the slot's lock, recorded
    # as the sequence: 1..50 without gaps or duplicates, the first ten confirmed.
    assert sorted(r.sequence for r in results) == list(range(1, 51))
    assert sorted(r.sequence for r in confirmed) == list(range(1, 11))
    # Each person was told their true position at the moment they arrived.
    assert all(r.waitlist_position == r.sequence - 10 for r in waitlisted)

    roster = selectors.slot_roster(slot=slot)
    assert len(roster.confirmed) == 10
    assert [b.sequence for b in roster.waitlisted] == list(range(11, 51))
    assert [b.position for b in roster.waitlisted] == list(range(1, 41))
    by_user = {r.booking.user_id: r.sequence for r in waitlisted}
    assert [by_user[b.user_id] for b in roster.waitlisted] == list(range(11, 51))
    slot.refresh_from_db()
    assert slot.arrivals == 50
    assert selectors.places_left(slot) == 0

    subjects = Counter(message.subject.split(":")[0] for message in mail.outbox)
    assert subjects == {"Du har en plads": 10, "Du står på ventelisten": 40}


def test_simultaneous_cancellations_offer_exactly_the_first_people_waiting():
    slot = make_slot(capacity=10)
    results = [services.request_booking(slot=slot, user=UserFactory()) for _ in range(30)]
    confirmed = [r.booking for r in results[:10]]
    mail.outbox.clear()

    run_at_once(lambda booking: services.cancel_booking(token=booking.token), confirmed[:5])

    assert statuses_in_arrival_order(slot) == (
        ["cancelled"] * 5 + ["confirmed"] * 5 + ["offered"] * 5 + ["waitlisted"] * 15
    )
    assert selectors.places_left(slot) == 0
    offered_to = sorted(message.to[0] for message in mail.outbox)
    assert offered_to == sorted(r.booking.user.email for r in results[10:15])


def test_cancellations_racing_new_sign_ups_never_overbook_or_jump_the_queue():
    slot = make_slot(capacity=10, auto_confirm_waitlist=True)
    results = [services.request_booking(slot=slot, user=UserFactory()) for _ in range(15)]
    newcomers = UserFactory.create_batch(20)
    cancellations = [("cancel", r.booking) for r in results[:5]]
    sign_ups = [("sign_up", user) for user in newcomers]

    def act(task):
        kind, subject = task
        if kind == "cancel":
            return services.cancel_booking(booking=subject)
        return services.request_booking(slot=slot, user=subject)

    run_at_once(act, cancellations + sign_ups)

    holders = Booking.objects.filter(slot=slot, status__in=Booking.PLACE_HOLDING_STATUSES)
    assert holders.count() == 10
    # The five who were waiting got the freed places; no newcomer overtook them.
    promoted = {r.booking.pk for r in results[10:15]}
    assert set(holders.values_list("pk", flat=True)) == promoted | {
        r.booking.pk for r in results[5:10]
    }
    waiting = Booking.objects.filter(slot=slot, status=STATUS.WAITLISTED).order_by("sequence")
    assert {b.user_id for b in waiting} == {user.pk for user in newcomers}
    assert [b.sequence for b in waiting] == sorted(b.sequence for b in waiting)
    assert len({b.sequence for b in Booking.objects.filter(slot=slot)}) == 35


def test_two_workers_expiring_offers_pass_each_place_on_once():
    slot = make_slot(capacity=3)
    results = [services.request_booking(slot=slot, user=UserFactory()) for _ in range(9)]
    for result in results[:3]:
        services.cancel_booking(booking=result.booking)
    later = timezone.now() + timedelta(hours=13)
    mail.outbox.clear()

    expired = run_at_once(lambda now: services.expire_offers(now=now), [later, later])

    assert sum(expired) == 3
    assert statuses_in_arrival_order(slot) == (
        ["cancelled"] * 3 + ["expired"] * 3 + ["offered"] * 3
    )
    assert len(mail.outbox) == 6  # three "offer expired", three new offers


def test_two_workers_send_each_reminder_exactly_once():
    slots = [make_slot(capacity=None, starts_in=timedelta(days=3)) for _ in range(2)]
    bookings = [
        services.request_booking(slot=slot, user=UserFactory()).booking
        for slot in slots
        for _ in range(10)
    ]
    Booking.objects.update(confirmed_at=timezone.now() - timedelta(days=1))
    mail.outbox.clear()
    due = slots[0].starts_at - timedelta(hours=1)

    sent = run_at_once(lambda now: services.send_due_reminders(now=now), [due, due, due])

    assert sum(sent) == 20
    recipients = Counter(message.to[0] for message in mail.outbox)
    assert recipients == Counter(b.user.email for b in bookings)
    assert set(recipients.values()) == {1}
    assert not Booking.objects.filter(reminder_sent_at__isnull=True).exists()
