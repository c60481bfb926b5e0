"""The answer caches of the read queries stay bounded in memory (issue 15's soak: server
RSS +30 % in 30 minutes, search answers holding their articles' texts)."""

from __future__ import annotations

import gc
import tracemalloc
import weakref

from newsgraph.store.cache import ResultCache, TTLCache, approximate_size
from newsgraph.store.queries import ANSWERS


class Answer:
    """A cached value that can be watched for being freed."""

    def __init__(self, text: str) -> None:
        self.text = text


def test_answers_of_an_older_stamp_are_freed_when_the_store_changes() -> None:
    stamp = [1]
    cache = ResultCache(lambda: stamp[0], size=ANSWERS, seconds=60)
    old = cache.get("search", lambda: Answer("x" * 1000))
    watched = weakref.ref(old)
    del old
    stamp[0] = 2  # a writer committed: the old answer can never be served again
    cache.get("other search", lambda: Answer("y"))
    gc.collect()
    assert watched() is None


def test_many_large_answers_stay_within_the_byte_budget() -> None:
    """Answers of ~1 MB each (a page of article texts): 512 would hold 512 MB."""
    cache = ResultCache(lambda: 1, size=ANSWERS, seconds=60)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(80):
            cache.get(("search", number),
                      lambda n=number: {"items": [{"text": f"{n:04d}" + "t" * 50_000}
                                                  for _ in range(20)]})
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held < 40 * 1024 * 1024, f"{held / 1e6:.0f} MB held"
    assert cache.get(("search", 79), lambda: None) is not None  # the newest are kept


def test_the_cache_counts_its_bytes_and_drops_the_least_recently_used() -> None:
    cache = TTLCache(size=100, seconds=60, budget=10_000)
    for number in range(10):
        cache.put(number, "z" * 2_000)
    assert cache.bytes <= 10_000 and len(cache) < 10
    assert cache.get(9) is not None and cache.get(0) is None
    cache.put("huge", "h" * 20_000)  # larger than the whole budget: not kept
    assert cache.get("huge") is None and cache.bytes <= 10_000
    cache.put(9, "small")  # replacing an entry gives its bytes back
    assert cache.bytes <= 10_000


def test_approximate_size_follows_nested_answers() -> None:
    text = "a" * 10_000
    nested = {"items": [{"text": text}, (text, 1)], "total": 2}
    assert 20_000 < approximate_size(nested) < 25_000
