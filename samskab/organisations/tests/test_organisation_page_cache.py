"""The organisation page is kept for visitors who are not logged in, and every change to what
it shows (the organisation, its focus areas, the sections other apps add) is on the next
page."""

import time as clock
from datetime import timedelta

import pytest
from django.test import Client

from samskab.activities.models import Activity
from samskab.booking import services as booking_services
from samskab.organisations import cached_pages
from tests.factories import (
    ActivityFactory,
    FocusAreaFactory,
    OpportunityFactory,
    OrganisationFactory,
    UserFactory,
    make_municipal_staff,
    make_shift,
    one_off,
)
from tests.page_cache import fetch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    """Whatever a local .env says, these tests are about the cache being on."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


@pytest.fixture
def organisation():
    return OrganisationFactory(
        name="Ribe Strikkeklub",
        description_da="Vi strikker hver tirsdag.",
        description_en="We knit every Tuesday.",
        focus_areas=[FocusAreaFactory(title_da="Fællesskab", title_en="Community")],
    )


@pytest.fixture(params=["visitor", "logged in"])
def viewer(request, client):
    """Every change must be on the next page for both: a visitor who is not logged in gets
    the whole page kept, someone logged in the kept fragment of what is the same for all."""
    if request.param == "logged in":
        client.force_login(UserFactory())
    return client


def page(organisation, language="da"):
    prefix = "/en" if language == "en" else ""
    return f"{prefix}/foreninger/{organisation.slug}/"


def test_the_second_visitor_gets_the_page_from_the_cache(client, organisation):
    first, cold = fetch(client, page(organisation))
    second, warm = fetch(Client(), page(organisation))

    assert cold > 3
    assert warm <= 2
    assert first == second
    assert "Vi strikker hver tirsdag." in second


def test_a_changed_description_is_on_the_next_page(viewer, organisation):
    fetch(viewer, page(organisation))
    organisation.description_da = "Nu også om torsdagen."
    organisation.save()

    html, _ = fetch(viewer, page(organisation))
    assert "Nu også om torsdagen." in html


def test_changed_focus_areas_are_on_the_next_page(viewer, organisation):
    fetch(viewer, page(organisation))
    area = organisation.focus_areas.get()
    area.title_da = "Fællesskaber for alle"
    area.save()
    organisation.focus_areas.add(FocusAreaFactory(title_da="Sundhed"))

    html, _ = fetch(viewer, page(organisation))
    assert "Fællesskaber for alle" in html
    assert "Sundhed" in html


def test_a_new_volunteering_opportunity_and_its_changes_are_on_the_next_page(viewer, organisation):
    html, _ = fetch(viewer, page(organisation))
    assert "Bliv frivillig hos os" not in html

    opportunity = OpportunityFactory(organisation=organisation, title_da="Bær stole til koncert")
    make_shift(opportunity=opportunity, starts_in=timedelta(days=3))
    html, _ = fetch(viewer, page(organisation))
    assert "Bliv frivillig hos os" in html
    assert "Bær stole til koncert" in html

    opportunity.title_da = "Bær borde til koncert"
    opportunity.save()
    html, _ = fetch(viewer, page(organisation))
    assert "Bær borde til koncert" in html

    opportunity.is_published = False
    opportunity.save()
    html, _ = fetch(viewer, page(organisation))
    assert "Bær borde til koncert" not in html


def test_a_new_activity_is_on_the_next_page(viewer, organisation):
    fetch(viewer, page(organisation))
    activity = ActivityFactory(organisation=organisation, title_da="Strikkecafé")
    one_off(activity)

    html, _ = fetch(viewer, page(organisation))
    assert "Strikkecafé" in html


def test_a_sign_up_changes_the_places_left_on_the_next_page(viewer, organisation):
    activity = ActivityFactory(
        organisation=organisation,
        title_da="Strikkecafé",
        participation=Activity.Participation.SIGN_UP,
    )
    one_off(activity, capacity=3)
    html, _ = fetch(viewer, page(organisation))
    assert "3 ledige pladser" in html

    slot = activity.sessions.get().booking_slot
    booking = booking_services.request_booking(slot=slot, user=UserFactory()).booking

    html, _ = fetch(viewer, page(organisation))
    assert "2 ledige pladser" in html

    booking_services.cancel_booking(booking=booking)
    html, _ = fetch(viewer, page(organisation))
    assert "3 ledige pladser" in html


def test_logged_in_what_is_the_same_for_everyone_comes_from_the_cache(client, organisation):
    activity = ActivityFactory(organisation=organisation, title_da="Strikkecafé")
    one_off(activity)
    client.force_login(UserFactory(display_name="Grethe Nielsen"))
    _, first = fetch(client, page(organisation))
    html, second = fetch(client, page(organisation))

    assert "Grethe Nielsen" in html and "Strikkecafé" in html and "Fællesskab" in html
    # The focus areas and the sections' lists are not read again.
    assert second <= first - 3


def test_an_organisation_that_is_no_longer_approved_is_not_shown_from_the_cache(
    client, organisation
):
    fetch(client, page(organisation))
    organisation.status = organisation.Status.PENDING
    organisation.save()

    assert client.get(page(organisation)).status_code == 404


def test_someone_logged_in_never_gets_the_kept_page(client, organisation):
    fetch(client, page(organisation))
    client.force_login(UserFactory(display_name="Grethe Nielsen"))

    html, queries = fetch(client, page(organisation))
    assert "Grethe Nielsen" in html
    assert queries > 3

    client.force_login(make_municipal_staff())
    html, _ = fetch(client, page(organisation))
    assert "Administrer organisationen" in html

    client.logout()
    html, _ = fetch(client, page(organisation))
    assert "Administrer organisationen" not in html


def test_danish_and_english_are_kept_apart(client, organisation):
    fetch(client, page(organisation))
    fetch(client, page(organisation, "en"))

    danish, danish_queries = fetch(client, page(organisation))
    english, english_queries = fetch(client, page(organisation, "en"))

    assert danish_queries <= 2 and english_queries <= 2
    assert '<html lang="da">' in danish and "Vi strikker hver tirsdag." in danish
    assert '<html lang="en">' in english and "We knit every Tuesday." in english


def test_zero_seconds_turns_the_cache_off(client, settings, organisation):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    _, cold = fetch(client, page(organisation))
    _, again = fetch(client, page(organisation))
    assert again == cold


def test_the_page_is_forgotten_when_an_app_a_section_shows_changes():
    shows = cached_pages.organisation_page_shows()
    assert {"organisations", "vision", "activities", "booking", "volunteering"} <= set(shows)
    assert "reference" in shows


def test_the_timing_of_a_kept_and_a_built_page(client, organisation):
    """Not an assertion about speed: prints the in-process figures (pytest -s)."""
    from django.test import override_settings

    for number in range(3):
        activity = ActivityFactory(organisation=organisation, title_da=f"Aktivitet {number}")
        one_off(activity, days=number + 2)
        make_shift(opportunity=OpportunityFactory(organisation=organisation))
    path = page(organisation)

    def average(seconds, rounds=20):
        with override_settings(PUBLIC_PAGE_CACHE_SECONDS=seconds):
            client.get(path)
            started = clock.perf_counter()
            for _ in range(rounds):
                client.get(path)
            return (clock.perf_counter() - started) / rounds * 1000

    built, kept = average(0), average(60)
    print(f"\norganisation page: built {built:.1f} ms, from the cache {kept:.1f} ms")
    assert kept < built
