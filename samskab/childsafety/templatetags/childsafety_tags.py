"""Børneattest in other apps' templates.

{% load childsafety_tags %}
{% attest_status volunteer organisation as attest %}   one volunteer (two queries)
{% include "childsafety/includes/attest_badge.html" with attest=attest %}

For a whole roster, use ``selectors.attach_attest_statuses(bookings, organisation)`` in the
view instead (a fixed number of queries) and include the badge with ``booking.attest``.
"""

from django import template

from samskab.childsafety import emails, selectors

register = template.Library()


@register.simple_tag
def attest_status(volunteer, organisation):
    return selectors.attest_status_for(volunteer, organisation)


@register.simple_tag
def attests_of_volunteer(user):
    return selectors.attests_of_volunteer(user)


@register.simple_tag
def attest_rule():
    """The rule's numbers: max_days, window_months and max_consecutive_days."""
    return emails.rule_context()
