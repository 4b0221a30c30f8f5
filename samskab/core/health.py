"""Health endpoints for load balancers and monitoring, outside the language prefix.

``/health/live``: the process answers (no database, no cache, no session).
``/health/ready``: the process can serve: the database answers a trivial query, the
cache keeps and returns a value and the task queue's broker answers. 200 with
``{"database": "ok", "cache": "ok", "queue": "ok"}``, or 503 with "error" for each part
that failed (the reason goes to the log, not to the caller).

Neither sets a cookie or may be cached, and production exempts them from the redirect to
HTTPS (``SECURE_REDIRECT_EXEMPT``) so a probe on loopback can use plain HTTP."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from samskab.core import tasks

logger = logging.getLogger(__name__)

# How long the cache check's value lives if deleting it fails.
_CACHE_PROBE_SECONDS = 10


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("SELECT 1 did not return 1")


def check_cache() -> None:
    # A key of its own per probe: several app servers probing one shared cache at once
    # cannot read each other's value.
    key = f"health:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    cache.set(key, value, _CACHE_PROBE_SECONDS)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not return the value just set")
    finally:
        cache.delete(key)


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def live(request):
    return _no_store(HttpResponse("ok", content_type="text/plain; charset=utf-8"))


@require_safe
def ready(request):
    # Looked up at call time, so tests can replace a check.
    checks = {"database": check_database, "cache": check_cache, "queue": tasks.check_queue}
    results = {}
    for name, check in checks.items():
        try:
            check()
        except Exception:
            logger.exception("Readiness check failed: %s", name)
            results[name] = "error"
        else:
            results[name] = "ok"
    status = 200 if all(result == "ok" for result in results.values()) else 503
    return _no_store(JsonResponse(results, status=status))
