import pytest
from django.utils import translation

from samskab.visiting import selectors, services
from tests.factories import (
    UserFactory,
    arabic,
    ask,
    danish,
    interest,
    town,
    volunteer_offer,
)

pytestmark = pytest.mark.django_db


def ranked(visit_request):
    visit_request = selectors.request_for_management(
        programme=visit_request.programme, pk=visit_request.pk
    )
    return selectors.candidates_for(visit_request)


def test_candidates_are_ranked_with_reasons_in_words(programme):
    cards = interest("cards", "Kortspil", "Card games")
    walks = interest("walks", "Gåture", "Walks")
    visit_request = ask(
        programme, interests=(cards, walks), languages=(danish(),), preferred_days=(2,)
    )
    far = volunteer_offer(
        programme, user=UserFactory(display_name="Far Away"), towns=(town("esbjerg"),)
    )
    near = volunteer_offer(
        programme,
        user=UserFactory(display_name="Nearby"),
        towns=(town("gredstedbro"),),
        languages=(danish(),),
    )
    best = volunteer_offer(
        programme,
        user=UserFactory(display_name="Best Fit"),
        towns=(town("ribe"),),
        interests=(cards, walks),
        languages=(danish(),),
        available_days=(2, 4),
    )

    with translation.override("da"):
        candidates = ranked(visit_request)
    assert [c.offer for c in candidates] == [best, near, far]
    assert candidates[0].reasons == [
        "kan besøge i Ribe",
        "taler Dansk",
        "kan begge lide gåture og kortspil",
        "kan begge tirsdag",
    ]
    assert candidates[1].reasons[0] == "8 km fra Ribe (Gredstedbro)"
    assert "taler ingen af de ønskede sprog (Dansk)" in candidates[2].concerns
    assert candidates[2].reasons == ["25 km fra Ribe (Esbjerg)"]

    with translation.override("en"):
        english = ranked(visit_request)
    assert english[0].reasons[0] == "can visit in Ribe"
    assert english[0].reasons[2] == "both like card games and walks"


def test_a_gender_wish_counts_heavily(programme):
    visit_request = ask(programme, preferred_gender="woman")
    man = volunteer_offer(programme, towns=(town("ribe"),), gender="man")
    woman = volunteer_offer(programme, towns=(town("bramming"),), gender="woman")

    with translation.override("en"):
        candidates = ranked(visit_request)
    assert [c.offer for c in candidates] == [woman, man]
    assert "a woman, as wished" in candidates[0].reasons
    assert candidates[1].concerns == ["the person would like a woman"]


def test_a_language_the_person_needs(programme):
    visit_request = ask(programme, languages=(arabic(),))
    speaks = volunteer_offer(programme, towns=(town("esbjerg"),), languages=(arabic(),))
    does_not = volunteer_offer(programme, towns=(town("ribe"),), languages=(danish(),))

    assert [c.offer for c in ranked(visit_request)] == [speaks, does_not]


def test_who_is_left_out(programme, citizen):
    visit_request = ask(programme, by=citizen)
    paused = volunteer_offer(programme, towns=(town("ribe"),))
    services.set_offer_paused(offer=paused, paused=True)
    themself = volunteer_offer(programme, user=citizen, towns=(town("ribe"),))
    busy = volunteer_offer(programme, towns=(town("ribe"),), capacity=1)
    services.propose_match(visit_request=ask(programme), offer=busy, by=None)
    declined = volunteer_offer(programme, towns=(town("ribe"),))
    match = services.propose_match(visit_request=visit_request, offer=declined, by=None)
    services.decline_match(match=match, side="volunteer")
    available = volunteer_offer(programme)

    offers = [c.offer for c in ranked(visit_request)]
    assert offers == [available]
    assert paused not in offers and themself not in offers and busy not in offers


def test_a_volunteer_far_away_is_a_concern(programme):
    visit_request = ask(programme)
    far = volunteer_offer(programme, towns=(town("hjerting"),))
    nowhere = volunteer_offer(programme)

    with translation.override("en"):
        candidates = ranked(visit_request)
    assert [c.offer for c in candidates] == [far, nowhere]
    assert candidates[0].concerns == ["33 km from Ribe (Hjerting)"]
    assert candidates[1].concerns == ["has not said which towns they can visit in"]
