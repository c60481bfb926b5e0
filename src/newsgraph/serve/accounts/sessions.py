"""Server-side sessions: a random token in the cookie, its hash and owner in `user_sessions`."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, delete, insert, select, update

from newsgraph.serve.accounts.db import aware, new_token, token_hash, utcnow
from newsgraph.serve.accounts.users import User, row_user
from newsgraph.store import schema

#: Name of the session cookie.
SESSION_COOKIE = "newsgraph_session"
#: `last_seen_at` is written at most this often per session (reads stay reads).
TOUCH_EVERY = timedelta(minutes=5)


def start(engine: Engine, user_id: int, days: float) -> str:
    """A new session for the user; returns the token for the cookie."""
    token, key = new_token()
    now = utcnow()
    with engine.begin() as connection:
        connection.execute(insert(schema.user_sessions).values(
            id=key, user_id=user_id, created_at=now, expires_at=now + timedelta(days=days),
            last_seen_at=now))
        # Expired sessions of anyone are dropped here, so the table cannot only grow.
        connection.execute(delete(schema.user_sessions)
                           .where(schema.user_sessions.c.expires_at < now))
    return token


def user_for(engine: Engine, token: str) -> User | None:
    """The user of a live session; None for an unknown, revoked or expired token."""
    if not token or len(token) > 200:
        return None
    s, u = schema.user_sessions, schema.users
    key, now = token_hash(token), utcnow()
    with engine.connect() as connection:
        row = connection.execute(
            select(u.c.id, u.c.email, u.c.name, u.c.role, u.c.created_at, u.c.last_digest_at,
                   s.c.expires_at, s.c.last_seen_at)
            .select_from(s.join(u, u.c.id == s.c.user_id)).where(s.c.id == key)).first()
    if row is None or aware(row.expires_at) <= now:
        return None
    if now - aware(row.last_seen_at) > TOUCH_EVERY:
        with engine.begin() as connection:
            connection.execute(update(s).where(s.c.id == key).values(last_seen_at=now))
    return row_user(row)


def end(engine: Engine, token: str) -> None:
    """Revoke one session (log out)."""
    with engine.begin() as connection:
        connection.execute(delete(schema.user_sessions)
                           .where(schema.user_sessions.c.id == token_hash(token)))


def end_all(engine: Engine, user_id: int) -> int:
    """Revoke every session of a user; how many there were."""
    with engine.begin() as connection:
        return connection.execute(delete(schema.user_sessions)
                                  .where(schema.user_sessions.c.user_id == user_id)).rowcount
