"""Running totals kept at ingest, so the common lists need not aggregate the whole store.

Revision ID: 0004
Revises: 0003

`speakers`: every distinct speaker name with its number of quotes and articles (quote
filters by part of a name look names up here, then use `ix_quotes_speaker_name`).
`entity_totals`: per entity name and type, articles, mentions and the roles seen.
`entity_days` / `speaker_days`: the same per publish day, for timelines.
All are filled from the rows already stored.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    present = set(sa.inspect(op.get_bind()).get_table_names())
    if "speakers" not in present:
        op.create_table(
            "speakers",
            sa.Column("name", sa.String, primary_key=True),
            sa.Column("quotes", sa.Integer, nullable=False),
            sa.Column("articles", sa.Integer, nullable=False),
        )
        op.execute(
            "INSERT INTO speakers (name, quotes, articles) "
            "SELECT speaker_name, count(*), count(DISTINCT article_id) FROM quotes "
            "WHERE speaker_name IS NOT NULL GROUP BY speaker_name")
    if "entity_totals" not in present:
        op.create_table(
            "entity_totals",
            sa.Column("name", sa.String, primary_key=True),
            sa.Column("type", sa.String, primary_key=True),
            sa.Column("articles", sa.Integer, nullable=False),
            sa.Column("mentions", sa.Integer, nullable=False),
            sa.Column("roles", sa.Text, nullable=False, comment="JSON list, first seen first"),
        )
        op.create_index("ix_entity_totals_rank", "entity_totals", ["articles", "mentions"])
        op.execute(
            "INSERT INTO entity_totals (name, type, articles, mentions, roles) "
            "SELECT e.name, e.type, count(DISTINCT e.article_id), "
            "coalesce(sum(m.n), 0), '[]' FROM entities AS e LEFT JOIN "
            "(SELECT article_id, entity_id, count(*) AS n FROM mentions "
            "GROUP BY article_id, entity_id) AS m "
            "ON m.article_id = e.article_id AND m.entity_id = e.entity_id "
            "GROUP BY e.name, e.type")
        _fill_roles(op.get_bind())
    # Articles whose `published` does not start with a YYYY-MM-DD day are left out.
    day = "substr(a.published, 1, 10)"
    dated = f"a.published IS NOT NULL AND {day} LIKE '____-__-__'"
    if "entity_days" not in present:
        op.create_table(
            "entity_days",
            sa.Column("name", sa.String, primary_key=True),
            sa.Column("type", sa.String, primary_key=True),
            sa.Column("day", sa.String, primary_key=True),
            sa.Column("articles", sa.Integer, nullable=False),
            sa.Column("mentions", sa.Integer, nullable=False),
        )
        op.execute(
            "INSERT INTO entity_days (name, type, day, articles, mentions) "
            f"SELECT e.name, e.type, {day}, count(DISTINCT e.article_id), coalesce(sum(m.n), 0) "
            "FROM entities AS e JOIN articles AS a ON a.id = e.article_id LEFT JOIN "
            "(SELECT article_id, entity_id, count(*) AS n FROM mentions "
            "GROUP BY article_id, entity_id) AS m "
            "ON m.article_id = e.article_id AND m.entity_id = e.entity_id "
            f"WHERE {dated} GROUP BY e.name, e.type, {day}")
    if "speaker_days" not in present:
        op.create_table(
            "speaker_days",
            sa.Column("name", sa.String, primary_key=True),
            sa.Column("day", sa.String, primary_key=True),
            sa.Column("quotes", sa.Integer, nullable=False),
        )
        op.execute(
            f"INSERT INTO speaker_days (name, day, quotes) SELECT q.speaker_name, {day}, "
            "count(*) FROM quotes AS q JOIN articles AS a ON a.id = q.article_id "
            f"WHERE q.speaker_name IS NOT NULL AND {dated} GROUP BY q.speaker_name, {day}")


def _fill_roles(connection: sa.Connection) -> None:
    """Each entity's roles over all its articles, in article-id and entity order."""
    roles: dict[tuple[str, str], list[str]] = {}
    rows = connection.execute(sa.text(
        "SELECT name, type, roles FROM entities WHERE roles IS NOT NULL AND roles != '[]' "
        "ORDER BY article_id, seq"))
    for name, entity_type, found in rows:
        seen = roles.setdefault((name, entity_type), [])
        seen.extend(role for role in json.loads(found) if role not in seen)
    update = sa.text("UPDATE entity_totals SET roles = :roles WHERE name = :name AND type = :type")
    for (name, entity_type), found in roles.items():
        connection.execute(update, {"roles": json.dumps(found), "name": name, "type": entity_type})


def downgrade() -> None:
    op.drop_table("speaker_days")
    op.drop_table("entity_days")
    op.drop_table("entity_totals")
    op.drop_table("speakers")
