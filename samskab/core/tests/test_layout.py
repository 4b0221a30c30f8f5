"""The layout every page shares: skip link, header, menu, language switch and footer."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from samskab.core.tests.page import Page

CORE_CSS = Path(__file__).resolve().parents[1] / "static" / "samskab" / "css" / "samskab.css"


def language_link(page):
    links = page.all("a", class_="samskab-language-link")
    assert len(links) == 1
    return links[0]


def test_skip_link_is_the_first_link_and_leads_to_the_main_content(client, db):
    page = Page(client.get("/cookies/"))

    first_link = page.all("a")[0]
    assert first_link.attrs["class"] == "skipnav"
    assert first_link.attrs["href"] == "#main-content"
    assert " ".join(first_link.text.split()) == "Gå til sidens indhold"
    assert page.one("main").attrs["id"] == "main-content"


def test_skip_link_is_in_english_on_english_pages(client, db):
    page = Page(client.get("/en/cookies/"))

    assert " ".join(page.all("a")[0].text.split()) == "Go to the page content"


def test_skip_link_stays_out_of_sight_until_focused():
    css = CORE_CSS.read_text()

    # DKFDS shows a.skipnav at top: 0 on :focus; ours only moves it further out before that.
    assert re.search(r"a\.skipnav\s*\{\s*top:\s*-\d", css)
    assert not re.search(r"a\.skipnav:focus\s*[,{]", css), "DKFDS's own :focus rule must apply"


def test_main_navigation_is_shown_at_every_width_without_javascript():
    css = CORE_CSS.read_text()

    # DKFDS hides .navigation-menu below 992px in favour of a JavaScript drawer.
    rule = re.search(r"\.header \.navigation-menu\.samskab-nav\s*\{([^}]*)\}", css)
    assert rule and "display: block" in rule.group(1)
    wrap = re.search(r"\.samskab-nav ul\.mainmenu\s*\{([^}]*)\}", css)
    assert wrap and "row wrap" in wrap.group(1)


def test_landmarks_are_present_and_labelled(client, db):
    page = Page(client.get("/cookies/"))

    assert len(page.all("header")) == 1
    assert len(page.all("main")) == 1
    assert len(page.all("footer")) == 1
    navigations = page.all("nav")
    labelling = {"aria-label", "aria-labelledby"}
    unlabelled = [nav for nav in navigations if not labelling & set(nav.attrs)]
    assert not unlabelled
    labels = {nav.attrs.get("aria-label") for nav in navigations}
    assert {"Hovedmenu", "Sprog", "Brødkrummesti"} <= labels


def test_header_shows_the_configured_municipality(client, db, settings):
    settings.MUNICIPALITY_NAME = "Testrup Kommune"

    page = Page(client.get("/cookies/"))

    assert page.one("span", class_="samskab-brand-municipality").text.strip() == "Testrup Kommune"
    assert page.title.endswith("· Samskab · Testrup Kommune")
    assert page.one("a", class_="samskab-brand").attrs["href"] == "/"


def test_anonymous_visitor_is_offered_log_in_and_sign_up(client, db):
    page = Page(client.get("/cookies/"))

    assert page.link("Log ind").attrs["href"] == reverse("account_login")
    assert page.link("Opret konto").attrs["href"] == reverse("account_signup")
    assert reverse("account_logout") not in page.html
    assert reverse("accounts:my_account") not in page.hrefs()


def test_logged_in_user_sees_their_name_my_account_and_a_log_out_button(client, citizen):
    client.force_login(citizen)

    page = Page(client.get("/cookies/"))

    assert "Logget ind som <strong>Karen Sørensen</strong>" in page.html
    assert page.link("Min konto").attrs["href"] == reverse("accounts:my_account")
    logout = page.one("form", action=reverse("account_logout"))
    assert logout.attrs["method"] == "post"
    assert page.all("input", name="csrfmiddlewaretoken")
    assert [b.text.strip() for b in page.all("button") if "form" in b.parents] == ["Log ud"]
    assert reverse("admin:index") not in page.hrefs()
    assert reverse("account_login") not in page.hrefs()


def test_users_name_is_escaped_in_the_header(client, citizen):
    citizen.display_name = "<script>alert(1)</script>"
    citizen.save()
    client.force_login(citizen)

    html = client.get("/cookies/").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_staff_see_the_administration_link(client, staff_member):
    client.force_login(staff_member)

    page = Page(client.get("/en/cookies/"))

    assert page.link("Administration").attrs["href"] == reverse("admin:index")
    assert "Logged in as <strong>Ole Staff</strong>" in page.html
    assert page.link("My account").attrs["href"] == "/en/min-konto/"


def test_menu_marks_the_current_page(client, db):
    page = Page(client.get(reverse("account_login")))

    current = page.one("a", **{"aria-current": "page"})
    assert current.attrs["href"] == reverse("account_login")


@pytest.mark.parametrize(
    ("path", "expected_href", "expected_text", "expected_lang"),
    [
        ("/tilgaengelighed/", "/en/tilgaengelighed/", "English", "en"),
        ("/en/tilgaengelighed/", "/tilgaengelighed/", "Dansk", "da"),
        ("/privatliv/?fra=forsiden&side=2", "/en/privatliv/?fra=forsiden&side=2", "English", "en"),
        ("/en/cookies/?q=%C3%A6bler", "/cookies/?q=%C3%A6bler", "Dansk", "da"),
        ("/konto/login/?next=/min-konto/", "/en/konto/login/?next=/min-konto/", "English", "en"),
    ],
)
def test_language_switch_keeps_the_visitor_on_the_same_page(
    client, db, path, expected_href, expected_text, expected_lang
):
    link = language_link(Page(client.get(path)))

    assert link.attrs["href"] == expected_href
    assert " ".join(link.text.split()) == expected_text
    assert link.attrs["lang"] == expected_lang
    assert link.attrs["hreflang"] == expected_lang


def test_language_switch_escapes_the_query_string(client, db):
    html = client.get("/cookies/?a=1&b=%22%3E%3Cscript%3E").content.decode()

    assert '"><script>' not in html
    assert 'href="/en/cookies/?a=1&amp;b=%22%3E%3Cscript%3E"' in html


@pytest.mark.parametrize(
    ("path", "expected_href"),
    [
        ("/findes-ikke/", "/en/findes-ikke/"),
        ("/en/does-not-exist/?x=1", "/does-not-exist/?x=1"),
    ],
)
def test_language_switch_on_a_missing_page_leads_to_the_other_languages_not_found_page(
    client, db, path, expected_href
):
    response = client.get(path)
    assert response.status_code == 404

    assert language_link(Page(response)).attrs["href"] == expected_href
    assert client.get(expected_href).status_code == 404


def test_page_announces_both_language_versions(client, db):
    page = Page(client.get("/en/privatliv/"))

    alternates = {
        link.attrs["hreflang"]: link.attrs["href"] for link in page.all("link", rel="alternate")
    }
    assert alternates == {
        "da": "http://testserver/privatliv/",
        "en": "http://testserver/en/privatliv/",
    }


def test_missing_page_announces_no_language_versions(client, db):
    page = Page(client.get("/en/findes-ikke/"))

    assert not page.all("link", rel="alternate")


def test_language_is_chosen_by_the_address_only(client, db):
    assert Page(client.get("/en/cookies/")).language == "en"
    # Neither the previous visit nor the browser's language moves Danish addresses to English.
    assert Page(client.get("/cookies/", HTTP_ACCEPT_LANGUAGE="en")).language == "da"


def test_footer_shows_the_contact_email(client, db, settings):
    page = Page(client.get("/en/cookies/"))

    contact = page.link(f"Write to {settings.MUNICIPALITY_CONTACT_EMAIL}")
    assert contact.attrs["href"] == f"mailto:{settings.MUNICIPALITY_CONTACT_EMAIL}"
    assert "footer" in contact.parents


def test_every_layout_string_is_translated_into_danish(client, citizen):
    client.force_login(citizen)

    html = client.get("/cookies/").content.decode()

    for english in ("Main menu", "Log out", "Logged in as", "About this website", "Front page"):
        assert english not in html
