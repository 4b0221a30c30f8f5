"""What the catalogue keeps in Django's cache, and how it is forgotten.

- Reference lists (towns, interests, age groups, languages, focus areas): small, read on
  every catalogue page, rarely changed. Cached (both languages' labels in one entry) for
  ``CATALOGUE_REFERENCE_CACHE_SECONDS`` (default 10 minutes) and forgotten when a row
  changes (signals.py).
- Rendered result regions, and whole pages for visitors who are not logged in (their page
  has nothing personal): the same address gives the same HTML until an activity, session,
  booking or one of the lists changes. Each is stored under a key that includes a
  "results version"; any change bumps the version (signals.py), so every older entry is
  unreachable at once. They also expire after ``CATALOGUE_RESULTS_CACHE_SECONDS``
  (default 60; 0 turns the cache off), which bounds how stale a page can be when the cache
  is local to one process (the default LocMemCache: a booking in one worker cannot bump
  another worker's version). With the shared Redis cache (``REDIS_URL``) a change is
  visible everywhere at once.
- When entries whose next session has ended were last moved on (services.py): at most every
  ``CATALOGUE_REFRESH_SECONDS`` (default 30) per cache.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.cache import cache

REFERENCE_KEY = "catalogue:reference"
ENTRY_REFRESH_KEY = "catalogue:entries-refreshed"
RESULTS_VERSION_KEY = "catalogue:results-version"
RESULTS_KEY = "catalogue:results:{version}:{digest}"


def reference_seconds() -> int:
    return getattr(settings, "CATALOGUE_REFERENCE_CACHE_SECONDS", 600)


def results_seconds() -> int:
    return getattr(settings, "CATALOGUE_RESULTS_CACHE_SECONDS", 60)


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
    cache.set(RESULTS_VERSION_KEY, secrets.token_hex(8), None)


def _results_version() -> str:
    version = cache.get(RESULTS_VERSION_KEY)
    if version is None:
        version = secrets.token_hex(8)
        # add() so that two processes starting at once agree on one version.
        if not cache.add(RESULTS_VERSION_KEY, version, None):
            version = cache.get(RESULTS_VERSION_KEY, version)
    return version


def results_key(*parts: str) -> str | None:
    """The cache key of a rendered result region for these parts (language, filters, kind
    of response), or None when result caching is off."""
    if results_seconds() <= 0:
        return None
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return RESULTS_KEY.format(version=_results_version(), digest=digest)


def get_results(key: str | None):
    return cache.get(key) if key else None


def store_results(key: str | None, value) -> None:
    if key:
        cache.set(key, value, results_seconds())
