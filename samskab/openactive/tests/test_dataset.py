"""The dataset page: what the feeds are, in both languages, with the Dataset JSON-LD."""

import json
import re

import pytest

from samskab.openactive.tests.helpers import publish
from tests.factories import one_off

pytestmark = pytest.mark.django_db


def json_ld(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(match.group(1))


def test_the_dataset_page_tells_where_the_feeds_are_in_danish_and_english(client, gym):
    one_off(gym)
    publish()
    danish = client.get("/openactive/")
    assert danish.status_code == 200
    assert "Åbne data: aktiviteter til OpenActive" in danish.content.decode()
    english = client.get("/en/openactive/")
    assert "Open data: activities for OpenActive" in english.content.decode()

    data = json_ld(danish)
    assert data["@type"] == "Dataset"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert [d["contentUrl"] for d in data["distribution"]] == [
        "http://testserver/openactive/feeds/session-series",
        "http://testserver/openactive/feeds/scheduled-sessions",
    ]
    # The feeds' addresses are the same from the English page.
    assert json_ld(english)["distribution"] == data["distribution"]
    assert "/openactive/feeds/session-series" in danish.content.decode()


def test_the_dataset_page_loads_nothing_from_other_sites(client, db):
    page = client.get("/openactive/").content.decode()
    scripts = re.findall(r"<script[^>]*>", page)
    assert all('type="application/ld+json"' in tag or "src=" in tag for tag in scripts)
    assert not re.search(r'(src|href)="https?://(?!testserver)[^"]+\.(js|css)', page)
    assert "style=" not in page
