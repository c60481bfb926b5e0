"""A read-only `Store` for the web server, with a per-request time limit on every query.

SQLite files are opened with `mode=ro` and `PRAGMA query_only`, and a progress handler
interrupts a statement once the request's deadline has passed. PostgreSQL sessions are
read-only (`default_transaction_read_only`); before each statement of a request its
`statement_timeout` is set to the time the request has left, so the limit holds for the
request as a whole, not per statement. With a read role (`--read-role`,
$NEWSGRAPH_READ_ROLE) the PostgreSQL read connections also `SET ROLE` to a role that may
only SELECT, so that the database itself refuses any write through them. Either way a
slow query raises `QueryTimeout`, and a statement that would start after the deadline is
not run. Waiting for a free connection is bounded too (`POOL_WAIT`), then
`sqlalchemy.exc.TimeoutError` (the app answers 503).
"""

from __future__ import annotations

import contextvars
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import QueuePool

from newsgraph.store import Store, StoreError
from newsgraph.store.database import _sqlite_file, database_url

#: Open SQLite connections kept for request threads (more are opened under load).
READERS = 8
#: SQLite virtual-machine steps between two checks of the deadline.
PROGRESS_EVERY = 1000
#: Most seconds a request waits for a free read connection.
POOL_WAIT = 5.0
#: PostgreSQL's SQLSTATE for a statement cancelled by `statement_timeout`.
PG_QUERY_CANCELED = "57014"
#: The PostgreSQL role the read connections take on (`SET ROLE`), if any.
READ_ROLE_ENV = "NEWSGRAPH_READ_ROLE"
#: A role name as written here: a plain SQL identifier (it is then quoted).
_ROLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_$]{0,62}")
#: Privileges a read role must not have on the article tables.
_WRITES = ("INSERT", "UPDATE", "DELETE", "TRUNCATE")

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "newsgraph_query_deadline", default=None)
_limit: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "newsgraph_query_limit", default=None)


class QueryTimeout(RuntimeError):
    """A query ran past the request's time limit and was stopped."""


def _past_deadline() -> int:
    """SQLite progress handler: non-zero (interrupt) once this request's deadline is past."""
    deadline = _deadline.get()
    return int(deadline is not None and time.monotonic() > deadline)


def _timeout_message(seconds: float) -> str:
    return (f"the query took longer than {seconds:g} s and was stopped; "
            "narrow the filters or ask for fewer rows")


