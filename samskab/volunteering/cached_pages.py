"""The public opportunity page is kept for visitors who are not logged in
(``samskab.core.page_cache``, ``PUBLIC_PAGE_CACHE_SECONDS``) and forgotten whenever anything
it shows may have changed: the opportunity, its shifts and their places left (the booking
engine), its organisation, and the reference lists and the vision it names. Which apps
those are is declared in ``contributions.py``; every model of those apps counts.

The page is keyed with its opportunity's tag and its organisation's: the busy rows name
the pages that show them (``page_cache_tags()``: the opportunity, its shifts and their
bookings name both; the organisation and its members name the organisation's), so a
sign-up for a shift forgets this opportunity's page and its organisation's only."""

from samskab.core import page_cache
from samskab.volunteering.models import Opportunity

PAGES = page_cache.Scope("volunteering:opportunity_page", setting=page_cache.PUBLIC_PAGE_SECONDS)
SHOWS = ("volunteering", "booking", "organisations", "reference", "vision")


def page_tags(pk: int, slug: str | None = None) -> list[str]:
    """The tags of the opportunity's page (none for an unknown address: its 404 is not
    kept)."""
    organisation_id = (
        Opportunity.objects.filter(pk=pk).values_list("organisation_id", flat=True).first()
    )
    return [] if organisation_id is None else Opportunity.page_tags(pk, organisation_id)
