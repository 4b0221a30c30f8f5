"""The layout's own pages: the three pages the footer links to, and the friendly 404, in
Danish and English, on a phone and on a desktop."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

LANGUAGES = {
    "da": {
        "prefix": "",
        "footer_nav": "Om dette websted",
        "pages": {
            "Tilgængelighedserklæring": "/tilgaengelighed/",
            "Privatlivspolitik": "/privatliv/",
            "Cookies": "/cookies/",
        },
        "not_found_title": "Siden blev ikke fundet",
        "not_found_heading": "Vi kunne ikke finde siden",
        "front_page_link": "Gå til forsiden",
    },
    "en": {
        "prefix": "/en",
        "footer_nav": "About this website",
        "pages": {
            "Accessibility statement": "/en/tilgaengelighed/",
            "Privacy policy": "/en/privatliv/",
            "Cookies": "/en/cookies/",
        },
        "not_found_title": "Page not found",
        "not_found_heading": "We could not find that page",
        "front_page_link": "Go to the front page",
    },
}


@pytest.fixture(params=["da", "en"])
def language(request):
    return request.param


def test_footer_pages(page_at, live_server, vision_demo, viewport, language):
    text = LANGUAGES[language]
    page = page_at(viewport)
    page.goto(f"{live_server.url}{text['prefix']}/")

    for title, path in text["pages"].items():
        footer_links = page.get_by_role("contentinfo").get_by_role(
            "navigation", name=text["footer_nav"]
        )
        footer_links.get_by_role("link", name=title, exact=True).click()
        expect(page).to_have_url(f"{live_server.url}{path}")
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page).to_have_title(re.compile(rf"^{re.escape(title)} · Samskab"))
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        assert_accessible(page)


def test_page_not_found(page_at, page_problems, live_server, transactional_db, viewport, language):
    text = LANGUAGES[language]
    url = f"{live_server.url}{text['prefix']}/findes-ikke/"
    page_problems.expect_error_response(url)
    page = page_at(viewport)
    response = page.goto(url)

    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page).to_have_title(re.compile(rf"^{re.escape(text['not_found_title'])} · Samskab"))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["not_found_heading"])
    expect(page.get_by_role("link", name=text["front_page_link"])).to_have_attribute(
        "href", f"{text['prefix']}/"
    )
    assert_accessible(page)