def _refuse_after_deadline(_conn: Any, _cursor: Any, _statement: str, _parameters: Any,
                           _context: Any, _executemany: bool) -> None:
    """Engine hook: no statement starts once the request's time is up."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise QueryTimeout(_timeout_message(_limit.get() or 0.0))


def _pg_remaining_time(default_ms: int) -> Any:
    """Engine hook (PostgreSQL): a statement may run for what is left of its request (the
    full limit outside requests)."""

    def before(conn: Any, cursor: Any, _statement: str, _parameters: Any, _context: Any,
               _executemany: bool) -> None:
        deadline = _deadline.get()
        if deadline is None:
            wanted = default_ms
        else:
            left = deadline - time.monotonic()
            if left <= 0:
                raise QueryTimeout(_timeout_message(_limit.get() or 0.0))
            wanted = max(1, int(left * 1000))
        if conn.info.get("statement_timeout") != wanted:
            cursor.execute(f"SET statement_timeout = {wanted}")  # an int
            conn.info["statement_timeout"] = wanted

    return before


def store_is_writable(url_or_path: str) -> bool:
    """Whether this process may write the store: for a SQLite file, the file and its folder
    (for the write-ahead log) are writable, which read-only media never are; PostgreSQL:
    assumed (its permissions show at the first write)."""
    file = _sqlite_file(database_url(url_or_path))
    if file is None:
        return True
    return os.access(file, os.W_OK) and os.access(file.parent, os.W_OK)


def _sqlite_uri(file: Path) -> str:
    """`mode=ro`, or `immutable=1` when SQLite cannot open the file so (read-only media,
    where it cannot make its shared-memory file), as `Store.open(read_only=True)` does."""
    for mode in ("mode=ro", "immutable=1"):
        uri = f"file:{quote(str(file.resolve()))}?{mode}"
        try:
            probe = sqlite3.connect(uri, uri=True)
            try:
                probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                probe.close()
            return uri
        except sqlite3.OperationalError:
            if mode == "immutable=1":
                raise
    raise AssertionError("unreachable")


def open_readonly(url_or_path: str, time_limit: float, read_role: str | None = None) -> Store:
    """Open an existing store read-only; each statement stops after `time_limit` seconds.

    Nothing is written, so a store on read-only media is served too. It is first checked
    with `Store.open(read_only=True)`, so a missing or outdated database fails here with
    `StoreNotFound`/`StoreError`. `read_role` (PostgreSQL only) is a role with SELECT and
    no write privilege on the store's tables that every read connection takes on; a role
    that is missing, cannot be taken on, cannot read or may write fails here (`StoreError`).
    """
    Store.open(url_or_path, create=False, read_only=True).close()
    url = database_url(url_or_path)
    file = _sqlite_file(url)
    if read_role is not None and not _ROLE_NAME.fullmatch(read_role):
        raise StoreError(f"bad read role name {read_role!r}: letters, digits, _ and $ only")
    if file is not None:
        if read_role:
            raise StoreError("a read role is for a PostgreSQL store; a SQLite file is "
                             "opened read-only already")
        uri = _sqlite_uri(file)

        def connect() -> sqlite3.Connection:
            connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            connection.execute("PRAGMA query_only=ON")
            connection.execute("PRAGMA busy_timeout=5000")
            connection.set_progress_handler(_past_deadline, max(1, PROGRESS_EVERY))
            return connection

        # A pool of connections handed from thread to thread (one user at a time): the
        # default for "sqlite://", one connection per thread for at most five threads,
        # closes connections that other request threads are still using.
        engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool,
                               pool_size=READERS, max_overflow=2 * READERS,
                               pool_timeout=POOL_WAIT)
        event.listen(engine, "before_cursor_execute", _refuse_after_deadline)
        return Store(engine, file)
    engine = create_engine(url, pool_timeout=POOL_WAIT)
    if engine.dialect.name == "postgresql":
        milliseconds = max(1, int(time_limit * 1000))
        event.listen(engine, "before_cursor_execute", _pg_remaining_time(milliseconds))

        @event.listens_for(engine, "connect")
        def _session(dbapi_connection: Any, _record: Any) -> None:
            autocommit = dbapi_connection.autocommit
            dbapi_connection.autocommit = True
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SET default_transaction_read_only = on")
                cursor.execute(f"SET statement_timeout = {milliseconds}")  # an int
                if read_role:
                    cursor.execute(f'SET ROLE "{read_role}"')  # checked by _ROLE_NAME
            dbapi_connection.autocommit = autocommit

        if read_role:
            _check_read_role(engine, read_role)
    elif read_role:
        raise StoreError("a read role is for a PostgreSQL store")
    return Store(engine)


def _check_read_role(engine: Any, role: str) -> None:
    """`role` can be taken on, may read the articles and may write none of the tables."""
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM articles WHERE false").all()
            writable = connection.exec_driver_sql(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() AND "
                "(" + " OR ".join(f"has_table_privilege(c.oid, '{w}')" for w in _WRITES) +
                ") ORDER BY c.relname").scalars().all()
    except DBAPIError as error:
        engine.dispose()
        first = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise StoreError(f"cannot read the store as role {role!r}: {first} (see "
                         "docs/security.md for the GRANTs it needs)") from error
    if writable:
        engine.dispose()
        raise StoreError(f"role {role!r} may write {', '.join(writable[:5])}"
                         f"{' …' if len(writable) > 5 else ''}; a read role must have "
                         "SELECT only (docs/security.md)")


@contextmanager
def time_limit(seconds: float, *, stated: float | None = None) -> Iterator[None]:
    """Queries run inside stop after `seconds` and raise `QueryTimeout` (whose message
    names `stated`, the request's whole limit, when given)."""
    token = _deadline.set(time.monotonic() + seconds)
    seconds = seconds if stated is None else stated
    limit_token = _limit.set(seconds)
    try:
        yield
    except OperationalError as error:
        if _is_timeout(error):
            raise QueryTimeout(_timeout_message(seconds)) from error
        raise
    finally:
        _limit.reset(limit_token)
        _deadline.reset(token)


def _is_timeout(error: OperationalError) -> bool:
    original = error.orig
    if isinstance(original, sqlite3.OperationalError):
        return "interrupted" in str(original)
    return str(getattr(original, "sqlstate", "") or "") == PG_QUERY_CANCELED
