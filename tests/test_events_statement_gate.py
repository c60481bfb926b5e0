"""The learned statement gate (issue 16, session 14): which party a neutrally reported
quote blames or praises. Every sentence is our own."""

from __future__ import annotations

import json

from newsgraph.stages.events import learned, statement_gate
from tests.test_events import analyze, happened, shown

__all__ = ["analyze"]

BLAME = ("Senator Jones said on Wednesday that Governor Smith and his party are trying to push "
         "a false story about the budget to hide their own failures.")


def test_the_shipped_gate_names_its_features_threshold_and_provenance():
    data = json.loads(statement_gate.GATE_PATH.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == statement_gate.FEATURES
    assert len(data["weights"]) == len(data["mean"]) == len(data["scale"]) == len(
        statement_gate.FEATURES)
    assert 0.5 <= data["threshold"] < 1
    assert "train_a" in " ".join(data["provenance"]["data"])
    assert "dev_mt" not in json.dumps(data["provenance"])


def test_the_gate_takes_blame_the_portrayal_alone_is_not_sure_of(analyze):
    events = happened(analyze(BLAME))
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert accuse and "Jones" in accuse[0].actor.text and "Smith" in accuse[0].target.text, \
        shown(events)


def test_without_the_gate_the_rule_alone_decides(analyze, monkeypatch):
    monkeypatch.setattr(statement_gate, "shipped_gate", lambda: None)
    monkeypatch.setattr(learned, "ENABLED", False)  # (the learned event model codes it too)
    assert "ACCUSE" not in {e.type for e in happened(analyze(BLAME))}


def test_a_source_reporting_an_act_blames_no_one(analyze):
    events = happened(analyze("Police said two suicide bombers from the militia killed 23 "
                              "people in the capital late on Sunday."))
    assert [e.type for e in events] == ["ASSAULT"], shown(events)
