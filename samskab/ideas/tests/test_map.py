"""The ideas on a map: the list's filters, markers at an idea's point or else its town, a
list of the same ideas without JavaScript, a limit that is said, and a fixed number of
queries."""

import json
import re
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samskab.ideas import selectors, services
from tests.factories import FocusAreaFactory, UserFactory, propose_idea, town

pytestmark = pytest.mark.django_db

MAP = "/ideer/kort/"
LIST = "/ideer/"


def markers(response) -> list[dict]:
    html = response.content.decode()
    found = re.search(r'id="ideas-map-data" hidden data-markers="([^"]*)"', html)
    return json.loads(unescape(found.group(1)))


def test_the_map_places_published_ideas_at_their_point_or_else_their_town(client):
    ribe = town("ribe")
    at_point = propose_idea(
        title="Bænke ved åen", town=ribe, latitude=Decimal("55.33001"), longitude=Decimal("8.76502")
    )
    in_town = propose_idea(title="Legeplads i Bramming", town=town("bramming"))
    propose_idea(title="Idé uden sted")
    propose_idea(title="Idé der venter", town=ribe, published=False)
    services.support(idea=in_town, user=UserFactory())

    response = client.get(MAP)

    by_title = {marker["title"]: marker for marker in markers(response)}
    assert set(by_title) == {"Bænke ved åen", "Legeplads i Bramming"}
    assert (by_title["Bænke ved åen"]["lat"], by_title["Bænke ved åen"]["lng"]) == (
        55.33001,
        8.76502,
    )
    bramming = by_title["Legeplads i Bramming"]
    assert (bramming["lat"], bramming["lng"]) == (55.4640, 8.7000)
    assert bramming["url"] == in_town.get_absolute_url()
    assert bramming["supporters"] == "1 støtter"
    assert bramming["status"] == in_town.status.name
    assert bramming["town"] == "Bramming"
    assert by_title["Bænke ved åen"]["url"] == at_point.get_absolute_url()

    html = response.content.decode()
    assert "vendor/leaflet/leaflet.js" in html and "samskab/map.js" in html
    assert "<script>" not in html
    assert 'data-map-popup="status|supporters|town"' in html
    settings_island = re.search(r'<script id="ideas-map-settings"[^>]*>(.*?)</script>', html)
    assert {t["name"] for t in json.loads(settings_island.group(1))["towns"]} == {
        "Ribe",
        "Bramming",
    }
    # Without JavaScript the same ideas are a list under the map.
    fallback = html[html.index('class="samskab-map-fallback') :]
    assert f'href="{in_town.get_absolute_url()}"' in fallback
    assert "Kortet viser 2 idéer." in html


def test_the_map_uses_the_lists_filters_and_they_link_to_each_other(client):
    ribe, bramming = town("ribe"), town("bramming")
    area = FocusAreaFactory(slug="faellesskab")
    propose_idea(title="Strikkecafé i Ribe", town=ribe, focus_areas=[area])
    propose_idea(title="Gåture i Bramming", town=bramming)

    on_map = client.get(MAP, {"focus_area": "faellesskab", "q": "strikke"})
    assert [marker["title"] for marker in markers(on_map)] == ["Strikkecafé i Ribe"]
    assert f'href="{LIST}?focus_area=faellesskab&amp;q=strikke"' in on_map.content.decode()
    assert [marker["title"] for marker in markers(client.get(MAP, {"town": "bramming"}))] == [
        "Gåture i Bramming"
    ]

    listed = client.get(LIST, {"focus_area": "faellesskab", "page": "1"}).content.decode()
    assert f'href="{MAP}?focus_area=faellesskab"' in listed


def test_the_map_is_limited_to_the_first_in_the_chosen_order_and_says_so(client, monkeypatch):
    ribe = town("ribe")
    quiet = propose_idea(title="Stille idé", town=ribe)
    popular = propose_idea(title="Populær idé", town=ribe)
    propose_idea(title="Tredje idé", town=ribe)
    services.support(idea=popular, user=UserFactory())
    monkeypatch.setattr(selectors, "MAP_MARKER_LIMIT", 1)

    response = client.get(MAP, {"sort": "supported"})

    assert [marker["title"] for marker in markers(response)] == [popular.title]
    assert (
        "Kortet viser de 1 første af 3 idéer i den valgte rækkefølge" in response.content.decode()
    )
    assert quiet.title not in response.content.decode()


def test_the_map_answers_htmx_with_its_region_and_the_address_to_show(client):
    propose_idea(title="Bænke ved åen", town=town("ribe"))

    response = client.get(
        MAP,
        {"q": "bænke", "status": ""},
        headers={"HX-Request": "true", "HX-Target": "ideas-map-results"},
    )

    html = response.content.decode()
    assert "<html" not in html
    assert 'id="ideas-map-data"' in html
    assert 'id="ideas-map-status"' in html and 'data-hx-swap-oob="true"' in html
    assert response["HX-Push-Url"] == f"{MAP}?q=b%C3%A6nke"
    assert "HX-Target" in response["Vary"]


def test_the_map_asks_no_other_origin_unless_a_tile_server_is_configured(client, settings):
    settings.MAP_TILE_URL = ""
    assert "img-src 'self' data:;" in client.get(MAP)["Content-Security-Policy"] + ";"

    settings.MAP_TILE_URL = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    assert "https://*.tiles.example.org" in client.get(MAP)["Content-Security-Policy"]
    assert "tiles.example.org" not in client.get(LIST)["Content-Security-Policy"]


def test_the_map_in_english(client):
    propose_idea(title="Benches by the river", language="en", town=town("ribe"))

    html = client.get(f"/en{MAP}").content.decode()

    assert "Ideas on a map" in html
    assert "The map shows 1 idea." in html
    assert '"supporters": "0 supporters"' in unescape(html)


def test_the_map_costs_the_same_queries_for_3_and_30_ideas(client):
    towns = [town(slug) for slug in ("ribe", "bramming", "esbjerg")]

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(MAP).status_code == 200
        return len(queries)

    for index in range(3):
        propose_idea(town=towns[index % 3])
    few = count()
    for index in range(27):
        propose_idea(town=towns[index % 3], latitude=Decimal("55.4"), longitude=Decimal("8.5"))
    assert count() == few <= 8
