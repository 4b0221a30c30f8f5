"""How volunteering writes hours, shifts and places, the same way on every page.

{% load volunteering_tags %}
{{ entry.hours|hours }}            "2,5 hours" / "1 hour"
{{ value|hours_number }}           "2,5"
{{ shift|shift_time }}             "Saturday 6 June 2026, 10:00–12:00"
{{ shift|places_taken }}           "3 of 5 places taken"
{{ figures.no_show_rate|percent }} "12,5 %"
"""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from samskab.booking import selectors as booking_selectors
from samskab.core.formatting import slot_time_range
from samskab.volunteering.formatting import hours_number as format_hours_number
from samskab.volunteering.formatting import hours_text

register = template.Library()


@register.filter
def hours(value) -> str:
    return hours_text(value)


@register.filter
def hours_number(value) -> str:
    return format_hours_number(value)


@register.filter
def shift_time(shift) -> str:
    return slot_time_range(shift)


@register.filter
def places_taken(shift) -> str:
    slot = shift.booking_slot
    if slot is None or slot.capacity is None:
        return ""
    left = booking_selectors.places_left(slot)
    return _("%(taken)d of %(total)d places taken") % {
        "taken": slot.capacity - left,
        "total": slot.capacity,
    }


@register.filter
def waiting_count(shift) -> int:
    slot = shift.booking_slot
    return booking_selectors.waitlist_count(slot) if slot is not None else 0


@register.filter
def percent(value) -> str:
    if value is None:
        return "–"
    return f"{number_format(value, 1, use_l10n=True)} %"
