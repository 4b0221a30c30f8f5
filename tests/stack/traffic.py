"""What the load tests send: people browsing (visitors and logged-in citizens, the pages
most asked for) and people signing up for activity sessions."""

import itertools
import os

from tests.stack.client import Visitor

# How long the plain load test runs (the issue asks for 60 s at 32 connections); CI may
# shorten it.
LOAD_SECONDS = float(os.environ.get("STACK_LOAD_SECONDS", "60"))
LOAD_CONNECTIONS = int(os.environ.get("STACK_LOAD_CONNECTIONS", "32"))
# Below the 60 sign-ups an hour one person may make.
SIGN_UPS_PER_PERSON = 50


def browsing(port: int, seeded: dict, *, logged_in_share: int = 4):
    """A step for ``run_load``: every ``logged_in_share``-th connection is a logged-in
    citizen (pages from the database for each request), the others visitors (pages the
    cache keeps, static files)."""
    people = seeded["people"][1:16]
    activity = seeded["activity"]["path"]
    visitor_pages = [
        "/",
        "/en/aktiviteter/",
        activity,
        "/en/frivillig/",
        "/en/foreninger/",
        "/static/samskab/css/samskab.css",
        "/en/aktiviteter/?q=g%C3%A5tur",
    ]
    citizen_pages = ["/en/min-konto/", "/en/tilmelding/", activity, "/en/"]
    connections: dict[int, tuple[Visitor, itertools.cycle]] = {}

    def step(number: int):
        if number not in connections:
            if number % logged_in_share == 0:
                person = people[(number // logged_in_share) % len(people)]
                visitor = Visitor(port, cookies={"sessionid": person["session"]})
                pages = itertools.cycle(citizen_pages)
            else:
                visitor = Visitor(port)
                pages = itertools.cycle(visitor_pages[number % 3 :] + visitor_pages[: number % 3])
            connections[number] = (visitor, pages)
        visitor, pages = connections[number]
        path = next(pages)
        return visitor.get(path), path

    return step


def signing_up(port: int, people: list[dict], slots: list[int], connections: int):
    """A step for ``run_load``: logged-in citizens sign up for sessions through the form
    (CSRF token from the sign-up page), each (person, session) once. The label of each
    answer is ``person_id:slot_id``."""
    visitors = []
    for person in people:
        visitor = Visitor(port, cookies={"sessionid": person["session"]})
        token = visitor.form_token(f"/en/tilmelding/{slots[0]}/")
        visitors.append((person["id"], visitor, token))
    # Connection n takes every n-th person, and goes through the sessions with each; no
    # one signs up more often than the site allows in an hour (booking.views.SIGN_UPS).
    plans = {
        number: iter(
            [
                (person_id, visitor, token, slot)
                for slot in slots[:SIGN_UPS_PER_PERSON]
                for person_id, visitor, token in visitors[number::connections]
            ]
        )
        for number in range(connections)
    }

    def step(number: int):
        planned = next(plans[number], None)
        if planned is None:
            return None
        person_id, visitor, token, slot = planned
        answer = visitor.post(
            f"/en/tilmelding/{slot}/", {"csrfmiddlewaretoken": token, "next": "/en/tilmelding/"}
        )
        return answer, f"{person_id}:{slot}"

    return step
