import itertools

import pytest
from django.urls import reverse
from django.utils import translation

from samskab.core.tests.page import Page

LEGAL_PAGES = [
    ("core:accessibility", "Tilgængelighedserklæring", "Accessibility statement"),
    ("core:privacy", "Privatlivspolitik", "Privacy policy"),
    ("core:cookies", "Cookies", "Cookies"),
]


def url_in(language, name):
    with translation.override(language):
        return reverse(name)


@pytest.mark.parametrize(("name", "danish_title", "english_title"), LEGAL_PAGES)
@pytest.mark.parametrize("language", ["da", "en"])
def test_legal_page_has_one_translated_h1_title_and_ordered_headings(
    client, db, name, danish_title, english_title, language
):
    title = danish_title if language == "da" else english_title
    page = Page(client.get(url_in(language, name)))

    assert page.status_code == 200
    assert page.language == language
    assert page.h1 == title
    assert page.title.startswith(f"{title} · Samskab")
    levels = page.heading_levels_in_main()
    assert levels[0] == 1
    skipped = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert not skipped, f"headings skip a level: {levels}"


@pytest.mark.parametrize(("name", "danish_title", "english_title"), LEGAL_PAGES)
def test_legal_page_is_written_in_the_language_of_the_address(
    client, db, name, danish_title, english_title
):
    danish = Page(client.get(url_in("da", name)))
    english = Page(client.get(url_in("en", name)))

    assert "Senest opdateret" in danish.html
    assert "Last updated" not in danish.html
    assert "Last updated" in english.html
    assert "Senest opdateret" not in english.html
    for page in (danish, english):
        assert page.all("time"), "the last-updated date is machine readable"


@pytest.mark.parametrize(("name", "danish_title", "english_title"), LEGAL_PAGES)
@pytest.mark.parametrize("language", ["da", "en"])
def test_legal_page_has_breadcrumbs_back_to_the_front_page(
    client, db, name, danish_title, english_title, language
):
    page = Page(client.get(url_in(language, name)))

    breadcrumbs = page.one("nav", class_="breadcrumbs")
    expected_label = "Brødkrummesti" if language == "da" else "Breadcrumb"
    assert breadcrumbs.attrs["aria-label"] == expected_label
    front = page.link("Forside" if language == "da" else "Front page")
    assert front.attrs["href"] == url_in(language, "vision:front_page")
    current = page.one("li", **{"aria-current": "page"})
    assert " ".join(current.text.split()) == (danish_title if language == "da" else english_title)


@pytest.mark.parametrize(("name", "danish_title", "english_title"), LEGAL_PAGES)
def test_legal_page_names_the_configured_municipality_and_contact(
    client, db, settings, name, danish_title, english_title
):
    settings.MUNICIPALITY_NAME = "Testrup Kommune"
    settings.MUNICIPALITY_CONTACT_EMAIL = "digital@testrup.example"

    for language in ("da", "en"):
        html = client.get(url_in(language, name)).content.decode()
        assert "Testrup Kommune" in html
        assert "digital@testrup.example" in html
        assert "Esbjerg" not in html


@pytest.mark.parametrize("language", ["da", "en"])
def test_footer_links_to_the_legal_pages_with_translated_names(client, db, language):
    page = Page(client.get(url_in(language, "core:cookies")))

    footer_links = {
        " ".join(a.text.split()): a.attrs["href"] for a in page.all("a") if "footer" in a.parents
    }
    for name, danish_title, english_title in LEGAL_PAGES:
        title = danish_title if language == "da" else english_title
        assert footer_links[title] == url_in(language, name)


def test_accessibility_statement_follows_the_danish_model(client, db, settings):
    html = client.get(url_in("da", "core:accessibility")).content.decode()

    for section in (
        "Hvad erklæringen gælder for",
        "Overholdelsesstatus",
        "Indhold, der ikke er tilgængeligt",
        "Sådan er erklæringen udarbejdet",
        "Feedback og kontaktoplysninger",
        "Håndhævelsesprocedure",
    ):
        assert f"<h2>{section}</h2>" in html
    assert "WCAG 2.1" in html
    assert "webtilgængelighedsloven" in html
    assert "delvist i overensstemmelse" in html
    assert "axe-core" in html
    assert "Kortvisning" in html
    assert "Digitaliseringsstyrelsen" in html
    assert f'href="mailto:{settings.MUNICIPALITY_CONTACT_EMAIL}"' in html


def test_accessibility_statement_in_english_covers_the_same_sections(client, db):
    html = client.get(url_in("en", "core:accessibility")).content.decode()

    for section in (
        "What this statement covers",
        "Compliance status",
        "Content that is not accessible",
        "How this statement was prepared",
        "Feedback and contact information",
        "Enforcement procedure",
    ):
        assert f"<h2>{section}</h2>" in html
    assert "partially compliant" in html
    assert '<span lang="da">Digitaliseringsstyrelsen</span>' in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "da",
            [
                "Dataansvarlig",
                "databeskyttelsesrådgiver",
                "artikel 6, stk. 1, litra e",
                "artikel 6, stk. 1, litra a",
                "2 år efter",
                "Hent mine data",
                "Slet min konto",
                "Datatilsynet",
                "Selve børneattesten og dens indhold gemmer vi aldrig",
            ],
        ),
        (
            "en",
            [
                "Data controller",
                "data protection officer",
                "Article 6(1)(e)",
                "Article 6(1)(a)",
                "2 years after",
                "Download my data",
                "Delete my account",
                "Datatilsynet",
                "We never store the certificate itself",
            ],
        ),
    ],
)
def test_privacy_policy_covers_controller_basis_retention_and_rights(
    client, db, language, expected
):
    page = Page(client.get(url_in(language, "core:privacy")))

    for text in expected:
        assert text in page.html
    assert url_in(language, "accounts:my_account") in page.hrefs()


@pytest.mark.parametrize("language", ["da", "en"])
def test_cookie_page_lists_each_cookie_with_purpose_and_expiry_in_a_table(
    client, db, settings, language
):
    settings.SESSION_COOKIE_AGE = 60 * 60 * 24 * 9
    page = Page(client.get(url_in(language, "core:cookies")))

    table = page.one("table")
    assert "table--zebra" in table.attrs["class"]
    headers = page.text_of("th")[:3]
    expected = ["Navn", "Formål", "Udløb"] if language == "da" else ["Name", "Purpose", "Expiry"]
    assert headers == expected
    names = [" ".join(th.text.split()) for th in page.all("th", scope="row")]
    assert names == ["sessionid", "csrftoken", "messages"]
    assert ("9 dage" if language == "da" else "9 days") in page.html
    assert "consent" in page.html or "samtykke" in page.html
    assert "/en/" in page.html, "explains that the language is chosen by the address"
