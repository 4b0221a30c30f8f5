"""Helpers for the apps' open datasets (``extensions.Dataset``): reading a many-to-many
relation into a column while streaming, without loading either side whole; absolute page
addresses; and the columns many datasets share, described once."""

from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from samskab.core.extensions import Column

SEPARATOR = "|"


def with_many(rows: Iterable[tuple], pairs: Iterable[tuple], *, separator: str = SEPARATOR):
    """Each row with one more value: the values of ``pairs`` whose key is the row's first
    value, joined by ``separator`` in the order they come ("" when none).

    ``rows`` and ``pairs`` ((key, value), e.g. ``Model.relation.through.objects.values_list(
    "model_id", "other__slug")``) must both be ordered by the key, ascending: the two are
    walked side by side like a merge join, so each is one query and neither is held in
    memory."""
    pairs_iter: Iterator[tuple] = iter(pairs)
    pending = next(pairs_iter, None)
    for row in rows:
        key = row[0]
        while pending is not None and pending[0] < key:
            pending = next(pairs_iter, None)
        values = []
        while pending is not None and pending[0] == key:
            values.append(str(pending[1]))
            pending = next(pairs_iter, None)
        yield (*row, separator.join(values))


def public_url(url_name: str, **kwargs) -> str:
    """The absolute address of a public page, in Danish (no language prefix), for a
    dataset's ``url`` column: ``SITE_URL`` and the reversed path."""
    with translation.override("da"):
        return settings.SITE_URL.rstrip("/") + reverse(url_name, kwargs=kwargs)


# Values no real page has, put in the path once and replaced for every row.
_SENTINELS = {int: 987654321987, str: "zq-sentinel-zq"}


def url_maker(url_name: str, **kinds: type) -> Callable[..., str]:
    """``public_url`` for many rows: reverses once, with stand-ins for the arguments
    (``kinds`` maps each to ``int`` or ``str``, i.e. a number or a slug), and returns a
    function that puts each row's values in their place. A dataset's rows call it per row:
    reversing per row would cost more than reading the row."""
    sample = public_url(url_name, **{name: _SENTINELS[kind] for name, kind in kinds.items()})
    template = sample.replace("{", "{{").replace("}", "}}")
    for name, kind in kinds.items():
        template = template.replace(str(_SENTINELS[kind]), "{" + name + "}")
    return template.format


# Columns several datasets have, described once.
ID = Column("id", _("Its number on the platform. It never changes."))
TITLE_DA = Column("title_da", _("Title in Danish."))
TITLE_EN = Column("title_en", _("Title in English; empty when there is no translation."))
DESCRIPTION_DA = Column("description_da", _("Description in Danish."))
DESCRIPTION_EN = Column(
    "description_en", _("Description in English; empty when there is no translation.")
)
ORGANISATION_ID = Column("organisation_id", _("The organisation's number (organisations dataset)."))
ORGANISATION = Column("organisation", _("The organisation's name."))
PLACE_NAME = Column("place_name", _("Name of the place."))
STREET = Column("street", _("Street and number."))
POSTCODE = Column("postcode", _("Postcode."))
TOWN = Column("town", _("Town."))
LATITUDE = Column("latitude", _("Latitude (WGS 84)."))
LONGITUDE = Column("longitude", _("Longitude (WGS 84)."))
FOCUS_AREAS = Column(
    "focus_areas", _("The vision's focus areas it belongs to: their short names, separated by |.")
)
INITIATIVE = Column(
    "initiative", _("The vision's initiative it belongs to (its short name); empty for none.")
)
STARTS_AT = Column("starts_at", _("Starts (date and time with offset from UTC)."))
ENDS_AT = Column("ends_at", _("Ends (date and time with offset from UTC)."))
CANCELLED = Column("cancelled", _("true when the organiser has cancelled it."))
CAPACITY = Column("capacity", _("Places in all; empty for no limit."))
PLACES_TAKEN = Column("places_taken", _("Places taken (sign-ups confirmed or offered)."))
PLACES_LEFT = Column("places_left", _("Places left; empty for no limit."))
CREATED_AT = Column("created_at", _("When it was published on the platform."))
UPDATED_AT = Column("updated_at", _("When it was last changed."))
URL = Column("url", _("Its page on the website."))


def places_left(capacity: int | None, taken: int) -> int | None:
    return None if capacity is None else max(capacity - taken, 0)
