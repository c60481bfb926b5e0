"""Rate limits kept in the database (`rate_events`), so every server process shares them.

Each action counts events per client address and per account (a hash of the e-mail address
as typed, so unknown addresses are limited exactly like known ones).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine, delete, func, insert, select

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


def check(engine: Engine, action: str, limit: RateLimit, ip: str,
          account: str | None = None) -> Limited | None:
    """`Limited` when the address or the account has used up its attempts, else None."""
    ip_key, account_key = _keys(action, ip, account)
    events = schema.rate_events
    since = utcnow() - timedelta(seconds=limit.window_seconds)
    keys = [key for key in (ip_key, account_key) if key]
    with engine.connect() as connection:
        rows = connection.execute(
            select(events.c.key, func.count(), func.min(events.c.at))
            .where(events.c.key.in_(keys), events.c.at > since).group_by(events.c.key)).all()
    for key, used, oldest in rows:
        allowed = limit.per_ip if key == ip_key else limit.per_account
        if used >= allowed:
            wait = aware(oldest) + timedelta(seconds=limit.window_seconds) - utcnow()
            minutes = max(1, math.ceil(wait.total_seconds() / 60))
            return Limited(f"Too many attempts. Please wait {minutes} minute"
                           f"{'s' if minutes != 1 else ''} and try again.",
                           max(1, math.ceil(wait.total_seconds())))
    return None


def record(engine: Engine, action: str, ip: str, account: str | None = None) -> None:
    """Count one attempt for the address (and the account)."""
    now = utcnow()
    keys = [key for key in _keys(action, ip, account) if key]
    events = schema.rate_events
    with engine.begin() as connection:
        connection.execute(insert(events), [{"key": key, "at": now} for key in keys])
        connection.execute(delete(events).where(events.c.at < now - KEEP))


def clear(engine: Engine, action: str, ip: str, account: str | None = None) -> None:
    """Forget the account's attempts (after a successful log-in); the address's stay."""
    _ip_key, account_key = _keys(action, ip, account)
    if account_key is None:
        return
    events = schema.rate_events
    with engine.begin() as connection:
        connection.execute(delete(events).where(events.c.key == account_key))
