"""What results add to the vision's pages (``VisionSection`` in contributions.py): live
figures on the front page, a focus area's figures, and an initiative's indicators with
what its progress is measured by."""

from django.urls import reverse

from samskab.results import selectors


def front_page(request, _obj):
    results = selectors.front_page_figures()
    if not results:
        return None
    return {"results": results, "overview_url": reverse("results:overview")}


def focus_area(request, area):
    results = selectors.for_focus_area(area)
    if not results:
        return None
    return {
        "results": results,
        "focus_area": area,
        "results_url": reverse("results:focus_area", kwargs={"slug": area.slug}),
    }


def initiative(request, initiative):
    linked = selectors.for_initiative(initiative)
    return {"linked": linked} if linked else None
