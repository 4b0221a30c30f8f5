"""Needs under real concurrency: threads with their own database connections, released at
the same moment by a barrier. Only meaningful on PostgreSQL (SQLite serialises every write),
so skipped elsewhere."""

from collections import Counter

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from samskab.booking.models import Booking
from samskab.needs import errors, services
from samskab.needs.models import Need, NeedAlert
from tests.concurrency import run_at_once
from tests.factories import make_need, make_volunteer

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


# The needs are in Ribe; volunteers in Esbjerg are outside the alert radius.
FAR_AWAY = ("esbjerg",)


def test_thirty_accept_three_places_at_once():
    need = make_need(people=3)
    # Far from Ribe: the need does not alert them by itself; the test gives each an alert.
    volunteers = [make_volunteer(email=f"v{n}@example.dk", towns=FAR_AWAY) for n in range(30)]
    alerts = [
        NeedAlert.objects.create(
            need=need,
            volunteer=volunteer,
            status=NeedAlert.Status.SENT,
            sent_at=timezone.now(),
            send_after=timezone.now(),
        )
        for volunteer in volunteers
    ]

    results = run_at_once(
        lambda alert: services.accept_by_token(need_id=need.pk, token=alert.token), alerts
    )

    accepted = [r for r in results if isinstance(r, services.AcceptResult)]
    told_filled = [r for r in results if isinstance(r, errors.NeedFilled)]
    assert len(accepted) == 3, Counter(type(r).__name__ for r in results)
    assert len(told_filled) == 27
    assert Booking.objects.filter(slot=need.booking_slot, status="confirmed").count() == 3
    assert Booking.objects.filter(slot=need.booking_slot).count() == 3
    need.refresh_from_db()
    assert need.status == Need.Status.FILLED
    # Those who got a place are recorded on their alerts; the 27 others were each told
    # once that it is filled (after commit of the third acceptance).
    assert NeedAlert.objects.filter(need=need, accepted_at__isnull=False).count() == 3
    notified = NeedAlert.objects.filter(need=need, filled_notice_sent_at__isnull=False)
    assert notified.count() == 27
    filled_subjects = [m for m in mail.outbox if m.subject.startswith("Tak – alle pladser")]
    assert len(filled_subjects) == 27
    assert len({m.to[0] for m in filled_subjects}) == 27


def test_two_workers_send_each_alert_exactly_once():
    need = make_need(people=10)
    volunteers = [make_volunteer(email=f"w{n}@example.dk", towns=FAR_AWAY) for n in range(40)]
    now = timezone.now()
    for volunteer in volunteers:
        NeedAlert.objects.create(need=need, volunteer=volunteer, send_after=now)
    mail.outbox.clear()

    sent = run_at_once(lambda _worker: services.send_due_alerts(), [1, 2])

    assert not any(isinstance(result, Exception) for result in sent), sent
    assert sum(sent) == 40
    recipients = [address for message in mail.outbox for address in message.to]
    assert sorted(recipients) == sorted(volunteer.email for volunteer in volunteers)
    assert NeedAlert.objects.filter(status=NeedAlert.Status.SENT).count() == 40


def test_two_needs_posted_at_once_keep_a_volunteers_weekly_limit():
    volunteer = make_volunteer(max_alerts=1)
    needs = [make_need(title_da=f"Behov {n}") for n in range(2)]

    run_at_once(lambda need: services.alert_volunteers(need=need), needs)

    alerts = NeedAlert.objects.filter(volunteer=volunteer)
    assert sorted(alerts.values_list("status", flat=True)) == ["sent", "skipped"]
