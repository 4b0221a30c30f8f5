"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every page a test visits can be scanned with axe-core (WCAG 2.1 A and AA) and must show
zero violations; every page must also run without Content-Security-Policy violations or
JavaScript errors, and must not ask any other origin for anything.

Shared here: the demo vision (``vision_demo``), a confirmed citizen (``citizen``) and
``log_in(page, live_server, user)``, which hands the browser a session instead of typing.
"""

import json
import os
import shutil
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


@pytest.fixture
def page_at(browser, live_server, page_problems):
    """Open a fresh browser context at a viewport; yields a factory returning the page."""
    contexts = []

    def open_page(viewport=DESKTOP, **context_options):
        """context_options go to browser.new_context, e.g. java_script_enabled=False."""
        context = browser.new_context(viewport=viewport, locale="da-DK", **context_options)
        contexts.append(context)
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
    ``html_checker.errors(html)``. Skipped, saying why, only where Java is missing."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("The HTML checker (vnu.jar) needs Java 11 or later, which is not installed.")
    from tests.servers.html_checker import HtmlChecker

    checker = HtmlChecker(java).start()
    yield checker
    checker.stop()


def assert_valid_html(html_checker, html: str, url: str = ""):
    errors = html_checker.errors(html)
    assert not errors, f"The HTML of {url} is not valid:\n" + "\n".join(errors)
