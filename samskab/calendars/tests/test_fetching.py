"""Fetching from a real server: conditional GET, the size and time limits, redirects, and
the refusal of every internal address (with loopback not allowed, as in production)."""

import ipaddress
import socket
import time

import pytest

from samskab.calendars import fetching
from samskab.calendars.errors import CalendarError
from samskab.calendars.tests.conftest import calendar_text

GOOGLE = calendar_text("google.ics")


def refused(url: str, **kwargs) -> CalendarError:
    with pytest.raises(CalendarError) as error:
        fetching.fetch(url, **kwargs)
    return error.value


def test_a_calendar_is_fetched_and_its_validators_kept(calendar_server):
    route = calendar_server.serve("/basic/kor.ics", GOOGLE)
    fetched = fetching.fetch(calendar_server.url("/basic/kor.ics"))
    assert fetched.status == 200
    assert fetched.body.decode() == GOOGLE
    assert (fetched.etag, fetched.last_modified) == (route.etag, route.last_modified)


def test_conditional_get_sends_the_validators_back_and_accepts_304(calendar_server):
    route = calendar_server.serve("/kor.ics", GOOGLE)
    fetched = fetching.fetch(
        calendar_server.url("/kor.ics"), etag=route.etag, last_modified=route.last_modified
    )
    assert fetched.not_modified
    assert fetched.body == b""
    (headers,) = calendar_server.asked("/kor.ics")
    assert headers["If-None-Match"] == route.etag
    assert headers["If-Modified-Since"] == route.last_modified


def test_a_server_knowing_only_last_modified_also_answers_304(calendar_server):
    route = calendar_server.serve("/kor.ics", GOOGLE, etag="")
    assert fetching.fetch(
        calendar_server.url("/kor.ics"), last_modified=route.last_modified
    ).not_modified


def test_a_calendar_over_the_size_limit_is_refused_by_its_declared_length(
    calendar_server, settings
):
    settings.CALENDARS_MAX_BYTES = 1000
    calendar_server.serve("/big.ics", "BEGIN:VCALENDAR\r\n" + "X" * 5000)
    assert refused(calendar_server.url("/big.ics")).code == "too_large"


def test_a_calendar_without_a_length_is_read_only_up_to_the_limit(calendar_server, settings):
    settings.CALENDARS_MAX_BYTES = 64 * 1024
    # 50 MB announced by nobody: reading stops just past the limit.
    route = calendar_server.serve("/endless.ics", b"X" * (50 * 1024 * 1024), send_length=False)
    route.chunk = 64 * 1024
    started = time.monotonic()
    assert refused(calendar_server.url("/endless.ics")).code == "too_large"
    assert time.monotonic() - started < 3


def test_a_server_dripping_its_answer_is_stopped_at_the_time_limit(calendar_server, settings):
    settings.CALENDARS_TIMEOUT = 1
    # A byte every 0.2 s never trips a per-read timeout, only the limit on the whole fetch.
    calendar_server.serve("/slow.ics", GOOGLE, drip_seconds=0.2, chunk=1)
    started = time.monotonic()
    error = refused(calendar_server.url("/slow.ics"))
    elapsed = time.monotonic() - started
    assert error.code == "timeout"
    assert 0.9 < elapsed < 2.5


def test_a_server_that_never_answers_is_given_up_on(settings):
    settings.CALENDARS_TIMEOUT = 1
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        started = time.monotonic()
        error = refused(f"http://127.0.0.1:{silent.getsockname()[1]}/kor.ics")
        assert error.code == "timeout"
        assert time.monotonic() - started < 2.5
    finally:
        silent.close()


@pytest.mark.parametrize(
    ("status", "code"),
    [(404, "not_found"), (410, "not_found"), (403, "forbidden"), (500, "server_error")],
)
def test_error_statuses_are_told_apart(calendar_server, status, code):
    calendar_server.serve("/kor.ics", b"nope", status=status)
    error = refused(calendar_server.url("/kor.ics"))
    assert (error.code, error.params["status"]) == (code, status)


def test_redirects_are_followed_and_each_checked(calendar_server):
    calendar_server.serve("/new.ics", GOOGLE)
    calendar_server.redirect("/old.ics", "/new.ics", status=301)
    fetched = fetching.fetch(calendar_server.url("/old.ics"))
    assert fetched.url == calendar_server.url("/new.ics")
    assert fetched.body.decode() == GOOGLE


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/kalender.ics",
        "http://[fd00::1]/kalender.ics",
        "file:///etc/passwd",
    ],
)
def test_a_redirect_to_an_internal_address_is_refused(calendar_server, target):
    calendar_server.redirect("/kor.ics", target)
    error = refused(calendar_server.url("/kor.ics"))
    assert error.code in ("blocked_address", "scheme")


