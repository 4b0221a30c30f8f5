"""/health/live and /health/ready: answers for load balancers and monitoring that set no
cookie, are never cached and are not redirected to HTTPS."""

import json

import pytest
from django.db import OperationalError

from samskab.core import health

pytestmark = pytest.mark.django_db


def assert_plain_probe_answer(response):
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_live_answers_ok_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert_plain_probe_answer(response)


def test_ready_reports_database_and_cache(client):
    response = client.get("/health/ready")

    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "cache": "ok", "queue": "ok"}
    assert_plain_probe_answer(response)


def test_ready_is_503_and_names_the_database_when_its_check_fails(client, monkeypatch):
    def broken():
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(health, "check_database", broken)

    response = client.get("/health/ready")

    assert response.status_code == 503
    assert json.loads(response.content) == {"database": "error", "cache": "ok", "queue": "ok"}
    assert b"server closed" not in response.content
    assert_plain_probe_answer(response)


def test_ready_is_503_when_the_database_cannot_be_queried(client, monkeypatch):
    from django.db import connection

    def no_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", no_cursor)

    response = client.get("/health/ready")

    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "error"


def test_ready_is_503_and_names_the_cache_when_it_loses_what_it_was_given(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    response = client.get("/health/ready")

    assert response.status_code == 503
    assert json.loads(response.content) == {"database": "ok", "cache": "error", "queue": "ok"}


def test_ready_is_503_and_names_the_queue_when_its_broker_does_not_answer(client, monkeypatch):
    def broker_gone():
        raise ConnectionError("broker gone")

    monkeypatch.setattr(health.tasks, "check_queue", broker_gone)
    response = client.get("/health/ready")

    assert response.status_code == 503
    assert json.loads(response.content) == {"database": "ok", "cache": "ok", "queue": "error"}


def test_the_cache_check_leaves_nothing_behind():
    from django.core.cache import cache

    health.check_cache()

    assert not [key for key in cache._cache if "health:" in key]


@pytest.mark.parametrize("path", ["/health/live", "/health/ready"])
def test_probes_are_answered_over_plain_http_when_https_is_enforced(client, settings, path):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get(path).status_code == 200
    # Everything else is still redirected.
    assert client.get("/").status_code == 301


@pytest.mark.parametrize("path", ["/health/live", "/health/ready"])
def test_probes_take_get_and_head_only(client, path):
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405


def test_probes_live_outside_the_language_prefix(client):
    assert client.get("/en/health/live").status_code == 404
