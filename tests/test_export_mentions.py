"""GDELT Event Mentions 2.0 rows and DATEADDED, and the exports read by gdeltPyR (`gdelt`).

Articles written for these tests: one event reported in two sentences (the trigger's and a
restatement), one negated event (not exported).
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import shutil
import sys
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.export.gdelt import update_stamp
from newsgraph.export.gdelt_events import COLUMNS as EVENT_COLUMNS
from newsgraph.export.gdelt_mentions import COLUMNS, rows, sentence_number, sentence_starts
from newsgraph.model import Article, Entity, Event, EventArgument, Mention, Span

runner = CliRunner()

TEXT = ("The mayor of Lindau met the ferry workers on Tuesday. Talks went on for hours.\n\n"
        "After the meeting with the workers, Mayor Vera Holt said a deal was close. "
        "Nobody attacked the harbour office.")


def _span(part: str, after: int = 0) -> Span:
    start = TEXT.index(part, after)
    return Span(start=start, end=start + len(part), text=part)


def meeting_article(url: str | None = "https://www.lakeside-news.example.de/ferry") -> Article:
    """One asserted meeting reported twice, and a negated attack."""
    first = _span("The mayor of Lindau met the ferry workers on Tuesday.")
    again = _span("After the meeting with the workers, Mayor Vera Holt said a deal was close.")
    mayor, workers = _span("The mayor"), _span("the ferry workers")
    holt = _span("Vera Holt")
    return Article(
        id="ferry00000000001", url=url, site="Lakeside News", published="2024-07-02",
        language="en", text=TEXT,
        entities=[
            Entity(id="m", name="Vera Holt", type="PERSON", mentions=[
                Mention(start=mayor.start, end=mayor.end, text=mayor.text, kind="description"),
                Mention(start=holt.start, end=holt.end, text=holt.text)]),
            Entity(id="w", name="ferry workers", type="NORP", mentions=[
                Mention(start=workers.start, end=workers.end, text=workers.text)]),
        ],
        events=[
            Event(type="CONSULT", cameo="040", trigger=_span("met"), evidence=[again, first],
                  actor=EventArgument(text=mayor.text, entity="m", start=mayor.start,
                                      end=mayor.end),
                  target=EventArgument(text=workers.text, entity="w", start=workers.start,
                                       end=workers.end)),
            Event(type="ASSAULT", cameo="190", negated=True, trigger=_span("attacked"),
                  evidence=[_span("Nobody attacked the harbour office.")]),
        ],
    )


def test_update_stamp_is_the_fifteen_minute_update_in_utc() -> None:
    assert update_stamp(datetime(2024, 7, 2, 10, 52, 7, tzinfo=UTC)) == "20240702104500"
    assert update_stamp(datetime(2024, 7, 2, 10, 45, 0, tzinfo=UTC)) == "20240702104500"
    assert update_stamp(datetime(2024, 7, 2, 10, 44, 59)) == "20240702103000"  # naive: UTC
    plus_two = datetime(2024, 7, 2, 0, 10, tzinfo=UTC).astimezone(
        __import__("datetime").timezone(timedelta(hours=2)))
    assert update_stamp(plus_two) == "20240702000000"


def test_sentence_numbers_count_from_one() -> None:
    starts = sentence_starts(meeting_article())
    assert sentence_number(starts, 0) == 1
    assert sentence_number(starts, TEXT.index("Talks")) == 2
    assert sentence_number(starts, TEXT.index("After")) == 3
    assert sentence_number(starts, TEXT.index("Nobody")) == 4


def test_one_row_per_reporting_sentence_of_each_asserted_event() -> None:
    article = meeting_article()
    now = datetime(2024, 7, 2, 9, 31, tzinfo=UTC)
    found = [dict(zip(COLUMNS, fields, strict=True)) for fields in rows(article, now)]
    assert len(found) == 2  # the negated attack has no rows
    assert all(len(row) == 16 for row in found)
    first, again = found  # in text order
    assert first["GlobalEventID"] == again["GlobalEventID"]
    assert first["EventTimeDate"] == first["MentionTimeDate"] == "20240702093000"
    assert (first["MentionType"], first["MentionSourceName"]) == ("1", "example.de")
    assert first["MentionIdentifier"] == article.url
    assert (first["SentenceID"], again["SentenceID"]) == ("1", "3")
    assert first["ActionCharOffset"] == str(TEXT.index("met"))
    assert first["Actor1CharOffset"] == "0"
    assert first["Actor2CharOffset"] == str(TEXT.index("the ferry workers"))
    assert (first["InRawText"], first["Confidence"]) == ("1", "100")
    # The restatement: the mayor is named there; the workers' entity has no mention there.
    assert again["Actor1CharOffset"] == str(TEXT.index("Vera Holt"))
    assert again["Actor2CharOffset"] == "-1"
    assert again["ActionCharOffset"] == str(TEXT.index("After"))
    assert (again["InRawText"], again["Confidence"]) == ("0", "50")
    assert first["MentionDocLen"] == str(len(TEXT)) and first["MentionDocTone"] == "0"
    assert first["MentionDocTranslationInfo"] == first["Extras"] == ""


def test_an_article_without_url_is_a_citation_and_an_event_without_evidence_one_row() -> None:
    article = meeting_article(url=None)
    article.events[0].evidence = []
    (only,) = rows(article)
    fields = dict(zip(COLUMNS, only, strict=True))
    assert fields["MentionType"] == "2"
    assert fields["MentionIdentifier"] == "urn:newsgraph:ferry00000000001"
    assert fields["ActionCharOffset"] == str(TEXT.index("met")) and fields["InRawText"] == "1"


@pytest.fixture()
def exported(store_databases, tmp_path: Path) -> tuple[dict[str, Path], datetime, datetime]:
    """Events, Mentions and GKG files of a store holding the meeting article."""
    from newsgraph.store import Store

    before = datetime.now(UTC)
    with Store.open(store_databases.url) as store:
        store.add_many([meeting_article()])
    after = datetime.now(UTC)
    files = {}
    for fmt in ("events", "mentions", "gkg"):
        files[fmt] = tmp_path / f"out.{fmt}"
        result = runner.invoke(app, ["export", "--format", fmt, "--output", str(files[fmt]),
                                     "--db", store_databases.url])
        assert result.exit_code == 0, result.output
    return files, before, after


def _table(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def test_dateadded_is_the_update_the_store_took_the_article_in(exported) -> None:
    files, before, after = exported
    (event,) = _table(files["events"])
    added = event[EVENT_COLUMNS.index("DATEADDED")]
    assert added in {update_stamp(before), update_stamp(after)}
    mentions = _table(files["mentions"])
    assert len(mentions) == int(event[EVENT_COLUMNS.index("NumMentions")]) == 2
    assert {row[0] for row in mentions} == {event[0]}
    assert {row[1] for row in mentions} == {added}


def test_an_undated_article_s_events_take_the_day_of_the_update_that_took_it_in() -> None:
    """GDELT dates every event; gdelt-py rejects a row without Day ("SQLDATE"). Without an
    event or publish date the day is DATEADDED's (UTC), from the store or else the export."""
    from datetime import date

    from newsgraph.export.gdelt_events import _fraction, row

    article = meeting_article()
    article.published = None
    article._added = datetime(2024, 7, 3, 23, 52, tzinfo=UTC)
    stored = dict(zip(EVENT_COLUMNS, row(article, 0, article.events[0]), strict=True))
    assert (stored["Day"], stored["MonthYear"], stored["Year"]) == ("20240703", "202407", "2024")
    assert stored["FractionDate"] == _fraction(date(2024, 7, 3))
    assert stored["DATEADDED"] == "20240703234500"
    article._added = None
    late = datetime(2024, 7, 4, 1, 20, tzinfo=UTC)
    exported = dict(zip(EVENT_COLUMNS, row(article, 0, article.events[0], late), strict=True))
    assert (exported["Day"], exported["DATEADDED"]) == ("20240704", "20240704011500")
    article.published = "2024-06-30"  # a publish day still comes first
    assert row(article, 0, article.events[0], late)[EVENT_COLUMNS.index("Day")] == "20240630"

    pytest.importorskip("py_gdelt", reason="gdelt-py is in the test extra")
    from py_gdelt.models.events import Event as GdeltEvent
    from py_gdelt.parsers.events import EventsParser

    line = "\t".join(stored.values()).encode()
    (parsed,) = [GdeltEvent.from_raw(raw) for raw in EventsParser().parse(line)]
    assert parsed.date == date(2024, 7, 3)


