"""The hand-audit counter: shares of coded events that are events, and fully right."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def load_counts():
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "events_audit_counts.py"
    spec = importlib.util.spec_from_file_location("events_audit_counts", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.counts


def test_shares_count_duplicates_as_no_event_and_split_samples():
    rows = [{"sample": "a", "id": "x", "verdict": "right"},
            {"sample": "a", "id": "x", "verdict": "not_event"},
            {"sample": "a", "id": "y", "verdict": "duplicate"},
            {"sample": "a", "id": "y", "verdict": "target_wrong"},
            {"sample": "b", "id": "z", "verdict": "right"}]
    figures = load_counts()(rows)
    assert figures["a"]["coded"] == 4 and figures["a"]["events"] == 2
    assert figures["a"]["events_share"] == 0.5 and figures["a"]["right_share"] == 0.25
    assert figures["a"]["articles"] == 2
    assert figures["b"]["right_share"] == 1.0


def test_the_naeb_audit_file_has_known_verdicts_only():
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "events_audit_naeb.jsonl"
    import json
    known = {"right", "not_event", "duplicate", "wrong_type", "actor_wrong", "actor_missing",
             "target_wrong", "flags_wrong", "missed"}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    assert rows and {row["verdict"] for row in rows} <= known


def test_missed_events_count_apart_from_coded_ones():
    rows = [{"sample": "g", "id": "x", "verdict": "right"},
            {"sample": "g", "id": "x", "verdict": "not_event"},
            {"sample": "g", "id": "x", "verdict": "target_wrong"},
            {"sample": "g", "id": "y", "verdict": "missed", "type": "ACCUSE"}]
    figures = load_counts()(rows)["g"]
    assert figures["coded"] == 3 and figures["events"] == 2 and figures["missed"] == 1
    assert figures["found_share"] == round(2 / 3, 3)
    assert "missed" not in figures["verdicts"] and figures["articles"] == 2
