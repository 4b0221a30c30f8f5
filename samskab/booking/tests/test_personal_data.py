import pytest

from samskab.accounts.personal_data import account_deletion_hooks, personal_data_sections
from samskab.booking import personal_data, services
from samskab.booking.models import Booking
from tests.factories import UserFactory, make_slot

pytestmark = pytest.mark.django_db


def test_a_person_s_download_lists_their_bookings():
    user = UserFactory()
    slot = make_slot()
    services.request_booking(slot=slot, user=user)
    services.request_booking(slot=make_slot(), user=UserFactory())
    assert personal_data_sections()["bookings"] is personal_data.collect
    data = personal_data.collect(user)
    assert len(data) == 1
    assert data[0]["status"] == "confirmed"
    assert data[0]["what"].startswith("Strikkecafé")
    assert data[0]["starts_at"] == slot.starts_at.isoformat()


def test_deleting_an_account_gives_its_places_to_the_people_waiting():
    slot = make_slot(capacity=1)
    leaving = UserFactory()
    services.request_booking(slot=slot, user=leaving)
    waiting = services.request_booking(slot=slot, user=UserFactory()).booking
    assert personal_data.forget in account_deletion_hooks()
    for hook in account_deletion_hooks():
        hook(leaving)
    leaving.delete()
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.OFFERED
    assert not Booking.objects.filter(user_id=leaving.pk).exists()
