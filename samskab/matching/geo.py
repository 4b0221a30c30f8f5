"""Distances between places in the municipality, in Python (the database has the same
approximation as an expression: ``samskab.activities.models.distance_km``)."""

from math import cos, hypot, radians

KM_PER_DEGREE = 111.32

Point = tuple[float, float]


def km_between(a: Point, b: Point) -> float:
    """Distance in km between two (latitude, longitude) points: an equirectangular
    approximation, a few per cent off over a municipality and cheap enough to run
    thousands of times per page."""
    north = (a[0] - b[0]) * KM_PER_DEGREE
    east = (a[1] - b[1]) * KM_PER_DEGREE * cos(radians((a[0] + b[0]) / 2))
    return hypot(north, east)


def nearest(point: Point, places: dict[int, Point]) -> tuple[int | None, float | None]:
    """The key of the place in ``places`` closest to ``point``, and its distance in km;
    (None, None) when there are no places."""
    best_key, best_km = None, None
    for key, place in places.items():
        km = km_between(point, place)
        if best_km is None or km < best_km:
            best_key, best_km = key, km
    return best_key, best_km
