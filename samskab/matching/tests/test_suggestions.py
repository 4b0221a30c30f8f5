""" "Suggested for you": what is suggested to whom, in which order, with which reasons,
in a fixed number of queries; and the page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from samskab.booking import services as booking_services
from samskab.matching.selectors import suggestions_for
from samskab.needs import services as needs_services
from samskab.organisations.models import Organisation
from samskab.volunteering.models import Opportunity
from tests.factories import (
    InterestFactory,
    OpportunityFactory,
    OrganisationFactory,
    SkillFactory,
    coordinator_of,
    make_need,
    make_shift,
    make_volunteer,
    next_weekday_at,
    town,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def gardening():
    return InterestFactory(slug="havearbejde-test", name_da="Havearbejde", name_en="Gardening")


@pytest.fixture
def volunteer(gardening):
    return make_volunteer(towns=("bramming",), interests=[gardening], availability=["6-morning"])


def opportunity(title, *, town_slug="bramming", interests=(), skills=(), **kwargs):
    kwargs.setdefault("kind", Opportunity.Kind.ONGOING)
    item = OpportunityFactory(
        title_da=title, title_en=title, town=town(town_slug) if town_slug else None, **kwargs
    )
    item.interests.set(interests)
    item.skills.set(skills)
    return item


def titles(suggestions):
    return [str(suggestion.item.title) for suggestion in suggestions.items]


def test_the_best_fit_comes_first_with_its_reasons_in_words(volunteer, gardening):
    opportunity("Plant træer i Bramming", interests=[gardening])
    opportunity("Kaffe i Bramming")
    opportunity("Kaffe i Esbjerg", town_slug="esbjerg")
    opportunity("Langt væk", town_slug="ribe", from_home=False)

    with translation.override("en"):
        suggestions = suggestions_for(volunteer)
    assert suggestions.has_profile
    assert titles(suggestions)[:2] == ["Plant træer i Bramming", "Kaffe i Bramming"]
    best = suggestions.items[0]
    assert best.reasons[0] == "You like gardening and live in Bramming"
    assert "It is in Bramming, near you" in suggestions.items[1].reasons

    with translation.override("da"):
        suggestions = suggestions_for(volunteer)
    assert suggestions.items[0].reasons[0] == "Du kan lide havearbejde og bor i Bramming"


def test_a_shift_when_the_volunteer_is_free_is_a_reason(volunteer):
    far_task = opportunity("Saturday task", town_slug="ribe", kind=Opportunity.Kind.AD_HOC)
    saturday = next_weekday_at(6, 10, after_days=2)
    make_shift(opportunity=far_task, starts_in=saturday - saturday.now(saturday.tzinfo))
    with translation.override("en"):
        (suggestion,) = suggestions_for(volunteer).items
    assert "Needs someone on Saturday morning, when you are free" in suggestion.reasons


@pytest.mark.parametrize(
    ("availability", "hour", "expected"),
    [
        (["6-evening"], 17, "Needs someone on Saturday evening, when you are free"),
        (["6-afternoon"], 16, "Needs someone on Saturday afternoon, when you are free"),
        (["6-evening"], 16, None),
        (["7-morning"], 10, None),
    ],
)
def test_free_time_is_read_in_local_time(volunteer, availability, hour, expected):
    volunteer.volunteer_profile.availability = availability
    volunteer.volunteer_profile.save()
    task = opportunity("Saturday task", kind=Opportunity.Kind.AD_HOC)
    starts_at = next_weekday_at(6, hour, after_days=2)
    make_shift(opportunity=task, starts_in=starts_at - timezone.now())
    with translation.override("en"):
        (suggestion,) = suggestions_for(volunteer).items
    time_reasons = [reason for reason in suggestion.reasons if reason.startswith("Needs someone")]
    assert time_reasons == ([expected] if expected else [])
    assert abs(suggestion.item.next_shift_starts_at - starts_at) < timedelta(seconds=1)


def test_only_open_opportunities_are_suggested(volunteer, gardening):
    opportunity("Ongoing role", interests=[gardening])
    no_dates = opportunity("Task without dates", interests=[gardening], kind="ad_hoc")
    with_date = opportunity("Task with a date", interests=[gardening], kind="ad_hoc")
    make_shift(opportunity=with_date)
    cancelled = opportunity("Task cancelled", interests=[gardening], kind="ad_hoc")
    shift = make_shift(opportunity=cancelled)
    booking_services.cancel_slot(slot=shift.booking_slot, reason="Regn.", by=None)
    past = opportunity("Task in the past", interests=[gardening], kind="ad_hoc")
    old = make_shift(opportunity=past)
    type(old).objects.filter(pk=old.pk).update(
        starts_at=old.starts_at - timedelta(days=10), ends_at=old.ends_at - timedelta(days=10)
    )
    opportunity("Unpublished", interests=[gardening], is_published=False)
    pending = opportunity("Pending organisation", interests=[gardening])
    Organisation.objects.filter(pk=pending.organisation_id).update(status="pending")

    assert sorted(titles(suggestions_for(volunteer))) == ["Ongoing role", "Task with a date"]
    assert no_dates.title not in titles(suggestions_for(volunteer))


def test_from_home_counts_as_near(volunteer):
    opportunity("Ring til ensomme", town_slug=None, from_home=True)
    with translation.override("en"):
        (suggestion,) = suggestions_for(volunteer).items
    assert suggestion.reasons == ["You can do it from home"]


def test_what_the_volunteer_signed_up_for_is_left_out(volunteer, gardening):
    task = opportunity("Signed up", interests=[gardening], kind="ad_hoc")
    shift = make_shift(opportunity=task)
    booking_services.request_booking(slot=shift.booking_slot, user=volunteer)
    need = make_need(town_slug="bramming", title_da="Behov i Bramming")
    needs_services.accept_need(need=need, user=volunteer)
    assert titles(suggestions_for(volunteer)) == []


def test_open_needs_are_suggested_as_urgent_and_filled_ones_are_not(volunteer):
    soon = make_need(
        town_slug="bramming",
        title_da="Stole i Bramming",
        title_en="Chairs in Bramming",
        people=1,
        starts_at=timezone.now() + timedelta(days=1),
    )
    filled = make_need(town_slug="bramming", title_da="Fyldt", people=1)
    needs_services.accept_need(need=filled, user=make_volunteer(email="other@example.dk"))
    opportunity("Kaffe i Bramming")

    with translation.override("en"):
        suggestions = suggestions_for(volunteer)
        assert titles(suggestions) == ["Chairs in Bramming", "Kaffe i Bramming"]
    need_suggestion = suggestions.items[0]
    assert need_suggestion.is_need
    assert need_suggestion.item == soon
    assert "Only 1 place left" in need_suggestion.reasons
    assert any(reason.startswith("Needed soon: ") for reason in need_suggestion.reasons)


def test_a_skill_asked_for_is_a_reason(volunteer):
    driving = SkillFactory(slug="koerekort-test", name_da="Kørekort", name_en="Driving licence")
    volunteer.volunteer_profile.skills.set([driving])
    opportunity("Chauffør", town_slug="ribe", skills=[driving])
    with translation.override("en"):
        (suggestion,) = suggestions_for(volunteer).items
    assert suggestion.reasons[0] == "It asks for what you can do: driving licence"


def test_without_a_profile_there_is_nothing_to_go_by(db):
    user = make_volunteer()
    user.volunteer_profile.delete()
    suggestions = suggestions_for(user)
    assert suggestions.has_profile is False
    assert suggestions.items == []


def _queries(user):
    with CaptureQueriesContext(connection) as queries:
        suggestions_for(user)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_opportunities(volunteer, gardening):
    driving = SkillFactory(slug="koerekort-test", name_da="Kørekort", name_en="Driving licence")
    volunteer.volunteer_profile.skills.set([driving])
    organisation = OrganisationFactory()
    coordinator = coordinator_of(organisation)

    def add():
        item = opportunity(
            "Opgave",
            interests=[gardening],
            skills=[driving],
            kind="ad_hoc",
            organisation=organisation,
        )
        make_shift(opportunity=item)
        make_need(organisation=organisation, by=coordinator, town_slug="bramming")

    add()
    one = _queries(volunteer)
    for _ in range(9):
        add()
    assert _queries(volunteer) == one
    assert one <= 15


# --- the page ------------------------------------------------------------------------------------


def url(language="da"):
    with translation.override(language):
        return reverse("matching:suggestions")


def test_the_page_needs_a_login(client):
    response = client.get(url())
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_the_page_shows_the_suggestions_with_reasons_in_both_languages(
    client, volunteer, gardening
):
    item = opportunity("Plant træer i Bramming", interests=[gardening])
    client.force_login(volunteer)
    text = client.get(url()).content.decode()
    assert "<h1>Forslag til dig</h1>" in text
    assert item.get_absolute_url() in text
    assert "Du kan lide havearbejde og bor i Bramming" in text

    assert url("en") == "/en/forslag/"
    text = client.get(url("en")).content.decode()
    assert "<h1>Suggested for you</h1>" in text
    assert "You like gardening and live in Bramming" in text


def test_the_page_invites_to_make_a_profile_first(client):
    user = make_volunteer()
    user.volunteer_profile.delete()
    client.force_login(user)
    text = client.get(url()).content.decode()
    assert "Opret min frivilligprofil" in text


def test_reading_dates_only_for_the_shortlist_changes_nothing(volunteer, gardening, monkeypatch):
    """The shortlist is an optimisation: the list is the same as when every opportunity's
    dates are read and scored."""
    import random

    from samskab.matching import scoring

    rng = random.Random(7)
    music = InterestFactory(slug="musik-test", name_da="Musik", name_en="Music")
    organisation = OrganisationFactory()
    for n in range(40):
        kind = rng.choice([Opportunity.Kind.ONGOING, Opportunity.Kind.AD_HOC])
        item = opportunity(
            f"Opgave {n}",
            town_slug=rng.choice(["bramming", "esbjerg", "ribe", "vester-vedsted"]),
            interests=rng.sample([gardening, music], rng.randint(0, 2)),
            kind=kind,
            organisation=organisation,
        )
        for _ in range(rng.randint(0, 2)):
            make_shift(opportunity=item, starts_in=timedelta(days=rng.randint(1, 20)))

    def listed(limit):
        return [(s.kind, s.item.pk) for s in suggestions_for(volunteer, limit=limit).items]

    with_shortlist = [listed(limit) for limit in (3, 5, 10)]
    monkeypatch.setattr(scoring, "shortlist_threshold", lambda sure, limit: float("-inf"))
    assert with_shortlist == [listed(limit) for limit in (3, 5, 10)]
