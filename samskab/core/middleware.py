"""What a request brings is checked here, once, before any view or form sees it.

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
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

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
