"""The real-news event set: our annotations, the (type, actor, target) scorer and its CLI."""

from __future__ import annotations

import json

import pytest

from newsgraph.eval.events import argument_matches, news_annotations, score_news
from tests.conftest import EVAL

POLNEAR_DEV = EVAL / "quotes" / "polnear_dev.jsonl"
POLNEAR_TRAIN = EVAL / "quotes" / "polnear_train.jsonl"


def test_arguments_match_on_a_shared_content_word_or_an_alternative():
    assert argument_matches("Rep. Ada Lovelace", "Lovelace")
    assert argument_matches("the ministry | Ada Lovelace", "Lovelace, the minister")
    assert not argument_matches("the ministry", "the army")
    assert argument_matches(None, None)
    assert not argument_matches(None, "the army") and not argument_matches("army", None)


def test_precision_and_recall_of_type_actor_and_target_per_article():
    gold = [{"article": "a", "events": [
        {"type": "ACCUSE", "actor": "Senator Vale", "target": "the ministry"},
        {"type": "REQUEST", "actor": "unions", "target": None}]},
        {"article": "b", "events": []}]
    pred = [{"id": "a", "events": [
        {"type": "ACCUSE", "actor": "Vale", "target": "ministry"},  # right
        {"type": "ACCUSE", "actor": "Vale", "target": "ministry"},  # a restatement: right too
        {"type": "REQUEST", "actor": "unions", "target": "the ministry"}]},  # wrong target
        {"id": "b", "events": [{"type": "ASSAULT", "actor": None, "target": None}]}]
    scores = score_news(gold, pred)
    assert (scores.predicted, scores.predicted_right) == (4, 2)
    assert scores.predicted_right_once == 1  # the restatement is right only once
    assert (scores.gold, scores.gold_found) == (2, 1)
    data = scores.to_dict()
    assert data["type_only"]["recall"] == 1.0 and data["type_only"]["precision"] == 0.5
    assert data["per_type"]["ACCUSE"] == {"predicted": 2, "predicted_right": 2, "gold": 1,
                                          "gold_found": 1}
    assert {e["kind"] for e in scores.errors} == {"wrong", "missed"}


def test_the_shipped_set_has_thirty_articles_with_typed_events():
    from newsgraph.stages.events.lexicon import EVENT_TYPES

    annotations = news_annotations()
    assert len(annotations) >= 30
    events = [e for record in annotations for e in record["events"]]
    assert len(events) >= 200
    assert {e["type"] for e in events} <= set(EVENT_TYPES)
    assert all(e["start"] < e["end"] for e in events)


@pytest.mark.skipif(not POLNEAR_DEV.exists(), reason="shared eval data not present")
def test_the_annotated_offsets_point_at_their_triggers():
    texts = {r["id"]: r["text"] for r in map(json.loads, POLNEAR_DEV.open(encoding="utf-8"))}
    for record in news_annotations():
        text = texts[record["article"]]
        for event in record["events"]:
            assert text[event["start"]:event["end"]] == event["trigger"]


@pytest.mark.skipif(not POLNEAR_TRAIN.exists(), reason="shared eval data not present")
def test_the_held_out_set_is_twelve_train_articles_whose_offsets_point_at_triggers():
    from importlib.resources import files

    from newsgraph.stages.events.lexicon import EVENT_TYPES

    path = files("newsgraph").joinpath("data", "events_news_polnear_train.jsonl")
    held_out = news_annotations(str(path))
    texts = {r["id"]: r["text"] for r in map(json.loads, POLNEAR_TRAIN.open(encoding="utf-8"))}
    assert len(held_out) == 12
    assert not {r["article"] for r in held_out} & {r["article"] for r in news_annotations()}
    for record in held_out:
        for event in record["events"]:
            assert event["type"] in EVENT_TYPES
            assert texts[record["article"]][event["start"]:event["end"]] == event["trigger"]


def test_the_cli_scores_a_prediction_file(tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    annotations = tmp_path / "gold.jsonl"
    annotations.write_text(json.dumps({"article": "a", "events": [
        {"start": 0, "end": 4, "trigger": "hit", "type": "ACCUSE", "actor": "Vale",
         "target": "ministry"}]}) + "\n", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"id": "a", "events": [
        {"type": "ACCUSE", "actor": "Vale", "target": "the ministry"}]}) + "\n",
        encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "events-news", "--annotations", str(annotations),
                                      "--pred", str(pred), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["full"]["precision"] == 1.0 and data["full"]["recall"] == 1.0
