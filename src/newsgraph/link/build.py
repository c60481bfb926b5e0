"""Build the cross-article tables (`entity_aliases`, `stories`, `story_articles`).

`update` adds the articles stored since the last link to the stored stories, which are the
connected components of the stored links (`link_edges`). The links of the relinked articles
are found again (checked against every article within the window of their day): the new
ones, those whose entity keys changed with the aliases or became too common in their window
(`crowding_changes`), and those whose nearest was one of these. Every other article keeps its
stored nearest (`link_nearest`) unless a relinked one is nearer, and the link of a pair of
mutual nearest articles (`newsgraph.link.stories.Nearest`) goes when one of the two has a new
nearest. The stories with a changed link are split into the components of their links; so
the result equals a full `rebuild`. The link state, `link_articles` (every article seen,
with its MinHash signature), `link_nearest`, `link_edges` and `link_aliases` (the aliases
clustered with), says what is new. A full
rebuild is made when there is no link state, when the linking parameters changed, or when
articles were deleted or stored again since. Aliases come from the small `entity_totals`
table and are always built in full.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from itertools import chain
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, case, delete, false, func, insert, null, select, text, tuple_

from newsgraph.link.aliases import PERSON, Alias, build_aliases, is_acronym
from newsgraph.link.merges import apply_merges
from newsgraph.link.stories import (
    WINDOW_DAYS,
    Best,
    Edge,
    Nearest,
    StoryDoc,
    UnionFind,
    cluster,
    crowding_changes,
    digest,
    link_params,
    linked_edges,
    order,
    prepare,
    story_rows,
)
from newsgraph.link.terms import TermWeights, happening_keys
from newsgraph.store import schema
from newsgraph.store.keys import execute_in, key_chunks, select_in
from newsgraph.store.totals import day_of

if TYPE_CHECKING:
    from sqlalchemy import Connection, Select
    from sqlalchemy.sql.elements import ColumnElement

    from newsgraph.store import Store

#: `meta` key holding the link state: the window and `link_params` of the stored stories.
META_KEY = "link_state"
#: `meta` key holding the term weights (`TermWeights` as JSON) the stories were linked with.
TERMS_KEY = "link_terms"
#: The term weights are fitted again (a full link) once the store has grown past this many
#: times the articles they were fitted on, plus `REFIT_SLACK`.
REFIT_GROWTH = 1.25
REFIT_SLACK = 100
#: Written by earlier versions (the number of articles linked); removed by a full rebuild.
OLD_META_KEY = "link_articles"
#: PostgreSQL advisory lock taken by a link, so two links do not interleave.
_PG_LINK_LOCK = 0x6E67_6C6B

Canonical = dict[tuple[str, str], str]


@dataclass
class LinkSummary:
    """What one `rebuild` or `update` wrote."""

    aliases: int
    joined: int
    """Aliases joined to another name (variant, lexicon, surname, acronym)."""
    stories: int
    clustered: int
    """Articles that belong to a story."""
    added: int = 0
    """Articles linked for the first time (all of them in a full rebuild)."""
    full: str | None = None
    """Why every story was clustered again; None when the new articles were added."""


def _state(connection: Connection) -> dict[str, Any] | None:
    value = connection.execute(
        select(schema.meta.c.value).where(schema.meta.c.key == META_KEY)).scalar()
    return json.loads(value) if value else None


def _unlinked(*columns: ColumnElement[Any]) -> Select[Any]:
    """`columns` of the articles without link state (stored since the last link)."""
    a, la = schema.articles, schema.link_articles
    return (select(*columns).select_from(a.outerjoin(la, la.c.article_id == a.c.id))
            .where(la.c.article_id.is_(None)))


def _changed_reason(connection: Connection) -> str | None:
    """Why the link state no longer describes the stored articles, if it does not."""
    a, la = schema.articles, schema.link_articles
    gone = connection.execute(
        select(la.c.article_id).select_from(la.outerjoin(a, a.c.id == la.c.article_id))
        .where(a.c.id.is_(None)).limit(1)).first()
    if gone:
        return "articles were deleted since the last link"
    again = connection.execute(
        select(a.c.id).join(la, la.c.article_id == a.c.id)
        .where(la.c.ingested_at != a.c.ingested_at).limit(1)).first()
    return "articles were stored again since the last link" if again else None


def _full_reason(connection: Connection, window: int) -> str | None:
    state = _state(connection)
    if state is None:
        return "no previous link"
    if state.get("params") != link_params():
        return "the linking rules changed"
    if state.get("window") != window:
        return f"the window changed from {state.get('window')} to {window} days"
    fitted = state.get("fitted")
    if fitted is None:
        return "no term weights"
    count = connection.execute(select(func.count()).select_from(schema.articles)).scalar_one()
    if count > REFIT_GROWTH * fitted + REFIT_SLACK:
        return (f"the store grew from {fitted:,} to {count:,} articles since the term weights "
                "were fitted")
    return _changed_reason(connection)


def is_stale(store: Store) -> bool:
    """Whether the stories miss articles stored (or lost) since the last link."""
    with store.engine.connect() as connection:
        state = _state(connection)
        return (state is None or state.get("params") != link_params()
                or connection.execute(_unlinked(schema.articles.c.id).limit(1)).first() is not None
                or _changed_reason(connection) is not None)


def ensure_linked(store: Store, window: int | None = None) -> LinkSummary | None:
    """`update` when the store changed since the last link; None when it was up to date.

    `window` defaults to the last link's."""
    return update(store, window) if is_stale(store) else None


