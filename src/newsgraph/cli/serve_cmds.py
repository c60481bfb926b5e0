"""`newsgraph serve`: the API and web pages over a store, on 127.0.0.1 by default.

The store is read through a read-only connection; accounts (sign-in, follows, the contact
form, ingest through the API) use a second, writable one. Mail, the API token and the other
account settings come from `NEWSGRAPH_*` variables (`newsgraph.serve.accounts.config`).
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from newsgraph.cli.base import app
from newsgraph.cli.store_cmds import DbOption, _fail


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(
        help="Address to listen on; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    time_limit: Annotated[float, typer.Option(
        min=0.01, help="Seconds a request's queries may run before they are stopped.")] = 10.0,
    private: Annotated[bool | None, typer.Option(
        "--private/--public", show_default=False,
        help="Private: every page and API call needs a signed-in user (or the API token) "
        "[default: $NEWSGRAPH_PRIVATE, else public].")] = None,
    register: Annotated[bool | None, typer.Option(
        "--register/--no-register", show_default=False,
        help="Let visitors create reader accounts [default: $NEWSGRAPH_REGISTER, else "
        "no].")] = None,
    workers: Annotated[int, typer.Option(
        min=1, max=64, help="Server processes; about one per CPU core for a busy server "
        "(sessions, rate limits and the CSRF secret live in the store, so they share "
        "them).")] = 1,
    read_role: Annotated[str | None, typer.Option(
        envvar="NEWSGRAPH_READ_ROLE", show_default=False,
        help="PostgreSQL: a role with SELECT only that the read connections take on (SET "
        "ROLE), so the database refuses writes through them; see docs/security.md.")] = None,
) -> None:
    """Serve the API (JSON and CSV, docs at /api/docs) and the web pages over a store.

    Anonymous visitors may read, unless --private. E-mail (reset links, the contact form)
    goes through NEWSGRAPH_SMTP_URL; ingest through the API needs an editor or
    NEWSGRAPH_TOKEN. Behind a reverse proxy, name it in NEWSGRAPH_TRUSTED_PROXIES (see
    docs/security.md); X-Forwarded-* headers are ignored otherwise.
    """
    try:
        import uvicorn

        from newsgraph.serve import create_app
        from newsgraph.serve.accounts import AccountSettings
        from newsgraph.serve.accounts.config import ENVIRONMENT
        from newsgraph.serve.accounts.mail import MailError
        from newsgraph.serve.app import TIME_LIMIT_ENV
        from newsgraph.serve.readonly import READ_ROLE_ENV
        from newsgraph.serve.server import (
            exit_cleanly_on_sigterm,
            limit_malloc_arenas,
            uvicorn_options,
        )
    except ImportError as error:
        raise _fail(f"{error.name or error} is missing: pip install 'newsgraph[web]'", 2) \
            from error
    from newsgraph.store import StoreError, StoreNotFound, default_db
    from newsgraph.store.database import DB_ENV

    overrides: dict[str, bool] = {}
    if private is not None:
        overrides["private"] = private
    if register is not None:
        overrides["allow_register"] = register
    try:
        settings = AccountSettings.from_env(**overrides)
    except ValueError as error:
        raise _fail(f"bad NEWSGRAPH_* setting: {error}", 2) from error
    store_url = db or default_db()
    try:
        api = create_app(store_url, time_limit_seconds=time_limit, accounts=settings,
                         read_role=read_role)
    except StoreNotFound as error:
        raise _fail(f"{error} (run `newsgraph ingest` first, or pass --db / set "
                    "NEWSGRAPH_DB)", 2) from error
    except (StoreError, MailError) as error:
        raise _fail(str(error), 2) from error
    mode = "private: sign-in needed" if settings.private else "anonymous visitors may read"
    typer.echo(f"newsgraph on http://{host}:{port}/ ({mode}; API docs at /api/docs; "
               "Ctrl-C stops it)", err=True)
    if api.state.accounts is None:
        typer.echo("note: the store cannot be written here (read-only media?): it is served "
                   "read-only, without accounts (no sign-in, registration or web ingest)",
                   err=True)
    if settings.smtp_url and not settings.base_url and host not in ("127.0.0.1", "localhost",
                                                                    "::1"):
        typer.echo("note: set NEWSGRAPH_BASE_URL (e.g. https://news.example.org) so that links "
                   f"in e-mails point there rather than to http://{host}:{port}", err=True)
    if settings.api_token and len(settings.api_token) < 24:
        typer.echo("note: NEWSGRAPH_TOKEN is short; use a long random one, e.g. from "
                   "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`", err=True)
    if not settings.smtp_url:
        typer.echo("note: NEWSGRAPH_SMTP_URL is not set, so no e-mail (password reset, "
                   "registration, contact form) goes out", err=True)
    if settings.trusted_proxies:
        typer.echo("note: X-Forwarded-For/-Proto believed from "
                   f"{', '.join(settings.trusted_proxies)} only", err=True)
    options = uvicorn_options(settings.trusted_proxies)
    exit_cleanly_on_sigterm()
    limit_malloc_arenas()
    if workers == 1:
        uvicorn.run(api, host=host, port=port, log_level="warning", access_log=False, **options)
        return
    # Each worker process builds its own app from the environment (uvicorn --factory).
    api.state.store.close()
    os.environ.update({DB_ENV: store_url, TIME_LIMIT_ENV: str(time_limit)})
    if read_role:
        os.environ[READ_ROLE_ENV] = read_role
    variables = {setting: variable for variable, (setting, _) in ENVIRONMENT.items()}
    for name, value in overrides.items():  # --private / --register, as the workers read them
        os.environ[variables[name]] = "1" if value else "0"
    uvicorn.run("newsgraph.serve.app:app_from_env", factory=True, workers=workers, host=host,
                port=port, log_level="warning", access_log=False, **options)
