"""`Store`: analysed articles in a database (a SQLite file by default), queryable by SQL.

Writes go through SQLAlchemy Core with bound parameters only. An article is
stored once per id: adding it again is a no-op (`ON CONFLICT DO NOTHING`).
Opening a store creates or upgrades its tables with Alembic migrations
(`newsgraph.store.migrate`). On SQLite the file runs in WAL mode with foreign
keys on, and an FTS5 index over title and text backs `Store.search`; on
PostgreSQL (`postgresql://…`, driver psycopg 3) a generated `tsvector` column
with a GIN index does. Both backends answer every query alike: text is sorted
by code point (`COLLATE "C"` on PostgreSQL, as SQLite's BINARY does).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple, Self

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Table,
    create_engine,
    event,
    func,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DataError, DBAPIError, OperationalError

from newsgraph.batches import batched
from newsgraph.model import Article
from newsgraph.store import migrate, schema, totals
from newsgraph.store.queries import Queries
from newsgraph.store.schema import (
    FTS_TABLE,
    PG_SEARCH_COLUMN,
    PG_TS_CONFIG,
    STORE_SCHEMA_VERSION,
)

DEFAULT_DB = "newsgraph.db"
DB_ENV = "NEWSGRAPH_DB"
#: Articles written per transaction by `Store.add_many`.
DEFAULT_BATCH = 200
#: Most matches of one search that are ranked (see `Store.search`).
RANK_CANDIDATES = 5_000
#: Words of a search query: runs of letters/digits, in any script.
_WORD = re.compile(r"[^\W_]+")
#: Most distinct words one search looks for; the rest are ignored. Each word costs the
#: full-text engine a pass over its matches (and snippets one per word and row), so a query
#: of 200 words would keep a reader busy for seconds.
MAX_SEARCH_TERMS = 12
#: Longest word searched for (longer runs of letters are no word anyone searches).
MAX_TERM_LENGTH = 64
#: SQLAlchemy driver for PostgreSQL URLs that name none (`postgresql://`, `postgres://`).
PG_DRIVER = "postgresql+psycopg"
#: Serialises first-time set-up of a PostgreSQL database between processes (advisory lock key).
_PG_SETUP_LOCK = 0x6E657773  # "news"
#: SQLSTATE classes of errors caused by an article's content (data exception, program limit),
#: reported as `StoreError` so a caller can skip that article.
_DATA_SQLSTATES = ("22", "54")


class StoreError(RuntimeError):
    """The store cannot be opened or used as asked."""


class StoreNotFound(StoreError):
    """The database file does not exist (and was not to be created)."""


class SearchHit(NamedTuple):
    """One search result: the article, its title and a snippet with the matched words marked."""

    id: str
    title: str | None
    snippet: str


class QuoteRow(NamedTuple):
    """One stored quote with its article, as listed by `Store.quotes`."""

    article_id: str
    published: str | None
    title: str | None
    start: int
    end: int
    text: str
    direct: bool
    speaker: str | None
    cue: str | None
    addressee: str | None
    date: str | None


@dataclass
class EntitySummary:
    """One entity (name + type) aggregated over all stored articles."""

    name: str
    type: str
    articles: int
    mentions: int
    roles: list[str] = field(default_factory=list)


def default_db() -> str:
    """The database to use when none is named: $NEWSGRAPH_DB, else `./newsgraph.db`."""
    return os.environ.get(DB_ENV) or DEFAULT_DB


def database_url(url_or_path: str | os.PathLike[str]) -> str:
    """A SQLAlchemy URL for a URL (`sqlite:///…`, `postgresql://…`) or a plain file path.

    `postgresql://` and `postgres://` without a driver get psycopg 3
    (`postgresql+psycopg://`).
    """
    text = os.fspath(url_or_path)
    if "://" in text:
        if text.startswith("postgres://"):
            text = "postgresql://" + text[len("postgres://"):]
        try:
            url = make_url(text)
        except ArgumentError as error:
            raise StoreError(f"not a database URL: {_safe_url(text)!r}") from error
        if url.drivername == "postgresql":
            return url.set(drivername=PG_DRIVER).render_as_string(hide_password=False)
        return text
    return f"sqlite:///{Path(text).expanduser()}"


def _safe_url(url: str | URL) -> str:
    """The URL as text with any password masked, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return re.sub(r"//([^:/@]*):[^@/]*@", r"//\1:***@", str(url))