def _lock(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LINK_LOCK})


def rebuild(store: Store, window: int = WINDOW_DAYS, refit: bool = False) -> LinkSummary:
    """Recompute aliases and story clusters from all stored articles (MinHash signatures
    too), in one transaction; with the stored term weights unless `refit` (or none are
    stored), so that it gives what `update` gave."""
    with store.engine.begin() as connection:
        _lock(connection)
        weights = None if refit else _weights(connection)
        return _rebuild(connection, window, "asked for", reuse_signatures=False,
                        weights=weights)


def update(store: Store, window: int | None = None) -> LinkSummary:
    """Add the articles stored since the last link to the stories, in one transaction; a
    full rebuild (reusing the cached signatures) when that cannot give the same result.

    `window` defaults to the last link's (else `WINDOW_DAYS`)."""
    with store.engine.begin() as connection:
        _lock(connection)
        if window is None:
            window = (_state(connection) or {}).get("window", WINDOW_DAYS)
        assert window is not None
        reason = _full_reason(connection, window)
        if reason is not None:
            return _rebuild(connection, window, reason, reuse_signatures=True)
        return _update(connection, window)


# -- aliases -------------------------------------------------------------------------------

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


def _aliases(connection: Connection) -> tuple[list[Alias], Canonical]:
    """The aliases built from the entity totals, and their (name, type) -> canonical map."""
    t = schema.entity_totals
    totals = connection.execute(select(t.c.name, t.c.type, t.c.articles, t.c.roles)).all()
    roles = {(row.name, row.type): json.loads(row.roles) for row in totals
             if row.type == PERSON and row.roles != "[]"}
    aliases = build_aliases([(row.name, row.type, row.articles) for row in totals],
                            _acronym_articles(connection), roles)
    return aliases, {(al.alias, al.type): al.canonical for al in aliases}


def _joined(canonical: Canonical) -> Canonical:
    """Only the names that stand for another."""
    return {key: value for key, value in canonical.items() if value != key[0]}


def _write_aliases(connection: Connection, aliases: list[Alias]) -> None:
    connection.execute(delete(schema.entity_aliases))
    if aliases:
        connection.execute(insert(schema.entity_aliases), [asdict(al) for al in aliases])
    apply_merges(connection)  # editors' merges (web app) outlast the rebuild


# -- entity keys ---------------------------------------------------------------------------

