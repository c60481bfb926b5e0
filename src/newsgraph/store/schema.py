"""The store's tables, in portable SQLAlchemy Core, plus the SQLite-only full-text add-on.

The core schema uses only types and constraints that PostgreSQL shares with
SQLite: JSON goes in `Text` columns, offsets in `Integer` columns, and every
per-article table is keyed by `(article_id, seq)` where `seq` keeps the order
of the list in the article. `articles.analysed` holds the full `Article` JSON,
so a stored article comes back exactly as it went in; the other tables are
flat copies for querying. Full-text search (FTS5) is SQLite-specific and lives
only in `create_sqlite_fts`.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.engine import Connection

#: Version of the store layout (tables and columns), kept in the `meta` table.
STORE_SCHEMA_VERSION = 1
#: Name of the FTS5 table over `articles.title` and `articles.text` (SQLite only).
FTS_TABLE = "articles_fts"

metadata = MetaData()


def _article_fk() -> Column:
    return Column(
        "article_id",
        String,
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
        nullable=False,
    )


def _seq() -> Column:
    """Position of the row in its article's list; with `article_id`, the primary key."""
    return Column("seq", Integer, primary_key=True, nullable=False, autoincrement=False)


def _span_columns() -> list[Column]:
    return [
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("text", Text, nullable=False),
    ]


meta = Table(
    "meta",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True),
    Column("url", Text),
    Column("title", Text),
    Column("published", String),
    Column("site", Text),
    Column("language", String),
    Column("authors", Text, nullable=False, default="[]", comment="JSON list of names"),
    Column("text", Text, nullable=False),
    Column("analysed", Text, nullable=False, comment="the full Article JSON"),
    Column("schema_version", Integer, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    _article_fk(),
    Column("entity_id", String, primary_key=True, nullable=False),
    Column("name", Text, nullable=False),
    Column("type", String, nullable=False),
    Column("roles", Text, nullable=False, default="[]", comment="JSON list"),
    Column("anonymous", Boolean, nullable=False, default=False),
    Column("seq", Integer, nullable=False, comment="position in Article.entities"),
    Index("ix_entities_name", "name"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", String, primary_key=True, nullable=False),
    _seq(),
    Column("entity_id", String, nullable=False),
    *_span_columns(),
    Column("kind", String, nullable=False),
    ForeignKeyConstraint(
        ["article_id", "entity_id"],
        ["entities.article_id", "entities.entity_id"],
        ondelete="CASCADE",
    ),
    Index("ix_mentions_entity", "article_id", "entity_id"),
)

quotes = Table(
    "quotes",
    metadata,
    _article_fk(),
    _seq(),
    *_span_columns(),
    Column("direct", Boolean, nullable=False),
    Column("partial", Boolean, nullable=False),
    Column("speaker", Text, comment="JSON SpeakerRef"),
    Column("speaker_name", String, comment="name of the speaker's entity, else its span text"),
    Column("cue", Text, comment="JSON Cue"),
    Column("addressee", Text),
    Column("date", String),
    Index("ix_quotes_speaker_name", "speaker_name"),
)

dates = Table(
    "dates",
    metadata,
    _article_fk(),
    _seq(),
    *_span_columns(),
    Column("value", String),
    Column("range", Text, comment="JSON [first, last]"),
    Column("granularity", String, nullable=False),
    Index("ix_dates_value", "value"),
)

amounts = Table(
    "amounts",
    metadata,
    _article_fk(),
    _seq(),
    *_span_columns(),
    Column("value", Float),
    Column("qualifier", Text),
    Column("unit", Text),
)

places = Table(
    "places",
    metadata,
    _article_fk(),
    _seq(),
    *_span_columns(),
    Column("geonameid", Integer),
    Column("name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String),
    Column("admin1", Text),
)

events = Table(
    "events",
    metadata,
    _article_fk(),
    _seq(),
    Column("type", Text, nullable=False),
    Column("cameo", String),
    Column("actor", Text, comment="JSON EventArgument"),
    Column("target", Text, comment="JSON EventArgument"),
    Column("place", Text),
    Column("date", String),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("trigger_text", Text, nullable=False),
)

#: The per-article tables, children first (the order to delete in).
CHILD_TABLES = (mentions, entities, quotes, dates, amounts, places, events)


def create_sqlite_fts(connection: Connection) -> None:
    """Create the FTS5 index over article title and text, and the triggers that keep it in sync.

    An external-content table: the words are indexed, the text stays in
    `articles`. Diacritics are folded, so "Zurich" finds "Zürich".
    """
    statements = [
        f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
            title, text, content='articles', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2')""",
        f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON articles BEGIN
            INSERT INTO {FTS_TABLE}(rowid, title, text)
            VALUES (new.rowid, coalesce(new.title, ''), new.text);
        END""",
        f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON articles BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text)
            VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
        END""",
        f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE ON articles BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text)
            VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
            INSERT INTO {FTS_TABLE}(rowid, title, text)
            VALUES (new.rowid, coalesce(new.title, ''), new.text);
        END""",
    ]
    for statement in statements:
        connection.exec_driver_sql(statement)
