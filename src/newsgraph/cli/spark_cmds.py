"""`newsgraph spark analyze`: the pipeline on Apache Spark (`pip install 'newsgraph[spark]'`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.base import app

spark_app = typer.Typer(help="Run the pipeline on Apache Spark, output as Parquet tables.",
                        no_args_is_help=True)
app.add_typer(spark_app, name="spark")


@spark_app.command("analyze")
def spark_analyze(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT...",
        help="WARC/WARC.gz files, a file listing WARC paths, JSONL files, or folders.")],
    out: Annotated[str, typer.Option(
        "--out", help="Output folder for the Parquet tables (must be new or empty).")],
    master: Annotated[str | None, typer.Option(
        help="Spark master (default: local[2], or the one spark-submit sets).")] = None,
    partitions: Annotated[int | None, typer.Option(
        min=1, help="Analysis tasks (default: 4 per core, at most one per 32 records).")] = None,
    lang: Annotated[list[str], typer.Option(
        help="Language the NLP stages run on (repeatable).")] = ["en"],  # noqa: B006
    since: Annotated[str | None, typer.Option(
        help="Only records crawled (JSONL: published) on or after this day, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(
        help="Only records crawled (JSONL: published) on or before this day.")] = None,
    domains: Annotated[Path | None, typer.Option(
        exists=True, dir_okay=False,
        help="File of domains, one per line: only their pages (and subdomains') are read.")
    ] = None,
    model: Annotated[str | None, typer.Option(
        help="spaCy model package (default: $NEWSGRAPH_MODEL or the first installed English one)."
    )] = None,
    keep_duplicates: Annotated[bool, typer.Option(
        help="Analyse near-duplicates too (default: link them to one canonical copy).")] = False,
    overwrite: Annotated[bool, typer.Option(
        help="Replace an earlier output in --out.")] = False,
) -> None:
    """Analyse a crawl on Spark: one Parquet table per annotation kind, plus `errors`."""
    from newsgraph.cli.options import check_day
    from newsgraph.scale.inputs import RecordFilter, read_domains
    from newsgraph.scale.spark import (
        SparkJob,
        SparkUnavailable,
        analyze_to_parquet,
        parse_day,
        spark_session_for,
    )

    check_day(since, "--since")
    check_day(until, "--until")
    keep = RecordFilter(domains=read_domains(domains) if domains else None,
                        since=parse_day(since), until=parse_day(until))
    job = SparkJob(inputs=tuple(inputs), out=out, master=master, partitions=partitions,
                   languages=tuple(lang), model=model, keep=keep, dedup=not keep_duplicates,
                   overwrite=overwrite)
    try:
        with spark_session_for(master) as spark:
            counts = analyze_to_parquet(job, spark)
    except (SparkUnavailable, FileExistsError, ValueError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(", ".join(f"{count} {table}" for table, count in counts.items()))
    typer.echo(f"Parquet tables in {out}; load them with: newsgraph ingest {out}")