def test_endless_redirects_are_given_up(calendar_server):
    calendar_server.redirect("/a.ics", "/b.ics")
    calendar_server.redirect("/b.ics", "/a.ics")
    assert refused(calendar_server.url("/a.ics")).code == "too_many_redirects"


def test_proxies_from_the_environment_are_not_used(calendar_server, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://10.0.0.1:3128")
    monkeypatch.setenv("http_proxy", "http://10.0.0.1:3128")
    calendar_server.serve("/kor.ics", GOOGLE)
    assert fetching.fetch(calendar_server.url("/kor.ics")).status == 200


# --- internal addresses, with loopback forbidden as in production ----------------------------


@pytest.fixture
def production_guard(settings):
    settings.CALENDARS_ALLOW_LOOPBACK = False


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/kor.ics",
        "http://127.8.9.10:8000/kor.ics",
        "http://10.1.2.3/kor.ics",
        "http://172.16.0.1/kor.ics",
        "http://192.168.1.1/kor.ics",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/kor.ics",
        "http://0.0.0.0/kor.ics",
        "http://224.0.0.1/kor.ics",
        "http://[::1]/kor.ics",
        "http://[::ffff:127.0.0.1]/kor.ics",
        "http://[fe80::1]/kor.ics",
        "http://[fc00::1]/kor.ics",
        "https://localhost/kor.ics",
    ],
)
def test_internal_addresses_are_refused(production_guard, url):
    assert refused(url).code == "blocked_address"


def test_the_test_server_itself_is_refused_without_the_test_setting(
    production_guard, calendar_server
):
    calendar_server.serve("/kor.ics", GOOGLE)
    assert refused(calendar_server.url("/kor.ics")).code == "blocked_address"
    assert calendar_server.requests == []


def fake_dns(monkeypatch, answers: dict[str, list[str]]):
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            return [
                (
                    socket.AF_INET6 if ":" in address else socket.AF_INET,
                    socket.SOCK_STREAM,
                    6,
                    "",
                    (address, port),
                )
                for address in answers[host]
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_a_name_resolving_to_a_private_address_is_refused(production_guard, monkeypatch):
    fake_dns(monkeypatch, {"kalender.forening.dk": ["192.168.10.20"]})
    error = refused("https://kalender.forening.dk/kor.ics")
    assert (error.code, error.params["host"]) == ("blocked_address", "kalender.forening.dk")


def test_a_name_with_one_public_and_one_private_address_is_refused(production_guard, monkeypatch):
    fake_dns(monkeypatch, {"kalender.forening.dk": ["93.184.216.34", "10.0.0.7"]})
    assert refused("https://kalender.forening.dk/kor.ics").code == "blocked_address"


def test_the_connection_goes_to_the_address_that_was_checked(calendar_server, monkeypatch):
    """Resolved once, checked, connected to: a DNS answer that changes between a check and
    the connection (rebinding) cannot slip another address in."""
    answers = iter([["127.0.0.1"], ["10.0.0.1"], ["10.0.0.1"]])
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host == "kalender.forening.dk":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in next(answers)]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    calendar_server.serve("/kor.ics", GOOGLE)
    fetched = fetching.fetch(f"http://kalender.forening.dk:{calendar_server.port}/kor.ics")
    assert fetched.status == 200
    (headers,) = calendar_server.asked("/kor.ics")
    assert headers["Host"] == f"kalender.forening.dk:{calendar_server.port}"


def test_an_unknown_name_is_said_so(production_guard):
    assert refused("https://kalender.invalid/kor.ics").code == "name_not_found"


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("169.254.1.1", False),
        ("100.64.0.1", False),
        ("224.0.0.251", False),
        ("255.255.255.255", False),
        ("::", False),
        ("::ffff:10.0.0.1", False),
        ("ff02::1", False),
    ],
)
def test_which_addresses_may_be_reached(production_guard, address, allowed):
    assert fetching.address_allowed(ipaddress.ip_address(address)) is allowed


@pytest.mark.parametrize(
    ("typed", "fetched"),
    [
        (
            "webcal://p52-caldav.icloud.com/published/2/abc",
            "https://p52-caldav.icloud.com/published/2/abc",
        ),
        ("WEBCAL://example.org/kor.ics", "https://example.org/kor.ics"),
        (" https://example.org/kor.ics#x ", "https://example.org/kor.ics"),
        ("http://example.org", "http://example.org/"),
    ],
)
def test_webcal_addresses_are_fetched_over_https(typed, fetched):
    assert fetching.normalise_url(typed) == fetched


@pytest.mark.parametrize(
    "typed", ["ftp://example.org/kor.ics", "file:///etc/passwd", "gopher://x/", "kor.ics", ""]
)
def test_other_schemes_are_refused(typed):
    with pytest.raises(CalendarError) as error:
        fetching.normalise_url(typed)
    assert error.value.code == "scheme"
