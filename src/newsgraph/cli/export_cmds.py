"""`newsgraph export`: the whole store as JSONL, Parquet, GDELT GKG / Events rows or GraphML."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.base import app
from newsgraph.cli.options import DbOption, fail, open_store


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    parquet = "parquet"
    gkg = "gkg"
    events = "events"
    mentions = "mentions"
    graphml = "graphml"


#: What `write` counts, per format, for the closing message.
_COUNTED = {"jsonl": "articles", "parquet": "articles", "gkg": "GKG records",
            "events": "events", "mentions": "event mentions", "graphml": "entities"}


@app.command()
def export(
    output_format: Annotated[ExportFormat, typer.Option(
        "--format", help="jsonl (one article per line), parquet (a folder, one table per "
                         "annotation kind), gkg (GDELT GKG 2.1), events (GDELT Events 2.0), "
                         "mentions (GDELT Event Mentions 2.0: one row per sentence reporting "
                         "an event) or graphml (entity network).")],
    output: Annotated[str, typer.Option(
        "--output", "-o", help="File to write (a folder for parquet); - for stdout "
                               "(jsonl, gkg, events, mentions).")],
    db: DbOption = None,
) -> None:
    """Export every stored article in one format."""
    import sys

    from newsgraph.export import STREAMABLE
    from newsgraph.export import export as run_export

    fmt = output_format.value
    if output == "-":
        if fmt not in STREAMABLE:
            raise fail(f"--output - (stdout) works for {', '.join(sorted(STREAMABLE))}; "
                       f"{fmt} writes a {'folder' if fmt == 'parquet' else 'file'}: name it", 2)
        with open_store(db, create=False, read_only=True) as store:
            count = run_export(store, fmt, sys.stdout)
        typer.echo(f"{count} {_COUNTED[fmt]} written to stdout", err=True)
        return
    path = _checked_output(Path(output), output_format)
    with open_store(db, create=False, read_only=True) as store:
        try:
            count = run_export(store, fmt, path)
        except OSError as error:
            raise fail(f"cannot write {path}: {error.strerror or error}") from error
    typer.echo(f"{count} {_COUNTED[fmt]} written to {path}")


def _checked_output(path: Path, output_format: ExportFormat) -> Path:
    """`path`, or a usage error when it cannot be the output of `output_format`."""
    parquet = output_format is ExportFormat.parquet
    if not parquet and path.is_dir():
        raise fail(f"--output {path} is a folder", 2)
    if parquet and path.exists() and not path.is_dir():
        raise fail(f"--output {path} is a file; parquet writes a folder", 2)
    parent = path.absolute().parent
    if not parent.is_dir():
        raise fail(f"--output {path}: folder {parent} does not exist (create it first)", 2)
    return path
