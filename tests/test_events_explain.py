"""Why each candidate trigger was coded or dropped (`newsgraph events --explain`)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph import analyze
from newsgraph.cli import app
from newsgraph.stages.events import explain
from newsgraph.stages.events.explain import explaining

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

TEXT = ("Militia fighters shelled the harbour on Tuesday. The share price was hit hard by the "
        "report. The navy wants to blockade the strait.")


def _by_text(rows: list[dict]) -> dict[str, dict]:
    return {row["text"]: row for row in rows}


def test_each_candidate_has_its_outcome_and_the_rule_that_dropped_it() -> None:
    with explaining() as trace:
        article = analyze(TEXT)
    rows = _by_text(trace.rows())
    assert rows["shelled"]["outcome"] == "coded" and rows["shelled"]["type"] == "ASSAULT"
    assert rows["shelled"]["flags"] == []
    hit = rows["hit"]
    assert hit["outcome"] in {"no frame", "screened"} and hit["type"] is None
    assert hit["rule"] and ":" in hit["rule"]  # function:line of the deciding return
    assert rows["blockade"]["flags"] == ["intended"]
    assert [e.type for e in article.events if e.intended] == [rows["blockade"]["type"]]


def test_tracing_is_off_by_default_and_changes_no_output() -> None:
    assert explain.current() is None
    plain = analyze(TEXT)
    with explaining():
        traced = analyze(TEXT)
    assert explain.current() is None
    assert [e.model_dump() for e in plain.events] == [e.model_dump() for e in traced.events]


def test_each_document_keeps_its_own_candidates() -> None:
    with explaining() as trace:
        analyze("Troops raided the depot.")
        analyze("The union threatened a strike.")
    assert [r["text"] for r in trace.rows(0)] == ["raided"]
    assert "raided" not in {r["text"] for r in trace.rows()}


def test_the_rule_named_is_the_reading_that_dropped_the_trigger() -> None:
    # the readings of a trigger stop at the first that finds no event, so the trace names
    # that one, not whichever was asked last
    with explaining() as trace:
        analyze("The bond index shot up nine percent on Friday.")
    rule = _by_text(trace.rows())["shot"]["rule"]
    assert "_market_move" in rule and "not_asserted" not in rule


def test_deciding_rule_names_the_return_and_its_comment(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    def inner(value: int) -> bool:
        return value > 2

    def decide(value: int) -> int | None:
        if inner(value):
            return None  # too large
        return value

    def outer(value: int) -> int | None:
        return decide(value)

    monkeypatch.setattr(explain, "PACKAGE", __file__)  # trace this file's functions
    result, rule = explain.deciding_rule(outer, 5)
    assert result is None and rule is not None
    assert rule.startswith("decide:") and "inner:" in rule and rule.endswith("# too large")
    assert explain.deciding_rule(outer, 1) == (1, None)


def test_cli_explains_a_text() -> None:
    result = CliRunner().invoke(app, ["events", "--explain", TEXT, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = _by_text(json.loads(result.stdout))
    assert rows["shelled"]["type"] == "ASSAULT" and rows["hit"]["outcome"] != "coded"


def test_cli_explain_says_why_a_text_cannot_be_analysed() -> None:
    result = CliRunner().invoke(app, ["events", "--explain", "   "])
    assert result.exit_code == 2 and "no text to analyse" in result.output


def test_cli_explains_a_text_longer_than_a_file_name() -> None:
    long_text = " ".join(["Rebel fighters shelled the river port on Sunday."] * 8)
    assert len(long_text) > 255  # more than a file name may hold: read as text, not a path
    result = CliRunner().invoke(app, ["events", "--explain", long_text, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert _by_text(json.loads(result.stdout))["shelled"]["type"] == "ASSAULT"
