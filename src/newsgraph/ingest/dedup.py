"""Near-duplicate articles: syndicated wire copies, re-crawls and updates of one story.

Each text becomes a MinHash of its word 5-gram shingles (case-folded, punctuation
dropped); a MinHash LSH index (datasketch) finds earlier texts whose estimated
Jaccard similarity passes `threshold`. Copies point to their canonical article with
`duplicate_of` and need not be analysed again. Which copy is canonical does not depend
on the input order: sources are checked in `canonical_rank` order (earliest publish
date, then smallest content hash), so the same input in any order stores the same result.
"""

from __future__ import annotations

import pickle
import re
import tempfile
import zlib
from collections.abc import Hashable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from datasketch import MinHash

    from newsgraph.model import Failure, Source

#: Estimated Jaccard similarity of shingle sets above which two texts are one story.
THRESHOLD = 0.7
NUM_PERM = 128
SHINGLE = 5
#: How far below `THRESHOLD` the LSH index proposes candidates (they are then verified).
PROPOSE_BELOW = 0.2
_WORD = re.compile(r"\w+")
#: Sources kept in memory while the input is read (beyond that, on disk).
SPOOL_BYTES = 64 * 1024 * 1024
Handle = TypeVar("Handle", bound=Hashable)


def shingle_set(text: str, size: int = SHINGLE) -> set[str]:
    """Word n-grams of the case-folded text (the whole text when it is shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


@lru_cache(maxsize=4)
def empty_minhash(num_perm: int = NUM_PERM) -> MinHash:
    """An empty MinHash as `minhash` makes them (its permutations are drawn once)."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=1, hashfunc=zlib.crc32)


def minhash(text: str, num_perm: int = NUM_PERM, size: int = SHINGLE) -> MinHash:
    """The MinHash of the text's word `size`-gram shingles (CRC-32 hashes: fast, and the
    same in every process, so signatures made on Spark workers compare with local ones)."""
    signature = empty_minhash(num_perm).copy()
    signature.update_batch([s.encode("utf-8") for s in shingle_set(text, size)])
    return signature


class NearDuplicates:
    """An index of texts seen so far; `check` says which earlier text a new one copies."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        # LSH tuned to `threshold` itself would propose only ~44% of the pairs right at it
        # (87% at 0.8); tuned lower it proposes ~99% of them, and `check` verifies each.
        self._lsh = MinHashLSH(threshold=max(0.1, threshold - PROPOSE_BELOW), num_perm=num_perm)
        self._signatures: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def check(self, key: str, text: str) -> str | None:
        """The key of the earlier near-duplicate of `text`, or None (then `text` is indexed)."""
        if key in self._signatures:
            return None
        return self.check_signature(key, minhash(text, self.num_perm))

    def check_signature(self, key: str, signature: MinHash) -> str | None:
        """`check` with the MinHash computed elsewhere (e.g. on a Spark worker)."""
        if key in self._signatures:
            return None
        candidates = self._lsh.query(signature)
        if candidates:
            # LSH only proposes; keep the candidate whose estimated similarity is highest.
            # (ties by key: the candidates come in set order, which varies between runs)
            best = min(candidates, key=lambda k: (-signature.jaccard(self._signatures[k]), k))
            if signature.jaccard(self._signatures[best]) >= self.threshold:
                return best
        self._lsh.insert(key, signature)
        self._signatures[key] = signature
        return None


def dedup_key(source: Source) -> str:
    """The key a source is known by: its article id (its given id, else its text's hash)."""
    from newsgraph.model import content_id

    return source.id or content_id(source.text)


def canonical_rank(published: str | None, text: str, key: str) -> tuple:
    """The order in which copies of one story claim to be canonical: the earliest
    publish date (undated last), then the smallest content hash, then the key."""
    from newsgraph.model import content_id

    return (published is None, published or "", content_id(text), key)


def assign_duplicates(entries: Iterable[tuple[tuple, str, MinHash, Handle]],
                      threshold: float = THRESHOLD) -> dict[Handle, str]:
    """handle -> key of the canonical text it nearly copies, for `(rank, key, signature,
    handle)` entries in any order: they are checked in rank order, so the result is the
    same for every order of the same entries."""
    index = NearDuplicates(threshold)
    found: dict[Handle, str] = {}
    for _, key, signature, handle in sorted(entries, key=lambda entry: entry[0]):
        duplicate = index.check_signature(key, signature)
        if duplicate:
            found[handle] = duplicate
    return found


def mark_duplicates(items: Iterable[Source | Failure], threshold: float = THRESHOLD
                    ) -> Iterator[Source | Failure]:
    """`items` in their order, each source that copies another one marked with
    `duplicate_of` (the canonical one's article id). The whole input is read first
    (spooled to a temporary file past `SPOOL_BYTES`), as the canonical copy may come last."""
    from newsgraph.model import Source

    entries = []
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
        count = 0
        for item in items:
            pickle.dump(item, spool, protocol=pickle.HIGHEST_PROTOCOL)
            if isinstance(item, Source) and item.text.strip():
                key = dedup_key(item)
                entries.append((canonical_rank(item.published, item.text, key), key,
                                minhash(item.text), count))
            count += 1
        found = assign_duplicates(entries, threshold)
        entries.clear()
        spool.seek(0)
        for position in range(count):
            item = pickle.load(spool)  # written by this function just now
            if isinstance(item, Source) and item.text.strip():
                item.duplicate_of = found.get(position)
            yield item
