"""The first store layout (store schema version 1): articles and their annotations.

Revision ID: 0001
Revises: none

The tables as of this revision, written out rather than taken from `schema.py`,
so that later changes there need migrations of their own. Full-text search:
FTS5 on SQLite, a generated `tsvector` column with a GIN index on PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsgraph.store import schema

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _article_fk() -> sa.Column:
    return sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"),
                     primary_key=True, nullable=False)


def _seq() -> sa.Column:
    return sa.Column("seq", sa.Integer, primary_key=True, nullable=False, autoincrement=False)


def _span() -> list[sa.Column]:
    return [sa.Column("start", sa.Integer, nullable=False),
            sa.Column("end", sa.Integer, nullable=False),
            sa.Column("text", sa.Text, nullable=False)]


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String),
        sa.Column("site", sa.Text),
        sa.Column("language", sa.String),
        sa.Column("authors", sa.Text, nullable=False, comment="JSON list of names"),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("analysed", sa.Text, nullable=False, comment="the full Article JSON"),
        sa.Column("schema_version", sa.Integer, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "entities",
        _article_fk(),
        sa.Column("entity_id", sa.String, primary_key=True, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String, nullable=False),
        sa.Column("roles", sa.Text, nullable=False, comment="JSON list"),
        sa.Column("anonymous", sa.Boolean, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False, comment="position in Article.entities"),
    )
    op.create_index("ix_entities_name", "entities", ["name"])
    op.create_table(
        "mentions",
        sa.Column("article_id", sa.String, primary_key=True, nullable=False),
        _seq(),
        sa.Column("entity_id", sa.String, nullable=False),
        *_span(),
        sa.Column("kind", sa.String, nullable=False),
        sa.ForeignKeyConstraint(["article_id", "entity_id"],
                                ["entities.article_id", "entities.entity_id"],
                                ondelete="CASCADE"),
    )
    op.create_index("ix_mentions_entity", "mentions", ["article_id", "entity_id"])
    op.create_table(
        "quotes",
        _article_fk(),
        _seq(),
        *_span(),
        sa.Column("direct", sa.Boolean, nullable=False),
        sa.Column("partial", sa.Boolean, nullable=False),
        sa.Column("speaker", sa.Text, comment="JSON SpeakerRef"),
        sa.Column("speaker_name", sa.String,
                  comment="name of the speaker's entity, else its span text"),
        sa.Column("cue", sa.Text, comment="JSON Cue"),
        sa.Column("addressee", sa.Text),
        sa.Column("date", sa.String),
    )
    op.create_index("ix_quotes_speaker_name", "quotes", ["speaker_name"])
    op.create_table(
        "dates",
        _article_fk(),
        _seq(),
        *_span(),
        sa.Column("value", sa.String),
        sa.Column("range", sa.Text, comment="JSON [first, last]"),
        sa.Column("granularity", sa.String, nullable=False),
    )
    op.create_index("ix_dates_value", "dates", ["value"])
    op.create_table(
        "amounts",
        _article_fk(),
        _seq(),
        *_span(),
        sa.Column("value", sa.Float),
        sa.Column("qualifier", sa.Text),
        sa.Column("unit", sa.Text),
    )
    op.create_table(
        "places",
        _article_fk(),
        _seq(),
        *_span(),
        sa.Column("geonameid", sa.Integer),
        sa.Column("name", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("country", sa.String),
        sa.Column("admin1", sa.Text),
    )
    op.create_table(
        "events",
        _article_fk(),
        _seq(),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("cameo", sa.String),
        sa.Column("actor", sa.Text, comment="JSON EventArgument"),
        sa.Column("target", sa.Text, comment="JSON EventArgument"),
        sa.Column("place", sa.Text),
        sa.Column("date", sa.String),
        sa.Column("trigger_start", sa.Integer, nullable=False),
        sa.Column("trigger_end", sa.Integer, nullable=False),
        sa.Column("trigger_text", sa.Text, nullable=False),
    )
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        schema.create_sqlite_fts(connection)
    elif connection.dialect.name == "postgresql":
        schema.create_postgres_fts(connection)


def downgrade() -> None:
    raise NotImplementedError("the first store layout has nothing to go back to")
