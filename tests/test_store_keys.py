"""`store.keys`: reading and changing rows for long key lists, a chunk of keys per
statement, the same on SQLite and PostgreSQL (see `conftest.py` for the backends)."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select, tuple_, update

from newsgraph.model import Article
from newsgraph.store import Store
from newsgraph.store.keys import KEY_CHUNK, execute_in, key_chunks, select_in, select_in_chunks
from newsgraph.store.schema import entity_totals, watch_seen

ROWS = 1234  # more than two chunks of the default size


@pytest.fixture
def store(store_url: str):
    with Store.open(store_url) as opened:
        rows = [{"url": f"https://example.org/{n:05d}", "source": "feed", "status":
                 "stored" if n % 2 else "failed", "attempts": 1, "seen_at": float(n)}
                for n in range(ROWS)]
        totals = [{"name": f"Person {n}", "type": kind, "articles": 1, "mentions": n,
                   "roles": "[]"} for n in range(300) for kind in ("PERSON", "ORG")]
        with opened.engine.begin() as connection:
            connection.execute(insert(watch_seen), rows)
            connection.execute(insert(entity_totals), totals)
        yield opened


def _url(n: int) -> str:
    return f"https://example.org/{n:05d}"


def test_key_chunks_are_distinct_in_first_seen_order() -> None:
    assert list(key_chunks(["b", "a", "b", "c", "a", "d"], 2)) == [["b", "a"], ["c", "d"]]
    assert list(key_chunks([], 3)) == []


def test_select_in_reads_every_key_across_chunks(store: Store) -> None:
    wanted = [_url(n) for n in range(0, ROWS, 1)] + ["https://example.org/missing"]
    with store.engine.connect() as connection:
        found = [row.url for row in select_in(connection, select(watch_seen.c.url),
                                              watch_seen.c.url, wanted)]
    assert len(wanted) > 2 * KEY_CHUNK
    assert sorted(found) == sorted(_url(n) for n in range(ROWS))


def test_select_in_keeps_the_query_conditions(store: Store) -> None:
    query = select(watch_seen.c.url).where(watch_seen.c.status == "stored")
    with store.engine.connect() as connection:
        found = {row.url for row in select_in(connection, query, watch_seen.c.url,
                                              [_url(n) for n in range(20)], size=3)}
    assert found == {_url(n) for n in range(1, 20, 2)}


def test_a_key_repeated_in_two_chunks_gives_its_row_once(store: Store) -> None:
    keys = [_url(1), _url(2), _url(3), _url(1), _url(2)]
    with store.engine.connect() as connection:
        found = [row.url for row in select_in(connection, select(watch_seen.c.url),
                                              watch_seen.c.url, keys, size=2)]
    assert sorted(found) == [_url(1), _url(2), _url(3)]


def test_composite_keys_with_tuple(store: Store) -> None:
    keys = [(f"Person {n}", "ORG") for n in range(0, 300, 7)] + [("Nobody", "PERSON")]
    column = tuple_(entity_totals.c.name, entity_totals.c.type)
    with store.engine.connect() as connection:
        found = {(row.name, row.type) for row in select_in(
            connection, select(entity_totals.c.name, entity_totals.c.type), column, keys,
            size=10)}
    assert found == set(keys[:-1])


def test_chunks_come_with_their_keys_on_an_engine(store: Store) -> None:
    keys = [_url(n) for n in (5, 3, 9, 1, 7)]
    pairs = list(select_in_chunks(store.engine, select(watch_seen.c.url), watch_seen.c.url,
                                  keys, size=2))
    assert [chunk for chunk, _rows in pairs] == [[_url(5), _url(3)], [_url(9), _url(1)],
                                                 [_url(7)]]
    assert [sorted(row.url for row in rows) for _chunk, rows in pairs] == [
        [_url(3), _url(5)], [_url(1), _url(9)], [_url(7)]]


def test_execute_in_changes_only_the_given_rows_and_counts_them(store: Store) -> None:
    keys = [_url(n) for n in range(0, 1100)]
    statement = update(watch_seen).where(watch_seen.c.status == "failed").values(
        status="pending")
    with store.engine.begin() as connection:
        changed = execute_in(connection, statement, watch_seen.c.url, keys)
    assert changed == 550
    with store.engine.connect() as connection:
        pending = set(connection.execute(select(watch_seen.c.url).where(
            watch_seen.c.status == "pending")).scalars())
    assert pending == {_url(n) for n in range(0, 1100, 2)}


def test_stored_ids_with_more_ids_than_a_chunk(store: Store) -> None:
    stored = [f"s{n:015d}" for n in (0, 600, 1100)]
    store.add_many([Article(id=key, text=f"Story number {n} was stored.")
                    for n, key in enumerate(stored)])
    asked = [f"s{n:015d}" for n in range(2 * KEY_CHUNK + 200)] + stored
    assert store.stored_ids(asked) == set(stored)
