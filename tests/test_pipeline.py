"""The runner: stage checks, stage errors, worker processes."""

from __future__ import annotations

import pytest

from newsgraph.ingest.sources import Failure, Source
from newsgraph.pipeline import STAGES, Analyzer, Stage, StageError, analyze_sources, check_stages
from newsgraph.settings import Settings

TEXTS = [
    "Mayor John Miller said on Monday that the bridge in Springfield would reopen.",
    "“We will not give up,” Governor Maria Santos told reporters in Austin on Friday.",
    "More than 2,000 people were evacuated, officials said.",
    "",
]


def test_unknown_stage_and_missing_requirement_are_reported():
    with pytest.raises(ValueError, match="unknown stage"):
        check_stages(["entities", "nonsense"])
    with pytest.raises(ValueError, match="needs"):
        check_stages(["quotes"])


def boom(document):
    raise RuntimeError("exploded")


@pytest.fixture()
def broken_stage(monkeypatch):
    monkeypatch.setitem(STAGES, "broken", Stage("broken", "tests.test_pipeline:boom"))


def test_a_failing_stage_becomes_a_warning_naming_it(broken_stage):
    settings = Settings(stages=("entities", "broken", "dates"))
    (article,) = Analyzer(settings).analyze_batch([Source(text=TEXTS[0], origin="t")])
    assert any("stage 'broken' failed" in w and "exploded" in w for w in article.warnings)
    assert article.entities and article.dates  # the stages around it still ran


def test_strict_mode_raises_with_the_stage_name(broken_stage):
    analyzer = Analyzer(Settings(stages=("broken",), strict=True))
    with pytest.raises(StageError, match="broken"):
        analyzer.analyze_batch([Source(text=TEXTS[0], origin="t")])


def test_read_failures_pass_through_in_order():
    items = [Failure("x", "unreadable"), Source(text=TEXTS[0], origin="a")]
    results = list(analyze_sources(items))
    assert isinstance(results[0], Failure) and results[0].reason == "unreadable"
    assert results[1].text == TEXTS[0]


@pytest.mark.slow
def test_two_workers_give_the_same_output_as_one():
    def run(workers: int) -> list:
        sources = [Source(text=t, origin=str(i)) for i, t in enumerate(TEXTS * 3)]
        results = analyze_sources(sources, Settings(workers=workers, dedup=False))
        return [r.model_dump() if not isinstance(r, Failure) else r.reason for r in results]

    assert run(2) == run(1)


def test_batched_keeps_order_and_a_short_last_batch() -> None:
    from newsgraph.batches import batched

    assert list(batched(iter(range(7)), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batched([], 3)) == []
    with pytest.raises(ValueError):
        list(batched([1], 0))
