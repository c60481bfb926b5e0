"""Read queries over a `Store`: full-text search, entity totals, and the paged lists of the
web API (keyset cursors, filters, counts).

`search` and `entity_summaries` answer the CLI and the library; `Queries` pages them (and
quotes, events, articles) for the API. Every list returns a `Page`: its rows (plain dicts)
and an opaque `next` cursor (None on the last page). Cursors encode the sort key of the last
row shown, so pages neither repeat nor skip rows while the store grows. All SQL is built with
SQLAlchemy and bound parameters.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import (
    JSON,
    Select,
    and_,
    cast,
    exists,
    func,
    literal_column,
    or_,
    select,
    text,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import JSONB

from newsgraph.store import schema
from newsgraph.store.cache import ResultCache
from newsgraph.store.schema import FTS_TABLE, PG_SEARCH_COLUMN, PG_TS_CONFIG

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, Connection

    from newsgraph.store.database import Store

#: Most matches of one search that are ranked (see `search`).
RANK_CANDIDATES = 5_000
#: Words of a search query: runs of letters/digits, in any script.
WORD = re.compile(r"[^\W_]+")
#: Most distinct words one search looks for; the rest are ignored. Each word costs the
#: full-text engine a pass over its matches (and snippets one per word and row), so a query
#: of 200 words would keep a reader busy for seconds.
MAX_SEARCH_TERMS = 12
#: Longest word searched for (longer runs of letters are no word anyone searches).
MAX_TERM_LENGTH = 64
#: Largest offset a search or entity cursor may carry (those lists are ranked, not keyed).
MAX_OFFSET = 10_000
#: Answers remembered per store, and for how many seconds at most.
ANSWERS = 512
ANSWER_SECONDS = 30.0
#: Most bytes (estimated) of answers one `Queries` keeps: a search answer holds the texts
#: of its articles, so the entry count alone does not bound the memory (issue 15's soak).
ANSWER_BYTES = 32 * 1024 * 1024
#: Newest articles that quotes and events lists look in first (then in all of them).
NEWEST_WINDOW = 200


class SearchHit(NamedTuple):
    """One search result: the article, its title and a snippet with the matched words marked."""

    id: str
    title: str | None
    snippet: str


@dataclass
class EntitySummary:
    """One entity (name + type) aggregated over all stored articles."""

    name: str
    type: str
    articles: int
    mentions: int
    roles: list[str] = field(default_factory=list)


def _binary(store: Store, column: ColumnElement[Any]) -> ColumnElement[Any]:
    """The column compared and sorted by code point on every backend (SQLite's BINARY)."""
    return column.collate("C") if store.is_postgres else column


def search_terms(words: str | Iterable[str]) -> list[str]:
    """The words a search looks for: runs of letters and digits, each once (ignoring case),
    in the order given, at most `MAX_SEARCH_TERMS` of at most `MAX_TERM_LENGTH` characters."""
    text = words if isinstance(words, str) else " ".join(words)
    terms: dict[str, str] = {}
    for match in WORD.finditer(text or ""):
        term = match.group()
        if len(term) <= MAX_TERM_LENGTH:
            terms.setdefault(term.casefold(), term)
            if len(terms) == MAX_SEARCH_TERMS:
                break
    return list(terms.values())


def fts_query(words: str | Iterable[str]) -> str | None:
    """An FTS5 MATCH expression that finds all the words (`search_terms`), each quoted as
    a plain term.

    Only letters and digits survive, so FTS syntax (quotes, `AND`, `*`, `-`,
    `NEAR(`, column filters) in user input is matched as words or dropped,
    never parsed. None when no word is left.
    """
    terms = search_terms(words)
    if not terms:
        return None
    return " ".join(f'"{term}"' for term in terms)


def newest_matches_floor(connection: Connection, query: str) -> int | None:
    """The FTS5 rowid from which on lie the newest `RANK_CANDIDATES` matches of `query`;
    None when it has fewer. Ranking costs ~2 µs per match, so searches rank only those."""
    return connection.execute(text(
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :query "
        "ORDER BY rowid DESC LIMIT 1 OFFSET :skip"),
        {"query": query, "skip": RANK_CANDIDATES - 1}).scalar()


def entity_summaries(store: Store, limit: int = 50, type: str | None = None,
                     offset: int = 0) -> list[EntitySummary]:
    """Entities aggregated over articles by name and type, most widespread first
    (then most mentioned, then by name), from the totals kept at ingest.

    `type` filters case-insensitively (`person` finds `PERSON`).
    """
    t = schema.entity_totals
    query = (select(t.c.name, t.c.type, t.c.articles, t.c.mentions, t.c.roles)
             .order_by(t.c.articles.desc(), t.c.mentions.desc(), _binary(store, t.c.name),
                       _binary(store, t.c.type))
             .limit(limit).offset(offset))
    if type:
        query = query.where(func.upper(t.c.type) == type.upper())
    with store.engine.connect() as connection:
        return [EntitySummary(name=row.name, type=row.type, articles=row.articles,
                              mentions=row.mentions, roles=json.loads(row.roles or "[]"))
                for row in connection.execute(query)]


def search(store: Store, words: str | Iterable[str], limit: int = 20,
           mark: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
    """Articles containing all the words (diacritics folded), best match first.

    Words found in more than `RANK_CANDIDATES` articles: the best of the most recently
    stored `RANK_CANDIDATES` matches (SQLite; ranking every match of a word in most of
    a large store takes a quarter of a second).

    Any input is safe: only its letters and digits are searched for, as
    plain words, and query syntax is never interpreted. The snippet marks
    matched words with `mark`.
    """
    if store.is_postgres:
        return _search_postgres(store, words, limit, mark)
    query = fts_query(words)
    if query is None or limit <= 0:
        return []
    with store.engine.connect() as connection:
        floor = newest_matches_floor(connection, query)
        newest = f"AND {FTS_TABLE}.rowid >= :floor " if floor is not None else ""
        # Rank and limit first; snippets (one pass over the text per row and word) only
        # for the rows kept. SQLite would compute them for every match before sorting.
        ranked = (
            f"SELECT {FTS_TABLE}.rowid FROM {FTS_TABLE} "
            f"JOIN articles AS a ON a.rowid = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH :query {newest}"
            f"ORDER BY bm25({FTS_TABLE}), a.id LIMIT :limit"
        )
        sql = (
            f"SELECT a.id, a.title, snippet({FTS_TABLE}, -1, :open, :close, '…', 16) "
            f"FROM {FTS_TABLE} JOIN articles AS a ON a.rowid = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH :query AND {FTS_TABLE}.rowid IN ({ranked}) "
            f"ORDER BY bm25({FTS_TABLE}), a.id"
        )
        rows = connection.execute(text(sql), {
            "open": mark[0], "close": mark[1], "query": query, "limit": limit,
            "floor": floor,
        })
        return [SearchHit(row[0], row[1], (row[2] or "").strip()) for row in rows]


def _search_postgres(store: Store, words: str | Iterable[str], limit: int,
                     mark: tuple[str, str]) -> list[SearchHit]:
    """`search` on PostgreSQL: `plainto_tsquery` over the generated `tsvector` column."""
    terms = search_terms(words)
    if not terms or limit <= 0:
        return []
    # Rank and limit first, then build snippets for the few rows that are kept.
    sql = (
        f"SELECT hit.id, hit.title, ts_headline('{PG_TS_CONFIG}', hit.text, hit.query, "
        f":options) FROM (SELECT a.id, a.title, a.text, q.query, "
        f"ts_rank_cd(a.{PG_SEARCH_COLUMN}, q.query) AS rank "
        f"FROM articles AS a, plainto_tsquery('{PG_TS_CONFIG}', :words) AS q(query) "
        f"WHERE a.{PG_SEARCH_COLUMN} @@ q.query "
        f'ORDER BY rank DESC, a.id COLLATE "C" LIMIT :limit) AS hit '
        f'ORDER BY hit.rank DESC, hit.id COLLATE "C"'
    )
    options = (f"StartSel={_headline_value(mark[0])}, StopSel={_headline_value(mark[1])}, "
               "MaxWords=20, MinWords=8, ShortWord=0")
    with store.engine.connect() as connection:
        rows = connection.execute(text(sql), {
            "words": " ".join(terms), "limit": limit, "options": options,
        })
        return [SearchHit(row[0], row[1], (row[2] or "").strip()) for row in rows]


def _headline_value(value: str) -> str:
    """A `ts_headline` option value, double-quoted so any characters are taken literally."""
    return '"' + value.replace('"', '""') + '"'


def quote_text_conditions(speaker: str | None, about: str | None) -> list[ColumnElement]:
    """Quote filters shared by the CLI and the API: any part of the speaker's name, and
    every word of `about` in the quote (its first `MAX_SEARCH_TERMS` distinct words),
    case-insensitive, with LIKE wildcards escaped."""
    q = schema.quotes
    conditions = []
    if speaker:
        # Names from the short `speakers` table, then quotes by `ix_quotes_speaker_name`.
        names = select(schema.speakers.c.name).where(
            func.lower(schema.speakers.c.name).contains(speaker.lower(), autoescape=True))
        conditions.append(q.c.speaker_name.in_(names))
    # Each word is a scan of every quote's text: each distinct word once, at most
    # `MAX_SEARCH_TERMS` of them (`about=` of 200 × "a" was 200 scans per quote).
    words = dict.fromkeys(word.lower() for word in (about or "").split())
    for word in list(words)[:MAX_SEARCH_TERMS]:
        conditions.append(func.lower(q.c.text).contains(word, autoescape=True))
    return conditions


class CursorError(ValueError):
    """A cursor that this API did not hand out (or for another list)."""


@dataclass
class Page:
    """One page of a list: its rows and the cursor of the next page (None when done)."""

    items: list[dict[str, Any]]
    next: str | None = None


def encode_cursor(kind: str, key: list[Any]) -> str:
    """An opaque cursor for the row with sort key `key` in list `kind`."""
    raw = json.dumps([kind, *key], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, kind: str, types: tuple[type, ...]) -> list[Any]:
    """The sort key in `cursor`; `CursorError` unless it is a cursor of list `kind`."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw.decode())
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError) as error:
        raise CursorError("bad cursor") from error  # (deeply nested JSON: RecursionError)
    if (not isinstance(value, list) or len(value) != len(types) + 1 or value[0] != kind
            or not all(type(v) is t for v, t in zip(value[1:], types, strict=True))):
        raise CursorError("bad cursor")
    return value[1:]


def _offset(cursor: str | None, kind: str) -> int:
    if not cursor:
        return 0
    (offset,) = decode_cursor(cursor, kind, (int,))
    if not 0 < offset <= MAX_OFFSET:
        raise CursorError("bad cursor")
    return offset


class Queries:
    """Read-only, paged queries over one store (SQLite or PostgreSQL).

    Searches and quotes by speaker or words are remembered until the store changes
    (`ResultCache`; on PostgreSQL `ANSWER_SECONDS` at most): ranking every match of a
    common word is costly, and the same searches come back often.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._answers = ResultCache(store.change_stamp, ANSWERS, ANSWER_SECONDS, ANSWER_BYTES)

    # -- helpers -----------------------------------------------------------

    def _binary(self, column: ColumnElement[Any]) -> ColumnElement[Any]:
        return _binary(self.store, column)

    def _json_field(self, column: ColumnElement[Any], key: str) -> ColumnElement[Any]:
        """The text of `key` in a JSON object stored as text (NULL when absent)."""
        value = cast(column, JSONB) if self.store.is_postgres else type_coerce(column, JSON)
        return value[key].as_string()

    def _day(self, column: ColumnElement[Any]) -> ColumnElement[Any]:
        """The stored date as sortable text; '' for none, so it sorts last when descending.
        The '' is written out, not bound, so the database matches `ix_articles_day`."""
        return self._binary(func.coalesce(column, literal_column("''")))

    def _rows(self, query: Select[Any]) -> list[Any]:
        with self.store.engine.connect() as connection:
            return list(connection.execute(query))

    def _newest_first(self, query: Select[Any], limit: int, cursor: list[Any] | None,
                      fallback: Select[Any] | None = None) -> list[Any]:
        """Rows of `query`, a list sorted newest article first and limited to `limit` + 1
        rows: looked for in the newest `NEWEST_WINDOW` articles after the cursor (read in
        order from `ix_articles_day`), then in all of them (with `fallback`, the same list
        written for that, if given) when the window held too few."""
        newest = schema.articles.alias("newest")
        day, key = self._day(newest.c.published), self._binary(newest.c.id)
        window = select(newest.c.id).order_by(day.desc(), key).limit(NEWEST_WINDOW)
        if cursor:  # from the cursor's article on: it may have rows left
            window = window.where(or_(day < cursor[0], and_(day == cursor[0], key >= cursor[1])))
        rows = self._rows(query.where(schema.articles.c.id.in_(window)))
        return rows if len(rows) > limit else self._rows(
            query if fallback is None else fallback)

    @staticmethod
    def _after(day: ColumnElement[Any], keys: list[ColumnElement[Any]],
               values: list[Any]) -> ColumnElement[Any]:
        """Rows after the cursor row in the order (day DESC, keys... ASC)."""
        condition = keys[-1] > values[-1]
        for column, value in zip(reversed(keys[:-1]), reversed(values[1:-1]), strict=True):
            condition = or_(column > value, and_(column == value, condition))
        return or_(day < values[0], and_(day == values[0], condition))

    # -- articles ------------------------------------------------------------

    def articles(self, *, since: str | None = None, until: str | None = None,
                 site: str | None = None, limit: int = 50, cursor: str | None = None) -> Page:
        """Articles, newest first (undated last), then by id."""
        a = schema.articles
        day, key = self._day(a.c.published), self._binary(a.c.id)
        query = (select(a.c.id, a.c.url, a.c.title, a.c.published, a.c.site, a.c.language,
                        a.c.authors)
                 .order_by(day.desc(), key).limit(limit + 1))
        if since:
            query = query.where(day >= since)
        if until:
            query = query.where(day != "", day <= until + "\uffff")
        if site:
            query = query.where(func.lower(a.c.site) == site.lower())
        if cursor:
            values = decode_cursor(cursor, "articles", (str, str))
            query = query.where(self._after(day, [key], values))
        rows = self._rows(query)
        items = [{"id": r.id, "title": r.title, "published": r.published, "site": r.site,
                  "url": r.url, "language": r.language, "authors": json.loads(r.authors or "[]")}
                 for r in rows[:limit]]
        last = rows[limit - 1] if len(rows) > limit else None
        return Page(items, encode_cursor("articles", [last.published or "", last.id])
                    if last else None)

    # -- entities ------------------------------------------------------------

    def entities(self, *, type: str | None = None, limit: int = 50,
                 cursor: str | None = None) -> Page:
        """Entities by name and type, most widespread first (`entity_summaries`), paged."""
        offset = _offset(cursor, "entities")
        found = entity_summaries(self.store, limit=limit + 1, type=type, offset=offset)
        items = [asdict(summary) for summary in found[:limit]]
        more = len(found) > limit and offset + limit <= MAX_OFFSET
        return Page(items, encode_cursor("entities", [offset + limit]) if more else None)

    # -- quotes --------------------------------------------------------------

    def quotes(self, *, speaker: str | None = None, about: str | None = None,
               since: str | None = None, until: str | None = None, direct: bool | None = None,
               anonymous: bool | None = None, site: str | None = None, limit: int = 50,
               cursor: str | None = None) -> Page:
        """Quotes, newest article first. `speaker` is part of the speaker's name (any case),
        `about` words all in the quote, `since`/`until` days (YYYY-MM-DD) on the quote's date
        or else the article's, `anonymous` whether the speaker is an unnamed source."""
        asked = (speaker, about, since, until, direct, anonymous, site, limit, cursor)
        if not speaker and not about:  # cheap: the newest quotes, by index
            return self._quotes(*asked)
        return self._answers.get(("quotes", *asked), lambda: self._quotes(*asked))

    def _quotes(self, speaker: str | None, about: str | None, since: str | None,
                until: str | None, direct: bool | None, anonymous: bool | None,
                site: str | None, limit: int, cursor: str | None) -> Page:
        q, a, e = schema.quotes, schema.articles, schema.entities
        day = self._day(a.c.published)
        keys = [self._binary(q.c.article_id), q.c.seq]
        when = self._binary(func.coalesce(q.c.date, a.c.published))
        query = (select(q.c.article_id, q.c.seq, a.c.published, a.c.title, a.c.site, q.c.start,
                        q.c.end, q.c.text, q.c.direct, q.c.partial, q.c.speaker_name, q.c.cue,
                        q.c.addressee, q.c.date)
                 .select_from(q.join(a, a.c.id == q.c.article_id))
                 .order_by(day.desc(), *keys).limit(limit + 1))
        query = query.where(*quote_text_conditions(speaker, about))
        if since:
            query = query.where(when >= since)
        if until:
            query = query.where(when <= until + "\uffff")
        if direct is not None:
            query = query.where(q.c.direct == direct)
        if site:
            query = query.where(func.lower(a.c.site) == site.lower())
        if anonymous is not None:
            unnamed = exists().where(e.c.article_id == q.c.article_id,
                                     e.c.entity_id == self._json_field(q.c.speaker, "entity"),
                                     e.c.anonymous.is_(True))
            query = query.where(unnamed if anonymous else ~unnamed)
        values = decode_cursor(cursor, "quotes", (str, str, int)) if cursor else None
        if values:
            query = query.where(self._after(day, keys, values))
        rows = self._newest_first(query, limit, values)
        items = [{"article_id": r.article_id, "published": r.published, "title": r.title,
                  "site": r.site, "start": r.start, "end": r.end, "text": r.text,
                  "direct": bool(r.direct), "partial": bool(r.partial),
                  "speaker": r.speaker_name,
                  "cue": (json.loads(r.cue) or {}).get("lemma") if r.cue else None,
                  "addressee": r.addressee, "date": r.date}
                 for r in rows[:limit]]
        last = rows[limit - 1] if len(rows) > limit else None
        return Page(items, encode_cursor("quotes", [last.published or "", last.article_id,
                                                    last.seq]) if last else None)

    # -- events --------------------------------------------------------------

    def events(self, *, type: str | None = None, actor: str | None = None,
               target: str | None = None, place: str | None = None, since: str | None = None,
               include_unreal: bool = False, main_only: bool = False, limit: int = 50,
               cursor: str | None = None) -> Page:
        """Events, newest article first. `actor`/`target` match a country or sector code
        exactly or a word of the argument's text; negated, hypothetical and intended events
        only with `include_unreal`; with `main_only`, each article's main event alone."""
        ev, a = schema.events, schema.articles
        day = self._day(a.c.published)
        keys = [self._binary(ev.c.article_id), ev.c.seq]
        query = (select(ev.c.article_id, ev.c.seq, ev.c.type, ev.c.cameo, ev.c.mode, ev.c.actor,
                        ev.c.target, ev.c.place, ev.c.date, ev.c.trigger_start,
                        ev.c.trigger_end, ev.c.trigger_text, ev.c.negated, ev.c.hypothetical,
                        ev.c.intended, ev.c.salience, ev.c.main, a.c.published)
                 .select_from(ev.join(a, a.c.id == ev.c.article_id))
                 .order_by(day.desc(), *keys).limit(limit + 1))
        if type:
            query = query.where(func.upper(ev.c.type) == type.upper())
        for column, wanted in ((ev.c.actor, actor), (ev.c.target, target)):
            if wanted:
                query = query.where(or_(
                    func.upper(self._json_field(column, "country")) == wanted.upper(),
                    func.upper(self._json_field(column, "sector")) == wanted.upper(),
                    func.lower(self._json_field(column, "text")).contains(wanted.lower(),
                                                                           autoescape=True)))
        if place:
            query = query.where(func.lower(ev.c.place).contains(place.lower(), autoescape=True))
        if since:
            query = query.where(self._binary(func.coalesce(ev.c.date, a.c.published)) >= since)
        if not include_unreal:
            query = query.where(~ev.c.negated, ~ev.c.hypothetical, ~ev.c.intended)
        if main_only:
            query = query.where(ev.c.main)
        values = decode_cursor(cursor, "events", (str, str, int)) if cursor else None
        if values:
            query = query.where(self._after(day, keys, values))
        rows = self._newest_first(query, limit, values)
        items = []
        for r in rows[:limit]:
            actor_arg = json.loads(r.actor) if r.actor else {}
            target_arg = json.loads(r.target) if r.target else {}
            items.append({"article_id": r.article_id, "seq": r.seq, "published": r.published,
                          "date": r.date or r.published, "type": r.type, "cameo": r.cameo,
                          "mode": r.mode, "actor": actor_arg.get("text"),
                          "actor_country": actor_arg.get("country"),
                          "actor_sector": actor_arg.get("sector"),
                          "target": target_arg.get("text"),
                          "target_country": target_arg.get("country"),
                          "target_sector": target_arg.get("sector"),
                          "place": r.place, "trigger": r.trigger_text,
                          "start": r.trigger_start, "end": r.trigger_end,
                          "negated": bool(r.negated), "hypothetical": bool(r.hypothetical),
                          "intended": bool(r.intended), "main": bool(r.main),
                          "salience": r.salience})
        last = rows[limit - 1] if len(rows) > limit else None
        return Page(items, encode_cursor("events", [last.published or "", last.article_id,
                                                    last.seq]) if last else None)

    # -- search and counts -----------------------------------------------------

    def search(self, words: str, *, limit: int = 20, cursor: str | None = None) -> Page:
        """Full-text search (`search`), best match first, paged by rank."""
        offset = _offset(cursor, "search")
        hits = self._answers.get(("search", words, offset + limit + 1), lambda: search(
            self.store, words, limit=offset + limit + 1, mark=("<mark>", "</mark>")))
        items = [{"id": hit.id, "title": hit.title, "snippet": hit.snippet}
                 for hit in hits[offset:offset + limit]]
        more = len(hits) > offset + limit and offset + limit <= MAX_OFFSET
        return Page(items, encode_cursor("search", [offset + limit]) if more else None)

    def counts(self, *, since: str | None = None, until: str | None = None) -> Page:
        """Articles per publish day, oldest first (undated articles are not counted)."""
        a = schema.articles
        day = self._binary(func.substr(a.c.published, 1, 10))
        query = (select(day.label("day"), func.count().label("articles"))
                 .where(a.c.published.is_not(None)).group_by(day).order_by(day))
        if since:
            query = query.where(day >= since)
        if until:
            query = query.where(day <= until)
        return Page([{"day": r.day, "articles": r.articles} for r in self._rows(query)])
