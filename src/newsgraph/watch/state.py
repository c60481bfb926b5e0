"""What `watch` remembers, in the store: per source its validators, poll times and
failures; per article URL whether it was taken and what became of it. A restarted
watcher reads this and goes on; watchers sharing a PostgreSQL store claim each URL
atomically, so an article is fetched and stored once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, case, func, select, update

from newsgraph.batches import batched
from newsgraph.store.keys import execute_in, key_chunks, select_in
from newsgraph.store.schema import watch_seen, watch_sources, watch_versions

if TYPE_CHECKING:
    from newsgraph.store import Store

#: An article URL that failed this many times is not tried again.
MAX_ATTEMPTS = 3
#: URLs per statement.
CHUNK = 500


@dataclass
class SourceState:
    """One source's row of `watch_sources`."""

    url: str
    kind: str = "auto"
    etag: str | None = None
    last_modified: str | None = None
    last_poll: float | None = None
    last_ok: float | None = None
    last_new: float | None = None
    next_poll: float | None = None
    failures: int = 0
    errors: int = 0
    last_error: str | None = None
    polls: int = 0
    articles: int = 0


_COLUMNS = [f.name for f in fields(SourceState)]


def load_states(store: Store, urls: Iterable[str]) -> dict[str, SourceState]:
    """The stored state of each of `urls` (a fresh one for a source never polled)."""
    wanted = list(urls)
    found: dict[str, SourceState] = {}
    with store.engine.connect() as connection:
        for row in select_in(connection, select(watch_sources), watch_sources.c.url, wanted,
                             CHUNK):
            found[row.url] = SourceState(**{name: row._mapping[name] for name in _COLUMNS})
    return {url: found.get(url) or SourceState(url) for url in wanted}


def all_states(store: Store) -> list[SourceState]:
    """Every source a watcher has polled, by URL."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(watch_sources).order_by(watch_sources.c.url))
        return [SourceState(**{name: row[name] for name in _COLUMNS}) for row in rows.mappings()]


def _insert(store: Store, table: Any) -> Any:
    if store.is_postgres:
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def save_states(store: Store, states: Iterable[SourceState]) -> None:
    """Write the states (insert or update), in one transaction."""
    rows = [asdict(state) for state in states]
    if not rows:
        return
    statement = _insert(store, watch_sources)
    statement = statement.on_conflict_do_update(
        index_elements=[watch_sources.c.url],
        set_={name: statement.excluded[name] for name in _COLUMNS if name != "url"})
    with store.engine.begin() as connection:
        for chunk in batched(rows, CHUNK):
            connection.execute(statement, chunk)


def _claimable() -> Any:
    """Rows that a watcher may take again: given back, or failed but not too often."""
    return (watch_seen.c.status == "pending") | and_(
        watch_seen.c.status == "failed", watch_seen.c.attempts < MAX_ATTEMPTS)


def claim(store: Store, candidates: dict[str, str], now: float,
          stamps: dict[str, str] | None = None) -> list[str]:
    """Take the article URLs (url -> source URL) that no watcher has taken yet, those
    given back, those that failed fewer than `MAX_ATTEMPTS` times, and stored pages whose
    stamp (`stamps`: when the listing says they changed) differs from the one they were
    taken with; returns the ones taken."""
    stamps = stamps or {}
    taken: set[str] = set()
    with store.engine.begin() as connection:
        for chunk in key_chunks(candidates, CHUNK):
            rows = [{"url": url, "source": candidates[url], "status": "claimed",
                     "attempts": 1, "seen_at": now, "stamp": stamps.get(url)} for url in chunk]
            fresh = _insert(store, watch_seen).values(rows).on_conflict_do_nothing(
                index_elements=[watch_seen.c.url]).returning(watch_seen.c.url)
            taken.update(connection.execute(fresh).scalars())
            retry = update(watch_seen).where(and_(
                watch_seen.c.url.in_(chunk), _claimable())).values(
                status="claimed", seen_at=now, attempts=watch_seen.c.attempts + case(
                    (watch_seen.c.status == "failed", 1), else_=0)
            ).returning(watch_seen.c.url)
            taken.update(connection.execute(retry).scalars())
            for url in (url for url in chunk if url not in taken and url in stamps):
                changed = update(watch_seen).where(and_(
                    watch_seen.c.url == url, _changed(stamps[url]))).values(
                    status="claimed", seen_at=now, attempts=1, stamp=stamps[url]
                ).returning(watch_seen.c.url)
                taken.update(connection.execute(changed).scalars())
    return [url for url in candidates if url in taken]


def _changed(stamp: str) -> Any:
    """A stored page that was taken with another stamp than `stamp`."""
    return and_(watch_seen.c.status == "stored", watch_seen.c.stamp.is_not(None),
                watch_seen.c.stamp != stamp)


def unseen(store: Store, urls: Iterable[str], stamps: dict[str, str] | None = None
           ) -> list[str]:
    """Those of `urls` that may be claimed: never taken, given back, failed and retryable,
    or stored with another stamp than `stamps` gives now (changed since)."""
    stamps = stamps or {}
    wanted = list(dict.fromkeys(urls))
    done: set[str] = set()
    query = select(watch_seen.c.url, watch_seen.c.status, watch_seen.c.stamp).where(
        ~_claimable())
    with store.engine.connect() as connection:
        done.update(url for url, status, stamp in select_in(
                        connection, query, watch_seen.c.url, wanted, CHUNK)
                    if not (status == "stored" and stamp is not None
                            and stamps.get(url) not in (None, stamp)))
    return [url for url in wanted if url not in done]


def article_ids(store: Store, urls: Iterable[str]) -> dict[str, str]:
    """The article each of `urls` was last stored as (those that have one)."""
    query = select(watch_seen.c.url, watch_seen.c.article_id).where(
        watch_seen.c.article_id.is_not(None))
    with store.engine.connect() as connection:
        return {url: article for url, article in select_in(
            connection, query, watch_seen.c.url, urls, CHUNK)}


def record_versions(store: Store, versions: list[tuple[str, str, str]], now: float) -> None:
    """Link each changed page's new article to the one it replaces: (url, new, previous)."""
    if not versions:
        return
    rows = [{"url": url, "article_id": new, "previous_id": previous, "stored_at": now}
            for url, new, previous in versions]
    statement = _insert(store, watch_versions).on_conflict_do_nothing(
        index_elements=[watch_versions.c.article_id])
    with store.engine.begin() as connection:
        connection.execute(statement, rows)


