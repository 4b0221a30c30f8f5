import pytest
from django.core import mail

from samskab.booking.models import Booking
from samskab.demo.loaders.needs import load_needs_demo
from samskab.demo.loaders.needs import needs as demo_needs
from samskab.demo.loaders.organisations import load_organisations_demo
from samskab.demo.loaders.vision import load_vision_demo
from samskab.demo.loaders.volunteering import DEMO_VOLUNTEER_EMAIL, load_volunteering_demo
from samskab.needs.models import Need, NeedAlert
from samskab.reference.tests.lists import ensure_reference_lists

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reference_lists():
    """The towns and skills the data migrations made (a transactional test run earlier in
    the session may have flushed them), made again the way the migrations make them."""
    ensure_reference_lists()


def snapshot():
    return {
        "needs": sorted(Need.objects.values_list("pk", "status", "starts_at", "updated_at")),
        "alerts": sorted(NeedAlert.objects.values_list("pk", "status", "volunteer_id")),
        "bookings": sorted(Booking.objects.values_list("pk", "status")),
    }


def test_demo_has_open_needs_in_several_towns_one_filled_and_alerts_and_is_idempotent():
    load_vision_demo()
    load_organisations_demo()
    load_volunteering_demo()
    mail.outbox.clear()

    summary = load_needs_demo()

    needs = Need.objects.select_related("town")
    assert needs.count() == len(demo_needs())
    assert needs.filter(status=Need.Status.FILLED).count() == 1
    assert len({need.town.slug for need in needs.filter(status=Need.Status.OPEN)}) >= 3
    assert needs.filter(on_behalf_of_citizen=True).count() == 1
    demo_alerts = NeedAlert.objects.filter(volunteer__email=DEMO_VOLUNTEER_EMAIL)
    assert demo_alerts.count() == 2
    assert "/behov/svar/" in summary
    assert mail.outbox == []

    before = snapshot()
    load_needs_demo()
    assert snapshot() == before
