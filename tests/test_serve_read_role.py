"""`newsgraph serve --read-role`: on PostgreSQL the read connections take on a role that may
only SELECT, so the database itself refuses a write through them, even one that turns the
session's read-only default off. On SQLite and PostgreSQL (`store_databases`)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from newsgraph.model import Article
from newsgraph.serve.readonly import open_readonly
from newsgraph.store import Store, StoreError

TEXT = "Lisbon - The council said on Tuesday that the harbour would reopen in May."


@pytest.fixture
def stored(store_url: str) -> str:
    with Store.open(store_url, create=True) as store:
        store.add(Article(id="a1", text=TEXT))
    return store_url


@pytest.fixture
def roles(stored: str, store_databases) -> Iterator[tuple[str, str]]:
    """(a role with SELECT only, a role that may also write), dropped afterwards."""
    if store_databases.backend != "postgresql":
        pytest.skip("roles are PostgreSQL's")
    token = secrets.token_hex(4)
    reader, writer = f"ngtest_reader_{token}", f"ngtest_writer_{token}"
    engine = create_engine(stored, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for role in (reader, writer):
            connection.exec_driver_sql(f"CREATE ROLE {role} NOLOGIN")
            connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {role}")
        connection.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {reader}")
        connection.exec_driver_sql(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {writer}")
    try:
        yield reader, writer
    finally:
        with engine.connect() as connection:
            for role in (reader, writer):
                connection.exec_driver_sql(f"DROP OWNED BY {role}")
                connection.exec_driver_sql(f"DROP ROLE {role}")
        engine.dispose()


def write_through(store: Store) -> None:
    """A write that a read-only session default alone does not stop."""
    with store.engine.connect() as connection:
        connection.exec_driver_sql("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE")
        connection.commit()
        connection.exec_driver_sql("DELETE FROM articles WHERE false")
        connection.commit()


def test_the_read_role_reads_and_cannot_write(roles: tuple[str, str], stored: str) -> None:
    reader, _ = roles
    store = open_readonly(stored, 5.0, read_role=reader)
    try:
        assert store.count() == 1
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT current_user").scalar() == reader
        with pytest.raises(DBAPIError, match="permission denied"):
            write_through(store)
    finally:
        store.close()
    # Without the role the same write goes through: the role is what stops it.
    plain = open_readonly(stored, 5.0)
    try:
        write_through(plain)
    finally:
        plain.close()


def test_a_role_that_may_write_or_does_not_exist_is_refused(roles: tuple[str, str],
                                                             stored: str) -> None:
    _, writer = roles
    with pytest.raises(StoreError, match="may write"):
        open_readonly(stored, 5.0, read_role=writer)
    with pytest.raises(StoreError, match="cannot read the store as role"):
        open_readonly(stored, 5.0, read_role="ngtest_no_such_role_" + secrets.token_hex(3))


def test_the_app_serves_through_the_read_role(roles: tuple[str, str], stored: str) -> None:
    from fastapi.testclient import TestClient

    from newsgraph.serve import create_app

    with TestClient(create_app(stored, read_role=roles[0])) as client:
        response = client.get("/api/articles")
        assert response.status_code == 200
        assert [item["id"] for item in response.json()["items"]] == ["a1"]


def test_bad_role_names_and_sqlite_stores_are_refused(stored: str, store_databases) -> None:
    with pytest.raises(StoreError, match="bad read role name"):
        open_readonly(stored, 5.0, read_role='x"; DROP TABLE articles; --')
    if store_databases.backend == "sqlite":
        with pytest.raises(StoreError, match="for a PostgreSQL store"):
            open_readonly(stored, 5.0, read_role="reader")
        from newsgraph.cli import app

        result = CliRunner().invoke(app, ["serve", "--db", stored, "--read-role", "reader"])
        assert result.exit_code == 2
        assert "for a PostgreSQL store" in result.stderr
