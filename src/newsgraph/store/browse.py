"""Read queries behind the web pages: faceted search, speakers, entity attention over time,
places and stories.

    pages = PageQueries(store)
    found = pages.find(SearchFilters(words="harbour", site="City Desk"))

Like `Queries`, every statement is built with SQLAlchemy and bound parameters; offset cursors
come from `encode_cursor`, so a cursor of one list is refused by another.
"""

from __future__ import annotations

import json
from dataclasses import astuple, dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, column, exists, func, literal_column, select, table

from newsgraph.store import queries, schema
from newsgraph.store.linked import (
    EntityNotFound,
    count_by_period,
    daily_counts,
    related,
    resolve_entity,
    story_coverage,
)
from newsgraph.store.queries import (
    MAX_OFFSET,
    Page,
    Queries,
    _offset,
    encode_cursor,
    fts_query,
    newest_matches_floor,
    quote_text_conditions,
)
from newsgraph.store.queries import search_terms as queries_search_terms
from newsgraph.store.totals import day_of

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement


#: Facet values shown per facet.
FACET_SIZE = 20


@dataclass
class SearchFilters:
    """What the search page filters on: words (full-text) and facet values (all optional)."""

    words: str = ""
    site: str | None = None
    type: str | None = None
    """An entity type some entity of the article has (PERSON, ORG, ...)."""
    quote: str | None = None
    """"direct" or "indirect": the article has such a quote."""
    year: str | None = None
    month: str | None = None
    """YYYY-MM."""
    speaker: str | None = None
    """Part of the name of someone quoted in the article."""


@dataclass
class Found:
    """One page of faceted search: rows, next cursor, how many matched, facet counts."""

    items: list[dict[str, Any]]
    next: str | None
    total: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)
    facets_of_newest: bool = False
    """Facet counts (and ranking) cover only the newest `RANK_CANDIDATES` matches."""


def search_terms(words: str) -> list[str]:
    """The words full-text search looks for: letters and digits only, each once, as the
    store does (`queries.search_terms`)."""
    return queries_search_terms(words or "")


