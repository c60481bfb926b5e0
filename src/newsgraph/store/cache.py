"""Short-lived answers of costly read queries, dropped as soon as the store changes.

The same few searches come back often on a busy server, and ranking or counting their
matches is the costly part of a page. `TTLCache` keeps an answer for a few seconds;
`ResultCache` also keys it by a change stamp (for a store, `Store.change_stamp`), so an
answer never outlives a write to a SQLite store (PostgreSQL answers live `seconds` at most).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class TTLCache:
    """A small thread-safe cache: at most `size` entries, each kept `seconds` seconds."""

    def __init__(self, size: int = 256, seconds: float = 30.0) -> None:
        self.size, self.seconds = size, seconds
        self._entries: OrderedDict[Any, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        """The live value under `key`, or None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] < time.monotonic():
                self._entries.pop(key, None)
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def put(self, key: Hashable, value: Any) -> None:
        """Keep `value` under `key`, dropping the least recently used entry when full."""
        with self._lock:
            self._entries[key] = (time.monotonic() + self.seconds, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


class ResultCache:
    """Answers valid until `stamp()` changes (the data they were read from changed) or
    `seconds` pass. A stamp of None never changes: only `seconds` limit such answers.

    Cached values are shared between requests: callers must not change them.
    """

    def __init__(self, stamp: Callable[[], Hashable], size: int = 256,
                 seconds: float = 30.0) -> None:
        self.stamp = stamp
        self._entries = TTLCache(size, seconds)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer under `key`, computed (and kept) when there is no fresh one."""
        stamped = (self.stamp(), key)
        value = self._entries.get(stamped)
        if value is None:
            value = compute()
            self._entries.put(stamped, value)
        return value
