"""Options and checks that several commands share: the store (`--db`), the model, the
default publish date, days given as YYYY-MM-DD, and the error exit.

Kept free of heavy imports: every command module imports this at start-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from newsgraph.store import Store

DbOption = Annotated[str | None, typer.Option(
    "--db", envvar="NEWSGRAPH_DB", show_envvar=True,
    help="Database file, or a sqlite:/// or postgresql:// URL [default: ./newsgraph.db].",
)]
PublishedOption = Annotated[str | None, typer.Option(
    help="Publish date (YYYY-MM-DD) for inputs that do not give one; anchors relative dates.")]
ModelOption = Annotated[str | None, typer.Option(
    help="spaCy model package (default: $NEWSGRAPH_MODEL or the first installed English one).")]
CaCertsOption = Annotated[Path | None, typer.Option(
    "--ca-certs", exists=True, dir_okay=False,
    help="PEM file of the certificate authorities to trust instead of the system's (an "
    "intranet's own); HTTPS certificates are always verified.")]
WorkersOption = Annotated[int, typer.Option(min=1, help="Worker processes.")]
CleanOption = Annotated[bool, typer.Option(
    "--clean/--no-clean", help="--no-clean keeps the text byte for byte (no chrome removal).")]
KeepDuplicatesOption = Annotated[bool, typer.Option(
    help="Analyse near-duplicates too (default: link them to one canonical copy).")]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print `error: message` on stderr; the exit to raise (code 2: a usage error)."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def check_day(value: str | None, option: str) -> None:
    """Exit with a usage error unless `value` is None or a YYYY-MM-DD day."""
    from datetime import date

    if value:
        try:
            date.fromisoformat(value)
        except ValueError as error:
            raise fail(f"{option} must be a day as YYYY-MM-DD, got {value!r}", 2) from error


def check_model(model: str | None) -> None:
    """Exit with a usage error when no spaCy model is installed under that name (or none
    at all when `model` is None), before any input is read."""
    from newsgraph.nlp import ModelNotFound, choose_model

    try:
        choose_model(model)
    except ModelNotFound as error:
        raise fail(str(error), 2) from error


def prepare_places_index(stages: Iterable[str]) -> None:
    """Build the places index now if the stages need it and it is missing, saying so with
    progress on stderr. (The library builds it silently on first use; a first run would
    otherwise sit quiet for about ten seconds.)"""
    if not {"entities", "places"} & set(stages):
        return
    from newsgraph.geo.gazetteer import ensure_index, index_path

    path = index_path()
    if path.exists():
        return
    import time

    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True, highlight=False)
    console.print(f"Building the places index from the packaged gazetteers (once; about "
                  f"10 s): {path}", markup=False)
    started = time.monotonic()
    columns = (SpinnerColumn(), TextColumn("{task.completed:,} places read"),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True,
                  disable=not console.is_terminal) as progress:
        task = progress.add_task("places", total=None)

        def counted(records: Iterable[Any]) -> Iterator[Any]:
            for record in records:
                progress.advance(task)
                yield record

        ensure_index(path, watch=counted)
    console.print(f"Places index ready in {time.monotonic() - started:.1f} s.")


def with_default_date(items: Iterable[Any], published: str | None) -> Iterator[Any]:
    """`items` as read, sources without a publish date given `published`."""
    from newsgraph.ingest.sources import Source

    for item in items:
        if published and isinstance(item, Source) and not item.published:
            item.published = published
        yield item


def open_store(db: str | None, create: bool, read_only: bool = False) -> Store:
    """The store named by `--db` (or $NEWSGRAPH_DB, or the default file); a one-line error
    and exit 2 when it is missing or cannot be opened. Commands that only read open it
    `read_only`, so that a store on read-only media (or without write permission) works."""
    from newsgraph.store import Store, StoreError, StoreNotFound

    try:
        return Store.open(db, create=create, read_only=read_only)
    except StoreNotFound as error:
        raise fail(f"{error} (run `newsgraph ingest` first, or pass --db / set "
                   "NEWSGRAPH_DB)", 2) from error
    except StoreError as error:
        raise fail(str(error), 2) from error
