"""Single-use e-mailed links: password reset and finishing a registration.

Only the SHA-256 of a token is stored. A token works once, until it expires; a reset token
also dies when its user's password changes (its `password_version` no longer matches, and
`users.set_password` deletes the user's tokens anyway).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from sqlalchemy import Connection, Engine, delete, insert, select, update

from newsgraph.serve.accounts.db import aware, new_token, token_hash, utcnow
from newsgraph.store import schema


class TokenKind(StrEnum):
    reset = "reset"
    register = "register"


@dataclass(frozen=True)
class MailToken:
    """A live token: what it is for and for whom."""

    key: str
    kind: TokenKind
    email: str
    name: str
    user_id: int | None


def issue(connection: Connection, kind: TokenKind, email: str, minutes: float, *,
          user_id: int | None = None, password_version: int | None = None,
          name: str = "") -> str:
    """Store a new token (its hash) and return the token for the e-mailed link."""
    token, key = new_token()
    now = utcnow()
    tokens = schema.mail_tokens
    # Spent and expired tokens are of no use; drop them so the table stays small.
    connection.execute(delete(tokens).where(
        (tokens.c.expires_at < now) | tokens.c.used_at.is_not(None)))
    connection.execute(insert(tokens).values(
        id=key, kind=kind.value, email=email, name=name[:200], user_id=user_id,
        password_version=password_version, created_at=now,
        expires_at=now + timedelta(minutes=minutes)))
    return token


def _live(connection: Connection, token: str) -> MailToken | None:
    if not token or len(token) > 200:
        return None
    t, u = schema.mail_tokens, schema.users
    row = connection.execute(
        select(t.c.id, t.c.kind, t.c.email, t.c.name, t.c.user_id, t.c.password_version,
               t.c.expires_at, t.c.used_at, u.c.password_version.label("current_version"))
        .select_from(t.outerjoin(u, u.c.id == t.c.user_id))
        .where(t.c.id == token_hash(token))).first()
    if row is None or row.used_at is not None or aware(row.expires_at) <= utcnow():
        return None
    kind = TokenKind(row.kind)
    if kind is TokenKind.reset and (row.user_id is None
                                    or row.current_version != row.password_version):
        return None
    return MailToken(row.id, kind, row.email, row.name, row.user_id)


def peek(engine: Engine, token: str) -> MailToken | None:
    """The token if it is still usable (nothing is changed)."""
    with engine.connect() as connection:
        return _live(connection, token)


def consume(connection: Connection, token: str) -> MailToken | None:
    """Use the token up, in the caller's transaction; None when it is not (or no longer) live.

    Marking it used is conditional, so two simultaneous uses cannot both succeed.
    """
    found = _live(connection, token)
    if found is None:
        return None
    t = schema.mail_tokens
    done = connection.execute(update(t).where(t.c.id == found.key, t.c.used_at.is_(None))
                              .values(used_at=utcnow())).rowcount
    return found if done == 1 else None
