from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from samskab.core.page_cache import cache_visitor_page
from samskab.vision import cached_pages, selectors
from samskab.vision.models import FocusArea, Initiative

# Kept whole for visitors (cached_pages.py); a TemplateResponse, so that a form token on the
# page is filled in per visitor.
kept_for_visitors = cache_visitor_page(cached_pages.PAGES, varies_on=cached_pages.varies_on)


@kept_for_visitors
def front_page(request):
    return TemplateResponse(request, "vision/front_page.html", {"page": selectors.front_page()})


@kept_for_visitors
def focus_area(request, slug):
    try:
        page = selectors.focus_area_page(slug=slug)
    except FocusArea.DoesNotExist as error:
        raise Http404(_("No such focus area.")) from error
    return TemplateResponse(request, "vision/focus_area.html", {"page": page})


@kept_for_visitors
def initiative(request, slug):
    try:
        page = selectors.initiative_page(slug=slug)
    except Initiative.DoesNotExist as error:
        raise Http404(_("No such initiative.")) from error
    focus_area = page.initiative.focus_area
    # Between the front page and this initiative: (url, label) pairs for {% breadcrumbs %}.
    breadcrumbs = [
        (focus_area.get_absolute_url(), focus_area.title),
        *((ancestor.get_absolute_url(), ancestor.title) for ancestor in page.ancestors),
    ]
    return TemplateResponse(
        request, "vision/initiative.html", {"page": page, "breadcrumbs": breadcrumbs}
    )
