from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import select_template
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


def _language_template(name: str):
    """Long legal texts are written per language rather than as hundreds of msgids."""
    return select_template([f"core/pages/{get_language()}/{name}", f"core/pages/da/{name}"])


def legal_page(request, template_name: str):
    return HttpResponse(_language_template(template_name).render({}, request))


@require_GET
@cache_control(max_age=60 * 60 * 24)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /konto/",
        "Disallow: /en/konto/",
        "Disallow: /min-konto/",
        "Disallow: /en/min-konto/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def server_error(request):
    # Rendered with the request so the page keeps the layout and language; nothing here
    # touches the database, so it works even when the database is the problem.
    return render(request, "500.html", status=500)
