from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.core import mail
from django.utils import timezone

from samskab.booking import errors, selectors, services
from samskab.booking.models import Booking
from tests.factories import ExampleSessionFactory, UserFactory, make_slot

pytestmark = pytest.mark.django_db

STATUS = Booking.Status


def sign_up_users(slot, count):
    return [services.request_booking(slot=slot, user=UserFactory()) for _ in range(count)]


def refresh(*bookings):
    for booking in bookings:
        booking.refresh_from_db()


# --- slots ------------------------------------------------------------------------------------


def test_an_owner_gets_one_slot():
    owner = ExampleSessionFactory()
    slot = make_slot(owner=owner, capacity=4)
    assert slot.owner == owner
    assert owner.booking_slot == slot
    with pytest.raises(ValueError):
        make_slot(owner=owner)


@pytest.mark.parametrize("capacity", [0, -1])
def test_a_slot_needs_at_least_one_place(capacity):
    with pytest.raises(errors.InvalidCapacity):
        make_slot(capacity=capacity)


# --- signing up as a user ---------------------------------------------------------------------


def test_a_user_gets_a_place_while_places_are_free_then_the_waitlist_in_order():
    slot = make_slot(capacity=2)
    results = sign_up_users(slot, 4)
    assert [r.status for r in results] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert [r.sequence for r in results] == [1, 2, 3, 4]
    assert [r.waitlist_position for r in results] == [None, None, 1, 2]
    assert all(r.created for r in results)
    slot.refresh_from_db()
    assert slot.arrivals == 4
    assert selectors.places_left(slot) == 0


def test_signing_up_twice_returns_the_same_booking(run_on_commit):
    slot = make_slot(capacity=1)
    user = UserFactory()
    with run_on_commit():
        first = services.request_booking(slot=slot, user=user)
        second = services.request_booking(slot=slot, user=user)
    assert second.booking.pk == first.booking.pk
    assert not second.created
    assert Booking.objects.filter(slot=slot).count() == 1
    assert len(mail.outbox) == 1


def test_a_slot_without_a_limit_confirms_everyone():
    slot = make_slot(capacity=None)
    assert {r.status for r in sign_up_users(slot, 5)} == {"confirmed"}
    assert selectors.places_left(slot) is None


def test_sign_up_is_refused_for_a_cancelled_or_started_slot():
    cancelled = make_slot()
    services.cancel_slot(slot=cancelled, reason="Illness", by=None)
    with pytest.raises(errors.SlotCancelled):
        services.request_booking(slot=cancelled, user=UserFactory())
    started = make_slot(starts_in=timedelta(minutes=-5))
    with pytest.raises(errors.BookingClosed):
        services.request_booking(slot=started, user=UserFactory())


def test_a_newcomer_never_overtakes_someone_with_an_open_offer():
    slot = make_slot(capacity=1)
    first, waiting = sign_up_users(slot, 2)
    services.cancel_booking(booking=first.booking)
    refresh(waiting.booking)
    assert waiting.booking.status == STATUS.OFFERED
    newcomer = services.request_booking(slot=slot, user=UserFactory())
    assert newcomer.status == STATUS.WAITLISTED
    assert newcomer.waitlist_position == 1


# --- visitors ---------------------------------------------------------------------------------


def test_a_visitor_is_pending_until_confirming_by_the_emailed_link(run_on_commit):
    slot = make_slot(capacity=1)
    with run_on_commit():
        result = services.request_booking(
            slot=slot, name="Grethe Hansen", email=" Grethe@Example.ORG ", language="da"
        )
    booking = result.booking
    assert booking.status == STATUS.PENDING
    assert booking.guest_email == "grethe@example.org"
    assert booking.sequence is None
    assert selectors.places_left(slot) == 1, "an unconfirmed visitor holds no place"
    assert len(mail.outbox) == 1
    assert f"/tilmelding/bekraeft/{booking.token}/" in mail.outbox[0].body

    with run_on_commit():
        confirmed = services.confirm_guest_booking(token=booking.token)
    assert confirmed.status == STATUS.CONFIRMED
    assert confirmed.sequence == 1
    assert "You have a place" not in mail.outbox[1].subject  # Danish, the visitor's language
    assert "Du har en plads" in mail.outbox[1].subject


def test_a_visitor_signing_up_twice_gets_the_email_again_not_a_second_booking(run_on_commit):
    slot = make_slot()
    with run_on_commit():
        first = services.request_booking(slot=slot, name="Ali", email="ali@example.org")
        again = services.request_booking(slot=slot, name="Ali K.", email="ALI@example.org")
    assert again.booking.pk == first.booking.pk
    assert not again.created
    assert again.booking.guest_name == "Ali K."
    assert len(mail.outbox) == 2
    assert all(first.booking.token in message.body for message in mail.outbox)


