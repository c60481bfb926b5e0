"""`install_accounts`: add the account routes and middleware to the web app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from newsgraph.link.merges import apply_merges
from newsgraph.serve.accounts.account_routes import account_router
from newsgraph.serve.accounts.config import AccountSettings
from newsgraph.serve.accounts.ingest import ingest_router
from newsgraph.serve.accounts.merges import merges_router
from newsgraph.serve.accounts.middleware import AccountsMiddleware
from newsgraph.serve.accounts.routes import auth_router
from newsgraph.serve.accounts.service import Accounts
from newsgraph.serve.accounts.views import render_error


def install_accounts(app: FastAPI, *, db_url: str, settings: AccountSettings) -> None:
    """Add accounts to `app`: a writable engine on the store at `db_url` (its own, beside the
    read-only one), the routes, and the middleware that sets `request.state.user` and
    `request.state.csrf_token` and guards every state-changing request.

    `app.state.accounts` holds the `Accounts` object; it is closed when the app shuts down.
    """
    accounts = Accounts(db_url, settings)
    app.state.accounts = accounts
    app.include_router(auth_router(accounts))
    app.include_router(account_router(accounts))
    app.include_router(ingest_router(accounts))
    app.include_router(merges_router(accounts))
    with accounts.engine.begin() as connection:  # in case `newsgraph link` rebuilt the aliases
        apply_merges(connection)
    app.add_middleware(AccountsMiddleware, accounts=accounts,  # type: ignore[arg-type]
                       render_error=render_error)
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(running: Any) -> AsyncIterator[Any]:
        try:
            async with inner(running) as state:
                yield state
        finally:
            accounts.close()

    app.router.lifespan_context = lifespan
