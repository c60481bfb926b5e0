"""The Typer application that the command modules register their commands on.

It lives apart from `newsgraph.cli` so that the command modules import it without
importing the package that imports them (no import cycle).
"""

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