def test_a_visitor_needs_name_and_email():
    slot = make_slot()
    with pytest.raises(errors.GuestDetailsRequired):
        services.request_booking(slot=slot, name="", email="a@example.org")
    with pytest.raises(errors.GuestDetailsRequired):
        services.request_booking(slot=slot, name="A", email="  ")


def test_a_confirmation_link_used_twice_explains_itself():
    slot = make_slot()
    booking = services.request_booking(slot=slot, name="Bo", email="bo@example.org").booking
    services.confirm_guest_booking(token=booking.token)
    with pytest.raises(errors.AlreadyConfirmed) as raised:
        services.confirm_guest_booking(token=booking.token)
    assert raised.value.booking.status == STATUS.CONFIRMED
    assert "allerede bekræftet" in str(raised.value.message)


def test_an_old_confirmation_link_has_expired(settings):
    settings.BOOKING_GUEST_CONFIRMATION_HOURS = 1
    slot = make_slot()
    booking = services.request_booking(slot=slot, name="Bo", email="bo@example.org").booking
    Booking.objects.filter(pk=booking.pk).update(
        confirmation_sent_at=timezone.now() - timedelta(hours=2)
    )
    with pytest.raises(errors.ConfirmationExpired):
        services.confirm_guest_booking(token=booking.token)
    assert services.expire_unconfirmed_guest_bookings() == 1
    booking.refresh_from_db()
    assert booking.status == STATUS.EXPIRED
    with pytest.raises(errors.ConfirmationExpired):
        services.confirm_guest_booking(token=booking.token)
    # Signing up again starts afresh.
    again = services.request_booking(slot=slot, name="Bo", email="bo@example.org")
    assert again.created


def test_an_unknown_token_is_refused():
    for service in (
        services.confirm_guest_booking,
        services.accept_offer,
        services.decline_offer,
    ):
        with pytest.raises(errors.InvalidToken):
            service(token="not-a-token")
    with pytest.raises(errors.InvalidToken):
        services.cancel_booking(token="x" * 500)


def test_a_visitor_confirming_when_full_goes_on_the_waitlist():
    slot = make_slot(capacity=1)
    guest = services.request_booking(slot=slot, name="Bo", email="bo@example.org").booking
    sign_up_users(slot, 1)
    result = services.confirm_guest_booking(token=guest.token)
    assert result.status == STATUS.WAITLISTED
    assert result.waitlist_position == 1
    assert result.sequence == 2


def test_confirming_for_a_cancelled_slot_explains_itself():
    slot = make_slot()
    guest = services.request_booking(slot=slot, name="Bo", email="bo@example.org").booking
    services.cancel_slot(slot=slot, reason="Storm", by=None)
    with pytest.raises(errors.SlotCancelled):
        services.confirm_guest_booking(token=guest.token)


# --- cancelling and the waitlist --------------------------------------------------------------


def test_cancelling_twice_is_harmless():
    slot = make_slot(capacity=1)
    first, waiting = sign_up_users(slot, 2)
    services.cancel_booking(booking=first.booking)
    again = services.cancel_booking(token=first.booking.token)
    assert again.status == STATUS.CANCELLED
    refresh(waiting.booking)
    assert waiting.booking.status == STATUS.OFFERED
    assert Booking.objects.filter(slot=slot, status=STATUS.OFFERED).count() == 1


def test_a_freed_place_is_offered_to_the_first_waiting_with_a_deadline(run_on_commit, settings):
    settings.BOOKING_OFFER_HOURS = 6
    slot = make_slot(capacity=1, starts_in=timedelta(days=2))
    first, second, third = sign_up_users(slot, 3)
    before = timezone.now()
    with run_on_commit():
        services.cancel_booking(token=first.booking.token)
    refresh(second.booking, third.booking)
    assert second.booking.status == STATUS.OFFERED
    assert third.booking.status == STATUS.WAITLISTED
    assert selectors.waitlist_position(third.booking) == 1
    expires = second.booking.offer_expires_at
    assert before + timedelta(hours=6) <= expires <= timezone.now() + timedelta(hours=6)
    offer_mail = mail.outbox[-1]
    assert offer_mail.to == [second.booking.user.email]
    assert f"/tilmelding/tilbud/{second.booking.token}/" in offer_mail.body
    assert selectors.places_left(slot) == 0, "an open offer holds the place"


