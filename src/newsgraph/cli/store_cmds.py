"""`newsgraph ingest`, `show`, `entities`, `search` and `quotes`: the store from the command line.

The database is `--db FILE` (or a `sqlite:///` or `postgresql://` URL), else
$NEWSGRAPH_DB, else `./newsgraph.db`. Only `ingest` creates it; the read commands stop with an
error when it is missing.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from itertools import chain
from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph.cli import app
from newsgraph.cli.analyze_cmds import progress_over, report_failures

if TYPE_CHECKING:
    from rich.text import Text

    from newsgraph.ingest.sources import Failure
    from newsgraph.model import Article
    from newsgraph.store import Store

#: Articles stored per transaction while ingesting.
INGEST_BATCH = 64
#: Marks around matched words in search snippets shown as a table (styled, then removed).
_MARK_OPEN, _MARK_CLOSE = "\x02", "\x03"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


DbOption = Annotated[str | None, typer.Option(
    "--db", envvar="NEWSGRAPH_DB", show_envvar=True,
    help="Database file, or a sqlite:/// or postgresql:// URL [default: ./newsgraph.db].",
)]


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def check_day(value: str | None, option: str) -> None:
    """Exit with a usage error unless `value` is None or a YYYY-MM-DD day."""
    from datetime import date

    if value:
        try:
            date.fromisoformat(value)
        except ValueError as error:
            raise _fail(f"{option} must be a day as YYYY-MM-DD, got {value!r}", 2) from error


def _open_store(db: str | None, create: bool) -> Store:
    from newsgraph.store import Store, StoreError, StoreNotFound

    try:
        return Store.open(db, create=create)
    except StoreNotFound as error:
        raise _fail(f"{error} (run `newsgraph ingest` first, or pass --db / set "
                    "NEWSGRAPH_DB)", 2) from error
    except StoreError as error:
        raise _fail(str(error), 2) from error


def _print_rows(rows: list[dict], output_format: ListFormat, title: str,
                columns: list[str]) -> None:
    """Print dicts as a rich table, a JSON list, or CSV with a header row."""
    if output_format is ListFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if output_format is ListFormat.csv:
        from newsgraph.export.spreadsheet import csv_text

        cells = [["; ".join(value) if isinstance(value, list) else
                  "" if value is None else value
                  for value in (row.get(column) for column in columns)] for row in rows]
        typer.echo(csv_text(columns, cells), nl=False)  # formula-safe cells
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, justify="right" if column in ("articles", "mentions") else "left")
    for row in rows:
        cells = []
        for column in columns:
            value = row[column]
            if isinstance(value, Text):
                cells.append(value)
            elif isinstance(value, list):
                cells.append(Text(", ".join(value)))
            else:
                cells.append(Text("" if value is None else str(value)))
        table.add_row(*cells)
    Console(highlight=False).print(table)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(
        help="Text files, folders, or JSONL files ({\"id\",\"text\",...} per line); - for stdin; "
             "a `newsgraph spark analyze` output folder is stored as it is.")],
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(
        help="Publish date (YYYY-MM-DD) for inputs that do not give one; anchors relative dates."
    )] = None,
    model: Annotated[str | None, typer.Option(
        help="spaCy model package (default: $NEWSGRAPH_MODEL or the first installed English one)."
    )] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    clean: Annotated[bool, typer.Option(
        "--clean/--no-clean", help="--no-clean keeps the text byte for byte (no chrome removal)."
    )] = True,
    keep_duplicates: Annotated[bool, typer.Option(
        help="Analyse near-duplicates too (default: link them to the first copy).")] = False,
) -> None:
    """Analyse articles and store them; articles already stored (same id) are skipped."""
    from newsgraph.ingest.sources import Failure, Source, read_sources
    from newsgraph.nlp import ModelNotFound, choose_model
    from newsgraph.pipeline import analyze_sources
    from newsgraph.scale.parquet import is_parquet_output, read_parquet_output
    from newsgraph.settings import Settings
    from newsgraph.store import StoreError

    # Folders written by `newsgraph spark analyze` hold analysed articles: stored as they are.
    analysed = [path for path in paths if is_parquet_output(path)]
    paths = [path for path in paths if path not in analysed]
    try:
        choose_model(model)
    except ModelNotFound as error:
        raise _fail(str(error), 2) from error
    settings = Settings(model=model, clean=clean, workers=workers, dedup=not keep_duplicates)

    def with_default_date() -> Iterator:
        for item in read_sources(paths):
            if isinstance(item, Source) and not item.published and published:
                item.published = published
            yield item

    counts = {"new": 0, "stored": 0}
    failures: list[Failure] = []
    total = 0

    def flush(store: Store, batch: list[tuple[Article, str]]) -> None:
        try:
            results = store.add_many([article for article, _ in batch])
        except StoreError:
            results = []
            for article, origin in batch:  # find the article that cannot be stored
                try:
                    results.append(store.add(article))
                except StoreError as error:
                    failures.append(Failure(origin, f"not stored: {error}", article.id))
                    results.append(None)
        for result in results:
            if result is True:
                counts["new"] += 1
            elif result is False:
                counts["stored"] += 1
        batch.clear()

    with _open_store(db, create=True) as store:
        results = analyze_sources(with_default_date(), settings) if paths else iter(())
        results = chain((a for folder in analysed for a in read_parquet_output(folder)), results)
        results = progress_over(results, "ingesting", enabled=sys.stderr.isatty())
        batch: list[tuple[Article, str]] = []
        for result in results:
            total += 1
            if isinstance(result, Failure):
                failures.append(result)
                continue
            batch.append((result, result.url or result.id))
            if len(batch) >= INGEST_BATCH:
                flush(store, batch)
        if batch:
            flush(store, batch)
    typer.echo(f"{counts['new']} new, {counts['stored']} already stored, "
               f"{len(failures)} failed")
    report_failures(failures, total)
    if total and len(failures) == total:
        raise typer.Exit(1)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(
        metavar="ID", help="Article id, or a prefix that matches only one stored id.")],
    db: DbOption = None,
) -> None:
    """Print one stored article as JSON."""
    with _open_store(db, create=False) as store:
        matches = store.ids_starting_with(article_id, limit=6)
        if not matches or not article_id:
            raise _fail(f"no stored article with id {article_id!r}")
        if len(matches) > 1:
            shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
            raise _fail(f"id prefix {article_id!r} is ambiguous: {shown}")
        article = store.get(matches[0])
    if article is None:  # removed between the two reads
        raise _fail(f"no stored article with id {article_id!r}")
    typer.echo(json.dumps(article.model_dump(mode="json"), ensure_ascii=False, indent=2))


@app.command()
def entities(
    db: DbOption = None,
    entity_type: Annotated[str | None, typer.Option(
        "--type", help="Only this type (PERSON, ORG, GPE, ...; any case).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many entities.")] = 50,
    output_format: Annotated[ListFormat, typer.Option(
        "--format", help="table, json or csv.")] = ListFormat.table,
) -> None:
    """List entities across stored articles, most widespread first."""
    from dataclasses import asdict

    with _open_store(db, create=False) as store:
        summaries = store.entities(limit=limit, type=entity_type)
    rows = [asdict(summary) for summary in summaries]
    _print_rows(rows, output_format, "entities",
                ["name", "type", "articles", "mentions", "roles"])


@app.command()
def search(
    words: Annotated[list[str], typer.Argument(help="Words that must all occur (any case, "
                                                    "accents optional).")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many articles.")] = 20,
    output_format: Annotated[ListFormat, typer.Option(
        "--format", help="table, json or csv.")] = ListFormat.table,
) -> None:
    """Find stored articles that contain all the words (full-text search)."""
    from newsgraph.store import StoreError

    table = output_format is ListFormat.table
    mark = (_MARK_OPEN, _MARK_CLOSE) if table else ("[", "]")
    with _open_store(db, create=False) as store:
        try:
            hits = store.search(words, limit=limit, mark=mark)
        except StoreError as error:
            raise _fail(str(error), 2) from error
    rows: list[dict] = [hit._asdict() for hit in hits]
    if table:
        for row in rows:
            row["snippet"] = _styled_snippet(row["snippet"])
    _print_rows(rows, output_format, f"{len(rows)} article(s)", ["id", "title", "snippet"])


@app.command()
def quotes(
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option(
        help="Only quotes by this speaker (any part of the name, any case).")] = None,
    about: Annotated[str | None, typer.Option(
        help="Only quotes that contain all these words.")] = None,
    since: Annotated[str | None, typer.Option(
        help="Only quotes dated (or published) on or after this day, YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many quotes.")] = 50,
    output_format: Annotated[ListFormat, typer.Option(
        "--format", help="table, json or csv.")] = ListFormat.table,
) -> None:
    """Who said what: stored quotes, newest first, with their article and offsets."""
    check_day(since, "--since")
    with _open_store(db, create=False) as store:
        found = store.quotes(speaker=speaker, about=about, since=since, limit=limit)
    rows = [row._asdict() for row in found]
    columns = ["published", "speaker", "cue", "text", "article_id", "start", "end"]
    if output_format is not ListFormat.table:
        columns += ["direct", "addressee", "date", "title"]
    _print_rows(rows, output_format, f"{len(rows)} quote(s)", columns)


def _styled_snippet(snippet: str) -> Text:
    """A rich `Text` with the marked words in bold (no markup parsing of article text)."""
    from rich.text import Text

    text = Text()
    bold = False
    for part in snippet.replace(_MARK_CLOSE, _MARK_OPEN).split(_MARK_OPEN):
        if part:
            text.append(part, style="bold yellow" if bold else None)
        bold = not bold
    return text
