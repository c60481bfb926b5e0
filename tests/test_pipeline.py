"""The runner: stage checks, stage errors, worker processes."""

from __future__ import annotations

import pytest

from newsgraph.ingest.sources import Failure, Source
from newsgraph.pipeline import (
    STAGES,
    Analyzer,
    Stage,
    StageContractError,
    StageError,
    StageSkipped,
    analyze_sources,
    check_stages,
)
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
    with pytest.raises(StageContractError, match="needs entities, dates"):
        check_stages(["quotes"])


def test_events_without_their_inputs_are_refused_under_strict_before_the_model_loads():
    with pytest.raises(StageContractError) as refused:
        Analyzer(Settings(stages=("entities", "events"), strict=True))
    assert "'events' needs dates, places, quotes" in str(refused.value)


def test_events_without_their_inputs_are_skipped_with_a_warning():
    with pytest.warns(StageSkipped, match="'events' needs dates, places, quotes"):
        analyzer = Analyzer(Settings(stages=("entities", "events")))
    assert [stage.name for stage, _ in analyzer.stages] == ["entities"]
    (article,) = analyzer.analyze_batch([Source(text=TEXTS[1], origin="t")])
    assert article.entities and not article.events


def test_every_stage_declares_the_outputs_of_the_stages_its_code_reads():
    """What each stage's code reads from earlier stages, as declared in the table."""
    assert STAGES["places"].requires == ("entities",)  # document.entity_of_token
    assert set(STAGES["quotes"].requires) == {"entities", "dates"}
    assert set(STAGES["events"].requires) == {"entities", "dates", "places", "quotes"}
    for stage in STAGES.values():
        assert stage.assigns == (stage.name,)
    check_stages(STAGES)  # the table's own order satisfies itself


def test_what_a_stage_uses_when_present_runs_before_it_by_default():
    """Events read the portrayal of quoted parties, portrayal reuses tone's sentence scores:
    in the default order (and the table's) each comes first."""
    from newsgraph.settings import DEFAULT_STAGES

    assert "portrayal" in STAGES["events"].uses and "tone" in STAGES["portrayal"].uses
    for order in (DEFAULT_STAGES, tuple(STAGES)):
        for number, name in enumerate(order):
            earlier = {out for before in order[:number] for out in STAGES[before].assigns}
            assert set(STAGES[name].uses) <= earlier, name


def boom(document):
    raise RuntimeError("exploded")


def make_boom(resources):
    return boom


@pytest.fixture()
def broken_stage(monkeypatch):
    monkeypatch.setitem(STAGES, "broken", Stage("broken", "tests.test_pipeline:make_boom",
                                                (), ("broken",)))
    monkeypatch.setitem(STAGES, "after_broken", Stage(
        "after_broken", "tests.test_pipeline:make_boom", ("broken",), ("after_broken",)))


def test_a_failing_stage_becomes_a_warning_naming_it(broken_stage):
    settings = Settings(stages=("entities", "broken", "dates"))
    (article,) = Analyzer(settings).analyze_batch([Source(text=TEXTS[0], origin="t")])
    assert any("stage 'broken' failed" in w and "exploded" in w for w in article.warnings)
    assert article.entities and article.dates  # the stages around it still ran


def test_a_stage_is_skipped_on_an_article_where_its_input_failed(broken_stage):
    settings = Settings(stages=("entities", "broken", "after_broken"))
    (article,) = Analyzer(settings).analyze_batch([Source(text=TEXTS[0], origin="t")])
    assert sum("stage 'broken' failed" in w for w in article.warnings) == 1
    assert any("stage 'after_broken' skipped" in w and "broken failed" in w
               for w in article.warnings)
    assert not any("stage 'after_broken' failed" in w for w in article.warnings)


def test_stage_timings_name_every_stage_run_and_leave_the_output_alone():
    settings = Settings(stages=("entities", "dates", "quotes"))
    analyzer = Analyzer(settings)
    source = Source(text=TEXTS[1], origin="t")
    plain, timed = analyzer.prepare(source), analyzer.prepare(source)
    analyzer.run_stages(plain, analyzer.nlp(plain.text))
    seconds: dict[str, float] = {}
    ticks = iter(range(100))
    analyzer.run_stages(timed, analyzer.nlp(timed.text), timings=seconds,
                        clock=lambda: float(next(ticks)))
    assert seconds == {"entities": 1.0, "dates": 1.0, "quotes": 1.0}
    assert timed.model_dump_json() == plain.model_dump_json()


DECADE = "Prices rose in the '20s, he said."


def test_factories_get_the_run_reference_date():
    from datetime import date

    analyzer = Analyzer(Settings(stages=("dates",), reference_date=date(2031, 3, 4)))
    assert analyzer.resources.reference_date == date(2031, 3, 4)
    (article,) = analyzer.analyze_batch([Source(text=DECADE, origin="t")])
    (decade,) = article.dates
    assert decade.range == ("2020-01-01", "2029-12-31")
    analyzer = Analyzer(Settings(stages=("dates",), reference_date=date(2011, 3, 4)))
    (article,) = analyzer.analyze_batch([Source(text=DECADE, origin="t")])
    assert article.dates[0].range == ("1920-01-01", "1929-12-31")


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
