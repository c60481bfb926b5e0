"""`newsgraph export`: JSONL, Parquet, GDELT GKG 2.1 / Events 2.0 and GraphML from a store.

The store holds hand-built articles with every annotation kind; it runs on
SQLite and on PostgreSQL (see `store_databases` in conftest.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.export.gdelt_events import COLUMNS as EVENT_COLUMNS
from newsgraph.export.gkg import COLUMNS as GKG_COLUMNS
from newsgraph.model import (
    Amount,
    Article,
    Cue,
    Entity,
    Event,
    EventArgument,
    Mention,
    Place,
    Quote,
    Span,
    SpeakerRef,
    TimeRef,
)

runner = CliRunner()

KELLER = ('Mayor Anna Keller met Acme Corp in Zurich on Monday over 12 million francs. '
          '"Acme Corp must pay its share," Keller said.\nLater paragraph.')
BERLIN = "Chancellor Olaf Scholz visited Berlin. Acme Corp was not mentioned by him."


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _mention(text: str, part: str, after: int = 0, kind: str = "name") -> Mention:
    start, end = _span(text, part, after)
    return Mention(start=start, end=end, text=part, kind=kind)


def keller_article() -> Article:
    text = KELLER
    quote_start, quote_end = _span(text, "Acme Corp must pay its share,")
    cue_start, cue_end = _span(text, "said")
    place_start, place_end = _span(text, "Zurich")
    amount_start, amount_end = _span(text, "12 million francs")
    day_start, day_end = _span(text, "Monday")
    trigger_start, trigger_end = _span(text, "met")
    return Article(
        id="keller0000000001", url="https://news.example.ch/keller", title="Keller\tmeets Acme",
        published="2024-03-06", site="news.example.ch", authors=["A. Writer"], language="en",
        text=text,
        entities=[
            Entity(id="e1", name="Anna Keller", type="PERSON", roles=["Mayor"], mentions=[
                _mention(text, "Anna Keller"), _mention(text, "Keller", quote_end)]),
            Entity(id="e2", name="Acme Corp", type="ORG", mentions=[
                _mention(text, "Acme Corp"), _mention(text, "Acme Corp", quote_start)]),
            Entity(id="e3", name="Zurich", type="GPE", mentions=[_mention(text, "Zurich")]),
        ],
        quotes=[Quote(
            start=quote_start, end=quote_end, text=text[quote_start:quote_end], direct=True,
            speaker=SpeakerRef(start=cue_start - 7, end=cue_start - 1, text="Keller",
                               entity="e1"),
            cue=Cue(start=cue_start, end=cue_end, text="said", lemma="say"))],
        dates=[TimeRef(start=day_start, end=day_end, text="Monday", value="2024-03-04",
                       granularity="day")],
        amounts=[Amount(start=amount_start, end=amount_end, text="12 million francs",
                        value=12_000_000, unit="CHF")],
        places=[Place(start=place_start, end=place_end, text="Zurich", name="Zürich",
                      geonameid=2657896, lat=47.36667, lon=8.55, country="CH",
                      admin1="Zurich", feature="city", entity="e3", score=0.9)],
        events=[Event(type="CONSULT", cameo="040", mode="visit", place="Zürich",
                      date="2024-03-04",
                      actor=EventArgument(text="Anna Keller", entity="e1", country="CHE",
                                          sector="GOV", start=6, end=17),
                      target=EventArgument(text="Acme Corp", entity="e2", sector="BUS"),
                      trigger=Span(start=trigger_start, end=trigger_end, text="met"))],
    )


def berlin_article() -> Article:
    text = BERLIN
    trigger_start, trigger_end = _span(text, "visited")
    return Article(
        id="berlin0000000002", published="2024-03-07", text=text,
        entities=[
            Entity(id="p", name="Olaf Scholz", type="PERSON",
                   mentions=[_mention(text, "Olaf Scholz"), _mention(text, "him", 0, "pronoun")]),
            Entity(id="o", name="Acme Corp", type="ORG", mentions=[_mention(text, "Acme Corp")]),
            Entity(id="b", name="Berlin", type="GPE", mentions=[_mention(text, "Berlin")]),
        ],
        events=[
            Event(type="CONSULT", cameo="042", place="Berlin",
                  trigger=Span(start=trigger_start, end=trigger_end, text="visited")),
            Event(type="ASSAULT", cameo="190", negated=True,
                  trigger=Span(start=0, end=10, text="Chancellor")),
        ],
    )


@pytest.fixture(scope="module")
def stored(store_databases) -> tuple[str, list[Article]]:
    from newsgraph.store import Store

    articles = [keller_article(), berlin_article()]
    with Store.open(store_databases.url) as store:
        store.add_many(articles)
    return store_databases.url, articles


def run_export(db: str, fmt: str, output: Path) -> None:
    result = runner.invoke(app, ["export", "--format", fmt, "--output", str(output), "--db", db])
    assert result.exit_code == 0, result.output


def test_jsonl_reparses_into_the_stored_articles(stored, tmp_path: Path) -> None:
    db, articles = stored
    output = tmp_path / "out.jsonl"
    run_export(db, "jsonl", output)
    lines = output.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    parsed = [Article.model_validate_json(line) for line in lines[:-1]]
    assert sorted(parsed, key=lambda a: a.id) == sorted(articles, key=lambda a: a.id)


def test_gkg_rows_have_27_columns_with_offsets(stored, tmp_path: Path) -> None:
    db, _ = stored
    output = tmp_path / "out.gkg"
    run_export(db, "gkg", output)
    rows = [line.split("\t") for line in output.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2
    assert all(len(row) == 27 == len(GKG_COLUMNS) for row in rows)
    record = {name: value for name, value in zip(GKG_COLUMNS, rows[1], strict=True)}
    assert record["V2DOCUMENTIDENTIFIER"] == "https://news.example.ch/keller"
    assert record["V2.1DATE"] == "20240306000000"
    assert record["V2SOURCECOMMONNAME"] == "example.ch"  # the bare domain
    assert record["V1PERSONS"] == "Anna Keller"
    keller = KELLER.index("Keller", KELLER.index("share"))
    assert record["V2ENHANCEDPERSONS"] == f"Anna Keller,6;Keller,{keller}"  # as written
    assert record["V2ENHANCEDORGANIZATIONS"].split(";") == [
        f"Acme Corp,{KELLER.index('Acme')}", f"Acme Corp,{KELLER.index('Acme', 30)}"]
    zurich = KELLER.index("Zurich")
    assert record["V2ENHANCEDLOCATIONS"] == (
        f"4#Zürich, Zurich, Switzerland#SZ###47.3667#8.55#2657896#{zurich}")
    assert record["V1LOCATIONS"] == "4#Zürich, Zurich, Switzerland#SZ##47.3667#8.55#2657896"
    quote = "Acme Corp must pay its share,"
    assert record["V2.1QUOTATIONS"] == f"{KELLER.index(quote)}|{len(quote)}|said|{quote}"
    assert record["V2.1AMOUNTS"] == f"12000000,CHF,{KELLER.index('12 million')}"
    assert record["V2.1ENHANCEDDATES"] == f"3#3#4#2024#{KELLER.index('Monday')}"
    assert "<PAGE_TITLE>Keller meets Acme</PAGE_TITLE>" in record["V2EXTRASXML"]
    assert record["V1.5TONE"] == record["V2GCAM"] == ""
    berlin = dict(zip(GKG_COLUMNS, rows[0], strict=True))
    assert berlin["V2SOURCECOLLECTIONIDENTIFIER"] == "2"
    assert berlin["V2ENHANCEDPERSONS"] == "Olaf Scholz,11"  # the pronoun is no name


@pytest.mark.parametrize(("host", "name"), [
    ("www.nytimes.com", "nytimes.com"), ("news.bbc.co.uk", "bbc.co.uk"),
    ("edition.cnn.com", "cnn.com"), ("example.ch", "example.ch"), ("Metro Post", "metro post"),
    (None, ""),
])
def test_source_common_name_is_the_bare_domain(host, name) -> None:
    from newsgraph.export.gkg import common_name

    assert common_name(host) == name


def test_gkg_record_id_is_stable_across_exports(stored, tmp_path: Path) -> None:
    db, _ = stored
    ids = []
    for name in ("a.gkg", "b.gkg"):
        run_export(db, "gkg", tmp_path / name)
        ids.append([line.split("\t")[0] for line in
                    (tmp_path / name).read_text(encoding="utf-8").splitlines()])
    assert ids[0] == ids[1] and len(set(ids[0])) == 2
    assert all(value.split("-")[0].isdigit() and value.split("-")[1].isdigit()
               for value in ids[0])


def test_events_rows_have_61_columns(stored, tmp_path: Path) -> None:
    db, _ = stored
    output = tmp_path / "out.events"
    run_export(db, "events", output)
    rows = [line.split("\t") for line in output.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2  # the negated ASSAULT is not exported
    assert all(len(row) == 61 == len(EVENT_COLUMNS) for row in rows)
    by_code = {row[EVENT_COLUMNS.index("EventCode")]: dict(zip(EVENT_COLUMNS, row, strict=True))
               for row in rows}
    meet = by_code["040"]
    assert meet["Day"] == "20240304" and meet["Year"] == "2024"
    assert (meet["Actor1Code"], meet["Actor1Name"], meet["Actor1CountryCode"],
            meet["Actor1Type1Code"]) == ("CHEGOV", "ANNA KELLER", "CHE", "GOV")
    assert meet["Actor2Code"] == "BUS" and meet["Actor2Name"] == "ACME CORP"
    assert (meet["EventBaseCode"], meet["EventRootCode"], meet["QuadClass"]) == ("040", "04", "1")
    assert meet["GoldsteinScale"] == "1"  # CAMEO 040 (consult) in the codebook's scale
    assert meet["IsRootEvent"] == "1"
    assert (meet["ActionGeo_Type"], meet["ActionGeo_CountryCode"], meet["ActionGeo_Lat"],
            meet["ActionGeo_FeatureID"]) == ("4", "SZ", "47.3667", "2657896")
    assert meet["SOURCEURL"] == "https://news.example.ch/keller"
    visit = by_code["042"]
    assert visit["Day"] == "20240307" and visit["ActionGeo_FullName"] == "Berlin"
    assert (visit["GoldsteinScale"], visit["QuadClass"]) == ("1.9", "1")  # CAMEO 042
    assert visit["ActionGeo_Type"] == "0" and visit["ActionGeo_Lat"] == ""  # not resolved
    assert meet["FractionDate"] == "2024.1753"  # GDELT's (2 * 30 + 4) / 365, not day 64
    assert [row[f"Actor{n}Geo_Type"] for row in (meet, visit) for n in (1, 2)] == ["0"] * 4
    assert visit["SOURCEURL"] == "urn:newsgraph:berlin0000000002"


def test_an_actor_that_is_a_place_has_its_geography_and_no_place_is_type_0() -> None:
    from newsgraph.export.gdelt_events import row

    article = keller_article()
    event = article.events[0]
    event.actor = EventArgument(text="Zurich", entity="e3", country="CHE")
    event.place = None
    fields = dict(zip(EVENT_COLUMNS, row(article, 0, event), strict=True))
    assert (fields["Actor1Geo_Type"], fields["Actor1Geo_CountryCode"],
            fields["Actor1Geo_FeatureID"]) == ("4", "SZ", "2657896")
    assert fields["Actor2Geo_Type"] == fields["ActionGeo_Type"] == "0"
    assert fields["ActionGeo_FullName"] == fields["Actor2Geo_Lat"] == ""
    assert fields["FractionDate"] == "2024.1753"
    january = row(article.model_copy(update={"published": "1979-01-01"}), 0,
                  event.model_copy(update={"date": None}))
    assert january[EVENT_COLUMNS.index("FractionDate")] == "1979.0027"


def test_graphml_opens_in_networkx_with_a_quote_edge(stored, tmp_path: Path) -> None:
    import networkx as nx

    db, _ = stored
    output = tmp_path / "out.graphml"
    run_export(db, "graphml", output)
    graph = nx.read_graphml(output)
    keller, acme = "PERSON:Anna Keller", "ORG:Acme Corp"
    assert graph.nodes[keller]["speaker"] is True and graph.nodes[keller]["quotes"] == 1
    assert graph.nodes[acme]["articles"] == 2 and graph.nodes[acme]["speaker"] is False
    kinds = {(u, v, data["kind"]) for u, v, data in graph.edges(data=True)}
    assert (keller, acme, "quotes") in kinds
    assert not any(kind == "quotes" and u != keller for u, _, kind in kinds)
    assert (acme, "PERSON:Olaf Scholz", "cooccurs") in kinds


def test_parquet_tables_are_readable(stored, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    db, _ = stored
    output = tmp_path / "tables"
    run_export(db, "parquet", output)
    tables = {path.stem: pq.read_table(path) for path in output.glob("*.parquet")}
    assert set(tables) == {"articles", "entities", "mentions", "quotes", "dates", "amounts",
                           "places", "events"}
    assert tables["articles"].num_rows == 2
    assert tables["mentions"].num_rows == 9
    quote = tables["quotes"].to_pylist()[0]
    assert quote["article_id"] == "keller0000000001"
    assert KELLER[quote["start"]:quote["end"]] == quote["text"]
    assert quote["speaker_entity"] == "e1" and quote["cue"] == "say"
    assert tables["places"].to_pylist()[0]["lat"] == pytest.approx(47.36667)
    events = tables["events"].to_pylist()
    assert {event["cameo"] for event in events} == {"040", "042", "190"}
    assert json.loads(tables["articles"].to_pylist()[0]["versions"]) == {}


def test_export_needs_an_existing_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "jsonl", "--output",
                                 str(tmp_path / "x.jsonl"), "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2


@pytest.mark.parametrize(("name", "lat", "lon", "code"), [
    ("Khan Yunis", 31.34, 34.31, "GZ"),  # Gaza Strip: FIPS GZ, as GDELT codes it
    ("Jenin", 32.46, 35.30, "WE"),  # West Bank
    ("Haifa", 32.79, 34.99, "IS"),
])
def test_gdelt_country_codes_split_the_palestinian_territories(name, lat, lon, code) -> None:
    from newsgraph.export.gdelt import location_fields

    country = "IL" if name == "Haifa" else "PS"
    place = Place(start=0, end=len(name), text=name, name=name, lat=lat, lon=lon,
                  country=country, feature="city")
    fields = location_fields(place)
    assert fields is not None and fields[2] == code


def test_tone_fills_v15tone_gcam_word_count_and_avgtone() -> None:
    from newsgraph.export import gkg
    from newsgraph.export.gdelt_events import row
    from newsgraph.model import Tone

    article = keller_article()
    article.tone = Tone(tone=-2.5, positive=5, negative=7.5, polarity=12.5, activity=10.25,
                        self_group=2.5, words=40)
    record = dict(zip(GKG_COLUMNS, gkg.row(article, "r-0", "20240101000000"), strict=True))
    assert record["V1.5TONE"] == "-2.5,5,7.5,12.5,10.25,2.5,40"
    assert record["V2GCAM"] == "wc:40,c0.1:2,c0.2:3"  # 5 % and 7.5 % of 40 words
    event = row(article, 0, article.events[0])
    assert event[EVENT_COLUMNS.index("AvgTone")] == "-2.5"


def test_gkg_date_is_the_publish_time_in_gdelts_stamp_form() -> None:
    """V2.1DATE is YYYYMMDDHHMMSS: the 15-minute update of the publish time in UTC; midnight
    of a bare publish day; without a date, the update the store took the article in."""
    from datetime import UTC, datetime

    from newsgraph.export.gdelt import publish_stamp

    article = keller_article()
    assert publish_stamp(article, "20990101000000") == "20240306000000"
    article.published = "2024-03-06T23:59:59-01:00"
    assert publish_stamp(article, "20990101000000") == "20240307004500"
    article.published = "2024-03-06T08:14:00"  # no zone: taken as UTC
    assert publish_stamp(article, "20990101000000") == "20240306080000"
    article.published = None
    assert publish_stamp(article, "20990101000000") == "20990101000000"
    article._added = datetime(2024, 3, 8, 10, 31, tzinfo=UTC)
    assert publish_stamp(article, "20990101000000") == "20240308103000"


def test_gdelt_py_parses_every_events_and_gkg_row(stored, tmp_path: Path) -> None:
    """The PyPI client `gdelt-py` (py_gdelt) reads our files with its own parsers and models."""
    pytest.importorskip("py_gdelt", reason="gdelt-py is in the test extra")
    from py_gdelt.models.events import Event as GdeltEvent
    from py_gdelt.models.gkg import GKGRecord
    from py_gdelt.parsers.events import EventsParser
    from py_gdelt.parsers.gkg import GKGParser

    db, _ = stored
    run_export(db, "events", tmp_path / "out.events")
    run_export(db, "gkg", tmp_path / "out.gkg")
    events_data = (tmp_path / "out.events").read_bytes()
    events = [GdeltEvent.from_raw(raw) for raw in EventsParser().parse(events_data)]
    assert len(events) == events_data.count(b"\n") == 2
    meet = next(e for e in events if e.event_code == "040")
    assert (meet.goldstein_scale, meet.quad_class, meet.is_root_event) == (1.0, 1, True)
    assert meet.actor1.code == "CHEGOV" and meet.actor2.name == "ACME CORP"
    assert meet.action_geo.country_code == "SZ" and meet.action_geo.geo_type == 4
    assert meet.source_url == "https://news.example.ch/keller"
    gkg_data = (tmp_path / "out.gkg").read_bytes()
    records = [GKGRecord.from_raw(raw) for raw in GKGParser().parse(gkg_data)]
    assert len(records) == gkg_data.count(b"\n") == 2
    keller = next(r for r in records if r.source_url.endswith("/keller"))
    assert keller.source_name == "example.ch" and keller.source_collection == 1
    assert [p.name for p in keller.persons] == ["Anna Keller", "Keller"]
    assert keller.date.strftime("%Y%m%d%H%M%S") == "20240306000000"
    # (gdelt-py 0.1.11 splits V2GCAM on ";", but the codebook's blocks, ours and those of
    # GDELT's own rows (test_export_mentions.py) are separated by ",": its `gcam` is empty.)
    # (gdelt-py 0.1.11 splits V2.1QUOTATIONS on "|" between quotes and "#" within one, the
    # reverse of the GKG 2.1 codebook, so its quotations are not compared here.)
