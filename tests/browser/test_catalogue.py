"""The catalogue in the browser: the list in Danish and English on a phone and a desktop;
filters for town, "come alone", free and this week that htmx applies without reloading the
page, in the address so the back button brings the previous choice back; the same form
without JavaScript; and the map of the same results, with markers and nothing asked of
another origin (the tests configure no tile server, as the default settings)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.activity_data import (
    esbjerg,
    knitting_cafe,
    later_today,
    one_session,
    ribe_knitting_club,
    session_on,
)
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible

CATALOGUE = reverse("catalogue:index")
MAP = reverse("catalogue:map")
CAFE = "Strikkecafé på Ribe Bibliotek"
COME_ALONE = re.compile(r"^Kom alene [–—] du bliver taget godt imod$")

LANGUAGES = {
    "da": {
        "prefix": "",
        "heading": "Find aktiviteter",
        "search": "Find aktiviteter",
        "count": "5 aktiviteter",
        "cafe": CAFE,
        "map_link": "Vis dem på et kort",
    },
    "en": {
        "prefix": "/en",
        "heading": "Find activities",
        "search": "Find activities",
        "count": "5 activities",
        "cafe": "Knitting café at Ribe Library",
        "map_link": "Show them on a map",
    },
}


@pytest.fixture(params=["da", "en"])
def language(request):
    return request.param


@pytest.fixture
def activities(transactional_db):
    """Five activities with a coming session; only the café is free, for newcomers, in Ribe
    and this week."""
    organisation = ribe_knitting_club()
    cafe = knitting_cafe(organisation)
    session_on(cafe, later_today(), capacity=10)
    for fields in (
        {"title_da": "Kreativt værksted", "title_en": "Creative workshop", "price": 50},
        {"title_da": "Skakklub", "title_en": "Chess club", "come_alone_welcome": False},
        {
            "title_da": "Strikkecafé i Esbjerg",
            "title_en": "Knitting café in Esbjerg",
            "town": esbjerg(),
            "place_name": "Esbjerg Hovedbibliotek",
            "postcode": "6700",
            "latitude": 55.4667,
            "longitude": 8.4520,
        },
    ):
        session_on(knitting_cafe(organisation, **fields), later_today(), capacity=10)
    one_session(
        knitting_cafe(
            organisation,
            title_da="Julehygge",
            title_en="Christmas party",
            place_name="Ribe Domkirke",
            latitude=55.3276,
            longitude=8.7606,
        ),
        days=20,
        capacity=10,
    )
    return cafe


def results(page):
    return page.locator("#catalogue-results")


def result_titles(page):
    return results(page).get_by_role("heading", level=3)


def test_catalogue_lists_the_coming_activities(
    page_at, live_server, activities, viewport, language
):
    text = LANGUAGES[language]
    page = page_at(viewport)
    page.goto(f"{live_server.url}{text['prefix']}{CATALOGUE}")

    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(text["heading"])
    expect(page.get_by_role("search", name=text["search"])).to_be_visible()
    expect(results(page).get_by_role("heading", level=2)).to_have_text(text["count"])
    expect(result_titles(page)).to_have_count(5)
    expect(result_titles(page).get_by_role("link", name=text["cafe"])).to_have_attribute(
        "href", f"{text['prefix']}{activities.get_absolute_url()}"
    )
    expect(results(page).get_by_role("link", name=text["map_link"])).to_be_visible()
    assert_accessible(page)


def test_filters_update_the_results_in_place_and_the_back_button_brings_them_back(
    page_at, live_server, activities
):
    page = page_at(DESKTOP)
    page.goto(f"{live_server.url}{CATALOGUE}")
    search = page.get_by_role("search", name="Find aktiviteter")
    # "This week" is a quick choice: a plain link that keeps the other filters.
    search.get_by_text("Hvornår", exact=True).click()
    search.get_by_role("link", name="De næste 7 dage").click()
    expect(page).to_have_url(re.compile(r"date_from=.*date_to="))
    # htmx (loaded with defer) must be listening before the next change.
    page.wait_for_load_state()
    expect(result_titles(page)).to_have_count(4)

    # From here htmx applies each change: the page is not loaded again.
    page.evaluate("window.loadedOnce = true")
    search.get_by_role("checkbox", name="Gratis").check()
    expect(page).to_have_url(re.compile(r"free=1"))
    expect(result_titles(page)).to_have_count(3)
    search.get_by_role("checkbox", name=COME_ALONE).check()
    expect(page).to_have_url(re.compile(r"alone=1"))
    expect(result_titles(page)).to_have_text([CAFE, "Strikkecafé i Esbjerg"])
    search.get_by_text("Hvor", exact=True).click()
    search.get_by_role("group", name="By").get_by_role("checkbox", name="Ribe").check()
    expect(page).to_have_url(re.compile(r"town=ribe"))
    expect(result_titles(page)).to_have_text([CAFE])
    expect(page.get_by_role("status").filter(has_text="passer")).to_have_text("1 aktivitet passer.")
    assert page.evaluate("window.loadedOnce") is True
    assert_accessible(page)

    # The address is the search: shared or reloaded, it shows the same.
    filtered_url = page.url
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"town=ribe"))
    expect(page).to_have_url(re.compile(r"alone=1"))
    expect(result_titles(page)).to_have_text([CAFE, "Strikkecafé i Esbjerg"])
    expect(search.get_by_role("checkbox", name="Ribe")).not_to_be_checked()
    expect(search.get_by_role("checkbox", name="Gratis")).to_be_checked()
    page.go_forward()
    expect(result_titles(page)).to_have_text([CAFE])
    page.goto(filtered_url)
    expect(result_titles(page)).to_have_text([CAFE])
    expect(search.get_by_role("checkbox", name="Ribe")).to_be_checked()
    assert_accessible(page)


def test_a_quick_choice_keeps_the_filters_chosen_before_it(page_at, live_server, activities):
    page = page_at(PHONE)
    page.goto(f"{live_server.url}{CATALOGUE}")
    search = page.get_by_role("search", name="Find aktiviteter")
    # One change at a time, as a reader who looks at the results in between: a second
    # change while the first is on its way cancels it, and htmx logs that as an error.
    search.get_by_role("checkbox", name="Gratis").check()
    expect(page).to_have_url(re.compile(r"free=1"))
    search.get_by_role("checkbox", name=COME_ALONE).check()
    expect(page).to_have_url(re.compile(r"alone=1"))
    expect(result_titles(page)).to_have_count(3)
    search.get_by_text("Hvornår", exact=True).click()
    search.get_by_role("link", name="De næste 7 dage").click()
    expect(page).to_have_url(re.compile(r"date_to="))
    expect(page).to_have_url(re.compile(r"free=1"))
    expect(page).to_have_url(re.compile(r"alone=1"))
    expect(result_titles(page)).to_have_text([CAFE, "Strikkecafé i Esbjerg"])


def test_without_javascript_the_filter_form_submits(page_at, live_server, activities):
    page = page_at(PHONE, java_script_enabled=False)
    page.goto(f"{live_server.url}{CATALOGUE}")
    search = page.get_by_role("search", name="Find aktiviteter")
    search.get_by_role("checkbox", name="Gratis").check()
    search.get_by_role("checkbox", name=COME_ALONE).check()
    search.get_by_text("Hvor", exact=True).click()
    search.get_by_role("checkbox", name="Ribe").check()
    search.get_by_role("button", name="Vis aktiviteter").first.click()

    for chosen in ("free=1", "alone=1", "town=ribe"):
        expect(page).to_have_url(re.compile(chosen))
    expect(result_titles(page)).to_have_text([CAFE, "Julehygge"])
    expect(search.get_by_role("checkbox", name="Gratis")).to_be_checked()
    page.go_back()
    expect(result_titles(page)).to_have_count(5)


def test_map_shows_the_same_results_as_markers(
    page_at, live_server, activities, viewport, settings
):
    settings.MAP_TILE_URL = ""
    page = page_at(viewport)
    page.goto(f"{live_server.url}{CATALOGUE}?free=1&alone=1")
    expect(result_titles(page)).to_have_count(3)
    results(page).get_by_role("link", name="Vis dem på et kort").click()

    expect(page).to_have_url(re.compile(rf"{re.escape(MAP)}\?free=1&alone=1$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Aktiviteter på et kort")
    expect(page.locator(".catalogue-map-summary")).to_contain_text("Kortet viser 3 aktiviteter.")
    markers = page.locator("#catalogue-map .leaflet-marker-icon")
    expect(markers).to_have_count(3)
    # The markers are buttons a keyboard reaches; Enter opens the popup with the link.
    markers.and_(page.get_by_role("button", name=CAFE)).focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup")
    expect(popup.get_by_role("link", name=CAFE)).to_have_attribute(
        "href", activities.get_absolute_url()
    )
    # Leaflet fades the popup in; its colours are judged once it is there.
    expect(popup).to_have_css("opacity", "1")
    assert_accessible(page)

    # The filters work on the map too, and redraw the markers.
    search = page.get_by_role("search", name="Find aktiviteter")
    search.get_by_text("Hvor", exact=True).click()
    search.get_by_role("checkbox", name="Ribe").check()
    expect(page).to_have_url(re.compile(r"town=ribe"))
    expect(markers).to_have_count(2)
    assert_accessible(page)
