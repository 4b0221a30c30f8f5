"""Rate limits (core.limits): over a limit, a form is shown again with what was typed and
the translated message, and the page answers 429; a button gets the 429 page. The counts
live in the cache, so app servers sharing Redis share them."""

import logging
import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

from samskab.core import limits
from samskab.core.tests import limit_urls
from samskab.core.tests.page import Page
from tests.factories import UserFactory

LIMIT_URLS = "samskab.core.tests.limit_urls"
PROJECT_DIR = Path(__file__).resolve().parents[3]
MESSAGE_DA = "Du har prøvet for mange gange på kort tid. Vent et stykke tid, og prøv igen."
MESSAGE_EN = "You have tried this too many times in a short while. Wait a while and try again."


@pytest.fixture(autouse=True)
def _quiet_limit_log(caplog):
    caplog.set_level(logging.ERROR, logger="samskab.core.limits")
    caplog.set_level(logging.ERROR, logger="django.request")


def send(client, email="grethe@example.org", name="Grethe", language="da", **extra):
    path = "/form/" if language == "da" else f"/{language}/form/"
    return client.post(path, {"name": name, "email": email}, **extra)


# --- a form ----------------------------------------------------------------------------------


@pytest.mark.urls(LIMIT_URLS)
def test_a_form_over_its_limit_is_shown_again_with_what_was_typed_and_answers_429(client, db):
    assert [send(client).status_code for _ in range(2)] == [201, 201]

    response = send(client, name="Grethe Jensen")

    assert response.status_code == 429
    page = Page(response)
    assert MESSAGE_DA in page.html
    assert 'value="Grethe Jensen"' in page.html
    assert 'value="grethe@example.org"' in page.html


@pytest.mark.urls(LIMIT_URLS)
def test_the_message_is_in_the_language_of_the_page(client, db):
    for _ in range(3):
        response = send(client, language="en")

    assert response.status_code == 429
    assert MESSAGE_EN in response.content.decode()


@pytest.mark.urls(LIMIT_URLS)
def test_a_limit_per_value_counts_each_address_whatever_its_case(client):
    assert send(client, "grethe@example.org").status_code == 201
    assert send(client, " GRETHE@example.org").status_code == 201
    assert send(client, "grethe@EXAMPLE.org").status_code == 429
    # Another address has its own count; the address's count is on top of the client's.
    assert send(client, "ole@example.org").status_code == 429  # the client's 4th of 3


