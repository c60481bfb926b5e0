"""`eval events-news` on texts kept in a `body` field with a `date` (the naeb layout), and the
blind naeb held-out set shipped in newsgraph/data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.eval.events import ScoringError, _published_from_id, news_annotations, news_texts
from tests.conftest import EVAL

NAEB = EVAL / "extract" / "naeb" / "gold.jsonl"
AUDIT = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "events_audit_naeb.jsonl"
BODY = "The mayor of Tarnby accused the harbour board of hiding its accounts on Tuesday."


def _write(path: Path, rows: list[dict]) -> str:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return str(path)


def _gold(tmp_path: Path) -> str:
    return _write(tmp_path / "gold.jsonl", [{"article": "f00d", "events": [
        {"start": 19, "end": 27, "trigger": "accused", "type": "ACCUSE",
         "actor": "The mayor of Tarnby", "target": "the harbour board"}]}])


def test_texts_come_from_body_with_their_date_and_undated_ids_stay_undated(tmp_path):
    texts = _write(tmp_path / "texts.jsonl", [
        {"id": "f00d", "body": BODY, "title": "A mayor", "date": "2023-12-19"},
        {"id": "beef", "body": "Not annotated."}])
    records = news_texts(news_annotations(_gold(tmp_path)), texts)
    assert records == [{"id": "f00d", "text": BODY, "date": "2023-12-19"}]
    assert _published_from_id(records[0]) == "2023-12-19"
    assert _published_from_id({"id": "f00d", "text": BODY}) is None
    assert _published_from_id({"id": "nyt_2016-02-08_a-slug", "text": BODY}) == "2016-02-08"
    assert _published_from_id({"id": "x", "date": "last week"}) is None


def test_a_text_line_without_text_or_body_is_a_clear_error(tmp_path):
    texts = _write(tmp_path / "texts.jsonl", [{"id": "f00d", "title": "only a title"}])
    with pytest.raises(ScoringError, match="no text"):
        news_texts(news_annotations(_gold(tmp_path)), texts)


def test_the_cli_runs_the_pipeline_on_body_texts(tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    gold = _gold(tmp_path)
    texts = _write(tmp_path / "texts.jsonl", [{"id": "f00d", "body": BODY,
                                               "date": "2023-12-19"}])
    result = CliRunner().invoke(app, ["eval", "events-news", "--annotations", gold,
                                      "--texts", texts, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["articles"] == 1 and data["gold"] == 1


@pytest.mark.skipif(not NAEB.exists(), reason="shared eval data not present")
def test_the_naeb_held_out_set_points_at_its_triggers_and_avoids_the_audited_articles():
    from importlib.resources import files

    from newsgraph.stages.events.lexicon import EVENT_TYPES

    path = files("newsgraph").joinpath("data", "events_news_naeb.jsonl")
    held_out = news_annotations(str(path))
    texts = {r["id"]: r["body"] for r in map(json.loads, NAEB.open(encoding="utf-8"))}
    audited = {json.loads(line)["id"] for line in AUDIT.open(encoding="utf-8")}
    assert len(held_out) >= 23
    assert not {r["article"] for r in held_out} & audited
    for number, record in enumerate(held_out):  # the first 20 by rules 3-4, then rule 6
        low, high = (1000, 6000) if number < 20 else (6001, 9000)
        assert low <= len(texts[record["article"]]) <= high
        for event in record["events"]:
            assert event["type"] in EVENT_TYPES
            assert texts[record["article"]][event["start"]:event["end"]] == event["trigger"]
