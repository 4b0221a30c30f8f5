import pytest

from samskab.demo.loaders.organisations import load_organisations_demo
from samskab.demo.loaders.vision import load_vision_demo
from samskab.demo.loaders.visiting import load_visiting_demo
from samskab.demo.loaders.volunteering import DEMO_VOLUNTEER_EMAIL, load_volunteering_demo
from samskab.visiting import selectors
from samskab.visiting.models import VisitMatch, VisitOffer, VisitRequest

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(VisitRequest.objects.values_list("person_name", "status", "created_at")),
        sorted(VisitOffer.objects.values_list("profile__user__email", "status")),
        sorted(VisitMatch.objects.values_list("request__person_name", "status")),
    )


def test_the_demo_has_a_waiting_list_offers_and_one_match():
    load_vision_demo()
    load_organisations_demo()
    load_volunteering_demo()
    load_visiting_demo()

    match = VisitMatch.objects.get()
    assert match.status == "accepted"
    assert match.offer.profile.user.email == DEMO_VOLUNTEER_EMAIL
    programme = match.request.programme
    waiting = selectors.waiting_list(programme)
    assert [entry.request.person_name for entry in waiting] == ["Knud Kjær", "Amal Yusuf"]
    assert waiting[0].waited_days == 41
    assert VisitOffer.objects.count() == 3

    first = snapshot()
    load_visiting_demo()
    assert snapshot() == first
