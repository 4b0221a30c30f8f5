"""When the database cannot be reached, visitors get a friendly "try again in a moment" page
(503 with ``Retry-After``), never the 500 page that says something is broken.

A database restart, a fail-over or a full connection pool lasts seconds; a request in that
window fails with a connection-level error. ``DatabaseOutageMiddleware`` answers such an
error from a view with ``503.html``; ``views.server_error`` does the same for one raised
by a middleware (the session saved after the view, say), so the visitor sees the same page
wherever the request met the outage.

The page is rendered without the request's context processors: the user, the session and
the messages all live in the database that just failed. Only errors that mean "the database
is not there right now" count; any other database error (a bad query, a cancelled
statement, a deadlock) is a bug or a conflict and keeps the 500 page and its report.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samskab.core.context_processors import site

logger = logging.getLogger(__name__)

# A restart or fail-over takes seconds; this tells clients and crawlers when to come back.
RETRY_AFTER_SECONDS = 10

# PostgreSQL's SQLSTATEs for "not there right now": every connection exception (class 08),
# shutting down or crashed (57P01, 57P02), still starting up (57P03), and every connection
# slot taken (53300).
_UNAVAILABLE_SQLSTATE_CLASSES = ("08",)
_UNAVAILABLE_SQLSTATES = {"57P01", "57P02", "57P03", "53300"}
# SQLite's: the file is locked by another writer beyond the timeout, or cannot be opened.
_UNAVAILABLE_SQLITE_ERRORS = {"SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_CANTOPEN"}


def is_database_unavailable(error: BaseException | None) -> bool:
    """Whether ``error`` means the database cannot be reached for now (not a bug)."""
    if isinstance(error, InterfaceError):
        # Django's "connection already closed": the server went away under the connection.
        return True
    if not isinstance(error, OperationalError):
        return False
    # Django re-raises the driver's error as its own, "from" the original.
    cause = error.__cause__
    sqlite_error = getattr(cause, "sqlite_errorname", None)
    if sqlite_error is not None:
        return sqlite_error in _UNAVAILABLE_SQLITE_ERRORS
    if type(cause).__module__.startswith("psycopg"):
        sqlstate = getattr(cause, "sqlstate", None)
        if sqlstate is None:
            # psycopg's own connection failures carry no SQLSTATE: refused, closed by the
            # server, timed out.
            return True
        return sqlstate.startswith(_UNAVAILABLE_SQLSTATE_CLASSES) or sqlstate in (
            _UNAVAILABLE_SQLSTATES
        )
    return False


def unavailable_response(request) -> HttpResponse:
    """The 503 page, in the request's language, without touching the database."""
    try:
        # Context processors are left out on purpose (see the module docstring); the
        # request itself is only read for its address (the language switch).
        html = loader.get_template("503.html").render({**site(request), "request": request})
    except Exception:
        logger.exception("The 503 page could not be rendered from its template.")
        html = _minimal_page()
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # What the visitor sees now must not be what a cache hands out once it is over.
    response["Cache-Control"] = "no-store"
    return response


def _minimal_page() -> str:
    return format_html(
        '<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>{} · Samskab</title></head><body><main><h1>{}</h1><p>{}</p></main>"
        "</body></html>",
        get_language() or "da",
        _("Try again in a moment"),
        _("Samskab is not available right now"),
        _("Nothing is wrong with what you did. Please try again in a moment."),
    )


class DatabaseOutageMiddleware:
    """Answers a view's connection-level database error with the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        # One line, not a traceback: an outage fails every request for its duration.
        logger.warning(
            "Database unavailable, answered 503: %s %s (%s: %s)",
            request.method,
            request.path,
            type(exception).__name__,
            str(exception).strip().splitlines()[0] if str(exception).strip() else "",
        )
        return unavailable_response(request)
