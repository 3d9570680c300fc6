"""TopoJSON decoded in plain Python: quantised, delta-encoded arcs back into GeoJSON geometries.

TopoJSON (https://github.com/topojson/topojson-specification) stores each shared border once as an
arc; a polygon lists the arcs of its rings (a negative index ~i is arc i reversed). Decoding needs no
geometry library. The rings come out in the orientation d3-geo (and so Vega-Lite's geoshape) expects —
exterior rings clockwise, holes anticlockwise, in longitude/latitude — the reverse of GeoJSON's RFC 7946
rule: a ring wound the other way would be drawn as the whole globe minus the place.
"""

from __future__ import annotations

from collections.abc import Sequence

Point = tuple[float, float]
Ring = list[Point]


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Every arc of the topology as absolute longitude/latitude points."""
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def ring_from_arcs(indexes: Sequence[int], arcs: list[list[Point]]) -> Ring:
    """One closed ring: its arcs joined end to start (each arc after the first drops its shared first point)."""
    ring: Ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def signed_area(ring: Sequence[Point]) -> float:
    """Shoelace area in square degrees: positive anticlockwise (x east, y north), negative clockwise."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        total += x1 * y2 - x2 * y1
    return total / 2


def oriented_for_d3(polygon: list[Ring]) -> list[Ring]:
    """The exterior ring clockwise, every hole anticlockwise."""
    result = []
    for position, ring in enumerate(polygon):
        clockwise = signed_area(ring) < 0
        wanted_clockwise = position == 0
        result.append(ring if clockwise == wanted_clockwise else ring[::-1])
    return result


def geometry(obj: dict, arcs: list[list[Point]], digits: int = 4, min_area: float = 0.0) -> dict | None:
    """A TopoJSON Polygon or MultiPolygon as a GeoJSON geometry (d3 orientation), None when it has no area.

    Polygons smaller than `min_area` square degrees (islets, for outlines drawn as context) are left out.
    """
    kind = obj.get("type")
    if kind == "Polygon":
        polygons = [obj["arcs"]]
    elif kind == "MultiPolygon":
        polygons = obj["arcs"]
    else:
        return None
    decoded = []
    for polygon in polygons:
        # Rounded first: an islet that rounding flattens to no area is left out, not handed on as a degenerate ring.
        rings = [[(round(x, digits), round(y, digits)) for x, y in ring_from_arcs(indexes, arcs)] for indexes in polygon]
        rings = [ring for ring in rings if len(ring) >= 4 and signed_area(ring) != 0]
        if rings and abs(signed_area(rings[0])) >= min_area:
            decoded.append([[list(point) for point in ring] for ring in oriented_for_d3(rings)])
    if not decoded:
        return None
    return {"type": "MultiPolygon", "coordinates": decoded}


def bounds(geo: dict) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a GeoJSON (Multi)Polygon."""
    xs: list[float] = []
    ys: list[float] = []
    for polygon in geo["coordinates"] if geo["type"] == "MultiPolygon" else [geo["coordinates"]]:
        for ring in polygon:
            xs += [p[0] for p in ring]
            ys += [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)
