import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from samskab.booking import services
from samskab.booking.management.commands import run_booking_tasks
from samskab.booking.models import Booking
from samskab.booking.tests.factories import UserFactory, make_slot

pytestmark = pytest.mark.django_db


def test_one_round_sends_reminders_and_expires_offers():
    slot = make_slot(capacity=1, starts_in=timedelta(hours=6))
    first, second, third = (
        services.request_booking(slot=slot, user=UserFactory()).booking for _ in range(3)
    )
    Booking.objects.filter(pk=first.pk).update(confirmed_at=timezone.now() - timedelta(days=2))
    reminded = make_slot(starts_in=timedelta(hours=5))
    booking = services.request_booking(slot=reminded, user=UserFactory()).booking
    Booking.objects.filter(pk=booking.pk).update(confirmed_at=timezone.now() - timedelta(days=2))
    services.cancel_booking(booking=first)
    Booking.objects.filter(pk=second.pk).update(
        offer_expires_at=timezone.now() - timedelta(seconds=1)
    )
    mail.outbox.clear()
    out = StringIO()

    call_command("run_booking_tasks", stdout=out)

    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Booking.Status.EXPIRED
    assert third.status == Booking.Status.OFFERED
    assert "reminders sent: 1" in out.getvalue()
    assert any(
        m.subject.startswith("Påmindelse") and m.to == [booking.user.email] for m in mail.outbox
    )
    call_command("run_booking_tasks", stdout=StringIO())
    assert sum(m.subject.startswith("Påmindelse") for m in mail.outbox) == 1


def test_the_loop_keeps_going_after_a_failed_round_and_stops_when_asked(monkeypatch):
    rounds = []

    def run_once(self):
        rounds.append(1)
        if len(rounds) == 1:
            raise RuntimeError("database restarting")

    class StopAfterThreeRounds(threading.Event):
        def wait(self, timeout=None):
            return len(rounds) >= 3

    monkeypatch.setattr(run_booking_tasks.Command, "run_once", run_once)
    monkeypatch.setattr(run_booking_tasks.threading, "Event", StopAfterThreeRounds)
    monkeypatch.setattr(run_booking_tasks.signal, "signal", lambda *args: None)
    # The test's own connection is inside a transaction and must stay open.
    monkeypatch.setattr(run_booking_tasks, "close_old_connections", lambda: None)
    call_command("run_booking_tasks", "--loop", "--interval", "1", stdout=StringIO())
    assert len(rounds) == 3


def test_once_a_failing_round_is_an_error(monkeypatch):
    def run_once(self):
        raise RuntimeError("database down")

    monkeypatch.setattr(run_booking_tasks.Command, "run_once", run_once)
    with pytest.raises(RuntimeError):
        call_command("run_booking_tasks", stdout=StringIO())
