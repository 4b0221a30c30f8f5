import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.organisations.models import Organisation
from samskab.volunteering import cards
from samskab.volunteering.models import Opportunity
from samskab.volunteering.tests.helpers import sign_up
from tests.factories import (
    FocusAreaFactory,
    LanguageFactory,
    OpportunityFactory,
    OrganisationFactory,
    SkillFactory,
    TownFactory,
    UserFactory,
    make_shift,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/frivillig/"


def titles(response) -> list[str]:
    return [opportunity.title for opportunity in response.context["page"].object_list]


# --- the list ----------------------------------------------------------------------------------


def test_list_shows_published_opportunities_in_danish_and_english(client):
    shift = make_shift()
    opportunity = shift.opportunity
    hidden = OpportunityFactory(is_published=False)
    make_shift(opportunity=hidden)
    pending = OpportunityFactory(
        organisation=OrganisationFactory(status=Organisation.Status.PENDING)
    )
    make_shift(opportunity=pending)

    response = client.get(LIST_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="da">' in content
    assert "<h1>Bliv frivillig</h1>" in content
    assert opportunity.title_da in content
    assert hidden.title_da not in content
    assert pending.title_da not in content

    english = client.get("/en" + LIST_URL)
    assert english.status_code == 200
    assert '<html lang="en">' in english.content.decode()
    assert opportunity.title_en in english.content.decode()


def test_list_hides_ad_hoc_tasks_without_coming_shifts_but_keeps_ongoing_roles(client):
    stale = OpportunityFactory(kind=Opportunity.Kind.AD_HOC)
    past = make_shift(opportunity=stale)
    from samskab.volunteering.tests.helpers import move_to

    move_to(past, starts_in=timedelta(days=-2))
    ongoing = OpportunityFactory(kind=Opportunity.Kind.ONGOING)
    response = client.get(LIST_URL)
    assert titles(response) == [ongoing.title_da]


def test_filters_narrow_the_list(client):
    ribe = TownFactory()
    esbjerg = TownFactory(slug="esbjerg-test", name="Esbjerg test", postcode="6700")
    area = FocusAreaFactory(slug="faellesskab")
    skill = SkillFactory(slug="madlavning")
    ukrainian = LanguageFactory(
        code="uk", name_da="Ukrainsk", name_en="Ukrainian", native_name="українська"
    )
    matching = OpportunityFactory(
        town=ribe, focus_areas=[area], skills=[skill], languages=[ukrainian], title_da="Suppekøkken"
    )
    make_shift(opportunity=matching, starts_in=timedelta(days=5))
    other = OpportunityFactory(town=esbjerg, title_da="Strandrens")
    make_shift(opportunity=other, starts_in=timedelta(days=20))
    home = OpportunityFactory(
        town=None, from_home=True, kind=Opportunity.Kind.ONGOING, title_da="Telefonven"
    )

    assert set(titles(client.get(LIST_URL))) == {"Suppekøkken", "Strandrens", "Telefonven"}
    assert titles(client.get(LIST_URL, {"town": "ribe"})) == ["Suppekøkken"]
    assert titles(client.get(LIST_URL, {"focus_area": "faellesskab"})) == ["Suppekøkken"]
    assert titles(client.get(LIST_URL, {"skill": "madlavning"})) == ["Suppekøkken"]
    assert titles(client.get(LIST_URL, {"language": "uk"})) == ["Suppekøkken"]
    assert titles(client.get(LIST_URL, {"from_home": "on"})) == ["Telefonven"]
    assert titles(client.get(LIST_URL, {"kind": "ongoing"})) == ["Telefonven"]
    assert titles(client.get(LIST_URL, {"q": "strand"})) == ["Strandrens"]
    in_ten_days = (timezone.localdate() + timedelta(days=10)).isoformat()
    assert titles(client.get(LIST_URL, {"date_to": in_ten_days})) == ["Suppekøkken"]
    assert titles(client.get(LIST_URL, {"date_from": in_ten_days})) == ["Strandrens"]
    assert home.title_da not in titles(client.get(LIST_URL, {"date_from": in_ten_days}))


FORM_TEMPLATE = "volunteering/includes/filter_form.html"


def _rendered(response) -> set[str]:
    return {template.name for template in response.templates}


def test_the_filter_form_is_kept_for_everyone_and_its_address(client):
    """The form of an address is the same for everyone, logged in or not, and for every page
    of the same filters: it is rendered once and then kept."""
    make_shift(opportunity=OpportunityFactory(title_da="Suppekøkken"))
    client.force_login(UserFactory(display_name="Grethe Nielsen"))
    first = client.get(LIST_URL, {"q": "suppe"})
    assert FORM_TEMPLATE in _rendered(first)

    for response in (
        client.get(LIST_URL, {"q": "suppe"}),
        client.get(LIST_URL, {"q": "suppe", "page": "2"}),
        Client().get(LIST_URL, {"q": "suppe"}),
    ):
        assert FORM_TEMPLATE not in _rendered(response)
        assert 'name="q" value="suppe"' in response.content.decode()
    assert "Grethe Nielsen" in client.get(LIST_URL, {"q": "suppe"}).content.decode()
    assert titles(client.get(LIST_URL, {"q": "suppe"})) == ["Suppekøkken"]
    # Another search has its own form, with what was typed in it.
    other = client.get(LIST_URL, {"q": "strand"})
    assert FORM_TEMPLATE in _rendered(other)
    assert 'name="q" value="strand"' in other.content.decode()


def test_a_new_skill_or_focus_area_is_offered_at_once(client):
    make_shift()
    client.get(LIST_URL)
    assert FORM_TEMPLATE not in _rendered(client.get(LIST_URL))

    SkillFactory(slug="biavl", name_da="Biavl")
    assert "Biavl" in client.get(LIST_URL).content.decode()
    FocusAreaFactory(slug="bier", title_da="Bier i byen")
    assert "Bier i byen" in client.get(LIST_URL).content.decode()


def test_list_is_sorted_by_the_next_shift(client):
    later = make_shift(starts_in=timedelta(days=9)).opportunity
    sooner = make_shift(starts_in=timedelta(days=2)).opportunity
    assert titles(client.get(LIST_URL)) == [sooner.title_da, later.title_da]


def test_malformed_filters_are_ignored_with_a_notice_and_never_an_error(client):
    shown = make_shift().opportunity
    for params in (
        {"town": "atlantis"},
        {"date_from": "2025-13-45"},
        {"focus_area": ["nope", "nada"]},
        {"kind": "forever"},
        {"language": "<script>"},
        {"page": "banana"},
        {"date_from": "2030-01-02", "date_to": "2030-01-01"},
        {"date_from": "0001-01-01"},
        {"date_to": "9999-12-31"},
        {"from_home": "maybe"},
    ):
        response = client.get(LIST_URL, params)
        assert response.status_code == 200, params
        if "page" not in params:
            assert (
                "blev udeladt" in response.content.decode()
                or "left out" in response.content.decode()
            ), params
            assert titles(response) == [shown.title_da] or params.get("date_from"), params
    response = client.get("/en" + LIST_URL, {"town": "atlantis", "kind": "ad_hoc"})
    content = response.content.decode()
    assert "could not be understood" in content
    assert "Town" in content
    # The valid filter is kept in the form.
    assert (
        'value="ad_hoc" checked' in content
        or 'checked value="ad_hoc"' in content
        or re.search(r'value="ad_hoc"[^>]*checked', content)
    )


def test_of_a_multiple_choice_only_the_unknown_values_are_left_out(client):
    area = FocusAreaFactory(slug="groent")
    matching = OpportunityFactory(focus_areas=[area])
    make_shift(opportunity=matching)
    make_shift()
    response = client.get(LIST_URL, {"focus_area": ["groent", "nope"], "q": "x" * 5000})
    assert response.status_code == 200
    assert titles(response) == []  # the long search is cut, not dropped: it still applies
    response = client.get(LIST_URL, {"focus_area": ["groent", "nope"]})
    assert titles(response) == [matching.title_da]
    assert "Fokusområder" in response.content.decode()


def test_htmx_gets_only_the_results(client):
    make_shift()
    full = client.get(LIST_URL)
    partial = client.get(LIST_URL, HTTP_HX_REQUEST="true")
    assert "<html" in full.content.decode()
    assert "<html" not in partial.content.decode()
    assert 'id="results-heading"' in partial.content.decode()
    assert "HX-Request" in partial["Vary"]
    assert 'data-hx-get="/frivillig/"' in full.content.decode()
    assert 'data-hx-push-url="true"' in full.content.decode()


def test_list_query_count_does_not_grow_with_rows(client):
    area = FocusAreaFactory()
    skill = SkillFactory()
    organisation = OrganisationFactory()

    def add(count):
        for _ in range(count):
            opportunity = OpportunityFactory(
                organisation=organisation,
                focus_areas=[area],
                skills=[skill],
                languages=[
                    LanguageFactory(
                        code="uk", name_da="Ukrainsk", name_en="Ukrainian", native_name="українська"
                    )
                ],
            )
            make_shift(opportunity=opportunity)

    add(1)
    client.get(LIST_URL)  # warm caches (content types, sessions)
    cards.CARDS.forget()  # both lists build their cards (a kept card reads nothing)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST_URL)
    add(9)
    cards.CARDS.forget()
    with CaptureQueriesContext(connection) as ten:
        response = client.get(LIST_URL)
    assert len(titles(response)) == 10
    assert len(one.captured_queries) == len(ten.captured_queries)
    # The filters' options are read in one query each, not streamed through a server-side
    # cursor (PostgreSQL: a DECLARE and three round trips for a list of 20 towns).
    assert not [q for q in ten.captured_queries if q["sql"].startswith("DECLARE")]
    assert "Ukrainsk" in response.content.decode()


# --- the opportunity page ------------------------------------------------------------------------


def test_page_shows_shifts_with_the_engines_sign_up(client, shift, opportunity):
    response = client.get(opportunity.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert opportunity.title_da in content
    assert f'id="shift-{shift.pk}"' in content
    assert reverse("booking:sign_up", args=[shift.booking_slot.pk]) in content
    assert "3 ledige pladser" in content


def test_short_and_wrong_slug_urls_redirect(client, opportunity):
    response = client.get(f"/frivillig/{opportunity.pk}/")
    assert response.status_code == 301
    assert response["Location"] == opportunity.get_absolute_url()
    assert client.get(f"/frivillig/{opportunity.pk}/forkert/").status_code == 301


def test_contact_details_are_never_on_the_public_page(client, shift, opportunity, coordinator):
    content = client.get(opportunity.get_absolute_url()).content.decode()
    assert coordinator.email not in content
    assert opportunity.contact_phone not in content
    assert coordinator.display_name not in content
    # Nor for a logged-in person who has not signed up.
    client.force_login(UserFactory())
    content = client.get(opportunity.get_absolute_url()).content.decode()
    assert coordinator.email not in content
    assert opportunity.contact_phone not in content
    # Nor in the JSON-LD.
    assert coordinator.email not in json.dumps(
        client.get(opportunity.get_absolute_url()).context["json_ld"]
    )


def test_contact_details_for_volunteers_who_signed_up(
    client, shift, opportunity, coordinator, volunteer
):
    sign_up(shift, volunteer)
    client.force_login(volunteer)
    content = client.get(opportunity.get_absolute_url()).content.decode()
    assert coordinator.email in content
    assert opportunity.contact_phone in content


def test_contact_details_for_coordinators(client, opportunity, coordinator):
    client.force_login(coordinator)
    content = client.get(opportunity.get_absolute_url()).content.decode()
    assert coordinator.email in content


def test_unpublished_is_hidden_except_from_its_coordinators(client, organisation, coordinator):
    draft = OpportunityFactory(organisation=organisation, is_published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(coordinator)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert 'name="robots" content="noindex"' in response.content.decode()


def test_json_ld_events_for_shifts_and_a_posting_for_ongoing_roles(client):
    role = OpportunityFactory(kind=Opportunity.Kind.ONGOING)
    shift = make_shift(opportunity=role)
    content = client.get(role.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    data = json.loads(block)
    types = [item["@type"] for item in data]
    assert types == ["JobPosting", "Event"]
    assert data[0]["employmentType"] == "VOLUNTEER"
    assert data[1]["startDate"] == timezone.localtime(shift.starts_at).isoformat()
    assert data[1]["maximumAttendeeCapacity"] == 3
    assert data[1]["location"]["address"]["addressLocality"] == "Ribe"

    task = OpportunityFactory(kind=Opportunity.Kind.AD_HOC)
    make_shift(opportunity=task)
    content = client.get(task.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    assert [item["@type"] for item in json.loads(block)] == ["Event"]


def test_page_query_count_does_not_grow_with_shifts(client, opportunity, volunteer):
    make_shift(opportunity=opportunity)
    client.force_login(volunteer)
    client.get(opportunity.get_absolute_url())
    with CaptureQueriesContext(connection) as one:
        client.get(opportunity.get_absolute_url())
    for days in range(4, 12):
        make_shift(opportunity=opportunity, starts_in=timedelta(days=days))
    with CaptureQueriesContext(connection) as many:
        response = client.get(opportunity.get_absolute_url())
    assert len(response.context["shifts"]) == 9
    assert len(one.captured_queries) == len(many.captured_queries)


def test_organisation_page_section(client, opportunity, shift):
    response = client.get(opportunity.organisation.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Bliv frivillig hos os" in content or "Volunteer with us" in content
    assert opportunity.title_da in content


def test_the_filter_form_keeps_what_was_chosen(client):
    make_shift()
    content = client.get(LIST_URL, {"from_home": "1", "q": "stole"}).content.decode()
    assert re.search(r'name="from_home" value="1" id="id_from_home" checked', content)
    assert 'value="stole"' in content
    content = client.get(LIST_URL, {"from_home": "false"}).content.decode()
    assert not re.search(r'name="from_home" value="1" id="id_from_home" checked', content)


def test_sitemap_lists_published_opportunities_in_both_languages(rf):
    from django.contrib.sitemaps.views import sitemap

    from samskab.volunteering.sitemaps import sitemaps

    published = OpportunityFactory()
    hidden = OpportunityFactory(is_published=False)
    response = sitemap(rf.get("/sitemap.xml"), sitemaps=sitemaps)
    response.render()
    content = response.content.decode()
    assert f"/frivillig/{published.pk}/{published.slug}/" in content
    assert f"/en/frivillig/{published.pk}/{published.slug}/" in content
    assert f"/frivillig/{hidden.pk}/" not in content


def test_impossible_numbers_in_addresses_are_not_found(client, volunteer):
    huge = "9" * 25
    assert client.get(f"/frivillig/{huge}/").status_code == 404
    assert client.get(f"/frivillig/{huge}/noget/").status_code == 404
    client.force_login(volunteer)
    assert client.get(f"/frivillig/tjek-ind/{huge}/hemmelig/").status_code == 404
    assert client.post(f"/frivillig/timer/{huge}/traek-tilbage/").status_code == 404


def test_an_organisation_page_with_activities_and_opportunities_stays_within_ten_queries(
    client, settings
):
    """Issue 3's limit for the organisation page (built, not from the page cache), also
    with "Volunteer with us" and activities on it."""
    from tests.factories import ActivityFactory, one_off

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    organisation = OrganisationFactory()
    skills = SkillFactory.create_batch(3)
    for _ in range(4):
        make_shift(opportunity=OpportunityFactory(organisation=organisation, skills=skills))
        one_off(ActivityFactory(organisation=organisation))
    url = f"/foreninger/{organisation.slug}/"
    client.get(url)  # content types and reference lists, read once per process
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    assert "Bliv frivillig hos os" in page.content.decode()
    assert len(queries) <= 10, [query["sql"][:80] for query in queries]


def test_the_list_reads_its_order_from_the_summaries_not_by_sorting_every_opportunity(client):
    """The page's rows come through an inner join with the coming-shift summaries, so that
    PostgreSQL can follow their index and stop after one page (with a left join it sorted
    every published opportunity: 14 ms at Esbjerg's scale, ten times that at ten times)."""
    make_shift(opportunity=OpportunityFactory(title_da="Bær stole"))
    ongoing = OpportunityFactory(title_da="Lektiecafé", kind=Opportunity.Kind.ONGOING)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST_URL)
    assert titles(response) == ["Bær stole", ongoing.title_da]
    (rows,) = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith('SELECT "volunteering_opportunity"."id"') and "LIMIT" in q["sql"]
    ]
    assert 'INNER JOIN "volunteering_upcomingshifts"' in rows
    assert 'LEFT OUTER JOIN "volunteering_upcomingshifts"' not in rows


def test_the_cards_show_their_skills_and_focus_areas_in_order_and_language(client):
    """The list and an organisation's page read the cards' lists for all cards at once."""
    cooking = SkillFactory(slug="madlavning", name_da="Madlavning", name_en="Cooking", order=2)
    driving = SkillFactory(slug="korsel", name_da="Kørsel", name_en="", order=1)
    area = FocusAreaFactory(title_da="Fællesskab", title_en="Community")
    organisation = OrganisationFactory()
    make_shift(
        opportunity=OpportunityFactory(
            organisation=organisation, skills=[cooking, driving], focus_areas=[area]
        )
    )
    make_shift(opportunity=OpportunityFactory(organisation=organisation, skills=[]))

    for address in (LIST_URL, organisation.get_absolute_url()):
        danish = client.get(address).content.decode()
        assert '<span lang="da">Kørsel</span>, <span lang="da">Madlavning</span>' in danish
        assert '<span lang="da">Fællesskab</span>' in danish
        english = client.get("/en" + address).content.decode()
        # Kørsel has no English name: Danish, and said to be Danish.
        assert '<span lang="da">Kørsel</span>, <span lang="en">Cooking</span>' in english
        assert '<span lang="en">Community</span>' in english