class _Keys:
    """Entity names and place keys of some articles; their keys under an alias map."""

    def __init__(self) -> None:
        self.names: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.places: dict[str, set[str]] = defaultdict(set)
        self.days: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        """Resolved calendar days named in each article: (start, end, YYYY-MM-DD)."""

    def read(self, entity_rows: Iterable[Any], place_rows: Iterable[Any],
             date_rows: Iterable[Any] = ()) -> None:
        for row in entity_rows:
            self.names[row.article_id].add((row.name, row.type))
        for row in place_rows:
            if row.geonameid is not None or row.name:
                self.places[row.article_id].add(f"place:{row.geonameid or row.name}")
        for row in date_rows:
            self.days[row.article_id].append((row.start, row.end, row.value))

    def update(self, other: _Keys) -> None:
        self.names.update(other.names)
        self.places.update(other.places)
        self.days.update(other.days)

    def doc(self, row: Any, day: date, canonical: Canonical) -> StoryDoc:
        """The story doc of an article row (`id`, `title`, `text`, maybe `signature`)."""
        text = row.text or ""
        return StoryDoc(row.id, day, text, row.title, self.of(row.id, canonical),
                        getattr(row, "signature", None),
                        frozenset(happening_keys(text, self.days.get(row.id, ()))))

    def of(self, article_id: str, canonical: Canonical) -> frozenset[str]:
        names = self.names.get(article_id, ())
        return frozenset({f"{kind}:{canonical.get((name, kind), name)}" for name, kind in names}
                         | self.places.get(article_id, set()))


def _day_dates(*where: ColumnElement[bool]) -> Select[Any]:
    d = schema.dates
    return (select(d.c.article_id, d.c.start, d.c.end, d.c.value)
            .where(d.c.granularity == "day", d.c.value.is_not(None), *where)
            .order_by(d.c.article_id, d.c.start))


def _read_keys(connection: Connection, ids: Iterable[str]) -> _Keys:
    e, p, d = schema.entities, schema.places, schema.dates
    ids = list(ids)
    keys = _Keys()
    keys.read(select_in(connection, select(e.c.article_id, e.c.name, e.c.type),
                        e.c.article_id, ids),
              select_in(connection, select(p.c.article_id, p.c.geonameid, p.c.name),
                        p.c.article_id, ids),
              select_in(connection, _day_dates(), d.c.article_id, ids))
    return keys


def _when(condition: ColumnElement[bool], value: ColumnElement[Any]) -> ColumnElement[Any]:
    return case((condition, value), else_=null())


def _weights(connection: Connection) -> TermWeights | None:
    """The stored term weights, if any."""
    value = connection.execute(
        select(schema.meta.c.value).where(schema.meta.c.key == TERMS_KEY)).scalar()
    return TermWeights.from_json(value) if value else None


def _write_state(connection: Connection, window: int, weights: TermWeights) -> None:
    keys = [META_KEY, OLD_META_KEY, TERMS_KEY]
    connection.execute(delete(schema.meta).where(schema.meta.c.key.in_(keys)))
    connection.execute(insert(schema.meta), [
        {"key": META_KEY, "value": json.dumps(
            {"window": window, "params": link_params(), "fitted": weights.articles})},
        {"key": TERMS_KEY, "value": weights.to_json()}])


def _write_joined(connection: Connection, joined: Canonical) -> None:
    connection.execute(delete(schema.link_aliases))
    if joined:
        connection.execute(insert(schema.link_aliases), [
            {"alias": alias, "type": kind, "canonical": canonical}
            for (alias, kind), canonical in joined.items()])


def _insert_stories(connection: Connection, stories: list[list[StoryDoc]]) -> None:
    if stories:
        rows = [story_rows(story) for story in stories]
        connection.execute(insert(schema.stories), rows)
        connection.execute(insert(schema.story_articles), [
            {"story_id": row["id"], "article_id": doc.id}
            for row, story in zip(rows, stories, strict=True) for doc in story])


def _summary(connection: Connection, aliases: list[Alias], added: int,
             full: str | None) -> LinkSummary:
    count = select(func.count())
    return LinkSummary(
        len(aliases), sum(al.rule != "exact" for al in aliases),
        connection.execute(count.select_from(schema.stories)).scalar_one(),
        connection.execute(count.select_from(schema.story_articles)).scalar_one(),
        added, full)


