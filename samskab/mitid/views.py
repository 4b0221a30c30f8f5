"""Thin views: the page that sends a person to MitID, the callback they come back to, and
the account page where a logged-in user links MitID to their account.

Every failure on the way (the person cancelled, the ID token is refused, the state does
not match, the broker cannot be reached) ends on ``next`` with a kind message in the
person's language, nothing stored, and its technical reason in the log (no personal data).
"""

import json
import logging
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from samskab.core import limits
from samskab.core.errors import ServiceError
from samskab.core.view_helpers import add_service_error, safe_next
from samskab.mitid import broker, identity, services
from samskab.mitid.broker import LoginFailed
from samskab.mitid.models import MitIDLink

logger = logging.getLogger(__name__)

# Each start costs the broker (and, for a real MitID broker, the municipality) a login.
STARTS = (limits.Limit("mitid.start", "20/10m", per=limits.IP),)

PENDING_KEY = "mitid.pending"
# Logins started in one session and not yet finished (several tabs); older ones are dropped.
MAX_PENDING = 5
VERIFY = "verify"
LINK = "link"


def _home() -> str:
    return reverse("vision:front_page")


def _test_persons() -> list[dict]:
    """The test provider's persons (testidp/persons.json), for the demo's login page."""
    try:
        persons = json.loads((settings.PROJECT_DIR / "testidp" / "persons.json").read_text())
    except (OSError, ValueError):
        return []
    return [
        {"login": login, "about": person.get("about", ""), "fault": bool(person.get("fault"))}
        for login, person in persons.items()
    ]


def _with_broker_form_action(response):
    """The login form is sent on to the broker: let this page's CSP allow it."""
    if broker.configured():
        response._csp_update = {"form-action": [broker.issuer_origin()]}
    return response


@never_cache
def login(request):
    """GET: what is about to happen, and a button. POST: off to MitID."""
    next_path = safe_next(request, default=_home())
    if request.method == "POST":
        return _start(request, next_path)
    response = render(
        request,
        "mitid/login.html",
        {
            "configured": broker.configured(),
            "next": next_path,
            "test_persons": _test_persons() if settings.MITID_TEST_PROVIDER else [],
        },
    )
    return _with_broker_form_action(response)


def _start(request, next_path: str):
    if not limits.allow(request, *STARTS):
        return limits.too_many_requests(request)
    if not broker.configured():
        messages.info(request, _("Signing with MitID is not available right now."))
        return redirect(next_path)
    purpose = LINK if request.POST.get("purpose") == LINK else VERIFY
    if purpose == LINK and not request.user.is_authenticated:
        return redirect(f"{reverse(settings.LOGIN_URL)}?next={reverse('mitid:account')}")
    state = secrets.token_urlsafe(24)
    try:
        response = broker.start(request, state=state)
    except LoginFailed as failure:
        logger.warning("MitID login could not start: %s", failure.reason)
        messages.error(
            request,
            _("MitID cannot be reached right now. Please try again in a few minutes."),
        )
        return redirect(next_path)
    pending = dict(list(request.session.get(PENDING_KEY, {}).items())[-(MAX_PENDING - 1) :])
    pending[state] = {
        "next": next_path,
        "purpose": purpose,
        "language": translation.get_language(),
        "user": request.user.pk if purpose == LINK else None,
    }
    request.session[PENDING_KEY] = pending
    return response


def _pop_pending(request, state: str) -> dict | None:
    pending = request.session.get(PENDING_KEY, {})
    found = pending.pop(state, None) if state else None
    if found is not None:
        request.session[PENDING_KEY] = pending
    return found


@never_cache
def callback(request):
    """Where the broker sends the person back, with a code (or an error) and the state."""
    started = _pop_pending(request, request.GET.get("state", ""))
    if started is None:
        logger.warning("MitID callback refused: no login with this state was started here")
        messages.error(
            request,
            _(
                "We could not confirm who you are, because the MitID login did not start "
                "here or took too long. Please try again."
            ),
        )
        return redirect(_home())
    with translation.override(started["language"]):
        return _finish(request, started)


def _finish(request, started: dict):
    next_path = started["next"]
    try:
        person = broker.finish(request)
    except LoginFailed as failure:
        logger.warning("MitID login failed: %s", failure.reason)
        if failure.cancelled:
            messages.info(request, _("You cancelled the MitID login. Nothing was saved or signed."))
        else:
            messages.error(
                request,
                _(
                    "We could not confirm who you are with MitID. Nothing was saved or "
                    "signed. Please try again."
                ),
            )
        return redirect(next_path)
    if started["purpose"] == LINK:
        return _link(request, started, person)
    # A new session key for the session that now holds a proven identity.
    request.session.cycle_key()
    identity.remember(request, person)
    messages.success(request, _("You have proved who you are with MitID."))
    return redirect(next_path)


def _link(request, started: dict, person):
    if not request.user.is_authenticated or request.user.pk != started["user"]:
        logger.warning("MitID link refused: the account logged in changed during the login")
        messages.error(request, _("Log in to your account again, then link MitID."))
        return redirect(started["next"])
    try:
        services.link(user=request.user, identity_hash=person.identity_hash)
    except ServiceError as error:
        add_service_error(request, error)
    else:
        messages.success(request, _("MitID is now linked to your account."))
    return redirect(started["next"])


@never_cache
@login_required
def account(request):
    """Whether MitID is linked to this account; link it (through the login) or unlink it."""
    if request.method == "POST":
        try:
            services.unlink(user=request.user)
        except ServiceError as error:
            add_service_error(request, error)
        else:
            messages.success(request, _("MitID is no longer linked to your account."))
        return redirect("mitid:account")
    response = render(
        request,
        "mitid/account.html",
        {
            "configured": broker.configured(),
            "mitid_link": MitIDLink.objects.filter(user=request.user).first(),
        },
    )
    return _with_broker_form_action(response)
