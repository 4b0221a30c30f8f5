"""The vision's pages (front page, focus area, initiative) are kept whole for visitors who
are not logged in, and every change to what they show — the vision, this week's activities,
the figures, the answers to ideas, the citizen proposals — is on the next page. Sign-ups do
not forget them: the places left are filled in when a page is served."""

import datetime

import pytest
from django.test import Client

from samskab.booking import services as booking_services
from samskab.ideas import services as idea_services
from samskab.proposals.models import Status
from tests.factories import (
    ActivityFactory,
    FocusAreaFactory,
    InitiativeFactory,
    InitiativeLinkFactory,
    UserFactory,
    VisionFactory,
    make_municipal_staff,
    one_off,
    record,
)
from tests.factories.ideas import answer_status, propose_idea
from tests.factories.proposals import write_proposal
from tests.page_cache import fetch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    """Whatever a local .env says, these tests are about the caches being on."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    settings.CATALOGUE_RESULTS_CACHE_SECONDS = 60
    settings.CARD_CACHE_SECONDS = 300


@pytest.fixture
def focus_area():
    return FocusAreaFactory(vision=VisionFactory(title_da="Vision 2025"), title_da="Fællesskab")


@pytest.fixture
def initiative(focus_area):
    return InitiativeFactory(focus_area=focus_area, title_da="Flere frivillige")


@pytest.fixture
def session(focus_area):
    """A sign-up activity of the focus area with a session tomorrow and three places."""
    activity = ActivityFactory(title_da="Gåtur ved havnen", participation="sign_up")
    activity.focus_areas.add(focus_area)
    return one_off(activity, days=1, capacity=3)


def pages(focus_area, initiative=None):
    return [
        "/",
        focus_area.get_absolute_url(),
        *([initiative.get_absolute_url()] if initiative else []),
    ]


def test_the_second_visitor_gets_the_page_from_the_cache(focus_area, initiative, session):
    for path in pages(focus_area, initiative):
        first, cold = fetch(Client(), path)
        second, warm = fetch(Client(), path)

        assert cold > 3
        # Only the places left on this week's cards are read when the page is served.
        assert warm <= 1, path
        assert first == second


def test_a_sign_up_changes_the_places_left_without_forgetting_the_page(focus_area, session):
    for path in pages(focus_area):
        html, _ = fetch(Client(), path)
        assert "3 ledige pladser" in html

    booking_services.request_booking(slot=session.booking_slot, user=UserFactory())

    for path in pages(focus_area):
        html, queries = fetch(Client(), path)
        assert "2 ledige pladser" in html
        assert "<!--places-left" not in html
        assert queries <= 1, path


def test_a_changed_activity_this_week_is_on_the_next_page(focus_area, session):
    for path in pages(focus_area):
        fetch(Client(), path)
    activity = session.activity
    activity.title_da = "Gåtur ved stranden"
    activity.save()

    for path in pages(focus_area):
        html, _ = fetch(Client(), path)
        assert "Gåtur ved stranden" in html
        assert "Gåtur ved havnen" not in html


def test_a_new_session_this_week_is_on_the_next_page(focus_area):
    for path in pages(focus_area):
        html, _ = fetch(Client(), path)
        assert "Der er endnu ikke planlagt noget de kommende syv dage." in html
    activity = ActivityFactory(title_da="Strikkecafé")
    activity.focus_areas.add(focus_area)
    one_off(activity, days=2)

    for path in pages(focus_area):
        html, _ = fetch(Client(), path)
        assert "Strikkecafé" in html


def test_a_changed_vision_and_focus_area_are_on_the_next_page(focus_area, initiative):
    for path in pages(focus_area, initiative):
        fetch(Client(), path)
    focus_area.title_da = "Fællesskab for alle"
    focus_area.save()
    focus_area.vision.title_da = "Vision 2030"
    focus_area.vision.save()

    front, _ = fetch(Client(), "/")
    assert "Vision 2030" in front and "Fællesskab for alle" in front
    for path in pages(focus_area, initiative)[1:]:
        html, _ = fetch(Client(), path)
        assert "Fællesskab for alle" in html


def test_a_new_figure_is_on_the_next_page(focus_area, initiative):
    link = InitiativeLinkFactory(
        initiative=initiative,
        indicator__focus_area=focus_area,
        indicator__title_da="Frivillige timer",
    )
    for path in pages(focus_area, initiative):
        html, _ = fetch(Client(), path)
        assert "4.321" not in html

    record(link.indicator, "year", datetime.date(2025, 1, 1), 4321)

    for path in pages(focus_area, initiative):
        html, _ = fetch(Client(), path)
        assert "4.321" in html, path


def test_a_new_answer_to_an_idea_is_on_the_next_page(focus_area):
    idea = propose_idea(title="Bænke langs åen")
    fetch(Client(), "/")

    idea_services.answer(
        idea=idea, by=make_municipal_staff(), status=answer_status(), text="Vi ser på det."
    )

    html, _ = fetch(Client(), "/")
    assert "Bænke langs åen" in html


def test_a_proposal_being_carried_out_is_on_the_next_initiative_page(initiative):
    fetch(Client(), initiative.get_absolute_url())

    write_proposal(
        status=Status.IN_PROGRESS, initiative=initiative, title="Gratis bus til aktiviteter"
    )

    html, _ = fetch(Client(), initiative.get_absolute_url())
    assert "Gratis bus til aktiviteter" in html


def test_people_who_are_logged_in_get_a_page_built_for_them(client, focus_area, session):
    fetch(Client(), "/")
    client.force_login(UserFactory())

    html, queries = fetch(client, "/")

    assert queries > 3
    assert "3 ledige pladser" in html


def test_a_place_asked_for_is_not_kept_and_each_language_has_its_page(focus_area, session):
    danish, _ = fetch(Client(), "/")
    english, _ = fetch(Client(), "/en/")
    near, queries = fetch(Client(), "/?near=Atlantis")

    assert "Denne uge nær dig" in danish
    assert "This week near you" in english
    assert "Vi kender ikke stedet “Atlantis”" in near
    assert queries > 1
