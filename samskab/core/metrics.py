"""Metrics for Prometheus at ``/metrics``, outside the language prefix.

django-prometheus counts requests and responses by view, method and status, their sizes
and latency (its two middlewares, first and last in ``MIDDLEWARE``); this view hands them
out in Prometheus' text format to whoever sends ``Authorization: Bearer <METRICS_TOKEN>``.
Without ``METRICS_TOKEN`` the address does not exist (404); with a wrong or missing token
the answer is 401. The answer sets no cookie, may not be stored, and production exempts it
from the redirect to HTTPS (``SECURE_REDIRECT_EXEMPT``) so Prometheus can ask each app
server on its own address. The background work's gauges (``background_work_metrics``) are
read from the database at each scrape.

Several worker processes: gunicorn's workers are separate processes, each with its own
counts. With the environment variable ``PROMETHEUS_MULTIPROC_DIR`` (an empty directory,
emptied again each time gunicorn starts) every worker writes its counts there and any
worker answers with the sum of all of them. gunicorn's ``child_exit`` hook must call
``prometheus_client.multiprocess.mark_process_dead(worker.pid)``.
"""

import logging

from django.conf import settings
from django.db import DatabaseError
from django.http import Http404, HttpResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.http import require_safe
from django_prometheus.exports import ExportToDjangoView
from prometheus_client import CollectorRegistry, Gauge, generate_latest

from samskab.core import emails, tasks

logger = logging.getLogger(__name__)


def background_work_metrics() -> bytes:
    """The queue and the outbox as they are in the database at the scrape, the same seen
    from every app server: what waits, since when, and what failed."""
    registry = CollectorRegistry()
    try:
        backlog = tasks.backlog()
        outbox = emails.outbox_counts()
    except DatabaseError:
        # The request counts still go out while the database is away; these say it is.
        logger.warning("Metrics without the background work: the database did not answer")
        Gauge("samskab_database_up", "The database answered the scrape", registry=registry).set(0)
        return generate_latest(registry)
    gauges = [
        ("samskab_database_up", "The database answered the scrape", 1),
        ("samskab_tasks_waiting", "Background tasks waiting for a worker", backlog["waiting"]),
        (
            "samskab_tasks_oldest_waiting_seconds",
            "Age of the oldest waiting task",
            backlog["oldest_seconds"],
        ),
        ("samskab_tasks_failed", "Background tasks recorded as failed", backlog["failed"]),
        (
            "samskab_emails_waiting",
            "Emails in the outbox waiting to be delivered",
            outbox["waiting"],
        ),
        (
            "samskab_emails_given_up",
            "Emails given up on after every attempt failed",
            outbox["given_up"],
        ),
    ]
    for name, description, value in gauges:
        Gauge(name, description, registry=registry).set(value)
    return generate_latest(registry)


@require_safe
def metrics(request):
    token = getattr(settings, "METRICS_TOKEN", "")
    if not token:
        raise Http404
    given = request.headers.get("Authorization", "")
    if not constant_time_compare(given, f"Bearer {token}"):
        response = HttpResponse(
            "A bearer token is needed.\n", status=401, content_type="text/plain; charset=utf-8"
        )
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
    else:
        response = ExportToDjangoView(request)
        response.content += background_work_metrics()
    response["Cache-Control"] = "no-store"
    return response
