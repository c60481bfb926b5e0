"""`newsgraph serve`: the read API over a store, on 127.0.0.1 by default."""

from __future__ import annotations

from typing import Annotated

import typer

from newsgraph.cli import app
from newsgraph.cli.store_cmds import DbOption, _fail


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(
        help="Address to listen on; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    time_limit: Annotated[float, typer.Option(
        min=0.01, help="Seconds a request's queries may run before they are stopped.")] = 10.0,
) -> None:
    """Serve the read API (JSON and CSV, docs at /api/docs) over a store, read-only."""
    try:
        import uvicorn

        from newsgraph.serve import create_app
    except ImportError as error:
        raise _fail(f"{error.name or error} is missing: pip install 'newsgraph[web]'", 2) \
            from error
    from newsgraph.store import StoreError, StoreNotFound, default_db

    try:
        api = create_app(db or default_db(), time_limit_seconds=time_limit)
    except StoreNotFound as error:
        raise _fail(f"{error} (run `newsgraph ingest` first, or pass --db / set "
                    "NEWSGRAPH_DB)", 2) from error
    except StoreError as error:
        raise _fail(str(error), 2) from error
    typer.echo(f"newsgraph API on http://{host}:{port}/api/docs (Ctrl-C stops it)", err=True)
    uvicorn.run(api, host=host, port=port, log_level="warning")
