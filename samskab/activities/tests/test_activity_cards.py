"""Activity cards are kept one by one (``activities.cards``) and shared by every list that
shows them: a card made for one catalogue address is not made again for another, for
visitors and for people who are logged in, and every change to what a card shows is on
the next page that shows it."""

from datetime import timedelta

import pytest
from django.test import Client

from samskab.activities import services as activity_services
from samskab.activities.models import Activity
from samskab.booking import services as booking_services
from samskab.catalogue.tests.helpers import CATALOGUE, CATALOGUE_EN, activity_with_session
from samskab.core.formatting import slot_time_range
from tests.factories import AgeGroupFactory, UserFactory, one_off
from tests.page_cache import card_of, fetch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cards_kept_lists_built(settings):
    """Cards on, whole pages and result regions off: every request builds its list, so what
    a test sees comes from the cards."""
    settings.CARD_CACHE_SECONDS = 300
    settings.CATALOGUE_RESULTS_CACHE_SECONDS = 0
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def knitting():
    return activity_with_session(
        title_da="Strikkecafé", title_en="Knitting café", capacity=5, price=0
    )


def test_a_card_made_for_one_address_is_not_made_again_for_another(client, knitting):
    client.force_login(UserFactory())
    first, built = fetch(client, CATALOGUE)
    second, kept = fetch(client, CATALOGUE + "?q=strik")

    # The activity, its session, the session's places and the card's lists are not read.
    assert kept <= built - 3
    assert card_of(first, "Strikkecafé") == card_of(second, "Strikkecafé")


def test_cards_are_the_same_for_visitors_and_people_logged_in(client, knitting):
    visitor_html, _ = fetch(Client(), CATALOGUE)
    client.force_login(UserFactory())
    logged_in_html, _ = fetch(client, CATALOGUE + "?sort=soonest")

    assert card_of(visitor_html, "Strikkecafé") == card_of(logged_in_html, "Strikkecafé")


def test_danish_and_english_cards_are_kept_apart(client, knitting):
    fetch(client, CATALOGUE)
    english, _ = fetch(client, CATALOGUE_EN)
    danish, _ = fetch(client, CATALOGUE + "?q=strik")

    assert "Knitting café" in english and "Sign-up required" in english
    assert "Strikkecafé" in danish and "Tilmelding" in danish


def test_a_changed_title_and_price_are_on_the_next_list(client, knitting):
    fetch(client, CATALOGUE)
    knitting.title_da = "Strik og snak"
    knitting.price = 20
    knitting.save()

    html, _ = fetch(client, CATALOGUE)
    card = card_of(html, "Strik og snak")
    assert "20" in card and "Gratis" not in card
    assert "Strikkecafé" not in html


def test_a_new_age_group_is_on_the_next_list(client, knitting):
    fetch(client, CATALOGUE)
    knitting.age_groups.add(AgeGroupFactory(name_da="Seniorer"))

    html, _ = fetch(client, CATALOGUE)
    assert "Seniorer" in card_of(html, "Strikkecafé")


def test_a_renamed_organisation_and_town_are_on_the_next_list(client, knitting):
    fetch(client, CATALOGUE)
    organisation = knitting.organisation
    organisation.name = "Ribe Strikkeforening"
    organisation.save()
    town = knitting.town
    town.name = "Ribe By"
    town.save()

    html, _ = fetch(client, CATALOGUE)
    card = card_of(html, "Strikkecafé")
    assert "Ribe Strikkeforening" in card and "Ribe By" in card


def test_a_moved_session_is_on_the_next_list(client, knitting):
    session = knitting.sessions.get()
    before = slot_time_range(session)
    fetch(client, CATALOGUE)

    moved = activity_services.move_session(
        session=session,
        starts_at=session.starts_at + timedelta(days=1, hours=2),
        ends_at=session.ends_at + timedelta(days=1, hours=2),
    )

    html, _ = fetch(client, CATALOGUE)
    assert slot_time_range(moved) in card_of(html, "Strikkecafé")
    assert before not in html


def test_a_cancelled_session_gives_way_to_the_next_on_the_next_list(client, knitting):
    session = knitting.sessions.get()
    one_off(knitting, days=9, capacity=2)
    html, _ = fetch(client, CATALOGUE)
    assert "5 ledige pladser" in card_of(html, "Strikkecafé")

    activity_services.cancel_session(session=session, reason="Sygdom", by=UserFactory())

    html, _ = fetch(client, CATALOGUE)
    assert "2 ledige pladser" in card_of(html, "Strikkecafé")


def test_places_left_are_current_while_the_card_is_kept(client, knitting):
    slot = knitting.sessions.get().booking_slot
    html, _ = fetch(client, CATALOGUE)
    assert "5 ledige pladser" in card_of(html, "Strikkecafé")

    booking_services.request_booking(slot=slot, user=UserFactory())

    html, _ = fetch(client, CATALOGUE + "?q=strik")
    assert "4 ledige pladser" in card_of(html, "Strikkecafé")


def test_the_front_page_and_the_organisation_page_show_a_changed_card(client, knitting):
    client.force_login(UserFactory())
    organisation_page = knitting.organisation.get_absolute_url()
    assert "Strikkecafé" in fetch(client, "/")[0]
    assert "Strikkecafé" in fetch(client, organisation_page)[0]

    knitting.title_da = "Strik og snak"
    knitting.save()

    for page in ("/", organisation_page):
        html, _ = fetch(client, page)
        assert "Strik og snak" in html and "Strikkecafé" not in html


def test_lists_with_other_headings_keep_cards_of_their_own(client, knitting):
    client.force_login(UserFactory())
    front_page, _ = fetch(client, "/")  # "this week": the cards' headings are h3
    organisation_page, _ = fetch(client, knitting.organisation.get_absolute_url())

    assert '<h3 class="card-heading h4">' in card_of(front_page, "Strikkecafé")
    # The front page's cards show the places left; the catalogue's carry a marker for them.
    catalogue, _ = fetch(client, CATALOGUE)
    assert "5 ledige pladser" in card_of(front_page, "Strikkecafé")
    assert "5 ledige pladser" in card_of(catalogue, "Strikkecafé")
    assert "Strikkecafé" in organisation_page


def test_zero_seconds_keeps_no_card(client, settings, knitting):
    settings.CARD_CACHE_SECONDS = 0
    fetch(client, CATALOGUE)
    # A change that forgets nothing (an update without signals) is on the next list all
    # the same, since the card is made again.
    Activity.objects.filter(pk=knitting.pk).update(title_da="Strik og snak")

    html, _ = fetch(client, CATALOGUE + "?q=strik")
    assert "Strik og snak" in html


def test_a_kept_card_of_an_activity_that_is_gone_is_not_shown(client, knitting):
    fetch(client, CATALOGUE)
    Activity.objects.filter(pk=knitting.pk).delete()

    html, _ = fetch(client, CATALOGUE)
    assert "Strikkecafé" not in html


def test_a_sign_up_is_on_the_next_front_page_whose_cards_show_places_as_text(client, knitting):
    slot = knitting.sessions.get().booking_slot
    assert "5 ledige pladser" in card_of(fetch(client, "/")[0], "Strikkecafé")

    booking_services.request_booking(slot=slot, user=UserFactory())

    assert "4 ledige pladser" in card_of(fetch(client, "/")[0], "Strikkecafé")
