import pytest
from django.utils import timezone

from samskab.accounts.personal_data import account_deletion_hooks, personal_data_sections
from samskab.needs.models import Need, NeedAlert
from tests.factories import make_need, make_volunteer

pytestmark = pytest.mark.django_db


def test_the_download_holds_the_persons_alerts_and_the_needs_they_posted():
    volunteer = make_volunteer()
    need = make_need()
    NeedAlert.objects.create(
        need=need,
        volunteer=volunteer,
        status="sent",
        sent_at=timezone.now(),
        send_after=timezone.now(),
    )
    data = personal_data_sections()["needs"](volunteer)
    assert data["alerts"][0]["need"] == "2 til at bære stole på Ribe Bibliotek"
    assert data["alerts"][0]["status"] == "sent"
    assert data["needs_posted"] == []

    poster_data = personal_data_sections()["needs"](need.posted_by)
    assert poster_data["needs_posted"][0]["title"] == "2 til at bære stole på Ribe Bibliotek"
    assert poster_data["contact_person_for_needs"][0]["contact_phone"] == "75 11 22 33"


def test_deleting_an_account_removes_alerts_and_the_contact_details_it_gave():
    volunteer = make_volunteer()
    need = make_need()
    NeedAlert.objects.create(need=need, volunteer=volunteer, send_after=timezone.now())
    poster = need.posted_by
    for hook in account_deletion_hooks():
        hook(volunteer)
        hook(poster)
    assert not NeedAlert.objects.exists()
    need = Need.objects.get(pk=need.pk)
    assert need.contact_person is None
    assert need.contact_phone == ""
