"""Story clusters: articles about the same happening, published within a few days.

Two articles are linked when they are published at most `window` days apart and either
their texts are near-identical (estimated Jaccard of word 3-gram shingles, MinHash, at
least `TEXT_SAME`), or their texts overlap somewhat (`TEXT_SOME`) and they share at least
`MIN_SHARED` linked entities or places, with entity Jaccard at least `ENTITY_SAME`.
Stories are the connected components (union-find, rooted at the earliest article, so the
result does not depend on the input order); a story's id is its earliest article's id
prefixed with `s`.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from newsgraph.ingest.dedup import minhash
from newsgraph.store import schema

if TYPE_CHECKING:
    from datasketch import MinHash

    from newsgraph.store import Store

WINDOW_DAYS = 3
SHINGLE = 3
NUM_PERM = 128
TEXT_SAME = 0.5
TEXT_SOME = 0.1
ENTITY_SAME = 0.3
MIN_SHARED = 2
#: Entities in more articles than this within one window are too common to propose pairs.
MAX_POSTINGS = 50
TOP_ENTITIES = 5


@dataclass
class Doc:
    """One article as clustering sees it."""

    id: str
    day: date
    text: str
    title: str | None = None
    entities: frozenset[str] = field(default_factory=frozenset)
    """Linked entity keys (`TYPE:canonical`) and place keys (`place:…`)."""


def _signature(text: str) -> MinHash:
    return minhash(text, NUM_PERM, SHINGLE)


def _linked(text_sim: float, a: frozenset[str], b: frozenset[str]) -> bool:
    if text_sim >= TEXT_SAME:
        return True
    shared = len(a & b)
    return (text_sim >= TEXT_SOME and shared >= MIN_SHARED
            and shared / len(a | b) >= ENTITY_SAME)


def cluster(docs: Iterable[Doc], window: int = WINDOW_DAYS) -> list[list[Doc]]:
    """Stories of two or more articles, each sorted by (day, id); stories by their first."""
    from datasketch import MinHashLSH

    ordered = sorted(docs, key=lambda d: (d.day, d.id))
    rank = {doc.id: i for i, doc in enumerate(ordered)}
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    lsh = MinHashLSH(threshold=TEXT_SAME, num_perm=NUM_PERM)
    signatures: dict[str, MinHash] = {}
    recent: deque[Doc] = deque()
    postings: dict[str, deque[Doc]] = defaultdict(deque)
    for doc in ordered:
        cutoff = doc.day - timedelta(days=window)
        while recent and recent[0].day < cutoff:
            old = recent.popleft()
            lsh.remove(old.id)
            del signatures[old.id]
        signature = _signature(doc.text)
        candidates = set(lsh.query(signature))
        for key in doc.entities:
            posting = postings[key]
            while posting and posting[0].day < cutoff:
                posting.popleft()
            if len(posting) <= MAX_POSTINGS:
                candidates.update(other.id for other in posting)
            posting.append(doc)
        for other_id in candidates:
            other = ordered[rank[other_id]]
            if _linked(signature.jaccard(signatures[other_id]), doc.entities, other.entities):
                a, b = find(rank[doc.id]), find(rank[other_id])
                parent[max(a, b)] = min(a, b)
        if doc.id not in signatures:
            lsh.insert(doc.id, signature)
            signatures[doc.id] = signature
            recent.append(doc)
    members: dict[int, list[Doc]] = defaultdict(list)
    for i, doc in enumerate(ordered):
        members[find(i)].append(doc)
    return [group for _, group in sorted(members.items()) if len(group) > 1]


def story_rows(story: list[Doc]) -> dict[str, Any]:
    """The `stories` row of one cluster (top entities: in most of its articles)."""
    counts = Counter(key for doc in story for key in doc.entities if not key.startswith("place:"))
    top = sorted(counts, key=lambda k: (-counts[k], k))[:TOP_ENTITIES]
    return {"id": "s" + story[0].id, "first_day": story[0].day.isoformat(),
            "last_day": story[-1].day.isoformat(), "size": len(story),
            "title": next((d.title for d in story if d.title), None),
            "top_entities": json.dumps([k.split(":", 1)[1] for k in top], ensure_ascii=False)}


def stored_stories(store: Store, since: str | None = None, limit: int = 50
                   ) -> list[dict[str, Any]]:
    """Stored stories, newest first (those still running on or after `since`), with articles."""
    s, sa, a = schema.stories, schema.story_articles, schema.articles
    query = select(s).order_by(s.c.last_day.desc(), s.c.size.desc(), s.c.id).limit(limit)
    if since:
        query = query.where(s.c.last_day >= since)
    with store.engine.connect() as connection:
        rows = [dict(row._mapping) for row in connection.execute(query)]
        ids = [row["id"] for row in rows]
        articles: dict[str, list[dict[str, Any]]] = defaultdict(list)
        if ids:
            for row in connection.execute(
                select(sa.c.story_id, a.c.id, a.c.published, a.c.title)
                .select_from(sa.join(a, a.c.id == sa.c.article_id))
                .where(sa.c.story_id.in_(ids))
            ):
                articles[row.story_id].append(
                    {"id": row.id, "published": row.published, "title": row.title})
    for row in rows:
        row["top_entities"] = json.loads(row["top_entities"])
        row["articles"] = sorted(articles[row["id"]],
                                 key=lambda x: ((x["published"] or "")[:10], x["id"]))
    return rows
