"""Make shapes.json, the world map's countries as SVG paths, from Natural Earth's countries in world-atlas (npm).

Run by hand when the map data should change, never at run time:

    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
    .venv/bin/python foreignaffairs/dashboard/world_map/build_shapes.py /tmp/package

world-atlas 2 is Natural Earth 4.1.0's admin-0 countries as TopoJSON, in degrees, each country with its ISO 3166-1
numeric code. This script reads three of its files:
- countries-110m.json: the shapes drawn (1:110m, about 8,000 points for the world);
- countries-50m.json: the countries too small for 1:110m (Singapore, Hong Kong, Malta, …), drawn as a dot at the
  middle of their largest island, only when they have partners;
- countries-10m.json: where the islands of Hoàng Sa and Trường Sa lie, drawn as dots in Vietnam's shape.

What it changes on the way, each a choice of this project, not Natural Earth's:
- Hoàng Sa (Paracel Islands) and Trường Sa (Spratly Islands) belong to Vietnam's shape. Natural Earth 1:10m counts
  the first in China's shape and the second as a unit of its own; 1:110m and 1:50m have neither (checked below:
  no shape of 1:110m has a point in either archipelago).
- Kosovo is part of Serbia, Northern Cyprus of Cyprus, Somaliland of Somalia, their borders dissolved: Natural Earth
  draws them apart without an ISO code.
- Antarctica is left out (no partner there; it would double the map's height).

The projection is Equal Earth (Šavrič, Patterson and Jenny, 2018), central meridian 0°: equal-area, so a
country's shaded surface is in proportion to its real size, as a choropleth needs. The map is scaled to WIDTH user
units and cropped to the land drawn (84° N to 56° S); coordinates are rounded to one decimal and written as
relative moves: about 85 KB (26 KB gzipped).

Only the standard library and django-countries (for ISO numeric -> alpha-2 codes) are needed.
"""

import argparse
import json
import math
import sys
from pathlib import Path

from django_countries.data import ALT_CODES

WIDTH = 1000
DECIMALS = 1
OUTPUT = Path(__file__).with_name("shapes.json")
# Natural Earth units without an ISO code, joined to the country they belong to (by Natural Earth's name).
MERGED_INTO = {"Kosovo": "RS", "N. Cyprus": "CY", "Somaliland": "SO"}
LEFT_OUT = {"AQ"}
# The archipelagos' extent (west, south, east, north in degrees): every islet Natural Earth 1:10m draws there, and
# not the coasts of Hainan, Borneo (Sabah) or Palawan nearby.
PARACEL_BOX = (110.9, 15.5, 113.0, 17.3)
SPRATLY_BOX = (111.0, 7.0, 116.0, 12.0)
ISLAND_DOT = 0.9  # the radius of an island's dot, user units
MARKER_PRECISION = 1

# Equal Earth's polynomial coefficients.
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Longitude and latitude in degrees -> Equal Earth's x, y (unit sphere; y grows northwards)."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * A4 * t6 * t2 + 7 * A3 * t6 + 3 * A2 * t2 + A1))
    y = theta * (A4 * t6 * t2 + A3 * t6 + A2 * t2 + A1)
    return x, y


X_EXTENT = equal_earth(180, 0)[0]
SCALE = WIDTH / (2 * X_EXTENT)
# The map is cropped to the land drawn: from Greenland's north (83.6°) to Tierra del Fuego's south (55.9°).
NORTH, SOUTH = 84, -56
TOP = equal_earth(0, NORTH)[1]


def project(lon: float, lat: float) -> tuple[float, float]:
    """Degrees -> map units: x from the left edge (180° W), y down from the top edge (NORTH)."""
    x, y = equal_earth(lon, lat)
    return (x + X_EXTENT) * SCALE, (TOP - y) * SCALE


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantized, delta-encoded arcs -> lists of (longitude, latitude)."""
    (kx, ky), (dx, dy) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for step_x, step_y in arc:
            x, y = x + step_x, y + step_y
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def arc_points(arcs: list, index: int) -> list[tuple[float, float]]:
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def ring_points(arcs: list, ring: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        piece = arc_points(arcs, index)
        points.extend(piece if not points else piece[1:])
    return points


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def dissolve(arcs: list, geometries: list[dict]) -> list[list[tuple[float, float]]]:
    """The rings of several geometries drawn as one: arcs they share (walked once each way) are dropped and the rest
    joined end to end, as topojson-client's merge does."""
    used = [index for geometry in geometries for polygon in polygons_of(geometry) for ring in polygon for index in ring]
    shared = {index for index in used if ~index in used}
    pieces = [arc_points(arcs, index) for index in used if index not in shared]
    rings = []
    while pieces:
        ring = list(pieces.pop())
        while ring[0] != ring[-1]:
            following = next(i for i, piece in enumerate(pieces) if piece[0] == ring[-1])
            ring.extend(pieces.pop(following)[1:])
        rings.append(ring)
    return rings


