from datetime import time, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskab.activities import services
from samskab.activities.models import Activity
from tests.factories import ActivityFactory, TownFactory

CATALOGUE = "/aktiviteter/"
CATALOGUE_EN = "/en/aktiviteter/"
MAP = "/aktiviteter/kort/"

ESBJERG = {
    "slug": "esbjerg",
    "name": "Esbjerg",
    "postcode": "6700",
    "latitude": 55.467,
    "longitude": 8.452,
}
BRAMMING = {
    "slug": "bramming",
    "name": "Bramming",
    "postcode": "6740",
    "latitude": 55.464,
    "longitude": 8.70,
}


def town(**values):
    return TownFactory(**values) if values else TownFactory()


def session_on(activity, *, days=2, start=time(10), end=time(12), capacity=None):
    """One session ``days`` from today at local ``start``-``end``, through the service."""
    return services.add_session(
        activity=activity,
        spec=services.SingleDateSpec(
            day=timezone.localdate() + timedelta(days=days),
            start_time=start,
            end_time=end,
            capacity=capacity,
        ),
    )


def activity_with_session(*, days=2, start=time(10), end=time(12), capacity=None, **fields):
    if capacity is not None:
        fields.setdefault("participation", Activity.Participation.SIGN_UP)
    activity = ActivityFactory(**fields)
    session_on(activity, days=days, start=start, end=end, capacity=capacity)
    return activity


def count_queries(client, url, **headers):
    """The queries of one request with a cold cache (the worst case)."""
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return len(context.captured_queries)


def titles(response) -> list[str]:
    """The titles of the activity cards in a response, in order."""
    import re

    html = response.content.decode()
    return re.findall(r'<h3 class="card-heading h4"><a href="[^"]*"[^>]*>([^<]*)</a>', html)
