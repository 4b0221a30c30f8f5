"""Bad input never breaks a page (core.middleware.RequestInputMiddleware).

PostgreSQL's text cannot hold NUL; a NUL that reaches a query is a 500 there (SQLite, used
by the tests, stores it). So every test here runs with a database wrapper that refuses a
query parameter with a NUL as PostgreSQL does (``DataError``), and asserts the mechanism:
the value never reaches a query, and the visitor gets the list with a translated notice
(query string), the 400 page (a form) or the 404 page (the address), never the 500 page."""

import io
import logging

import pytest
from django.core.mail import get_connection
from django.db import DataError, connection

from samskab.core.middleware import DEFAULT_MAX_UPLOAD_BYTES
from samskab.core.tests.page import Page
from tests.factories import UserFactory

NOTICE_DA = "En del af adressen indeholdt tegn, der ikke kan læses, så den blev udeladt."
NOTICE_EN = "Part of the address contained characters that cannot be read, so it was left out."

LISTS = {
    "volunteer list": "/frivillig/",
    "activity catalogue": "/aktiviteter/",
    "needs list": "/behov/",
    "organisation list": "/foreninger/",
}


@pytest.fixture(autouse=True)
def _quiet_request_log(caplog):
    """The 400s and 404s below are logged as warnings; keep them out of the output."""
    caplog.set_level(logging.ERROR, logger="django.request")
    caplog.set_level(logging.ERROR, logger="django.security")


def _parameters(params, many):
    rows = params if many else [params]
    for row in rows or ():
        yield from (row.values() if isinstance(row, dict) else row or ())


@pytest.fixture(autouse=True)
def refused_parameters():
    """Every query parameter with a NUL, refused as PostgreSQL refuses it. (The SQL that
    SQLite reports for a query is cut at a NUL, so it cannot be searched instead.)"""
    refused = []

    def refuse_nul(execute, sql, params, many, context):
        bad = [p for p in _parameters(params, many) if isinstance(p, str) and "\x00" in p]
        if bad:
            refused.extend(bad)
            raise DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_nul):
        yield refused
    assert not refused, f"a value with a NUL reached a query: {refused!r}"


# --- the query string: left out, with a notice --------------------------------------------


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        (LISTS["volunteer list"], "skill"),
        (LISTS["volunteer list"], "q"),
        (LISTS["volunteer list"], "town"),
        (LISTS["activity catalogue"], "q"),
        (LISTS["activity catalogue"], "near"),
        (LISTS["needs list"], "town"),
        (LISTS["organisation list"], "q"),
        (LISTS["organisation list"], "focus_area"),
    ],
)
def test_a_nul_in_a_list_filter_is_left_out_with_a_translated_notice(client, db, url, parameter):
    response = client.get(f"{url}?{parameter}=ribe%00x&page=1")

    assert response.status_code == 200
    page = Page(response)
    assert NOTICE_DA in page.html
    assert page.one("main").attrs["id"] == "main-content"
    # The rest of the query string is kept; the value with the NUL is gone for every reader.
    request = response.wsgi_request
    assert parameter not in request.GET
    assert request.GET["page"] == "1"
    assert "%00" not in request.get_full_path()


def test_the_notice_is_in_the_language_of_the_address(client, db):
    response = client.get("/en/frivillig/?skill=%00")

    assert response.status_code == 200
    assert NOTICE_EN in response.content.decode()


def test_only_the_unreadable_value_of_a_repeated_parameter_is_left_out(client, db):
    response = client.get("/frivillig/?skill=%00&skill=unknown-skill&q=strik")

    assert response.status_code == 200
    assert response.wsgi_request.GET.getlist("skill") == ["unknown-skill"]
    assert response.wsgi_request.GET["q"] == "strik"


def test_a_nul_in_a_parameter_name_is_left_out_too(client, db):
    response = client.get("/behov/?to%00wn=ribe")

    assert response.status_code == 200
    assert not response.wsgi_request.GET


