"""Schema migrations with Alembic: bring a store's tables to the layout this newsgraph uses.

`upgrade` runs inside `Store.open`'s set-up transaction (under its lock), so
two processes opening one new database do not both migrate it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, inspect

#: The Alembic script directory (env.py and versions/).
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: The revision whose layout stores made before migrations existed already have.
FIRST_REVISION = "0001"


class MigrationError(RuntimeError):
    """The database's revision is unknown to this newsgraph (made by a newer one)."""


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS))


def head_revision() -> str:
    """The newest revision of the store layout."""
    head = _scripts().get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The database's revision; None before any migration ran."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection) -> None:
    """Migrate the database on `connection` to the newest revision; a no-op when it is there.

    A store made before migrations existed (tables but no `alembic_version`) is
    stamped with the first revision, whose layout it has, then upgraded.
    """
    current = current_revision(connection)
    if current == head_revision():
        return
    if current is not None:
        try:
            _scripts().get_revision(current)
        except CommandError as error:
            raise MigrationError(
                f"the store has layout revision {current}, which this newsgraph does not "
                f"know (newest known: {head_revision()}); upgrade newsgraph") from error
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    if current is None and inspect(connection).has_table("articles"):
        command.stamp(config, FIRST_REVISION)
    command.upgrade(config, "head")
