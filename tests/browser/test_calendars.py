"""Imported calendars in the browser: a coordinator adds the choir's Google calendar, served
by a real calendar server on 127.0.0.1, and sees its events as sessions on the activity's
page; a calendar that fails shows why in words. Every page: zero axe violations, no
console, CSP or JavaScript errors, nothing from other origins."""

import pytest
from playwright.sync_api import expect

from samskab.activities.models import Activity
from samskab.calendars.tests.conftest import CalendarServer, calendar_text
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import ActivityFactory, OrganisationFactory, coordinator_of


@pytest.fixture
def calendar_server():
    server = CalendarServer().start()
    yield server
    server.stop()


def test_a_coordinator_imports_a_calendar_and_sees_its_events_as_sessions(
    page_at, page_problems, live_server, transactional_db, calendar_server, settings, viewport
):
    settings.CALENDARS_WINDOW_DAYS = 500
    organisation = OrganisationFactory(name="Ribe Kammerkor")
    choir = ActivityFactory(
        organisation=organisation,
        title_da="Korprøver",
        participation=Activity.Participation.SIGN_UP,
    )
    coordinator = coordinator_of(organisation)
    calendar_server.serve("/kor.ics", calendar_text("google.ics"))
    calendar_server.serve("/forkert.ics", b"<html><body>Log ind</body></html>")

    manage_url = f"{live_server.url}/kalendere/administrer/{organisation.slug}/"
    # A refused form answers 400 (Chromium logs it as a console error).
    page_problems.expect_error_response(manage_url)
    page = page_at(viewport=viewport)
    log_in(page, live_server, coordinator)
    page.goto(manage_url)
    expect(page.get_by_role("heading", name="Kalendere", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Kalenderens adresse").fill(calendar_server.url("/kor.ics"))
    page.get_by_label("Aktivitet").select_option(label="Korprøver")
    page.get_by_label("Pladser pr. gang").fill("20")
    page.get_by_role("button", name="Tilføj kalender").click()
    expect(page.get_by_text("Kalenderen er tilføjet.")).to_be_visible()
    expect(page.get_by_text("10 gange oprettet, 0 flyttet, 0 aflyst")).to_be_visible()
    assert_accessible(page)

    # A wrong address: refused in words, the form keeps what was typed.
    page.get_by_label("Kalenderens adresse").fill("http://10.0.0.1/kor.ics")
    page.get_by_label("Aktivitet").select_option(label="Korprøver")
    settings.CALENDARS_ALLOW_LOOPBACK = False
    page.get_by_role("button", name="Tilføj kalender").click()
    expect(page.get_by_text("privat eller internt netværk").first).to_be_visible()
    assert_accessible(page)
    settings.CALENDARS_ALLOW_LOOPBACK = True

    # A calendar whose address leads to a web page: the error is shown in words.
    page.get_by_label("Kalenderens adresse").fill(calendar_server.url("/forkert.ics"))
    page.get_by_label("Aktivitet").select_option(label="Korprøver")
    page.get_by_role("button", name="Tilføj kalender").click()
    expect(
        page.get_by_text("Adressen fører ikke til en kalender i iCalendar-format")
    ).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}{choir.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Korprøver", level=1)).to_be_visible()
    assert choir.sessions.count() == 10
