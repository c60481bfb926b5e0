"""Portrayal: the target-sentiment model, its features, the stage, and the two commands."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.stages.portrayal_features import bucket, token_range
from newsgraph.stages.portrayal_model import LABELS, MODEL_PATH, load_portrayal_model
from tests.conftest import EVAL

SENTIMENT = EVAL / "sentiment"
runner = CliRunner()

SMITH = ("Prosecutors charged Mayor John Smith with fraud and bribery on Monday. Critics called "
         "Smith a corrupt disgrace. Meanwhile, residents praised firefighter Anna Lopez for her "
         "heroic rescue.")


def test_the_shipped_model_is_small_and_loads_without_network(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the model tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    assert MODEL_PATH.stat().st_size < 5_000_000
    model = load_portrayal_model()
    assert model.weights.shape == (len(model.columns), len(LABELS))
    (label, probability), = model.predict([{}])  # no features: the prior (bias) alone
    assert label in LABELS and 0 < probability < 1


def test_distance_buckets_and_token_ranges(parse) -> None:
    assert [bucket(d) for d in (-1, -3, -4, -9, 1, 2, 7, 8)] == [
        "L1", "L2-3", "L4-7", "L8+", "R1", "R2-3", "R4-7", "R8+"]
    sentence = parse("Critics called John Smith a disgrace.").doc[:]
    assert token_range(sentence, 15, 25) == (2, 4)  # "John Smith"
    assert token_range(sentence, 100, 110) is None


def test_the_stage_gives_mentions_polarity_and_entities_a_portrayal() -> None:
    from newsgraph.model import Source
    from newsgraph.pipeline import Analyzer
    from newsgraph.settings import Settings

    (article,) = Analyzer(Settings(stages=("entities", "tone", "portrayal"))).analyze_batch(
        [Source(text=SMITH, origin="t")])
    (smith,) = [e for e in article.entities if e.name == "John Smith"]
    (lopez,) = [e for e in article.entities if e.name == "Anna Lopez"]
    assert all(m.polarity == "negative" for m in smith.mentions)
    assert smith.portrayal.negative == len(smith.mentions) and smith.portrayal.score < -0.3
    assert lopez.mentions[0].polarity == "positive" and lopez.portrayal.score > 0.3
    for entity in article.entities:
        assert sum((entity.portrayal.negative, entity.portrayal.neutral,
                    entity.portrayal.positive)) == len(entity.mentions)
        assert all(0 < m.polarity_score <= 1 for m in entity.mentions)


def _fixture(path: Path) -> Path:
    """Two sentences of our own in NewsMTSC's format (gold polarity present, to be ignored)."""
    records = [
        {"primary_gid": "s1", "sentence_normalized": SMITH.split(". ")[1],
         "targets": [{"Input.gid": "s1-smith", "from": 14, "to": 19, "mention": "Smith",
                      "polarity": 2.0}]},
        {"primary_gid": "s2", "sentence_normalized": SMITH.split(". ")[2],
         "targets": [{"Input.gid": "s2-residents", "from": 11, "to": 20, "mention": "residents",
                      "polarity": 4.0},
                     {"Input.gid": "s2-lopez", "from": 51, "to": 61, "mention": "Anna Lopez",
                      "polarity": 6.0, "further_mentions": [{"from": 66, "to": 69}]}]},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_sentiment_command_writes_one_line_per_target(tmp_path: Path) -> None:
    source = _fixture(tmp_path / "in.jsonl")
    result = runner.invoke(app, ["sentiment", str(source), "--output", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in (tmp_path / "o").read_text().splitlines()]
    assert [line["id"] for line in lines] == ["s1-smith", "s2-residents", "s2-lopez"]
    assert all(set(line) == {"id", "polarity"} and line["polarity"] in LABELS for line in lines)
    assert lines[0]["polarity"] == "negative" and lines[2]["polarity"] == "positive"


def test_sentiment_command_names_a_bad_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"targets": []}\n', encoding="utf-8")
    result = runner.invoke(app, ["sentiment", str(bad)])
    assert result.exit_code == 2 and "bad.jsonl:1" in result.output


def test_scores_match_the_reference_scorers_definition(tmp_path: Path) -> None:
    from newsgraph.eval.sentiment import read_records, score

    records = read_records(_fixture(tmp_path / "gold.jsonl"))
    predicted = [{"id": "s1-smith", "polarity": "negative"},
                 {"id": "s2-residents", "polarity": "positive"}]  # one wrong, one missing
    result = score(records, predicted)
    assert result["accuracy"] == pytest.approx(1 / 3, abs=1e-4)
    assert result["per_class"]["negative"]["f1"] == 1.0
    assert result["per_class"]["neutral"]["f1"] == 0.0
    assert result["per_class"]["positive"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0,
                                               "support": 1}


@pytest.mark.skipif(not (SENTIMENT / "newsmtsc_dev_mt.jsonl").exists(),
                    reason="shared/eval/sentiment (NewsMTSC) not available")
def test_dev_mt_floor_and_same_numbers_as_the_reference_scorer(tmp_path: Path) -> None:
    import subprocess
    import sys

    gold = SENTIMENT / "newsmtsc_dev_mt.jsonl"
    predictions = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["eval", "sentiment", str(gold), "--json",
                                 "--predictions", str(predictions)])
    assert result.exit_code == 0, result.output
    ours = json.loads(result.output.strip().splitlines()[-1])
    assert ours["newsgraph"]["f1m"] >= 0.645  # pinned floor (measured .655; VADER .496)
    assert ours["newsgraph"]["f1m"] > ours["vader (whole sentence)"]["f1m"] + 0.1
    reference = subprocess.run(
        [sys.executable, str(SENTIMENT / "score_sentiment.py"), str(gold), str(predictions),
         "--json"], capture_output=True, text=True, check=True)
    assert json.loads(reference.stdout)["f1m"] == ours["newsgraph"]["f1m"]
