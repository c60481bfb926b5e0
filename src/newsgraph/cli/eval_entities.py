"""`newsgraph eval entities`: entities and their mentions against our own annotation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.eval_cmds import eval_app


@eval_app.command("entities")
def eval_entities(
    gold: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False,
        help="The gold file the annotated texts come from (shared/eval/quotes/"
             "polnear_dev.jsonl or polnear_train.jsonl).")],
    annotation: Annotated[Path | None, typer.Option(
        exists=True, dir_okay=False,
        help="Entity annotation JSONL (default: the shipped one for the gold file, "
             "data/entities_polnear_dev.jsonl or data/entities_polnear_train.jsonl).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    errors: Annotated[bool, typer.Option(
        "--errors", help="List the missed and the spurious entities.")] = False,
    model: Annotated[str | None, typer.Option(help="spaCy model package.")] = None,
) -> None:
    """Score entities: entity precision/recall (type agreeing) and B³ of mention clusters."""
    from rich.console import Console

    from newsgraph.eval.entities import (
        entity_settings,
        predict_entities,
        read_annotation,
        score_entities,
        shipped_annotation_for,
    )
    from newsgraph.eval.quotes import ScoringError, read_jsonl

    console = Console(highlight=False, soft_wrap=True)
    try:
        records = read_jsonl(gold)
    except ScoringError as error:
        console.print(f"[red]error:[/] {error}", markup=True)
        raise typer.Exit(2) from error
    annotated = read_annotation(
        annotation or shipped_annotation_for(str(r.get("id")) for r in records))
    records = [r for r in records if r.get("id") in annotated]
    missing = sorted(set(annotated) - {r["id"] for r in records})
    if missing:
        console.print(f"[red]error:[/] {len(missing)} annotated article(s) not in {gold}, "
                      f"e.g. {missing[0]}")
        raise typer.Exit(2)
    run = predict_entities(records, entity_settings(model=model))
    scores = score_entities(annotated, run.predictions)
    if as_json:
        typer.echo(json.dumps({"gold": str(gold), **scores.to_dict(),
                               "failures": len(run.failures)}))
        return
    console.print(f"{gold.name}: {scores.articles} annotated articles, "
                  f"{scores.gold_entities} entities, {scores.gold_mentions} name mentions")
    console.print(f"entities  P {scores.precision:.3f}  R {scores.recall:.3f}  "
                  f"F1 {scores.f1:.3f}  ({scores.matched_entities} right of "
                  f"{scores.predicted_entities} predicted)")
    console.print(f"B³        P {scores.b3_precision:.3f}  R {scores.b3_recall:.3f}  "
                  f"F1 {scores.b3_f1:.3f}")
    if errors:
        for line in scores.missed:
            console.print(f"  missed    {line}")
        for line in scores.spurious:
            console.print(f"  spurious  {line}")
    for failure in run.failures:
        console.print(f"[yellow]not scored:[/] {failure}")