# -- full rebuild --------------------------------------------------------------------------

def _article_rows(connection: Connection, reuse_signatures: bool) -> Any:
    """Every stored article (id, published, title, ingested_at, text, cached signature)."""
    a, la = schema.articles, schema.link_articles
    cached = (and_(la.c.ingested_at == a.c.ingested_at, la.c.signature.is_not(None))
              if reuse_signatures else false())
    return connection.execute(
        select(a.c.id, a.c.published, a.c.title, a.c.ingested_at, a.c.text,
               _when(cached, la.c.signature).label("signature"))
        .select_from(a.outerjoin(la, la.c.article_id == a.c.id)))


def _read_docs(connection: Connection, keys: _Keys, canonical: Canonical,
               reuse_signatures: bool) -> tuple[list[StoryDoc], list[dict[str, Any]],
                                                 list[set[str]]]:
    """Every stored article read once: the docs of those with a day (signed and tokenised,
    texts let go), the link state rows of all, and the terms of those without a day (they
    count in the document frequencies too)."""
    docs, states, undated = [], [], []
    for row in _article_rows(connection, reuse_signatures):
        day = day_of(row.published)
        states.append({"article_id": row.id, "ingested_at": row.ingested_at,
                       "day": day and day.isoformat(), "signature": None})
        doc = keys.doc(row, day or date.min, canonical)
        if day is None:
            undated.append(doc.terms())
            continue
        docs.append(digest(doc))
    return docs, states, undated


def _load_all(connection: Connection, reuse_signatures: bool,
              weights: TermWeights | None = None
              ) -> tuple[list[Alias], Canonical, list[StoryDoc], list[dict[str, Any]],
                         TermWeights]:
    """Every stored article read for a full link: the aliases, the docs of the dated
    articles (weighed by `weights`, default: fitted on the store from the same reading of
    the texts), the link state rows of all and the weights."""
    e, p = schema.entities, schema.places
    aliases, canonical = _aliases(connection)
    keys = _Keys()
    keys.read(connection.execute(select(e.c.article_id, e.c.name, e.c.type)),
              connection.execute(select(p.c.article_id, p.c.geonameid, p.c.name)),
              connection.execute(_day_dates()))
    docs, states, undated = _read_docs(connection, keys, canonical, reuse_signatures)
    if weights is None:
        weights = TermWeights.fit(chain(undated, (doc.terms() for doc in docs)))
    del undated
    for doc in docs:
        prepare(doc, weights)
    return aliases, canonical, docs, states, weights


def story_docs(store: Store) -> tuple[list[StoryDoc], TermWeights]:
    """The stored dated articles as a full link clusters them (by day and id, weighed, texts
    let go) and the term weights fitted on the store: `cluster(docs, weights=weights)` gives
    the stories `rebuild(store, refit=True)` stores. For measuring other clusterings of the
    same articles (`scripts/story_pairs.py`)."""
    with store.engine.connect() as connection:
        _, _, docs, _, weights = _load_all(connection, reuse_signatures=False)
    return order(docs), weights


def _rebuild(connection: Connection, window: int, reason: str, reuse_signatures: bool,
             weights: TermWeights | None = None) -> LinkSummary:
    """Cluster every article again; with `reuse_signatures`, signatures cached for the same
    stored article (same `ingested_at`) are not computed again. `weights` (default: fitted
    on the store now, from the same one reading of the texts) weigh the terms."""
    aliases, canonical, docs, states, weights = _load_all(connection, reuse_signatures, weights)
    nearest, edges = Nearest(), {}
    stories = cluster(docs, window, weights, nearest, edges)
    signatures = {doc.id: doc.signature for doc in docs}
    for state in states:
        state["signature"] = signatures.get(state["article_id"])
    for table in (schema.story_articles, schema.stories, schema.link_articles,
                  schema.link_nearest, schema.link_edges):
        connection.execute(delete(table))
    _write_aliases(connection, aliases)
    _insert_stories(connection, stories)
    _insert_edges(connection, edges)
    if states:
        connection.execute(insert(schema.link_articles), states)
    _write_nearest(connection, nearest.best)
    _write_joined(connection, _joined(canonical))
    _write_state(connection, window, weights)
    return LinkSummary(len(aliases), sum(al.rule != "exact" for al in aliases), len(stories),
                       sum(len(story) for story in stories), len(states), reason)


