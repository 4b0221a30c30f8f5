"""The public activity page is kept for visitors who are not logged in
(``samskab.core.page_cache``, ``PUBLIC_PAGE_CACHE_SECONDS``) and forgotten whenever anything
it shows may have changed: the activity, its schedules, sessions and the reference lists it
names (towns, interests, age groups, languages), the booking engine's slots and bookings
(places left, cancellations), the organisation, and the vision's focus areas and
initiatives. Which apps those are is declared in ``contributions.py``; every model of those
apps counts, which is simpler to keep right than a list of fields."""

from samskab.activities.models import Activity
from samskab.core import page_cache

PAGES = page_cache.Scope("activities:page", setting=page_cache.PUBLIC_PAGE_SECONDS)
SHOWS = ("activities", "booking", "organisations", "reference", "vision")


def page_tags(pk: int, slug: str | None = None) -> list[str]:
    """The page is keyed with its activity's tag: the busy rows name the pages that show
    them (``page_cache_tags()``: the activity, its sessions and their bookings, its
    organisation), so a sign-up forgets this page and its organisation's only."""
    return [page_cache.tag(Activity, pk)]
