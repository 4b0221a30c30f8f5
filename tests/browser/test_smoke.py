import pytest

from tests.browser.conftest import assert_accessible


def test_cookie_page_is_accessible(page_at, live_server, viewport):
    page = page_at(viewport)
    page.goto(f"{live_server.url}/cookies/")
    assert page.locator("html").get_attribute("lang") == "da"
    assert_accessible(page)


def test_the_policy_refuses_inline_script_and_style_and_the_harness_notices(
    page_at, page_problems, live_server, transactional_db
):
    """Guards the guard: if the policy were lost or the harness stopped listening, every
    other browser test would still pass with inline code in the pages."""
    page = page_at()
    response = page.goto(f"{live_server.url}/cookies/")
    policy = response.header_value("content-security-policy")
    assert policy and "'unsafe-inline'" not in policy

    page.evaluate(
        """() => {
            const script = document.createElement('script');
            script.textContent = 'window.inlineScriptRan = true';
            document.body.append(script);
            document.body.insertAdjacentHTML(
                'beforeend', '<p id="styled" style="color: rgb(255, 0, 0)">Rød</p>');
        }"""
    )
    assert page.evaluate("window.inlineScriptRan") is None
    color = page.evaluate("getComputedStyle(document.getElementById('styled')).color")
    assert color != "rgb(255, 0, 0)"

    def reported():
        return [item for item in page_problems.items if "Content Security Policy" in item]

    for _attempt in range(20):
        if len(reported()) >= 2:
            break
        page.wait_for_timeout(50)
    assert len(reported()) == 2, page_problems.items
    # Provoked on purpose; anything else the page did wrong still fails the test.
    for item in reported():
        page_problems.items.remove(item)


def test_the_html_served_is_validated_and_the_harness_notices(
    page_at, served_html, live_server, transactional_db
):
    """Guards the guard: every page a test opens reaches the HTML checker, and what the
    checker finds fails the test."""
    if served_html is None:
        pytest.skip("The HTML checker needs Java, which is not installed.")
    page = page_at()
    page.goto(f"{live_server.url}/cookies/")
    assert [what for what, _verdict in served_html.pending] == [f"GET {live_server.url}/cookies/"]

    served_html.check("GET", "/invalid/", '<div hx-get="/x/">htmx</div>', "xhr")
    problems = served_html.problems()
    assert len(problems) == 1 and problems[0].startswith("GET /invalid/:"), problems
    assert "hx-get" in problems[0]
    # Provoked on purpose; the page itself must still be valid.
    served_html.pending.pop()
