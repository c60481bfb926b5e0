"""`newsgraph eval geo`: toponym recognition and resolution against a gold JSONL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.eval_cmds import eval_app


def _fmt(value: float | None, percent: bool = True) -> str:
    if value is None:
        return "n/a"
    return f"{100 * value:.1f}" if percent else f"{value:.1f}"


@eval_app.command("geo")
def eval_geo(
    gold: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False, help="Gold JSONL (format of shared/eval/geo/*.jsonl).")],
    names_only: Annotated[bool, typer.Option(
        "--names-only", help="Score place names only: leave out group words (\"Turkish\"), "
        "which the article output holds as places of kind \"group\", and the gold's "
        "toponyms marked as demonyms (the default before session 13).")] = False,
    demonyms: Annotated[bool, typer.Option(
        "--demonyms", hidden=True,
        help="Old name of the default (group words scored); kept as an alias.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
    predictions: Annotated[Path | None, typer.Option(
        help="Write newsgraph's predictions here (JSONL, the scorer's format).")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N gold articles.")
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model package.")] = None,
    texts: Annotated[Path | None, typer.Option(
        exists=True, dir_okay=False,
        help="JSONL of the articles ({\"id\", \"text\" or \"body\"}) for a gold file that "
        "stores offsets only (src/newsgraph/data/places_fundus.jsonl with the fundus "
        "extraction gold).")] = None,
) -> None:
    """Score newsgraph's places beside a spaCy + highest-population baseline, same run.

    By default the places the article output holds are scored: names and group words
    ("Turkish", at their country); `--names-only` scores names alone.
    """
    from rich.console import Console
    from rich.table import Table

    from newsgraph.eval.geo import (
        ScoringError,
        join_texts,
        predict,
        read_jsonl,
        score_geo,
        with_demonyms,
    )

    if names_only and demonyms:
        Console(stderr=True).print("[red]error:[/] --demonyms (group words scored, now the "
                                   "default) contradicts --names-only")
        raise typer.Exit(2)
    groups = not names_only
    try:
        records = read_jsonl(gold, limit)
        if texts is not None:
            records = join_texts(records, texts)
        records = with_demonyms(records, groups)
    except ScoringError as error:
        Console(stderr=True).print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from error
    run = predict(records, model=model, groups=groups)
    if predictions is not None:
        with open(predictions, "w", encoding="utf-8") as handle:
            for record in run.newsgraph:
                handle.write(json.dumps(record) + "\n")
    rows = [("newsgraph", score_geo(records, run.newsgraph)),
            ("baseline (spaCy + population)", score_geo(records, run.baseline))]
    if as_json:
        typer.echo(json.dumps({
            "gold": str(gold), "articles": len(records), "groups": groups,
            "seconds": {"parse": run.seconds_parse, "places": run.seconds_places,
                        "baseline": run.seconds_baseline, "gazetteer": run.seconds_gazetteer},
            "systems": {name: scores for name, scores in rows}}))
        return
    table = Table(title=f"{gold.name}: {len(records)} articles, {rows[0][1]['n_gold']} gold "
                  f"toponyms" + ("" if groups else " (names only)"),
                  title_justify="left")
    for header in ("system", "P", "R", "F1", "acc@161", "mean km", "median km", "AUC",
                   "e2e acc@161"):
        table.add_column(header, justify="left" if header == "system" else "right")
    for name, scores in rows:
        rec, res = scores["recognition"], scores["resolution"]
        table.add_row(name, _fmt(rec["precision"]), _fmt(rec["recall"]), _fmt(rec["f1"]),
                      _fmt(res["acc161"]), _fmt(res["mean_km"], False),
                      _fmt(res["median_km"], False),
                      "n/a" if res["auc"] is None else f"{res['auc']:.3f}",
                      _fmt(scores["e2e_acc161"]))
    console = Console(highlight=False)
    console.width = max(console.width, 110)
    console.print(table)
    console.print(f"places stage {run.seconds_places:.2f} s, spaCy parse "
                  f"{run.seconds_parse:.2f} s, gazetteer open {run.seconds_gazetteer:.2f} s")
