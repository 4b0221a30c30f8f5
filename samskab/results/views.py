"""The results' pages, charts and downloads. Everything here is public and the same for
everyone; an unpublished indicator does not exist (404)."""

from functools import wraps

from csp.decorators import csp_replace
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from samskab.results import charts, conf, downloads, selectors
from samskab.results.models import Indicator
from samskab.vision.models import FocusArea

# Embedded charts are the same for everyone and change with each round of computing.
EMBED_CACHE_SECONDS = 300


def embeddable(view):
    """Let other sites (the municipality's own) show the response: an image from another
    origin, also where that site requires Cross-Origin-Resource-Policy (COEP), readable by
    its scripts (no credentials are ever involved) and framable. The site's other
    responses keep same-origin rules."""

    @xframe_options_exempt
    @csp_replace({"frame-ancestors": ["*"]})
    @wraps(view)
    def embeddable_view(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cross-Origin-Resource-Policy"] = "cross-origin"
        response["Access-Control-Allow-Origin"] = "*"
        response["Cache-Control"] = f"public, max-age={EMBED_CACHE_SECONDS}"
        return response

    return embeddable_view


@require_safe
def overview(request):
    return render(
        request,
        "results/overview.html",
        {"overview": selectors.overview(), "small_count": conf.small_count()},
    )


@require_safe
def focus_area(request, slug):
    try:
        page = selectors.focus_area_results(slug=slug)
    except FocusArea.DoesNotExist as error:
        raise Http404(_("No such focus area.")) from error
    return render(request, "results/focus_area.html", {"page": page})


@require_safe
def indicator(request, slug):
    try:
        page = selectors.indicator_page(slug=slug)
    except Indicator.DoesNotExist as error:
        raise Http404(_("No such indicator.")) from error
    slug = page.indicator.slug
    return render(
        request,
        "results/indicator.html",
        {
            "page": page,
            "source": downloads.source_of(page.indicator),
            "small_count": conf.small_count(),
            "compute_minutes": int(conf.compute_every().total_seconds() // 60),
            "freeze_days": conf.freeze_after().days,
            "embed_svg": request.build_absolute_uri(reverse("results:chart_svg", args=[slug])),
            "embed_png": request.build_absolute_uri(reverse("results:chart_png", args=[slug])),
        },
    )


def _published(slug) -> Indicator:
    try:
        return selectors.published_indicators().get(slug=slug)
    except Indicator.DoesNotExist as error:
        raise Http404(_("No such indicator.")) from error


def _chart_svg(slug) -> str:
    result = selectors.results_of([_published(slug)])[0]
    return result.chart.render(standalone=True, language=get_language())


@require_safe
@embeddable
def chart_svg(request, slug):
    return HttpResponse(_chart_svg(slug), content_type="image/svg+xml; charset=utf-8")


@require_safe
@embeddable
def chart_png(request, slug):
    return HttpResponse(charts.png(_chart_svg(slug)), content_type="image/png")


def _urls(request, indicators) -> dict[int, str]:
    return {
        indicator.pk: request.build_absolute_uri(indicator.get_absolute_url())
        for indicator in indicators
    }


def _csv_response(request, indicators, filename, *, excel):
    response = StreamingHttpResponse(
        downloads.as_chunks(downloads.csv_rows(indicators, excel=excel)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _json_response(request, indicators, filename, *, single):
    response = StreamingHttpResponse(
        downloads.as_chunks(
            downloads.json_document(indicators, urls=_urls(request, indicators), single=single)
        ),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def indicator_csv(request, slug):
    return _csv_response(request, [_published(slug)], f"{slug}.csv", excel=False)


@require_safe
def indicator_excel_csv(request, slug):
    return _csv_response(request, [_published(slug)], f"{slug}-excel.csv", excel=True)


@require_safe
def indicator_json(request, slug):
    return _json_response(request, [_published(slug)], f"{slug}.json", single=True)


def _all():
    return list(selectors.published_indicators())


@require_safe
def all_csv(request):
    return _csv_response(request, _all(), "resultater.csv", excel=False)


@require_safe
def all_excel_csv(request):
    return _csv_response(request, _all(), "resultater-excel.csv", excel=True)


@require_safe
def all_json(request):
    return _json_response(request, _all(), "resultater.json", single=False)
