"""What signed-in users keep: saved searches and the people and topics they follow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from urllib.parse import urlencode

from sqlalchemy import Engine, Table, delete, insert, select
from sqlalchemy.exc import IntegrityError

from newsgraph.serve.accounts.db import aware, utcnow
from newsgraph.store import schema

#: Most saved searches and follows one user may keep.
MAX_ITEMS = 200


class FollowKind(StrEnum):
    """A person is matched against the speaker's name, a topic against the quote's words."""

    person = "person"
    topic = "topic"


class LibraryError(ValueError):
    """A saved search or follow that cannot be added; the message says why."""


@dataclass(frozen=True)
class SavedSearch:
    id: int
    name: str
    query: str
    created_at: datetime | None


@dataclass(frozen=True)
class Follow:
    id: int
    kind: FollowKind
    value: str
    created_at: datetime | None


def _count(engine: Engine, table: Table, user_id: int) -> int:
    with engine.connect() as connection:
        return len(connection.execute(
            select(table.c.id).where(table.c.user_id == user_id).limit(MAX_ITEMS)).all())


def save_search(engine: Engine, user_id: int, name: str, query: str) -> None:
    """Keep a search: the search page's query string (`q=...&site=...`), or plain words."""
    query = query.strip().lstrip("?")
    if not query:
        raise LibraryError("There is no search to save.")
    if "=" not in query:  # plain words, as typed in the search box
        name = name or query
        query = urlencode({"q": " ".join(query.split())})
    name = " ".join(name.split())[:200] or query[:200]
    if len(query) > 2000:
        raise LibraryError("That search is too long to save.")
    if _count(engine, schema.saved_searches, user_id) >= MAX_ITEMS:
        raise LibraryError(f"You can keep at most {MAX_ITEMS} saved searches.")
    with engine.begin() as connection:
        connection.execute(insert(schema.saved_searches).values(
            user_id=user_id, name=name, query=query, created_at=utcnow()))


def searches(engine: Engine, user_id: int) -> list[SavedSearch]:
    s = schema.saved_searches
    with engine.connect() as connection:
        return [SavedSearch(row.id, row.name, row.query, aware(row.created_at))
                for row in connection.execute(
                    select(s).where(s.c.user_id == user_id).order_by(s.c.id))]


def delete_search(engine: Engine, user_id: int, search_id: int) -> bool:
    s = schema.saved_searches
    with engine.begin() as connection:
        return bool(connection.execute(delete(s).where(
            s.c.id == search_id, s.c.user_id == user_id)).rowcount)


def follow(engine: Engine, user_id: int, kind: FollowKind | str, value: str) -> None:
    """Follow a person or topic; following it again changes nothing."""
    try:
        kind = FollowKind(kind)
    except ValueError as error:
        raise LibraryError("Follow a person or a topic.") from error
    value = " ".join(value.split())[:500]
    if not value:
        raise LibraryError(f"Name the {kind.value} to follow.")
    if _count(engine, schema.follows, user_id) >= MAX_ITEMS:
        raise LibraryError(f"You can follow at most {MAX_ITEMS} people and topics.")
    try:
        with engine.begin() as connection:
            connection.execute(insert(schema.follows).values(
                user_id=user_id, kind=kind.value, value=value, created_at=utcnow()))
    except IntegrityError:
        pass  # already followed


def follows(engine: Engine, user_id: int | None = None) -> list[tuple[int, Follow]]:
    """(user id, follow) pairs of one user, or of everyone, in a stable order."""
    f = schema.follows
    query = select(f).order_by(f.c.user_id, f.c.id)
    if user_id is not None:
        query = query.where(f.c.user_id == user_id)
    with engine.connect() as connection:
        return [(row.user_id, Follow(row.id, FollowKind(row.kind), row.value,
                                     aware(row.created_at)))
                for row in connection.execute(query)]


def unfollow(engine: Engine, user_id: int, follow_id: int) -> bool:
    f = schema.follows
    with engine.begin() as connection:
        return bool(connection.execute(delete(f).where(
            f.c.id == follow_id, f.c.user_id == user_id)).rowcount)
