"""Template pieces owners' pages use to show and take bookings:

{% load booking_tags %}
{% booking_signup_form session.booking_slot %}        the whole sign-up box
{{ slot|slot_time }}                                  "Tuesday March 3, 2026, 10:00-12:00"
{{ slot|places_left_text }}                           "3 places left" / "Full"
{{ slot|places_left_marker }}                         the same, filled in when served (places.py)
"""

from django import template
from django.utils.safestring import mark_safe

from samskab.booking import places, selectors
from samskab.booking.forms import GuestSignupForm
from samskab.booking.owners import describe_slot
from samskab.core.formatting import local_datetime, slot_time_range

register = template.Library()


@register.inclusion_tag("booking/includes/signup_form.html", takes_context=True)
def booking_signup_form(context, slot, next_url=None, form=None):
    """The sign-up box for one slot: places left, then the person's own booking (with
    cancel, or accept/decline of an offered place), or a one-click "Sign up" for a logged-in
    user, or name and email for a visitor. Forms post to ``booking:sign_up`` and come back
    to ``next_url`` (default: the current page). Two queries; none for occupancy when the
    slot comes from ``selectors.slots_with_occupancy``."""
    request = context["request"]
    user = request.user
    state = selectors.signup_state(slot=slot, user=user)
    if form is None and not user.is_authenticated:
        form = GuestSignupForm.empty_html(slot.pk)
    return {
        "signup": state,
        "slot": state.slot,
        "form": form,
        "next_url": next_url or request.get_full_path(),
        "user": user,
        "request": request,
    }


@register.filter
def slot_time(slot) -> str:
    return slot_time_range(slot)


@register.filter
def moment(value) -> str:
    return local_datetime(value) if value else ""


@register.filter
def slot_description(slot):
    return describe_slot(slot)


@register.filter
def places_left_text(slot) -> str:
    return places.text(slot)


@register.filter
def places_left_marker(slot) -> str:
    return mark_safe(places.marker(slot))  # noqa: S308 (a comment with a number)
