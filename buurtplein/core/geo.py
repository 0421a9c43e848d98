"""Where people are, roughly: postcode centres and distances between them.

Buurtplein never stores addresses. A member's place is the centre of their postcode (PC6 when
they gave one — a street or part of it — else PC4), which is precise enough for "within 500 m"
and vague enough to keep a home private. Distances are great-circle distances in kilometres.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from buurtplein.core.models import Postcode, parse_postcode

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


def distance_km(a: Point | None, b: Point | None) -> float | None:
    """Haversine distance; None when either place is unknown."""
    if a is None or b is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def bounding_box(centre: Point, km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) of a square around ``centre``: a cheap, indexable
    pre-filter before the exact distance."""
    dlat = math.degrees(km / EARTH_RADIUS_KM)
    dlon = math.degrees(km / (EARTH_RADIUS_KM * max(math.cos(math.radians(centre.latitude)), 0.01)))
    return (
        centre.latitude - dlat,
        centre.latitude + dlat,
        centre.longitude - dlon,
        centre.longitude + dlon,
    )


def points_for_postcodes(codes: list[str]) -> dict[str, Point]:
    """``{code as given: Point}`` for the codes whose centre is known, in one query. A PC6
    without its own row falls back to its PC4."""
    wanted: dict[str, tuple[str, str]] = {}
    for code in codes:
        parts = parse_postcode(code)
        if parts:
            wanted[code] = parts
    if not wanted:
        return {}
    pc4s = {pc4 for pc4, _ in wanted.values()}
    rows = Postcode.objects.filter(pc4__in=pc4s, latitude__isnull=False).values_list(
        "pc4", "pc6", "latitude", "longitude"
    )
    known = {(pc4, pc6): Point(lat, lon) for pc4, pc6, lat, lon in rows}
    found = {}
    for code, (pc4, pc6) in wanted.items():
        point = known.get((pc4, pc6)) if pc6 else None
        found[code] = point or known.get((pc4, ""))
    return {code: point for code, point in found.items() if point is not None}


def point_for_postcode(code: str) -> Point | None:
    return points_for_postcodes([code]).get(code)
