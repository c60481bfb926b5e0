"""Users: roles, lookup, creation and password changes (SQLAlchemy Core on the store)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from newsgraph.serve.accounts.db import aware, normalize_email, utcnow
from newsgraph.store import schema

#: Loose shape check only: something@something.something, without spaces, quotes, angle
#: brackets or list separators (so one address never becomes several in a header).
_EMAIL = re.compile(r"^[^@\s<>\",;\x00-\x1f\x7f]{1,64}@[^@\s<>\",;\x00-\x1f\x7f]{1,255}"
                    r"\.[^@\s<>\",;.\x00-\x1f\x7f]{1,63}$")


class Role(StrEnum):
    """What a signed-in user may do; each role includes the ones before it."""

    reader = "reader"
    editor = "editor"
    admin = "admin"

    def allows(self, needed: Role) -> bool:
        order = list(Role)
        return order.index(self) >= order.index(needed)


class UserError(ValueError):
    """A user operation that cannot be done as asked (bad e-mail, duplicate, unknown user)."""


@dataclass(frozen=True)
class User:
    """A signed-in (or listed) user, as pages see it on `request.state.user`."""

    id: int
    email: str
    name: str
    role: Role
    created_at: datetime | None = None
    last_digest_at: datetime | None = None

    def can(self, needed: Role) -> bool:
        return self.role.allows(needed)

    @property
    def display_name(self) -> str:
        return self.name or self.email


def looks_like_email(email: str) -> bool:
    return len(email) <= 320 and bool(_EMAIL.match(normalize_email(email)))


def check_email(email: str) -> str:
    """The normalised address; `UserError` when it does not look like an e-mail address."""
    address = normalize_email(email)
    if not looks_like_email(address):
        raise UserError("That does not look like an e-mail address.")
    return address


def row_user(row: Any) -> User:
    """A `User` from a row with the `users` columns of `_COLUMNS`."""
    return User(id=row.id, email=row.email, name=row.name, role=Role(row.role),
                created_at=aware(row.created_at), last_digest_at=aware(row.last_digest_at))


_COLUMNS = (schema.users.c.id, schema.users.c.email, schema.users.c.name, schema.users.c.role,
            schema.users.c.created_at, schema.users.c.last_digest_at)


def find(engine: Engine, email: str) -> tuple[User, str, int] | None:
    """The user with this e-mail, its password hash and password version; None if unknown
    (and for text no stored address can be, such as one with a NUL character)."""
    if "\x00" in email:
        return None
    u = schema.users
    with engine.connect() as connection:
        row = connection.execute(
            select(*_COLUMNS, u.c.password_hash, u.c.password_version)
            .where(u.c.email == normalize_email(email))).first()
    return None if row is None else (row_user(row), row.password_hash, row.password_version)


def get(engine: Engine, user_id: int) -> User | None:
    with engine.connect() as connection:
        row = connection.execute(select(*_COLUMNS).where(schema.users.c.id == user_id)).first()
    return None if row is None else row_user(row)


def all_users(engine: Engine) -> list[User]:
    with engine.connect() as connection:
        return [row_user(row) for row in connection.execute(
            select(*_COLUMNS).order_by(schema.users.c.email))]


def create(connection: Connection, email: str, password_hash: str, role: Role = Role.reader,
           name: str = "") -> User:
    """Insert a user; `UserError` when the e-mail address is taken."""
    address = check_email(email)
    now = utcnow()
    try:
        with connection.begin_nested():
            new_id = connection.execute(insert(schema.users).values(
                email=address, name=name.strip()[:200], role=Role(role).value,
                password_hash=password_hash, password_version=1, created_at=now,
            ).returning(schema.users.c.id)).scalar_one()
    except IntegrityError as error:
        raise UserError(f"there is already a user {address}") from error
    return User(id=new_id, email=address, name=name.strip()[:200], role=Role(role),
                created_at=now)


def add(engine: Engine, email: str, password_hash: str, role: Role = Role.reader,
        name: str = "") -> User:
    with engine.begin() as connection:
        return create(connection, email, password_hash, role, name)


def set_password(connection: Connection, user_id: int, password_hash: str) -> None:
    """Store a new password: bump its version, void e-mailed tokens and end every session."""
    u = schema.users
    connection.execute(update(u).where(u.c.id == user_id).values(
        password_hash=password_hash, password_version=u.c.password_version + 1))
    connection.execute(delete(schema.mail_tokens).where(schema.mail_tokens.c.user_id == user_id))
    connection.execute(delete(schema.user_sessions)
                       .where(schema.user_sessions.c.user_id == user_id))


def set_role(engine: Engine, email: str, role: Role) -> User:
    u = schema.users
    with engine.begin() as connection:
        done = connection.execute(update(u).where(u.c.email == normalize_email(email))
                                  .values(role=Role(role).value)).rowcount
    if not done:
        raise UserError(f"no user {normalize_email(email)}")
    found = find(engine, email)
    assert found is not None
    return found[0]


def remove(engine: Engine, email: str) -> None:
    """Delete a user and everything of theirs (sessions, tokens, follows, saved searches)."""
    u = schema.users
    with engine.begin() as connection:
        user_id = connection.execute(select(u.c.id).where(
            u.c.email == normalize_email(email))).scalar_one_or_none()
        if user_id is None:
            raise UserError(f"no user {normalize_email(email)}")
        # Children first: SQLite enforces the foreign keys but PostgreSQL cascades alike.
        for table in (schema.user_sessions, schema.mail_tokens, schema.saved_searches,
                      schema.follows):
            connection.execute(delete(table).where(table.c.user_id == user_id))
        connection.execute(update(schema.contact_messages)
                           .where(schema.contact_messages.c.user_id == user_id)
                           .values(user_id=None))
        connection.execute(delete(u).where(u.c.id == user_id))


def count(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(schema.users)).scalar_one()
