"""How certificates write periods and hours, the same on the PDF and the web pages.

{% load certificates_tags %}
{{ role.period|period }}   "3 March 2025 – 14 June 2025", or one date for a single day
{{ role.hours|hours }}     "12,5 hours" / "1 hour"
"""

from django import template

from samskab.core.formatting import date_range
from samskab.volunteering.formatting import hours_text

register = template.Library()


@register.filter
def period(value) -> str:
    """A ``presentation.Period``, or anything with ``first_date`` and ``last_date``."""
    first = getattr(value, "first", None) or value.first_date
    last = getattr(value, "last", None) or value.last_date
    return date_range(first, last)


@register.filter
def hours(value) -> str:
    return hours_text(value)
