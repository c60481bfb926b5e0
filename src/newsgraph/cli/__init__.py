"""The `newsgraph` command line. Commands live in small modules; heavy imports stay lazy."""

from __future__ import annotations

# Importing the command modules registers their commands on `app`.
from newsgraph.cli import (  # noqa: F401
    accounts_cmds,
    analyze_cmds,
    eval_cmds,
    eval_entities,
    eval_events,
    eval_geo,
    eval_quotes,
    eval_stories,
    events_cmds,
    export_cmds,
    ingest_cmds,
    link_cmds,
    sentiment_cmds,
    serve_cmds,
    spark_cmds,
    store_cmds,
    watch_cmds,
    web_cmds,
)
from newsgraph.cli.base import app


def main() -> None:
    app()
