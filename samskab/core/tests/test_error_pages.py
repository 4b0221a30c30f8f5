"""The 404, 403 and 500 pages: in the layout, in the visitor's language, and never a crash."""

import logging

import pytest
from django.template import loader

from samskab.core import views
from samskab.core.tests.page import Page

ERROR_URLS = "samskab.core.tests.error_urls"


@pytest.fixture
def failing_client(client):
    """A client that receives the 500 page instead of the exception, as a visitor would."""
    client.raise_request_exception = False
    return client


@pytest.fixture
def quiet_request_log(caplog):
    """The deliberate failures are logged as errors; keep them out of the test output."""
    caplog.set_level(logging.CRITICAL, logger="django.request")
    caplog.set_level(logging.CRITICAL, logger="samskab.core.views")
    return caplog


def assert_in_layout(page):
    assert page.all("header")
    assert page.all("footer")
    assert page.one("main").attrs["id"] == "main-content"


@pytest.mark.parametrize(
    ("path", "language", "heading", "title"),
    [
        ("/findes-ikke/", "da", "Vi kunne ikke finde siden", "Siden blev ikke fundet"),
        ("/en/does-not-exist/", "en", "We could not find that page", "Page not found"),
    ],
)
def test_unknown_address_shows_a_friendly_404_in_the_language_of_the_address(
    client, db, path, language, heading, title
):
    page = Page(client.get(path))

    assert page.status_code == 404
    assert page.language == language
    assert page.h1 == heading
    assert page.title.startswith(title)
    assert_in_layout(page)
    front_page = "/" if language == "da" else "/en/"
    assert front_page in page.hrefs()


@pytest.mark.urls(ERROR_URLS)
def test_404_from_an_existing_address_keeps_the_language_switch_but_announces_no_alternates(
    client, db
):
    page = Page(client.get("/test-fejl/mangler/?id=7"))

    assert page.status_code == 404
    assert page.h1 == "Vi kunne ikke finde siden"
    assert not page.all("link", rel="alternate")
    switch = page.one("a", class_="samskab-language-link")
    assert switch.attrs["href"] == "/en/test-fejl/mangler/?id=7"


def test_404_offers_a_way_to_report_a_broken_link(client, db, settings):
    page = Page(client.get("/en/does-not-exist/"))

    assert f"mailto:{settings.MUNICIPALITY_CONTACT_EMAIL}" in page.hrefs()


@pytest.mark.urls(ERROR_URLS)
@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [
        ("/test-fejl/forbudt/", "da", "Du har ikke adgang til denne side"),
        ("/en/test-fejl/forbudt/", "en", "You do not have access to this page"),
    ],
)
def test_permission_denied_shows_a_friendly_403(
    client, db, quiet_request_log, path, language, heading
):
    page = Page(client.get(path))

    assert page.status_code == 403
    assert page.language == language
    assert page.h1 == heading
    assert_in_layout(page)


@pytest.mark.urls(ERROR_URLS)
def test_403_invites_an_anonymous_visitor_to_log_in_and_come_back(client, db, quiet_request_log):
    page = Page(client.get("/test-fejl/forbudt/?side=2"))

    login = page.link("Log ind og prøv igen")
    assert login.attrs["href"] == "/konto/login/?next=/test-fejl/forbudt/%3Fside%3D2"


@pytest.mark.urls(ERROR_URLS)
def test_403_tells_a_logged_in_user_whom_to_contact(client, citizen, settings, quiet_request_log):
    client.force_login(citizen)

    page = Page(client.get("/en/test-fejl/forbudt/"))

    assert page.status_code == 403
    assert "Log in and try again" not in page.html
    assert f"mailto:{settings.MUNICIPALITY_CONTACT_EMAIL}" in page.hrefs()


@pytest.mark.urls(ERROR_URLS)
@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [
        ("/test-fejl/nedbrud/", "da", "Beklager, der skete en fejl hos os"),
        ("/en/test-fejl/nedbrud/", "en", "Sorry, something went wrong on our side"),
    ],
)
def test_server_error_shows_a_friendly_500(
    failing_client, db, quiet_request_log, path, language, heading
):
    page = Page(failing_client.get(path))

    assert page.status_code == 500
    assert page.language == language
    assert page.h1 == heading
    assert_in_layout(page)
    assert "RuntimeError" not in page.html
    assert "deliberate failure" not in page.html


def _broken_context_processor(request):
    raise RuntimeError("The session store is down.")


@pytest.mark.urls(ERROR_URLS)
def test_500_page_is_shown_even_when_a_context_processor_fails(
    failing_client, db, settings, quiet_request_log
):
    """If rendering with the request fails (here: a context processor), the page falls back
    to the same template without context processors."""
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "context_processors": [
                    *settings.TEMPLATES[0]["OPTIONS"]["context_processors"],
                    f"{__name__}._broken_context_processor",
                ],
            },
        }
    ]

    page = Page(failing_client.get("/en/test-fejl/nedbrud/"))

    assert page.status_code == 500
    assert page.language == "en"
    assert page.h1 == "Sorry, something went wrong on our side"
    assert_in_layout(page)
    assert settings.MUNICIPALITY_NAME in page.html


@pytest.mark.urls(ERROR_URLS)
def test_500_page_falls_back_to_plain_html_when_no_template_can_render(
    failing_client, db, monkeypatch, quiet_request_log
):
    def no_templates(*args, **kwargs):
        raise RuntimeError("The template engine is broken.")

    monkeypatch.setattr(views, "render", no_templates)
    monkeypatch.setattr(loader, "get_template", no_templates)

    page = Page(failing_client.get("/test-fejl/nedbrud/"))

    assert page.status_code == 500
    assert page.language == "da"
    assert page.h1 == "Beklager, der skete en fejl hos os"
    assert page.link("Gå til forsiden").attrs["href"] == "/"


@pytest.mark.urls(ERROR_URLS)
def test_500_plain_fallback_links_to_the_english_front_page_in_english(
    failing_client, db, monkeypatch, quiet_request_log
):
    def no_templates(*args, **kwargs):
        raise RuntimeError("The template engine is broken.")

    monkeypatch.setattr(views, "render", no_templates)
    monkeypatch.setattr(loader, "get_template", no_templates)

    page = Page(failing_client.get("/en/test-fejl/nedbrud/"))

    assert page.language == "en"
    assert page.link("Go to the front page").attrs["href"] == "/en/"


def test_server_error_view_logs_why_the_full_page_could_not_be_rendered(
    rf, db, monkeypatch, caplog
):
    def no_templates(*args, **kwargs):
        raise RuntimeError("The template engine is broken.")

    monkeypatch.setattr(views, "render", no_templates)

    with caplog.at_level(logging.ERROR, logger="samskab.core.views"):
        response = views.server_error(rf.get("/"))

    assert response.status_code == 500
    assert "could not be rendered with the request" in caplog.text
