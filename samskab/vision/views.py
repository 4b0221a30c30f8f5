from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from samskab.vision import selectors
from samskab.vision.models import FocusArea, Initiative


def front_page(request):
    return render(request, "vision/front_page.html", {"page": selectors.front_page()})


def focus_area(request, slug):
    try:
        page = selectors.focus_area_page(slug=slug)
    except FocusArea.DoesNotExist as error:
        raise Http404(_("No such focus area.")) from error
    return render(request, "vision/focus_area.html", {"page": page})


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
    return render(request, "vision/initiative.html", {"page": page, "breadcrumbs": breadcrumbs})
