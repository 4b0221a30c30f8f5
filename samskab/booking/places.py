"""Places left, as text, and filled into a page at the last moment.

A list that is kept in a cache for long (the catalogue's result regions, the vision's
pages with this week's activities) would be forgotten by every sign-up if it showed the
places left itself. Instead its cards carry a marker (``{{ slot|places_left_marker }}``, an
HTML comment no escaped user text can contain), and ``fill`` puts the current "3 places
left" in place of each marker when the page is served (the booking app declares it a
``PageFiller``, which core runs on every HTML page): one query for all the slots on the
page, so the places left are never older than the request, and sign-ups never forget the
list. A view that has just read some of them sets ``response.places_now`` ({slot id:
text}), and those are not read again.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from samskab.booking import selectors
from samskab.booking.models import Slot

MARKER_START = b"<!--places-left:"
MARKER = re.compile(re.escape(MARKER_START) + rb"(\d+)-->")


def marker(slot: Slot) -> str:
    return f"<!--places-left:{slot.pk}-->"


def text(slot: Slot) -> str:
    """ "3 places left", "Full" or "No limit on places"."""
    places = selectors.places_left(slot)
    if places is None:
        return _("No limit on places")
    if places == 0:
        return pgettext("no places left", "Full")
    return ngettext("%(count)d place left", "%(count)d places left", places) % {"count": places}


def fill(content: bytes, known: dict[int, str] | None = None) -> bytes:
    """``content`` with every marker replaced by its slot's places left now (nothing for a
    slot deleted meanwhile). ``known``: texts already read in this request, by slot id. One
    query for the others, none when there are none."""
    ids = {int(found) for found in MARKER.findall(content)}
    texts = {pk: value.encode() for pk, value in (known or {}).items()}
    missing = ids - texts.keys()
    if missing:
        slots = selectors.slots_with_occupancy(Slot.objects.filter(pk__in=missing))
        texts.update((slot.pk, text(slot).encode()) for slot in slots)
    if not ids:
        return content
    return MARKER.sub(lambda match: texts.get(int(match.group(1)), b""), content)


def fill_served(content: bytes, response) -> bytes:
    """``fill`` for a page being served (``PageFiller``), with what its view has read."""
    return fill(content, known=getattr(response, "places_now", None))
