from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from samskab.booking import services
from samskab.booking.models import Booking
from tests.factories import UserFactory, make_slot

pytestmark = pytest.mark.django_db

BOOKING_TASKS = [
    "--only=booking.expire_offers",
    "--only=booking.expire_unconfirmed_sign_ups",
    "--only=booking.send_reminders",
]


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

    call_command("run_tasks", *BOOKING_TASKS, stdout=out)

    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Booking.Status.EXPIRED
    assert third.status == Booking.Status.OFFERED
    assert "booking.send_reminders: 1" in out.getvalue()
    assert any(
        m.subject.startswith("Påmindelse") and m.to == [booking.user.email] for m in mail.outbox
    )
    call_command("run_tasks", *BOOKING_TASKS, stdout=StringIO())
    assert sum(m.subject.startswith("Påmindelse") for m in mail.outbox) == 1
