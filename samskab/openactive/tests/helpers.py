"""Reading the feeds as a data user would."""

import json

from django.urls import reverse

from samskab.openactive import publishing
from samskab.openactive.models import Kind

GROUP_EXERCISE = "https://openactive.io/activity-list#984068a7-5b7b-4989-bb33-f96953d8960c"
FEED_URLS = {
    Kind.SESSION_SERIES: "openactive:session_series_feed",
    Kind.SCHEDULED_SESSION: "openactive:scheduled_sessions_feed",
}


def publish():
    return publishing.publish()


def get_page(client, kind, **params):
    response = client.get(reverse(FEED_URLS[kind]), params)
    assert response.status_code == 200, response.content
    return response, json.loads(response.content)


def walk(client, kind, *, start=None) -> tuple[list[dict], str]:
    """Every item from ``start`` (a ``next`` URL) to the last page, and the last page's URL."""
    url = start or "http://testserver" + reverse(FEED_URLS[kind])
    items = []
    for _ in range(1000):
        response = client.get(url)
        page = json.loads(response.content)
        items.extend(page["items"])
        if not page["items"]:
            assert page["next"] == url
            return items, url
        assert page["next"] != url
        url = page["next"]
    raise AssertionError("The feed never ended")


def latest(items) -> dict:
    """The last version of each item seen, by id."""
    return {item["id"]: item for item in items}