def _zipped(path: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.write(path, arcname="export.CSV")
    return buffer.getvalue()


def _import_gdeltpyr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """gdeltPyR, imported from a copy that has its data files beside it.

    Its wheel installs the column tables under `<prefix>/data`, but the package reads them from
    the folder above itself and, not finding them there, fetches them over the network at
    import; a copy of the package and its data in one folder imports offline.
    """
    spec = importlib.util.find_spec("gdelt")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("gdeltPyR (PyPI `gdelt`, in the test extra) is not installed")
    package = Path(next(iter(spec.submodule_search_locations)))
    data = next((folder for folder in (package.parent / "data", Path(sys.prefix) / "data")
                 if (folder / "cameoCodes.json").exists()), None)
    if data is None:
        pytest.skip("gdeltPyR's data files are not installed")
    root = tmp_path / "gdeltpyr"
    shutil.copytree(package, root / "gdelt", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(data, root / "data")
    monkeypatch.syspath_prepend(str(root))
    for name in [name for name in sys.modules if name.split(".")[0] == "gdelt"]:
        monkeypatch.delitem(sys.modules, name)
    return importlib.import_module("gdelt")


def test_gdeltpyr_reads_events_mentions_and_gkg_into_its_columns(
        exported, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """gdeltPyR fetches GDELT's zipped 15-minute files over HTTP; it is given ours instead."""
    gdelt = _import_gdeltpyr(tmp_path, monkeypatch)
    import requests

    files, _, _ = exported
    served = {".export.CSV.zip": files["events"], ".mentions.CSV.zip": files["mentions"],
              ".gkg.csv.zip": files["gkg"]}
    asked: list[str] = []

    def local_get(url: str, **_: object) -> SimpleNamespace:
        asked.append(url)
        (path,) = [path for ending, path in served.items() if url.endswith(ending)]
        return SimpleNamespace(status_code=200, content=_zipped(path))

    monkeypatch.setattr(requests, "get", local_get)
    client = gdelt.gdelt(version=2)
    frames = {table: client.Search("2024 07 02", table=table, output="df")
              for table in ("events", "mentions", "gkg")}
    assert len(asked) == 3
    (event,) = _table(files["events"])
    events = frames["events"]
    assert len(events) == 1
    assert str(events["GLOBALEVENTID"].iloc[0]) == event[0]
    assert str(events["EventCode"].iloc[0]).zfill(3) == "040"
    assert str(events["DATEADDED"].iloc[0]) == event[EVENT_COLUMNS.index("DATEADDED")]
    assert events["SOURCEURL"].iloc[0] == meeting_article().url
    mentions = frames["mentions"]
    assert len(mentions) == 2 and len(mentions.columns) == 16
    assert [str(value) for value in mentions["GLOBALEVENTID"]] == [event[0]] * 2
    assert list(mentions["SentenceID"]) == [1, 3]
    assert list(mentions["Confidence"]) == [100, 50]
    assert list(mentions["MentionDocLen"]) == [len(TEXT)] * 2
    gkg = frames["gkg"]
    assert len(gkg) == 1 and len(gkg.columns) == 27
    assert gkg["DocumentIdentifier"].iloc[0] == meeting_article().url


def test_fraction_date_and_dateadded_follow_gdelts_own_sample_rows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """gdeltPyR ships 50 real Events 2.0 rows and 50 Mentions rows: our FractionDate formula
    gives their FractionDate from their day; their DATEADDED, EventTimeDate and
    MentionTimeDate are 15-minute update stamps, as ours are; the Mentions columns are ours."""
    gdelt = _import_gdeltpyr(tmp_path, monkeypatch)
    import pandas

    from newsgraph.export.gdelt_events import _fraction

    data = Path(gdelt.__file__).resolve().parents[1] / "data"
    events = pandas.read_pickle(data / "events2samp.gz")
    assert len(events) == 50
    for day, fraction, added in zip(events["SQLDATE"], events["FractionDate"],
                                    events["DATEADDED"], strict=True):
        assert _fraction(datetime.strptime(str(day), "%Y%m%d").date()) == f"{fraction:.4f}"
        moment = datetime.strptime(str(added), "%Y%m%d%H%M%S")
        assert update_stamp(moment) == str(added)
    mentions = pandas.read_pickle(data / "mentionssamp.gz")
    assert [name.lower() for name in mentions.columns] == [name.lower() for name in COLUMNS]
    for first, now in zip(mentions["EventTimeDate"], mentions["MentionTimeDate"], strict=True):
        stamps = [datetime.strptime(str(value), "%Y%m%d%H%M%S") for value in (first, now)]
        assert [update_stamp(moment) for moment in stamps] == [str(first), str(now)]
        assert stamps[0] <= stamps[1]  # a mention of an event seen in this or an earlier update


def test_gkg_date_and_gcam_have_the_shape_of_gdelts_own_gkg_rows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """gdeltPyR ships 50 real GKG 2.1 rows: their V2.1DATE is a 15-minute update stamp and their
    V2GCAM comma-separated `key:value` blocks, word count first; ours have the same shapes."""
    gdelt = _import_gdeltpyr(tmp_path, monkeypatch)
    import pandas

    from newsgraph.export import gkg
    from newsgraph.model import Tone

    data = Path(gdelt.__file__).resolve().parents[1] / "data"
    sample = pandas.read_pickle(data / "gkg2samp.gz")
    assert len(sample) == 50

    def blocks(value: str) -> list[tuple[str, float]]:
        return [(key, float(number)) for key, number in
                (block.split(":") for block in value.split(","))]

    for day, value in zip(sample["date"], sample["gcam"], strict=True):
        assert update_stamp(datetime.strptime(str(day), "%Y%m%d%H%M%S")) == str(day)
        assert blocks(str(value))[0][0] == "wc"
    article = meeting_article()
    article.published = "2024-07-02T09:58:31+02:00"
    article.tone = Tone(tone=1.0, positive=4, negative=3, polarity=7, activity=20,
                        self_group=0, words=50)
    record = dict(zip(gkg.COLUMNS, gkg.row(article, "r-0", "20240801000000"), strict=True))
    assert record["V2.1DATE"] == "20240702074500"  # 07:58:31 UTC, in the 07:45 update
    assert blocks(record["V2GCAM"]) == [("wc", 50.0), ("c0.1", 2.0), ("c0.2", 2.0)]
