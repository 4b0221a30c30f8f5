"""Headers every response gets: the Permissions-Policy, and Cache-Control that keeps pages
meant for one person out of shared caches.

Django's SecurityMiddleware and XFrameOptionsMiddleware already send Referrer-Policy,
Cross-Origin-Opener-Policy, X-Content-Type-Options, X-Frame-Options and (in production)
HSTS; django-csp sends the Content-Security-Policy. What they do not cover is here."""

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property


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