def across_antimeridian(rings: list[list[tuple[float, float]]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses 180° (Russia's Chukotka, Fiji) would be drawn as a line across the whole map: it is drawn
    twice instead, once continued east past the right edge and once west past the left, and the map's edges cut
    each copy where it leaves the map."""
    drawn = []
    for ring in rings:
        if any(abs(a[0] - b[0]) > 180 for a, b in zip(ring, ring[1:], strict=False)):
            drawn.append([(lon if lon > 0 else lon + 360, lat) for lon, lat in ring])
            drawn.append([(lon if lon < 0 else lon - 360, lat) for lon, lat in ring])
        else:
            drawn.append(ring)
    return drawn


def path_data(rings: list[list[tuple[float, float]]]) -> str:
    """Rings in degrees -> one SVG path: an absolute move to each ring's start, then relative lines, closed."""
    parts = []
    for ring in rings:
        points = []
        for lon, lat in ring:
            x, y = project(lon, lat)
            point = (round(x, DECIMALS), round(y, DECIMALS))
            if not points or point != points[-1]:
                points.append(point)
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()
        if len(points) < 3:
            continue  # an islet smaller than the map's precision
        (x0, y0), moves = points[0], []
        previous = points[0]
        for x, y in points[1:]:
            moves.append(f"{_number(x - previous[0])} {_number(y - previous[1])}")
            previous = (x, y)
        parts.append(f"M{_number(x0)} {_number(y0)}l" + " ".join(moves) + "z")
    return "".join(parts)


def dots_path(centres: list[tuple[float, float]], radius: float) -> str:
    """Small circles (two arcs each) at projected points, for islands too small to draw."""
    return "".join(
        f"M{_number(x - radius)} {_number(y)}a{radius} {radius} 0 1 0 {2 * radius} 0"
        f"a{radius} {radius} 0 1 0 {-2 * radius} 0z"
        for x, y in centres
    )


def _number(value: float) -> str:
    text = f"{round(value, DECIMALS):.{DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def centroid(ring: list[tuple[float, float]]) -> tuple[float, float]:
    """The area-weighted middle of a ring, in its own coordinates (degrees are fine at an island's size)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area) < 1e-12:
        return sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring)
    return cx / (3 * area), cy / (3 * area)


def ring_area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def in_box(point: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    west, south, east, north = box
    return west <= point[0] <= east and south <= point[1] <= north


def iso_codes() -> dict[int, str]:
    return {numeric: alpha2 for alpha2, (_alpha3, numeric) in ALT_CODES.items()}


def grouped_geometries(topology: dict, strict: bool = True) -> dict[str, list[dict]]:
    """Natural Earth's geometries by the ISO alpha-2 code they are drawn under; one without a code stops the build
    (`strict`, for the shapes drawn) or is skipped (for the markers: 1:50m's Siachen Glacier and "Indian Ocean
    Ter.", Christmas and Cocos Islands as one unit)."""
    codes, groups = iso_codes(), {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        numeric = int(geometry["id"]) if geometry.get("id") else None
        code = MERGED_INTO.get(name) or codes.get(numeric)
        if code is None and not strict:
            continue
        if code is None:
            sys.exit(f"no ISO code for {name!r}: add it to MERGED_INTO or leave it out on purpose")
        if code not in LEFT_OUT:
            groups.setdefault(code, []).append(geometry)
    return groups


def archipelago_islands(topology: dict) -> list[tuple[float, float]]:
    """The middle of every islet Natural Earth 1:10m draws in Hoàng Sa or Trường Sa, whoever it draws them under."""
    arcs, islands = decode_arcs(topology), []
    for geometry in topology["objects"]["countries"]["geometries"]:
        for polygon in polygons_of(geometry):
            middle = centroid(ring_points(arcs, polygon[0]))
            if in_box(middle, PARACEL_BOX) or in_box(middle, SPRATLY_BOX):
                islands.append(middle)
    return islands


def spread(points: list[tuple[float, float]], apart: float) -> list[tuple[float, float]]:
    """Projected points, leaving out any closer than `apart` to one kept: neighbouring islets make one dot."""
    kept: list[tuple[float, float]] = []
    for x, y in sorted(points):
        if all(math.hypot(x - kx, y - ky) >= apart for kx, ky in kept):
            kept.append((x, y))
    return kept


def check_no_archipelago(topology: dict, code_of: dict[int, str]) -> None:
    """Stop if a shape drawn from 1:110m has any point in Hoàng Sa or Trường Sa: it would give them to its country."""
    arcs = decode_arcs(topology)
    for geometry in topology["objects"]["countries"]["geometries"]:
        for polygon in polygons_of(geometry):
            for ring in polygon:
                for point in ring_points(arcs, ring):
                    if in_box(point, PARACEL_BOX) or in_box(point, SPRATLY_BOX):
                        sys.exit(f"{geometry['properties']['name']} has a point at {point} in the archipelagos")


def build(package: Path) -> dict:
    small = json.loads((package / "countries-110m.json").read_text())
    medium = json.loads((package / "countries-50m.json").read_text())
    large = json.loads((package / "countries-10m.json").read_text())
    check_no_archipelago(small, iso_codes())

    arcs = decode_arcs(small)
    groups = grouped_geometries(small)
    shapes = {
        code: path_data(across_antimeridian(dissolve(arcs, geometries))) for code, geometries in sorted(groups.items())
    }

    islands = spread([project(*island) for island in archipelago_islands(large)], apart=2.5 * ISLAND_DOT)
    shapes["VN"] += dots_path(islands, ISLAND_DOT)

    medium_arcs, markers = decode_arcs(medium), {}
    for code, geometries in sorted(grouped_geometries(medium, strict=False).items()):
        if code in shapes:
            continue
        rings = [ring_points(medium_arcs, polygon[0]) for g in geometries for polygon in polygons_of(g)]
        x, y = project(*centroid(max(rings, key=ring_area)))
        markers[code] = [round(x, MARKER_PRECISION), round(y, MARKER_PRECISION)]

    paracels = [project(*p) for p in archipelago_islands(large) if in_box(p, PARACEL_BOX)]
    spratlys = [project(*p) for p in archipelago_islands(large) if in_box(p, SPRATLY_BOX)]
    return {
        "source": "world-atlas 2.0.2 (npm): Natural Earth 4.1.0, admin-0 countries 1:110m (1:50m for markers)",
        "projection": "Equal Earth, central meridian 0°, WGS 84 degrees; x right, y down, in user units",
        "width": WIDTH,
        "height": round(project(0, SOUTH)[1]),
        "shapes": shapes,
        "markers": markers,
        # Hoàng Sa's name above its islands, going east over the sea south of Hainan; Trường Sa's under
        # its islands, over the sea north of Borneo; each on two lines (drawing.py): neither crosses the Philippines.
        "labels": {"paracel": _label_at(paracels, -12, "start", dx=-3.5), "spratly": _label_at(spratlys, 6, "middle")},
    }


def _label_at(points: list[tuple[float, float]], dy: float, anchor: str, dx: float = 0) -> list:
    """Where an archipelago's name goes, `dy` units below its islands' middle height (above, when negative): from
    its easternmost island (`anchor` start), or centred on its islands (middle)."""
    xs, middle = [x for x, _ in points], sum(y for _, y in points) / len(points)
    x = max(xs) if anchor == "start" else (min(xs) + max(xs)) / 2
    return [round(x + dx, 1), round(middle + dy, 1), anchor]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("package", type=Path, help="the unpacked world-atlas npm package (its folder `package`)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    arguments = parser.parse_args()
    data = build(arguments.package)
    arguments.output.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n")
    print(f"{len(data['shapes'])} shapes, {len(data['markers'])} markers -> {arguments.output}")


if __name__ == "__main__":
    main()
