"""What the catalogue adds to the vision's pages (``VisionSection`` in contributions.py):
"This week near you" on the front page and "Join in this week" on a focus area's page.

Coming sessions of the next seven days, nearest first when the visitor gave a postcode or
town (``?near=6760`` on the page's own address, from the small form the section shows),
soonest first otherwise, with a link to the full catalogue. Two queries (three the first
time a place is looked up after the reference lists changed), and one more for the cards
not kept (``activities.cards``). The cards' places left are markers filled in when the page
is served (``booking.places``), so a kept vision page is not forgotten by sign-ups; what
else the section shows is forgotten with the catalogue's results (``cache.RESULTS``)."""

from datetime import timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from samskab.activities import cards
from samskab.catalogue import selectors

NEAR_PARAMETER = "near"
TEMPLATE = "catalogue/includes/this_week.html"
# The apps whose rows the section shows besides the catalogue's own.
SHOWS = ("activities", "booking", "organisations", "reference", "vision")


def this_week(request, focus_area=None, *, heading_level: int = 2) -> dict:
    near_text = request.GET.get(NEAR_PARAMETER, "").strip()[:50]
    near = selectors.reference_lists().place_for(near_text) if near_text else None
    sessions = selectors.this_week(near=near, focus_area_id=focus_area.pk if focus_area else None)
    cards.attach_cards(
        [session.activity for session in sessions],
        heading_level=heading_level + 1,
        places_filled_when_served=True,
    )
    today = timezone.localdate()
    query = {
        "date_from": today.isoformat(),
        "date_to": (today + timedelta(days=selectors.THIS_WEEK_DAYS - 1)).isoformat(),
    }
    if focus_area is not None:
        query["area"] = focus_area.slug
    if near is not None:
        query["near"] = near.postcode
    return {
        "sessions": sessions,
        "near": near,
        "near_text": near_text,
        "unknown_place": bool(near_text) and near is None,
        "focus_area": focus_area,
        "heading_level": heading_level,
        "catalogue_url": f"{reverse('catalogue:index')}?{urlencode(query)}",
        "form_action": request.path,
    }


def front_page(request, _obj) -> dict:
    return this_week(request)


def focus_area(request, area) -> dict:
    return this_week(request, area)
