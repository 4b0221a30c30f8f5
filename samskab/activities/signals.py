"""The public activity page is kept for visitors who are not logged in
(``samskab.core.page_cache``, ``PUBLIC_PAGE_CACHE_SECONDS``) and forgotten whenever anything
it shows may have changed: the activity, its schedules, sessions and lists (towns,
interests, age groups, languages), the booking engine's slots and bookings (places left,
cancellations), the organisation, and the vision's focus areas and initiatives. Every model
of those apps counts, which is simpler to keep right than a list of fields."""

from samskab.core import page_cache

PAGES = page_cache.Scope("activities:page", setting=page_cache.PUBLIC_PAGE_SECONDS)
SHOWN_APPS = ("activities", "booking", "organisations", "reference", "vision")


def connect(app_config=None) -> None:
    page_cache.forget_on_change(PAGES, *SHOWN_APPS)
