"""The one map mechanism's server side: which tile server the page may load from, and the
settings map.js reads."""

from types import SimpleNamespace

import pytest
from django.http import HttpResponse

from samskab.core import maps


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("", ""),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("https://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org"),
        ("https://{a}.example.org/{z}/{x}/{y}.png", ""),
        ("ftp://tiles.example.org/{z}/{x}/{y}.png", ""),
    ],
)
def test_the_tile_origin_is_what_the_csp_may_allow(settings, url, origin):
    settings.MAP_TILE_URL = url
    assert maps.tile_origin() == origin


def test_without_a_tile_server_the_map_asks_no_other_origin(settings):
    settings.MAP_TILE_URL = ""
    towns = [SimpleNamespace(name="Ribe", latitude=55.33, longitude=8.76)]

    assert maps.settings(towns) == {
        "tileUrl": "",
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "towns": [{"name": "Ribe", "lat": 55.33, "lng": 8.76}],
    }
    response = maps.allow_tiles(HttpResponse())
    assert not hasattr(response, "_csp_update")


def test_a_tile_server_is_allowed_on_the_map_page_only(settings):
    settings.MAP_TILE_URL = "https://{s}.tile.example.org/{z}/{x}/{y}.png"
    labelled = SimpleNamespace(label="Esbjerg", latitude=55.47, longitude=8.45)

    assert maps.settings([labelled])["tileUrl"] == settings.MAP_TILE_URL
    assert maps.settings([labelled])["towns"][0]["name"] == "Esbjerg"
    assert maps.allow_tiles(HttpResponse())._csp_update == {
        "img-src": ["https://*.tile.example.org"]
    }
