"""What the watchers have done, for `newsgraph watch --status` and `/api/status`."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from newsgraph.watch import state as watch_state

if TYPE_CHECKING:
    from newsgraph.store import Store


def _iso(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")


def watch_status(store: Store, now: float) -> dict[str, Any]:
    """Per source: last poll, last new article, errors, backoff and lag; and articles per
    hour (the last hour, and the mean over the last 24 hours)."""
    sources = []
    for state in watch_state.all_states(store):
        row = asdict(state)
        for key in ("last_poll", "last_ok", "last_new", "next_poll"):
            row[key] = _iso(row[key])
        backing_off = state.failures > 0 and (state.next_poll or 0) > now
        row["backoff_seconds"] = round(state.next_poll - now) if backing_off \
            and state.next_poll else 0
        row["lag_seconds"] = round(max(0.0, now - state.next_poll)) \
            if state.next_poll else None
        sources.append(row)
    return {
        "now": _iso(now),
        "sources": sources,
        "articles_last_hour": watch_state.stored_since(store, now - 3600),
        "articles_per_hour_24h": round(watch_state.stored_since(store, now - 86400) / 24, 2),
    }


def status_lines(status: dict[str, Any]) -> list[str]:
    """The status as lines of text for a terminal."""
    lines = [f"{len(status['sources'])} source(s); {status['articles_last_hour']} new "
             f"article(s) in the last hour, {status['articles_per_hour_24h']:g} an hour over "
             "24 hours"]
    for row in status["sources"]:
        state = "ok" if not row["failures"] else f"failing ×{row['failures']}"
        if row["backoff_seconds"]:
            state += f", backing off {row['backoff_seconds']} s"
        lines.append(f"{row['url']}  [{row['kind']}] {state}; last poll {row['last_poll']}, "
                     f"last new article {row['last_new'] or 'never'}, {row['articles']} "
                     f"article(s), {row['errors']} error(s)"
                     + (f"; last error: {row['last_error']}" if row["last_error"] else ""))
    return lines
