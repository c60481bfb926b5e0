"""`newsgraph analyze` and `newsgraph schema`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli import app
from newsgraph.cli.options import (
    CleanOption,
    KeepDuplicatesOption,
    ModelOption,
    PublishedOption,
    WorkersOption,
    check_day,
    check_model,
    with_default_date,
)


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


def progress_over(items: Iterator, label: str, enabled: bool) -> Iterator:
    """Wrap `items` in a rich progress display on stderr when `enabled` (a terminal)."""
    if not enabled:
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=None)
        for item in items:
            yield item
            progress.advance(task)


def report_failures(failures: list, total: int) -> None:
    """A summary of per-item errors on stderr."""
    if not failures:
        return
    from rich.console import Console

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    console.print(f"[bold yellow]{len(failures)} of {total} item(s) not analysed:[/]")
    for failure in failures[:50]:
        console.print(f"  {failure.origin}: {failure.reason}", markup=False)
    if len(failures) > 50:
        console.print(f"  … and {len(failures) - 50} more")


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(
        help="Text files, folders, or JSONL files ({\"id\",\"text\",...} per line); - for stdin.")],
    published: PublishedOption = None,
    output_format: Annotated[OutputFormat, typer.Option(
        "--format", help="json: one article as an object (a list for several); jsonl: one per line."
    )] = OutputFormat.json,
    output: Annotated[Path | None, typer.Option(help="Write here instead of stdout.")] = None,
    clean: CleanOption = True,
    model: ModelOption = None,
    workers: WorkersOption = 1,
    max_chars: Annotated[int, typer.Option(help="Reject longer texts with an error.")] = 1_000_000,
    keep_duplicates: KeepDuplicatesOption = False,
) -> None:
    """Analyse articles and print their annotations as JSON (schema_version 1)."""
    from newsgraph.ingest.sources import Failure, read_sources
    from newsgraph.pipeline import analyze_sources
    from newsgraph.settings import Settings

    check_day(published, "--published")
    check_model(model)
    settings = Settings(model=model, clean=clean, workers=workers, max_chars=max_chars,
                        dedup=not keep_duplicates)
    results = analyze_sources(with_default_date(read_sources(paths), published), settings)
    results = progress_over(results, "analysing", enabled=sys.stderr.isatty())
    failures: list[Failure] = []
    total = 0
    handle = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        articles = []
        for result in results:
            total += 1
            if isinstance(result, Failure):
                failures.append(result)
                continue
            if output_format is OutputFormat.jsonl:
                handle.write(result.model_dump_json() + "\n")
            else:
                articles.append(result.model_dump(mode="json"))
        if output_format is OutputFormat.json and articles:
            payload = articles[0] if len(articles) == 1 else articles
            handle.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    finally:
        if output:
            handle.close()
    report_failures(failures, total)
    if total and len(failures) == total:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of one analysed article (schema_version 1)."""
    from newsgraph.model import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))
