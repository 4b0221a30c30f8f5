"""Signing in with MitID in tests, through the real test provider (testidp/), as a person
would: ``sign_in_with_mitid(client, "voksen", "/forslag/1/")``.

Needs the ``mitid_provider`` fixture (root conftest.py), which starts the provider and
points the MITID_* settings at it. The Django test client posts the start of the login;
a ``requests.Session`` plays the person's browser at the provider (the login form: the
person's login and any password; or its Cancel link when ``person`` is None); the callback
URL the provider sends the browser back to is then opened with the Django test client,
whose response is returned (a redirect to ``next_path``, with a message).
"""

import html
import re
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from django.urls import reverse

from tests.servers.oidc import CALLBACK_PATH

_FORM_ACTION = re.compile(r'<form[^>]*action="([^"]+)"')
_CANCEL = re.compile(r'<a href="([^"]+)">\[ Cancel \]</a>')


def start_mitid_login(client, next_path: str = "/", **data):
    """POST the start of a login from the login page; the response redirects to MitID."""
    return client.post(reverse("mitid:login"), {"next": next_path, **data})


def callback_url_at_provider(authorization_url: str, person: str | None) -> str:
    """Play the person at the provider, from the authorization URL to the callback URL
    it sends them back to (with a code, or error=access_denied when ``person`` is None)."""
    browser = requests.Session()
    url = authorization_url
    submitted = False
    for _step in range(10):
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.is_redirect:
            url = urljoin(url, response.headers["Location"])
            if urlsplit(url).path == CALLBACK_PATH:
                return url
            continue
        if response.status_code != 200 or submitted:
            raise AssertionError(f"The test provider answered {response.status_code}: {url}")
        if person is None:
            url = urljoin(url, html.unescape(_CANCEL.search(response.text).group(1)))
            continue
        action = urljoin(url, html.unescape(_FORM_ACTION.search(response.text).group(1)))
        submitted = True
        response = browser.post(
            action,
            data={"prompt": "login", "login": person, "password": "any password"},
            allow_redirects=False,
            timeout=10,
        )
        assert response.is_redirect, f"The login at the test provider failed: {response.text}"
        url = urljoin(action, response.headers["Location"])
        if urlsplit(url).path == CALLBACK_PATH:
            return url
    raise AssertionError("The test provider never sent the browser back to Samskab.")


def sign_in_with_mitid(client, person: str | None, next_path: str = "/", *, follow=False):
    """Prove who ``client``'s visitor is as the test person ``person`` (a login of
    testidp/persons.json; None: cancel at MitID); returns the callback's response."""
    start = start_mitid_login(client, next_path)
    assert start.status_code == 302, f"The login did not start: {start.status_code}"
    location = start["Location"]
    assert location.startswith(settings.MITID_ISSUER), f"Not sent to MitID but to {location}"
    callback = urlsplit(callback_url_at_provider(location, person))
    return client.get(f"{callback.path}?{callback.query}", follow=follow)
