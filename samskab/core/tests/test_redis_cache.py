"""The shared Redis cache backend: Django's, keeping one Redis client per process."""

import os

import pytest
from django.core.cache import caches

from samskab.core.redis_cache import SharedClientRedisCache


@pytest.fixture
def redis_cache(shared_redis):
    return caches["default"]


def test_it_stores_reads_and_forgets_as_djangos_backend_does(redis_cache):
    assert isinstance(redis_cache, SharedClientRedisCache)
    redis_cache.set("page", {"content": b"<html>"}, 60)
    assert redis_cache.get("page") == {"content": b"<html>"}
    assert redis_cache.add("page", "other") is False
    redis_cache.set_many({"a": 1, "b": 2})
    assert redis_cache.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    assert redis_cache.incr("a") == 2
    redis_cache.delete("page")
    assert redis_cache.get("page", "gone") == "gone"


def test_one_client_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client(write=True)
    redis_cache.set("x", 1)
    assert redis_cache._cache.get_client() is client
    assert redis_cache._cache.get_client(write=True) is client


def test_a_forked_process_uses_the_cache_on_connections_of_its_own(redis_cache):
    # Gunicorn and the background worker fork after the parent may have used the cache.
    redis_cache.set("before-fork", "parent")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report what it reads, and leave without pytest's teardown
        try:
            value = redis_cache.get("before-fork")
            redis_cache.set("from-child", "child")
            os.write(write, str(value).encode())
        finally:
            os._exit(0)
    os.close(write)
    _, status = os.waitpid(pid, 0)
    assert os.read(read, 100) == b"parent"
    assert os.waitstatus_to_exitcode(status) == 0
    assert redis_cache.get("from-child") == "child"
    assert redis_cache.get("before-fork") == "parent"