@dataclass
class Outcome:
    """What became of one claimed URL."""

    url: str
    status: str
    """stored, failed (may be tried again) or skipped (will not be); `pending` (given back,
    not fetched yet) and `claimed` (being fetched) are set by `release` and `claim`."""
    article_id: str | None = None
    reason: str | None = None


def finish(store: Store, outcomes: Iterable[Outcome]) -> None:
    """Record the outcomes of claimed URLs, in one transaction."""
    rows = [asdict(outcome) for outcome in outcomes]
    if not rows:
        return
    from sqlalchemy import bindparam

    statement = update(watch_seen).where(watch_seen.c.url == bindparam("b_url")).values(
        status=bindparam("b_status"), article_id=bindparam("b_article_id"),
        reason=bindparam("b_reason"))
    with store.engine.begin() as connection:
        connection.execute(statement, [{f"b_{key}": value for key, value in row.items()}
                                       for row in rows])


def release(store: Store, urls: Iterable[str]) -> None:
    """Give back claimed URLs that were not fetched (a stop came first): the next cycle,
    of this watcher or another, takes them first."""
    with store.engine.begin() as connection:
        execute_in(connection, update(watch_seen).where(watch_seen.c.status == "claimed")
                   .values(status="pending"), watch_seen.c.url, urls, CHUNK)


def release_stale(store: Store, before: float) -> int:
    """Give back claims older than `before` (a watcher that died holding them)."""
    with store.engine.begin() as connection:
        return connection.execute(update(watch_seen).where(and_(
            watch_seen.c.status == "claimed", watch_seen.c.seen_at < before)
        ).values(status="pending")).rowcount


def pending(store: Store, limit: int) -> dict[str, str]:
    """URLs given back (url -> source URL), oldest first."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(watch_seen.c.url, watch_seen.c.source).where(
            watch_seen.c.status == "pending").order_by(watch_seen.c.seen_at).limit(limit))
        return {url: source for url, source in rows}


def stored_since(store: Store, since: float) -> int:
    """Articles stored by watchers since `since` (Unix seconds)."""
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(watch_seen).where(and_(
            watch_seen.c.status == "stored", watch_seen.c.seen_at >= since))).scalar_one()
