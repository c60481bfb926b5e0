"""`newsgraph eval extract`: the scorer matches score_extract.py; the command runs end to end."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.eval.extract import score
from tests.conftest import EVAL
from tests.test_html import PARAGRAPHS, news_page

SCORER = EVAL / "extract" / "score_extract.py"

GOLD = [
    {"id": "a", "body": "One two three four five six seven.", "title": "The “Title” — A",
     "date": "2024-05-10", "authors": ["Jane Doe", "John Roe"]},
    {"id": "b", "body": "short text", "title": "B", "authors": ["X"]},
    {"id": "c", "with": ["must be here", "and this"], "without": ["not this"],
     "date": "2020-01-02"},
    {"id": "d", "body": "Missing prediction scores zero everywhere it has gold."},
    {"id": "e", "body": "No byline on this page at all, really."},
]
PREDICTIONS = {
    "a": {"body": "one two  three four five six eight", "title": 'the "title" - a',
          "date": "2024-05-10T08:00:00Z", "authors": ["By Jane Doe & Someone Else"]},
    "b": {"body": "short text", "title": "b", "authors": "x"},
    "c": {"body": "It must be here, and this; not this", "date": "2020-1-2"},
    "e": {"body": "No byline on this page at all.", "authors": ["Invented Person"]},
}


@pytest.mark.skipif(not SCORER.exists(), reason="shared eval scorer not available")
def test_scores_match_score_extract(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("score_extract", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_path.write_text("\n".join(json.dumps(g) for g in GOLD))
    pred_path.write_text("\n".join(json.dumps({"id": k, **v}) for k, v in PREDICTIONS.items()))
    expected = module.score(str(tmp_path), str(pred_path))
    ours = score(GOLD, PREDICTIONS)
    for key in ("body_precision", "body_recall", "body_f1", "snippet_precision",
                "snippet_recall", "snippet_f1", "title_acc", "date_acc", "authors_f1"):
        assert ours[key] == pytest.approx(expected[key]), key
    assert ours["invented_authors"] == 1


def test_eval_extract_command(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "p1.html.gz").write_bytes(gzip.compress(news_page().encode()))
    (tmp_path / "pages" / "p2.html.gz").write_bytes(gzip.compress(b"<html></html>"))
    gold = [{"id": "p1", "body": "\n\n".join(PARAGRAPHS),
             "title": "Council approves tram extension", "date": "2024-05-10",
             "authors": ["Maria Jensen"]},
            {"id": "p2", "body": "Nothing here."}]
    (tmp_path / "gold.jsonl").write_text("\n".join(json.dumps(g) for g in gold))
    result = CliRunner().invoke(app, ["eval", "extract", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    scored = json.loads(result.output)
    assert scored["body_f1"] == pytest.approx(0.5, abs=0.02)  # p1 right, p2 empty
    assert scored["title_acc"] == 1.0 and scored["date_acc"] == 1.0
    assert scored["authors_f1"] == 1.0
    table = CliRunner().invoke(app, ["eval", "extract", str(tmp_path)])
    assert "body F1" in table.output and "pages/s" in table.output


def test_eval_extract_missing_set(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "extract", str(tmp_path / "nope")])
    assert result.exit_code == 2
