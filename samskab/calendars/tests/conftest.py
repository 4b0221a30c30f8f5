"""A real calendar server on 127.0.0.1 for the import's tests, and the real-world calendar
files moved in time so that they always lie ahead.

The files in ``calendars/`` imitate exports of Google Calendar, Outlook (Exchange, with
Windows time-zone names) and Apple Calendar from 2025, each with a moved and a cancelled
occurrence near a daylight saving change in Copenhagen. ``calendar_text`` moves every date
of a file by a whole number of weeks, so that its daylight saving change falls on the next
such change at least two months ahead: weekdays stay, and each occurrence stays on its
side of the change."""

import hashlib
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.utils import timezone

from samskab.activities.models import Activity
from tests.factories import ActivityFactory

FILES = Path(__file__).parent / "calendars"

# The daylight saving change each file was written around (2025, Europe/Copenhagen).
REFERENCE_CHANGE = {
    "google.ics": date(2025, 3, 30),
    "apple.ics": date(2025, 3, 30),
    "outlook.ics": date(2025, 10, 26),
}
DATED_PROPERTIES = (
    "DTSTART",
    "DTEND",
    "EXDATE",
    "RDATE",
    "RECURRENCE-ID",
    "DTSTAMP",
    "CREATED",
    "LAST-MODIFIED",
)
_DATE = re.compile(r"(?<![0-9])(\d{8})(T\d{6}Z?)?")


def last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def next_change_like(reference: date, *, at_least: timedelta = timedelta(days=60)) -> date:
    """The next change of the same kind (spring or autumn) at least ``at_least`` ahead."""
    today = timezone.localdate()
    year = today.year
    while True:
        change = last_sunday(year, reference.month)
        if change >= today + at_least:
            return change
        year += 1


def shift_days(name: str) -> int:
    reference = REFERENCE_CHANGE[name]
    return (next_change_like(reference) - reference).days


def _shift_value(match: re.Match, days: int) -> str:
    day = datetime.strptime(match.group(1), "%Y%m%d").date() + timedelta(days=days)
    return day.strftime("%Y%m%d") + (match.group(2) or "")


def shift_text(text: str, days: int) -> str:
    """Every date of the events moved by ``days`` (the VTIMEZONE definitions untouched)."""
    lines, in_timezone = [], False
    for line in text.split("\r\n"):
        if line == "BEGIN:VTIMEZONE":
            in_timezone = True
        elif line == "END:VTIMEZONE":
            in_timezone = False
        name = re.split(r"[;:]", line, maxsplit=1)[0]
        if not in_timezone and name in DATED_PROPERTIES:
            head, _, value = line.partition(":")
            line = f"{head}:{_DATE.sub(lambda m: _shift_value(m, days), value)}"
        elif not in_timezone and name == "RRULE":
            line = re.sub(
                r"UNTIL=(\d{8}(?:T\d{6}Z?)?)",
                lambda m: "UNTIL=" + _DATE.sub(lambda d: _shift_value(d, days), m.group(1)),
                line,
            )
        lines.append(line)
    return "\r\n".join(lines)


def calendar_text(name: str) -> str:
    """The file ``name`` moved ahead (see the module's description)."""
    text = (FILES / name).read_bytes().decode()
    return shift_text(text, shift_days(name))


def local(name: str, day: date, hour: int, minute: int = 0) -> datetime:
    """The moment of a 2025 local date and time of file ``name``, moved as the file is."""
    moved = day + timedelta(days=shift_days(name))
    return timezone.make_aware(datetime(moved.year, moved.month, moved.day, hour, minute))


# --- the server -------------------------------------------------------------------------------


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict = field(default_factory=dict)
    etag: str = ""
    last_modified: str = ""
    # Seconds to wait before each chunk of ``chunk`` bytes (a server that drips).
    drip_seconds: float = 0.0
    chunk: int = 1024
    send_length: bool = True


class CalendarServer:
    """A real HTTP server on 127.0.0.1 in a thread. ``serve`` puts a calendar at a path
    (with an ETag and Last-Modified, answering conditional GETs with 304); ``requests``
    lists what it was asked, with the headers."""

    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict]] = []
        self.versions = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                if route is None:
                    self._answer(404, b"Not found")
                    return
                if route.status in (301, 302, 303, 307, 308) or route.status >= 400:
                    self._answer(route.status, route.body, route.headers)
                    return
                # As RFC 9110 says: If-None-Match when sent, else If-Modified-Since.
                if "If-None-Match" in self.headers:
                    not_modified = bool(route.etag) and self.headers["If-None-Match"] == route.etag
                else:
                    not_modified = bool(route.last_modified) and (
                        self.headers.get("If-Modified-Since") == route.last_modified
                    )
                if not_modified:
                    self._answer(304, b"", {"ETag": route.etag} if route.etag else {})
                    return
                headers = {"Content-Type": "text/calendar; charset=utf-8", **route.headers}
                if route.etag:
                    headers["ETag"] = route.etag
                if route.last_modified:
                    headers["Last-Modified"] = route.last_modified
                self._answer(200, route.body, headers, route)

            def _answer(self, status, body, headers=None, route=None):
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                if route is not None and not route.send_length:
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self._drip(body, route)
                    self.close_connection = True
                    return
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if route is not None and route.drip_seconds:
                    self._drip(body, route)
                else:
                    self.wfile.write(body)

            def _drip(self, body, route):
                try:
                    for start in range(0, len(body), route.chunk):
                        if route.drip_seconds:
                            time.sleep(route.drip_seconds)
                        self.wfile.write(body[start : start + route.chunk])
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def serve(self, path: str, body: str | bytes, *, conditional: bool = True, **options) -> Route:
        if isinstance(body, str):
            body = body.encode()
        if conditional:
            options.setdefault("etag", '"' + hashlib.sha256(body).hexdigest()[:16] + '"')
            self.versions += 1
            options.setdefault("last_modified", f"Mon, 01 Dec 2025 10:{self.versions:02d}:00 GMT")
        route = Route(body=body, **options)
        self.routes[path] = route
        return route

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.routes[path] = Route(status=status, headers={"Location": location})

    def asked(self, path: str) -> list[dict]:
        return [headers for asked_path, headers in self.requests if asked_path == path]


@pytest.fixture
def calendar_server():
    server = CalendarServer().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _calendar_settings(settings):
    # Wide enough to hold each moved file whole, wherever its change falls in the year.
    settings.CALENDARS_WINDOW_DAYS = 500
    settings.CALENDARS_TIMEOUT = 5


@pytest.fixture
def organisation(db):
    from tests.factories import OrganisationFactory

    return OrganisationFactory(name="Ribe Kammerkor")


@pytest.fixture
def choir(organisation):
    """A sign-up activity of the organisation, where the calendar's events go."""
    return ActivityFactory(
        organisation=organisation,
        title_da="Korprøver",
        title_en="Choir rehearsals",
        participation=Activity.Participation.SIGN_UP,
    )
