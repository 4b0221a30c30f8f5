"""Moving around without a mouse and between languages: the language switch keeps the reader
on the same page, and the skip link is the first thing the keyboard reaches."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, assert_accessible, log_in

FOCUS_AREA_PATH = "/fokusomraader/energi-i-hverdagslivet/"


def test_language_switch_keeps_the_reader_on_the_same_page(page_at, live_server, vision_demo):
    page = page_at(PHONE)
    page.goto(f"{live_server.url}{FOCUS_AREA_PATH}")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("heading", level=1)).to_have_text("Energi i hverdagslivet")

    switch = page.get_by_role("navigation", name="Sprog").get_by_role("link", name="English")
    # The link's name is English on a Danish page, so it carries its own language.
    expect(switch).to_have_attribute("lang", "en")
    expect(switch).to_have_attribute("hreflang", "en")
    switch.click()

    expect(page).to_have_url(f"{live_server.url}/en{FOCUS_AREA_PATH}")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_title(re.compile(r"^Energy in everyday life · Samskab"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Energy in everyday life")
    expect(page.get_by_role("navigation", name="Main menu")).to_contain_text("The vision")
    assert_accessible(page)

    back = page.get_by_role("navigation", name="Language").get_by_role("link", name="Dansk")
    expect(back).to_have_attribute("lang", "da")
    back.click()

    expect(page).to_have_url(f"{live_server.url}{FOCUS_AREA_PATH}")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page).to_have_title(re.compile(r"^Energi i hverdagslivet · Samskab"))


def test_language_switch_keeps_a_logged_in_user_on_their_account_page(
    page_at, live_server, citizen
):
    page = page_at()
    log_in(page, live_server, citizen)
    page.goto(f"{live_server.url}/min-konto/")

    page.get_by_role("navigation", name="Sprog").get_by_role("link", name="English").click()

    expect(page).to_have_url(f"{live_server.url}/en/min-konto/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")
    expect(page.get_by_role("banner")).to_contain_text(f"Logged in as {citizen.display_name}")


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(
    page_at, live_server, vision_demo, viewport
):
    page = page_at(viewport)
    page.goto(f"{live_server.url}{FOCUS_AREA_PATH}")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Gå til sidens indhold")
    expect(skip_link).to_be_focused()
    # DKFDS keeps it off-screen until it has focus; then a sighted keyboard user sees it.
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}{FOCUS_AREA_PATH}#main-content")
    expect(page.get_by_role("main")).to_be_focused()

    # The next Tab stop is the first link in the content, not the header again.
    page.keyboard.press("Tab")
    first_link_in_content = page.get_by_role("main").get_by_role("link").first
    expect(first_link_in_content).to_be_focused()
