"""Short-lived answers of costly read queries, dropped as soon as the store changes.

The same few searches come back often on a busy server, and ranking or counting their
matches is the costly part of a page. `TTLCache` keeps an answer for a few seconds;
`ResultCache` also keys it by a change stamp (for a store, `Store.change_stamp`), so an
answer never outlives a write to a SQLite store (PostgreSQL answers live `seconds` at most).

Both are bounded by entries and by an estimate of the bytes they hold (`approximate_size`):
a search answer carries the texts of its articles, so 512 of them could hold a hundred MB
per server process. Answers under an older change stamp can never be served again and are
dropped as soon as the stamp changes, rather than waiting to be pushed out.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import fields, is_dataclass
from typing import Any, TypeVar

T = TypeVar("T")

#: Most bytes (estimated) that one cache keeps by default.
CACHE_BYTES = 32 * 1024 * 1024
#: How deep `approximate_size` looks into nested answers.
_SIZE_DEPTH = 6


def approximate_size(value: Any, depth: int = _SIZE_DEPTH) -> int:
    """Bytes that `value` holds, estimated: strings, containers, dataclasses and rows
    (tuples) are followed `depth` levels down; other objects count their own size."""
    size = sys.getsizeof(value, 64)
    if depth <= 0 or isinstance(value, (str, bytes, int, float, bool)) or value is None:
        return size
    if isinstance(value, dict):
        return size + sum(approximate_size(k, depth - 1) + approximate_size(v, depth - 1)
                          for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return size + sum(approximate_size(item, depth - 1) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        return size + sum(approximate_size(getattr(value, f.name), depth - 1)
                          for f in fields(value))
    return size


class TTLCache:
    """A small thread-safe cache: at most `size` entries and about `budget` bytes, each
    entry kept `seconds` seconds; the least recently used go first."""

    def __init__(self, size: int = 256, seconds: float = 30.0,
                 budget: int = CACHE_BYTES) -> None:
        self.size, self.seconds, self.budget = size, seconds, budget
        self._entries: OrderedDict[Any, tuple[float, Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def bytes(self) -> int:
        """The estimated bytes of the entries kept."""
        return self._bytes

    def get(self, key: Hashable) -> Any:
        """The live value under `key`, or None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] < time.monotonic():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def put(self, key: Hashable, value: Any) -> None:
        """Keep `value` under `key`, dropping the least recently used entries while there
        are more than `size` or more than `budget` bytes (a value larger than the whole
        budget is not kept)."""
        weight = approximate_size(key) + approximate_size(value)
        with self._lock:
            self._drop(key)
            if weight > self.budget:
                return
            self._entries[key] = (time.monotonic() + self.seconds, value, weight)
            self._bytes += weight
            while len(self._entries) > self.size or self._bytes > self.budget:
                _, (_, _, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _drop(self, key: Hashable) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= entry[2]


class ResultCache:
    """Answers valid until `stamp()` changes (the data they were read from changed) or
    `seconds` pass. A stamp of None never changes: only `seconds` limit such answers.
    When the stamp changes, every answer kept is dropped (none can be served again).

    Cached values are shared between requests: callers must not change them.
    """

    def __init__(self, stamp: Callable[[], Hashable], size: int = 256,
                 seconds: float = 30.0, budget: int = CACHE_BYTES) -> None:
        self.stamp = stamp
        self._entries = TTLCache(size, seconds, budget)
        self._last_stamp: Hashable = None

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer under `key`, computed (and kept) when there is no fresh one."""
        stamp = self.stamp()
        if stamp != self._last_stamp:
            self._last_stamp = stamp
            self._entries.clear()
        stamped = (stamp, key)
        value = self._entries.get(stamped)
        if value is None:
            value = compute()
            self._entries.put(stamped, value)
        return value
