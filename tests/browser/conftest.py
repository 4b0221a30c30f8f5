"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every page a test visits can be scanned with axe-core (WCAG 2.1 A and AA) and must show
zero violations; every page must also run without Content-Security-Policy violations or
JavaScript errors, and must not ask any other origin for anything. The HTML the live server
sends to any page of a test (whole pages, and the fragments htmx swaps in) is validated by
the W3C Nu Html Checker, and any error it finds fails the test.

Shared here: the demo vision (``vision_demo``), a confirmed citizen (``citizen``) and
``log_in(page, live_server, user)``, which hands the browser a session instead of typing.
"""

import hashlib
import json
import os
import re
import shutil
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
# test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("SAMSKAB_CHROMIUM", "/usr/bin/chromium")
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    # Debian's Chromium where it is installed; otherwise Playwright's own build, which
    # `make test` installs on a machine without apt (`playwright install chromium`).
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class PageProblems:
    """Console errors, CSP violations, uncaught exceptions and foreign requests."""

    def __init__(self, origin: str):
        self.origin = origin
        self.items: list[str] = []
        self.expected_error_responses: set[str] = set()

    def expect_error_response(self, url: str):
        """The test opens ``url`` on purpose to see an error page (404…). Chromium reports
        every error response as a console error; this one is not a problem of the page."""
        self.expected_error_responses.add(url)

    def on_console(self, message):
        if message.type == "error":
            if message.text.startswith("Failed to load resource") and (
                message.location.get("url") in self.expected_error_responses
            ):
                return
            self.items.append(f"console: {message.text}")

    def on_page_error(self, error):
        self.items.append(f"page error: {error}")

    def on_request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.items.append(f"request to another origin: {request.url}")


@pytest.fixture(params=[PHONE, DESKTOP], ids=["375px", "1280px"])
def viewport(request):
    return request.param


@pytest.fixture
def page_problems(live_server):
    """What went wrong in the pages of this test; page_at fails the test if anything did."""
    return PageProblems(live_server.url)


DOCTYPE = re.compile(r"\s*<!doctype\s", re.IGNORECASE)
# htmx swaps fragments into a page; the checker needs a document around them.
FRAGMENT_SHELL = (
    '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>htmx</title></head>'
    "<body>{}</body></html>"
)


class ServedHtml:
    """Validates the HTML the live server sends to the pages of one test, as it was sent.

    Pages and htmx requests to the live server go through a route that fetches the answer,
    hands the text to the checker (in a background thread, so the test does not wait) and
    fulfils the request with the same answer. Reading the body from a "response" event
    instead would race the test: the browser forgets a page's body once it navigates on."""

    def __init__(self, origin: str, checker, pool: ThreadPoolExecutor, verdicts: dict):
        self.origin = origin
        self.checker = checker
        self.pool = pool
        self.verdicts = verdicts
        self.pending: list[tuple[str, object]] = []

    def wants(self, url: str) -> bool:
        # Static files and uploads are not HTML; everything else of the origin may be.
        return url.startswith(self.origin + "/") and not url.startswith(
            (f"{self.origin}/static/", f"{self.origin}/media/")
        )

    def route(self, route):
        request = route.request
        if request.resource_type not in ("document", "xhr", "fetch"):
            route.fallback()
            return
        # Redirects reach the browser as they were sent, so it follows them itself.
        response = route.fetch(max_redirects=0)
        is_html = "text/html" in response.headers.get("content-type", "")
        # A redirect's empty body is not a page.
        if is_html and not 300 <= response.status < 400:
            self.check(request.method, request.url, response.text(), request.resource_type)
        route.fulfill(response=response)

    def check(self, method: str, url: str, html: str, resource_type: str):
        # A page without a doctype is an error the checker reports; a fragment is not.
        if resource_type != "document" and not DOCTYPE.match(html):
            html = FRAGMENT_SHELL.format(html)
        self.pending.append((f"{method} {url}", self.pool.submit(self.errors, html)))

    def errors(self, html: str) -> list[str]:
        key = hashlib.sha256(html.encode("utf-8")).hexdigest()
        if key not in self.verdicts:
            self.verdicts[key] = self.checker.errors(html)
        return self.verdicts[key]

    def problems(self) -> list[str]:
        found = []
        for what, future in self.pending:
            errors = future.result()
            if errors:
                found.append(f"{what}:\n  " + "\n  ".join(errors))
        return found


