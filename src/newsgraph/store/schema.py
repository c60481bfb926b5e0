"""The store's tables, in portable SQLAlchemy Core, plus the SQLite-only full-text add-on.

The core schema uses only types and constraints that PostgreSQL shares with
SQLite: JSON goes in `Text` columns, offsets in `Integer` columns, and every
per-article table is keyed by `(article_id, seq)` where `seq` keeps the order
of the list in the article. `articles.analysed` holds the full `Article` JSON,
so a stored article comes back exactly as it went in; the other tables are
flat copies for querying. Full-text search is backend-specific: FTS5 on SQLite
(`create_sqlite_fts`), a generated `tsvector` column with a GIN index on
PostgreSQL (`create_postgres_fts`).
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
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    false,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

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
    Column("mode", String),
    Column("negated", Boolean, nullable=False, server_default=false()),
    Column("hypothetical", Boolean, nullable=False, server_default=false()),
    Column("intended", Boolean, nullable=False, server_default=false()),
    Column("salience", Integer, comment="1 = the article's main event"),
    Column("main", Boolean, nullable=False, server_default=false(),
           comment="the article's main event (GDELT's IsRootEvent)"),
)

#: Cross-article layer (`newsgraph.link`), rebuilt by `newsgraph link`: each stored entity
#: name (per type) and the canonical entity it stands for.
entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("alias", String, primary_key=True, nullable=False),
    Column("type", String, primary_key=True, nullable=False),
    Column("canonical", String, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("rule", String, nullable=False),
    Column("articles", Integer, nullable=False),
    Index("ix_entity_aliases_canonical", "canonical", "type"),
)

#: Story clusters: articles about one happening within a few days of each other.
stories = Table(
    "stories",
    metadata,
    Column("id", String, primary_key=True),
    Column("first_day", String, nullable=False),
    Column("last_day", String, nullable=False),
    Column("size", Integer, nullable=False),
    Column("title", Text),
    Column("top_entities", Text, nullable=False),
    Index("ix_stories_last_day", "last_day"),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("story_id", String, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True,
           nullable=False),
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True, nullable=False),
    Index("ix_story_articles_article", "article_id"),
)

#: Link state (migration 0007): every article `newsgraph link` has seen, so the next run
#: clusters only the new ones. `ingested_at` copies the article's, so an article deleted and
#: stored again under its id is noticed; `signature` caches the MinHash of its text.
link_articles = Table(
    "link_articles",
    metadata,
    # No foreign key: a deleted article leaves its row behind, which makes the next link full.
    Column("article_id", String, primary_key=True),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("day", String),  # publish day YYYY-MM-DD; null: never clustered
    Column("signature", LargeBinary),  # MinHash of the text, little-endian uint32 values
    Index("ix_link_articles_day", "day"),
)

#: Each linked article's most similar candidate when their cosine is at least the stories'
#: `NEAREST_SIMILAR` (migration 0013; `newsgraph.link.stories.Nearest`), so that the next
#: link knows which pairs of mutual nearest articles a new article parts.
link_nearest = Table(
    "link_nearest",
    metadata,
    Column("article_id", String, primary_key=True),
    Column("nearest", String, nullable=False),
    Column("similarity", Float, nullable=False),
)

#: The links between articles the stored stories are the connected components of (migration
#: 0013): two article ids (`a` < `b`) and whether a pairwise rule joins them (`rule`; else
#: only the mutual nearest rule), so that the next link can take one link out of a story.
link_edges = Table(
    "link_edges",
    metadata,
    Column("a", String, primary_key=True),
    Column("b", String, primary_key=True),
    Column("rule", Boolean, nullable=False),
    Index("ix_link_edges_b", "b"),
)

#: The alias -> canonical mapping the stored stories were clustered with (names that stand
#: for another only), so the next link finds the articles whose entity keys changed.
link_aliases = Table(
    "link_aliases",
    metadata,
    Column("alias", String, primary_key=True, nullable=False),
    Column("type", String, primary_key=True, nullable=False),
    Column("canonical", String, nullable=False),
)

#: Running totals kept by `Store.add_many` in the ingest transaction (migration 0004).
#: Every distinct speaker name, so that a filter on part of a name scans this short table.
speakers = Table(
    "speakers",
    metadata,
    Column("name", String, primary_key=True),
    Column("quotes", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
)

#: Per entity name and type: articles naming it, its mentions, and its roles (JSON list).
entity_totals = Table(
    "entity_totals",
    metadata,
    Column("name", String, primary_key=True),
    Column("type", String, primary_key=True),
    Column("articles", Integer, nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("roles", Text, nullable=False, comment="JSON list, first seen first"),
    Index("ix_entity_totals_rank", "articles", "mentions"),
)

#: Per entity name, type and publish day: articles naming it and its mentions (timelines).
entity_days = Table(
    "entity_days",
    metadata,
    Column("name", String, primary_key=True),
    Column("type", String, primary_key=True),
    Column("day", String, primary_key=True),
    Column("articles", Integer, nullable=False),
    Column("mentions", Integer, nullable=False),
)

#: Per speaker name and publish day: quotes spoken.
speaker_days = Table(
    "speaker_days",
    metadata,
    Column("name", String, primary_key=True),
    Column("day", String, primary_key=True),
    Column("quotes", Integer, nullable=False),
)

#: Per resolved place (name, country, first-level area; '' for none): articles naming it,
#: its mentions and the sums of their coordinates (the map shows their mean).
place_totals = Table(
    "place_totals",
    metadata,
    Column("name", String, primary_key=True),
    Column("country", String, primary_key=True),
    Column("admin1", String, primary_key=True),
    Column("articles", Integer, nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("lat_sum", Float, nullable=False),
    Column("lon_sum", Float, nullable=False),
    Index("ix_place_totals_rank", "articles"),
)

#: Per publish day: articles stored (what an entity's share of attention is out of).
article_days = Table(
    "article_days",
    metadata,
    Column("day", String, primary_key=True),
    Column("articles", Integer, nullable=False),
)

#: Per speaker and entity named (not by a pronoun) inside their quotes: quotes and articles
#: (who talks about whom). Unnamed sources are not counted as subjects.
quote_subjects = Table(
    "quote_subjects",
    metadata,
    Column("speaker", String, primary_key=True),
    Column("name", String, primary_key=True),
    Column("type", String, primary_key=True),
    Column("quotes", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
    Index("ix_quote_subjects_subject", "name", "type"),
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


#: PostgreSQL text search configuration: `simple` (no stemming, no stop words, like FTS5's
#: unicode61 tokenizer) with accents folded by the `unaccent` dictionary where it is available.
PG_TS_CONFIG = "newsgraph"
#: Generated `tsvector` column over title and text (PostgreSQL only), and its GIN index.
PG_SEARCH_COLUMN = "search_vector"
PG_SEARCH_INDEX = "ix_articles_search_vector"
#: What the PostgreSQL index splits words on: anything but letters and digits, as FTS5 does
#: (so "co-operate" and "example.com" are two words each, as in a SQLite store).
PG_NON_WORD = "[^[:alnum:]]+"


def _pg_words(column: str) -> str:
    return (f"to_tsvector('{PG_TS_CONFIG}'::regconfig, "
            f"regexp_replace({column}, '{PG_NON_WORD}', ' ', 'g'))")


def create_postgres_fts(connection: Connection) -> None:
    """Create the text search configuration, the generated `tsvector` column and its GIN index.

    Idempotent. `unaccent` is a trusted extension (PostgreSQL 13+), so a database
    owner can install it; where it cannot be installed, search still works but
    does not fold accents.
    """
    has_unaccent = _ensure_unaccent(connection)
    config_exists = connection.exec_driver_sql(
        "SELECT 1 FROM pg_ts_config WHERE cfgname = %(name)s "
        "AND cfgnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())",
        {"name": PG_TS_CONFIG},
    ).first()
    if not config_exists:
        connection.exec_driver_sql(
            f"CREATE TEXT SEARCH CONFIGURATION {PG_TS_CONFIG} (COPY = pg_catalog.simple)")
        if has_unaccent:
            connection.exec_driver_sql(
                f"ALTER TEXT SEARCH CONFIGURATION {PG_TS_CONFIG} "
                "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple")
    title, body = _pg_words("coalesce(title, '')"), _pg_words('"text"')
    connection.exec_driver_sql(
        f"ALTER TABLE articles ADD COLUMN IF NOT EXISTS {PG_SEARCH_COLUMN} tsvector "
        f"GENERATED ALWAYS AS (setweight({title}, 'A') || setweight({body}, 'B')) STORED")
    connection.exec_driver_sql(
        f"CREATE INDEX IF NOT EXISTS {PG_SEARCH_INDEX} ON articles USING gin ({PG_SEARCH_COLUMN})")


def _ensure_unaccent(connection: Connection) -> bool:
    """Install the `unaccent` extension if needed and allowed; whether its dictionary exists."""
    found = connection.exec_driver_sql(
        "SELECT 1 FROM pg_extension WHERE extname = 'unaccent'").first()
    if found:
        return True
    try:
        with connection.begin_nested():
            connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    except DBAPIError:
        return False
    return True


# -- Accounts (`newsgraph.serve.accounts`; migration 0003) ---------------------------------
# Written by the web server's own writable engine; the read API never touches them.
# Times are UTC; secrets (session and e-mail tokens) are stored only as SHA-256 hashes.

#: People who may sign in. `email` is stored lower-cased; `password_version` goes up on every
#: password change, which kills e-mailed tokens issued before it.
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("email", String(320), nullable=False, unique=True),
    Column("name", Text, nullable=False, default=""),
    Column("role", String(20), nullable=False, comment="reader, editor or admin"),
    Column("password_hash", Text, nullable=False, comment="argon2id (pwdlib)"),
    Column("password_version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_digest_at", DateTime(timezone=True), comment="last digest e-mail sent"),
)

#: Server-side sessions: the cookie holds a random token, the table its SHA-256.
user_sessions = Table(
    "user_sessions",
    metadata,
    Column("id", String(64), primary_key=True, comment="SHA-256 hex of the cookie token"),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Index("ix_user_sessions_user", "user_id"),
)

#: Single-use e-mailed links (password reset, finishing a registration), by token hash.
mail_tokens = Table(
    "mail_tokens",
    metadata,
    Column("id", String(64), primary_key=True, comment="SHA-256 hex of the e-mailed token"),
    Column("kind", String(20), nullable=False, comment="reset or register"),
    Column("email", String(320), nullable=False),
    Column("name", Text, nullable=False, default=""),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE")),
    Column("password_version", Integer, comment="the user's at issue time (reset)"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True)),
    Index("ix_mail_tokens_email", "email"),
)

#: Attempts counted by the rate limits (login failures, reset requests, contact messages).
rate_events = Table(
    "rate_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False, comment="e.g. login:ip:<addr>"),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_rate_events_key_at", "key", "at"),
    Index("ix_rate_events_at", "at"),
)

saved_searches = Table(
    "saved_searches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("query", Text, nullable=False, comment="the search page's query string"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_saved_searches_user", "user_id"),
)

#: People (by speaker name) and topics (words in the quote) a user follows for the digest.
follows = Table(
    "follows",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(20), nullable=False, comment="person or topic"),
    Column("value", String(500), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("uq_follows_user_kind_value", "user_id", "kind", "value", unique=True),
)

#: Messages sent through the contact form, kept whether or not the e-mail went out.
contact_messages = Table(
    "contact_messages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("email", String(320), nullable=False),
    Column("message", Text, nullable=False),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("mailed_at", DateTime(timezone=True)),
)

#: Entity merges decided by editors (`/api/entities/merges`): the alias stands for the
#: canonical entity whatever `newsgraph link` infers; re-applied onto `entity_aliases`.
entity_merges = Table(
    "entity_merges",
    metadata,
    Column("alias", String, primary_key=True, nullable=False),
    Column("type", String, primary_key=True, nullable=False),
    Column("canonical", String, nullable=False),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

#: Sources `newsgraph watch` follows: validators for conditional GET, when they were
#: polled and are due again, and their failures (times are Unix seconds).
watch_sources = Table(
    "watch_sources",
    metadata,
    Column("url", String, primary_key=True),
    Column("kind", String(20), nullable=False, comment="feed, sitemap or home"),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_poll", Float),
    Column("last_ok", Float),
    Column("last_new", Float, comment="when a poll last found a new article"),
    Column("next_poll", Float),
    Column("failures", Integer, nullable=False, default=0, comment="in a row; drives backoff"),
    Column("errors", Integer, nullable=False, default=0, comment="all failed polls"),
    Column("last_error", Text),
    Column("polls", Integer, nullable=False, default=0),
    Column("articles", Integer, nullable=False, default=0, comment="new articles found"),
)

#: Article URLs `watch` has taken (claimed before fetching, so that watchers sharing a
#: store fetch each once), with what became of them.
watch_seen = Table(
    "watch_seen",
    metadata,
    Column("url", String, primary_key=True),
    Column("source", Text, nullable=False),
    Column("status", String(20), nullable=False,
           comment="claimed, pending, stored, failed or skipped"),
    Column("article_id", String),
    Column("attempts", Integer, nullable=False, default=1),
    Column("seen_at", Float, nullable=False),
    Column("reason", Text),
    Column("stamp", Text, comment="when the listing said the page last changed, as given"),
    Index("ix_watch_seen_status_at", "status", "seen_at"),
)

#: Pages whose text changed at the same URL: each new version's article, with the article
#: it replaces (both stay stored).
watch_versions = Table(
    "watch_versions",
    metadata,
    Column("article_id", String, primary_key=True),
    Column("previous_id", String, nullable=False),
    Column("url", Text, nullable=False),
    Column("stored_at", Float, nullable=False),
    Index("ix_watch_versions_previous", "previous_id"),
)
