"""`newsgraph eval events`: PLOVER event coding against a sentence-level gold file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph.cli.eval_cmds import eval_app

if TYPE_CHECKING:
    from newsgraph.eval.events import EventScores, NewsScores


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def _print_table(rows: list[tuple[str, EventScores]], title: str, per_label: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    console.width = max(console.width, 130)
    table = Table(title=title, title_justify="left")
    for header in ("coder", "micro P", "micro R", "micro F1", "macro F1", "exact set",
                   "detect F1", "actor match", "target match", "actor code", "target code"):
        table.add_column(header, justify="left" if header == "coder" else "right", no_wrap=True)
    for label, scores in rows:
        data = scores.to_dict()
        precision, recall, f1 = scores.micro
        table.add_row(
            label, _percent(precision), _percent(recall), _percent(f1),
            _percent(scores.macro_f1), _percent(data["exact_set_accuracy"]),
            _percent(data["event_detection"]["f1"]), _percent(scores.match_rate("actor")),
            _percent(scores.match_rate("target")), _percent(scores.code_rate("actor_code")),
            _percent(scores.code_rate("target_code")))
    console.print(table)
    if per_label and rows:
        labels = Table(title="per label (newsgraph)", title_justify="left")
        for header in ("label", "support", "P", "R", "F1"):
            labels.add_column(header, justify="left" if header == "label" else "right")
        for label, item in rows[0][1].to_dict()["per_label"].items():
            labels.add_row(label, str(item["tp"] + item["fn"]), _percent(item["precision"]),
                           _percent(item["recall"]), _percent(item["f1"]))
        console.print(labels)


@eval_app.command("events")
def eval_events(
    gold: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False, help="Gold JSONL (format of shared/eval/events/*.jsonl).")],
    type_field: Annotated[str, typer.Option(
        help="Gold field to score: type, type_source, plover_approx, cameo_root, cameo.")
    ] = "type",
    baseline: Annotated[bool, typer.Option(
        help="Also score a keyword baseline (same lexicon, no parse, no negation).")] = True,
    labels: Annotated[str | None, typer.Option(
        help="Count only these labels (comma-separated) on both sides, e.g. the label space "
             "of CASE's plover_approx: ASSAULT,PROTEST,COERCE,AGREE. Not the scorer's default.")
    ] = None,
    main_events: Annotated[bool, typer.Option(
        "--main-events", help="Also score only each record's main event(s) (`Event.main`): "
                              "the semantics of a set that labels one event per text, as CASE "
                              "2021 does. A second row; the usual one is kept.")] = False,
    per_label: Annotated[bool, typer.Option("--per-label", help="Print a per-label table.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead.")
    ] = False,
    predictions: Annotated[Path | None, typer.Option(
        help="Write newsgraph's predictions here (JSONL, the scorer's format).")] = None,
    pred: Annotated[Path | None, typer.Option(
        exists=True, dir_okay=False, help="Score this prediction JSONL instead of running.")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N gold records.")
    ] = None,
    texts: Annotated[Path | None, typer.Option(
        exists=True, dir_okay=False,
        help="JSONL with the texts of gold records that carry only {id, events}, joined by "
             "id ({id, text}, or NewsMTSC's {primary_gid, sentence_normalized}). Also prints "
             "(type, actor, target) precision and recall as events-news does.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes for the analysis.")] = 1,
    model: Annotated[str | None, typer.Option(help="spaCy model package.")] = None,
) -> None:
    """Score event types (micro/macro F1, detection) and actors/targets against gold events."""
    from rich.console import Console

    from newsgraph.eval.events import (
        ScoringError,
        baseline_predictions,
        event_settings,
        predict,
        read_jsonl,
        score_events,
        score_news,
        sentence_texts,
        write_jsonl,
    )

    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        records = read_jsonl(gold, limit)
        if texts is not None:
            if not all("id" in r for r in records):
                raise ScoringError(f"{gold}: every record needs an 'id'")
            records = sentence_texts(records, str(texts))
        if not all("id" in r and "text" in r for r in records):
            raise ScoringError(f"{gold}: every record needs an 'id' and a 'text' (or pass "
                               "--texts)")
        run = None
        if pred is not None:
            pred_records = read_jsonl(pred)
        else:
            from newsgraph.nlp import ModelNotFound

            try:
                run = predict(records, event_settings(workers=workers, model=model))
            except ModelNotFound as error:
                raise ScoringError(str(error)) from error
            pred_records = run.predictions
            if predictions is not None:
                write_jsonl(predictions, pred_records)
            for failure in run.failures[:20]:
                errors.print(f"[yellow]not scored:[/] {failure}")
        pred_field = type_field if type_field in {"cameo", "cameo_root"} else "type"
        only = {label.strip().upper() for label in labels.split(",")} if labels else None
        rows = [("newsgraph", score_events(records, pred_records, type_field, pred_field, only))]
        if main_events:
            rows.append(("main events", score_events(
                records, pred_records, type_field, pred_field, only, main_only=True)))
        if baseline and type_field not in {"cameo", "cameo_root"}:
            rows.append(("keyword baseline", score_events(
                records, baseline_predictions(records), type_field, labels=only)))
    except ScoringError as error:
        errors.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from error

    speed = run.articles_per_second if run is not None and run.seconds > 0 else None
    # our own sentence sets: (type, actor, target) per sentence, as events-news scores articles
    full = score_news([{"article": r["id"], "events": r.get("events") or []} for r in records],
                      pred_records).to_dict() if texts is not None and all(
        "type" in e for r in records for e in r.get("events") or []) else None
    if as_json:
        typer.echo(json.dumps({
            "gold": str(gold), "records": len(records), "type_field": type_field,
            "labels": sorted(only) if only else None,
            "records_per_second": speed,
            "coders": {label: scores.to_dict() for label, scores in rows}}
            | ({"type_actor_target": full} if full is not None else {})))
        return
    title = f"{gold.name}: {len(records)} records; labels from '{type_field}'" + (
        f"; only {','.join(sorted(only))}" if only else "") + (
        f"; {speed:.1f} records/s" if speed else "")
    _print_table(rows, title, per_label)
    if full is not None:
        _print_full(full)


def _print_full(data: dict) -> None:
    """The (type, actor, target) line of a sentence set with annotated actors and targets."""
    from rich.console import Console

    full = data["full"]
    Console(highlight=False, soft_wrap=True).print(
        f"(type, actor, target) per sentence: {data['gold']} annotated events, "
        f"{data['predicted']} coded as having happened; precision {_percent(full['precision'])}"
        f", recall {_percent(full['recall'])}, F1 {_percent(full['f1'])}")


#: Where the annotated articles' texts are read from (not shipped: see their licence).
DEFAULT_NEWS_TEXTS = Path("../shared/eval/quotes/polnear_dev.jsonl")


@eval_app.command("events-news")
def eval_events_news(
    texts: Annotated[Path, typer.Option(
        help="JSONL with the annotated articles' texts ({id, text} or {id, body, date} "
             "per line).")
    ] = DEFAULT_NEWS_TEXTS,
    annotations: Annotated[Path | None, typer.Option(
        exists=True, dir_okay=False,
        help="Annotation JSONL (default: the set shipped in newsgraph/data).")] = None,
    pred: Annotated[Path | None, typer.Option(
        exists=True, dir_okay=False, help="Score this prediction JSONL instead of running.")
    ] = None,
    predictions: Annotated[Path | None, typer.Option(
        help="Write newsgraph's predictions here (JSONL).")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="List wrong and missed events.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead.")
    ] = False,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes for the analysis.")] = 1,
    model: Annotated[str | None, typer.Option(help="spaCy model package.")] = None,
) -> None:
    """Events on real news: precision and recall of (type, actor, target) per article against
    our own annotations of news articles (asserted events only)."""
    from rich.console import Console

    from newsgraph.eval.events import (
        ScoringError,
        event_settings,
        news_annotations,
        news_texts,
        predict_news,
        read_jsonl,
        score_news,
        write_jsonl,
    )

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        gold = news_annotations(str(annotations) if annotations else None)
        if pred is not None:
            pred_records = read_jsonl(pred)
        else:
            if not texts.exists():
                raise ScoringError(f"{texts}: the annotated articles' texts are not here "
                                   "(pass --texts)")
            run = predict_news(news_texts(gold, str(texts)),
                               event_settings(workers=workers, model=model))
            pred_records = run.predictions
            for failure in run.failures[:20]:
                console.print(f"[yellow]not scored:[/] {failure}")
            if predictions is not None:
                write_jsonl(predictions, pred_records)
    except ScoringError as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from error
    scores = score_news(gold, pred_records)
    if as_json:
        typer.echo(json.dumps(scores.to_dict() | ({"errors": scores.errors} if errors else {})))
        return
    _print_news(scores, errors)


def _print_news(scores: NewsScores, errors: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    data = scores.to_dict()
    console = Console(highlight=False)
    console.width = max(console.width, 110)
    full, kind = data["full"], data["type_only"]
    console.print(f"{data['articles']} articles, {data['gold']} annotated events, "
                  f"{data['predicted']} coded as having happened")
    console.print(f"(type, actor, target): precision {_percent(full['precision'])}, recall "
                  f"{_percent(full['recall'])}, F1 {_percent(full['f1'])} (precision "
                  f"{_percent(full['precision_once'])} when each annotated event makes only "
                  f"one prediction right); type only: "
                  f"precision {_percent(kind['precision'])}, recall {_percent(kind['recall'])}")
    table = Table(title="per type", title_justify="left")
    for header in ("type", "predicted", "right", "gold", "found"):
        table.add_column(header, justify="left" if header == "type" else "right")
    for label, item in data["per_type"].items():
        table.add_row(label, str(item["predicted"]), str(item["predicted_right"]),
                      str(item["gold"]), str(item["gold_found"]))
    console.print(table)
    if errors:
        for error in scores.errors:
            console.print(f"{error['kind']:6} {error['article'][:40]:40} {error.get('type')}: "
                          f"{error.get('actor')} -> {error.get('target')}")
