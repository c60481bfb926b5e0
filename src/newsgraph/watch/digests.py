"""Digests from a running watcher: after a cycle, when `every` has passed since the last
run (kept in the store's `meta` table, so a restart does not send them again), e-mail each
follower the new quotes by the people and topics they follow (`newsgraph digest`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from newsgraph.store.schema import meta

if TYPE_CHECKING:
    from newsgraph.store import Store

LOGGER = logging.getLogger("newsgraph.watch")
#: The `meta` key holding when the last digests went out (Unix seconds).
LAST_DIGEST_KEY = "watch_last_digest"


def _last_run(store: Store) -> float | None:
    with store.engine.connect() as connection:
        value = connection.execute(select(meta.c.value).where(
            meta.c.key == LAST_DIGEST_KEY)).scalar_one_or_none()
    return float(value) if value is not None else None


def _set_last_run(store: Store, now: float) -> None:
    with store.engine.begin() as connection:
        changed = connection.execute(meta.update().where(meta.c.key == LAST_DIGEST_KEY)
                                     .values(value=repr(now))).rowcount
        if not changed:
            connection.execute(meta.insert().values(key=LAST_DIGEST_KEY, value=repr(now)))


@dataclass
class DigestSchedule:
    """Sends the digests at most once per `every` seconds."""

    mailer: Any
    """A `newsgraph.serve.accounts.mail.Mailer`."""
    base_url: str
    every: float

    def due(self, store: Store, now: float) -> bool:
        last = _last_run(store)
        return last is None or now - last >= self.every

    def maybe_send(self, store: Store, now: float) -> Any:
        """The `DigestReport` when the digests were due (and sent), else None."""
        from newsgraph.serve.accounts.digest import send_digests

        if not self.due(store, now):
            return None
        report = send_digests(store.engine, self.mailer, self.base_url,
                              now=datetime.fromtimestamp(now, UTC))
        _set_last_run(store, now)
        LOGGER.info("digests sent=%d nothing_new=%d failed=%d", len(report.sent),
                    len(report.nothing_new), len(report.failed))
        for address, reason in report.failed.items():
            LOGGER.warning("digest to=%s error=%r", address, reason)
        return report