def test_an_offer_never_outlasts_the_start():
    slot = make_slot(capacity=1, starts_in=timedelta(hours=2))
    first, second = sign_up_users(slot, 2)
    services.cancel_booking(booking=first.booking)
    refresh(second.booking)
    assert second.booking.offer_expires_at == slot.starts_at


def test_cancelling_a_waitlisted_booking_moves_the_others_up():
    slot = make_slot(capacity=1)
    _first, second, third = sign_up_users(slot, 3)
    services.cancel_booking(booking=second.booking)
    refresh(third.booking)
    assert selectors.waitlist_position(third.booking) == 1
    assert not Booking.objects.filter(status=STATUS.OFFERED).exists()


def test_a_confirmed_place_cannot_be_cancelled_once_started():
    slot = make_slot(capacity=1, starts_in=timedelta(minutes=10))
    first, waiting = sign_up_users(slot, 2)
    type(slot).objects.filter(pk=slot.pk).update(starts_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(errors.BookingClosed):
        services.cancel_booking(booking=first.booking)
    # Leaving the waiting list is still possible.
    assert services.cancel_booking(booking=waiting.booking).status == STATUS.CANCELLED


def test_accepting_an_offer_gives_the_place_and_twice_is_harmless(run_on_commit):
    slot = make_slot(capacity=1)
    first, second = sign_up_users(slot, 2)
    services.cancel_booking(booking=first.booking)
    with run_on_commit():
        accepted = services.accept_offer(token=second.booking.token)
        again = services.accept_offer(token=second.booking.token)
    assert accepted.status == again.status == STATUS.CONFIRMED
    assert len(mail.outbox) == 1
    with pytest.raises(errors.OfferNotOpen):
        services.decline_offer(token=second.booking.token)


def test_declining_an_offer_passes_the_place_on_and_twice_is_harmless():
    slot = make_slot(capacity=1)
    first, second, third = sign_up_users(slot, 3)
    services.cancel_booking(booking=first.booking)
    assert services.decline_offer(token=second.booking.token).status == STATUS.DECLINED
    assert services.decline_offer(token=second.booking.token).status == STATUS.DECLINED
    refresh(third.booking)
    assert third.booking.status == STATUS.OFFERED
    with pytest.raises(errors.OfferDeclined):
        services.accept_offer(token=second.booking.token)


def test_an_offer_not_accepted_in_time_expires_and_goes_to_the_next(run_on_commit):
    slot = make_slot(capacity=1)
    first, second, third = sign_up_users(slot, 3)
    services.cancel_booking(booking=first.booking)
    refresh(second.booking)
    assert services.expire_offers(now=timezone.now()) == 0
    later = second.booking.offer_expires_at + timedelta(seconds=1)
    with run_on_commit():
        assert services.expire_offers(now=later) == 1
    refresh(second.booking, third.booking)
    assert second.booking.status == STATUS.EXPIRED
    assert third.booking.status == STATUS.OFFERED
    assert third.booking.offer_expires_at > later
    assert [m.to[0] for m in mail.outbox] == [
        second.booking.user.email,
        third.booking.user.email,
    ]
    with pytest.raises(errors.OfferExpired):
        services.accept_offer(token=second.booking.token)
    # When nobody is left waiting, the place is simply free again.
    assert services.expire_offers(now=third.booking.offer_expires_at) == 1
    assert selectors.places_left(slot) == 1


def test_accepting_too_late_passes_the_place_on_even_before_the_worker_runs():
    slot = make_slot(capacity=1)
    first, second, third = sign_up_users(slot, 3)
    services.cancel_booking(booking=first.booking)
    Booking.objects.filter(pk=second.booking.pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(errors.OfferExpired):
        services.accept_offer(token=second.booking.token)
    refresh(second.booking, third.booking)
    assert second.booking.status == STATUS.EXPIRED
    assert third.booking.status == STATUS.OFFERED


def test_auto_confirm_gives_the_place_directly_and_tells_by_email(run_on_commit):
    slot = make_slot(capacity=1, auto_confirm_waitlist=True)
    first, second = sign_up_users(slot, 2)
    with run_on_commit():
        services.cancel_booking(booking=first.booking)
    refresh(second.booking)
    assert second.booking.status == STATUS.CONFIRMED
    assert len(mail.outbox) == 1
    assert "du har nu en plads" in mail.outbox[0].subject.lower()


# --- capacity and cancelling the slot ---------------------------------------------------------


def test_raising_capacity_offers_the_new_places_in_order():
    slot = make_slot(capacity=1)
    results = sign_up_users(slot, 4)
    services.change_capacity(slot=slot, capacity=3)
    statuses = list(
        Booking.objects.filter(slot=slot).order_by("sequence").values_list("status", flat=True)
    )
    assert statuses == ["confirmed", "offered", "offered", "waitlisted"]
    refresh(results[3].booking)
    assert selectors.waitlist_position(results[3].booking) == 1


def test_removing_the_limit_offers_everyone_waiting():
    slot = make_slot(capacity=1, auto_confirm_waitlist=True)
    sign_up_users(slot, 3)
    services.change_capacity(slot=slot, capacity=None)
    assert set(Booking.objects.filter(slot=slot).values_list("status", flat=True)) == {"confirmed"}


def test_capacity_below_the_people_holding_a_place_is_refused():
    slot = make_slot(capacity=3)
    sign_up_users(slot, 3)
    with pytest.raises(errors.CapacityTooLow) as raised:
        services.change_capacity(slot=slot, capacity=2)
    assert "3 personer har allerede en plads" in str(raised.value.message)
    slot.refresh_from_db()
    assert slot.capacity == 3
    with pytest.raises(errors.InvalidCapacity):
        services.change_capacity(slot=slot, capacity=0)
    services.change_capacity(slot=slot, capacity=3)


def test_cancelling_a_slot_cancels_and_tells_everyone(run_on_commit):
    slot = make_slot(capacity=1)
    organiser = UserFactory()
    first, second, third = sign_up_users(slot, 3)
    services.cancel_booking(booking=first.booking)  # second is offered, third waits
    guest = services.request_booking(slot=slot, name="Bo", email="bo@example.org").booking
    with run_on_commit():
        services.cancel_slot(slot=slot, reason="The hall is flooded.", by=organiser)
        services.cancel_slot(slot=slot, reason="Twice", by=organiser)
    slot.refresh_from_db()
    assert slot.is_cancelled
    assert slot.cancellation_reason == "The hall is flooded."
    assert slot.cancelled_by == organiser
    assert not Booking.objects.filter(slot=slot, status__in=Booking.ACTIVE_STATUSES).exists()
    recipients = sorted(m.to[0] for m in mail.outbox)
    expected = [second.booking.user.email, third.booking.user.email, guest.guest_email]
    assert recipients == sorted(expected)
    assert all("The hall is flooded." in m.body for m in mail.outbox)
    assert all("/afmeld/" not in m.body for m in mail.outbox), "nothing left to cancel"


def test_rescheduling_tells_everyone_and_resends_reminders(run_on_commit):
    slot = make_slot(capacity=1, starts_in=timedelta(hours=5))
    first, second = sign_up_users(slot, 2)
    Booking.objects.filter(slot=slot).update(reminder_sent_at=timezone.now())
    new_start = timezone.now() + timedelta(days=5)
    with run_on_commit():
        services.reschedule_slot(
            slot=slot, starts_at=new_start, ends_at=new_start + timedelta(hours=1)
        )
    refresh(first.booking, second.booking)
    assert first.booking.reminder_sent_at is None
    assert len(mail.outbox) == 2
    assert all(m.subject.startswith("Nyt tidspunkt") for m in mail.outbox)


# --- attendance -------------------------------------------------------------------------------


def test_attendance_is_recorded_from_shortly_before_the_start():
    coordinator = UserFactory()
    slot = make_slot(capacity=1, starts_in=timedelta(hours=1))
    confirmed, waiting = sign_up_users(slot, 2)
    booking = services.mark_attendance(booking=confirmed.booking, attended=True, by=coordinator)
    assert booking.attendance == Booking.Attendance.ATTENDED
    assert booking.attendance_marked_by == coordinator
    assert booking.attendance_marked_at is not None
    booking = services.mark_attendance(booking=booking, attended=False, by=coordinator)
    assert booking.attendance == Booking.Attendance.NO_SHOW
    booking = services.mark_attendance(booking=booking, attended=None, by=coordinator)
    assert booking.attendance == Booking.Attendance.UNKNOWN
    assert booking.attendance_marked_by is None
    with pytest.raises(errors.AttendanceNotAllowed):
        services.mark_attendance(booking=waiting.booking, attended=True, by=coordinator)


def test_attendance_cannot_be_recorded_days_ahead():
    slot = make_slot(starts_in=timedelta(days=2))
    booking = services.request_booking(slot=slot, user=UserFactory()).booking
    with pytest.raises(errors.AttendanceNotAllowed):
        services.mark_attendance(booking=booking, attended=True, by=None)


# --- reminders --------------------------------------------------------------------------------


def test_a_reminder_goes_out_once_inside_the_window(run_on_commit):
    soon = make_slot(starts_in=timedelta(days=3))
    with run_on_commit():
        booking = services.request_booking(slot=soon, user=UserFactory()).booking
    mail.outbox.clear()
    now = timezone.now()
    assert services.send_due_reminders(now=now) == 0, "three days ahead is too early"
    inside = soon.starts_at - timedelta(hours=23)
    assert services.send_due_reminders(now=inside) == 1
    assert services.send_due_reminders(now=inside + timedelta(minutes=1)) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [booking.user.email]
    assert message.subject.startswith("Påmindelse")
    assert f"https://samskab.example/tilmelding/afmeld/{booking.token}/" in message.body
    booking.refresh_from_db()
    assert booking.reminder_sent_at == inside


def test_reminders_respect_a_slot_override_and_skip_cancelled_and_waiting():
    early = make_slot(
        capacity=1, starts_in=timedelta(days=3), reminder_before=timedelta(days=2, hours=22)
    )
    sign_up_users(early, 2)  # one confirmed, one waiting
    usual = make_slot(starts_in=timedelta(days=3))
    sign_up_users(usual, 1)
    cancelled = make_slot(starts_in=timedelta(hours=5))
    sign_up_users(cancelled, 1)
    services.cancel_slot(slot=cancelled, reason="", by=None)
    Booking.objects.update(confirmed_at=timezone.now() - timedelta(days=7))
    assert services.send_due_reminders(now=timezone.now() + timedelta(hours=3)) == 1


def test_no_reminder_for_someone_who_signed_up_after_the_reminder_time():
    slot = make_slot(starts_in=timedelta(hours=3))
    services.request_booking(slot=slot, user=UserFactory())
    assert services.send_due_reminders() == 0


def test_a_failed_reminder_is_retried_later(monkeypatch):
    slot = make_slot(starts_in=timedelta(days=3))
    booking = services.request_booking(slot=slot, user=UserFactory()).booking
    inside = slot.starts_at - timedelta(hours=1)

    def broken(kind, booking_id):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(services.emails, "send_booking_email", broken)
    assert services.send_due_reminders(now=inside) == 0
    booking.refresh_from_db()
    assert booking.reminder_sent_at is None
    monkeypatch.undo()
    assert services.send_due_reminders(now=inside) == 1


# --- visitors who create an account -----------------------------------------------------------


def test_claiming_attaches_confirmed_visitor_bookings_with_a_verified_email():
    slot, other_slot, third_slot = make_slot(), make_slot(), make_slot()
    confirmed = services.request_booking(slot=slot, name="Bo", email="bo@example.org").booking
    services.confirm_guest_booking(token=confirmed.token)
    pending = services.request_booking(slot=other_slot, name="Bo", email="bo@example.org").booking
    someone_else = services.request_booking(
        slot=third_slot, name="Al", email="al@example.org"
    ).booking
    services.confirm_guest_booking(token=someone_else.token)

    user = UserFactory(email="bo@example.org", verified_email=False)
    assert services.claim_guest_bookings(user=user) == 0, "the email is not verified yet"
    EmailAddress.objects.create(user=user, email="bo@example.org", verified=True, primary=True)
    assert services.claim_guest_bookings(user=user) == 1
    refresh(confirmed, pending, someone_else)
    assert confirmed.user == user
    assert pending.user is None
    assert someone_else.user is None
    assert [b.pk for b in selectors.bookings_for_user(user=user)] == [confirmed.pk]


def test_claiming_keeps_the_better_of_two_bookings_on_the_same_slot():
    slot = make_slot(capacity=1)
    guest = services.request_booking(slot=slot, name="Bo", email="bo@example.org").booking
    services.confirm_guest_booking(token=guest.token)
    user = UserFactory(email="bo@example.org")
    own = services.request_booking(slot=slot, user=user).booking
    assert own.status == STATUS.WAITLISTED
    services.claim_guest_bookings(user=user)
    refresh(guest, own)
    assert guest.user == user and guest.status == STATUS.CONFIRMED
    assert own.status == STATUS.CANCELLED
    assert (
        Booking.objects.filter(slot=slot, user=user, status__in=Booking.ACTIVE_STATUSES).count()
        == 1
    )


def test_verifying_an_email_address_claims_the_bookings():
    slot = make_slot()
    guest = services.request_booking(slot=slot, name="Bo", email="bo@example.org").booking
    services.confirm_guest_booking(token=guest.token)
    user = UserFactory(email="bo@example.org", verified_email=False)
    address = EmailAddress.objects.create(user=user, email="bo@example.org", verified=True)
    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    guest.refresh_from_db()
    assert guest.user == user
