"""Prometheus metrics at /metrics (core.metrics): only with the bearer token, never stored,
no cookie, and with PROMETHEUS_MULTIPROC_DIR the sum of every worker process."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[3]
TOKEN = "a-long-random-metrics-token-for-tests"
AUTHORIZATION = f"Bearer {TOKEN}"


@pytest.fixture
def metrics_token(settings):
    settings.METRICS_TOKEN = TOKEN
    return TOKEN


def test_without_a_token_configured_the_address_does_not_exist(client, db, settings):
    settings.METRICS_TOKEN = ""

    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer ")

    assert response.status_code == 404
    assert not response.cookies


@pytest.mark.parametrize(
    "authorization",
    [None, "", f"Bearer {TOKEN}x", f"bearer {TOKEN}", TOKEN, f"Basic {TOKEN}", "Bearer æøå"],
    ids=["none", "empty", "longer", "lower-case", "bare", "basic", "non-ascii"],
)
def test_without_the_right_token_the_answer_is_401(client, metrics_token, authorization):
    headers = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}

    response = client.get("/metrics", **headers)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="metrics"'
    assert response["Cache-Control"] == "no-store"
    assert b"django_http" not in response.content
    assert not response.cookies


@pytest.mark.django_db
def test_with_the_token_prometheus_gets_the_counts(client, metrics_token):
    client.get("/health/live")

    response = client.get("/metrics", HTTP_AUTHORIZATION=AUTHORIZATION)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    text = response.content.decode()
    assert "# TYPE django_http_requests_latency_seconds_by_view_method histogram" in text
    assert 'view="health_live"' in text


@pytest.mark.django_db
def test_the_queue_and_the_outbox_are_counted(client, metrics_token, monkeypatch):
    from django.core.mail import EmailMessage
    from django.utils import timezone

    from samskab.core import emails
    from samskab.core.models import OutgoingEmail

    _waiting, given_up = emails.send_later(
        [EmailMessage("a", "b", to=["a@example.dk"]), EmailMessage("c", "d", to=["c@example.dk"])],
        about="metrics",
    )
    OutgoingEmail.objects.filter(pk=given_up).update(gave_up_at=timezone.now())

    text = client.get("/metrics", HTTP_AUTHORIZATION=AUTHORIZATION).content.decode()

    assert "samskab_emails_waiting 1.0" in text
    assert "samskab_emails_given_up 1.0" in text
    assert "samskab_tasks_waiting 0.0" in text
    assert "# TYPE samskab_tasks_oldest_waiting_seconds gauge" in text


def test_it_takes_get_and_head_only(client, metrics_token):
    response = client.post("/metrics", HTTP_AUTHORIZATION=AUTHORIZATION)

    assert response.status_code == 405


def test_it_lives_outside_the_language_prefix_and_answers_plain_http(
    client, db, metrics_token, settings
):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/metrics", HTTP_AUTHORIZATION=AUTHORIZATION).status_code == 200
    assert client.get("/en/metrics", HTTP_AUTHORIZATION=AUTHORIZATION).status_code in (301, 404)


def _run(script: str, environment: dict) -> str:
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTEST_")}
    env.update(environment)
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_with_a_multiprocess_directory_any_worker_answers_for_all_of_them(tmp_path):
    """Two processes (two gunicorn workers) serve requests; either one's /metrics counts
    both."""
    environment = {
        "DJANGO_SETTINGS_MODULE": "samskab.settings.test",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
        "METRICS_TOKEN": TOKEN,
    }
    serve = """
        import django
        django.setup()
        from django.test import Client
        client = Client()
        for _ in range({count}):
            assert client.get("/health/live").status_code == 200
        {then}
    """
    scrape = f'print(client.get("/metrics", HTTP_AUTHORIZATION="{AUTHORIZATION}").content.decode())'

    _run(serve.format(count=3, then="pass"), environment)
    text = _run(serve.format(count=4, then=scrape), environment)

    served = [
        line
        for line in text.splitlines()
        if line.startswith("django_http_responses_total_by_status_view_method_total{")
        and 'view="health_live"' in line
    ]
    assert len(served) == 1, text
    assert served[0].endswith(" 7.0")
    assert len(list(tmp_path.glob("*.db"))) >= 2
