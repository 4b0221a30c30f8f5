"""The app servers share what a visitor must not notice moving between them: a login made
on one is valid on the other (sessions in PostgreSQL), and a change made through one is
shown at once by the other (the cache in Redis)."""

import re

import pytest

from tests.stack.client import Visitor

pytestmark = pytest.mark.stack

VOLUNTEER = "volunteer@esbjerg.samskab.dk"
DEMO_PASSWORD = "samskab-demo-2025"
PLACES_LEFT = re.compile(r"(\d+) places? left")


def log_in(visitor: Visitor) -> None:
    token = visitor.form_token("/en/konto/login/")
    answer = visitor.post(
        "/en/konto/login/",
        {"csrfmiddlewaretoken": token, "login": VOLUNTEER, "password": DEMO_PASSWORD},
    )
    assert answer.status == 302, answer.text[:500]
    assert "sessionid" in visitor.cookies


def test_a_login_on_one_app_server_is_valid_on_the_other(stack):
    first, second = stack.ports.app_servers
    on_first = Visitor(first)
    log_in(on_first)

    on_second = Visitor(second, cookies=on_first.cookies)
    answer = on_second.get("/en/min-konto/")

    assert answer.status == 200
    assert "Log out" in answer.text
    assert Visitor(second).get("/en/min-konto/").status == 302  # without the cookie: log in


def test_a_sign_up_through_one_app_server_shows_at_once_on_the_other(stack, seeded):
    """The activity page is cached whole for visitors; a sign-up forgets it. With a cache
    per app server, the other one would show the old count for up to a minute."""
    first, second = stack.ports.app_servers
    page = seeded["activity"]["path"]
    slot = seeded["activity"]["slot"]
    visitor_on_second = Visitor(second)

    def places_left() -> int:
        answer = visitor_on_second.get(page)
        assert answer.status == 200
        return sum(int(count) for count in PLACES_LEFT.findall(answer.text))

    before = places_left()
    assert places_left() == before  # now served from the cache

    person = seeded["people"][0]
    citizen_on_first = Visitor(first, cookies={"sessionid": person["session"]})
    token = citizen_on_first.form_token(f"/en/tilmelding/{slot}/")
    answer = citizen_on_first.post(
        f"/en/tilmelding/{slot}/", {"csrfmiddlewaretoken": token, "next": page}
    )
    assert answer.status == 302

    assert places_left() == before - 1
