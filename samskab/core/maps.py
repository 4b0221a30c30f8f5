"""The one map mechanism: any page can show its results as markers on a map.

The page includes ``core/includes/map_head.html`` in its head and
``core/includes/map.html`` where the map goes; ``static/samskab/map.js`` (on the vendored
Leaflet) draws it. The view passes ``settings(towns)`` to the include and sends its
response through ``allow_tiles``. Without a tile server (the default) nothing is asked of
another origin: the markers stand on a plain background with the towns' names.

Markers are plain dicts with ``lat``, ``lng``, ``title`` and ``url``, plus whatever fields
the page's popups show (``popup`` in the include).
"""

from urllib.parse import urlsplit

from django.conf import settings as django_settings


def tile_origin() -> str:
    """The Content-Security-Policy source of the configured map tile server, e.g.
    "https://*.tile.example.org" for "https://{s}.tile.example.org/{z}/{x}/{y}.png"; ""
    when no (usable) tile server is configured."""
    url = getattr(django_settings, "MAP_TILE_URL", "") or ""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return ""
    host = parts.netloc
    if host.startswith("{s}."):
        host = "*." + host.removeprefix("{s}.")
    if "{" in host:
        return ""
    return f"{parts.scheme}://{host}"


def settings(towns) -> dict:
    """The map's settings for map.js: the tile server (only when usable) and the towns
    whose names label a plain map. ``towns`` have ``latitude``, ``longitude`` and a
    ``label`` or a ``name``."""
    return {
        "tileUrl": getattr(django_settings, "MAP_TILE_URL", "") if tile_origin() else "",
        "attribution": getattr(django_settings, "MAP_TILE_ATTRIBUTION", ""),
        "towns": [
            {
                "name": getattr(town, "label", "") or getattr(town, "name", ""),
                "lat": town.latitude,
                "lng": town.longitude,
            }
            for town in towns
            if town.latitude is not None and town.longitude is not None
        ],
    }


def allow_tiles(response):
    """Let this response (a page with a map) load images from the tile server, when one
    is configured; every other page keeps the strict policy."""
    origin = tile_origin()
    if origin:
        response._csp_update = {"img-src": [origin]}
    return response
