"""Long public lists count at most ``COUNT_CAP`` rows: below the cap they say the exact
number, above it "more than", and offer the first ``COUNT_CAP`` rows in pages."""

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from samskab.catalogue.tests.helpers import activity_with_session
from samskab.core import paging
from samskab.volunteering.models import Opportunity
from tests.factories import OpportunityFactory, OrganisationFactory
from tests.factories.ideas import propose_idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def cap_of_two(monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 2)


def heading(response) -> str:
    """The catalogue's heading of its results."""
    found = re.search(r'<h2 class="h3 catalogue-count">([^<]+)</h2>', response.content.decode())
    return found.group(1).strip()


def test_a_count_below_the_cap_is_exact_and_above_it_says_so():
    for number in range(3):
        OrganisationFactory(name=f"Forening {number}")
    from samskab.organisations.models import Organisation

    rows = Organisation.objects.order_by("name")
    assert paging.capped_count(rows, cap=3) == (3, False)
    assert paging.capped_count(rows, cap=2) == (2, True)
    assert paging.capped_count(rows.none(), cap=2) == (0, False)


def test_the_count_reads_no_more_rows_than_the_cap_and_does_not_sort_them():
    OrganisationFactory()
    from samskab.organisations.models import Organisation

    with CaptureQueriesContext(connection) as captured:
        paging.capped_count(Organisation.objects.order_by("name"), cap=5)
    (sql,) = [query["sql"] for query in captured.captured_queries]
    assert "LIMIT 6" in sql
    assert "ORDER BY" not in sql


def test_a_capped_paginator_offers_the_first_rows_in_pages_and_no_more():
    pages = paging.CappedPaginator(list(range(50)), 10, cap=25)
    assert (pages.count, pages.count_capped, pages.num_pages) == (25, True, 3)
    assert list(pages.get_page(3)) == list(range(20, 25))
    assert pages.get_page(9).number == 3

    short = paging.CappedPaginator(list(range(5)), 10, cap=25)
    assert (short.count, short.count_capped, short.num_pages) == (5, False, 1)


def test_a_paginator_told_the_count_does_not_count_again():
    pages = paging.CappedPaginator([], 10, counted=(30, True))
    with CaptureQueriesContext(connection) as captured:
        assert (pages.count, pages.count_capped, pages.num_pages) == (30, True, 3)
    assert not captured.captured_queries


def render_pages(paginator, number) -> str:
    page = paginator.get_page(number)
    return render_to_string(
        "core/includes/pagination.html",
        {"page": page, "page_range": paginator.get_elided_page_range(page.number)},
        RequestFactory().get("/liste/", {"q": "strik"}),
    )


def test_capped_pages_have_no_last_page_and_the_last_one_says_why(settings):
    settings.LANGUAGE_CODE = "en"
    capped = paging.CappedPaginator(list(range(50)), 10, cap=30)
    first, last = render_pages(capped, 1), render_pages(capped, 3)
    assert "Last page" not in first
    assert "Page 1 of 3" in first
    assert "Only the first" not in first
    assert "?q=strik&amp;page=2" in first
    assert "Only the first 30 can be shown in pages." in last

    whole = paging.CappedPaginator(list(range(25)), 10, cap=30)
    assert "Last page" in render_pages(whole, 1)
    assert "Only the first" not in render_pages(whole, 3)


def test_the_catalogue_says_more_than_and_offers_no_last_page(client, cap_of_two):
    for number in range(3):
        activity_with_session(title_da=f"Aktivitet {number}", days=number + 1)

    response = client.get("/aktiviteter/", {"page": "2"})
    html = response.content.decode()
    assert heading(response) == "Mere end 2 aktiviteter"
    assert "Der er ingen side 2" in html
    assert "Kun de første 2 kan vises på sider." in html

    htmx = client.get(
        "/aktiviteter/", headers={"HX-Request": "true", "HX-Target": "catalogue-results"}
    )
    assert "Mere end 2 aktiviteter passer." in htmx.content.decode()  # for screen readers

    english = client.get("/en/aktiviteter/")
    assert heading(english) == "More than 2 activities"
    assert "Only the first 2 can be shown in pages." in english.content.decode()


def test_the_catalogue_filtered_on_sessions_counts_the_same_way(client, cap_of_two):
    for title in ("Svømning", "Strikkecafé", "Skak"):
        activity_with_session(title_da=title)
    assert heading(client.get("/aktiviteter/", {"time": "morning"})) == "Mere end 2 aktiviteter"
    assert heading(client.get("/aktiviteter/", {"time": "morning", "q": "skak"})) == "1 aktivitet"


def test_under_the_cap_the_catalogue_has_its_exact_count_and_last_page(client, cap_of_two):
    for number in range(2):
        activity_with_session(title_da=f"Aktivitet {number}", days=number + 1)
    response = client.get("/aktiviteter/")
    assert heading(response) == "2 aktiviteter"
    assert "Mere end" not in response.content.decode()


def test_the_idea_list_says_more_than(client, cap_of_two):
    for number in range(3):
        propose_idea(title=f"Idé nummer {number}")
    assert "Mere end 2 idéer" in client.get("/ideer/").content.decode()
    assert "More than 2 ideas" in client.get("/en/ideer/").content.decode()


def test_the_opportunity_list_says_more_than(client, cap_of_two):
    for _number in range(3):
        OpportunityFactory(kind=Opportunity.Kind.ONGOING)
    html = client.get("/frivillig/").content.decode()
    assert "Mere end 2 opgaver" in html
