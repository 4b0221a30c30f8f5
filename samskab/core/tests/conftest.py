import uuid

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def citizen(db):
    return get_user_model().objects.create_user(
        "karen.citizen@example.org", "a-long-test-password-1", display_name="Karen Sørensen"
    )


@pytest.fixture
def staff_member(db):
    return get_user_model().objects.create_user(
        "ole.staff@example.org", "a-long-test-password-2", display_name="Ole Staff", is_staff=True
    )


# Redis on loopback, as CI and the development machines run it; a database number of its
# own, and keys prefixed per test (removed afterwards), so nothing else's keys are touched.
REDIS_LOCATION = "redis://127.0.0.1:6379/13"


@pytest.fixture
def shared_redis(settings):
    """The default cache is Redis, as in production; its keys are removed afterwards."""
    import redis

    connection = redis.Redis.from_url(REDIS_LOCATION, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip("needs Redis at 127.0.0.1:6379")
    prefix = f"samskab-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "samskab.core.redis_cache.SharedClientRedisCache",
            "LOCATION": REDIS_LOCATION,
            "KEY_PREFIX": prefix,
        }
    }
    yield settings.CACHES["default"]
    keys = connection.keys(f"{prefix}:*")
    if keys:
        connection.delete(*keys)
