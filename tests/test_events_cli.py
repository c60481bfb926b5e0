"""`newsgraph events` over the store, and `newsgraph eval events` on a tiny gold file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()

TEXT = ("Israeli forces bombarded Rafah on Friday. Police arrested 30 people in Istanbul on "
        "Saturday. If Iran invades the island, prices will rise.\n")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("events_cli")
    (folder / "news.txt").write_text(TEXT, encoding="utf-8")
    path = str(folder / "events.db")
    result = runner.invoke(app, ["ingest", str(folder / "news.txt"), "--db", path,
                                 "--published", "2024-05-10"])
    assert result.exit_code == 0, result.output
    return path


def test_events_lists_what_happened_with_filters(db: str) -> None:
    result = runner.invoke(app, ["events", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {row["type"] for row in rows} == {"ASSAULT", "COERCE"}
    result = runner.invoke(app, ["events", "--db", db, "--format", "json", "--actor", "ISR"])
    assert [row["trigger"] for row in json.loads(result.stdout)] == ["bombarded"]
    result = runner.invoke(app, ["events", "--db", db, "--format", "json", "--all",
                                 "--type", "assault"])
    rows = json.loads(result.stdout)
    assert any(row["hypothetical"] for row in rows) and len(rows) == 2
    result = runner.invoke(app, ["events", "--db", db, "--since", "2024-06-01",
                                 "--format", "json"])
    assert json.loads(result.stdout) == []
    assert runner.invoke(app, ["events", "--db", db, "--since", "May"]).exit_code == 2


def test_eval_events_scores_a_small_gold_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    records = [
        {"id": "a", "text": "Rebels attacked the town of Goma on Monday.",
         "events": [{"type": "ASSAULT", "actor": "rebels", "target": "Goma"}]},
        {"id": "b", "text": "Police arrested 30 people in Istanbul.",
         "events": [{"type": "COERCE", "actor": "police"}]},
        {"id": "c", "text": "The weather was fine.", "events": []},
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = runner.invoke(app, ["eval", "events", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)["coders"]["newsgraph"]
    assert scores["micro"]["f1"] == 1.0
    assert scores["arguments"]["actor"]["match_rate"] == 1.0
    assert scores["arguments"]["target"]["match_rate"] == 1.0
    result = runner.invoke(app, ["eval", "events", str(tmp_path / "missing.jsonl")])
    assert result.exit_code != 0


EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "events"


@pytest.mark.skipif(not (EVAL / "case2021_task2.jsonl").exists(),
                    reason="shared event gold sets not present")
def test_eval_events_runs_on_the_shared_gold_set() -> None:
    result = runner.invoke(app, ["eval", "events", str(EVAL / "case2021_task2.jsonl"),
                                 "--type-field", "plover_approx", "--limit", "40", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)["coders"]
    assert scores["newsgraph"]["micro"]["f1"] > 0.4
