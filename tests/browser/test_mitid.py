"""MitID in the browser, through the real test provider (testidp/): the login page (zero axe
violations, the test persons listed), a cancelled login that comes back with a kind
message, and a person who proves who they are. The form on Samskab's page is sent on to
the provider, so the page's CSP must allow that origin as form-action (Chromium enforces it
on the redirect). The provider's own pages are not Samskab's: what they load (its
development login page asks for a web font) is not held against the site."""

import pytest
from playwright.sync_api import expect

from samskab.mitid import identity
from tests.browser.conftest import assert_accessible

NEXT = "/ideer/"


@pytest.fixture
def mitid(mitid_live_provider, page_problems, transactional_db):
    """The provider's pages may load what they like; Samskab's pages are checked as ever."""
    issuer = mitid_live_provider.issuer
    on_request, on_console = page_problems.on_request, page_problems.on_console

    def request_allowed(request):
        if request.url.startswith(issuer) or request.frame.url.startswith(issuer):
            return
        on_request(request)

    def console_allowed(message):
        if message.location.get("url", "").startswith(issuer) or message.page.url.startswith(
            issuer
        ):
            return
        on_console(message)

    page_problems.on_request = request_allowed
    page_problems.on_console = console_allowed
    return mitid_live_provider


def test_the_login_page_and_a_cancelled_login(page_at, live_server, mitid):
    page = page_at()
    page.goto(live_server.url + identity.login_url(NEXT))

    expect(page.get_by_role("heading", level=1)).to_have_text("Bevis, hvem du er, med MitID")
    expect(page.get_by_role("cell", name="voksen")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Fortsæt til MitID").click()
    page.wait_for_url(f"{mitid.issuer}/**")
    page.get_by_role("link", name="[ Cancel ]").click()

    page.wait_for_url(live_server.url + NEXT)
    expect(
        page.get_by_text("Du afbrød login med MitID. Intet er gemt eller skrevet under.")
    ).to_be_visible()
    assert_accessible(page)


def test_a_person_proves_who_they_are(page_at, live_server, mitid):
    page = page_at()
    page.goto(live_server.url + identity.login_url(NEXT))

    page.get_by_role("button", name="Fortsæt til MitID").click()
    page.wait_for_url(f"{mitid.issuer}/**")
    page.get_by_placeholder("Enter any login").fill("voksen")
    page.get_by_placeholder("and password").fill("hvad som helst")
    page.get_by_role("button", name="Sign-in").click()

    page.wait_for_url(live_server.url + NEXT)
    expect(page.get_by_text("Du har bevist, hvem du er, med MitID.")).to_be_visible()