@pytest.fixture(scope="session")
def html_verdicts():
    """The checker's verdict on each distinct HTML text, shared by the tests of a process."""
    return {}


@pytest.fixture(scope="session")
def html_pool():
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="html-checker") as pool:
        yield pool


@pytest.fixture
def served_html(live_server, html_checker, html_pool, html_verdicts):
    if html_checker is None:
        return None
    return ServedHtml(live_server.url, html_checker, html_pool, html_verdicts)


@pytest.fixture
def page_at(browser, live_server, page_problems, served_html):
    """Open a fresh browser context at a viewport; yields a factory returning the page."""
    contexts = []

    def open_page(viewport=DESKTOP, **context_options):
        """context_options go to browser.new_context, e.g. java_script_enabled=False."""
        context = browser.new_context(viewport=viewport, locale="da-DK", **context_options)
        contexts.append(context)
        if served_html is not None:
            context.route(served_html.wants, served_html.route)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("console", page_problems.on_console)
        page.on("pageerror", page_problems.on_page_error)
        page.on("request", page_problems.on_request)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not page_problems.items, "The page had problems:\n" + "\n".join(page_problems.items)
    if served_html is not None:
        invalid = served_html.problems()
        assert not invalid, (
            "The W3C Nu Html Checker found errors in the HTML served:\n" + "\n".join(invalid)
        )


def assert_accessible(page):
    """Run axe-core in the page; fail with a readable list of every violation.

    The script is evaluated through the DevTools protocol, which the page's CSP does not
    govern, so the CSP under test stays exactly as served. It needs JavaScript: in a context
    opened with java_script_enabled=False, axe.run never settles and the test hangs."""
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations = result["violations"]
    if violations:
        lines = []
        for violation in violations:
            targets = [" ".join(node["target"]) for node in violation["nodes"]][:5]
            lines.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}"
            )
        pytest.fail(
            f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {page.url}:\n"
            + "\n".join(lines)
            + "\n"
            + json.dumps(violations[0]["nodes"][0], indent=1)[:1500]
        )


@pytest.fixture
def vision_demo(transactional_db):
    """The demo municipality's vision; the live server's database is emptied after each test."""
    from samskab.demo.loaders.vision import load_vision_demo

    load_vision_demo()


@pytest.fixture
def citizen(transactional_db):
    """A citizen who has signed up and confirmed their email address."""
    from tests.factories import UserFactory

    return UserFactory(email="borger@example.dk", display_name="Birte Borger")


def log_in(page, live_server, user):
    """Give the page's browser context a logged-in session for ``user``, without a login form:
    tests that are not about logging in should not pay for it."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture
def site_url(settings, live_server):
    """Emails built outside a request (the booking engine's) link to SITE_URL: point it at
    the live server, so the browser can open the links in them."""
    settings.SITE_URL = live_server.url
    return live_server.url


@pytest.fixture(scope="session")
def html_checker():
    """The W3C Nu Html Checker as a local server (tests/servers/html_checker.py):
    ``html_checker.errors(html)``; page_at hands it every page. None, with a warning, only
    where Java is missing: the browser tests still run, without validating the HTML."""
    java = shutil.which("java")
    if java is None:
        warnings.warn(
            "The HTML checker (vnu.jar) needs Java 11 or later, which is not installed: "
            "the browser tests do not validate the HTML of the pages.",
            pytest.PytestWarning,
            stacklevel=1,
        )
        yield None
        return
    from tests.servers.html_checker import HtmlChecker

    checker = HtmlChecker(java).start()
    yield checker
    checker.stop()
