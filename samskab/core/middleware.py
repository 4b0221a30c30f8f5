"""Checks and headers that every request and response goes through, once, in core.

Headers every response gets: the Permissions-Policy, and Cache-Control that keeps pages
meant for one person out of shared caches.

Django's SecurityMiddleware and XFrameOptionsMiddleware already send Referrer-Policy,
Cross-Origin-Opener-Policy, X-Content-Type-Options, X-Frame-Options and (in production)
HSTS; django-csp sends the Content-Security-Policy. What they do not cover is here.

What a request brings is checked here, once, before any view or form sees it.

``RequestInputMiddleware`` stands early in ``MIDDLEWARE`` (before the session is read):

- **Too large.** A request whose ``Content-Length`` is over ``MAX_UPLOAD_BYTES`` is answered
  413 with the site's layout (``413.html``) before its body is read, so a 30 MB "logo" is
  refused at once instead of being received whole. Forms keep their own, smaller limits and
  messages (an organisation's logo may be at most 2 MB).
- **Characters no field can hold.** PostgreSQL's text cannot hold NUL (``\\x00``); a value
  with one would reach a query and fail with a 500. Such input is handled as other bad
  input is:

  * in the query string (the lists' filters, ``page``, ``next``) the value is *left out*,
    the request goes on without it, and a translated notice says so, just as the lists
    leave out a malformed filter and say so;
  * in a submitted form (POST) the request is refused with the 400 page in the site's
    layout: leaving a field out of a form would save something else than was sent;
  * in the address itself the page does not exist (404), and a cookie with one is as if
    it had not been sent.

Every request gets an id (``RequestIdMiddleware``, first in ``MIDDLEWARE``): the one the
reverse proxy sends in ``X-Request-ID`` when it looks like one, otherwise a new one. It is
sent back in ``X-Request-ID`` and is on every log record written while the request is
served (the ``request_id`` field, see ``LOGGING`` in the settings), so one request can be
followed from the proxy's access log through the app's log lines.
"""

import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest
from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django_guid.context import guid
from django_guid.middleware import guid_middleware

# The characters PostgreSQL's text type cannot store. Invalid UTF-8 never gets this far:
# Django decodes the address, query string and form data with replacement characters.
UNSTORABLE_CHARACTERS = ("\x00",)
# When the MAX_UPLOAD_BYTES setting is not given.
DEFAULT_MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def is_storable(text: str) -> bool:
    """Whether ``text`` can be stored and searched for in any text column."""
    return not any(character in text for character in UNSTORABLE_CHARACTERS)


def _storable_items(data: QueryDict) -> tuple[QueryDict, bool]:
    """``data`` without the values that cannot be stored, and whether any were left out."""
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    left_out = False
    for name, values in data.lists():
        if not is_storable(name):
            left_out = True
            continue
        kept = [value for value in values if is_storable(value)]
        left_out = left_out or len(kept) != len(values)
        if kept:
            cleaned.setlist(name, kept)
    cleaned._mutable = False
    return cleaned, left_out


def _storable_list(name: str, values: list[str]) -> bool:
    return is_storable(name) and all(is_storable(value) for value in values)


