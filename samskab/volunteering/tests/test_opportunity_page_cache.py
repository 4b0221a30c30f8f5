"""The opportunity page is kept for visitors who are not logged in, and every change to what
it shows is on the next page; a visitor signs up through a kept page with CSRF checks on."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from samskab.booking import services as booking_services
from samskab.volunteering import services
from tests.factories import (
    OpportunityFactory,
    SkillFactory,
    UserFactory,
    make_municipal_staff,
    make_shift,
)
from tests.page_cache import address, fetch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    """Whatever a local .env says, these tests are about the cache being on."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


@pytest.fixture
def opportunity():
    opportunity = OpportunityFactory(title_da="Bær stole til koncert", title_en="Carry chairs")
    make_shift(opportunity=opportunity, starts_in=timedelta(days=3), volunteers_needed=3)
    return opportunity


def test_the_second_visitor_gets_the_page_from_the_cache(client, opportunity):
    first, cold = fetch(client, address(opportunity))
    second, warm = fetch(Client(), address(opportunity))

    assert cold >= 5
    assert warm <= 2
    assert "Bær stole til koncert" in second
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]*)"', second)
    assert tokens and tokens != re.findall(r'name="csrfmiddlewaretoken" value="([^"]*)"', first)


def test_a_visitor_signs_up_through_a_kept_page_with_csrf_checks_on(opportunity):
    fetch(Client(), address(opportunity))
    visitor = Client(enforce_csrf_checks=True)
    html, _ = fetch(visitor, address(opportunity))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', html).group(1)
    slot = opportunity.shifts.get().booking_slot

    response = visitor.post(
        reverse("booking:sign_up", args=[slot.pk]),
        {"csrfmiddlewaretoken": token, "name": "Grethe", "email": "grethe@example.org"},
    )

    assert response.status_code in (200, 302)
    assert slot.bookings.filter(guest_email="grethe@example.org").exists()


def test_an_edited_opportunity_is_on_the_next_page(client, opportunity):
    fetch(client, address(opportunity))
    opportunity.title_da = "Bær borde til koncert"
    opportunity.save()

    html, _ = fetch(client, address(opportunity))
    assert "Bær borde til koncert" in html


def test_new_and_cancelled_shifts_are_on_the_next_page(client, opportunity):
    fetch(client, address(opportunity))
    shift = make_shift(opportunity=opportunity, starts_in=timedelta(days=9), note_da="Tag handsker")
    html, _ = fetch(client, address(opportunity))
    assert f'id="shift-{shift.pk}"' in html and "Tag handsker" in html

    assert "Arrangementet er aflyst." not in html

    services.cancel_shift(shift=shift, reason="Regnvejr", by=make_municipal_staff())
    html, _ = fetch(client, address(opportunity))
    assert "Arrangementet er aflyst." in html


def test_a_sign_up_and_its_cancellation_change_the_places_left(client, opportunity):
    html, _ = fetch(client, address(opportunity))
    assert "3 ledige pladser" in html
    slot = opportunity.shifts.get().booking_slot
    booking = booking_services.request_booking(slot=slot, user=UserFactory()).booking

    html, _ = fetch(client, address(opportunity))
    assert "2 ledige pladser" in html

    booking_services.cancel_booking(booking=booking)
    html, _ = fetch(client, address(opportunity))
    assert "3 ledige pladser" in html


def test_a_renamed_organisation_is_on_the_next_page(client, opportunity):
    fetch(client, address(opportunity))
    organisation = opportunity.organisation
    organisation.name = "Ribe Koncertforening"
    organisation.save()

    html, _ = fetch(client, address(opportunity))
    assert "Ribe Koncertforening" in html


def test_a_changed_reference_list_is_on_the_next_page(client, opportunity):
    skill = SkillFactory(name_da="Kan løfte")
    opportunity.skills.add(skill)
    html, _ = fetch(client, address(opportunity))
    assert "Kan løfte" in html

    skill.name_da = "Kan bære tungt"
    skill.save()
    html, _ = fetch(client, address(opportunity))
    assert "Kan bære tungt" in html


def test_an_unpublished_opportunity_is_not_shown_from_the_cache(client, opportunity):
    fetch(client, address(opportunity))
    opportunity.is_published = False
    opportunity.save()

    assert client.get(address(opportunity)).status_code == 404


def test_someone_logged_in_never_gets_the_kept_page(client, opportunity):
    fetch(client, address(opportunity))
    client.force_login(UserFactory(display_name="Grethe Nielsen"))

    html, queries = fetch(client, address(opportunity))
    assert "Grethe Nielsen" in html
    assert 'name="email"' not in html  # no visitor form: one click
    assert queries > 5


def test_danish_and_english_are_kept_apart(client, opportunity):
    fetch(client, address(opportunity))
    fetch(client, address(opportunity, "en"))

    danish, danish_queries = fetch(client, address(opportunity))
    english, english_queries = fetch(client, address(opportunity, "en"))

    assert danish_queries <= 2 and english_queries <= 2
    assert '<html lang="da">' in danish and "Bær stole til koncert" in danish
    assert '<html lang="en">' in english and "Carry chairs" in english