def _sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL; None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _create_private(file: Path) -> None:
    """Create an empty SQLite file readable by its owner only (0600): a store holds the
    server's secret key, password hashes and contact messages. SQLite gives its journal and
    write-ahead log the same mode."""
    try:
        os.close(os.open(file, os.O_WRONLY | os.O_CREAT, 0o600))
    except OSError as error:
        raise StoreError(f"cannot create the database {file}: {error.strerror}") from error


def _json(value: Any) -> str | None:
    """JSON text for a model object or plain value; None stays None (SQL NULL)."""
    if value is None:
        return None
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    return json.dumps(value, ensure_ascii=False)


def search_terms(words: str | Iterable[str]) -> list[str]:
    """The words a search looks for: runs of letters and digits, each once (ignoring case),
    in the order given, at most `MAX_SEARCH_TERMS` of at most `MAX_TERM_LENGTH` characters."""
    text = words if isinstance(words, str) else " ".join(words)
    terms: dict[str, str] = {}
    for match in _WORD.finditer(text or ""):
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


class Store:
    """A connection to one newsgraph database. Use `Store.open(...)`, ideally in a `with`."""

    def __init__(self, engine: Engine, file: Path | None = None) -> None:
        self.engine = engine
        self.file = file  # the SQLite file, when known: `change_stamp` reads it
        self.is_sqlite = engine.dialect.name == "sqlite"
        self.is_postgres = engine.dialect.name == "postgresql"

    def change_stamp(self) -> tuple[int, ...] | None:
        """A value that changes whenever a writer commits: modification time and size of
        the SQLite file and of its write-ahead log. None when unknown (PostgreSQL, memory)."""
        if self.file is None:
            return None
        stamp: list[int] = []
        for path in (self.file, self.file.with_name(self.file.name + "-wal")):
            try:
                status = path.stat()
            except OSError:
                stamp += [0, 0]
            else:
                stamp += [status.st_mtime_ns, status.st_size]
        return tuple(stamp)

    # -- opening ---------------------------------------------------------

    @classmethod
    def open(cls, url_or_path: str | os.PathLike[str] | None = None, *,
             create: bool = True) -> Store:
        """Open (and, with `create`, set up) the database at a path or SQLAlchemy URL.

        With `create=False` a missing SQLite file, or a PostgreSQL database
        without the store's tables, raises `StoreNotFound` instead of being set
        up empty. A PostgreSQL database itself must exist already.
        """
        url = database_url(url_or_path if url_or_path is not None else default_db())
        file = _sqlite_file(url)
        if file is not None:
            if not file.exists():
                if not create:
                    raise StoreNotFound(f"no newsgraph database at {file}")
                if not file.parent.exists():
                    raise StoreError(f"folder {file.parent} does not exist (for database {file})")
                _create_private(file)
            elif file.is_dir():
                raise StoreError(f"{file} is a folder, not a database file")
        try:
            engine = create_engine(url)
        except ImportError as error:
            raise StoreError(f"no driver for {_safe_url(url)} ({error}); for PostgreSQL: "
                             "pip install 'newsgraph[postgres]'") from error
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _on_sqlite_connect)
        store = cls(engine, file)
        try:
            store._set_up(create)
        except OperationalError as error:
            engine.dispose()
            raise StoreError(f"cannot open the database {_safe_url(url)}: "
                             f"{_first_line(error.orig)}") from error
        except Exception:
            engine.dispose()
            raise
        return store

    def _set_up(self, create: bool) -> None:
        with self.engine.begin() as connection:
            # Two processes setting up one new database would race on CREATE TABLE: the
            # set-up takes the write lock (SQLite) or an advisory lock (PostgreSQL) first.
            if self.is_sqlite:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            elif self.is_postgres:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                   {"key": _PG_SETUP_LOCK})
            if not create and not self.is_sqlite and not inspect(connection).has_table("meta"):
                raise StoreNotFound(
                    f"no newsgraph database at {_safe_url(self.engine.url)}")
            try:
                migrate.upgrade(connection)
            except migrate.MigrationError as error:
                raise StoreError(str(error)) from error
            found = connection.execute(
                select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
            ).scalar_one_or_none()
            if found is None:
                connection.execute(insert(schema.meta).values(
                    key="schema_version", value=str(STORE_SCHEMA_VERSION)))
            elif found != str(STORE_SCHEMA_VERSION):
                raise StoreError(
                    f"database has store schema version {found}; this newsgraph "
                    f"reads version {STORE_SCHEMA_VERSION}"
                )

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- writing ---------------------------------------------------------

    def add(self, article: Article) -> bool:
        """Store one article; False (and nothing written) when its id is already stored."""
        return self.add_many([article])[0]

    def add_many(self, articles: Iterable[Article], batch_size: int = DEFAULT_BATCH) -> list[bool]:
        """Store articles, one transaction per `batch_size`; per article, whether it was new."""
        added: list[bool] = []
        for batch in batched(articles, batch_size):
            added.extend(self._add_batch(batch))
        return added

    def _add_batch(self, batch: list[Article]) -> list[bool]:
        rows = [_child_rows(article) for article in batch]  # raises before anything is written
        try:
            return self._write_batch(batch, rows)
        except DBAPIError as error:
            state = str(getattr(error.orig, "sqlstate", "") or "")
            if isinstance(error, DataError) or state.startswith(_DATA_SQLSTATES):
                # e.g. a NUL character, which PostgreSQL text cannot hold
                raise StoreError(f"cannot store this batch: {_first_line(error.orig)}") from error
            raise

    def _write_batch(self, batch: list[Article],
                     rows: list[dict[str, list[dict[str, Any]]]]) -> list[bool]:
        added: list[bool] = []
        with self.engine.begin() as connection:
            ids = list({article.id for article in batch})
            known = set(connection.execute(
                select(schema.articles.c.id).where(schema.articles.c.id.in_(ids))
            ).scalars())
            for article, article_rows in zip(batch, rows, strict=True):
                new = article.id not in known and self._insert(connection, article, article_rows)
                known.add(article.id)
                added.append(new)
            totals.write(connection, self._insert_statement, totals.count([
                (article.published, article_rows)
                for article, article_rows, new in zip(batch, rows, added, strict=True) if new]))
        return added

    def _insert(self, connection: Connection, article: Article,
                rows: dict[str, list[dict[str, Any]]]) -> bool:
        """Write one article and its rows; False (nothing written) if another writer stored it."""
        now = datetime.now(UTC)
        statement = (
            self._insert_statement(schema.articles)
            .values(
                id=article.id, url=article.url, title=article.title,
                published=article.published, site=article.site, language=article.language,
                authors=_json(article.authors), text=article.text,
                analysed=article.model_dump_json(), schema_version=article.schema_version,
                ingested_at=now,
            )
            .on_conflict_do_nothing(index_elements=[schema.articles.c.id])
            .returning(schema.articles.c.id)
        )
        if connection.execute(statement).first() is None:
            return False
        for table in (schema.entities, schema.mentions, schema.quotes, schema.dates,
                      schema.amounts, schema.places, schema.events):
            if rows[table.name]:
                connection.execute(insert(table), rows[table.name])
        return True

    def _insert_statement(self, table: Table) -> Any:
        """An INSERT that supports `on_conflict_do_nothing` in this store's dialect."""
        if self.is_postgres:
            return postgresql.insert(table)
        if self.is_sqlite:
            return sqlite.insert(table)
        raise StoreError(f"unsupported database {self.engine.dialect.name!r} "
                         "(SQLite and PostgreSQL are)")

    def _binary(self, column: ColumnElement[Any]) -> ColumnElement[Any]:
        """The column compared and sorted by code point on every backend (SQLite's BINARY)."""
        return column.collate("C") if self.is_postgres else column

    # -- reading ---------------------------------------------------------

    def get(self, article_id: str) -> Article | None:
        """The stored article with this id, exactly as it was added; None if unknown."""
        with self.engine.connect() as connection:
            analysed = connection.execute(
                select(schema.articles.c.analysed).where(schema.articles.c.id == article_id)
            ).scalar_one_or_none()
        return None if analysed is None else Article.model_validate_json(analysed)

    def ids_starting_with(self, prefix: str, limit: int = 10) -> list[str]:
        """Stored ids equal to `prefix`, or else starting with it (at most `limit`)."""
        column = schema.articles.c.id
        with self.engine.connect() as connection:
            if connection.execute(select(column).where(column == prefix)).first():
                return [prefix]
            return list(connection.execute(
                select(column).where(column.istartswith(prefix, autoescape=True))
                .order_by(self._binary(column)).limit(limit)
            ).scalars())

    def count(self, table: str = "articles") -> int:
        """Number of rows in one of the store's tables."""
        if table not in schema.metadata.tables:
            raise StoreError(f"no table {table!r} in the store")
        with self.engine.connect() as connection:
            return connection.execute(
                select(func.count()).select_from(schema.metadata.tables[table])
            ).scalar_one()

    def iter_ids(self) -> Iterator[str]:
        """All stored article ids, in id order."""
        with self.engine.connect() as connection:
            yield from connection.execute(
                select(schema.articles.c.id).order_by(self._binary(schema.articles.c.id))
            ).scalars()

    def entities(self, limit: int = 50, type: str | None = None,
                 offset: int = 0) -> list[EntitySummary]:
        """Entities aggregated over articles by name and type, most widespread first
        (then most mentioned, then by name), from the totals kept at ingest.

        `type` filters case-insensitively (`person` finds `PERSON`).
        """
        t = schema.entity_totals
        query = (select(t.c.name, t.c.type, t.c.articles, t.c.mentions, t.c.roles)
                 .order_by(t.c.articles.desc(), t.c.mentions.desc(), self._binary(t.c.name),
                           self._binary(t.c.type))
                 .limit(limit).offset(offset))
        if type:
            query = query.where(func.upper(t.c.type) == type.upper())
        with self.engine.connect() as connection:
            return [EntitySummary(name=row.name, type=row.type, articles=row.articles,
                                  mentions=row.mentions, roles=json.loads(row.roles or "[]"))
                    for row in connection.execute(query)]

    def quotes(self, speaker: str | None = None, about: str | None = None,
               since: str | None = None, limit: int = 50) -> list[QuoteRow]:
        """Stored quotes, newest article first: `speaker` matches the speaker's name
        (case-insensitive, a part such as a surname is enough), `about` needs every word
        in the quote, `since` (YYYY-MM-DD) keeps quotes dated or published on or after it.
        The first page of `Queries.quotes`, as rows."""
        page = Queries(self).quotes(speaker=speaker, about=about, since=since, limit=limit)
        return [QuoteRow(item["article_id"], item["published"], item["title"], item["start"],
                         item["end"], item["text"], item["direct"], item["speaker"],
                         item["cue"], item["addressee"], item["date"])
                for item in page.items]

    def search(self, words: str | Iterable[str], limit: int = 20,
               mark: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
        """Articles containing all the words (diacritics folded), best match first.

        Words found in more than `RANK_CANDIDATES` articles: the best of the most recently
        stored `RANK_CANDIDATES` matches (SQLite; ranking every match of a word in most of
        a large store takes a quarter of a second).

        Any input is safe: only its letters and digits are searched for, as
        plain words, and query syntax is never interpreted. The snippet marks
        matched words with `mark`.
        """
        if self.is_postgres:
            return self._search_postgres(words, limit, mark)
        query = fts_query(words)
        if query is None or limit <= 0:
            return []
        with self.engine.connect() as connection:
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

    def _search_postgres(self, words: str | Iterable[str], limit: int,
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
        with self.engine.connect() as connection:
            rows = connection.execute(text(sql), {
                "words": " ".join(terms), "limit": limit, "options": options,
            })
            return [SearchHit(row[0], row[1], (row[2] or "").strip()) for row in rows]


def _headline_value(value: str) -> str:
    """A `ts_headline` option value, double-quoted so any characters are taken literally."""
    return '"' + value.replace('"', '""') + '"'


def _first_line(error: BaseException | None) -> str:
    return (str(error).strip().splitlines() or [""])[0]


def _speaker_name(quote: Any, names: dict[str, str]) -> str | None:
    if quote.speaker is None:
        return None
    return names.get(quote.speaker.entity or "", quote.speaker.text)


def _span(item: Any) -> dict[str, Any]:
    return {"start": item.start, "end": item.end, "text": item.text}


def _child_rows(article: Article) -> dict[str, list[dict[str, Any]]]:
    """The flat rows of one article for every per-article table, keyed by table name.

    Raises `StoreError` when the article cannot be stored (two entities share an id).
    """
    aid = article.id
    entities: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    entity_ids: set[str] = set()
    for seq, entity in enumerate(article.entities):
        if entity.id in entity_ids:
            raise StoreError(f"article {aid}: entity id {entity.id!r} is used twice")
        entity_ids.add(entity.id)
        entities.append({
            "article_id": aid, "entity_id": entity.id, "name": entity.name, "type": entity.type,
            "roles": _json(entity.roles), "anonymous": entity.anonymous, "seq": seq,
        })
        for mention in entity.mentions:
            mentions.append({"article_id": aid, "seq": len(mentions), "entity_id": entity.id,
                             **_span(mention), "kind": mention.kind})
    names = {entity.id: entity.name for entity in article.entities}
    return {
        "entities": entities,
        "mentions": mentions,
        "quotes": [
            {"article_id": aid, "seq": seq, **_span(q), "direct": q.direct, "partial": q.partial,
             "speaker": _json(q.speaker), "speaker_name": _speaker_name(q, names),
             "cue": _json(q.cue), "addressee": q.addressee, "date": q.date}
            for seq, q in enumerate(article.quotes)
        ],
        "dates": [
            {"article_id": aid, "seq": seq, **_span(d), "value": d.value,
             "range": _json(list(d.range) if d.range else None), "granularity": d.granularity}
            for seq, d in enumerate(article.dates)
        ],
        "amounts": [
            {"article_id": aid, "seq": seq, **_span(a), "value": a.value,
             "qualifier": a.qualifier, "unit": a.unit}
            for seq, a in enumerate(article.amounts)
        ],
        "places": [
            {"article_id": aid, "seq": seq, **_span(p), "geonameid": p.geonameid,
             "name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country,
             "admin1": p.admin1}
            for seq, p in enumerate(article.places)
        ],
        "events": [
            {"article_id": aid, "seq": seq, "type": ev.type, "cameo": ev.cameo,
             "actor": _json(ev.actor), "target": _json(ev.target), "place": ev.place,
             "date": ev.date, "trigger_start": ev.trigger.start, "trigger_end": ev.trigger.end,
             "trigger_text": ev.trigger.text, "mode": ev.mode, "negated": ev.negated,
             "hypothetical": ev.hypothetical, "intended": ev.intended}
            for seq, ev in enumerate(article.events)
        ],
    }
