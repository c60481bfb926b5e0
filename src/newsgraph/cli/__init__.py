"""The `newsgraph` command line. Commands live in small modules; heavy imports stay lazy."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="newsgraph",
    help="Raw news into a source-linked record of who said what, who did what to whom, "
    "where and when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Importing the command modules registers their commands on `app`.
from newsgraph.cli import (  # noqa: E402,F401
    accounts_cmds,
    analyze_cmds,
    eval_cmds,
    eval_events,
    eval_geo,
    eval_quotes,
    eval_stories,
    events_cmds,
    export_cmds,
    ingest_cmds,
    link_cmds,
    serve_cmds,
    spark_cmds,
    store_cmds,
    web_cmds,
)


def main() -> None:
    app()
