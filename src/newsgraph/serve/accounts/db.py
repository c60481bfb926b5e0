"""The writable side of the server: its own engine on the store, for the accounts tables only."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime
from typing import overload

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from newsgraph.store import Store, schema

#: Key in the store's `meta` table of the random key that signs CSRF tokens.
SECRET_META_KEY = "accounts_secret"


def open_writable(db_url: str) -> Store:
    """Open the existing store normally (read-write); migrations give it the accounts tables."""
    return Store.open(db_url, create=False)


def utcnow() -> datetime:
    return datetime.now(UTC)


@overload
def aware(value: datetime) -> datetime: ...


@overload
def aware(value: None) -> None: ...


def aware(value: datetime | None) -> datetime | None:
    """A stored time as aware UTC (SQLite hands back naive values)."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def new_token() -> tuple[str, str]:
    """A random URL-safe token and the SHA-256 hex under which it is stored."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def normalize_email(email: str) -> str:
    return email.strip().lower()


def server_secret(engine: Engine) -> bytes:
    """The store's CSRF signing key, made on first use and shared by every server process."""
    meta = schema.meta
    with engine.begin() as connection:
        found = connection.execute(
            select(meta.c.value).where(meta.c.key == SECRET_META_KEY)).scalar_one_or_none()
        if found is not None:
            return found.encode()
    try:
        with engine.begin() as connection:
            connection.execute(insert(meta).values(key=SECRET_META_KEY,
                                                   value=secrets.token_urlsafe(48)))
    except IntegrityError:
        pass  # another process made it first
    with engine.begin() as connection:
        return connection.execute(
            select(meta.c.value).where(meta.c.key == SECRET_META_KEY)).scalar_one().encode()
