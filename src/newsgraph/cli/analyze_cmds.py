"""`newsgraph analyze` and `newsgraph schema`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.base import app
from newsgraph.cli.options import (
    CleanOption,
    KeepDuplicatesOption,
    ModelOption,
    PublishedOption,
    WorkersOption,
    check_day,
    check_model,
    prepare_places_index,
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


#: Article warnings that are expected behaviour: counted, not listed one by one.
_COUNTED_WARNINGS = {"near-duplicate of article": "near-duplicate(s) linked to a canonical copy, "
                                                  "not analysed again"}


def report_warnings(articles: list) -> None:
    """A summary on stderr of the articles kept with warnings (guessed charset, language not
    analysed, a failed stage, ...): each listed by where it was read, with its warnings."""
    from rich.console import Console

    listed: list[str] = []
    counted = dict.fromkeys(_COUNTED_WARNINGS, 0)
    for article in articles:
        where = article.origin or article.url or article.id
        for warning in article.warnings:
            prefix = next((p for p in _COUNTED_WARNINGS if warning.startswith(p)), None)
            if prefix:
                counted[prefix] += 1
            else:
                listed.append(f"{where}: {warning}")
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    for prefix, count in counted.items():
        if count:
            console.print(f"{count} {_COUNTED_WARNINGS[prefix]}")
    if not listed:
        return
    console.print(f"[bold yellow]{len(listed)} warning(s) on kept articles:[/]")
    for line in listed[:50]:
        console.print(f"  {line}", markup=False)
    if len(listed) > 50:
        console.print(f"  … and {len(listed) - 50} more")


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
    from newsgraph.ingest.read import read_sources
    from newsgraph.model import Failure
    from newsgraph.pipeline import analyze_sources
    from newsgraph.settings import Settings

    check_day(published, "--published")
    check_model(model)
    settings = Settings(model=model, clean=clean, workers=workers, max_chars=max_chars,
                        dedup=not keep_duplicates)
    prepare_places_index(settings.stages)
    results = analyze_sources(with_default_date(read_sources(paths), published), settings)
    results = progress_over(results, "analysing", enabled=sys.stderr.isatty())
    failures: list[Failure] = []
    warned: list = []
    total = 0
    handle = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        articles = []
        for result in results:
            total += 1
            if isinstance(result, Failure):
                failures.append(result)
                continue
            if result.warnings:
                warned.append(result)
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
    report_warnings(warned)
    if total and len(failures) == total:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of one analysed article (schema_version 1)."""
    from newsgraph.model import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))
