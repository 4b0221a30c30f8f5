"""Rate limits: one way for every form that sends mail or can be abused to refuse too many
uses in a short while, with the same message and status everywhere.

A ``Limit`` allows at most ``rate`` uses of one action (django-ratelimit's notation:
``"5/h"``, ``"20/m"``, ``"10/d"``) per client address (``per=IP``), per logged-in user (or
address, ``per=USER``) or per value the view passes, such as the email address a form
sends to (``per=VALUE``; compared case-insensitively). The counts live in the default
cache (django-ratelimit), so with the shared Redis of production (``REDIS_URL`` is
required there) every app server and worker counts together::

    from samskab.core import limits

    INVITATIONS = limits.Limit("organisations.invite", "30/h", per=limits.USER)

    # A form: over the limit, the form is shown again with what was typed, the message
    # as its error (above the fields), and the page answers 429.
    if form.is_valid() and limits.allow(request, INVITATIONS, form=form):
        services.member_invite(...)

    # A button without anything typed: over the limit, the 429 page; the view does not run.
    @limits.limit(INVITATIONS)
    def resend(request, pk): ...

allauth counts two things itself, per account: failed logins and the resend pause of the
confirmation email (``ACCOUNT_RATE_LIMITS``). Its refusals answer the same way: 429 (the
adapter calls ``refuse``), this module's page (``handler429`` in ``samskab/urls.py``) and
message. docs/extending.md lists the limited forms.
"""

import ipaddress
import logging
import re
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)

IP = "ip"
USER = "user"
VALUE = "value"

MESSAGE = _("You have tried this too many times in a short while. Wait a while and try again.")

_RATE = re.compile(r"[1-9]\d*/\d*[smhd]")
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


@dataclass(frozen=True)
class Limit:
    action: str
    rate: str
    per: str = IP

    def __post_init__(self):
        if not _RATE.fullmatch(self.rate):
            raise ValueError(f"{self.rate!r} is not a rate like '5/h' or '20/10m'.")
        if self.per not in (IP, USER, VALUE):
            raise ValueError(f"per must be IP, USER or VALUE, not {self.per!r}.")


def allow(request, *limits: Limit, form=None, value: str | None = None) -> bool:
    """Count this use against every one of ``limits``; whether all of them still allow it.
    When one does not, ``refuse`` answers for it (the form keeps what was typed)."""
    over = [limit for limit in limits if _over(request, limit, value)]
    if over:
        logger.warning(
            "Rate limit reached: %s", ", ".join(f"{o.action} {o.rate} per {o.per}" for o in over)
        )
        refuse(request, form=form)
    return not over


def allow_person(action: str, who, rate: str) -> bool:
    """For a service that limits what one person does whatever the request (posting,
    reporting): count one attempt at ``action`` by ``who`` (a user id) against ``rate``
    (empty: no limit) in the same shared cache as every other limit; False once over it."""
    if not rate:
        return True
    return not _over(None, Limit(action, rate, per=VALUE), str(who))


def refuse(request, *, form=None) -> None:
    """Answer this request as refused by a limit: ``form`` (if given) gets the message as
    an error of the whole form, and the page showing it again answers 429."""
    if form is not None:
        form.add_error(None, MESSAGE)
    request.limit_refused = True


def limit(*limits: Limit):
    """View decorator for an action without a form to show again: a POST (or other unsafe
    request) over any of ``limits`` gets the 429 page, and the view does not run. Also for
    a class-based view: ``method_decorator(limits.limit(...), name="dispatch")``."""
    if any(one.per == VALUE for one in limits):
        raise ValueError("A limit per value needs the value: call allow() in the view.")

    def decorator(view):
        @wraps(view)
        def limited_view(request, *args, **kwargs):
            if request.method not in _SAFE_METHODS and not allow(request, *limits):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return limited_view

    return decorator


def too_many_requests(request, exception=None):
    """The 429 page in the site's layout (also allauth's, as ``handler429``)."""
    return render(request, "429.html", {"message": MESSAGE}, status=429)


class LimitStatusMiddleware:
    """A page shown again because a limit refused its form answers 429 instead of 200 (or
    the 400 some forms answer with), whichever view or form (allauth's too) refused it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "limit_refused", False) and response.status_code in (200, 400):
            response.status_code = 429
        return response


def client_ip(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` proxies
    that each append to ``X-Forwarded-For``, the address the outermost of them saw (taken
    from the right: anything further left may be written by the client itself)."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    candidates = [forwarded[-proxies]] if proxies and len(forwarded) >= proxies else []
    for candidate in [*candidates, remote]:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    # A Unix socket without a proxy header: every such client counts as one.
    return "0.0.0.0"  # noqa: S104 - an address to count by, not one to listen on


def _over(request, limit: Limit, value: str | None) -> bool:
    if limit.per == VALUE:
        if value is None:
            raise ValueError(f"The limit {limit.action} counts per value; pass value=.")
        normalised = value.strip().casefold()
        key = lambda _group, _request: normalised  # noqa: E731
    else:
        key = "user_or_ip" if limit.per == USER else "ip"
    try:
        return is_ratelimited(request, group=limit.action, key=key, rate=limit.rate, increment=True)
    except Exception:
        # The cache is unreachable: let the person through rather than refuse everyone.
        logger.exception("Rate limit %s could not be counted", limit.action)
        return False
