"""The gazetteer index (tiny built ones and the real one) and the geo scorer."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from newsgraph.geo import gazetteer as gz
from newsgraph.geo.gazetteer import (
    ABBREVIATION,
    ALTERNATE,
    PRIMARY,
    Gazetteer,
    GeoPlace,
    PlaceRecord,
    name_key,
    write_index,
)
from tests.conftest import EVAL

GEO = EVAL / "geo"


def tiny_records() -> list[PlaceRecord]:
    return [
        PlaceRecord(GeoPlace(1, "Georgia", "country", 42.0, 43.5, "GE", None, 3_700_000, 614540),
                    [("Georgia", PRIMARY), ("Грузия", ALTERNATE)], ["Georgian", "Georgians"]),
        PlaceRecord(GeoPlace(2, "Georgia", "admin1", 32.7, -83.4, "US", "Georgia", 4_800_000),
                    [("Georgia", PRIMARY), ("GA", ABBREVIATION), ("Ga.", ABBREVIATION)]),
        PlaceRecord(GeoPlace(3, "São Paulo", "city", -23.5, -46.6, "BR", None, 12_000_000),
                    [("São Paulo", PRIMARY)]),
    ]


@pytest.fixture
def tiny(tmp_path: Path) -> Gazetteer:
    gazetteer = Gazetteer(write_index(tmp_path / "tiny.sqlite", tiny_records()))
    yield gazetteer
    gazetteer.close()


def test_name_key_folds_accents_case_dots_and_the():
    assert name_key("São Paulo") == "sao paulo"
    assert name_key("U.S.") == "us"
    assert name_key("the Gaza Strip") == "gaza strip"
    assert name_key("Москва") == "москва"
    assert name_key("  ") == ""


def _name_key_by_unicode(text: str) -> str:
    """`name_key` without its ASCII shortcut: decompose, drop marks, casefold, squeeze."""
    import re
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    folded = re.sub(r"[\s\-‐‑–—_/,()]+", " ", re.sub(r"[.\u00b7'’`ʻ]", "", folded)).strip()
    return folded[4:] if folded.startswith("the ") else folded


@pytest.mark.parametrize("text", [
    "New York", "  The  Hague ", "the", "U.S.", "Winston-Salem", "St. John's", "Ada (County)",
    "a\tb\x1cc/d_e,f", "O`Hare", "Côte d'Ivoire", "Ḩamāh", "İzmir", "Straße", "Nizhniy–Novgorod"])
def test_name_key_ascii_shortcut_folds_like_the_general_path(text):
    assert name_key(text) == _name_key_by_unicode(text)


def test_index_keeps_the_strongest_kind_of_a_repeated_name(tmp_path):
    records = [PlaceRecord(GeoPlace(1, "Texas", "admin1", 31.0, -99.0, "US", "Texas", 1),
                           [("TX", ABBREVIATION), ("Tx", ALTERNATE), ("Texas", PRIMARY),
                            ("texas", ALTERNATE), ("Tēxas", ALTERNATE)])]
    gazetteer = Gazetteer(write_index(tmp_path / "kinds.sqlite", records))
    try:
        assert [c.kind for c in gazetteer.candidates("Texas")] == [PRIMARY]
        assert [c.kind for c in gazetteer.lookup("tx")] == [ALTERNATE]
        rows = gazetteer._db.execute("SELECT key FROM names ORDER BY key").fetchall()
        assert [r[0] for r in rows] == ["texas", "tx"]
    finally:
        gazetteer.close()


def test_only_towns_of_some_size_keep_their_names_in_other_scripts(tmp_path):
    def town(place_id: int, people: int) -> PlaceRecord:
        return PlaceRecord(GeoPlace(place_id, f"Town{place_id}", "city", 55.0, 37.0, "RU", None,
                                    people), [(f"Town{place_id}", PRIMARY),
                                              (f"Город{place_id}", ALTERNATE),
                                              (f"Gorod{place_id}", ALTERNATE)])
    gazetteer = Gazetteer(write_index(tmp_path / "scripts.sqlite", [
        town(1, gz.NATIVE_SCRIPT_MIN_POPULATION), town(2, 900)]))
    try:
        assert gazetteer.candidates("Город1")[0].place.id == 1
        assert gazetteer.candidates("Город2") == ()
        assert gazetteer.candidates("Gorod2")[0].place.id == 2
    finally:
        gazetteer.close()


def test_lookup_by_name_accents_and_script(tiny):
    assert {c.place.feature for c in tiny.candidates("Georgia")} == {"country", "admin1"}
    assert tiny.candidates("Sao Paulo")[0].place.name == "São Paulo"
    assert tiny.candidates("Грузия")[0].place.country == "GE"
    assert tiny.candidates("Atlantis") == ()
    assert tiny.candidates("") == ()


def test_abbreviations_count_only_in_capitals_or_with_a_dot(tiny):
    assert [c.place.country for c in tiny.candidates("GA")] == ["US"]
    assert [c.place.country for c in tiny.candidates("Ga.")] == ["US"]
    assert tiny.candidates("ga") == ()


def test_cached_candidates_are_the_same_as_a_fresh_look_up(tiny):
    """`candidates` is cached per text: asking twice gives the same answer as reading the
    index anew, and the case-sensitive rules (abbreviations) still see each spelling."""
    for text in ("Georgia", "GA", "Ga.", "ga", "Sao Paulo", "Atlantis", "Georgia"):
        assert tiny.candidates(text) == tiny._candidates(text) == tiny.candidates(text)
    assert tiny.candidates("ga") == () and tiny.candidates("GA")


def test_demonyms_map_to_their_country(tiny):
    assert tiny.demonym("georgians").name == "Georgia"
    assert tiny.demonym("martian") is None


def test_build_is_atomic_and_done_once_by_concurrent_callers(tmp_path, monkeypatch):
    calls = []

    def records():
        calls.append(1)
        return iter(tiny_records())

    monkeypatch.setattr(gz, "package_records", records)
    path = tmp_path / "sub" / "index.sqlite"
    threads = [threading.Thread(target=gz.ensure_index, args=(path,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert not list(path.parent.glob("*.tmp"))
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM places").fetchone()[0] == 3


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path))
    assert gz.cache_dir() == tmp_path
    monkeypatch.delenv("NEWSGRAPH_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert gz.cache_dir() == tmp_path / "xdg" / "newsgraph"


@pytest.fixture(scope="session")
def real():
    """The real index (built into the user cache on first use, about 10 s)."""
    return gz.load_gazetteer()


def test_real_index_has_countries_states_cities_and_continents(real):
    features = {c.place.feature for name in ("Georgia", "Asia", "Tbilisi")
                for c in real.candidates(name)}
    assert {"country", "admin1", "continent", "city"} <= features
    kentucky = real.candidates("Ky.")[0].place
    assert (kentucky.name, kentucky.country) == ("Kentucky", "US")
    toronto = max(real.candidates("Toronto"), key=lambda c: c.place.population).place
    assert (toronto.country, toronto.admin1) == ("CA", "Ontario")
    assert real.demonym("israelis").country == "IL"
    assert real.country("FR").name == "France"
    # Centre points are those of the GeoNames country features, from the packaged table.
    # (the US is kept there: Google's point lies 380 km away, too far to merge)
    us = real.country("US")
    assert (us.geonameid, us.lat, us.lon) == (6252001, 39.76, -98.5)
    # China's two conventions (GeoNames 35, 105; Google 35.86, 104.20) are merged.
    china = real.country("CN")
    assert 60 < gz.haversine_km(china.lat, china.lon, 35.0, 105.0) < 100
    texas = next(c.place for c in real.candidates("Texas") if c.place.feature == "admin1")
    assert (texas.geonameid, texas.lat, texas.lon) == (4736286, 31.25044, -99.25061)


def test_packaged_centres_are_geonames_points():
    centres = gz.geonames_centres()
    assert len(centres) > 150
    assert centres["country", "US", ""] == (39.76, -98.5, 6252001)
    assert centres["country", "CA", ""] == (60.10867, -113.64258, 6251999)
    assert centres["admin1", "CA", "08"] == (49.25014, -84.49983, 6093943)
    assert gz.geonames_centres(Path("/nonexistent.csv")) == {}


# -- the scorer ---------------------------------------------------------------------------


def test_close_conventions_of_a_country_meet_half_way():
    geonames, nearby, far = (10.0, 20.0), (10.0, 21.5), (10.0, 24.0)
    middle = gz.country_point(geonames, nearby)
    apart = gz.haversine_km(*geonames, *nearby)
    assert 150 < apart < gz.CONVENTIONS_MERGE_KM
    for point in (geonames, nearby):  # within half the distance of both
        assert gz.haversine_km(*middle, *point) == pytest.approx(apart / 2, rel=1e-3)
    assert gz.country_point(geonames, far) == geonames
    assert gz.country_point(geonames, None) == geonames


def test_packaged_country_points_cover_the_countries():
    points = gz._country_points()
    assert len(points) > 240
    assert points["GB"] == (55.378051, -3.435973)
    assert gz._country_points(Path("/nonexistent.csv")) == {}


def test_scorer_matches_one_to_one_and_counts_errors():
    from newsgraph.eval.geo import score_geo

    gold = [{"id": "a", "text": "Paris and Lyon", "toponyms": [
        {"start": 0, "end": 5, "lat": 48.85, "lon": 2.35},
        {"start": 10, "end": 14, "lat": 45.76, "lon": 4.84},
        {"start": 6, "end": 9, "lat": None, "lon": None}]}]
    pred = [{"id": "a", "toponyms": [
        {"start": 0, "end": 5, "lat": 48.85, "lon": 2.35},
        {"start": 0, "end": 3, "lat": 0.0, "lon": 0.0},
        {"start": 10, "end": 14, "lat": None, "lon": None}]}]
    scores = score_geo(gold, pred)
    assert scores["recognition"]["tp"] == 2
    assert scores["resolution"]["n_unresolved"] == 1
    assert scores["resolution"]["acc161"] == 0.5
    assert scores["e2e_acc161"] == 0.5


@pytest.mark.skipif(not (GEO / "score_geo.py").exists(), reason="shared geo gold absent")
def test_scorer_agrees_with_the_reference_scorer(tmp_path):
    import importlib.util

    from newsgraph.eval.geo import read_jsonl, score_geo

    spec = importlib.util.spec_from_file_location("score_geo", GEO / "score_geo.py")
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    gold = read_jsonl(GEO / "trnews.jsonl", limit=30)
    pred = []
    for n, record in enumerate(gold):  # shifted spans, moved and missing coordinates
        toponyms = []
        for k, t in enumerate(record["toponyms"]):
            if (n + k) % 5 == 0:
                continue
            lat = None if (n + k) % 7 == 0 or t["lat"] is None else t["lat"] + (k % 3)
            toponyms.append({"start": t["start"] + k % 2, "end": t["end"], "lat": lat,
                             "lon": t["lon"] if lat is not None else None})
        pred.append({"id": record["id"], "toponyms": toponyms})
    mine = score_geo(gold, pred)
    theirs = reference.score({r["id"]: r for r in gold}, {r["id"]: r for r in pred})
    for key in ("recognition", "recognition_exact", "resolution"):
        for name, value in theirs[key].items():
            assert mine[key][name] == pytest.approx(value), (key, name)
    assert mine["e2e_acc161"] == pytest.approx(theirs["e2e_acc161"])
    assert json.dumps(mine)


def test_a_place_name_ner_split_in_two_is_joined(tmp_path):
    import spacy
    from spacy.tokens import Span

    from newsgraph.geo.resolve import _joined_entities

    records = [PlaceRecord(GeoPlace(1, "Democratic Republic of the Congo", "country", -2.5,
                                    23.5, "CD", None, 84_000_000, 203312),
                           [("Democratic Republic of the Congo", PRIMARY)])]
    gazetteer = Gazetteer(write_index(tmp_path / "cd.sqlite", records))
    try:
        doc = spacy.blank("en")("Cases rose in the Democratic Republic of the Congo and Chad.")
        doc.ents = [Span(doc, 3, 8, "GPE"), Span(doc, 8, 9, "GPE"), Span(doc, 10, 11, "GPE")]
        joined = [(label, span.text) for label, span in _joined_entities(doc, gazetteer)]
        assert joined == [("GPE", "Democratic Republic of the Congo"), ("GPE", "Chad")]
    finally:
        gazetteer.close()


def test_regions_are_named_by_the_areas_that_divide_them():
    def area(pid: int, name: str, lat: float, lon: float) -> PlaceRecord:
        return PlaceRecord(GeoPlace(pid, name, "admin1", lat, lon, "SD", name, 0),
                           [(name, PRIMARY)])

    areas = [area(1, "North Kordofan", 14.0, 30.0), area(2, "South Kordofan", 11.0, 30.0),
             area(3, "West Kordofan", 11.5, 28.0), area(4, "Northern Province", 1.0, 1.0),
             area(5, "Southern Province", 2.0, 2.0), area(6, "Eastern Province", 3.0, 3.0),
             area(7, "North Nile", 5.0, 5.0), area(8, "South Nile", 6.0, 6.0)]
    regions = gz.part_regions(areas, taken=set())
    assert [r[:2] for r in regions] == [("Kordofan", "SD")]  # no "Province"; Nile has two
    lat, lon = regions[0][2:]
    assert 12.0 < lat < 12.5 and 29.0 < lon < 29.5
    assert gz.part_regions(areas, taken={"kordofan"}) == []


def test_real_index_has_counties_area_names_and_part_regions(real):
    polk = [c.place for c in real.candidates("Polk County")]
    assert {p.feature for p in polk} == {"admin2"} and {"Iowa", "Florida"} <= {
        p.admin1 for p in polk}
    iowa = next(p for p in polk if p.admin1 == "Iowa")
    assert 41.5 < iowa.lat < 41.8 and -93.8 < iowa.lon < -93.4 and iowa.population > 400_000
    assert any(c.place.admin1 == "Iowa" for c in real.candidates("Polk Co."))
    yunnan = {(c.place.feature, c.place.country) for c in real.candidates("Yunnan Province")}
    assert ("admin1", "CN") in yunnan
    sulawesi = [c.place for c in real.candidates("Sulawesi")]
    assert any(p.feature == "region" and p.country == "ID" for p in sulawesi)


def test_packaged_area_tables():
    counties = gz._read_table(gz.COUNTIES_FILE)
    assert len(counties) > 3000
    assert all(18 < float(r["lat"]) < 72 and (-180 < float(r["lon"]) < -66
               or float(r["lon"]) > 170) for r in counties)
    names = gz._read_table(gz.ADMIN1_NAMES_FILE)
    assert {("CN", "29", "Yunnan Province")} <= {(r["country"], r["admin1"], r["name"])
                                                 for r in names}
    assert gz._read_table(Path("/nonexistent.csv")) == []


def test_former_country_names_lead_to_their_successor(real):
    rows = {(r["name"], r["country"]) for r in gz._read_table(gz.FORMER_COUNTRIES_FILE)}
    assert {("Dahomey", "BJ"), ("Upper Volta", "BF")} <= rows
    assert not any(code in {"HH", "XX", "AA"} for _, code in rows)
    dahomey = {(c.place.feature, c.place.country) for c in real.candidates("Dahomey")}
    assert ("country", "BJ") in dahomey
    # A former country that lives on as an area of its successor stays that area.
    assert all(c.place.feature != "country" for c in real.candidates("Sikkim"))


def test_former_country_name_forms():
    from scripts.build_geo_history import name_forms

    assert name_forms("Upper Volta, Republic of") == ["Upper Volta", "Republic of Upper Volta"]
    assert name_forms("Dahomey") == ["Dahomey"]
    assert name_forms("Ruritania, (Socialist) Federal Republic of")[0] == "Ruritania"
    assert name_forms("Ruritania, Metropolitan") == ["Ruritania", "Metropolitan Ruritania"]
    # a full name after the comma is not turned round
    assert name_forms("RSR, Ruritanian Socialist Republics") == ["RSR"]


def test_a_divided_former_country_leads_to_the_state_that_kept_its_capital(real):
    rows = {(r["name"], r["country"]) for r in gz._read_table(gz.FORMER_COUNTRIES_FILE)}
    assert {("Soviet Union", "RU"), ("USSR", "RU"), ("Czechoslovakia", "CZ"),
            ("Yugoslavia", "RS"), ("East Germany", "DE")} <= rows
    assert ("country", "RU") in {(c.place.feature, c.place.country)
                                 for c in real.candidates("Soviet Union")}


def test_a_short_word_in_capitals_is_a_code_not_a_town(tmp_path: Path):
    records = [PlaceRecord(GeoPlace(1, "Eu", "city", 50.05, 1.42, "FR", None, 7_000),
                           [("Eu", PRIMARY)]),
               PlaceRecord(GeoPlace(2, "Georgia", "admin1", 32.7, -83.4, "US", "Georgia"),
                           [("Georgia", PRIMARY), ("GA", ABBREVIATION)])]
    gazetteer = Gazetteer(write_index(tmp_path / "codes.sqlite", records))
    try:
        assert gazetteer.candidates("EU") == ()  # the European Union, not Eu in Normandy
        assert gazetteer.candidates("Eu")[0].place.name == "Eu"
        assert gazetteer.candidates("GA")[0].place.name == "Georgia"
    finally:
        gazetteer.close()


def test_countries_carry_the_english_name_and_keep_geonames_one(real):
    palestine = real.country("PS")
    assert (palestine.name, palestine.geonames_name) == (
        "Palestinian Territories", "Palestinian Territory")
    assert real.country("FR").geonames_name is None


def test_town_names_are_respellings_of_transliterations():
    from scripts.build_town_names import is_respelling, is_transliteration

    assert is_transliteration("Bayt Ḩānūn") and is_transliteration("As Samū‘")
    assert not is_transliteration("Belén") and not is_transliteration("Aarhus")
    assert is_respelling("Beit Hanoun", "Bayt Hanun")
    assert is_respelling("Bardhaman", "Barddhaman")
    assert not is_respelling("Imam Qasim", "Al-Qasim")  # another name
    assert not is_respelling("Deh-e Shaker", "Deh-e Shater")  # another consonant
    names = gz.town_english_names()
    assert names[283506] == "Jenin"
    assert gz.town_english_names(Path("/nonexistent.csv")) == {}


def _offsets_only_fixture(tmp_path: Path) -> tuple[Path, Path]:
    """A gold file with offsets only and a texts file in the fundus gold's shape."""
    body = "Flooding closed roads in Lisbon on Monday, and Portuguese officials met in Porto."
    gold = {"id": "x1", "toponyms": [
        {"start": 25, "end": 31, "text": "Lisbon", "lat": 38.72, "lon": -9.13},
        {"start": 47, "end": 57, "text": "Portuguese", "lat": 39.7, "lon": -8.1,
         "kind": "demonym"},
        {"start": 75, "end": 80, "text": "Porto", "lat": 41.15, "lon": -8.61}]}
    gold_path, texts_path = tmp_path / "gold.jsonl", tmp_path / "texts.jsonl"
    gold_path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    texts_path.write_text(json.dumps({"id": "x1", "body": body, "title": "t"}) + "\n"
                          + json.dumps({"id": "other", "body": "Nothing here."}) + "\n",
                          encoding="utf-8")
    return gold_path, texts_path


