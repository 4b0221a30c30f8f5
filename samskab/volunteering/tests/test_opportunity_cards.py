"""Opportunity cards are kept one by one (``volunteering.cards``) and shared by every page of
the volunteering list and the organisation pages, and every change to what a card shows is
on the next page that shows it."""

from datetime import timedelta

import pytest
from django.test import Client

from tests.factories import (
    FocusAreaFactory,
    OpportunityFactory,
    SkillFactory,
    UserFactory,
    make_shift,
)
from tests.page_cache import card_of, fetch

pytestmark = pytest.mark.django_db

LIST_URL = "/frivillig/"


@pytest.fixture(autouse=True)
def _cards_kept_pages_built(settings):
    settings.CARD_CACHE_SECONDS = 300
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def driver():
    opportunity = OpportunityFactory(
        title_da="Chauffør til indkøbsturen",
        skills=[SkillFactory(name_da="Kørekort")],
        focus_areas=[FocusAreaFactory(title_da="Fællesskaber")],
    )
    make_shift(opportunity=opportunity)
    return opportunity


def test_a_card_made_for_one_page_of_the_list_is_not_made_again_for_another(client, driver):
    client.force_login(UserFactory())
    first, built = fetch(client, LIST_URL)
    second, kept = fetch(client, LIST_URL + "?q=chauff")

    assert kept == built - 1  # the card's focus areas and skills are not read
    assert card_of(first, "Chauffør") == card_of(second, "Chauffør")
    visitor, _ = fetch(Client(), LIST_URL + "?q=indk")
    assert card_of(visitor, "Chauffør") == card_of(first, "Chauffør")


def test_changes_to_the_opportunity_and_its_lists_are_on_the_next_list(client, driver):
    fetch(client, LIST_URL)
    driver.title_da = "Chauffør til fredagsturen"
    driver.save()
    driver.skills.add(SkillFactory(name_da="Tålmodighed"))
    area = driver.focus_areas.get()
    area.title_da = "Fællesskab for alle"
    area.save()

    card = card_of(fetch(client, LIST_URL)[0], "Chauffør til fredagsturen")
    assert "Tålmodighed" in card and "Fællesskab for alle" in card


def test_a_new_shift_and_a_renamed_organisation_are_on_the_next_list(client, driver):
    html, _ = fetch(client, LIST_URL)
    assert "2 datoer" not in card_of(html, "Chauffør")
    make_shift(opportunity=driver, starts_in=timedelta(days=5))
    organisation = driver.organisation
    organisation.name = "Esbjerg Kørselsven"
    organisation.save()

    card = card_of(fetch(client, LIST_URL)[0], "Chauffør")
    assert "2 datoer" in card and "Esbjerg Kørselsven" in card


def test_the_organisation_page_shows_a_changed_card(client, driver):
    client.force_login(UserFactory())
    page = driver.organisation.get_absolute_url()
    assert "Chauffør til indkøbsturen" in fetch(client, page)[0]

    driver.title_da = "Chauffør til fredagsturen"
    driver.save()

    html, _ = fetch(client, page)
    assert "Chauffør til fredagsturen" in html and "indkøbsturen" not in html
