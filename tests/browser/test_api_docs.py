"""The API's documentation in the site (Swagger UI from our own static files, under the
strict CSP, nothing from another origin), and an organisation's administrator creating an
API client and seeing its secret once."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_api_documentation_works_under_our_csp(page_at, live_server):
    page = page_at()
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.get_by_role("heading", name="Samskab API", level=1)).to_be_visible()
    # Swagger UI has read the description and lists the operations.
    expect(page.get_by_text("/api/v1/activities/", exact=True).first).to_be_visible()
    expect(page.get_by_text("/api/v1/sources/activities/{source_id}/").first).to_be_visible()
    assert_accessible(page)


def test_an_administrator_creates_an_api_client(page_at, live_server):
    from samskab.organisations.models import Membership
    from tests.factories import OrganisationFactory, coordinator_of

    organisation = OrganisationFactory(name="Ribe Vandreklub")
    administrator = coordinator_of(organisation, role=Membership.Role.ADMINISTRATOR)
    page = page_at()
    log_in(page, live_server, administrator)
    page.goto(f"{live_server.url}/foreninger/administrer/{organisation.slug}/")
    page.get_by_role("link", name="API-klienter").click()
    expect(page.get_by_role("heading", name="API-klienter", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Systemets navn").fill("Klubbens bookingsystem")
    page.get_by_role("button", name="Opret klient").click()
    expect(page.get_by_text("Kopiér hemmeligheden nu")).to_be_visible()
    assert len(page.locator("#api-client-secret").inner_text()) >= 40
    assert_accessible(page)
    page.get_by_role("link", name="Tilbage til API-klienter").click()
    expect(page.get_by_role("heading", name="Klubbens bookingsystem")).to_be_visible()
    assert page.locator("#api-client-secret").count() == 0
