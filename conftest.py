import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters (allauth) live in the cache; tests must not share them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
