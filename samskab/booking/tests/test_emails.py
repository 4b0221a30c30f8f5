from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from samskab.booking import emails, services
from samskab.booking.models import Booking
from tests.factories import ExampleSessionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def slot():
    owner = ExampleSessionFactory(
        title_da="Bøger & kaffe", title_en="Books & coffee", place="Bramming Bibliotek"
    )
    start = timezone.now().replace(microsecond=0) + timedelta(days=3)
    return services.create_slot(
        owner=owner, starts_at=start, ends_at=start + timedelta(hours=2), capacity=1
    )


def test_every_email_names_what_was_booked_in_the_recipient_s_language(slot, run_on_commit):
    danish = UserFactory(preferred_language="da", display_name="Inger")
    english = UserFactory(preferred_language="en", display_name="Sam")
    with run_on_commit():
        services.request_booking(slot=slot, user=danish)
        services.request_booking(slot=slot, user=english)
    to_danish, to_english = mail.outbox

    assert to_danish.subject == "Du har en plads: Bøger & kaffe"
    assert to_danish.body.startswith("Kære Inger")
    assert "Hvor: Bramming Bibliotek" in to_danish.body
    assert "Arrangør: Ribe Strikkeklub" in to_danish.body
    assert "Læs mere: https://samskab.example/example-sessions/" in to_danish.body
    assert "&amp;" not in to_danish.body + to_danish.subject

    assert to_english.subject == "You are on the waiting list: Books & coffee"
    assert to_english.body.startswith("Dear Sam,")
    assert "as number 1" in to_english.body
    assert "Where: Bramming Bibliotek" in to_english.body
    start = timezone.localtime(slot.starts_at)
    assert f"{start:%H:%M}" in to_english.body
    assert to_english.extra_headers["Auto-Submitted"] == "auto-generated"


def test_a_visitor_gets_emails_in_the_language_they_signed_up_in(slot, run_on_commit):
    with run_on_commit():
        booking = services.request_booking(
            slot=slot, name="Sam", email="sam@example.org", language="en"
        ).booking
    assert mail.outbox[0].subject == "Please confirm your sign-up: Books & coffee"
    assert f"https://samskab.example/en/tilmelding/bekraeft/{booking.token}/" in (
        mail.outbox[0].body
    )


@pytest.mark.parametrize(
    "kind",
    [
        emails.GUEST_CONFIRM,
        emails.CONFIRMED,
        emails.WAITLISTED,
        emails.OFFER,
        emails.PROMOTED,
        emails.REMINDER,
        emails.RESCHEDULED,
    ],
)
def test_every_email_about_an_active_booking_has_a_working_one_click_cancel_link(
    kind, slot, client
):
    status = {
        emails.GUEST_CONFIRM: Booking.Status.PENDING,
        emails.WAITLISTED: Booking.Status.WAITLISTED,
        emails.OFFER: Booking.Status.OFFERED,
    }.get(kind, Booking.Status.CONFIRMED)
    booking = Booking.objects.create(
        slot=slot,
        user=UserFactory(),
        status=status,
        sequence=None if status == Booking.Status.PENDING else 1,
        offer_expires_at=timezone.now() + timedelta(hours=3),
        confirmation_sent_at=timezone.now(),
    )
    message = emails.build_booking_email(kind, booking)
    link = f"https://samskab.example/tilmelding/afmeld/{booking.token}/"
    assert link in message.body
    assert message.subject
    assert "Bøger & kaffe" in message.body
    page = client.get(link.removeprefix("https://samskab.example"))
    assert page.status_code == 200
    assert "Ja, afmeld mig" in page.content.decode()


def test_emails_about_an_ended_booking_carry_no_cancel_link(slot):
    booking = Booking.objects.create(
        slot=slot, user=UserFactory(), status=Booking.Status.EXPIRED, sequence=1
    )
    message = emails.build_booking_email(emails.OFFER_EXPIRED, booking)
    assert "/afmeld/" not in message.body
    assert "ikke længere på ventelisten" in message.body


def test_an_offer_email_says_until_when(slot, run_on_commit):
    first = services.request_booking(slot=slot, user=UserFactory()).booking
    offered = services.request_booking(slot=slot, user=UserFactory(preferred_language="en"))
    with run_on_commit():
        services.cancel_booking(booking=first)
    offered.booking.refresh_from_db()
    deadline = timezone.localtime(offered.booking.offer_expires_at)
    body = mail.outbox[-1].body
    assert f"accept it by {deadline:%A}" in body
    assert f"{deadline:%H:%M}" in body
    assert f"/en/tilmelding/tilbud/{offered.booking.token}/" in body


def test_an_owner_that_no_longer_exists_still_gives_a_readable_email(slot):
    booking = Booking.objects.create(
        slot=slot, user=UserFactory(), status=Booking.Status.CONFIRMED, sequence=1
    )
    # (Owners with SlotOwnerMixin take their slot with them when deleted; others may not.)
    type(slot).objects.filter(pk=slot.pk).update(object_id=999_999)
    booking.refresh_from_db()
    message = emails.build_booking_email(emails.CONFIRMED, booking)
    assert "Tilmeldt arrangement" in message.subject


def test_an_unknown_kind_is_a_programming_error(slot):
    booking = Booking(slot=slot, guest_name="A", guest_email="a@example.org")
    with pytest.raises(ValueError):
        emails.build_booking_email("party", booking)
