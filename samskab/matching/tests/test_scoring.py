"""The ranking rules and the reasons in words, on plain facts."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone, translation

from samskab.matching import scoring

BRAMMING, ESBJERG, RIBE, FAR = 1, 2, 3, 4
POINTS = {
    BRAMMING: (55.4640, 8.7000),
    ESBJERG: (55.4670, 8.4520),
    RIBE: (55.3285, 8.7620),
    FAR: (57.0480, 9.9190),
}
GARDENING, MUSIC = 10, 11
DRIVING = 20


def local(days, hour):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(
        datetime(day.year, day.month, day.day, hour), timezone.get_current_timezone()
    )


def test_availability_codes_agree_with_volunteering():
    from samskab.volunteering.models import availability_code_of

    for hour in range(24):
        moment = local(1, hour)
        assert scoring.local_availability_code(moment) == availability_code_of(moment)


def volunteer(**overrides):
    facts = {
        "towns": {BRAMMING: POINTS[BRAMMING]},
        "skill_ids": frozenset({DRIVING}),
        "interest_ids": frozenset({GARDENING, MUSIC}),
        "availability": frozenset(),
    }
    facts.update(overrides)
    return scoring.VolunteerFacts(**facts)


def candidate(pk=1, *, town=BRAMMING, kind=scoring.OPPORTUNITY, **overrides):
    facts = {
        "kind": kind,
        "pk": pk,
        "point": POINTS.get(town),
        "town_id": town,
        "from_home": False,
    }
    facts.update(overrides)
    return scoring.CandidateFacts(**facts)


def score(item, who=None, now=None):
    who = who or volunteer()
    return scoring.score(item, who, now=now or timezone.now(), places=scoring.Places(who))


def codes(scored, now=None):
    return [reason.code for reason in scoring.reasons_for(scored, now=now or timezone.now())]


def test_each_kind_of_fit_adds_points_and_a_reason():
    plain = score(candidate(town=FAR))
    with_interest = score(candidate(town=FAR, interest_ids=frozenset({GARDENING})))
    with_skill = score(candidate(town=FAR, skill_ids=frozenset({DRIVING})))
    nearby = score(candidate(town=BRAMMING))
    assert with_interest.score == plain.score + 2
    assert with_skill.score == plain.score + 3
    assert nearby.score > plain.score
    assert codes(with_interest) == ["interests"]
    assert codes(with_skill) == ["skills"]
    assert codes(nearby) == ["place"]
    assert codes(plain) == []


def test_distance_counts_less_the_further_away():
    same = score(candidate(town=BRAMMING)).score
    esbjerg = score(candidate(town=ESBJERG)).score  # about 16 km
    far = score(candidate(town=FAR)).score  # Aalborg
    assert same > esbjerg > far


def test_from_home_counts_as_near():
    scored = score(candidate(town=None, point=None, from_home=True))
    assert codes(scored) == ["from_home"]
    assert scored.score == 2


def test_a_time_when_the_volunteer_is_free_adds_points():
    saturday = local(3, 10)
    free = candidate(soonest=saturday, free_start=saturday)
    busy = candidate(soonest=saturday)
    assert "time" in codes(score(free))
    assert "time" not in codes(score(busy))
    assert score(free).score == score(busy).score + 2


def test_needs_soon_with_few_places_are_urgent():
    now = timezone.now()
    tomorrow = candidate(kind=scoring.NEED, soonest=now + timedelta(days=1), places_left=1)
    next_week = candidate(kind=scoring.NEED, soonest=now + timedelta(days=5), places_left=3)
    next_month = candidate(pk=2, kind=scoring.OPPORTUNITY, soonest=now + timedelta(days=20))
    urgent = score(tomorrow, now=now)
    assert codes(urgent, now) == ["place", "soon", "last_places"]
    assert urgent.score == score(next_month, now=now).score + 1 + 2 + 1
    assert score(next_week, now=now).score == score(next_month, now=now).score + 1 + 1


def test_urgency_alone_is_never_a_suggestion():
    now = timezone.now()
    far_need = candidate(
        kind=scoring.NEED, town=FAR, soonest=now + timedelta(hours=5), places_left=1
    )
    scored = score(far_need, now=now)
    assert scored.score >= scoring.MIN_SCORE
    assert not scoring.is_suggested(scored)


def test_ranking_is_best_first_then_soonest_then_needs():
    now = timezone.now()
    items = [
        score(candidate(1, soonest=now + timedelta(days=9))),
        score(candidate(2, soonest=now + timedelta(days=3))),
        score(candidate(3, interest_ids=frozenset({GARDENING}))),
    ]
    ranked = scoring.rank(items, limit=10)
    assert [item.candidate.pk for item in ranked] == [3, 2, 1]
    assert len(scoring.rank(items, limit=2)) == 2


NAMES = {
    "town_names": {BRAMMING: "Bramming"},
    "skill_names": {DRIVING: "Driving licence"},
    "interest_names": {GARDENING: "Gardening", MUSIC: "Music"},
}


def texts_of(scored, language):
    with translation.override(language):
        return scoring.reason_texts(scoring.reasons_for(scored, now=timezone.now()), **NAMES)


def test_the_reasons_in_words_in_english_and_danish():
    saturday = local((5 - timezone.localdate().weekday()) % 7 + 7, 10)
    scored = score(
        candidate(
            interest_ids=frozenset({GARDENING}),
            skill_ids=frozenset({DRIVING}),
            soonest=saturday,
            free_start=saturday,
        )
    )
    assert texts_of(scored, "en") == [
        "You like gardening and live in Bramming",
        "It asks for what you can do: driving licence",
        "Needs someone on Saturday morning, when you are free",
    ]
    danish = texts_of(scored, "da")
    assert danish[0] == "Du kan lide gardening og bor i Bramming"
    assert danish[2] == "Der mangler nogen lørdag formiddag, hvor du har tid"


def test_a_nearby_place_and_several_interests_in_words():
    scored = score(candidate(town=RIBE, interest_ids=frozenset({GARDENING, MUSIC})))
    assert texts_of(scored, "en") == ["You like gardening and music", "It is 16 km from Bramming"]


def test_a_need_with_one_place_left_in_words():
    now = timezone.now()
    scored = score(
        candidate(kind=scoring.NEED, soonest=now + timedelta(days=1), places_left=1), now=now
    )
    english = texts_of(scored, "en")
    assert english[0] == "It is in Bramming, near you"
    assert english[1].startswith("Needed soon: ")
    assert english[2] == "Only 1 place left"
    assert texts_of(scored, "da")[2] == "Kun 1 plads tilbage"


@pytest.mark.parametrize(
    ("words", "expected"),
    [([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")],
)
def test_words_are_joined_as_people_write_them(words, expected):
    with translation.override("en"):
        assert scoring.join_words(words) == expected


@pytest.mark.parametrize(
    ("period", "hours"), [("morning", (0, 12)), ("afternoon", (12, 17)), ("evening", (17, 24))]
)
def test_parts_of_the_day_follow_volunteering(period, hours):
    assert scoring.hours_of(period) == hours
