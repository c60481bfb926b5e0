"""Rebuild the cross-article tables (`entity_aliases`, `stories`, `story_articles`)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, select

from newsgraph.link.aliases import PERSON, build_aliases, is_acronym
from newsgraph.link.merges import apply_merges
from newsgraph.link.stories import WINDOW_DAYS, Doc, cluster, story_rows
from newsgraph.store import schema
from newsgraph.store.totals import day_of

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from newsgraph.store import Store

#: `meta` key holding the number of articles the cross-article tables were built from.
META_KEY = "link_articles"


@dataclass
class LinkSummary:
    """What one `rebuild` wrote."""

    aliases: int
    joined: int
    """Aliases joined to another name (variant, lexicon, surname, acronym)."""
    stories: int
    clustered: int
    """Articles that belong to a story."""


def _article_count(connection: Connection) -> int:
    return connection.execute(select(func.count()).select_from(schema.articles)).scalar_one()


def is_stale(store: Store) -> bool:
    """Whether articles were added since the cross-article tables were last built."""
    with store.engine.connect() as connection:
        built = connection.execute(
            select(schema.meta.c.value).where(schema.meta.c.key == META_KEY)).scalar()
        return built != str(_article_count(connection))


def ensure_linked(store: Store, window: int = WINDOW_DAYS) -> LinkSummary | None:
    """`rebuild` when the store changed since the last build; None when it was up to date."""
    return rebuild(store, window) if is_stale(store) else None


def _docs(connection: Connection, canonical: dict[tuple[str, str], str]) -> list[Doc]:
    e, p, a = schema.entities, schema.places, schema.articles
    keys: dict[str, set[str]] = defaultdict(set)
    for row in connection.execute(select(e.c.article_id, e.c.name, e.c.type)):
        name = canonical.get((row.name, row.type), row.name)
        keys[row.article_id].add(f"{row.type}:{name}")
    for row in connection.execute(select(p.c.article_id, p.c.geonameid, p.c.name)):
        if row.geonameid is not None or row.name:
            keys[row.article_id].add(f"place:{row.geonameid or row.name}")
    docs = []
    for row in connection.execute(select(a.c.id, a.c.published, a.c.title, a.c.text)
                                  .where(a.c.published.is_not(None))):
        if (day := day_of(row.published)) is not None:
            docs.append(Doc(row.id, day, row.text, row.title, frozenset(keys[row.id])))
    return docs


def _acronym_articles(connection: Connection) -> dict[tuple[str, str], set[str]]:
    """Per (name, type), the ids of the articles that name it together with an acronym."""
    e = schema.entities
    shaped = (select(e.c.article_id)
              .where(func.upper(e.c.name) == e.c.name, func.length(e.c.name).between(2, 6),
                     e.c.type != PERSON))
    rows = connection.execute(select(e.c.article_id, e.c.name, e.c.type)
                              .where(e.c.article_id.in_(shaped))).all()
    with_acronym = {r.article_id for r in rows if r.type != PERSON and is_acronym(r.name)}
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        if row.article_id in with_acronym:
            found[(row.name, row.type)].add(row.article_id)
    return found


def rebuild(store: Store, window: int = WINDOW_DAYS) -> LinkSummary:
    """Recompute aliases and story clusters from all stored articles, in one transaction."""
    t = schema.entity_totals
    with store.engine.begin() as connection:
        count = _article_count(connection)
        totals = connection.execute(
            select(t.c.name, t.c.type, t.c.articles, t.c.roles)).all()
        roles = {(row.name, row.type): json.loads(row.roles) for row in totals
                 if row.type == "PERSON" and row.roles != "[]"}
        aliases = build_aliases([(row.name, row.type, row.articles) for row in totals],
                                _acronym_articles(connection), roles)
        canonical = {(al.alias, al.type): al.canonical for al in aliases}
        stories = cluster(_docs(connection, canonical), window)
        for table in (schema.story_articles, schema.stories, schema.entity_aliases):
            connection.execute(delete(table))
        if aliases:
            connection.execute(insert(schema.entity_aliases), [asdict(al) for al in aliases])
        apply_merges(connection)  # editors' merges (web app) outlast the rebuild
        if stories:
            rows = [story_rows(story) for story in stories]
            connection.execute(insert(schema.stories), rows)
            connection.execute(insert(schema.story_articles), [
                {"story_id": row["id"], "article_id": doc.id}
                for row, story in zip(rows, stories, strict=True) for doc in story])
        connection.execute(delete(schema.meta).where(schema.meta.c.key == META_KEY))
        connection.execute(insert(schema.meta).values(key=META_KEY, value=str(count)))
    return LinkSummary(len(aliases), sum(al.rule != "exact" for al in aliases), len(stories),
                       sum(len(story) for story in stories))
