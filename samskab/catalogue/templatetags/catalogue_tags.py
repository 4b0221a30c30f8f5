"""{% load catalogue_tags %}

{% this_week_near_you %}                            the front page's "This week near you"
{% this_week_near_you focus_area=page.focus_area %}  a focus area's activities this week

Coming sessions of the next seven days, nearest first when the visitor gave a postcode or
town (``?near=6760`` on the page's own address, from the small form it shows), soonest
first otherwise, with a link to the full catalogue. Two queries (three the first time a
place is looked up after the reference lists changed)."""

from datetime import timedelta
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from samskab.activities import cards
from samskab.catalogue import selectors

register = template.Library()

NEAR_PARAMETER = "near"


@register.inclusion_tag("catalogue/includes/this_week.html", takes_context=True)
def this_week_near_you(context, focus_area=None, heading_level=2):
    request = context["request"]
    near_text = request.GET.get(NEAR_PARAMETER, "").strip()[:50]
    near = selectors.reference_lists().place_for(near_text) if near_text else None
    sessions = selectors.this_week(near=near, focus_area_id=focus_area.pk if focus_area else None)
    cards.attach_cards([session.activity for session in sessions], heading_level=heading_level + 1)
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
        "request": request,
        "sessions": sessions,
        "near": near,
        "near_text": near_text,
        "unknown_place": bool(near_text) and near is None,
        "focus_area": focus_area,
        "heading_level": heading_level,
        "catalogue_url": f"{reverse('catalogue:index')}?{urlencode(query)}",
        "form_action": request.path,
    }


@register.simple_tag
def checkbox_options(field):
    """The options of one of the filters' groups of checkboxes, as ``<li>`` items (the
    markup of ``filter_field.html``), those the address asks for ticked. Written in Python:
    the catalogue's 80 options through the template engine were a fifth of its page."""
    selected = {str(value) for value in field.value() or ()}
    name, prefix = field.html_name, field.auto_id
    return format_html_join(
        "\n",
        '<li class="form-group-checkbox"><input type="checkbox" class="form-checkbox" '
        'name="{}" value="{}" id="{}_{}"{}><label class="form-label" for="{}_{}">{}</label>'
        "</li>",
        (
            (name, text, prefix, index, checked, prefix, index, label)
            for index, (value, label) in enumerate(field.field.choices)
            for text in [str(value)]
            for checked in [mark_safe(" checked") if text in selected else ""]
        ),
    )
