"""`newsgraph show`, `entities`, `search` and `quotes`: the store from the command line.

The database is `--db FILE` (or a `sqlite:///` or `postgresql://` URL), else
$NEWSGRAPH_DB, else `./newsgraph.db`. Only `ingest` (`ingest_cmds`) creates it; the read
commands stop with an error when it is missing.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from newsgraph.cli.base import app
from newsgraph.cli.options import DbOption, check_day, fail, open_store

if TYPE_CHECKING:
    from rich.text import Text

__all__ = ["DbOption", "ListFormat", "_fail", "_print_rows"]

#: Marks around matched words in search snippets shown as a table (styled, then removed).
_MARK_OPEN, _MARK_CLOSE = "\x02", "\x03"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


#: `fail` under the name the serve and accounts commands import it by.
_fail = fail


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
def show(
    article_id: Annotated[str, typer.Argument(
        metavar="ID", help="Article id, or a prefix that matches only one stored id.")],
    db: DbOption = None,
) -> None:
    """Print one stored article as JSON."""
    with open_store(db, create=False, read_only=True) as store:
        matches = store.ids_starting_with(article_id, limit=6)
        if not matches or not article_id:
            raise fail(f"no stored article with id {article_id!r}")
        if len(matches) > 1:
            shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
            raise fail(f"id prefix {article_id!r} is ambiguous: {shown}")
        article = store.get(matches[0])
    if article is None:  # removed between the two reads
        raise fail(f"no stored article with id {article_id!r}")
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

    from newsgraph.store.queries import entity_summaries

    with open_store(db, create=False, read_only=True) as store:
        summaries = entity_summaries(store, limit=limit, type=entity_type)
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
    from newsgraph.store.queries import search as search_store

    table = output_format is ListFormat.table
    mark = (_MARK_OPEN, _MARK_CLOSE) if table else ("[", "]")
    with open_store(db, create=False, read_only=True) as store:
        try:
            hits = search_store(store, words, limit=limit, mark=mark)
        except StoreError as error:
            raise fail(str(error), 2) from error
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
    from newsgraph.store.queries import Queries

    check_day(since, "--since")
    with open_store(db, create=False, read_only=True) as store:
        rows = Queries(store).quotes(speaker=speaker, about=about, since=since,
                                     limit=limit).items
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