@pytest.mark.urls(LIMIT_URLS)
def test_clients_are_counted_apart(client):
    for _ in range(3):
        send(client, f"{uuid.uuid4().hex}@example.org", REMOTE_ADDR="192.0.2.1")

    assert send(client, "new@example.org", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert send(client, "new@example.org", REMOTE_ADDR="192.0.2.2").status_code == 201


@pytest.mark.urls(LIMIT_URLS)
def test_a_form_with_errors_is_not_counted(client):
    for _ in range(5):
        assert send(client, email="not-an-address").status_code == 200

    assert send(client).status_code == 201


# --- a button --------------------------------------------------------------------------------


@pytest.mark.urls(LIMIT_URLS)
def test_a_button_over_its_limit_gets_the_429_page_and_nothing_happens(client, db):
    limit_urls.pressed.clear()
    client.force_login(UserFactory())
    for _ in range(3):
        assert client.get("/button/").status_code == 200
    assert [client.post("/button/").status_code for _ in range(2)] == [200, 200]

    response = client.post("/button/")

    assert response.status_code == 429
    page = Page(response)
    assert page.h1 == "For mange forsøg"
    assert MESSAGE_DA in page.html
    assert "Fejlkode: 429" in page.html
    assert limit_urls.pressed == ["GET", "GET", "GET", "POST", "POST"]
    # Another person has a count of their own.
    client.force_login(UserFactory())
    assert client.post("/button/").status_code == 200


def test_a_limit_per_value_cannot_be_used_without_the_value():
    with pytest.raises(ValueError, match="needs the value"):
        limits.limit(limits.Limit("tests.bad", "1/h", per=limits.VALUE))
    with pytest.raises(ValueError, match="pass value="):
        limits.allow(RequestFactory().post("/"), limits.Limit("tests.bad", "1/h", per=limits.VALUE))


@pytest.mark.parametrize(
    ("rate", "per"), [("5", limits.IP), ("0/h", limits.IP), ("5/h", "email"), ("five/h", "ip")]
)
def test_a_limit_must_be_written_correctly(rate, per):
    with pytest.raises(ValueError):
        limits.Limit("tests.bad", rate, per=per)


# --- the client's address ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "remote", "expected"),
    [
        (0, "", "192.0.2.1", "192.0.2.1"),
        (0, "198.51.100.7", "192.0.2.1", "192.0.2.1"),  # no proxy: the header is anyone's
        (1, "198.51.100.7", "127.0.0.1", "198.51.100.7"),
        (1, "10.9.9.9, 198.51.100.7", "127.0.0.1", "198.51.100.7"),  # the left is forged
        (2, "10.9.9.9, 198.51.100.7, 203.0.113.5", "127.0.0.1", "198.51.100.7"),
        (1, "", "127.0.0.1", "127.0.0.1"),  # asked directly, e.g. a probe on loopback
        (1, "unknown", "127.0.0.1", "127.0.0.1"),
        (1, "2001:db8::1", "127.0.0.1", "2001:db8::1"),
        (0, "", "", "0.0.0.0"),  # noqa: S104 - a Unix socket
    ],
)
def test_the_client_is_told_apart_by_the_address_the_outermost_proxy_saw(
    settings, proxies, forwarded_for, remote, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded_for)

    assert limits.client_ip(request) == expected


# --- the cache ---------------------------------------------------------------------------------


def test_a_cache_that_fails_lets_people_through(monkeypatch, caplog):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(cache, "add", down)
    limit = limits.Limit("tests.down", "1/h")
    request = RequestFactory().post("/")

    assert all(limits.allow(request, limit) for _ in range(3))
    assert "could not be counted" in caplog.text


@pytest.mark.urls(LIMIT_URLS)
def test_two_app_servers_sharing_redis_share_one_count(shared_redis):
    first_server, second_server = Client(), Client()

    assert send(first_server).status_code == 201
    assert send(second_server).status_code == 201
    response = send(first_server)

    assert response.status_code == 429
    assert MESSAGE_DA in response.content.decode()


def test_another_process_counts_in_the_same_redis(shared_redis):
    """A separate process (another gunicorn worker, another machine) uses up the limit; the
    next use here is refused."""
    action = f"tests.shared.{uuid.uuid4().hex}"
    script = f"""
        import django
        django.setup()
        from django.test import RequestFactory
        from django.test.utils import override_settings
        from samskab.core import limits

        with override_settings(CACHES={{"default": {shared_redis!r}}}):
            request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.9")
            limit = limits.Limit({action!r}, "3/h")
            print(sum(limits.allow(request, limit) for _ in range(3)))
    """
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTEST_")}
    env["DJANGO_SETTINGS_MODULE"] = "samskab.settings.test"
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
    assert result.stdout.strip().splitlines()[-1] == "3"

    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.9")

    assert not limits.allow(request, limits.Limit(action, "3/h"))
    assert limits.allow(
        RequestFactory().post("/", REMOTE_ADDR="192.0.2.10"), limits.Limit(action, "3/h")
    )


def test_a_service_counts_each_persons_attempts_per_action():
    from samskab.core import limits

    assert [limits.allow_person("x", 1, "2/m") for _ in range(3)] == [True, True, False]
    assert limits.allow_person("x", 2, "2/m")
    assert limits.allow_person("y", 1, "2/m")
    assert all(limits.allow_person("x", 1, "") for _ in range(5))
