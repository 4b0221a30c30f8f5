"""A database that cannot be reached answers 503 "try again in a moment" (core.outage),
never the 500 page; every other database error keeps the 500 page."""

import logging
import sqlite3
from unittest import mock

import psycopg
import pytest
from django.db import InterfaceError, OperationalError, ProgrammingError
from django.urls import path

from samskab.core import outage
from samskab.core.tests.page import Page
from samskab.urls import handler500  # noqa: F401 (the URL configuration below uses it)
from samskab.urls import urlpatterns as project_urlpatterns

OUTAGE_URLS = "samskab.core.tests.test_outage"


def database_error(driver_error: Exception, django_class=OperationalError) -> Exception:
    """``driver_error`` as Django raises it: its own class, ``from`` the driver's."""
    try:
        try:
            raise driver_error
        except Exception as error:
            raise django_class(str(error)) from error
    except django_class as wrapped:
        return wrapped


def refused() -> Exception:
    return database_error(
        psycopg.OperationalError(
            'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
            "Connection refused"
        )
    )


def database_is_down(request):
    raise refused()


def query_cancelled(request):
    raise database_error(psycopg.errors.QueryCanceled("canceling statement due to timeout"))


urlpatterns = [
    path("test-nede/", database_is_down),
    path("en/test-nede/", database_is_down),
    path("test-annulleret/", query_cancelled),
    *project_urlpatterns,
]


class FailingMiddleware:
    """Meets the outage in a middleware after the view, as a session save would."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self.get_response(request)
        raise refused()


@pytest.fixture
def visitor(client, caplog):
    client.raise_request_exception = False
    # The deliberate failures are logged; keep them out of the test output.
    caplog.set_level(logging.CRITICAL, logger="django.request")
    caplog.set_level(logging.CRITICAL, logger="samskab.core.outage")
    caplog.set_level(logging.CRITICAL, logger="samskab.core.views")
    return client


def assert_friendly_503(response, *, language="da"):
    page = Page(response)
    assert page.status_code == 503
    assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    assert page.language == language
    assert page.all("header") and page.all("footer")
    assert "OperationalError" not in page.html
    assert "Connection refused" not in page.html
    return page


@pytest.mark.urls(OUTAGE_URLS)
@pytest.mark.parametrize(
    ("address", "language", "heading", "title"),
    [
        ("/test-nede/", "da", "Samskab er ikke tilgængelig lige nu", "Prøv igen om et øjeblik"),
        ("/en/test-nede/", "en", "Samskab is not available right now", "Try again in a moment"),
    ],
)
def test_a_view_that_cannot_reach_the_database_answers_a_friendly_503(
    visitor, db, address, language, heading, title, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = visitor.get(address)

    page = assert_friendly_503(response, language=language)
    assert page.h1 == heading
    assert page.title.startswith(title)


def test_a_logged_in_visitor_gets_the_503_page_when_the_database_is_gone(visitor, citizen):
    """The session and the user cannot be looked up, so the page shows neither."""
    visitor.force_login(citizen)

    with mock.patch(
        "django.db.backends.utils.CursorWrapper._execute", side_effect=refused()
    ) as execute:
        response = visitor.get("/en/min-konto/")

    assert execute.called
    page = assert_friendly_503(response, language="en")
    assert page.h1 == "Samskab is not available right now"
    assert "Log out" not in page.html


@pytest.mark.urls(OUTAGE_URLS)
def test_a_middleware_that_meets_the_outage_also_gets_the_503_page(visitor, db, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.FailingMiddleware"]

    response = visitor.get("/en/")

    assert_friendly_503(response, language="en")


@pytest.mark.urls(OUTAGE_URLS)
def test_other_database_errors_keep_the_500_page(visitor, db):
    page = Page(visitor.get("/test-annulleret/"))

    assert page.status_code == 500
    assert page.h1 == "Beklager, der skete en fejl hos os"


@pytest.mark.urls(OUTAGE_URLS)
def test_the_503_page_is_plain_html_when_its_template_cannot_render(visitor, db):
    with mock.patch.object(outage.loader, "get_template", side_effect=RuntimeError("broken")):
        response = visitor.get("/en/test-nede/")

    page = Page(response)
    assert page.status_code == 503
    assert page.h1 == "Samskab is not available right now"
    assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)


def sqlite_error(name: str, message: str) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorname = name
    return error


@pytest.mark.parametrize(
    "driver_error",
    [
        psycopg.OperationalError("connection failed: Connection refused"),
        psycopg.OperationalError("consuming input failed: server closed the connection"),
        psycopg.errors.AdminShutdown("terminating connection due to administrator command"),
        psycopg.errors.CrashShutdown("terminating connection because of crash"),
        psycopg.errors.CannotConnectNow("the database system is starting up"),
        psycopg.errors.TooManyConnections("sorry, too many clients already"),
        psycopg.errors.ConnectionFailure("connection failure"),
        sqlite_error("SQLITE_BUSY", "database is locked"),
        sqlite_error("SQLITE_CANTOPEN", "unable to open database file"),
    ],
    ids=lambda error: f"{type(error).__name__}:{getattr(error, 'sqlite_errorname', '')}",
)
def test_connection_level_errors_mean_the_database_is_unavailable(driver_error):
    assert outage.is_database_unavailable(database_error(driver_error))


def test_a_closed_connection_means_the_database_is_unavailable():
    assert outage.is_database_unavailable(InterfaceError("connection already closed"))


@pytest.mark.parametrize(
    "error",
    [
        database_error(psycopg.errors.QueryCanceled("canceling statement due to timeout")),
        database_error(psycopg.errors.SerializationFailure("could not serialize access")),
        database_error(psycopg.errors.LockNotAvailable("could not obtain lock")),
        database_error(sqlite_error("SQLITE_ERROR", "no such table: x")),
        database_error(psycopg.errors.UndefinedTable("no such table"), ProgrammingError),
        OperationalError("raised by hand, without a driver's error"),
        RuntimeError("not a database error"),
        None,
    ],
    ids=lambda error: type(error).__name__ + ":" + type(getattr(error, "__cause__", None)).__name__,
)
def test_other_errors_are_not_an_outage(error):
    assert not outage.is_database_unavailable(error)
