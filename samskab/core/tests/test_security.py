"""The platform-wide security rules: a strict Content-Security-Policy on every page,
templates that need no exception to it, and only strictly necessary cookies."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

SAMSKAB_DIR = Path(settings.BASE_DIR)

PUBLIC_PAGES = [
    "/",
    "/en/",
    "/tilgaengelighed/",
    "/en/tilgaengelighed/",
    "/privatliv/",
    "/en/privatliv/",
    "/cookies/",
    "/en/cookies/",
    "/findes-ikke/",
    "/en/does-not-exist/",
]
FORM_PAGES = ["/konto/login/", "/en/konto/login/", "/konto/signup/"]


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("path", PUBLIC_PAGES + FORM_PAGES)
def test_every_page_sends_a_strict_content_security_policy(client, db, path):
    response = client.get(path)
    assert response.status_code in (200, 404)

    header = response["Content-Security-Policy"]
    directives = csp_directives(response)
    assert "'unsafe-inline'" not in header
    assert "'unsafe-eval'" not in header
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    sources = [value for values in directives.values() for value in values]
    assert not [s for s in sources if s.startswith(("http:", "https:", "*"))], header


@pytest.mark.parametrize("path", ["/cookies/", "/en/does-not-exist/", "/konto/login/"])
def test_every_page_sends_the_other_security_headers(client, db, path):
    response = client.get(path)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


# --- Templates ----------------------------------------------------------------------------


def project_templates() -> list[Path]:
    return sorted(SAMSKAB_DIR.glob("**/templates/**/*.html"))


TAG = re.compile(r"<[a-zA-Z][^<>]*>", re.DOTALL)
SCRIPT_ELEMENT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
HANDLER_ATTRIBUTE = re.compile(r"\s(on[a-z]+|(?:data-)?hx-on[:\w-]*)\s*=", re.IGNORECASE)
FOREIGN_URL_ATTRIBUTE = re.compile(
    r"\s(src|href|action|formaction|srcset|poster|data|xlink:href)\s*=\s*[\"']?\s*(https?:)?//",
    re.IGNORECASE,
)
JAVASCRIPT_URL = re.compile(r"=\s*[\"']?\s*javascript:", re.IGNORECASE)
DJANGO_COMMENT = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.DOTALL)


def violations(check) -> list[str]:
    found = []
    for path in project_templates():
        # Comments are blanked but keep their line breaks, so line numbers stay right.
        source = DJANGO_COMMENT.sub(
            lambda comment: "\n" * comment.group(0).count("\n"), path.read_text(encoding="utf-8")
        )
        for problem in check(source):
            line = source[: source.find(problem)].count("\n") + 1
            found.append(f"{path.relative_to(SAMSKAB_DIR.parent)}:{line}: {problem.strip()[:120]}")
    return found


def test_the_template_walk_finds_the_project_templates():
    names = {path.relative_to(SAMSKAB_DIR).as_posix() for path in project_templates()}

    assert "core/templates/base.html" in names
    assert "core/templates/core/pages/da/cookies.html" in names


def test_no_template_has_an_inline_script():
    def inline_scripts(source):
        for match in SCRIPT_ELEMENT.finditer(source):
            attributes, body = match.groups()
            if body.strip() or "src=" not in attributes:
                yield match.group(0)

    found = violations(inline_scripts)
    assert not found, "Inline <script> is blocked by the CSP; use a static file:\n" + "\n".join(
        found
    )


def test_no_template_has_a_style_element_or_attribute():
    def inline_styles(source):
        yield from (m.group(0) for m in STYLE_ELEMENT.finditer(source))
        yield from (tag for tag in TAG.findall(source) if STYLE_ATTRIBUTE.search(tag))

    found = violations(inline_styles)
    assert not found, "Inline styles are blocked by the CSP; use the app's CSS file:\n" + "\n".join(
        found
    )


def test_no_template_has_an_event_handler_attribute():
    def handlers(source):
        yield from (tag for tag in TAG.findall(source) if HANDLER_ATTRIBUTE.search(tag))

    found = violations(handlers)
    assert not found, "on*= and hx-on handlers are blocked by the CSP:\n" + "\n".join(found)


def test_no_template_loads_or_links_to_another_origin_from_an_attribute():
    def foreign(source):
        yield from (
            tag
            for tag in TAG.findall(source)
            if FOREIGN_URL_ATTRIBUTE.search(tag) or JAVASCRIPT_URL.search(tag)
        )

    found = violations(foreign)
    assert not found, "Serve everything from this origin (no CDN, fonts or images):\n" + "\n".join(
        found
    )


def test_the_template_checks_catch_what_they_look_for():
    samples = {
        "inline script": "<script>alert(1)</script>",
        "style attribute": '<p style="color: red">',
        "handler": '<button onclick="go()">',
        "htmx handler": '<form hx-on:submit="go()">',
        "valid htmx handler": '<form data-hx-on:submit="go()">',
        "foreign src": '<img src="https://cdn.example.org/a.png" alt="">',
        "protocol-relative": '<link href="//fonts.example.org/x.css" rel="stylesheet">',
    }
    assert SCRIPT_ELEMENT.search(samples["inline script"])
    assert STYLE_ATTRIBUTE.search(samples["style attribute"])
    assert HANDLER_ATTRIBUTE.search(samples["handler"])
    assert HANDLER_ATTRIBUTE.search(samples["htmx handler"])
    assert HANDLER_ATTRIBUTE.search(samples["valid htmx handler"])
    assert FOREIGN_URL_ATTRIBUTE.search(samples["foreign src"])
    assert FOREIGN_URL_ATTRIBUTE.search(samples["protocol-relative"])
    # Plain text that mentions an address, and the project's own static files, are fine.
    assert not FOREIGN_URL_ATTRIBUTE.search('<a href="/static/x.css">see https://digst.dk</a>')
    assert not HANDLER_ATTRIBUTE.search('<input name="online" data-one="x">')


def test_own_stylesheets_load_nothing_from_another_origin():
    stylesheets = [
        path for path in SAMSKAB_DIR.glob("*/static/**/*.css") if "vendor" not in path.parts
    ]
    assert stylesheets
    for path in stylesheets:
        css = path.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*[\"']?\s*(https?:)?//", css), path
        assert not re.search(r"@import\s+[\"']?(url\()?\s*[\"']?\s*(https?:)?//", css), path


# --- Cookies ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [*PUBLIC_PAGES, "/sitemap.xml", "/robots.txt"])
def test_reading_a_public_page_sets_no_cookie(client, db, path):
    response = client.get(path)

    assert not response.cookies, f"{path} set {list(response.cookies)}"


@pytest.mark.parametrize("path", FORM_PAGES)
def test_a_page_with_a_form_sets_only_the_csrf_cookie(client, db, path):
    response = client.get(path)

    assert response.status_code == 200
    assert set(response.cookies) == {settings.CSRF_COOKIE_NAME}


def cookie_names_documented_on_the_cookie_page(client, language):
    html = client.get(reverse("core:cookies") if language == "da" else "/en/cookies/").content
    return set(re.findall(r'<th scope="row"[^>]*><code>([^<]+)</code></th>', html.decode()))


def test_every_cookie_a_visitor_can_get_is_on_the_cookie_page(client, citizen):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=citizen, email=citizen.email, verified=True, primary=True)
    set_cookies = set()

    def visit(response):
        set_cookies.update(name for name, morsel in response.cookies.items() if morsel.value)
        return response

    visit(client.get("/cookies/"))
    visit(client.get(reverse("account_login")))
    visit(client.post(reverse("account_login"), {"login": citizen.email, "password": "wrong"}))
    response = visit(
        client.post(
            reverse("account_login"),
            {"login": citizen.email, "password": "a-long-test-password-1", "remember": "on"},
        )
    )
    assert response.status_code == 302, "the test user could not log in"
    visit(client.get(response["Location"]))
    response = visit(client.post(reverse("account_logout")))
    visit(client.get(response["Location"]))

    assert {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME} <= set_cookies
    for language in ("da", "en"):
        documented = cookie_names_documented_on_the_cookie_page(client, language)
        assert set_cookies <= documented, f"undocumented cookies: {set_cookies - documented}"


def test_no_language_cookie_is_ever_set(client, db):
    for path in ("/en/cookies/", "/cookies/", "/en/konto/login/"):
        assert settings.LANGUAGE_COOKIE_NAME not in client.get(path).cookies


def test_logging_out_deletes_the_session_cookie(client, citizen):
    client.force_login(citizen)

    response = client.post(reverse("account_logout"))

    session_cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session_cookie.value == ""
    assert session_cookie["max-age"] == 0
