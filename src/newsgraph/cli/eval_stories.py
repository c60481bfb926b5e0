"""`newsgraph eval stories`: story clusters against a hand clustering of real articles."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph.cli.eval_cmds import eval_app
from newsgraph.cli.options import DbOption, check_model, fail, open_store

if TYPE_CHECKING:
    from newsgraph.eval.stories import StoryScores
    from newsgraph.ingest.sources import Source

#: Texts of the gold articles, next to the gold folder (`../shared/eval/quotes/`).
DEFAULT_TEXTS = ("../quotes/polnear_train.jsonl", "../quotes/polnear_dev.jsonl")


def _sources(paths: list[Path]) -> dict[str, Source]:
    """Every dated source of the JSONL files, by id."""
    from newsgraph.ingest.sources import Source, source_from_record

    found = {}
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            for n, line in enumerate(lines, 1):
                if line.strip():
                    source = source_from_record(json.loads(line), f"{path}:{n}")
                    if isinstance(source, Source) and source.id and source.published:
                        found[source.id] = source
    return found


def _around(sources: dict[str, Source], ids: set[str], days: int) -> list[Source]:
    """The sources published within `days` of the first and last of `ids`."""
    published = sorted(date.fromisoformat(sources[i].published[:10])  # type: ignore[index]
                       for i in ids if i in sources)
    first, last = published[0] - timedelta(days=days), published[-1] + timedelta(days=days)
    return [s for s in sources.values()
            if first <= date.fromisoformat(s.published[:10]) <= last]  # type: ignore[index]


def _store_missing(db: str | None, sources: list[Source]) -> None:
    """Analyse and store the sources the store does not have yet."""
    from newsgraph.pipeline import analyze_sources
    from newsgraph.settings import Settings

    with open_store(db, create=True) as store:
        stored = store.stored_ids([s.id for s in sources if s.id])
        missing = [s for s in sources if s.id not in stored]
        if missing:
            typer.echo(f"Analysing {len(missing)} article(s) into the store …", err=True)
            store.add_many([a for a in analyze_sources(missing, Settings(dedup=False))
                            if not hasattr(a, "reason")])


def _row(label: str, scores: StoryScores) -> str:
    s = scores
    return (f"{label:<28} {s.pred_pairs:>6} {s.pair_precision:>6.3f} {s.pair_recall:>6.3f} "
            f"{s.pair_f1:>6.3f} {s.b3_precision:>6.3f} {s.b3_recall:>6.3f} {s.b3_f1:>6.3f}")


@eval_app.command("stories")
def eval_stories(
    gold: Annotated[Path, typer.Argument(help="Gold clustering (JSONL: id, window, story).")],
    db: DbOption = None,
    texts: Annotated[list[Path] | None, typer.Option(
        "--texts", help="JSONL files with the articles' texts and dates (default: "
                        "../quotes/polnear_{train,dev}.jsonl beside the gold folder).")] = None,
    context_days: Annotated[int, typer.Option(
        min=0, help="Also store the articles published this many days around the gold "
                    "window: the rarity of words is counted over the store.")] = 30,
    window: Annotated[str | None, typer.Option(help="Score only this gold window.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score `newsgraph link`'s stories beside a TF-IDF cosine baseline (single link, 3 days).

    Articles missing from the store (--db, kept for the next run) are analysed and stored
    first; the store is then linked."""
    from newsgraph.eval.stories import labels_of, read_gold, score, tfidf_baseline
    from newsgraph.link import stored_stories, update

    if not gold.is_file():
        raise fail(f"no gold file at {gold}", 2)
    paths = texts or [gold.parent / name for name in DEFAULT_TEXTS]
    if missing := [str(p) for p in paths if not p.is_file()]:
        raise fail(f"no texts at {', '.join(missing)} (pass --texts)", 2)
    truth = read_gold(gold, window)
    sources = _sources(paths)
    if unknown := sorted(set(truth) - sources.keys()):
        raise fail(f"{len(unknown)} gold article(s) have no dated text, e.g. {unknown[0]}", 2)
    check_model(None)
    _store_missing(db, _around(sources, set(truth), context_days))
    with open_store(db, create=False) as store:
        update(store)
        ours = labels_of(stored_stories(store, limit=1_000_000))
    baseline = tfidf_baseline({i: (date.fromisoformat(sources[i].published[:10]),  # type: ignore[index]
                                   sources[i].text) for i in truth})
    results = {"newsgraph link": score(truth, ours), "TF-IDF cosine .15, 3 days": score(
        truth, baseline)}
    if as_json:
        typer.echo(json.dumps({k: v.to_dict() for k, v in results.items()}, indent=2))
        return
    first = next(iter(results.values()))
    typer.echo(f"{first.articles} articles, {first.gold_pairs} gold pairs")
    typer.echo(f"{'':<28} {'pairs':>6} {'pair P':>6} {'pair R':>6} {'pair F':>6} "
               f"{'B3 P':>6} {'B3 R':>6} {'B3 F':>6}")
    for label, scores in results.items():
        typer.echo(_row(label, scores))
