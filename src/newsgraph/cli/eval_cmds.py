"""`newsgraph eval ...`: score an extractor against a public gold set."""

from __future__ import annotations

import typer

from newsgraph.cli.base import app

eval_app = typer.Typer(
    help="Score newsgraph against the gold sets (e.g. ../shared/eval/).", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")
