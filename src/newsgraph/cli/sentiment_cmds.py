"""`newsgraph sentiment FILE` and `newsgraph eval sentiment GOLD`: how each target is portrayed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.base import app
from newsgraph.cli.eval_cmds import eval_app

InputFile = Annotated[Path, typer.Argument(
    exists=True, dir_okay=False,
    help="NewsMTSC-format JSONL: sentence_normalized and targets with from/to offsets.")]


def _records(path: Path) -> list[dict]:
    from newsgraph.eval.sentiment import SentimentInputError, read_records

    try:
        return read_records(path)
    except SentimentInputError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error


@app.command("sentiment")
def sentiment(
    file: InputFile,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the predictions here (default: standard output).")] = None,
) -> None:
    """Say how each target is portrayed: one {"id", "polarity"} line per target."""
    from newsgraph.eval.sentiment import predict

    handle = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for line in predict(_records(file)):
            handle.write(json.dumps({"id": line["id"], "polarity": line["polarity"]}) + "\n")
    finally:
        if output:
            handle.close()


@eval_app.command("sentiment")
def eval_sentiment(
    gold: InputFile,
    predictions: Annotated[Path | None, typer.Option(
        help="Write newsgraph's predictions here (JSONL).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the portrayal model beside VADER on the whole sentence (accuracy, F1m)."""
    from newsgraph.eval.sentiment import predict, score, vader_baseline

    records = _records(gold)
    predicted = list(predict(records))
    if predictions:
        predictions.write_text("".join(json.dumps(p) + "\n" for p in predicted),
                               encoding="utf-8")
    results = {"newsgraph": score(records, predicted),
               "vader (whole sentence)": score(records, vader_baseline(records))}
    if as_json:
        typer.echo(json.dumps(results))
        return
    for name, result in results.items():
        typer.echo(f"{name}: targets {result['targets']}  accuracy {result['accuracy']:.3f}  "
                   f"F1m {result['f1m']:.3f}")
        for label, values in result["per_class"].items():
            typer.echo(f"  {label:9s} P {values['precision']:.3f} R {values['recall']:.3f} "
                       f"F1 {values['f1']:.3f} (n={values['support']})")
