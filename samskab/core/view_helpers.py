"""Helpers every app's views share.

- ``safe_next(request, default)``: the ``next`` address a form came with, if it is a path
  on this site; otherwise ``default``.
- ``add_service_error(form_or_request, error)``: a ``ServiceError`` onto the form field it
  names (or the form as a whole), or as a message on the next page.
"""

from django.contrib import messages
from django.forms import BaseForm
from django.utils.http import url_has_allowed_host_and_scheme

from samskab.core.errors import ServiceError

MESSAGE_LEVELS = {"info": messages.INFO, "warning": messages.WARNING, "error": messages.ERROR}


def safe_next(request, default: str | None = None) -> str | None:
    """``next`` from the POST or the query string when it is a local path ("/…") that
    stays on this site; otherwise ``default``. Anything else ("abc", "//evil.example",
    "javascript:…") is ignored, so ``redirect()`` never gets a URL name or another site."""
    candidate = request.POST.get("next") or request.GET.get("next")
    if (
        candidate
        and candidate.startswith("/")
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return default


def add_service_error(form_or_request, error: ServiceError) -> None:
    """Show a service's error: on a form, on the field it names (the form as a whole when
    the form has no such field); on a request, as a message at the error's level."""
    if isinstance(form_or_request, BaseForm):
        field = error.field if error.field in form_or_request.fields else None
        form_or_request.add_error(field, str(error.message))
        return
    level = MESSAGE_LEVELS.get(error.level, messages.INFO)
    messages.add_message(form_or_request, level, error.message)
