import pytest

from samskab.accounts.personal_data import personal_data_sections
from samskab.accounts.services import delete_account
from samskab.visiting import services
from samskab.visiting.models import VisitMatch, VisitOffer, VisitRequest
from tests.factories import ask, town, volunteer_offer

pytestmark = pytest.mark.django_db


def test_download(programme, citizen, friend):
    ask(programme, by=citizen, person_name="Inger Hansen")
    volunteer_offer(programme, user=friend, note="Pensioneret lærer.")

    assert personal_data_sections()["visiting_friends"](citizen)["requests"][0]["person_name"] == (
        "Inger Hansen"
    )
    assert personal_data_sections()["visiting_friends"](friend)["offers"][0]["about_you"] == (
        "Pensioneret lærer."
    )


def test_a_deleted_citizen_takes_their_requests(programme, citizen):
    ask(programme, by=citizen)
    delete_account(user=citizen)
    assert not VisitRequest.objects.exists()


def test_a_deleted_volunteer_sends_their_person_back_to_the_waiting_list(programme, friend):
    visit_request = ask(programme)
    offer = volunteer_offer(programme, user=friend, towns=(town("ribe"),))
    match = services.propose_match(visit_request=visit_request, offer=offer, by=None)
    services.accept_match(match=match, side="citizen")
    services.accept_match(match=match, side="volunteer")
    assert VisitRequest.objects.get().status == "matched"

    delete_account(user=friend)
    assert not VisitOffer.objects.exists()
    assert not VisitMatch.objects.exists()
    assert VisitRequest.objects.get().status == "waiting"