# -- incremental update --------------------------------------------------------------------

class _Loaded:
    """Linked articles read back as docs (from their cached signatures), by id."""

    def __init__(self, connection: Connection, canonical: Canonical,
                 weights: TermWeights) -> None:
        self.connection = connection
        self.canonical = canonical
        self.weights = weights
        self.docs: dict[str, StoryDoc] = {}
        self.days: set[date] = set()
        self.keys = _Keys()
        self._held: dict[str, Best] = {}
        self._asked: set[str] = set()

    def _read(self, where: ColumnElement[bool]) -> None:
        a, la = schema.articles, schema.link_articles
        rows = self.connection.execute(
            select(la.c.article_id.label("id"), la.c.day, la.c.signature, a.c.title, a.c.text)
            .join(a, a.c.id == la.c.article_id)
            .where(where, la.c.day.is_not(None))).all()
        rows = [row for row in rows if row.id not in self.docs]
        self.keys.update(_read_keys(self.connection, [row.id for row in rows]))
        for row in rows:
            self.docs[row.id] = prepare(
                self.keys.doc(row, date.fromisoformat(row.day), self.canonical), self.weights)

    def around(self, days: Iterable[date], window: int) -> None:
        """Read every linked article published within `window` days of one of `days`."""
        wanted = {day + timedelta(days=shift) for day in set(days)
                  for shift in range(-window, window + 1)} - self.days
        self.days |= wanted
        la = schema.link_articles
        for first, last in _runs(sorted(wanted)):
            self._read(la.c.day.between(first.isoformat(), last.isoformat()))

    def ids(self, ids: Iterable[str]) -> None:
        """Read these linked articles (those not read yet)."""
        for chunk in key_chunks(sorted(set(ids) - self.docs.keys())):
            self._read(schema.link_articles.c.article_id.in_(chunk))

    def held(self) -> dict[str, Best]:
        """The nearest stored for the loaded articles and for theirs (`link_nearest`)."""
        n = schema.link_nearest
        for _ in range(2):
            wanted = ({*self.docs} | {other for _, other in self._held.values()}) - self._asked
            self._asked |= wanted
            for row in select_in(self.connection, select(n.c.article_id, n.c.nearest,
                                                         n.c.similarity),
                                 n.c.article_id, sorted(wanted)):
                self._held[row.article_id] = (row.similarity, row.nearest)
        return self._held


def _runs(days: list[date]) -> Iterator[tuple[date, date]]:
    """Consecutive days (sorted, distinct) as (first, last) runs."""
    first = last = None
    for day in days:
        if last is not None and day == last + timedelta(days=1):
            last = day
            continue
        if first is not None and last is not None:
            yield first, last
        first = last = day
    if first is not None and last is not None:
        yield first, last


def _stories_of(connection: Connection, ids: Iterable[str]) -> dict[str, set[str]]:
    """The stored stories with one of these articles: story id -> all its articles."""
    sa = schema.story_articles
    story_ids = {row.story_id for row in select_in(
        connection, select(sa.c.story_id), sa.c.article_id, sorted(set(ids)))}
    members: dict[str, set[str]] = defaultdict(set)
    for row in select_in(connection, select(sa.c.story_id, sa.c.article_id), sa.c.story_id,
                         sorted(story_ids)):
        members[row.story_id].add(row.article_id)
    return members


