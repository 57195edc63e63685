"""Maps of published protests drawn on the server as SVG, from the public-domain Natural Earth
boundaries bundled in the `world-atlas` npm package (TopoJSON): Iran and its neighbours with a
dot per town, and a small world map for solidarity protests abroad. Nothing is fetched from
another host, and the only coordinates drawn are Protest.public_point's (0.1 degree).

The TopoJSON is decoded here (it is short: quantised, delta-encoded arcs that rings refer to
by index, a negative index meaning the arc reversed). The drawn outlines depend only on the
view, so they are worked out once per process; the dots are the request's.
"""

import functools
import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from freethem.core.templatetags.freethem import grouped
from freethem.protests.models import Protest, ProtestQuerySet

ATLAS = Path(settings.BASE_DIR) / "node_modules" / "world-atlas"
IRAN_ID = "364"  # ISO 3166-1 numeric, as world-atlas names countries
Point = tuple[float, float]  # (longitude, latitude)
MAX_NAMES = 3  # place names in a dot's tooltip


@dataclass(frozen=True)
class View:
    """A rectangle of the earth drawn `width` pixels wide (equirectangular, its scale true at
    the middle latitude), the file it is drawn from, and the country it is about."""

    west: float
    east: float
    south: float
    north: float
    width: int
    atlas: str
    focus: str = ""
    detail: float = 1.0  # pixels between two points of an outline, at least

    @property
    def scale(self) -> float:
        return self.width / ((self.east - self.west) * self._squeeze)

    @property
    def _squeeze(self) -> float:
        return math.cos(math.radians((self.north + self.south) / 2))

    @property
    def height(self) -> int:
        return round((self.north - self.south) * self.scale)

    def xy(self, lon: float, lat: float) -> Point:
        return (
            round((lon - self.west) * self._squeeze * self.scale, 1),
            round((self.north - lat) * self.scale, 1),
        )


# Drawn at twice the size it is shown at on a wide screen, in whole units.
IRAN = View(43.0, 64.5, 24.0, 40.5, 960, "countries-50m.json", focus=IRAN_ID, detail=1.5)
# The world without Antarctica, squeezed as at the equator.
WORLD = View(-180.0, 180.0, -57.0, 84.0, 960, "countries-110m.json", detail=2.0)


@dataclass(frozen=True)
class Land:
    d: str  # the SVG path
    focus: bool  # the country the map is about


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    count: int
    label: str  # the places and their count, for a tooltip and screen readers


@dataclass(frozen=True)
class Map:
    width: int
    height: int
    lands: tuple[Land, ...]
    dots: list[Dot]

    @property
    def total(self) -> int:
        return sum(dot.count for dot in self.dots)


@functools.cache
def _topology(name: str) -> dict[str, Any]:
    with (ATLAS / name).open(encoding="utf-8") as file:
        return json.load(file)


@functools.cache
def _arcs(name: str) -> tuple[tuple[Point, ...], ...]:
    """Every arc of the file in degrees: the positions are quantised and delta-encoded."""
    topology = _topology(name)
    (kx, ky), (dx, dy) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for step in arc:
            x, y = x + step[0], y + step[1]
            points.append((x * kx + dx, y * ky + dy))
        decoded.append(tuple(points))
    return tuple(decoded)


def _ring(name: str, indexes: Sequence[int]) -> list[Point]:
    """A ring from its arcs; arcs share their end points, so each after the first drops its
    first point. ~i is arc i reversed."""
    arcs = _arcs(name)
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["arcs"]
    return []


def _path(view: View, rings: Iterable[list[Point]]) -> str:
    """The rings inside the view as one SVG path. Points beyond it are pulled onto a frame a
    little outside it, so the path stays short and what shows is drawn exactly."""
    margin = 2.0
    west, east = view.west - margin, view.east + margin
    south, north = view.south - margin, view.north + margin
    parts = []
    for ring in map(_unwrapped, rings):
        lons, lats = [p[0] for p in ring], [p[1] for p in ring]
        if max(lons) < west or min(lons) > east or max(lats) < south or min(lats) > north:
            continue
        shown: list[Point] = []
        for lon, lat in ring:
            x, y = view.xy(min(max(lon, west), east), min(max(lat, south), north))
            if not shown or math.dist((x, y), shown[-1]) >= view.detail:
                shown.append((round(x), round(y)))
        if len(shown) > 2:
            parts.append(_relative(shown))
    return "".join(parts)


