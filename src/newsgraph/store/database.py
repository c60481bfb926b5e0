"""`Store`: analysed articles in a database (a SQLite file by default), queryable by SQL.

Writes go through SQLAlchemy Core with bound parameters only. An article is
stored once per id: adding it again is a no-op (`ON CONFLICT DO NOTHING`).
Opening a store creates or upgrades its tables with Alembic migrations
(`newsgraph.store.migrate`). On SQLite the file runs in WAL mode with foreign
keys on, and an FTS5 index over title and text backs `queries.search`; on
PostgreSQL (`postgresql://…`, driver psycopg 3) a generated `tsvector` column
with a GIN index does. Both backends answer every query alike: text is sorted
by code point (`COLLATE "C"` on PostgreSQL, as SQLite's BINARY does).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from urllib.parse import quote

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
from sqlalchemy.pool import QueuePool

from newsgraph.batches import batched
from newsgraph.model import Article
from newsgraph.store import migrate, schema, totals
from newsgraph.store.keys import select_in
from newsgraph.store.schema import STORE_SCHEMA_VERSION

DEFAULT_DB = "newsgraph.db"
DB_ENV = "NEWSGRAPH_DB"
#: Articles written per transaction by `Store.add_many`.
DEFAULT_BATCH = 200
#: SQLAlchemy driver for PostgreSQL URLs that name none (`postgresql://`, `postgres://`).
PG_DRIVER = "postgresql+psycopg"
#: Serialises first-time set-up of a PostgreSQL database between processes (advisory lock key).
_PG_SETUP_LOCK = 0x6E657773  # "news"
#: SQLSTATE classes of errors caused by an article's content (data exception, program limit),
#: reported as `StoreError` so a caller can skip that article.
_DATA_SQLSTATES = ("22", "54")
#: SQLSTATEs of a server gone or going (connection exception, operator intervention such
#: as a shutdown or restart): worth trying again.
_GONE_SQLSTATES = ("08", "57P")


class StoreError(RuntimeError):
    """The store cannot be opened or used as asked."""


class StoreNotFound(StoreError):
    """The database file does not exist (and was not to be created)."""


class StoreUnavailable(StoreError):
    """A write failed as a whole and was rolled back: the database could not be reached
    (`retryable`: a restarted server, a lost connection) or not written (disk full)."""

    def __init__(self, message: str, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


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


def _check_file(file: Path, create: bool) -> None:
    """A clear error for a SQLite path that cannot be a store before SQLite is asked."""
    if not file.exists():
        if not create:
            raise StoreNotFound(f"no newsgraph database at {file}")
        if not file.parent.exists():
            raise StoreError(f"folder {file.parent} does not exist (for database {file})")
        _create_private(file)
    elif file.is_dir():
        raise StoreError(f"{file} is a folder, not a database file")


def _engine(url: str) -> Engine:
    try:
        # pre_ping: a pooled connection that a restarted server dropped is replaced.
        engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    except ImportError as error:
        raise StoreError(f"no driver for {_safe_url(url)} ({error}); for PostgreSQL: "
                         "pip install 'newsgraph[postgres]'") from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
    return engine


def _read_only_engine(url: str, file: Path | None) -> Engine:
    """An engine whose connections cannot write (see `Store.open`)."""
    if file is None:
        engine = _engine(url)
        if engine.dialect.name == "postgresql":
            event.listen(engine, "connect", _pg_read_only)
        return engine
    for mode in ("mode=ro", "immutable=1"):
        uri = f"file:{quote(str(file.resolve()))}?{mode}"
        engine = create_engine("sqlite://", creator=partial(_sqlite_read_only, uri),
                               poolclass=QueuePool)
        try:
            with engine.connect() as connection:
                connection.exec_driver_sql("SELECT count(*) FROM sqlite_master")
            return engine
        except OperationalError:
            engine.dispose()
            if mode == "immutable=1":
                raise
    raise AssertionError("unreachable")


def _sqlite_read_only(uri: str) -> sqlite3.Connection:
    connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
    connection.execute("PRAGMA query_only=ON")
    connection.execute("PRAGMA busy_timeout=10000")
    return connection


def _pg_read_only(dbapi_connection: Any, _record: Any) -> None:
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET default_transaction_read_only = on")
    dbapi_connection.autocommit = autocommit


def _open_error(url: str, error: DBAPIError) -> str:
    """One line saying why the database at `url` could not be opened."""
    reason = _first_line(error.orig)
    if "file is not a database" in reason:
        return f"{_sqlite_file(url) or _safe_url(url)} is not a SQLite database ({reason})"
    return f"cannot open the database {_safe_url(url)}: {reason}"


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
             create: bool = True, read_only: bool = False) -> Store:
        """Open (and, with `create`, set up) the database at a path or SQLAlchemy URL.

        With `create=False` a missing SQLite file, or a PostgreSQL database
        without the store's tables, raises `StoreNotFound` instead of being set
        up empty. A PostgreSQL database itself must exist already.

        With `read_only` nothing is written, not even a migration (an outdated store is an
        error then): a SQLite file is opened `mode=ro`, or `immutable=1` when even that
        cannot open it (read-only media, where SQLite cannot make its shared-memory file);
        PostgreSQL sessions are read-only.
        """
        if read_only and create:
            raise ValueError("a store opened read-only cannot be created")
        url = database_url(url_or_path if url_or_path is not None else default_db())
        file = _sqlite_file(url)
        if file is not None:
            _check_file(file, create)
        try:
            engine = _read_only_engine(url, file) if read_only else _engine(url)
        except DBAPIError as error:
            raise StoreError(_open_error(url, error)) from error
        store = cls(engine, file)
        try:
            if read_only:
                store._check_layout()
            else:
                store._set_up(create)
        except DBAPIError as error:
            engine.dispose()
            raise StoreError(_open_error(url, error)) from error
        except Exception:
            engine.dispose()
            raise
        return store

    def _check_layout(self) -> None:
        """For a read-only store: it is a newsgraph store with this newsgraph's layout."""
        with self.engine.connect() as connection:
            if not inspect(connection).has_table("meta"):
                raise StoreNotFound(f"no newsgraph database at {_safe_url(self.engine.url)}")
            current, head = migrate.current_revision(connection), migrate.head_revision()
            if current != head:
                raise StoreError(
                    f"the store has layout revision {current}, this newsgraph reads {head}; "
                    "open it once with write access (newsgraph ingest or link) to upgrade it")

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

    def add_many(self, articles: Iterable[Article], batch_size: int = DEFAULT_BATCH,
                 replace: bool = False) -> list[bool]:
        """Store articles, one transaction per `batch_size`; per article, whether it was
        written. With `replace`, an article already stored under the same id is removed
        first (its rows and its share of the totals) and written anew."""
        added: list[bool] = []
        for batch in batched(articles, batch_size):
            added.extend(self._add_batch(batch, replace))
        return added

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Those of `ids` that are stored (`StoreUnavailable` when the database cannot be
        reached)."""
        found: set[str] = set()
        try:
            with self.engine.connect() as connection:
                found.update(row.id for row in select_in(
                    connection, select(schema.articles.c.id), schema.articles.c.id,
                    sorted(set(ids))))
        except OperationalError as error:
            raise self._unavailable(error) from error
        return found

    def _add_batch(self, batch: list[Article], replace: bool = False) -> list[bool]:
        rows = [_child_rows(article) for article in batch]  # raises before anything is written
        try:
            return self._write_batch(batch, rows, replace)
        except DBAPIError as error:
            state = str(getattr(error.orig, "sqlstate", "") or "")
            if isinstance(error, DataError) or state.startswith(_DATA_SQLSTATES):
                # e.g. a NUL character, which PostgreSQL text cannot hold
                raise StoreError(f"cannot store this batch: {_first_line(error.orig)}") from error
            if not isinstance(error, OperationalError):
                raise
            raise self._unavailable(error) from error

    def _unavailable(self, error: OperationalError) -> StoreUnavailable:
        """The `StoreUnavailable` for an operational error: retryable when the server is
        gone (a lost connection, a restart, a refused connection), not for a full disk."""
        state = str(getattr(error.orig, "sqlstate", "") or "")
        # A connection refused while a server restarts carries no SQLSTATE.
        gone = error.connection_invalidated or state.startswith(_GONE_SQLSTATES) or (
            self.is_postgres and not state)
        what = "lost the connection to the database" if gone else "cannot write to the database"
        return StoreUnavailable(f"{what}: {_first_line(error.orig)}", gone)

    def _write_batch(self, batch: list[Article], rows: list[dict[str, list[dict[str, Any]]]],
                     replace: bool = False) -> list[bool]:
        added: list[bool] = []
        with self.engine.begin() as connection:
            ids = list({article.id for article in batch})
            known = set(connection.execute(
                select(schema.articles.c.id).where(schema.articles.c.id.in_(ids))
            ).scalars())
            if replace and known:
                self._remove(connection, sorted(known))
                known = set()
            for article, article_rows in zip(batch, rows, strict=True):
                new = article.id not in known and self._insert(connection, article, article_rows)
                known.add(article.id)
                added.append(new)
            totals.write(connection, self._insert_statement, totals.count([
                (article.published, article_rows)
                for article, article_rows, new in zip(batch, rows, added, strict=True) if new]))
        return added

    def _remove(self, connection: Connection, ids: list[str]) -> None:
        """Delete stored articles with their rows, and take them off the totals."""
        a = schema.articles
        query = select(a.c.analysed).where(a.c.id.in_(ids))
        if self.is_postgres:
            query = query.with_for_update()  # another writer must not replace them meanwhile
        old = [Article.model_validate_json(analysed)
               for analysed in connection.execute(query).scalars()]
        totals.write(connection, self._insert_statement, totals.negated(totals.count(
            [(article.published, _child_rows(article)) for article in old])))
        totals.drop_empty(connection)
        for table in schema.CHILD_TABLES:
            connection.execute(table.delete().where(table.c.article_id.in_(ids)))
        connection.execute(a.delete().where(a.c.id.in_(ids)))

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
            # The table is where articles are about (map, stories); a group word
            # ("Turkish") is kept in the article's JSON only. `seq` stays its index there.
            for seq, p in enumerate(article.places) if p.kind != "group"
        ],
        "events": [
            {"article_id": aid, "seq": seq, "type": ev.type, "cameo": ev.cameo,
             "actor": _json(ev.actor), "target": _json(ev.target), "place": ev.place,
             "date": ev.date, "trigger_start": ev.trigger.start, "trigger_end": ev.trigger.end,
             "trigger_text": ev.trigger.text, "mode": ev.mode, "negated": ev.negated,
             "hypothetical": ev.hypothetical, "intended": ev.intended,
             "salience": ev.salience, "main": ev.main}
            for seq, ev in enumerate(article.events)
        ],
    }