def _update(connection: Connection, window: int) -> LinkSummary:
    """Add the unlinked articles to the stored stories (see the module docstring)."""
    a, la, e = schema.articles, schema.link_articles, schema.entities
    aliases, canonical = _aliases(connection)
    joined = _joined(canonical)
    weights = _weights(connection)
    assert weights is not None  # `_full_reason` rebuilds when none are stored
    before = {(row.alias, row.type): row.canonical
              for row in connection.execute(select(schema.link_aliases))}
    renamed_names = {key for key in before.keys() | joined.keys()
                     if before.get(key) != joined.get(key)}

    # 1. The new articles.
    new_rows = connection.execute(
        _unlinked(a.c.id, a.c.published, a.c.title, a.c.text, a.c.ingested_at)).all()
    new_keys = _read_keys(connection, [row.id for row in new_rows])
    new_docs: dict[str, StoryDoc] = {}
    for row in new_rows:
        if (day := day_of(row.published)) is not None:
            new_docs[row.id] = prepare(new_keys.doc(row, day, joined), weights)

    # 2. Linked articles whose entity keys changed with the aliases.
    renamed = {row.article_id for row in select_in(
        connection, select(e.c.article_id, e.c.name, e.c.type)
        .join(la, la.c.article_id == e.c.article_id).where(la.c.day.is_not(None)),
        e.c.name, sorted({name for name, _ in renamed_names}))
        if (row.name, row.type) in renamed_names}

    # 3. The days around them: unchanged articles whose keys crossed MAX_POSTINGS.
    loaded = _Loaded(connection, joined, weights)
    loaded.ids(renamed)
    loaded.docs.update(new_docs)
    loaded.around([doc.day for doc in loaded.docs.values()], window)
    changed: dict[str, frozenset[str] | None] = dict.fromkeys(new_docs)
    changed.update({i: loaded.keys.of(i, before) for i in renamed})
    dirty = renamed | crowding_changes(order(loaded.docs.values()), changed, window)

    # 4. The relinked articles (the new and dirty ones, and those whose nearest was a dirty
    # one) and their links; of the other links, those of mutual nearest articles that one
    # of the two no longer are (a relinked article is nearer to one of them) go.
    relink, edges, nearest, held = _relink(loaded, set(new_docs), dirty, window)
    lost = _parted(connection, nearest, held, relink)

    # 5. The stories with a relinked article or a changed link, regrouped.
    removed, stories = _regroup(connection, loaded, relink, edges, lost)

    # 6. Write: changed stories, aliases, link state.
    _write_stories(connection, removed, stories)
    _write_edges(connection, relink, lost, edges)
    _write_aliases(connection, aliases)
    if renamed_names:
        _write_joined(connection, joined)
    _mark_linked(connection, new_rows, new_docs)
    _write_nearest(connection, {i: best for i, best in nearest.best.items()
                                if best != held.get(i)},
                   {i for i in relink if i not in nearest.best})
    return _summary(connection, aliases, len(new_rows), None)


def _relink(loaded: _Loaded, new: set[str], dirty: set[str], window: int
            ) -> tuple[set[str], dict[Edge, bool], Nearest, dict[str, Best]]:
    """Step 4 of `_update`: the relinked articles, their links (`linked_edges`), every
    loaded article's nearest and the nearest stored before. An article whose stored nearest
    is dirty is relinked (its nearest is looked for again among all its candidates); the
    others keep theirs but for a relinked article nearer to them."""
    loaded.around([loaded.docs[i].day for i in new | dirty], window)
    held = loaded.held()
    relink = new | dirty | {i for i, (_, other) in held.items() if other in dirty}
    loaded.ids(relink)
    loaded.around([loaded.docs[i].day for i in relink], window)
    held = loaded.held()
    nearest = Nearest({i: best for i, best in held.items() if i not in relink})
    edges = linked_edges(order(loaded.docs.values()), window, relink, loaded.weights, nearest)
    return relink, edges, nearest, held


def _parted(connection: Connection, nearest: Nearest, held: dict[str, Best],
            relink: set[str]) -> set[Edge]:
    """Stored links of mutual nearest articles (and of no pairwise rule) between articles
    not relinked, of which one has a new nearest now (a relinked article): no longer a pair."""
    moved = {i for i, best in nearest.best.items() if i not in relink and best != held.get(i)}
    return {(a, b) for a, b in _edges_of(connection, moved, nearest_only=True)
            if a not in relink and b not in relink}


