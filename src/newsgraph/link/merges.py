"""Editors' entity merges ("this name stands for that entity") on the alias table.

The web app records merges in `entity_merges` (`newsgraph.serve.accounts.merges`);
`newsgraph link` rebuilds `entity_aliases` from the stored names and then writes every
recorded merge onto it again (`apply_merges`), so an editor's decision outlasts a rebuild.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, insert, select, update

from newsgraph.store import schema

#: `entity_aliases.rule` of a merge made by an editor.
EDITOR_RULE = "editor"


def article_count(connection: Connection, name: str, entity_type: str) -> int:
    """Articles naming `name` as an entity of `entity_type`."""
    e = schema.entities
    return connection.execute(select(func.count(func.distinct(e.c.article_id))).where(
        e.c.name == name, e.c.type == entity_type)).scalar_one()


def point_alias(connection: Connection, alias: str, entity_type: str, canonical: str) -> None:
    """Make `entity_aliases` say alias -> canonical (adding either row where missing)."""
    al = schema.entity_aliases
    # Names grouped under the alias move along with it.
    connection.execute(update(al).where(al.c.type == entity_type, al.c.canonical == alias)
                       .values(canonical=canonical))
    for name in (canonical, alias):
        done = connection.execute(update(al).where(al.c.alias == name, al.c.type == entity_type)
                                  .values(canonical=canonical, confidence=1.0,
                                          rule=EDITOR_RULE)).rowcount
        if not done:
            connection.execute(insert(al).values(
                alias=name, type=entity_type, canonical=canonical, confidence=1.0,
                rule=EDITOR_RULE, articles=article_count(connection, name, entity_type)))


def apply_merges(connection: Connection) -> int:
    """Write every editor's merge onto `entity_aliases` again (after a link rebuild)."""
    m = schema.entity_merges
    rows = connection.execute(select(m.c.alias, m.c.type, m.c.canonical)).all()
    for row in rows:
        point_alias(connection, row.alias, row.type, row.canonical)
    return len(rows)