def test_offsets_only_gold_is_joined_to_its_texts_and_checked(tmp_path):
    from newsgraph.eval.geo import ScoringError, join_texts, read_jsonl, with_demonyms

    gold_path, texts_path = _offsets_only_fixture(tmp_path)
    records = join_texts(read_jsonl(gold_path), texts_path)
    assert records[0]["text"].startswith("Flooding")
    assert [t["text"] for t in with_demonyms(records, False)[0]["toponyms"]] == ["Lisbon", "Porto"]
    assert len(with_demonyms(records, True)[0]["toponyms"]) == 3
    shifted = tmp_path / "shifted.jsonl"
    record = json.loads(gold_path.read_text())
    record["toponyms"][0]["start"] += 1
    shifted.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(ScoringError, match="gold says 'Lisbon'"):
        join_texts(read_jsonl(shifted), texts_path)
    missing = tmp_path / "missing.jsonl"
    missing.write_text(json.dumps({"id": "nowhere", "toponyms": []}) + "\n", encoding="utf-8")
    with pytest.raises(ScoringError, match="no text for gold id"):
        join_texts(read_jsonl(missing), texts_path)


def test_eval_geo_reads_texts_from_another_file(tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    gold_path, texts_path = _offsets_only_fixture(tmp_path)
    plain = CliRunner().invoke(app, ["eval", "geo", str(gold_path), "--texts", str(texts_path),
                                     "--json", "--names-only"])
    assert plain.exit_code == 0, plain.output
    scores = json.loads(plain.output)["systems"]["newsgraph"]
    assert scores["n_gold"] == 2
    assert scores["recognition"]["tp"] == 2 and scores["e2e_acc161"] == 1.0
    both = CliRunner().invoke(app, ["eval", "geo", str(gold_path), "--texts", str(texts_path),
                                    "--json"])
    assert both.exit_code == 0, both.output
    scores = json.loads(both.output)["systems"]["newsgraph"]
    assert scores["n_gold"] == 3 and scores["recognition"]["tp"] == 3
    bad = CliRunner().invoke(app, ["eval", "geo", str(gold_path), "--json"])
    assert bad.exit_code == 0  # no texts: scored against empty articles, nothing found
    assert json.loads(bad.output)["systems"]["newsgraph"]["recognition"]["tp"] == 0


FUNDUS_GOLD = EVAL / "extract" / "fundus" / "gold.jsonl"


FUNDUS_PLACE_SETS = ["places_fundus.jsonl", "places_fundus_check.jsonl",
                     "places_fundus_third.jsonl"]


@pytest.mark.skipif(not FUNDUS_GOLD.exists(), reason="shared fundus gold absent")
@pytest.mark.parametrize(("name", "articles", "toponyms", "groups", "unplaced"), [
    ("places_fundus.jsonl", 11, 225, 32, 0),
    ("places_fundus_check.jsonl", 10, 173, 30, 7),
    ("places_fundus_third.jsonl", 11, 188, 53, 0),
])
def test_packaged_fundus_places_match_the_fundus_texts(name, articles, toponyms, groups,
                                                       unplaced):
    """Each blind set's offsets fit the fundus texts, and no article is in two sets."""
    from importlib import resources

    from newsgraph.eval.geo import join_texts, read_jsonl

    data = Path(str(resources.files("newsgraph") / "data"))
    records = join_texts(read_jsonl(data / name), FUNDUS_GOLD)
    found = [t for r in records for t in r["toponyms"]]
    assert len(records) == articles and len(found) == toponyms
    assert sum(t.get("kind") == "demonym" for t in found) == groups
    assert all("text" in t for t in found)
    assert sum(t["lat"] is None for t in found) == unplaced
    others = {r["id"] for other in FUNDUS_PLACE_SETS if other != name
              for r in read_jsonl(data / other)}
    assert not {r["id"] for r in records} & others
