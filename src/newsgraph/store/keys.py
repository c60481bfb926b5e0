"""Reading or changing rows for a long list of keys, a bounded number of keys per statement.

`WHERE column IN (...)` with thousands of bound values breaks SQLite's variable limit (32,766
since 3.32, 999 before) and makes PostgreSQL plan a huge statement; every list of keys is
therefore cut into chunks of `KEY_CHUNK`. One place does that for the whole code base.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.sql import ColumnElement, Delete, Select, Update

from newsgraph.batches import batched

#: Keys bound in one statement (well under SQLite's oldest limit of 999 variables).
KEY_CHUNK = 500


def key_chunks(keys: Iterable[Hashable], size: int = KEY_CHUNK) -> Iterator[list[Any]]:
    """The distinct `keys` in their first-seen order, `size` at a time. Distinct, so that a
    key repeated across two chunks cannot return its rows twice."""
    return batched(dict.fromkeys(keys), size)


def select_in(bind: Connection | Engine, query: Select[Any], column: ColumnElement[Any],
              keys: Iterable[Hashable], size: int = KEY_CHUNK) -> Iterator[Any]:
    """The rows of `query` whose `column` is one of `keys` (any other conditions of `query`
    still hold), read `size` keys per statement. `column` may be a `tuple_(...)` for
    composite keys. With an `Engine`, each chunk is read on a connection of its own, so
    that a long, lazily consumed read holds no transaction open between chunks."""
    for _chunk, rows in select_in_chunks(bind, query, column, keys, size):
        yield from rows


def select_in_chunks(bind: Connection | Engine, query: Select[Any], column: ColumnElement[Any],
                     keys: Iterable[Hashable], size: int = KEY_CHUNK
                     ) -> Iterator[tuple[list[Any], list[Any]]]:
    """Like `select_in`, one (keys of the chunk, its rows) pair per statement, for callers
    that handle the rows chunk by chunk (in the order of the keys, say)."""
    for chunk in key_chunks(keys, size):
        statement = query.where(column.in_(chunk))
        if isinstance(bind, Engine):
            with bind.connect() as connection:
                rows = list(connection.execute(statement))
        else:
            rows = list(bind.execute(statement))
        yield chunk, rows


def execute_in(connection: Connection, statement: Update | Delete, column: ColumnElement[Any],
               keys: Iterable[Hashable], size: int = KEY_CHUNK) -> int:
    """Run an UPDATE or DELETE on the rows whose `column` is one of `keys`, `size` keys per
    statement, all in the caller's transaction; returns the number of rows it changed."""
    changed = 0
    for chunk in key_chunks(keys, size):
        changed += connection.execute(statement.where(column.in_(chunk))).rowcount
    return changed
