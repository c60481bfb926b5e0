"""`newsgraph eval quotes`: quotation and speaker scores against a PolNeAR-style gold file."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph.cli.eval_cmds import eval_app

if TYPE_CHECKING:
    from newsgraph.eval.quotes import QuoteScores


class NullSpeakerMode(StrEnum):
    strict = "strict"
    ignore = "ignore"


def _print_table(rows: list[tuple[str, QuoteScores]], speed: float | None, title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for header in ("quotes", "gold", "pred", "overlap P", "overlap R", "overlap F1",
                   "exact F1", "speaker acc", "joint F1", "articles/s"):
        table.add_column(header, justify="left" if header == "quotes" else "right",
                         no_wrap=True)
    for label, scores in rows:
        precision, recall, f1 = scores.figures("overlap")
        table.add_row(
            label, str(scores.n_gold), str(scores.n_pred), f"{precision:.3f}", f"{recall:.3f}",
            f"{f1:.3f}", f"{scores.exact_f1:.3f}",
            f"{scores.speaker_acc:.3f}",
            f"{scores.joint_f1:.3f}", "-" if speed is None else f"{speed:.2f}",
        )
    console = Console(highlight=False)
    console.width = max(console.width, 120)  # a readable table when piped, too
    console.print(table)


def _print_unresolved(pred_records: list[dict], shown: int = 6) -> None:
    """How many predicted speakers have no entity, by reason, and the commonest of them,
    for direct quotes and for all attributions."""
    from newsgraph.eval.quotes import (
        UNRESOLVED_REASONS,
        unresolved_examples,
        unresolved_speakers,
    )

    for direct_only, label in ((True, "direct quotes"), (False, "all attributions")):
        counts = unresolved_speakers(pred_records, direct_only=direct_only)
        examples = unresolved_examples(pred_records, direct_only=direct_only)
        typer.echo(f"{label} predicted: {sum(counts.values())}; speaker linked to an "
                   f"entity: {counts['resolved']}")
        for reason in UNRESOLVED_REASONS:
            common = ", ".join(f"{text!r} {n}" for text, n in
                               examples[reason].most_common(shown))
            typer.echo(f"  {counts[reason]:5d}  {reason}" + (f": {common}" if common else ""))


@eval_app.command("quotes")
def eval_quotes(
    gold: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False, help="Gold JSONL (format of shared/eval/quotes/*.jsonl).")],
    direct_only: Annotated[bool, typer.Option(
        "--direct-only", help="Report only the direct-quote row (default: both rows).")] = False,
    allow_split: Annotated[bool, typer.Option(
        "--allow-split",
        help="Do not count pieces of a split quote the gold joins into one as false positives.",
    )] = False,
    null_speaker: Annotated[NullSpeakerMode, typer.Option(
        help="Matched gold quote without a speaker: joint-correct only for a null predicted "
             "speaker (strict) or always (ignore).")] = NullSpeakerMode.strict,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print one JSON object with every count and score instead of a table.")
    ] = False,
    predictions: Annotated[Path | None, typer.Option(
        help="Write newsgraph's predictions here (JSONL, the scorer's format).")] = None,
    pred: Annotated[Path | None, typer.Option(
        exists=True, dir_okay=False,
        help="Score this prediction JSONL instead of running newsgraph.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N gold articles.")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes for the analysis.")] = 1,
    model: Annotated[str | None, typer.Option(help="spaCy model package.")] = None,
    unresolved: Annotated[bool, typer.Option(
        "--unresolved",
        help="Also count the speakers without an entity by reason, with the commonest "
             "of them (direct quotes, then all attributions).")] = False,
) -> None:
    """Score quotes and speakers: overlap/exact/joint P/R/F1 and speaker accuracy."""
    from rich.console import Console

    from newsgraph.eval.quotes import (
        ScoringError,
        check_gold,
        predict,
        quote_settings,
        read_jsonl,
        report_modes,
        score_quotes,
        write_jsonl,
    )

    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        records = read_jsonl(gold, limit)
        check_gold(records, gold)
    except ScoringError as error:
        errors.print(f"[red]error:[/] {error}", markup=True)
        raise typer.Exit(2) from error

    run = None
    if pred is not None:
        try:
            pred_records = read_jsonl(pred)
        except ScoringError as error:
            errors.print(f"[red]error:[/] {error}")
            raise typer.Exit(2) from error
        if limit is not None:
            wanted = {record["id"] for record in records}
            pred_records = [record for record in pred_records if record.get("id") in wanted]
    else:
        from newsgraph.nlp import ModelNotFound

        try:
            run = predict(records, quote_settings(workers=workers, model=model))
        except ModelNotFound as error:
            errors.print(f"[red]error:[/] {error}")
            raise typer.Exit(2) from error
        pred_records = run.predictions
        if predictions is not None:
            write_jsonl(predictions, pred_records)
        for failure in run.failures[:20]:
            errors.print(f"[yellow]not scored:[/] {failure}")

    try:
        rows = [(label, score_quotes(records, pred_records, direct_only=direct,
                                     null_speaker=null_speaker.value, allow_split=allow_split))
                for label, direct in report_modes(direct_only)]
    except ScoringError as error:
        errors.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from error

    speed = run.articles_per_second if run is not None else None
    if as_json:
        out = {
            "gold": str(gold), "articles": len(records),
            "null_speaker": null_speaker.value, "allow_split": allow_split,
            "articles_per_second": speed,
            "seconds": run.seconds if run is not None else None,
            "failures": len(run.failures) if run is not None else 0,
            "modes": {("direct_only" if scores.direct_only else "all"): scores.to_dict()
                      for _, scores in rows},
        }
        typer.echo(json.dumps(out))
        return
    mode = f"null speaker {null_speaker.value}; split pieces " + \
        ("forgiven (--allow-split)" if allow_split else "counted (strict)")
    _print_table(rows, speed, f"{gold.name}: {len(records)} articles; {mode}")
    if unresolved:
        _print_unresolved(pred_records)
    unknown = rows[0][1].pred_docs_not_in_gold
    if unknown:
        errors.print(f"[yellow]warning:[/] {unknown} prediction id(s) not in the gold file")
