import pytest
from django.urls import reverse

from samskab.booking import services
from samskab.booking.models import Booking
from tests.factories import UserFactory, make_slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_bookings_can_be_searched_by_email_and_filtered(admin_client):
    slot = make_slot(capacity=1)
    services.request_booking(slot=slot, name="Grethe", email="grethe@example.org")
    services.request_booking(slot=slot, user=UserFactory(email="ole@example.org"))
    changelist = reverse("admin:booking_booking_changelist")
    page = admin_client.get(changelist, {"q": "grethe@"}).content.decode()
    assert "Grethe" in page
    assert "ole@example.org" not in page
    assert admin_client.get(changelist, {"status__exact": "confirmed"}).status_code == 200
    assert admin_client.get(reverse("admin:booking_slot_changelist")).status_code == 200


def test_the_admin_is_read_only_and_cancels_through_the_engine(admin_client):
    slot = make_slot(capacity=1)
    first = services.request_booking(slot=slot, user=UserFactory()).booking
    waiting = services.request_booking(slot=slot, user=UserFactory()).booking
    assert admin_client.get(reverse("admin:booking_booking_add")).status_code == 403
    detail = admin_client.get(reverse("admin:booking_booking_change", args=[first.pk]))
    assert detail.status_code == 200
    assert first.token not in detail.content.decode()
    admin_client.post(
        reverse("admin:booking_booking_changelist"),
        {"action": "cancel_bookings", "_selected_action": [first.pk]},
    )
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == Booking.Status.CANCELLED
    assert waiting.status == Booking.Status.OFFERED
    admin_client.post(
        reverse("admin:booking_slot_changelist"),
        {"action": "cancel_slots", "_selected_action": [slot.pk]},
    )
    slot.refresh_from_db()
    assert slot.is_cancelled