def _unwrapped(ring: list[Point]) -> list[Point]:
    """A ring that crosses the antimeridian (Fiji, Chukotka) in one piece east of it, rather
    than a line around the world."""
    if all(abs(a[0] - b[0]) <= 180 for a, b in itertools.pairwise(ring)):
        return ring
    return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]


def _relative(points: list[Point]) -> str:
    """A closed ring as an SVG path of whole pixels in relative steps (a third the size)."""
    (x0, y0), rest = points[0], points[1:]
    steps, (x, y) = [], points[0]
    for px, py in rest:
        if (px, py) != (x, y):
            steps.append(f"{px - x:g} {py - y:g}")
        x, y = px, py
    return f"M{x0:g} {y0:g}l" + " ".join(steps) + "z"


@functools.cache
def outline(view: View) -> tuple[Land, ...]:
    """The countries in the view (the focus last, so its border is drawn on top), once per
    process."""
    lands = []
    for geometry in _topology(view.atlas)["objects"]["countries"]["geometries"]:
        rings = (_ring(view.atlas, ring) for polygon in _polygons(geometry) for ring in polygon)
        d = _path(view, rings)
        if d:
            lands.append(Land(d, geometry.get("id") == view.focus))
    return tuple(sorted(lands, key=lambda land: land.focus))


@dataclass(frozen=True)
class Place:
    point: tuple[Decimal, Decimal]  # public_point: (latitude, longitude)
    count: int
    names: tuple[str, ...]


def places(protests: ProtestQuerySet) -> list[Place]:
    """The records counted by public point (0.1 degree), with the towns' names: one GROUP BY
    over the exact coordinates, rounded here (few rows: one per town)."""
    rows = (
        protests.filter(latitude__isnull=False, longitude__isnull=False)
        .values("latitude", "longitude", "location")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found: dict[tuple[Decimal, Decimal], tuple[int, dict[str, None]]] = {}
    for row in rows:
        point = Protest(latitude=row["latitude"], longitude=row["longitude"]).public_point
        count, names = found.get(point, (0, {}))
        names[row["location"]] = None
        found[point] = (count + row["n"], names)
    return [Place(point, n, tuple(names)) for point, (n, names) in found.items()]


def _label(place: Place) -> str:
    names = list(place.names[:MAX_NAMES]) + (["…"] if len(place.names) > MAX_NAMES else [])
    counted = ngettext("%(n)s protest", "%(n)s protests", place.count) % {"n": grouped(place.count)}
    return _("%(places)s: %(counted)s") % {"places": ", ".join(names), "counted": counted}


def draw(view: View, found: list[Place], *, smallest: float = 6, largest: float = 26) -> Map:
    """The view's outline and a dot per place, its area in proportion to its count, largest
    first so that small dots stay visible on top."""
    most = max((place.count for place in found), default=1)
    dots = []
    for place in sorted(found, key=lambda p: (-p.count, p.point)):
        lat, lon = float(place.point[0]), float(place.point[1])
        if not (view.west <= lon <= view.east and view.south <= lat <= view.north):
            continue
        x, y = view.xy(lon, lat)
        r = round(smallest + (largest - smallest) * math.sqrt(place.count / most), 1)
        dots.append(Dot(x, y, r, place.count, _label(place)))
    return Map(view.width, view.height, outline(view), dots)


def place_map(protest: Protest) -> Map | None:
    """The small map on a record's page: its town on the map of Iran, or on the world map."""
    point = protest.public_point
    if point is None:
        return None
    view = IRAN if protest.inside_iran else WORLD
    found = [Place(point, 1, (protest.location,))]
    return draw(view, found, smallest=16, largest=16)
