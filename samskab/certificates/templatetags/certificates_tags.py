"""How certificates write periods and hours, the same on the PDF and the web pages.

{% load certificates_tags %}
{{ role.period|period }}   "3 March 2025 – 14 June 2025", or one date for a single day
{{ role.hours|hours }}     "12,5 hours" / "1 hour"
"""

from django import template
from django.utils.formats import date_format

from samskab.volunteering.formatting import hours_text

register = template.Library()

EN_DASH = "\N{EN DASH}"


@register.filter
def period(value) -> str:
    """A ``presentation.Period``, or anything with ``first_date`` and ``last_date``."""
    first = getattr(value, "first", None) or value.first_date
    last = getattr(value, "last", None) or value.last_date
    if first == last:
        return date_format(first, "DATE_FORMAT")
    return f"{date_format(first, 'DATE_FORMAT')} {EN_DASH} {date_format(last, 'DATE_FORMAT')}"


@register.filter
def hours(value) -> str:
    return hours_text(value)
