"""What ideas add to the vision's pages (``VisionSection`` in contributions.py)."""

from django.urls import reverse

from samskab.ideas import cards, selectors


def front_page(request, _obj):
    answers = selectors.latest_answers()
    return {"answers": answers} if answers else None


def focus_area(request, area):
    found = selectors.ideas_about(focus_area=area)
    cards.attach_cards(found["ideas"])
    return {
        **found,
        "list_url": f"{reverse('ideas:list')}?focus_area={area.slug}",
        "propose_url": reverse("ideas:propose"),
    }


def initiative(request, initiative):
    found = selectors.ideas_about(initiative=initiative)
    if not found["count"]:
        return None
    cards.attach_cards(found["ideas"])
    return {**found, "list_url": None, "propose_url": reverse("ideas:propose")}
