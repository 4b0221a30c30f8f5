"""What the catalogue keeps in Django's cache, and how it is forgotten.

- Reference lists (towns, interests, age groups, languages, focus areas): small, read on
  every catalogue page, rarely changed. Cached (both languages' labels in one entry) for
  ``CATALOGUE_REFERENCE_CACHE_SECONDS`` (default 10 minutes) and forgotten when a row
  changes (signals.py).
- Rendered result regions with the filter form of the address (for everyone: neither shows
  anything personal), and whole pages for visitors who are not logged in (their page has
  nothing personal): the same address gives the same HTML until an activity, session or
  one of the lists changes, and a region with its form is kept per day (the form's quick
  dates are today's). Each is stored under a key that includes a
  "results version" (the ``RESULTS`` scope of ``samskab.core.page_cache``); any change
  bumps the version (signals.py), so every older entry is unreachable at once. They also
  expire after ``CATALOGUE_RESULTS_CACHE_SECONDS`` (default 60; 0 turns the cache off),
  which bounds how stale a page can be when the cache is local to one process (the default
  LocMemCache: a booking in one worker cannot bump another worker's version). With the
  shared Redis cache (``REDIS_URL``) a change is visible everywhere at once. Whole pages
  are kept only under page_cache's rules for visitor pages (no cookie set, no form token).
- When entries whose next session has ended were last moved on (services.py): at most every
  ``CATALOGUE_REFRESH_SECONDS`` (default 30) per cache.
"""

from django.conf import settings
from django.core.cache import cache

from samskab.core.page_cache import Scope

REFERENCE_KEY = "catalogue:reference"
ENTRY_REFRESH_KEY = "catalogue:entries-refreshed"
# Result regions and whole pages for visitors (samskab.core.page_cache).
RESULTS = Scope("catalogue:results", setting="CATALOGUE_RESULTS_CACHE_SECONDS")


def reference_seconds() -> int:
    return getattr(settings, "CATALOGUE_REFERENCE_CACHE_SECONDS", 600)


def results_seconds() -> int:
    return RESULTS.seconds()


def refresh_seconds() -> int:
    return getattr(settings, "CATALOGUE_REFRESH_SECONDS", 30)


def forget_reference_lists() -> None:
    cache.delete(REFERENCE_KEY)
    # Cached pages show the lists in their filters.
    forget_results()


def claim_entry_refresh() -> bool:
    """True for the first caller in each ``refresh_seconds()`` period."""
    return cache.add(ENTRY_REFRESH_KEY, True, refresh_seconds())


def forget_results() -> None:
    RESULTS.forget()


def results_key(*parts: str) -> str | None:
    """The cache key of a rendered result region for these parts (language, filters, kind
    of response), or None when result caching is off."""
    return RESULTS.key(*parts)


def get_results(key: str | None):
    return RESULTS.get(key)


def store_results(key: str | None, value) -> None:
    RESULTS.set(key, value)
