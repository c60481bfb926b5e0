"""Near-duplicate articles: syndicated wire copies, re-crawls and updates of one story.

Each text becomes a MinHash of its word 5-gram shingles (case-folded, punctuation
dropped); a MinHash LSH index (datasketch) finds earlier texts whose estimated
Jaccard similarity passes `threshold`. The first article seen is the canonical
one; later copies point to it with `duplicate_of` and need not be analysed again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datasketch import MinHash

    from newsgraph.ingest.sources import Failure, Source

#: Estimated Jaccard similarity of shingle sets above which two texts are one story.
THRESHOLD = 0.7
NUM_PERM = 128
SHINGLE = 5
_WORD = re.compile(r"\w+")


def shingle_set(text: str, size: int = SHINGLE) -> set[str]:
    """Word n-grams of the case-folded text (the whole text when it is shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def minhash(text: str, num_perm: int = NUM_PERM) -> MinHash:
    from datasketch import MinHash

    signature = MinHash(num_perm=num_perm, seed=1)
    signature.update_batch([s.encode("utf-8") for s in shingle_set(text)])
    return signature


class NearDuplicates:
    """An index of texts seen so far; `check` says which earlier text a new one copies."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
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
    from newsgraph.ingest.sources import Source
    from newsgraph.model import content_id

    index = NearDuplicates(threshold)
    for item in items:
        if isinstance(item, Source) and item.text.strip():
            key = item.id or content_id(item.text)
            item.duplicate_of = index.check(key, item.text)
        yield item
