"""Headers on every response: the security headers (with the Permissions-Policy of
core.middleware), and Cache-Control that keeps personal responses out of shared caches."""

import logging
import re

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADER_URLS = "samskab.core.tests.header_urls"
DENIED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb"]


def permissions_policy(response) -> dict[str, str]:
    policy = {}
    for part in response["Permissions-Policy"].split(","):
        feature, allowed = part.strip().split("=", 1)
        policy[feature] = allowed
    return policy


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    ("path", "status", "as_staff"),
    [
        ("/", 200, False),
        ("/en/", 200, False),
        ("/findes-ikke/", 404, False),
        ("/admin/", 200, True),
        ("/admin/", 302, False),
        ("/health/ready", 200, False),
        ("/health/live", 200, False),
    ],
    ids=["front", "front-en", "not-found", "admin", "admin-login-redirect", "ready", "live"],
)
def test_every_response_sends_the_security_headers(client, path, status, as_staff):
    if as_staff:
        client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(path)

    assert response.status_code == status
    policy = permissions_policy(response)
    for feature in DENIED_FEATURES:
        assert policy[feature] == "()", feature
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def _respond(client, kind, monkeypatch):
    """One response of each kind the site gives, over HTTPS as behind the proxy."""
    if kind == "page":
        return client.get("/", secure=True)
    if kind == "not-found":
        return client.get("/findes-ikke/", secure=True)
    if kind == "bad-request":
        return client.post("/konto/login/", {"login": "a\x00b", "password": "x"}, secure=True)
    if kind == "too-large":
        return client.generic(
            "POST", "/konto/login/", b"login=a", CONTENT_LENGTH=str(10**9), secure=True
        )
    if kind == "form-over-a-limit":
        from samskab.accounts import forms
        from samskab.core.limits import Limit

        monkeypatch.setattr(forms, "LOGIN_LIMITS", (Limit("accounts.login", "1/h"),))
        data = {"login": "a@example.dk", "password": "x"}
        client.post("/konto/login/", data, secure=True)
        return client.post("/konto/login/", data, secure=True)
    if kind == "page-over-a-limit":
        client.force_login(UserFactory())
        data = {"oldpassword": "x", "password1": "y", "password2": "y"}
        client.post("/konto/password/change/", data, secure=True)
        return client.post("/konto/password/change/", data, secure=True)
    if kind == "server-error":
        from samskab.core import views

        def broken(name):
            raise RuntimeError("a broken page")

        monkeypatch.setattr(views, "_language_template", broken)
        client.raise_request_exception = False
        return client.get("/cookies/", secure=True)
    if kind == "health":
        return client.get("/health/ready", secure=True)
    if kind == "metrics":
        return client.get("/metrics", HTTP_AUTHORIZATION="Bearer metrics-token", secure=True)
    if kind == "metrics-refused":
        return client.get("/metrics", secure=True)
    if kind == "static-file":
        return client.get("/static/samskab/favicon.svg", secure=True)
    raise AssertionError(kind)


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("page", 200),
        ("not-found", 404),
        ("bad-request", 400),
        ("too-large", 413),
        ("form-over-a-limit", 429),
        ("page-over-a-limit", 429),
        ("server-error", 500),
        ("health", 200),
        ("metrics", 200),
        ("metrics-refused", 401),
        ("static-file", 200),
    ],
)
def test_every_kind_of_response_sends_every_security_header(
    client, settings, monkeypatch, caplog, kind, status
):
    caplog.set_level(logging.CRITICAL, logger="django.request")
    caplog.set_level(logging.CRITICAL, logger="samskab.core.limits")
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.WHITENOISE_USE_FINDERS = True
    settings.METRICS_TOKEN = "metrics-token"
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "change_password": "1/m/user"}

    response = _respond(client, kind, monkeypatch)

    assert response.status_code == status
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert permissions_policy(response)["camera"] == "()"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_no_page_asks_for_the_position_so_geolocation_stays_denied(settings):
    """If a map "near me" is added, allow geolocation for "self" in PERMISSIONS_POLICY."""
    from pathlib import Path

    scripts = [
        path
        for path in Path(settings.BASE_DIR).glob("*/static/**/*.js")
        if "vendor" not in path.parts
    ]
    assert scripts
    assert not [path for path in scripts if "geolocation" in path.read_text(encoding="utf-8")]
    assert settings.PERMISSIONS_POLICY["geolocation"] == []


@pytest.mark.urls(HEADER_URLS)
def test_a_view_may_send_its_own_permissions_policy(client):
    assert client.get("/own-permissions-policy/")["Permissions-Policy"] == "camera=(self)"


# --- Cache-Control -------------------------------------------------------------------------


def test_pages_for_someone_logged_in_are_private(logged_in_client):
    for path in ["/", "/en/", "/cookies/"]:
        response = logged_in_client.get(path)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-cache", path


def test_pages_for_visitors_are_never_public(client):
    for path in ["/", "/cookies/", "/konto/login/"]:
        response = client.get(path)
        assert response.status_code == 200
        assert "public" not in response.get("Cache-Control", ""), path
        if response.cookies:
            assert "private" in response["Cache-Control"], path


def test_what_a_view_says_about_caching_is_kept_for_someone_logged_in(logged_in_client):
    assert logged_in_client.get("/robots.txt")["Cache-Control"] == "max-age=86400"
    assert logged_in_client.get("/health/live")["Cache-Control"] == "no-store"


@pytest.mark.urls(HEADER_URLS)
def test_a_response_that_reads_the_user_is_private_for_someone_logged_in(client):
    visitor = client.get("/reads-the-user/")
    assert "Cookie" in visitor["Vary"]
    assert "Cache-Control" not in visitor
    client.force_login(UserFactory())

    assert client.get("/reads-the-user/")["Cache-Control"] == "private, no-cache"
    assert client.get("/own-cache-control/")["Cache-Control"] == "private, max-age=60"


@pytest.mark.urls(HEADER_URLS)
def test_a_response_that_never_read_the_session_is_left_alone(client):
    client.force_login(UserFactory())

    response = client.get("/reads-nothing/")

    assert "Cache-Control" not in response
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.urls(HEADER_URLS)
@pytest.mark.parametrize("path", ["/public-with-cookie/", "/public-varying-on-cookie/"])
def test_a_response_that_sets_or_varies_on_a_cookie_is_never_public(client, path):
    response = client.get(path)

    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"private", "max-age=900"}


@pytest.mark.urls(HEADER_URLS)
def test_a_response_that_sets_a_cookie_is_private(client):
    assert client.get("/cookie-only/")["Cache-Control"] == "private"


def test_a_response_is_private_when_who_asks_cannot_be_told(rf):
    from django.contrib.sessions.backends.cache import SessionStore
    from django.db import OperationalError
    from django.http import HttpResponse
    from django.utils.functional import SimpleLazyObject

    from samskab.core.middleware import PrivateCacheMiddleware

    def unknown_user():
        raise OperationalError("the database is down")

    request = rf.get("/")
    request.session = SessionStore()
    request.session.get("anything")  # the view read the session
    request.user = SimpleLazyObject(unknown_user)

    response = PrivateCacheMiddleware(lambda request: HttpResponse("error page"))(request)

    assert response["Cache-Control"] == "private, no-cache"
