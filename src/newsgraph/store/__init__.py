"""The store for analysed articles: a SQLite file by default, or PostgreSQL.

    from newsgraph.store import Store

    with Store.open("news.db") as store:  # or "postgresql://user@host/db"
        store.add(article)
        hits = store.search("Zürich council")
"""

from newsgraph.store.database import (
    DB_ENV,
    DEFAULT_DB,
    EntitySummary,
    SearchHit,
    Store,
    StoreError,
    StoreNotFound,
    default_db,
    fts_query,
)
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
    "default_db",
    "fts_query",
]
