"""`newsgraph export`: the whole store as JSONL, Parquet, GDELT GKG / Events rows or GraphML."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli import app
from newsgraph.cli.options import DbOption, open_store


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    parquet = "parquet"
    gkg = "gkg"
    events = "events"
    graphml = "graphml"


#: What `write` counts, per format, for the closing message.
_COUNTED = {"jsonl": "articles", "parquet": "articles", "gkg": "GKG records",
            "events": "events", "graphml": "entities"}


@app.command()
def export(
    output_format: Annotated[ExportFormat, typer.Option(
        "--format", help="jsonl (one article per line), parquet (a folder, one table per "
                         "annotation kind), gkg (GDELT GKG 2.1), events (GDELT Events 2.0) "
                         "or graphml (entity network).")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="File to write (a folder for parquet).")],
    db: DbOption = None,
) -> None:
    """Export every stored article in one format."""
    from newsgraph.export import export as run_export

    if output_format is not ExportFormat.parquet and output.is_dir():
        typer.echo(f"error: --output {output} is a folder", err=True)
        raise typer.Exit(2)
    if output_format is ExportFormat.parquet and output.exists() and not output.is_dir():
        typer.echo(f"error: --output {output} is a file; parquet writes a folder", err=True)
        raise typer.Exit(2)
    with open_store(db, create=False) as store:
        count = run_export(store, output_format.value, output)
    typer.echo(f"{count} {_COUNTED[output_format.value]} written to {output}")
