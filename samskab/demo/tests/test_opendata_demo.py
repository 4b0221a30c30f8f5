"""The issue's "Done when" on the demo municipality: every demo activity is in the sitemap
in both languages, and a newcomer who downloads the activities for Excel gets every one of
them with its Danish letters intact."""

import re

import pytest

from samskab.activities.models import Activity
from samskab.demo.loaders.catalogue import load_activities_demo
from samskab.demo.loaders.organisations import load_organisations_demo
from samskab.demo.loaders.vision import load_vision_demo
from samskab.opendata.tests.helpers import excel_rows
from samskab.reference.tests.lists import ensure_reference_lists

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    ensure_reference_lists()
    load_vision_demo()
    load_organisations_demo()
    load_activities_demo()
    return list(Activity.objects.published().order_by("pk"))


def test_every_demo_activity_is_in_the_sitemap_and_opens_in_danish_excel(client, demo):
    assert len(demo) >= 150

    sitemap = client.get("/sitemap.xml").content.decode()

    listed = set(re.findall(r"<loc>(http://testserver/[^<]+)</loc>", sitemap))
    for activity in demo:
        path = activity.get_absolute_url()
        assert f"http://testserver{path}" in listed
        assert f"http://testserver/en{path}" in listed
    for page in ("/aktiviteter/", "/ideer/", "/borgerforslag/", "/behov/", "/data/"):
        assert f"http://testserver{page}" in listed
        assert f"http://testserver/en{page}" in listed

    # The demo takes a while to load: the newcomer's download is checked on the same one.
    rows = excel_rows(client, "aktiviteter")

    assert [int(row["id"]) for row in rows] == [activity.pk for activity in demo]
    titles = {row["title_da"] for row in rows}
    assert titles == {activity.title_da for activity in demo}
    assert any(re.search("[æøåÆØÅ]", title) for title in titles)
    towns = {row["town"] for row in rows}
    assert {"Ribe", "Esbjerg"} <= towns
