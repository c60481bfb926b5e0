"""Accounts for `newsgraph serve`: users and roles, sessions, CSRF, rate limits, e-mailed
reset links, saved searches and follows, the contact form, ingest and entity merges through
the API, and the e-mailed digest.

    from newsgraph.serve.accounts import AccountSettings, install_accounts

    install_accounts(app, db_url="news.db", settings=AccountSettings.from_env())

Modules: `config` (settings), `users`, `passwords`, `sessions`, `tokens` (e-mailed links),
`csrf`, `ratelimit` (kept in the database), `mail`, `library` (saved searches, follows),
`service` (the flows), `middleware`, `routes` and `account_routes` (pages), `ingest`
(`POST /api/articles`), `merges` (`/api/entity-merges`), `guards` (role checks for other
routes), `digest` (`newsgraph digest`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.serve.accounts.config import AccountSettings, Argon2Cost, RateLimit

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["AccountSettings", "Argon2Cost", "RateLimit", "install_accounts"]


def install_accounts(app: FastAPI, *, db_url: str, settings: AccountSettings) -> None:
    """Add the account routes and middleware to `app` (see `accounts.install`)."""
    from newsgraph.serve.accounts.install import install_accounts as install

    install(app, db_url=db_url, settings=settings)