def test_an_htmx_swap_leaves_the_value_out_without_keeping_a_notice_for_later(client, db):
    response = client.get("/frivillig/?skill=%00", HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert "skill" not in response.wsgi_request.GET
    # The notice would otherwise wait for the next whole page, where it makes no sense.
    assert NOTICE_DA not in client.get("/frivillig/").content.decode()


def test_a_readable_query_string_is_left_as_it_is(client, db):
    response = client.get("/frivillig/?q=str%C3%A6k&skill=a&skill=b")

    request = response.wsgi_request
    assert request.GET["q"] == "stræk"
    assert request.GET.getlist("skill") == ["a", "b"]
    assert request.META["QUERY_STRING"] == "q=str%C3%A6k&skill=a&skill=b"
    assert NOTICE_DA not in response.content.decode()


def test_a_nul_in_next_is_left_out_so_the_default_is_used(client, db):
    user = UserFactory()
    client.force_login(user)

    response = client.get("/frivillig/min-profil/?next=/%00/evil")

    assert response.status_code == 200
    assert "next" not in response.wsgi_request.GET


# --- a submitted form: the 400 page -------------------------------------------------------


def test_a_nul_in_a_submitted_form_gets_the_400_page_in_the_layout(client, db):
    UserFactory(email="karen@example.org")

    response = client.post("/konto/login/", {"login": "karen@example.org\x00", "password": "x"})

    assert response.status_code == 400
    page = Page(response)
    assert page.language == "da"
    assert page.h1 == "Vi kunne ikke læse det, din browser sendte"
    assert page.all("header") and page.all("footer")
    assert "Fejlkode: 400" in page.html


def test_the_400_page_is_in_the_language_of_the_address(client, db):
    response = client.post("/en/konto/login/", {"login": "\x00", "password": "x"})

    page = Page(response)
    assert response.status_code == 400
    assert page.language == "en"
    assert page.h1 == "We could not read what your browser sent"


def test_djangos_own_refusals_of_a_form_get_the_same_400_page(client, db, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10

    response = client.post("/en/konto/login/", {f"field{n}": "x" for n in range(20)})

    assert response.status_code == 400
    assert Page(response).h1 == "We could not read what your browser sent"


def test_an_unknown_host_gets_a_400_page_not_the_500_page(client, db, settings):
    settings.ALLOWED_HOSTS = ["samskab.example"]

    response = client.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400


# --- the address and the cookies ----------------------------------------------------------


def test_a_nul_in_the_address_is_a_page_that_does_not_exist(client, db):
    response = client.get("/behov/svar/1/ab%00cd/")

    assert response.status_code == 404
    assert Page(response).h1 == "Vi kunne ikke finde siden"


def test_a_session_cookie_with_a_nul_is_as_if_none_was_sent(client, db):
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"

    response = client.get("/min-konto/")

    assert response.status_code == 302  # to the login, as for anyone not logged in


# --- too large a request: 413 before it is read -------------------------------------------


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body of a too large request was read")

    readline = read


def test_a_request_over_the_limit_is_refused_before_its_body_is_read(client, db):
    client.force_login(UserFactory())
    thirty_megabytes = 30 * 1024 * 1024

    response = client.generic(
        "POST",
        "/foreninger/registrer/",
        b"x",
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(thirty_megabytes),
        **{"wsgi.input": UnreadableBody()},
    )

    assert response.status_code == 413
    page = Page(response)
    assert page.language == "da"
    assert page.h1 == "Det, du sendte, er for stort"
    assert "5,0\xa0MB" in page.html
    assert page.all("header") and page.all("footer")
    assert "Fejlkode: 413" in page.html


def test_the_limit_is_a_setting_and_the_413_page_is_translated(client, db, settings):
    settings.MAX_UPLOAD_BYTES = 1000

    response = client.generic(
        "POST", "/en/konto/login/", b"login=a&password=" + b"b" * 1000, CONTENT_LENGTH="1017"
    )

    assert response.status_code == 413
    assert Page(response).h1 == "What you sent is too large"
    assert "1000\xa0bytes" in response.content.decode()


def test_a_request_within_the_limit_is_received(client, db, settings):
    settings.MAX_UPLOAD_BYTES = 1000

    response = client.post("/konto/login/", {"login": "a@example.org", "password": "b"})

    assert response.status_code == 200


def test_the_upload_settings_default_to_sensible_sizes(settings):
    assert settings.MAX_UPLOAD_BYTES == DEFAULT_MAX_UPLOAD_BYTES == 5 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= settings.MAX_UPLOAD_BYTES
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= settings.MAX_UPLOAD_BYTES


# --- mail ---------------------------------------------------------------------------------


def test_the_smtp_backend_gives_up_after_email_timeout_seconds(settings):
    assert settings.EMAIL_TIMEOUT == 10

    assert get_connection("django.core.mail.backends.smtp.EmailBackend").timeout == 10

    settings.EMAIL_TIMEOUT = 3
    assert get_connection("django.core.mail.backends.smtp.EmailBackend").timeout == 3
