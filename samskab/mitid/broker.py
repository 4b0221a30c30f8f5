"""The MitID broker, over OpenID Connect, through Authlib's Django client.

Authlib does the protocol: the authorization code flow with PKCE (S256), a nonce and a
state kept in the session, and the ID token's checks (signature against the keys the
broker's metadata names, ``iss``, ``aud``, ``exp``, ``iat``, ``nonce``, ``at_hash``). This
module only builds the client from the settings, names the redirect URI and turns the
verified claims into a ``VerifiedPerson``. Every failure is a ``LoginFailed`` whose
``reason`` is safe to log (no personal data).
"""

import re
from datetime import date
from urllib.parse import urlsplit

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from joserfc.errors import JoseError

from samskab.core.emails import site_url
from samskab.mitid.identity import VerifiedPerson, identity_hash

CLIENT_NAME = "mitid"
# An error code from the query string goes in the log only as letters and underscores.
_ERROR_CODE = re.compile(r"[^a-z_]")


class LoginFailed(Exception):
    """The login did not prove who the person is. ``cancelled``: they chose to stop."""

    def __init__(self, reason: str, *, cancelled: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.cancelled = cancelled


def configured() -> bool:
    return bool(settings.MITID_ISSUER and settings.MITID_CLIENT_ID)


def issuer_origin() -> str:
    """Scheme and host of the broker: where the login form is sent on to."""
    parts = urlsplit(settings.MITID_ISSUER)
    return f"{parts.scheme}://{parts.netloc}"


def redirect_uri() -> str:
    """Where the broker sends the person back: on SITE_URL, so that it is the same behind
    any proxy, and without a language prefix, so that it is one registered address."""
    with translation.override(settings.LANGUAGE_CODE):
        return site_url() + reverse("mitid:callback")


def _client():
    # A client per request: the settings (and, in tests, the provider) may change.
    oauth = OAuth()
    return oauth.register(
        CLIENT_NAME,
        client_id=settings.MITID_CLIENT_ID,
        client_secret=settings.MITID_CLIENT_SECRET,
        server_metadata_url=(
            settings.MITID_ISSUER.rstrip("/") + "/.well-known/openid-configuration"
        ),
        client_kwargs={
            "scope": settings.MITID_SCOPES,
            "code_challenge_method": "S256",
            "default_timeout": settings.MITID_TIMEOUT,
        },
    )


def start(request, *, state: str):
    """The redirect to the broker's login; Authlib keeps the state, nonce and PKCE
    verifier in the session. Raises ``LoginFailed`` when the broker cannot be reached."""
    try:
        return _client().authorize_redirect(request, redirect_uri(), state=state, prompt="login")
    except (requests.RequestException, ValueError, KeyError, RuntimeError) as error:
        raise LoginFailed(f"broker unreachable at start: {type(error).__name__}") from error


def finish(request) -> VerifiedPerson:
    """The person the broker's answer on the callback proves, from the verified ID token."""
    try:
        token = _client().authorize_access_token(request)
    except OAuthError as error:
        # error=access_denied: the person cancelled at the broker.
        code = _ERROR_CODE.sub("?", str(error.error or ""))[:40]
        raise LoginFailed(
            f"broker answered {code}", cancelled=error.error == "access_denied"
        ) from error
    except JoseError as error:
        # The description names the check that failed (a claim's name), never a value.
        raise LoginFailed(
            f"ID token refused: {type(error).__name__}: {error.description}"
        ) from error
    except requests.RequestException as error:
        raise LoginFailed(f"broker unreachable: {type(error).__name__}") from error
    except (AuthlibBaseError, ValueError, KeyError, TypeError, RuntimeError) as error:
        raise LoginFailed(f"broker's answer not understood: {type(error).__name__}") from error
    claims = token.get("userinfo")
    if not claims:
        raise LoginFailed("no verified ID token in the broker's answer")
    return person_from_claims(claims)


def person_from_claims(claims) -> VerifiedPerson:
    identifier = claims.get(settings.MITID_PERSON_CLAIM)
    if not identifier or not isinstance(identifier, str):
        raise LoginFailed(f"ID token without the claim {settings.MITID_PERSON_CLAIM!r}")
    birthdate = claims.get(settings.MITID_BIRTHDATE_CLAIM)
    try:
        born = date.fromisoformat(birthdate) if birthdate else None
    except (TypeError, ValueError) as error:
        raise LoginFailed(
            f"ID token's claim {settings.MITID_BIRTHDATE_CLAIM!r} is not a date"
        ) from error
    municipality = claims.get(settings.MITID_MUNICIPALITY_CLAIM) or ""
    return VerifiedPerson(
        identity_hash=identity_hash(identifier),
        birthdate=born,
        municipality_code=str(municipality),
        verified_at=timezone.now(),
    )
