#!/usr/bin/env python3
"""Realistic load bench: Samskab as deployed (gunicorn, PostgreSQL at Esbjerg scale, the
shared Redis cache) under traffic spread the way visitors spread it.

    .venv/bin/python bench/realistic.py [--connections 8] [--workers 3] [--seconds 120]

bench/load.py asks for the same few addresses again and again, so as deployed it measures
cache hits. This bench draws thousands of distinct addresses from the generated data
(activity, organisation, opportunity, idea and vision pages; catalogue, volunteering and
idea-list searches, filters and page numbers; English variants), lets a share of the
visitors (``--logged-in``, default a third) be logged in as generated people (never served
from the page cache) who also open their own pages, and keeps a steady stream of sign-ups
and cancellations going through the site's own forms (``--bookings-per-second``) while it
measures. The framework floor (``/bench/floor/``) is measured in the same run, in rounds
interleaved with the mix's. It prints requests/s, p50, p90 and p99 per kind of page and for
the mix, the booking stream's own figures, and the mix's requests/s as a share of the floor;
it exits with 1 if any request failed (a status other than 2xx or 3xx, or no answer), and
says which.

1. Creates and fills the database once, as bench/load.py does (default samskab_bench,
   ``generate_data --scale esbjerg``), and gives a seeded sample of generated people a
   password and a verified email (bench/realistic_users.py; that database only).
2. Empties the bench's Redis database (``--redis-url``, default db 11: the bench's own) and
   starts gunicorn with ``REDIS_URL`` pointing at it.
3. Logs the visitors and the booking stream's people in through the login form, warms up,
   then measures ``--rounds`` rounds of the mix and of the floor in turn.

Only 127.0.0.1 is contacted; gunicorn is stopped at the end whatever happens. With the
defaults the load lasts about 2 minutes 40 seconds (10 s warm-up, 120 s mix, 30 s floor).
"""

import argparse
import bisect
import html
import json
import math
import os
import random
import re
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.client import HTTPConnection, HTTPException
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load  # noqa: E402 (after the path above)

DEFAULT_REDIS = "redis://127.0.0.1:6379/11"
PAGE_SIZE = 20  # the catalogue's, the volunteering list's and the idea list's
# A kept-alive connection idle this long is replaced before use: gunicorn closes idle ones
# after 5 s (``--keep-alive 5`` in bench/load.py), and a request on a connection the server
# has just closed would count as an error that no browser would show.
IDLE_SECONDS = 4.0

# What visitors open, as shares of their page views (percent), for visitors who are not
# logged in and for those who are. The reasoning (bench/README.md, "Realistic load"): people
# arrive on an activity page from a search engine, a shared link or the catalogue, so
# activity pages are the largest share; the catalogue is the way in for the rest, half
# searches and filters; volunteering and ideas are the other two halves of the site, each
# a list and its pages; the front page and the vision's pages are read less often than
# what they lead to. Logged-in people do the same a little less and spend a sixth of their
# views on their own pages (sign-ups, account, suggestions, notifications).
KINDS = {
    # kind: (not logged in, logged in)
    "activity page": (30, 25),
    "organisation page": (10, 8),
    "catalogue: browse": (6, 5),
    "catalogue: search": (8, 7),
    "catalogue: filters": (8, 7),
    "opportunity page": (8, 7),
    "volunteering list": (5, 4),
    "idea page": (8, 8),
    "idea list": (5, 5),
    "front page": (6, 4),
    "vision page": (6, 5),
    "own pages": (0, 15),
}
OWN_PAGES = [
    "/min-konto/",
    "/tilmelding/",
    "/aktiviteter/mine/",
    "/frivillig/mit-frivillige-arbejde/",
    "/frivillig/min-profil/",
    "/notifikationer/",
    "/forslag/",
]
# How many distinct addresses of each kind are drawn (fewer when the data has fewer).
SIZES = {
    "activity page": 4000,
    "organisation page": 1500,
    "catalogue: browse": 400,
    "catalogue: search": 1500,
    "catalogue: filters": 2500,
    "opportunity page": 2500,
    "volunteering list": 1500,
    "idea page": 2500,
    "idea list": 1500,
}


# --- the addresses ---------------------------------------------------------------------------


def _words(titles) -> list[str]:
    """Distinct words of four letters or more from titles, as people would type them."""
    found = set()
    for title in titles:
        for word in re.findall(r"[^\W\d_]{4,}", title or ""):
            found.add(word.casefold())
    return sorted(found)


def _distinct(make, count: int, first: str | None = None, tries: int = 20) -> list[str]:
    """Up to ``count`` distinct addresses from ``make()`` (which draws one at random),
    ``first`` first."""
    found = dict.fromkeys([first] if first else [])
    for _ in range(tries):
        if len(found) >= count:
            break
        found.update(dict.fromkeys(make() for _ in range(count - len(found))))
    return list(found)


