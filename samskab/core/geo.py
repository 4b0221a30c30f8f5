"""Distances between places, in km: one formula (haversine, the great-circle distance on a
sphere the size of the Earth), as a Python function and as a database expression.

- ``distance_km(lat1, lon1, lat2, lon2)``: in Python, e.g. for scoring thousands of pairs.
- ``distance_km_expression(latitude, longitude, prefix="")``: the distance from a point to
  each row's ``<prefix>latitude``/``<prefix>longitude``, for ``annotate``/``order_by``; it
  uses the ORM's math functions, which PostgreSQL has and Django adds to SQLite.
"""

from math import asin, cos, radians, sin, sqrt

from django.db.models import F, FloatField, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

EARTH_RADIUS_KM = 6371.0

# A (latitude, longitude) pair in degrees.
Point = tuple[float, float]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The distance in km between two points given in degrees."""
    phi1, phi2 = radians(lat1), radians(lat2)
    h = sin((phi2 - phi1) / 2) ** 2 + cos(phi1) * cos(phi2) * sin(radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(h)))


def km_between(a: Point, b: Point) -> float:
    """``distance_km`` between two (latitude, longitude) points."""
    return distance_km(a[0], a[1], b[0], b[1])


def nearest(point: Point, places: dict[int, Point]) -> tuple[int | None, float | None]:
    """The key of the place in ``places`` closest to ``point``, and its distance in km;
    (None, None) when there are no places. The first of equally near places wins."""
    best_key, best_km = None, None
    for key, place in places.items():
        km = km_between(point, place)
        if best_km is None or km < best_km:
            best_key, best_km = key, km
    return best_key, best_km


def distance_km_expression(latitude: float, longitude: float, *, prefix: str = ""):
    """An expression for the distance in km from a point to the row's
    ``<prefix>latitude``/``<prefix>longitude`` (NULL where those are empty), the same
    formula as ``distance_km``. For sessions: ``distance_km_expression(lat, lon,
    prefix="activity__")``."""
    phi = radians(latitude)
    row_phi = Radians(F(f"{prefix}latitude"))
    half_north = (row_phi - Value(phi)) / Value(2.0)
    half_east = Radians(F(f"{prefix}longitude") - Value(float(longitude))) / Value(2.0)
    h = Power(Sin(half_north), 2) + Value(cos(phi)) * Cos(row_phi) * Power(Sin(half_east), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(h), output_field=FloatField())
