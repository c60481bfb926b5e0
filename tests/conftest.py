"""Shared fixtures: the loaded spaCy model and the paths of the shared reference data."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_TEXT = SHARED / "seed" / "rafah.txt"
SEED_GOLD = SHARED / "seed" / "rafah.gold.json"
EVAL = SHARED / "eval"


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def parse(nlp):
    """Parse a text and wrap it as a pipeline `Document`, like the runner does."""
    from datetime import date

    from newsgraph.model import Article, Document

    def make(text: str, published: date | None = None) -> Document:
        return Document(Article(id="test", text=text), nlp(text), published)

    return make


@pytest.fixture(scope="session")
def attributed(parse):
    """Run entities, dates and quotes on a text published on a Monday; give the article."""
    from datetime import date

    from newsgraph.geo.gazetteer import load_gazetteer
    from newsgraph.stages.dates import add_dates
    from newsgraph.stages.entities import add_entities
    from newsgraph.stages.quotes import add_quotes

    def run(text: str):
        document = parse(text, date(2025, 3, 3))
        add_entities(document, load_gazetteer())
        add_dates(document)
        add_quotes(document)
        return document.article

    return run


# -- Store backends: the store tests run on SQLite and on PostgreSQL -------------------------

#: A PostgreSQL server for the store tests, as a URL whose user may CREATE DATABASE.
PG_ENV = "NEWSGRAPH_TEST_PG"


class StoreDatabases:
    """Fresh databases of one backend for one test module, all dropped at the end.

    `url` is the module's own database; `new()` makes another, empty one (on
    SQLite a file path that does not exist yet).
    """

    def __init__(self, backend: str, folder: Path, server: str | None, module: str) -> None:
        import re
        import secrets

        self.backend = backend
        self._folder = folder
        self._server = server
        self._prefix = "ngtest_" + re.sub(r"[^a-z0-9]+", "_", module.lower())[-30:]
        self._token = secrets.token_hex(4)
        self._created: list[str] = []
        self._admin = None
        self.url = self.new()

    def new(self) -> str:
        """The URL of another new, empty database of this backend."""
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url
        from sqlalchemy.pool import NullPool

        from newsgraph.store.database import database_url

        number = len(self._created) + 1
        if self.backend == "sqlite":
            self._created.append(str(self._folder / f"db{number}.db"))
            return f"sqlite:///{self._created[-1]}"
        assert self._server
        if self._admin is None:
            self._admin = create_engine(database_url(self._server),
                                        isolation_level="AUTOCOMMIT", poolclass=NullPool)
        name = f"{self._prefix}_{self._token}_{number}"
        with self._admin.connect() as connection:
            # An identifier cannot be a bound parameter; `name` is only [a-z0-9_].
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        self._created.append(name)
        return make_url(database_url(self._server)).set(database=name).render_as_string(
            hide_password=False)

    def wipe(self) -> str:
        """Empty the module's database (every store table, if set up) and return its URL."""
        from sqlalchemy import create_engine, inspect
        from sqlalchemy.pool import NullPool

        from newsgraph.store import schema

        engine = create_engine(self.url, poolclass=NullPool)
        try:
            with engine.begin() as connection:
                present = set(inspect(connection).get_table_names())
                for table in reversed(schema.metadata.sorted_tables):
                    if table.name in present:
                        connection.execute(table.delete())
        finally:
            engine.dispose()
        return self.url

    def drop_all(self) -> None:
        if self._admin is None:
            return
        with self._admin.connect() as connection:
            for name in self._created:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._admin.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store_databases(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Per test module and backend: fresh store databases, dropped afterwards.

    PostgreSQL needs $NEWSGRAPH_TEST_PG; without it those cases skip, except
    under CI=true, where they fail so that CI cannot pass without them.
    """
    import os

    server = None
    if request.param == "postgresql":
        server = os.environ.get(PG_ENV)
        if not server:
            reason = (f"PostgreSQL store tests need {PG_ENV}=postgresql://USER@HOST:PORT/DB "
                      "(a user who may CREATE DATABASE); .ci/run starts such a server")
            if os.environ.get("CI") == "true":
                pytest.fail(f"{reason}, and CI=true does not allow skipping them", pytrace=False)
            pytest.skip(reason)
    databases = StoreDatabases(request.param, tmp_path_factory.mktemp("store_db"), server,
                               request.module.__name__)
    yield databases
    databases.drop_all()


@pytest.fixture
def store_url(store_databases: StoreDatabases) -> str:
    """The URL of an empty store database: the module's own, emptied for this test."""
    return store_databases.wipe()