def _address(path: str, params: list[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def _dates(rng, today: date) -> list[tuple[str, str]]:
    start = today + timedelta(days=rng.randrange(0, 30))
    end = start + timedelta(days=rng.choice([0, 1, 6, 13, 29]))
    return [("date_from", start.isoformat()), ("date_to", end.isoformat())]


def draw_addresses(database_url: str, seed: int) -> dict[str, list[str]]:
    """Addresses of each kind (Danish; a visit in English puts ``/en`` in front), drawn
    from the generated data with ``seed``: the same seed, the same addresses."""
    sql = load.sql
    rng = random.Random(seed)  # noqa: S311 (a reproducible sample, not a secret)
    today = date.today()

    def sample(rows, kind):
        return rng.sample(rows, min(len(rows), SIZES[kind]))

    activities = sql(
        database_url,
        "SELECT a.id, a.slug FROM activities_activity a "
        "JOIN organisations_organisation o ON o.id = a.organisation_id "
        "WHERE a.is_published AND o.status = 'approved' ORDER BY a.id",
    )
    organisations = sql(
        database_url,
        "SELECT slug FROM organisations_organisation WHERE status = 'approved' ORDER BY id",
    )
    opportunities = sql(
        database_url,
        "SELECT v.id, v.slug FROM volunteering_opportunity v "
        "JOIN organisations_organisation o ON o.id = v.organisation_id "
        "WHERE v.is_published AND o.status = 'approved' ORDER BY v.id",
    )
    ideas = sql(
        database_url,
        "SELECT id, title FROM ideas_idea WHERE moderation_state = 'published' ORDER BY id",
    )
    focus_areas = [slug for (slug,) in sql(database_url, "SELECT slug FROM vision_focusarea")]
    initiatives = [slug for (slug,) in sql(database_url, "SELECT slug FROM vision_initiative")]
    towns = sql(database_url, "SELECT slug, postcode FROM reference_town ORDER BY id")
    interests = [s for (s,) in sql(database_url, "SELECT slug FROM reference_interest")]
    age_groups = [s for (s,) in sql(database_url, "SELECT slug FROM reference_agegroup")]
    languages = [s for (s,) in sql(database_url, "SELECT code FROM reference_language")]
    skills = [s for (s,) in sql(database_url, "SELECT slug FROM reference_skill")]
    statuses = [s for (s,) in sql(database_url, "SELECT slug FROM ideas_answerstatus")]
    (coming,) = sql(database_url, "SELECT count(*) FROM catalogue_nextsession")[0]
    activity_words = _words(
        t
        for row in sql(database_url, "SELECT title_da, title_en FROM activities_activity")
        for t in row
    )
    opportunity_words = _words(
        t
        for row in sql(database_url, "SELECT title_da, title_en FROM volunteering_opportunity")
        for t in row
    )
    idea_words = _words(title for _id, title in ideas)
    pages = {
        "catalogue": max(1, coming // PAGE_SIZE),
        "volunteering": max(1, len(opportunities) // PAGE_SIZE),
        "ideas": max(1, len(ideas) // PAGE_SIZE),
    }

    def page(kind, share):
        """Most visitors stay on the first page; some go on a page or two, a few far."""
        if rng.random() >= share:
            return []
        last = pages[kind]
        number = rng.randint(2, min(last, 4)) if rng.random() < 0.8 else rng.randint(2, last)
        return [("page", str(number))] if last > 1 else []

    def search(words):
        return " ".join(rng.sample(words, rng.choice([1, 1, 1, 2])))

    def catalogue_browse():
        return _address("/aktiviteter/", page("catalogue", 1.0))

    def catalogue_search():
        return _address("/aktiviteter/", [("q", search(activity_words)), *page("catalogue", 0.15)])

    def catalogue_filters():
        choices = {
            "town": lambda: [("town", rng.choice(towns)[0])],
            "area": lambda: [("area", rng.choice(focus_areas))],
            "interest": lambda: [("interest", i) for i in rng.sample(interests, rng.randint(1, 2))],
            "age": lambda: [("age", rng.choice(age_groups))],
            "language": lambda: [("language", rng.choice(languages))],
            "day": lambda: [("day", str(d)) for d in sorted(rng.sample(range(1, 8), 2))],
            "time": lambda: [("time", rng.choice(["morning", "afternoon", "evening"]))],
            "free": lambda: [("free", "1")],
            "alone": lambda: [("alone", "1")],
            "dates": lambda: _dates(rng, today),
            "near": lambda: [("near", rng.choice(towns)[1]), ("sort", "nearest")],
        }
        params = []
        for name in rng.sample(sorted(choices), rng.choice([1, 1, 2, 2, 3])):
            params += choices[name]()
        if rng.random() < 0.3:
            params.insert(0, ("q", search(activity_words)))
        return _address("/aktiviteter/", params + page("catalogue", 0.1))

    def volunteering_list():
        choices = {
            "q": lambda: [("q", search(opportunity_words))],
            "kind": lambda: [("kind", rng.choice(["ongoing", "ad_hoc"]))],
            "focus_area": lambda: [("focus_area", rng.choice(focus_areas))],
            "town": lambda: [("town", rng.choice(towns)[0])],
            "dates": lambda: _dates(rng, today),
            "skill": lambda: [("skill", rng.choice(skills))],
            "language": lambda: [("language", rng.choice(languages))],
            "from_home": lambda: [("from_home", "1")],
        }
        params = []
        for name in rng.sample(sorted(choices), rng.choice([0, 1, 1, 2])):
            params += choices[name]()
        return _address("/frivillig/", params + page("volunteering", 0.2))

    def idea_list():
        choices = {
            "q": lambda: [("q", search(idea_words))],
            "sort": lambda: [("sort", rng.choice(["supported", "discussed", "answered"]))],
            "focus_area": lambda: [("focus_area", rng.choice(focus_areas))],
            "status": lambda: [("status", rng.choice(statuses))],
            "town": lambda: [("town", rng.choice(towns)[0])],
        }
        params = []
        for name in rng.sample(sorted(choices), rng.choice([0, 1, 1, 2])):
            params += choices[name]()
        return _address("/ideer/", params + page("ideas", 0.2))

    return {
        "activity page": [
            f"/aktiviteter/{pk}-{quote(slug)}/" if slug else f"/aktiviteter/{pk}/"
            for pk, slug in sample(activities, "activity page")
        ],
        "organisation page": [
            f"/foreninger/{quote(slug)}/" for (slug,) in sample(organisations, "organisation page")
        ],
        "catalogue: browse": _distinct(
            catalogue_browse, SIZES["catalogue: browse"], first="/aktiviteter/"
        ),
        "catalogue: search": _distinct(catalogue_search, SIZES["catalogue: search"]),
        "catalogue: filters": _distinct(catalogue_filters, SIZES["catalogue: filters"]),
        "opportunity page": [
            f"/frivillig/{pk}/{quote(slug)}/" if slug else f"/frivillig/{pk}/"
            for pk, slug in sample(opportunities, "opportunity page")
        ],
        "volunteering list": _distinct(
            volunteering_list, SIZES["volunteering list"], first="/frivillig/"
        ),
        "idea page": [
            f"/ideer/{pk}-{load.idea_slug(title)}/" for pk, title in sample(ideas, "idea page")
        ],
        "idea list": _distinct(idea_list, SIZES["idea list"], first="/ideer/"),
        "front page": ["/"],
        "vision page": [f"/fokusomraader/{quote(s)}/" for s in focus_areas]
        + [f"/initiativer/{quote(s)}/" for s in initiatives],
        "own pages": list(OWN_PAGES),
    }


def bookable_activities(database_url: str, seed: int, count: int = 400) -> list[str]:
    """Pages of activities with sign-up whose next session starts in more than two hours
    (so its sign-up is open through the run)."""
    rows = load.sql(
        database_url,
        "SELECT a.id, a.slug FROM activities_activity a "
        "JOIN catalogue_nextsession n ON n.activity_id = a.id "
        "JOIN organisations_organisation o ON o.id = a.organisation_id "
        "WHERE a.is_published AND o.status = 'approved' AND a.participation = 'sign_up' "
        "AND n.starts_at > now() + interval '2 hours' ORDER BY a.id",
    )
    rng = random.Random(seed + 1)  # noqa: S311 (a reproducible sample, not a secret)
    return [
        f"/aktiviteter/{pk}-{quote(slug)}/" if slug else f"/aktiviteter/{pk}/"
        for pk, slug in rng.sample(rows, min(count, len(rows)))
    ]


class Popularity:
    """Draws from a list with Zipf weights (the address at rank r is asked for in
    proportion to 1 / r ** exponent; 0 is uniform): a few addresses are popular and most
    are in the long tail, as on any site. The ranks follow the list's (random) order, but
    for a list whose first address is where everyone lands (a list page without filters),
    which gets ``HEAD_SHARE`` of the kind's views."""

    HEAD_SHARE = {"catalogue: browse": 0.5, "volunteering list": 0.4, "idea list": 0.4}

    def __init__(self, items: list[str], exponent: float, head_share: float = 0.0):
        self.items = items
        weights = [1 / rank**exponent for rank in range(1, len(items) + 1)]
        if head_share and len(items) > 1:
            rest = sum(weights[1:])
            weights[0] = rest * head_share / (1 - head_share)
        total, self.cumulative = 0.0, []
        for weight in weights:
            total += weight
            self.cumulative.append(total)

    def pick(self, rng: random.Random) -> str:
        index = bisect.bisect_left(self.cumulative, rng.random() * self.cumulative[-1])
        return self.items[min(index, len(self.items) - 1)]


# --- a browser: one keep-alive connection, cookies kept by the caller ------------------------


@dataclass
class Response:
    status: int
    location: str
    body: str
    latency: float


def _store_cookies(cookies: dict, headers: list[str]) -> None:
    for header in headers:
        parsed = SimpleCookie()
        try:
            parsed.load(header)
        except CookieError:
            continue
        for name, morsel in parsed.items():
            # Django deletes a cookie with max-age 0 and an expiry in 1970.
            if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                cookies.pop(name, None)
            else:
                cookies[name] = morsel.value


class Browser:
    """One keep-alive connection to the bench server; each request carries the cookies
    it is given and stores those the answer sets, as a browser does. Redirects are not
    followed (the caller decides)."""

    def __init__(self, port: int):
        self.port = port
        self.connection = None
        self.last_used = 0.0

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def send(self, method: str, path: str, cookies: dict, form: dict | None = None) -> Response:
        if self.connection is not None and time.monotonic() - self.last_used > IDLE_SECONDS:
            self.close()
        if self.connection is None:
            self.connection = HTTPConnection(load.HOST, self.port, timeout=30)
        headers = {"Host": load.HOST}
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            answer = self.connection.getresponse()
            text = answer.read().decode("utf-8", "replace")
        except (OSError, HTTPException):
            self.close()
            return Response(0, "", "", time.perf_counter() - started)
        latency = time.perf_counter() - started
        self.last_used = time.monotonic()
        _store_cookies(cookies, answer.msg.get_all("Set-Cookie") or [])
        if answer.getheader("Connection", "").lower() == "close":
            self.close()
        return Response(answer.status, answer.getheader("Location", ""), text, latency)


def ok(status: int) -> bool:
    return 200 <= status < 400


_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def log_in(browser: Browser, email: str, password: str) -> dict:
    """Log in through the site's login form; the cookies of the session. The login form
    allows 30 logins a minute from one address (accounts/forms.py): over it, wait."""
    for _attempt in range(3):
        cookies: dict = {}
        page = browser.send("GET", "/konto/login/", cookies)
        token = _TOKEN.search(page.body)
        if page.status != 200 or token is None:
            raise RuntimeError(f"The login page answered {page.status} without a form.")
        form = {"csrfmiddlewaretoken": token.group(1), "login": email, "password": password}
        answer = browser.send("POST", "/konto/login/", cookies, form)
        if answer.status == 429:
            print("  (30 logins a minute from one address: waiting for the next minute)")
            time.sleep(61)
            continue
        if answer.status != 302 or "sessionid" not in cookies:
            raise RuntimeError(f"Logging in {email} answered {answer.status}, not a redirect.")
        return cookies
    raise RuntimeError(f"Could not log {email} in.")


# --- the visitors ------------------------------------------------------------------------------


@dataclass
class Tally:
    """What the visitors measured (a thread's in a round, then all of them): latencies per
    (kind, logged in)."""

    latencies: dict = field(default_factory=lambda: defaultdict(list))
    errors: list = field(default_factory=list)  # (kind, path, status, logged in)
    # Answers other than 200 that are not errors (redirects), per kind and status: an
    # address drawn wrong (an old slug) shows here.
    other_answers: Counter = field(default_factory=Counter)
    # The distinct addresses asked for, per (kind, logged in).
    addresses: dict = field(default_factory=lambda: defaultdict(set))

    def merge(self, other: "Tally") -> None:
        for key, values in other.latencies.items():
            self.latencies[key].extend(values)
        for key, values in other.addresses.items():
            self.addresses[key] |= values
        self.errors.extend(other.errors)
        self.other_answers.update(other.other_answers)


class Visitors:
    """One client thread's visitors: a visit is a few page views by one person, logged in
    (one of this thread's own accounts, which no other thread uses) with probability
    ``logged_in`` or else a new visitor with no cookies; in English with probability
    ``english``. Each view picks a kind of page by the weights of ``KINDS`` and an address
    of that kind by popularity."""

    VISIT_LENGTH = 5  # page views on average (geometric)

    def __init__(self, port, seed, pickers, accounts, *, logged_in, english):
        self.browser = Browser(port)
        self.rng = random.Random(seed)  # noqa: S311 (reproducible traffic, not a secret)
        self.pickers = pickers
        self.accounts = accounts  # cookies of this thread's logged-in people
        self.logged_in = logged_in if accounts else 0.0
        self.english = english
        self.kinds = list(KINDS)
        self.weights = {
            False: [KINDS[kind][0] for kind in self.kinds],
            True: [KINDS[kind][1] for kind in self.kinds],
        }

    def run(self, deadline: float, tally: Tally | None) -> None:
        rng = self.rng
        while time.monotonic() < deadline:
            logged_in = rng.random() < self.logged_in
            cookies = rng.choice(self.accounts) if logged_in else {}
            prefix = "/en" if rng.random() < self.english else ""
            while time.monotonic() < deadline:
                kind = rng.choices(self.kinds, self.weights[logged_in])[0]
                path = prefix + self.pickers[kind].pick(rng)
                answer = self.browser.send("GET", path, cookies)
                good = ok(answer.status)
                # A logged-in person sent to the login page has lost the session.
                if logged_in and "/konto/login/" in answer.location:
                    good = False
                if tally is not None:
                    tally.latencies[(kind, logged_in)].append(answer.latency)
                    tally.addresses[(kind, logged_in)].add(path)
                    if not good:
                        tally.errors.append((kind, path, answer.status or "no answer", logged_in))
                    elif answer.status != 200:
                        tally.other_answers[(kind, answer.status)] += 1
                if rng.random() < 1 / self.VISIT_LENGTH:
                    break
        self.browser.close()


def run_round(visitors: list[Visitors], seconds: float, tally: Tally | None) -> float:
    """Every thread's visitors for ``seconds``; the round's wall time."""
    tallies = [Tally() for _ in visitors]
    started = time.monotonic()
    deadline = started + seconds
    threads = [
        threading.Thread(target=v.run, args=(deadline, t if tally is not None else None))
        for v, t in zip(visitors, tallies, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    elapsed = time.monotonic() - started
    if tally is not None:
        for one in tallies:
            tally.merge(one)
    return elapsed


# --- the booking stream ----------------------------------------------------------------------

_SIGNUP_BOX = re.compile(
    r'<div class="booking-signup" id="booking-signup-(\d+)">(.*?)</div>', re.DOTALL
)
_FORM = re.compile(r'<form method="post" action="([^"]+)">(.*?)</form>', re.DOTALL)
_NEXT = re.compile(r'name="next" value="([^"]*)"')


def _signup_boxes(page: str) -> dict[int, str]:
    return {int(slot): box for slot, box in _SIGNUP_BOX.findall(page)}


def _form(box: str, action_start: str) -> tuple[str, dict] | None:
    """The action and fields of the box's form whose action starts with ``action_start``."""
    for action, inside in _FORM.findall(box):
        action = html.unescape(action)
        if action.startswith(action_start):
            token = _TOKEN.search(inside)
            following = _NEXT.search(inside)
            fields = {"csrfmiddlewaretoken": token.group(1) if token else ""}
            if following:
                fields["next"] = html.unescape(following.group(1))
            return action, fields
    return None


class BookingStream:
    """Sign-ups and cancellations through the site while the visitors browse: each of
    ``threads`` threads opens a bookable activity's page as one of its logged-in people,
    signs up to one of its sessions with the page's one-click form, follows the redirect
    back to the page, and after half a period cancels with the page's "Cancel my place"
    form (and follows that redirect too). Sign-ups start every ``threads / rate`` seconds
    per thread, so the whole stream makes ``rate`` sign-ups and as many cancellations a
    second (less if the site answers too slowly to keep up: the report says)."""

    def __init__(self, port, seed, pages, accounts, *, rate, threads):
        self.port = port
        self.seed = seed
        self.pages = pages
        self.accounts = accounts
        self.period = threads / rate if rate > 0 else 0.0
        self.threads_wanted = threads if rate > 0 else 0
        self.stop_event = threading.Event()
        self.recording = False
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.counts = Counter()
        self.errors = []  # (step, path, what)
        self.refusals = Counter()
        self.recorded_seconds = 0.0
        self._recording_since = None
        self.threads = []

    def start(self) -> None:
        for number in range(self.threads_wanted):
            mine = self.accounts[number :: self.threads_wanted]
            thread = threading.Thread(target=self._run, args=(number, mine), daemon=True)
            thread.start()
            self.threads.append(thread)

    def record(self, on: bool) -> None:
        with self.lock:
            now = time.monotonic()
            if on and self._recording_since is None:
                self._recording_since = now
            if not on and self._recording_since is not None:
                self.recorded_seconds += now - self._recording_since
                self._recording_since = None
            self.recording = on

    def stop(self) -> None:
        self.record(False)
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout=120)

    def _note(self, step, latency=None, *, count=None, error=None):
        with self.lock:
            if not self.recording:
                return
            if latency is not None:
                self.latencies[step].append(latency)
            if count:
                self.counts[count] += 1
            if error is not None:
                self.errors.append((step, *error))

    def _send(self, browser, step, method, path, cookies, form=None) -> Response | None:
        answer = browser.send(method, path, cookies, form)
        self._note(step, answer.latency)
        expected = 302 if method == "POST" else 200
        if answer.status != expected or "/konto/login/" in answer.location:
            self._note(step, error=(path, answer.status or "no answer"))
            return None
        return answer

    def _run(self, number: int, accounts: list[dict]) -> None:
        rng = random.Random(self.seed * 1000 + number)  # noqa: S311 (not a secret)
        browser = Browser(self.port)
        # Spread the threads' sign-ups evenly over the period.
        next_start = time.monotonic() + self.period * number / max(1, self.threads_wanted)
        turn = 0
        while not self.stop_event.is_set():
            if self.stop_event.wait(max(0.0, next_start - time.monotonic())):
                break
            next_start += self.period
            cookies = accounts[turn % len(accounts)]
            turn += 1
            self._cycle(browser, rng, cookies, halfway=next_start - self.period / 2)
            # Too slow to keep the rate: start the next one now rather than bunching up.
            next_start = max(next_start, time.monotonic())
        browser.close()

    def _cycle(self, browser, rng, cookies, *, halfway) -> None:
        for _attempt in range(5):
            path = rng.choice(self.pages)
            page = self._send(browser, "activity page (logged in)", "GET", path, cookies)
            if page is None:
                return
            boxes = _signup_boxes(page.body)
            forms = {}
            for slot, box in boxes.items():
                form = _form(box, "/tilmelding/")
                if form and not form[0].startswith("/tilmelding/afmeld/"):
                    forms[slot] = form
            if forms:
                break
            self._note("sign-up", count="pages without an open sign-up (another chosen)")
        else:
            return
        slot = rng.choice(sorted(forms))
        action, fields = forms[slot]
        answer = self._send(browser, "sign-up (POST)", "POST", action, cookies, fields)
        if answer is None:
            return
        after = self._send(browser, "activity page (logged in)", "GET", answer.location, cookies)
        if after is None:
            return
        box = _signup_boxes(after.body).get(slot, "")
        cancel = _form(box, "/tilmelding/afmeld/")
        if cancel is None:
            # Refused by the site (the session filled up and keeps no waiting list, or it
            # closed): an answer, not an error; the report counts them.
            self._note("sign-up", count="sign-ups refused by the site")
            with self.lock:
                if self.recording:
                    self.refusals[re.sub(r"\s+", " ", box)[:200]] += 1
            return
        waiting = "Forlad ventelisten" in box or "Leave the waiting list" in box
        self._note("sign-up", count="sign-ups (on the waiting list)" if waiting else "sign-ups")
        self.stop_event.wait(max(0.0, halfway - time.monotonic()))
        action, fields = cancel
        answer = self._send(browser, "cancellation (POST)", "POST", action, cookies, fields)
        if answer is None:
            return
        after = self._send(browser, "activity page (logged in)", "GET", answer.location, cookies)
        if after is None:
            return
        if _form(_signup_boxes(after.body).get(slot, ""), "/tilmelding/afmeld/") is not None:
            self._note("cancellation (POST)", error=(action, "still signed up after cancelling"))
        else:
            self._note("cancellation (POST)", count="cancellations")


# --- reporting ---------------------------------------------------------------------------------


def _figures(label, latencies, seconds, errors) -> dict:
    measurement = load.Measurement(label, "", list(latencies), errors, seconds)
    return {
        "kind": label,
        "requests": len(latencies),
        "requests_per_second": round(measurement.requests_per_second, 1),
        "p50_ms": round(measurement.percentile(0.5), 1),
        "p90_ms": round(measurement.percentile(0.9), 1),
        "p99_ms": round(measurement.percentile(0.99), 1),
        "errors": errors,
    }


def summarise(tally: Tally, seconds: float) -> list[dict]:
    """A row per kind of page, then the mix, and the mix of each kind of visitor."""
    errors = Counter((kind, logged_in) for kind, _path, _status, logged_in in tally.errors)
    total = sum(len(values) for values in tally.latencies.values())

    def row(label, keys):
        latencies = [latency for key in keys for latency in tally.latencies[key]]
        figures = _figures(label, latencies, seconds, sum(errors[key] for key in keys))
        figures["share"] = round(100 * len(latencies) / total, 1) if total else 0.0
        figures["addresses"] = len(set().union(*(tally.addresses[key] for key in keys)))
        return figures

    rows = [
        row(kind, [(kind, False), (kind, True)])
        for kind in KINDS
        if tally.latencies[(kind, False)] or tally.latencies[(kind, True)]
    ]
    everyone = [(kind, logged_in) for kind in KINDS for logged_in in (False, True)]
    rows.append(row("the mix", everyone))
    rows.append(row("the mix: not logged in", [(kind, False) for kind in KINDS]))
    rows.append(row("the mix: logged in", [(kind, True) for kind in KINDS]))
    return rows


def table(rows: list[dict], first: str = "kind") -> str:
    lines = [
        f"| {first} | share % | requests | addresses | requests/s | p50 ms | p90 ms | p99 ms "
        "| errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        share = row.get("share")
        lines.append(
            f"| {row['kind']} | {'–' if share is None else f'{share:.1f}'} | "
            f"{row['requests']} | {row.get('addresses', '–')} | "
            f"{row['requests_per_second']:.1f} | {row['p50_ms']:.1f} | "
            f"{row['p90_ms']:.1f} | {row['p99_ms']:.1f} | {row['errors']} |"
        )
    return "\n".join(lines)


# --- the run -------------------------------------------------------------------------------------


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def prepare_users(env: dict, count: int, seed: int) -> tuple[list[str], str]:
    made = subprocess.run(  # noqa: S603 (our own fixed command line, no shell)
        [load.PYTHON, str(ROOT / "bench" / "realistic_users.py"), str(count), str(seed)],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=True,
    )
    result = json.loads(made.stdout.strip().splitlines()[-1])
    return result["emails"], result["password"]


def parse_options():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale",
        default="esbjerg",
        help="generate_data's scale for a new database, passed through (default esbjerg; "
        "the database defaults to samskab_bench, or samskab_bench_<scale> for another "
        "scale). national is 50 times Esbjerg: hours and tens of GB; it also needs --yes.",
    )
    parser.add_argument("--yes", action="store_true", help="Confirm the national scale.")
    parser.add_argument("--database-url", help="Default: see --scale (127.0.0.1 only).")
    parser.add_argument(
        "--redis-url",
        default=DEFAULT_REDIS,
        help="The bench's own Redis database, emptied at the start (default %(default)s).",
    )
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8, help="Visitors' client threads.")
    parser.add_argument("--seconds", type=float, default=120, help="Load time of the mix.")
    parser.add_argument("--floor-seconds", type=float, default=30)
    parser.add_argument("--rounds", type=int, default=6, help="Interleaved rounds.")
    parser.add_argument("--warmup", type=float, default=10, help="Seconds of the mix first.")
    parser.add_argument("--seed", type=int, default=1, help="The same seed, the same traffic.")
    parser.add_argument(
        "--logged-in", type=float, default=0.33, help="Share of visits by logged-in people."
    )
    parser.add_argument(
        "--accounts-per-connection",
        type=int,
        default=2,
        help="Logged-in people per client thread (each used by that thread only).",
    )
    parser.add_argument("--english", type=float, default=0.1, help="Share of visits in English.")
    parser.add_argument(
        "--zipf", type=float, default=0.8, help="Popularity exponent within a kind (0: uniform)."
    )
    parser.add_argument(
        "--bookings-per-second",
        type=float,
        default=1.0,
        help="Sign-ups a second through the site, each cancelled again (0: none).",
    )
    parser.add_argument("--booking-threads", type=int, default=4)
    parser.add_argument(
        "--booking-accounts",
        type=int,
        help="People the booking stream signs up as (default: 8, or more when the site's "
        "60 sign-ups an hour per person would not be enough for the run).",
    )
    parser.add_argument("--port", type=int, default=0, help="Default: any free port.")
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    options = parser.parse_args()
    if not re.fullmatch(r"[a-z0-9_]+", options.scale):
        parser.error("a scale is a name like esbjerg")
    if options.database_url is None:
        suffix = "" if options.scale == "esbjerg" else f"_{options.scale}"
        options.database_url = f"postgres://postgres@127.0.0.1:5432/samskab_bench{suffix}"
    if options.scale == "national" and not options.yes:
        parser.error("the national scale takes hours and tens of GB to generate: add --yes")
    for url in (options.database_url, options.redis_url):
        if urlsplit(url).hostname not in ("127.0.0.1", "localhost"):
            parser.error("the bench only talks to 127.0.0.1")
    if not 0 <= options.logged_in <= 1 or not 0 <= options.english <= 1:
        parser.error("--logged-in and --english are shares between 0 and 1")
    # Each person may sign up 60 times an hour (booking/views.py): keep well under it.
    run_seconds = options.warmup + options.seconds + options.floor_seconds + 60
    needed = math.ceil(options.bookings_per_second * run_seconds / 40)
    if options.booking_accounts is None:
        options.booking_accounts = max(8, options.booking_threads, needed)
    if options.bookings_per_second > 0 and options.booking_accounts < max(
        needed, options.booking_threads
    ):
        parser.error(f"the booking stream needs at least {needed} accounts for this run")
    return options


def main() -> int:
    options = parse_options()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samskab.settings.bench",
        "BENCH_DATABASE_URL": options.database_url,
        "REDIS_URL": options.redis_url,
        "PYTHONPATH": str(ROOT),
    }
    load.prepare(env, options.database_url, options.scale, confirm=options.yes)

    addresses = draw_addresses(options.database_url, options.seed)
    pickers = {
        kind: Popularity(items, options.zipf, Popularity.HEAD_SHARE.get(kind, 0.0))
        for kind, items in addresses.items()
    }
    booking_pages = bookable_activities(options.database_url, options.seed)
    visitor_accounts = options.connections * options.accounts_per_connection
    booking_accounts = options.booking_accounts if options.bookings_per_second > 0 else 0
    if options.logged_in == 0:
        visitor_accounts = 0
    emails, password = prepare_users(env, visitor_accounts + booking_accounts, options.seed)
    distinct = sum(len(items) for items in addresses.values())
    print(
        f"\n{distinct:,} distinct addresses drawn (seed {options.seed}), twice as many with "
        f"English; {len(booking_pages)} activities to sign up to; "
        f"{len(emails)} generated people can log in."
    )

    flush_redis(options.redis_url)
    port = options.port or load.free_port()
    stream_text = (
        f"{options.bookings_per_second:g} sign-ups/s through {options.booking_threads} more "
        "connections"
        if options.bookings_per_second > 0
        else "no sign-ups"
    )
    print(
        f"Load: {options.connections} visitor connections ({options.logged_in:.0%} of visits "
        f"logged in, {options.english:.0%} in English), {stream_text}, "
        f"{options.workers} gunicorn workers, Redis cache {options.redis_url}; "
        f"{options.seconds:.0f} s of the mix and {options.floor_seconds:.0f} s of the floor "
        f"in {options.rounds} interleaved rounds after {options.warmup:.0f} s of warm-up; "
        f"{os.cpu_count()} CPUs. Load average before: {os.getloadavg()[0]:.2f}"
    )
    server = load.start_gunicorn(env, port=port, workers=options.workers)
    stream = None
    try:
        browser = Browser(port)
        accounts = [log_in(browser, email, password) for email in emails]
        browser.close()
        visitors = [
            Visitors(
                port,
                options.seed * 100 + number,
                pickers,
                accounts[
                    number * options.accounts_per_connection : (number + 1)
                    * options.accounts_per_connection
                ]
                if visitor_accounts
                else [],
                logged_in=options.logged_in,
                english=options.english,
            )
            for number in range(options.connections)
        ]
        stream = BookingStream(
            port,
            options.seed,
            booking_pages,
            accounts[visitor_accounts:],
            rate=options.bookings_per_second,
            threads=options.booking_threads,
        )
        stream.start()
        started, cpu_started = time.monotonic(), time.process_time()
        run_round(visitors, options.warmup, None)
        load.load(port, load.FLOOR, None, connections=options.connections, seconds=2)
        stream.record(True)
        tally = Tally()
        floor = load.Measurement("framework floor", load.FLOOR)
        mix_seconds = 0.0
        for _round in range(options.rounds):
            mix_seconds += run_round(visitors, options.seconds / options.rounds, tally)
            load.load(
                port,
                load.FLOOR,
                floor,
                connections=options.connections,
                seconds=options.floor_seconds / options.rounds,
            )
        stream.stop()
        load_seconds = time.monotonic() - started
        # The load generator shares the cores with gunicorn and PostgreSQL: say how much.
        client_cpu = time.process_time() - cpu_started
    finally:
        if stream is not None:
            stream.stop_event.set()
        load.stop(server)
    timing = {"load_seconds": load_seconds, "client_cpu_seconds": client_cpu}
    return report(options, addresses, tally, mix_seconds, floor, stream, timing)


def report(options, addresses, tally, mix_seconds, floor, stream, timing) -> int:
    rows = summarise(tally, mix_seconds)
    floor_row = _figures("framework floor", floor.latencies, floor.seconds, floor.errors)
    mix = next(row for row in rows if row["kind"] == "the mix")
    ratio = mix["requests_per_second"] / floor_row["requests_per_second"]
    print(f"\nThe mix ({mix_seconds:.0f} s) and the floor ({floor.seconds:.0f} s):\n")
    print(table([*rows, {**floor_row, "share": None}]))
    print(
        f"\nThe mix answered {mix['requests_per_second']:.1f} requests/s: {ratio:.1%} of the "
        f"framework floor ({floor_row['requests_per_second']:.0f} requests/s)."
    )
    if tally.other_answers:
        print(
            "Answers other than 200 (not errors): "
            + ", ".join(
                f"{kind} {status} ×{count}"
                for (kind, status), count in sorted(tally.other_answers.items())
            )
        )

    seconds = stream.recorded_seconds
    booking_rows = [
        _figures(step, values, seconds, sum(1 for e in stream.errors if e[0] == step))
        for step, values in sorted(stream.latencies.items())
    ]
    if booking_rows:
        print(f"\nThe booking stream ({seconds:.0f} s, beside the mix and the floor):\n")
        print(table(booking_rows, "step"))
        made = stream.counts["sign-ups"] + stream.counts["sign-ups (on the waiting list)"]
        print(
            f"\n{made} sign-ups ({stream.counts['sign-ups (on the waiting list)']} of them on "
            f"a waiting list), {stream.counts['cancellations']} cancellations: "
            f"{made / seconds if seconds else 0:.2f} sign-ups/s "
            f"(asked for {options.bookings_per_second:g}); "
            f"{stream.counts['sign-ups refused by the site']} refused by the site, "
            f"{stream.counts['pages without an open sign-up (another chosen)']} pages "
            "without an open sign-up."
        )
        for box, count in stream.refusals.most_common(3):
            print(f"  refused ({count}×): {box}")
    load_seconds, client_cpu = timing["load_seconds"], timing["client_cpu_seconds"]
    print(
        f"Load average after: {os.getloadavg()[0]:.2f}; the load lasted {load_seconds:.0f} s, "
        f"in which the load generator itself used {client_cpu:.0f} s of CPU "
        f"({client_cpu / load_seconds:.0%} of one core)."
    )

    failures = [(kind, path, status) for kind, path, status, _logged_in in tally.errors]
    failures += [(f"booking: {step}", path, what) for step, path, what in stream.errors]
    failures += [("framework floor", load.FLOOR, "not 200")] * floor.errors
    if options.json:
        options.json.write_text(
            json.dumps(
                {
                    "settings": {
                        key: value
                        for key, value in vars(options).items()
                        if key not in ("json", "port", "yes")
                    },
                    "distinct_addresses": {kind: len(v) for kind, v in addresses.items()},
                    "mix": rows,
                    "floor": floor_row,
                    "mix_share_of_floor": round(ratio, 4),
                    "load_seconds": round(load_seconds, 1),
                    "client_cpu_seconds": round(client_cpu, 1),
                    "other_answers": [
                        [kind, status, count]
                        for (kind, status), count in sorted(tally.other_answers.items())
                    ],
                    "bookings": {
                        "steps": booking_rows,
                        "counts": dict(stream.counts),
                        "seconds": round(seconds, 1),
                    },
                    "errors": [list(map(str, failure)) for failure in failures],
                },
                indent=2,
            )
        )
    if failures:
        print(f"\nFAILED: {len(failures)} requests went wrong:", file=sys.stderr)
        for (kind, path, status), count in Counter(failures).most_common(30):
            print(f"  {count}× {kind}: {path} → {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
