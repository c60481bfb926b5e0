"""`newsgraph eval events GOLD --texts TEXTS`: a sentence set of {id, events} lines whose
texts are joined by id (NewsMTSC's `primary_gid` / `sentence_normalized` understood)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.eval.events import ScoringError, sentence_texts

runner = CliRunner()

#: Sentences of our own, written for this test, in NewsMTSC's field names.
TEXTS = [
    {"primary_gid": "s1", "sentence_normalized": "Rebels attacked the town of Goma on Monday.",
     "targets": []},
    {"primary_gid": "s2", "sentence_normalized": "Police arrested 30 people in Istanbul.",
     "targets": []},
    {"primary_gid": "s3", "sentence_normalized": "The weather was fine all week.", "targets": []},
]
GOLD = [
    {"id": "s1", "events": [{"start": 7, "end": 15, "trigger": "attacked", "type": "ASSAULT",
                             "actor": "Rebels", "target": "the town of Goma | Goma"}]},
    {"id": "s2", "events": [{"start": 7, "end": 15, "trigger": "arrested", "type": "COERCE",
                             "actor": "Police", "target": "30 people"}]},
    {"id": "s3", "events": []},
]


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_texts_are_joined_by_id_or_primary_gid(tmp_path: Path) -> None:
    texts = _write(tmp_path / "texts.jsonl", TEXTS)
    joined = sentence_texts(GOLD, str(texts))
    assert [r["text"] for r in joined] == [t["sentence_normalized"] for t in TEXTS]
    for record in joined:  # the annotated offsets point at their triggers
        for event in record["events"]:
            assert record["text"][event["start"]:event["end"]] == event["trigger"]
    # an {id, text} file works the same, and a gold record with its own text keeps it
    plain = _write(tmp_path / "plain.jsonl", [{"id": "s1", "text": "Other words."}])
    kept = {"id": "s2", "text": "Its own text.", "events": []}
    assert [r["text"] for r in sentence_texts([GOLD[0], kept], str(plain))] == \
        ["Other words.", "Its own text."]


def test_a_missing_text_is_a_clear_error(tmp_path: Path) -> None:
    texts = _write(tmp_path / "texts.jsonl", TEXTS[:2])
    with pytest.raises(ScoringError, match=r"1 gold records have no text there .*s3"):
        sentence_texts(GOLD, str(texts))
    gold = _write(tmp_path / "gold.jsonl", GOLD)
    result = runner.invoke(app, ["eval", "events", str(gold), "--texts", str(texts)])
    assert result.exit_code == 2
    assert "s3" in result.output
    result = runner.invoke(app, ["eval", "events", str(gold)])
    assert result.exit_code == 2 and "--texts" in result.output


def test_eval_events_scores_a_sentence_set_with_joined_texts(tmp_path: Path) -> None:
    """Each one-line sentence is analysed as body text (not taken for a headline), and the
    set is scored like the GSR sets, plus (type, actor, target) as events-news does."""
    texts = _write(tmp_path / "texts.jsonl", TEXTS)
    gold = _write(tmp_path / "gold.jsonl", GOLD)
    predictions = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["eval", "events", str(gold), "--texts", str(texts), "--json",
                                 "--predictions", str(predictions)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["records"] == 3
    assert data["coders"]["newsgraph"]["micro"]["f1"] == 1.0
    full = data["type_actor_target"]
    assert full["gold"] == 2 and full["full"]["recall"] == 1.0
    assert full["full"]["precision"] == 1.0
    # a prediction file is scored without running, with the same figures
    again = runner.invoke(app, ["eval", "events", str(gold), "--texts", str(texts), "--json",
                                "--pred", str(predictions)])
    assert json.loads(again.stdout)["type_actor_target"] == full


#: NewsMTSC's dev_mt split, beside the repository as in the documented commands.
NEWSMTSC = Path(__file__).resolve().parents[2] / "shared/eval/sentiment/newsmtsc_dev_mt.jsonl"


def _selection(part: str) -> list[str]:
    """The keys of a part, in order, by the committed selection script."""
    import importlib.util

    script = Path(__file__).resolve().parents[1] / "scripts/select_events_newsmtsc.py"
    spec = importlib.util.spec_from_file_location("select_events_newsmtsc", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [key for key in module.ordered_keys(NEWSMTSC) if module.part_of(key) == part]


@pytest.mark.skipif(not NEWSMTSC.exists(), reason="shared eval data not present")
def test_the_tune_set_is_a_prefix_of_its_selection_and_points_at_its_triggers() -> None:
    from importlib.resources import files

    from newsgraph.stages.events.lexicon import EVENT_TYPES

    path = files("newsgraph").joinpath("data", "events_sentences_newsmtsc_tune.jsonl")
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(gold) >= 160
    assert [record["id"] for record in gold] == _selection("tune")[:len(gold)]
    joined = sentence_texts(gold, str(NEWSMTSC))
    for record in joined:
        assert set(record) == {"id", "events", "text"}  # no text stored in the repository
        for event in record["events"]:
            assert event["type"] in EVENT_TYPES
            assert record["text"][event["start"]:event["end"]] == event["trigger"]
            for role in ("actor", "target"):
                for alternative in (event[role] or "").split(" | "):
                    assert alternative in record["text"]