class PageQueries(Queries):
    """`Queries` plus the lists the web pages show (read-only, bound parameters only).

    Search pages with their facet counts, and a speaker's quotes, months and subjects, are
    remembered like `Queries.search` (until the store changes, `ANSWER_SECONDS` at most):
    ranking and counting are the costly part, and the same pages come back often.
    """

    def _text_match(self, terms: list[str]) -> tuple[ColumnElement[Any], Any,
                                                     ColumnElement[Any], Any,
                                                     list[ColumnElement[Any]]]:
        """For the full-text match of `terms`: a condition on `articles` (for counting), what
        to select ranked rows from, the condition there, the rank (lower is better), and
        the conditions that keep the newest `RANK_CANDIDATES` matches (none when there are
        fewer, and on PostgreSQL), over which rows are ranked and facets counted."""
        a = schema.articles
        if self.store.is_postgres:
            config = literal_column(f"'{schema.PG_TS_CONFIG}'")  # a constant, not input
            query = func.plainto_tsquery(config, " ".join(terms))
            vector = literal_column(f"articles.{schema.PG_SEARCH_COLUMN}")
            condition = vector.op("@@")(query)
            return condition, a, condition, -func.ts_rank_cd(vector, query), []
        words = fts_query(terms)
        fts = table(schema.FTS_TABLE, column("rowid"))
        match = literal_column(schema.FTS_TABLE).op("MATCH")(words)
        rowid = literal_column("articles.rowid")
        with self.store.engine.connect() as connection:
            floor = newest_matches_floor(connection, words) if words else None
        # Ranked rows join the FTS table (bm25 needs it in the same query); counting uses
        # the set of matching rowids. The rowid bound goes to FTS5, which then reads only
        # the newest matches.
        if floor is None:
            return (rowid.in_(select(fts.c.rowid).where(match)),
                    a.join(fts, fts.c.rowid == rowid), match,
                    func.bm25(literal_column(schema.FTS_TABLE)), [])
        newest = rowid.in_(select(fts.c.rowid).where(match, fts.c.rowid >= floor))
        return (rowid.in_(select(fts.c.rowid).where(match)), a.join(fts, fts.c.rowid == rowid),
                and_(match, fts.c.rowid >= floor), func.bm25(literal_column(schema.FTS_TABLE)),
                [newest])

    def _count(self, query: Select[Any]) -> int:
        """How many rows `query` selects."""
        return int(self._rows(select(func.count()).select_from(query.subquery()))[0][0])

    def _fts_count(self, terms: list[str]) -> int:
        """How many articles match `terms` (SQLite: straight from the FTS5 index)."""
        fts = table(schema.FTS_TABLE, column("rowid"))
        match = literal_column(schema.FTS_TABLE).op("MATCH")(fts_query(terms))
        return int(self._rows(select(func.count()).select_from(fts).where(match))[0][0])

    def _filter_conditions(self, filters: SearchFilters) -> list[ColumnElement[Any]]:
        a, e, q = schema.articles, schema.entities, schema.quotes
        conditions: list[ColumnElement[Any]] = []
        if filters.site:
            conditions.append(a.c.site == filters.site)
        if filters.type:
            conditions.append(exists().where(e.c.article_id == a.c.id,
                                             func.upper(e.c.type) == filters.type.upper()))
        if filters.quote in ("direct", "indirect"):
            conditions.append(exists().where(q.c.article_id == a.c.id,
                                             q.c.direct == (filters.quote == "direct")))
        if filters.speaker:
            conditions.append(exists().where(
                q.c.article_id == a.c.id, *quote_text_conditions(filters.speaker, None)))
        if filters.year:
            conditions.append(func.substr(a.c.published, 1, 4) == filters.year)
        if filters.month:
            conditions.append(func.substr(a.c.published, 1, 7) == filters.month)
        return conditions

    def _facets(self, filters: SearchFilters, ids: Select[Any]
                ) -> tuple[int, dict[str, list[tuple[str, int]]]]:
        """How many articles `ids` selects, and its counts per facet value."""
        a, e, q = schema.articles, schema.entities, schema.quotes
        total = self._count(ids)
        count = func.count().label("n")
        articles_count = func.count(func.distinct(e.c.article_id)).label("n")
        year = func.substr(a.c.published, 1, 4)
        month = func.substr(a.c.published, 1, 7)
        facet_queries = {
            "site": select(a.c.site, count).where(a.c.id.in_(ids), a.c.site.is_not(None))
            .group_by(a.c.site),
            "type": select(e.c.type, articles_count).where(e.c.article_id.in_(ids))
            .group_by(e.c.type),
            "year": select(year, count).where(a.c.id.in_(ids), a.c.published.is_not(None))
            .group_by(year),
        }
        if filters.year or filters.month:
            facet_queries["month"] = (select(month, count)
                                      .where(a.c.id.in_(ids), a.c.published.is_not(None))
                                      .group_by(month))
        facets: dict[str, list[tuple[str, int]]] = {}
        for name, query in facet_queries.items():
            found = [(str(r[0]), int(r[1])) for r in self._rows(query) if r[0]]
            if name in ("year", "month"):
                found.sort(key=lambda item: item[0], reverse=True)
            else:
                found.sort(key=lambda item: (-item[1], item[0]))
            facets[name] = found[:FACET_SIZE]
        quote_kinds = self._rows(
            select(q.c.direct, func.count(func.distinct(q.c.article_id)))
            .where(q.c.article_id.in_(ids)).group_by(q.c.direct))
        facets["quote"] = sorted((("direct" if r[0] else "indirect"), int(r[1]))
                                 for r in quote_kinds)
        return int(total), facets

    def find(self, filters: SearchFilters, *, limit: int = 20, cursor: str | None = None,
             counted: bool = True) -> Found:
        """Articles matching the words and facet filters (best match first, or newest first
        without words), with counts per facet value over all matching articles (unless not
        `counted`: the API lists no counts, and counting is the costly part).

        Answers are remembered by the words searched for (`search_terms`), not as typed, so
        "a a a" and "a" are one answer."""
        offset = _offset(cursor, "find")
        key = (tuple(search_terms(filters.words)), *astuple(filters)[1:])
        return self._answers.get(("find", key, offset, limit, counted),
                                 lambda: self._find(filters, offset, limit, counted))

    def _find(self, filters: SearchFilters, offset: int, limit: int,
              counted: bool = True) -> Found:
        a = schema.articles
        terms = search_terms(filters.words)
        conditions = self._filter_conditions(filters)
        ranked = select(a.c.id, a.c.title, a.c.published, a.c.site, a.c.url, a.c.text)
        newest: list[ColumnElement[Any]] = []
        every = list(conditions)
        matching: int | None = None  # how many articles match, when known already
        if terms:
            match, source, direct_match, rank, newest = self._text_match(terms)
            ranked = (ranked.select_from(source).where(*conditions, direct_match)
                      .order_by(rank, self._binary(a.c.id)))
            every.append(match)
        else:
            order = (self._day(a.c.published).desc(), self._binary(a.c.id))
            ranked = ranked.where(*conditions).order_by(*order)
            matching = self._count(select(a.c.id).where(*conditions))
            if matching > queries.RANK_CANDIDATES:  # facets of the newest, as for words
                newest = [a.c.id.in_(select(a.c.id).where(*conditions).order_by(*order)
                                     .limit(queries.RANK_CANDIDATES).correlate(None))]
        ids = select(a.c.id).where(*conditions, *newest) if newest else select(a.c.id).where(
            *every)
        rows = self._rows(ranked.offset(offset).limit(limit + 1))
        items = [{"id": r.id, "title": r.title, "published": r.published, "site": r.site,
                  "url": r.url, "text": r.text} for r in rows[:limit]]
        more = len(rows) > limit and offset + limit <= MAX_OFFSET

        def count() -> tuple[int, dict[str, list[tuple[str, int]]]]:
            total, facets = self._facets(filters, ids)
            if matching is not None:
                total = matching
            elif newest:  # the facets count the newest matches only; the total counts all
                total = self._fts_count(terms) if not conditions else self._count(
                    select(a.c.id).where(*every))
            return int(total), facets

        total, facets = self._answers.get(("facets", astuple(filters)[1:], tuple(terms)),
                                          count) if counted else (0, {})
        return Found(items, encode_cursor("find", [offset + limit]) if more else None,
                     total, facets, terms, facets_of_newest=bool(newest))

    def speaker_quotes(self, names: list[str], *, limit: int = 100,
                       cursor: str | None = None) -> Page:
        """Quotes whose speaker is one of `names` (exact), oldest first, with their articles."""
        offset = _offset(cursor, "speaker")
        return self._answers.get(("speaker", tuple(names), limit, offset),
                                 lambda: self._speaker_quotes(names, limit, offset))

    def _speaker_quotes(self, names: list[str], limit: int, offset: int) -> Page:
        q, a = schema.quotes, schema.articles
        when = func.coalesce(q.c.date, a.c.published)
        rows = self._rows(
            select(q.c.article_id, q.c.seq, q.c.start, q.c.end, q.c.text, q.c.direct,
                   q.c.speaker_name, q.c.date, a.c.published, a.c.title, a.c.site, a.c.url)
            .select_from(q.join(a, a.c.id == q.c.article_id))
            .where(q.c.speaker_name.in_(names))
            .order_by(self._binary(func.coalesce(when, "")), self._binary(q.c.article_id),
                      q.c.seq)
            .offset(offset).limit(limit + 1))
        items = [{"article_id": r.article_id, "seq": r.seq, "start": r.start, "end": r.end,
                  "text": r.text, "direct": bool(r.direct), "speaker": r.speaker_name,
                  "date": r.date or r.published, "published": r.published, "title": r.title,
                  "site": r.site, "url": r.url} for r in rows[:limit]]
        more = len(rows) > limit and offset + limit <= MAX_OFFSET
        return Page(items, encode_cursor("speaker", [offset + limit]) if more else None)

    def speaker_months(self, names: list[str]) -> list[dict[str, Any]]:
        """Quotes of the speakers `names` per month (of the quote's date, else the article's)."""
        return self._answers.get(("months", tuple(names)), lambda: self._speaker_months(names))

    def _speaker_months(self, names: list[str]) -> list[dict[str, Any]]:
        q, a = schema.quotes, schema.articles
        month = func.substr(func.coalesce(q.c.date, a.c.published), 1, 7)
        rows = self._rows(select(month.label("month"), func.count().label("n"))
                          .select_from(q.join(a, a.c.id == q.c.article_id))
                          .where(q.c.speaker_name.in_(names),
                                 func.coalesce(q.c.date, a.c.published).is_not(None))
                          .group_by(month).order_by(month))
        return [{"period": r.month, "quotes": int(r.n)} for r in rows
                if r.month and len(r.month) == 7]

    def talked_about(self, names: list[str], *, limit: int = 30) -> list[dict[str, Any]]:
        """Entities named inside the quotes of the speakers `names`, most quotes first."""
        return self._answers.get(("about", tuple(names), limit), lambda: [
            {"name": r["name"], "type": r["type"], "quotes": r["quotes"]}
            for r in related(self.store, names, None, "talks-about", limit)])

    def entity_names(self, name: str) -> tuple[str, str, list[str]] | None:
        """The canonical name, type and names of the entity called `name` (via the alias table
        when `newsgraph link` built it, else the stored name itself); None if unknown."""
        try:
            return resolve_entity(self.store, name)
        except EntityNotFound:
            pass
        e = schema.entities
        rows = self._rows(select(e.c.type, func.count().label("n"))
                          .where(func.lower(e.c.name) == name.strip().lower())
                          .group_by(e.c.type).order_by(func.count().desc(), e.c.type))
        if not rows:
            return None
        exact = self._rows(select(e.c.name).where(func.lower(e.c.name) == name.strip().lower(),
                                                  e.c.type == rows[0].type).distinct())
        names = sorted({r.name for r in exact})
        return (name if name in names else names[0]), rows[0].type, names

    def attention(self, names: list[str], type: str, by: str = "week") -> list[dict[str, Any]]:
        """Per period (zero-filled): articles naming the entity, its mentions, quotes by it,
        all articles, and the share of all articles that name it."""
        ad = schema.article_days
        days: dict[str, list[Any]] = {**daily_counts(self.store, names, type), "all_articles": []}
        if not days["articles"] and not days["quotes"]:
            return []
        first = min(d for column in ("articles", "quotes") for d, _ in days[column])
        last = max(d for column in ("articles", "quotes") for d, _ in days[column])
        for row in self._rows(select(ad.c.day, ad.c.articles)
                              .where(ad.c.day >= first.isoformat(),
                                     ad.c.day <= last.isoformat())):
            if (day := day_of(row.day)) is not None:
                days["all_articles"].append((day, int(row.articles)))
        rows = count_by_period(days, by)  # type: ignore[arg-type]
        for row in rows:
            row["share"] = round(row["articles"] / row["all_articles"], 4) \
                if row["all_articles"] else 0.0
        return rows

    def places(self, *, limit: int = 500, cursor: str | None = None) -> Page:
        """Resolved places (with coordinates) by the number of articles naming them."""
        t = schema.place_totals
        offset = _offset(cursor, "places")
        rows = self._rows(
            select(t.c.name, t.c.country, t.c.admin1, (t.c.lat_sum / t.c.mentions).label("lat"),
                   (t.c.lon_sum / t.c.mentions).label("lon"), t.c.articles, t.c.mentions)
            .order_by(t.c.articles.desc(), self._binary(t.c.name), self._binary(t.c.country),
                      self._binary(t.c.admin1))
            .offset(offset).limit(limit + 1))
        items = [{"name": r.name, "country": r.country or None, "admin1": r.admin1 or None,
                  "lat": round(float(r.lat), 4), "lon": round(float(r.lon), 4),
                  "articles": int(r.articles), "mentions": int(r.mentions)}
                 for r in rows[:limit]]
        more = len(rows) > limit and offset + limit <= MAX_OFFSET
        return Page(items, encode_cursor("places", [offset + limit]) if more else None)

    def stories(self, *, since: str | None = None, limit: int = 50,
                cursor: str | None = None) -> Page:
        """Stored story clusters, latest first, each with its articles (oldest first)."""
        s, sa, a = schema.stories, schema.story_articles, schema.articles
        offset = _offset(cursor, "stories")
        query = (select(s).order_by(s.c.last_day.desc(), s.c.size.desc(), self._binary(s.c.id))
                 .offset(offset).limit(limit + 1))
        if since:
            query = query.where(s.c.last_day >= since)
        rows = [dict(r._mapping) for r in self._rows(query)]
        shown = rows[:limit]
        members: dict[str, list[dict[str, Any]]] = {row["id"]: [] for row in shown}
        if members:
            for r in self._rows(select(sa.c.story_id, a.c.id, a.c.published, a.c.title,
                                       a.c.site)
                                .select_from(sa.join(a, a.c.id == sa.c.article_id))
                                .where(sa.c.story_id.in_(list(members)))):
                members[r.story_id].append({"id": r.id, "published": r.published,
                                            "title": r.title, "site": r.site})
        for row in shown:
            row["top_entities"] = json.loads(row["top_entities"] or "[]")
            row["articles"] = sorted(members[row["id"]],
                                     key=lambda x: ((x["published"] or "")[:10], x["id"]))
            row.update(story_coverage(row["articles"]))
        more = len(rows) > limit and offset + limit <= MAX_OFFSET
        return Page(shown, encode_cursor("stories", [offset + limit]) if more else None)

    def place_articles(self, name: str, *, limit: int = 50) -> list[dict[str, Any]]:
        """Articles naming the place `name` (its resolved name), newest first."""
        p = schema.places
        return self._newest_articles(select(p.c.article_id).where(p.c.name == name), limit)

    def entity_articles(self, names: list[str], type: str, *,
                        limit: int = 20) -> list[dict[str, Any]]:
        """The newest articles naming the entity (any of `names`, of this type)."""
        e = schema.entities
        return self._newest_articles(
            select(e.c.article_id).where(e.c.name.in_(names), e.c.type == type), limit)

    def _newest_articles(self, ids: Select[Any], limit: int) -> list[dict[str, Any]]:
        """The articles whose ids `ids` selects, newest first."""
        a = schema.articles
        query = (select(a.c.id, a.c.title, a.c.published, a.c.site)
                 .order_by(self._day(a.c.published).desc(), self._binary(a.c.id))
                 .limit(limit + 1))
        # A probe per article of the window; the whole list of ids for the rest.
        probe = exists(ids.where(ids.selected_columns[0] == a.c.id))
        rows = self._newest_first(query.where(probe), limit, None,
                                  fallback=query.where(a.c.id.in_(ids)))
        return [{"id": r.id, "title": r.title, "published": r.published, "site": r.site}
                for r in rows[:limit]]

    def unclustered(self, *, limit: int = 20) -> list[dict[str, Any]]:
        """The newest articles that belong to no stored story."""
        sa, a = schema.story_articles, schema.articles
        rows = self._rows(select(a.c.id, a.c.title, a.c.published, a.c.site)
                          .where(a.c.id.not_in(select(sa.c.article_id)))
                          .order_by(self._day(a.c.published).desc(), self._binary(a.c.id))
                          .limit(limit))
        return [{"id": r.id, "title": r.title, "published": r.published, "site": r.site}
                for r in rows]
