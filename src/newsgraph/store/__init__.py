"""The store for analysed articles: a SQLite file by default, or PostgreSQL.

    from newsgraph.store import Store, search

    with Store.open("news.db") as store:  # or "postgresql://user@host/db"
        store.add(article)
        hits = search(store, "Zürich council")
"""

from newsgraph.store.database import (
    DB_ENV,
    DEFAULT_DB,
    Store,
    StoreError,
    StoreNotFound,
    StoreUnavailable,
    default_db,
)
from newsgraph.store.queries import EntitySummary, SearchHit, entity_summaries, fts_query, search
from newsgraph.store.schema import STORE_SCHEMA_VERSION

__all__ = [
    "DB_ENV",
    "DEFAULT_DB",
    "STORE_SCHEMA_VERSION",
    "EntitySummary",
    "SearchHit",
    "Store",
    "StoreError",
    "StoreNotFound",
    "StoreUnavailable",
    "default_db",
    "entity_summaries",
    "fts_query",
    "search",
]
