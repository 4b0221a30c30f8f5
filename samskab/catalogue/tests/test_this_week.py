""" "This week near you": the section the catalogue adds to the vision's front page and
focus-area pages (``catalogue.sections``; kept whole with the page: vision's tests)."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from samskab.catalogue import sections
from samskab.catalogue.tests.helpers import ESBJERG, activity_with_session
from tests.factories import FocusAreaFactory, TownFactory

pytestmark = pytest.mark.django_db


def render(path="/", focus_area=None):
    from django.db import connection

    request = RequestFactory().get(path)
    with CaptureQueriesContext(connection) as context:
        html = render_to_string(sections.TEMPLATE, sections.this_week(request, focus_area))
    return html, len(context.captured_queries)


def test_shows_sessions_of_the_next_seven_days_soonest_first():
    activity_with_session(title_da="I overmorgen", days=2)
    activity_with_session(title_da="I morgen", days=1)
    activity_with_session(title_da="Om ti dage", days=10)

    html, _queries = render()

    assert html.index("I morgen") < html.index("I overmorgen")
    assert "Om ti dage" not in html
    assert "Denne uge nær dig" in html
    assert "/aktiviteter/?date_from=" in html


def test_one_card_per_activity():
    activity = activity_with_session(title_da="Hver dag", days=1)
    from samskab.catalogue.tests.helpers import session_on

    session_on(activity, days=2)
    session_on(activity, days=3)

    html, _queries = render()

    assert html.count("Hver dag") == 1


def test_a_postcode_puts_the_nearest_first_and_names_the_town():
    esbjerg = TownFactory(**ESBJERG)
    activity_with_session(title_da="I Ribe", days=1)
    activity_with_session(
        title_da="I Esbjerg", town=esbjerg, latitude=55.467, longitude=8.452, days=3
    )

    html, _queries = render("/?near=6700")

    assert html.index("I Esbjerg") < html.index("I Ribe")
    assert "Denne uge nær Esbjerg" in html
    assert 'value="6700"' in html


def test_an_unknown_place_is_explained_and_the_list_still_shown():
    activity_with_session(title_da="I Ribe", days=1)

    html, _queries = render("/?near=Atlantis")

    assert "Vi kender ikke stedet “Atlantis”" in html
    assert "I Ribe" in html


def test_on_a_focus_area_page_only_its_activities():
    health, culture = FocusAreaFactory(slug="sundhed"), FocusAreaFactory(slug="kultur")
    activity_with_session(title_da="Gymnastik", focus_areas=[health], days=1)
    activity_with_session(title_da="Koncert", focus_areas=[culture], days=1)

    html, _queries = render(focus_area=health)

    assert "Gymnastik" in html and "Koncert" not in html
    assert "area=sundhed" in html
    assert "Vær med i denne uge" in html


def test_nothing_this_week_says_so():
    html, _queries = render()

    assert "Der er endnu ikke planlagt noget de kommende syv dage." in html


def test_the_number_of_queries_is_fixed():
    activity_with_session(title_da="Første", days=1)
    _html, few = render()
    for number in range(15):
        activity_with_session(title_da=f"Aktivitet {number}", days=number % 6 + 1, capacity=5)
    _html, many = render()

    # The sessions, their slots, and the cards' age groups and languages (one query); the
    # places left are markers, filled in when the page is served.
    assert few == many == 3
    assert "<!--places-left:" in _html
