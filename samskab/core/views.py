import logging
import sys

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.template.loader import select_template
from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from samskab.core import outage
from samskab.core.context_processors import site

logger = logging.getLogger(__name__)

SECONDS_PER_DAY = 60 * 60 * 24


def _language_template(name: str):
    """Long legal texts are written per language rather than as hundreds of msgids."""
    return select_template([f"core/pages/{get_language()}/{name}", f"core/pages/da/{name}"])


def legal_page(request, template_name: str):
    # The cookie page states how long each cookie lives; it reads the real settings so the
    # text cannot drift from what the server actually sends.
    context = {
        "session_cookie_days": settings.SESSION_COOKIE_AGE // SECONDS_PER_DAY,
        "session_cookie_lifetime": _session_cookie_lifetime(),
        "csrf_cookie_days": settings.CSRF_COOKIE_AGE // SECONDS_PER_DAY,
    }
    return HttpResponse(_language_template(template_name).render(context, request))


def _session_cookie_lifetime() -> str:
    """How long the login cookie lives: "browser" (until the browser closes), "days"
    (SESSION_COOKIE_AGE) or "choice" (the user ticks "keep me logged in" at login)."""
    if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE:
        return "browser"
    remember = getattr(settings, "ACCOUNT_SESSION_REMEMBER", None)
    if remember is None:
        return "choice"
    return "days" if remember else "browser"


@require_GET
@cache_control(max_age=SECONDS_PER_DAY)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    private_paths = [
        "/konto/",
        "/min-konto/",
        "/tilmelding/",
        "/foreninger/administrer/",
        "/foreninger/godkendelse/",
        "/foreninger/invitation/",
    ]
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *(f"Disallow: {prefix}{path}" for path in private_paths for prefix in ("", "/en")),
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def bad_request(request, exception=None):
    """Input that cannot be used (a form value no field can hold, too many fields, a host
    name not served here): the 400 page in the layout, or a minimal page when the layout
    itself cannot be rendered for this request (an unknown host)."""
    try:
        return render(request, "400.html", status=400)
    except Exception:
        logger.warning("The 400 page could not be rendered with the request.", exc_info=True)
    return HttpResponseBadRequest(
        _minimal_page(
            gettext("The request could not be read"),
            gettext("We could not read what your browser sent"),
            gettext("Go back, check what you entered and try again."),
        )
    )


def server_error(request):
    """The 500 page must never fail itself, so it degrades in two steps.

    First the full layout with the request (language, header, user). If that fails, for
    example because a context processor needs the broken database or session, the same
    template without context processors. If even that fails, a minimal page built here.

    A database that cannot be reached is not an error of ours: a middleware that met it
    (the session, saved after the view) ends here, and gets the 503 page of core.outage."""
    if outage.is_database_unavailable(sys.exc_info()[1]):
        return outage.unavailable_response(request)
    try:
        return render(request, "500.html", status=500)
    except Exception:
        logger.exception("The 500 page could not be rendered with the request.")
    try:
        html = loader.get_template("500.html").render(site(request))
        return HttpResponseServerError(html)
    except Exception:
        logger.exception("The 500 page could not be rendered from its template.")
    return HttpResponseServerError(
        _minimal_page(
            gettext("Something went wrong"),
            gettext("Sorry, something went wrong on our side"),
            gettext(
                "The error has been logged and we will look into it. Please try again in a moment."
            ),
        )
    )


def _minimal_page(title: str, heading: str, text: str) -> str:
    language = get_language() or settings.LANGUAGE_CODE
    # Built without reversing URLs: the URL configuration may be what is broken.
    front_page = "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
    return format_html(
        '<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>{} · Samskab</title></head><body><main><h1>{}</h1><p>{}</p>"
        '<p><a href="{}">{}</a></p></main></body></html>',
        language,
        title,
        heading,
        text,
        front_page,
        gettext("Go to the front page"),
    )
