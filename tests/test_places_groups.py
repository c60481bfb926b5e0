"""Group words ("Turkish", "Israelis") as places of kind "group": found by the places stage,
placed at their country, and kept out of everything that means "where"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.geo.gazetteer import load_gazetteer
from newsgraph.model import Article, Event, EventArgument, Place, Span
from newsgraph.stages.places import add_places


def places(parse, text: str) -> list[Place]:
    document = parse(text)
    add_places(document, load_gazetteer())
    return document.article.places


def test_a_group_word_is_a_group_place_of_its_country(parse):
    text = "Portuguese fishermen and Moroccan officials met in Lisbon."
    found = places(parse, text)
    groups = {p.text: p for p in found if p.kind == "group"}
    assert set(groups) == {"Portuguese", "Moroccan"}
    portuguese = groups["Portuguese"]
    assert (portuguese.name, portuguese.country, portuguese.feature) == (
        "Portugal", "PT", "country")
    assert portuguese.geonameid is not None and portuguese.lat is not None
    assert portuguese.admin1 is None
    assert text[portuguese.start:portuguese.end] == "Portuguese"
    lisbon = next(p for p in found if p.text == "Lisbon")
    assert lisbon.kind == "name"
    assert [p.start for p in found] == sorted(p.start for p in found)


def test_a_group_word_has_the_fields_of_its_country_named(parse):
    named = next(p for p in places(parse, "Officials in Portugal met.") if p.text == "Portugal")
    group = next(p for p in places(parse, "Portuguese officials met.") if p.kind == "group")
    for field in ("geonameid", "name", "lat", "lon", "country", "admin1", "feature", "adm1"):
        assert getattr(group, field) == getattr(named, field), field


def test_a_group_word_is_linked_to_its_entity(parse):
    import newsgraph

    article = newsgraph.analyze("Hundreds of Kenyans marched through Nairobi on Sunday.",
                                published="2024-05-12")
    kenyans = next(p for p in article.places if p.text == "Kenyans")
    assert (kenyans.kind, kenyans.country) == ("group", "KE")
    entity = next((e for e in article.entities if e.id == kenyans.entity), None)
    assert entity is not None and any(m.text == "Kenyans" for m in entity.mentions)


TEXT = "Dutch farmers blocked roads in Utrecht on Monday."


def _article() -> Article:
    dutch, utrecht = TEXT.index("Dutch"), TEXT.index("Utrecht")
    return Article(
        id="groups0000000001", published="2024-03-04", text=TEXT,
        places=[
            Place(start=dutch, end=dutch + 5, text="Dutch", geonameid=2750405,
                  name="Netherlands", lat=52.25, lon=5.75, country="NL", feature="country",
                  adm1="NL", kind="group", entity="e1"),
            Place(start=utrecht, end=utrecht + 7, text="Utrecht", geonameid=2745912,
                  name="Utrecht", lat=52.09, lon=5.12, country="NL", admin1="Utrecht",
                  feature="city", adm1="NL09")],
        events=[Event(type="PROTEST", cameo="140", place="Netherlands",
                      actor=EventArgument(text="Dutch farmers", entity="e1", country="NLD"),
                      trigger=Span(start=TEXT.index("blocked"),
                                   end=TEXT.index("blocked") + 7, text="blocked"))])


def test_the_gdelt_exports_do_not_use_a_group_word_as_a_location():
    from newsgraph.export.gdelt_events import COLUMNS, row
    from newsgraph.export.gkg import COLUMNS as GKG_COLUMNS
    from newsgraph.export.gkg import row as gkg_row

    article = _article()
    gkg = dict(zip(GKG_COLUMNS, gkg_row(article, "1", "20240304000000"), strict=True))
    for column in ("V1LOCATIONS", "V2ENHANCEDLOCATIONS"):
        [location] = gkg[column].split(";")
        assert location.startswith("4#Utrecht") and "2750405" not in location
    fields = dict(zip(COLUMNS, row(article, 0, article.events[0]), strict=True))
    # The actor's entity is the group word's: no actor geography from it; the event's
    # place names the group word's country: no action geography from it either.
    assert fields["Actor1Geo_Type"] == "0" and fields["Actor1Geo_FeatureID"] == ""
    assert fields["ActionGeo_FeatureID"] != "2750405"


def test_an_event_is_not_placed_at_a_group_word(parse):
    import newsgraph

    article = newsgraph.analyze("Turkish troops shelled the border post on Monday.",
                                published="2024-05-13")
    assert any(p.kind == "group" and p.country == "TR" for p in article.places)
    assert article.events and all(e.place is None for e in article.events)


def _gold(tmp_path: Path) -> tuple[Path, Path]:
    body = "Ferries left Athens, and Greek and Cypriot sailors met in Limassol."
    marks = []
    for word, lat, lon, kind in (("Athens", 37.98, 23.73, None), ("Greek", 39.0, 22.0, "demonym"),
                                 ("Cypriot", 35.0, 33.0, "demonym"),
                                 ("Limassol", 34.68, 33.04, None)):
        start = body.index(word)
        mark = {"start": start, "end": start + len(word), "text": word, "lat": lat, "lon": lon}
        marks.append(mark | ({"kind": kind} if kind else {}))
    gold, texts = tmp_path / "gold.jsonl", tmp_path / "texts.jsonl"
    gold.write_text(json.dumps({"id": "g1", "toponyms": marks}) + "\n", encoding="utf-8")
    texts.write_text(json.dumps({"id": "g1", "body": body}) + "\n", encoding="utf-8")
    return gold, texts


@pytest.mark.parametrize(("options", "n_gold", "tp"), [
    ([], 4, 4), (["--demonyms"], 4, 4), (["--names-only"], 2, 2)])
def test_eval_geo_scores_group_words_unless_names_only(tmp_path, options, n_gold, tp):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    gold, texts = _gold(tmp_path)
    result = CliRunner().invoke(app, ["eval", "geo", str(gold), "--texts", str(texts),
                                      "--json", *options])
    assert result.exit_code == 0, result.output
    output = json.loads(result.output)
    scores = output["systems"]["newsgraph"]
    assert (scores["n_gold"], scores["n_pred"], scores["recognition"]["tp"]) == (
        n_gold, n_gold, tp)
    assert output["groups"] is (options != ["--names-only"])


def test_eval_geo_refuses_names_only_with_demonyms(tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    gold, texts = _gold(tmp_path)
    result = CliRunner().invoke(app, ["eval", "geo", str(gold), "--texts", str(texts),
                                      "--names-only", "--demonyms"])
    assert result.exit_code == 2


def test_the_article_page_marks_a_group_word_apart_from_places():
    from newsgraph.serve.pages.spans import collect

    marks = {(h.kind, h.start) for h in collect(_article()) if h.kind in {"place", "group"}}
    assert marks == {("group", TEXT.index("Dutch")), ("place", TEXT.index("Utrecht"))}


def test_a_group_word_inside_a_description_is_kept_with_it(parse):
    found = places(parse, "Protesters gathered in Lisbon on Monday. Police in the Portuguese "
                          "capital made no arrests.")
    by_text = {p.text: p for p in found}
    assert (by_text["the Portuguese capital"].kind, by_text["the Portuguese capital"].name) == (
        "description", "Lisbon")
    assert (by_text["Portuguese"].kind, by_text["Portuguese"].name) == ("group", "Portugal")
