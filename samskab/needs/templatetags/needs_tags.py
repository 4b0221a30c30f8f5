"""Template pieces of needs:

{{ need|need_time }}          "Saturday 14 June 2025, 10:00–12:00"
{{ need|need_places }}        "1 of 2 places left" / "Filled" (no query for needs from the
                              selectors, whose slot occupancy is prefetched)
"""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from samskab.core.formatting import slot_time_range
from samskab.needs import selectors

register = template.Library()


@register.filter
def need_time(need) -> str:
    return slot_time_range(need)


@register.filter
def need_places(need) -> str:
    slot = need.booking_slot
    if slot is None or slot.capacity is None:
        return _("No limit on places")
    left = selectors.places_left(need)
    if left == 0:
        return pgettext("a need with every place taken", "Filled")
    return ngettext(
        "%(left)d of %(total)d place left", "%(left)d of %(total)d places left", slot.capacity
    ) % {"left": left, "total": slot.capacity}
