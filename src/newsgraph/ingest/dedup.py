"""Near-duplicate articles: syndicated wire copies, re-crawls and updates of one story.

Each text becomes a MinHash of its word 5-gram shingles (case-folded, punctuation
dropped); a MinHash LSH index (datasketch) finds earlier texts whose estimated
Jaccard similarity passes `threshold`. The first article seen is the canonical
one; later copies point to it with `duplicate_of` and need not be analysed again.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

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
            best = max(candidates, key=lambda k: signature.jaccard(self._signatures[k]))
            if signature.jaccard(self._signatures[best]) >= self.threshold:
                return best
        self._lsh.insert(key, signature)
        self._signatures[key] = signature
        return None


def mark_duplicates(items: Iterable[Source | Failure], threshold: float = THRESHOLD
                    ) -> Iterator[Source | Failure]:
    """Set `duplicate_of` on each source that copies an earlier one: the earlier one's
    article id (its given id, else the hash of its text, as `Article.id` is made)."""
    from newsgraph.model import Source, content_id

    index = NearDuplicates(threshold)
    for item in items:
        if isinstance(item, Source) and item.text.strip():
            key = item.id or content_id(item.text)
            item.duplicate_of = index.check(key, item.text)
        yield item