def max_upload_bytes() -> int:
    return int(getattr(settings, "MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class RequestInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Before the session middleware reads its cookie.
        cookies = request.COOKIES
        if not all(is_storable(name) and is_storable(value) for name, value in cookies.items()):
            request.COOKIES = {
                name: value
                for name, value in cookies.items()
                if is_storable(name) and is_storable(value)
            }
        request.input_left_out = False
        if not all(_storable_list(name, values) for name, values in request.GET.lists()):
            request.GET, request.input_left_out = _storable_items(request.GET)
            # Every later reader (pagination links, cache keys, get_full_path) sees the same.
            request.META["QUERY_STRING"] = request.GET.urlencode()
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Here every middleware has run its request part: the language is that of the
        # address and the user is known, so the answers below are in the site's layout.
        # No view (and not the CSRF check) has read the body yet.
        limit = max_upload_bytes()
        if _content_length(request) > limit:
            return render(
                request,
                "413.html",
                {"max_upload_size": filesizeformat(limit)},
                status=413,
            )
        if not is_storable(request.path_info):
            raise Http404
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            _refuse_unstorable_form_data(request)
        if request.input_left_out and not _is_htmx_partial(request):
            messages.warning(
                request,
                _(
                    "Part of the address contained characters that cannot be read, "
                    "so it was left out."
                ),
                fail_silently=True,
            )
        return None


def _refuse_unstorable_form_data(request) -> None:
    # Uploaded files' names need no check: Django's parser already drops a NUL from them.
    for name, values in request.POST.lists():
        if not _storable_list(name, values):
            raise BadRequest("A form value contains a character that cannot be stored.")


def _is_htmx_partial(request) -> bool:
    """An htmx swap shows only part of a page, without the messages: a notice added now
    would appear on the next whole page instead. The value is left out all the same."""
    headers = request.headers
    return headers.get("HX-Request") == "true" and headers.get("HX-Boosted") != "true"


class PermissionsPolicyMiddleware:
    """Sends ``settings.PERMISSIONS_POLICY`` ({feature: [allowed origins]}, an empty list
    denies the feature everywhere) as the Permissions-Policy header, unless a view set its
    own."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def header(self) -> str:
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class PageFillersMiddleware:
    """Fills in what apps declare as ``page_fillers`` (``core.extensions.PageFiller``: the
    places left on activity cards) in every HTML page, whether its view built it or the
    page cache served it. Last in ``MIDDLEWARE``, so the view's response is filled before
    any other middleware sees its length or content."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def fillers(self):
        from samskab.core import extensions

        return [filler for _, filler in extensions.declared("page_fillers")]

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            return response
        content = original = response.content
        for filler in self.fillers:
            if filler.marker in content:
                content = filler.fill(content, response)
        if content is not original:
            response.content = content
        return response


class PrivateCacheMiddleware:
    """Keeps personal responses out of shared caches (a proxy, a municipality's web cache).

    - A response to someone logged in that says nothing about caching gets
      ``Cache-Control: private, no-cache``: only the person's own browser may keep it, and
      it asks the server again before reusing it, so "my bookings" is never shown stale
      after a change. (``max-age=0`` would allow a browser to show a stale copy in some
      cases, e.g. offline; ``no-store`` would also turn off the back/forward cache.)
    - A response that sets a cookie or varies on Cookie is never ``public``: ``public``
      becomes ``private``. One that sets a cookie and says nothing about caching gets
      ``private`` (a shared cache would hand the cookie to the next browser); one that only
      varies on Cookie is left alone (a shared cache keeps a copy per cookie).

    It sits above SessionMiddleware and CsrfViewMiddleware in MIDDLEWARE so that it sees
    the response after they added their cookies and ``Vary: Cookie``; the user is known by
    then (AuthenticationMiddleware ran on the way in). A response whose view never read
    the session cannot differ between people, and is left alone without reading the
    session here (which would add ``Vary: Cookie`` to every response).

    Responses a view built itself keep what the view set (the visitor page cache in
    ``core.page_cache`` stores pages before any middleware, and serves them to people who
    are not logged in, so it is not affected)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _logged_in(request) and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-cache"
        if response.cookies and not response.has_header("Cache-Control"):
            # A shared cache would hand this browser's cookie to the next one.
            response["Cache-Control"] = "private"
        elif (response.cookies or _varies_on_cookie(response)) and "public" in _directives(
            response
        ):
            patch_cache_control(response, private=True)
        return response


def _logged_in(request) -> bool:
    session = getattr(request, "session", None)
    if session is None or not session.accessed:
        return False
    try:
        user = getattr(request, "user", None)
        return bool(user is not None and user.is_authenticated)
    except Exception:
        # Who asks cannot be told (e.g. the database is down on the way to the error
        # page): treat the response as personal rather than fail it a second time.
        return True


def _directives(response) -> set[str]:
    header = response.get("Cache-Control", "")
    return {part.split("=", 1)[0].strip().lower() for part in header.split(",")}


def _varies_on_cookie(response) -> bool:
    vary = response.get("Vary", "")
    return any(part.strip().lower() in ("cookie", "*") for part in vary.split(","))


# What an id from the proxy may look like: a UUID (nginx's $request_id is 32 hex digits),
# nothing else. django-guid checks the same with uuid.UUID(), which also lets through
# whitespace, underscores and non-ASCII digits; an id with those could split a log line or
# make the response header fail.
PLAUSIBLE_REQUEST_ID = re.compile(
    r"[0-9A-Fa-f]{32}|[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}"
)


class RequestIdMiddleware:
    """django-guid's middleware (the id in a context variable, echoed in ``X-Request-ID``,
    put on log records by its ``CorrelationId`` filter), given only an incoming id that
    looks like one; anything else (too long, a line break, other characters) is dropped so
    that a new id is generated."""

    def __init__(self, get_response):
        self.get_response = guid_middleware(get_response)

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID")
        if given is not None and not PLAUSIBLE_REQUEST_ID.fullmatch(given):
            del request.META["HTTP_X_REQUEST_ID"]
        return self.get_response(request)


@receiver(request_finished, dispatch_uid="samskab.core.middleware.forget_request_id")
def _forget_request_id(**kwargs):
    """Log records written once the response is sent belong to no request. (Not when the
    middleware returns: Django logs 4xx and 5xx responses after that.)"""
    guid.set(None)
