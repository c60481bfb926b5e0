"""Rate limits kept in the database (`rate_events`), so every server process shares them.

Each action counts events per client address and per account (a hash of the e-mail address
as typed, so unknown addresses are limited exactly like known ones).

`attempt` records an attempt and checks the limit in one locked transaction, before the
password (or whatever is limited) is checked: however many attempts arrive at once, no
more than the limit get through.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine, delete, func, insert, select, text

from newsgraph.serve.accounts.config import MAX_WINDOW_SECONDS, RateLimit
from newsgraph.serve.accounts.db import aware, normalize_email, utcnow
from newsgraph.store import schema

#: Events older than this are deleted whenever a new one is written (the longest window).
KEEP = timedelta(seconds=MAX_WINDOW_SECONDS)


@dataclass(frozen=True)
class Limited:
    """A refused attempt: what to tell the visitor and when to come back."""

    message: str
    retry_after: int


def _keys(action: str, ip: str, account: str | None) -> tuple[str, str | None]:
    ip_key = f"{action}:ip:{ip}"[:200]
    if account is None:
        return ip_key, None
    digest = hashlib.sha256(normalize_email(account).encode("utf-8", "surrogatepass"))
    return ip_key, f"{action}:account:{digest.hexdigest()}"


def _refusal(limit: RateLimit, rows: list[tuple[str, int, object]], ip_key: str
             ) -> Limited | None:
    """`Limited` when a key of `rows` (key, events, oldest) has more than its allowance."""
    for key, used, oldest in rows:
        allowed = limit.per_ip if key == ip_key else limit.per_account
        if used > allowed:
            wait = aware(oldest) + timedelta(seconds=limit.window_seconds) - utcnow()  # type: ignore[arg-type]
            minutes = max(1, math.ceil(wait.total_seconds() / 60))
            return Limited(f"Too many attempts. Please wait {minutes} minute"
                           f"{'s' if minutes != 1 else ''} and try again.",
                           max(1, math.ceil(wait.total_seconds())))
    return None


@dataclass(frozen=True)
class Attempt:
    """An attempt that was counted: `limited` when it is over the limit (and then it is not
    kept), else the ids of its events, for `forget` when it succeeds."""

    limited: Limited | None
    event_ids: tuple[int, ...] = ()


def attempt(engine: Engine, action: str, limit: RateLimit, ip: str,
            account: str | None = None) -> Attempt:
    """Count one attempt for the address (and the account), then check the limit with it.

    Counting and checking are one transaction that holds the keys' lock (SQLite: the write
    lock its insert takes; PostgreSQL: advisory locks on the keys), so simultaneous attempts
    are counted one after another: exactly the allowance gets through. A refused attempt is
    taken back: it did not try anything.
    """
    ip_key, account_key = _keys(action, ip, account)
    keys = sorted(key for key in (ip_key, account_key) if key)
    events = schema.rate_events
    now = utcnow()
    since = now - timedelta(seconds=limit.window_seconds)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            for key in keys:  # sorted: two attempts never wait for each other in a circle
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                   {"key": _lock_id(key)})
        ids = tuple(connection.execute(insert(events).values(key=key, at=now)
                                       .returning(events.c.id)).scalar_one() for key in keys)
        rows = connection.execute(
            select(events.c.key, func.count(), func.min(events.c.at))
            .where(events.c.key.in_(keys), events.c.at > since).group_by(events.c.key)).all()
        limited = _refusal(limit, [tuple(row) for row in rows], ip_key)  # type: ignore[misc]
        if limited is not None:
            connection.execute(delete(events).where(events.c.id.in_(ids)))
            return Attempt(limited)
        connection.execute(delete(events).where(events.c.at < now - KEEP))
    return Attempt(None, ids)


def _lock_id(key: str) -> int:
    """A PostgreSQL advisory lock number (signed 64 bits) for a rate-limit key."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)


def forget(engine: Engine, event_ids: tuple[int, ...]) -> None:
    """Take back counted events (a refused attempt, or one that succeeded)."""
    if event_ids:
        with engine.begin() as connection:
            connection.execute(delete(schema.rate_events)
                               .where(schema.rate_events.c.id.in_(event_ids)))


def clear(engine: Engine, action: str, ip: str, account: str | None = None) -> None:
    """Forget the account's attempts (after a successful log-in); the address's stay."""
    _ip_key, account_key = _keys(action, ip, account)
    if account_key is None:
        return
    events = schema.rate_events
    with engine.begin() as connection:
        connection.execute(delete(events).where(events.c.key == account_key))


@dataclass(frozen=True)
class Backoff:
    """Delays instead of a lock-out: after `free` failures within `window_seconds`, each try
    waits `first_wait` seconds after the last one, doubling up to `longest_wait`."""

    free: int = 3
    first_wait: int = 2
    longest_wait: int = 60
    window_seconds: int = 3600


def delayed_attempt(engine: Engine, action: str, subject: str, backoff: Backoff) -> Attempt:
    """Count one try of `subject` (e.g. a user id) at `action`; `limited` while its wait is
    not over. Failures stay counted until `clear_subject`; the wait never exceeds
    `backoff.longest_wait`, so the right answer always gets through soon."""
    key = f"{action}:subject:{subject}"[:200]
    events = schema.rate_events
    now = utcnow()
    with engine.begin() as connection:
        own = connection.execute(insert(events).values(key=key, at=now)
                                 .returning(events.c.id)).scalar_one()
    with engine.connect() as connection:
        before = [aware(at) for at in connection.execute(
            select(events.c.at).where(
                events.c.key == key, events.c.id != own,
                events.c.at > now - timedelta(seconds=backoff.window_seconds))).scalars()]
    if len(before) >= backoff.free:
        wait = min(backoff.longest_wait,
                   backoff.first_wait * 2 ** min(len(before) - backoff.free, 30))
        due = max(before) + timedelta(seconds=wait)
        if now < due:
            forget(engine, (own,))
            seconds = max(1, math.ceil((due - now).total_seconds()))
            return Attempt(Limited(f"Too many wrong tries. Please wait {seconds} seconds "
                                   "and try again.", seconds))
    return Attempt(None, (own,))


def clear_subject(engine: Engine, action: str, subject: str) -> None:
    """Forget every counted try of `subject` at `action` (after it succeeded)."""
    key = f"{action}:subject:{subject}"[:200]
    with engine.begin() as connection:
        connection.execute(delete(schema.rate_events).where(schema.rate_events.c.key == key))
