"""Saying yes: the first N get it, everyone after is told it is filled, the need closes
itself and reopens when someone cancels; accepting twice is harmless; links are for one
volunteer and one need only."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from samskab.booking import services as booking_services
from samskab.booking.models import Booking
from samskab.needs import errors, services
from samskab.needs.models import Need, NeedAlert
from tests.factories import make_need, make_volunteer

pytestmark = pytest.mark.django_db

STATUS = Need.Status


def emails_to(user):
    return [message for message in mail.outbox if user.email in message.to]


def test_the_first_to_accept_get_it_and_the_need_fills_itself(run_on_commit):
    need = make_need(people=2)
    first, second, late = (make_volunteer(email=f"v{n}@example.dk") for n in range(3))

    with run_on_commit():
        one = services.accept_need(need=need, user=first)
    with run_on_commit():
        two = services.accept_need(need=need, user=second)

    assert one.created and two.created
    assert one.booking.status == two.booking.status == Booking.Status.CONFIRMED
    need.refresh_from_db()
    assert need.status == STATUS.FILLED
    assert two.need.status == STATUS.FILLED

    with pytest.raises(errors.NeedFilled) as raised:
        services.accept_need(need=need, user=late)
    assert raised.value.level == "info"
    assert not Booking.objects.filter(user=late).exists()
    # The engine's confirmation, with its one-click cancel link, went to each of the two.
    assert "https://samskab.example/tilmelding/afmeld/" in emails_to(first)[0].body
    assert len(emails_to(second)) == 1


def test_accepting_twice_is_harmless(run_on_commit):
    need = make_need(people=2)
    volunteer = make_volunteer()
    with run_on_commit():
        first = services.accept_need(need=need, user=volunteer)
    with run_on_commit():
        again = services.accept_need(need=need, user=volunteer)
    assert again.created is False
    assert again.booking.pk == first.booking.pk
    assert Booking.objects.filter(user=volunteer).count() == 1
    assert len(emails_to(volunteer)) == 1


def test_someone_with_a_place_accepting_a_filled_need_again_keeps_it():
    need = make_need(people=1)
    volunteer = make_volunteer()
    services.accept_need(need=need, user=volunteer)
    assert services.accept_need(need=need, user=volunteer).created is False


def test_the_volunteers_alerted_in_vain_are_thanked_once_it_is_filled(run_on_commit):
    alerted = [make_volunteer(email=f"alerted{n}@example.dk") for n in range(3)]
    with run_on_commit():
        need = make_need(people=1)
    assert need.alerts.filter(status=NeedAlert.Status.SENT).count() == 3
    mail.outbox.clear()

    with run_on_commit():
        services.accept_by_token(need_id=need.pk, token=need.alerts.get(volunteer=alerted[0]).token)

    # The one who got the place has the engine's confirmation, not "it is filled".
    (confirmation,) = emails_to(alerted[0])
    assert "alle pladser er besat" not in confirmation.subject
    for volunteer in alerted[1:]:
        (notice,) = emails_to(volunteer)
        assert "2 til at bære stole på Ribe Bibliotek" in notice.subject
        assert notice.subject.startswith("Tak – alle pladser er besat")
    # Told once, even if the notices are run again (the background task does).
    assert services.send_filled_notices(need=need) == 0
    assert services.run_tasks().filled_notices_sent == 0
    accepted = need.alerts.get(volunteer=alerted[0])
    assert accepted.accepted_at is not None
    assert accepted.filled_notice_sent_at is None


def test_a_cancellation_reopens_a_filled_need_and_alerts_more_volunteers(run_on_commit):
    need = make_need(people=1)
    holder = make_volunteer(email="holder@example.dk", towns=("esbjerg",))
    booking = services.accept_need(need=need, user=holder).booking
    need.refresh_from_db()
    assert need.status == STATUS.FILLED
    newcomer = make_volunteer(email="newcomer@example.dk")
    mail.outbox.clear()

    with run_on_commit():
        booking_services.cancel_booking(token=booking.token)

    need.refresh_from_db()
    assert need.status == STATUS.OPEN
    assert [m.to for m in mail.outbox] == [[newcomer.email]]
    assert services.accept_need(need=need, user=newcomer).booking.status == "confirmed"
    need.refresh_from_db()
    assert need.status == STATUS.FILLED


def test_more_places_reopen_a_filled_need():
    need = make_need(people=1)
    services.accept_need(need=need, user=make_volunteer())
    booking_services.change_capacity(slot=need.booking_slot, capacity=2)
    need.refresh_from_db()
    assert need.status == STATUS.OPEN


def test_a_link_works_only_for_the_need_it_was_sent_about():
    volunteer = make_volunteer()
    need, other = make_need(), make_need(title_da="Et andet behov")
    alert = NeedAlert.objects.create(need=need, volunteer=volunteer, send_after=timezone.now())

    with pytest.raises(errors.InvalidAlertLink):
        services.accept_by_token(need_id=other.pk, token=alert.token)
    with pytest.raises(errors.InvalidAlertLink):
        services.accept_by_token(need_id=need.pk, token="not-a-token")
    assert not Booking.objects.filter(user=volunteer).exists()

    result = services.accept_by_token(need_id=need.pk, token=alert.token)
    assert result.booking.user == volunteer
    alert.refresh_from_db()
    assert alert.accepted_at is not None


def test_a_need_that_has_started_or_closed_takes_nobody():
    need = make_need()
    Need.objects.filter(pk=need.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    with pytest.raises(errors.NeedClosed):
        services.accept_need(need=need, user=make_volunteer())

    closed = make_need()
    services.close_need(need=closed, by=closed.posted_by)
    with pytest.raises(errors.NeedClosed):
        services.accept_need(need=closed, user=make_volunteer())


def test_a_cancelled_need_takes_nobody_and_tells_those_who_accepted(run_on_commit):
    need = make_need(people=3)
    volunteer = make_volunteer()
    services.accept_need(need=need, user=volunteer)
    queued = NeedAlert.objects.create(
        need=need, volunteer=make_volunteer(email="queued@example.dk"), send_after=timezone.now()
    )
    mail.outbox.clear()

    with run_on_commit():
        services.cancel_need(need=need, by=need.posted_by, reason="Koncerten er aflyst.")

    need.refresh_from_db()
    assert need.status == STATUS.CANCELLED
    (message,) = emails_to(volunteer)
    assert "Koncerten er aflyst." in message.body
    queued.refresh_from_db()
    assert queued.status == NeedAlert.Status.SKIPPED
    with pytest.raises(errors.NeedCancelled):
        services.accept_need(need=need, user=make_volunteer(email="late@example.dk"))
    # Twice is harmless.
    services.cancel_need(need=need, by=need.posted_by, reason="Igen.")


def test_cancelling_needs_a_reason():
    need = make_need()
    with pytest.raises(errors.NeedError) as raised:
        services.cancel_need(need=need, by=need.posted_by, reason="  ")
    assert raised.value.field == "reason"


def test_cancelling_the_slot_in_the_engine_cancels_the_need():
    need = make_need()
    booking_services.cancel_slot(slot=need.booking_slot, reason="Aflyst.", by=None)
    need.refresh_from_db()
    assert need.status == STATUS.CANCELLED
    assert need.cancellation_reason == "Aflyst."


def test_closing_keeps_the_places_taken():
    need = make_need(people=3)
    volunteer = make_volunteer()
    booking = services.accept_need(need=need, user=volunteer).booking
    services.close_need(need=need, by=need.posted_by)
    services.close_need(need=need, by=need.posted_by)
    need.refresh_from_db()
    booking.refresh_from_db()
    assert need.status == STATUS.CLOSED
    assert booking.status == Booking.Status.CONFIRMED


def test_only_the_organisation_closes_or_cancels_a_need():
    need = make_need()
    stranger = make_volunteer()
    with pytest.raises(errors.NotAllowed):
        services.close_need(need=need, by=stranger)
    with pytest.raises(errors.NotAllowed):
        services.cancel_need(need=need, by=stranger, reason="Nej.")


def test_needs_whose_time_has_come_are_closed_by_the_background_task():
    past, coming = make_need(), make_need()
    alert = NeedAlert.objects.create(
        need=past, volunteer=make_volunteer(), send_after=timezone.now() + timedelta(hours=1)
    )
    Need.objects.filter(pk=past.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    assert services.run_tasks().closed == 1
    past.refresh_from_db()
    coming.refresh_from_db()
    alert.refresh_from_db()
    assert past.status == STATUS.CLOSED
    assert coming.status == STATUS.OPEN
    assert alert.status == NeedAlert.Status.SKIPPED


def test_the_engine_reminds_those_who_accepted(run_on_commit):
    need = make_need(starts_at=timezone.now() + timedelta(hours=30))
    volunteer = make_volunteer()
    services.accept_need(need=need, user=volunteer)
    mail.outbox.clear()
    assert booking_services.send_due_reminders(now=timezone.now() + timedelta(hours=7)) == 1
    (reminder,) = emails_to(volunteer)
    assert "2 til at bære stole på Ribe Bibliotek" in reminder.subject
    assert "Ribe Bibliotek, Sct. Nicolaj Gade 14, 6760 Ribe" in reminder.body
