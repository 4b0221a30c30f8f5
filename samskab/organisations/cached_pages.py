"""The public organisation page is kept for visitors who are not logged in
(``samskab.core.page_cache``, ``PUBLIC_PAGE_CACHE_SECONDS``) and forgotten whenever anything
it shows may have changed: the organisation (and its members), the vision's focus areas, and
what the sections other apps contribute to the page show — each section declares the apps
it shows (``OrganisationSection.shows``; the contributing app always counts). Every model of
those apps counts, which is simpler to keep right than a list of fields.

The page is keyed with its organisation's tag, so the busy rows that name their pages
(``page_cache_tags()``: the organisation itself, its members, its activities, sessions,
opportunities, shifts and their bookings) forget this organisation's page only."""

from itertools import chain

from samskab.core import extensions, page_cache
from samskab.organisations.models import Organisation

PAGES = page_cache.Scope("organisations:page", setting=page_cache.PUBLIC_PAGE_SECONDS)
SHOWS = ("organisations", "vision")


def page_tags(slug: str) -> list[str]:
    """The tags of the organisation's page (none for an unknown address: its 404 is not
    kept)."""
    pk = Organisation.objects.filter(slug=slug).values_list("pk", flat=True).first()
    return [] if pk is None else [page_cache.tag(Organisation, pk)]


def organisation_page_shows() -> tuple[str, ...]:
    sections = extensions.declared("organisation_sections")
    return tuple(
        dict.fromkeys(chain(SHOWS, chain.from_iterable((label, *s.shows) for label, s in sections)))
    )