def _edges_of(connection: Connection, ids: set[str], nearest_only: bool = False
              ) -> set[Edge]:
    """The stored links with an end among `ids` (with `nearest_only`, those that no pairwise
    rule joins)."""
    e = schema.link_edges
    query = select(e.c.a, e.c.b)
    if nearest_only:
        query = query.where(e.c.rule == false())
    return {(row.a, row.b) for column in (e.c.a, e.c.b)
            for row in select_in(connection, query, column, sorted(ids))}


def _regroup(connection: Connection, loaded: _Loaded, relink: set[str],
             edges: dict[Edge, bool], lost: set[Edge]
             ) -> tuple[set[str], list[list[StoryDoc]]]:
    """Step 5 of `_update`: the stored stories to remove and the stories to write. The
    stories with a relinked article or an end of a new or lost link are split into the
    connected components of their stored links (less those of relinked articles and the
    lost ones) and the new links. One whose articles stay together and none of which was
    relinked is left as stored."""
    touched = relink | {i for key in chain(edges, lost) for i in key}
    stored = _stories_of(connection, touched)
    members = touched | {i for story in stored.values() for i in story}
    sets = UnionFind()
    for article_id in members:
        sets.find(article_id)
    for a, b in chain((key for key in _edges_of(connection, members) if key not in lost
                       and key[0] not in relink and key[1] not in relink), edges):
        sets.union(a, b)
    groups = {frozenset(group) for group in sets.groups() if len(group) > 1}
    kept = {story_id for story_id, story in stored.items()
            if frozenset(story) in groups and relink.isdisjoint(story)}
    written = groups - {frozenset(stored[story_id]) for story_id in kept}
    loaded.ids(i for group in written for i in group)
    return (set(stored) - kept,
            [order(loaded.docs[i] for i in group) for group in written])


def _write_edges(connection: Connection, relink: set[str], lost: set[Edge],
                 edges: dict[Edge, bool]) -> None:
    """Step 6 of `_update`: the links of the relinked articles replaced, the lost ones gone."""
    e = schema.link_edges
    for column in (e.c.a, e.c.b):
        execute_in(connection, delete(e), column, sorted(relink))
    execute_in(connection, delete(e), tuple_(e.c.a, e.c.b), sorted(lost))
    _insert_edges(connection, edges)


def _insert_edges(connection: Connection, edges: dict[Edge, bool]) -> None:
    if edges:
        connection.execute(insert(schema.link_edges), [
            {"a": a, "b": b, "rule": rule} for (a, b), rule in sorted(edges.items())])


def _write_nearest(connection: Connection, best: dict[str, Best],
                   gone: Iterable[str] = ()) -> None:
    """Store each article's nearest (`Nearest`): `best` written, `gone` removed."""
    n = schema.link_nearest
    execute_in(connection, delete(n), n.c.article_id, sorted({*best, *gone}))
    if best:
        connection.execute(insert(n), [
            {"article_id": i, "nearest": other, "similarity": similarity}
            for i, (similarity, other) in sorted(best.items())])


def _write_stories(connection: Connection, removed: set[str], stories: list[list[StoryDoc]]
                   ) -> None:
    """Step 6 of `_update`: the removed stories go, the regrouped ones are written."""
    sa = schema.story_articles
    execute_in(connection, delete(sa), sa.c.story_id, sorted(removed))
    execute_in(connection, delete(schema.stories), schema.stories.c.id, sorted(removed))
    _insert_stories(connection, sorted(stories, key=lambda s: (s[0].day, s[0].id)))


def _mark_linked(connection: Connection, new_rows: list, new_docs: dict[str, StoryDoc]
                 ) -> None:
    """Step 6 of `_update`, last: the new articles are linked (with their day, if any)."""
    if new_rows:
        connection.execute(insert(schema.link_articles), [
            {"article_id": row.id, "ingested_at": row.ingested_at,
             "day": (doc := new_docs.get(row.id)) and doc.day.isoformat(),
             "signature": doc and doc.signature} for row in new_rows])
