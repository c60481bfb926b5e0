"""Exports of a store: JSONL, Parquet tables, GDELT GKG 2.1 and Events 2.0 rows, GraphML.

    from newsgraph.export import export
    from newsgraph.store import Store

    with Store.open("news.db", create=False) as store:
        export(store, "gkg", "news.gkg.csv")

Each format lives in its own module with a `write(articles, output) -> int` that
takes any iterable of `Article`s and returns the number of records written.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.model import Article
    from newsgraph.store import Store

#: Format name -> module in this package.
FORMATS = {
    "jsonl": "jsonl",
    "parquet": "parquet",
    "gkg": "gkg",
    "events": "gdelt_events",
    "graphml": "graphml",
}
#: Articles read from the store per query.
READ_BATCH = 200


def iter_articles(store: Store, batch_size: int = READ_BATCH) -> Iterator[Article]:
    """Every stored article in id order, read `batch_size` at a time."""
    from sqlalchemy import select

    from newsgraph.model import Article
    from newsgraph.store import schema

    table = schema.articles
    ids = list(store.iter_ids())
    for first in range(0, len(ids), batch_size):
        chunk = ids[first:first + batch_size]
        with store.engine.connect() as connection:
            result = connection.execute(
                select(table.c.id, table.c.analysed).where(table.c.id.in_(chunk)))
            found = {row[0]: row[1] for row in result}
        for article_id in chunk:
            if article_id in found:  # skip articles removed since listing
                yield Article.model_validate_json(found[article_id])


def export(store: Store, format: str, output: str | Path) -> int:
    """Write every stored article to `output` in `format`; the number of records written."""
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r} (one of {', '.join(FORMATS)})")
    module = import_module(f"newsgraph.export.{FORMATS[format]}")
    return module.write(iter_articles(store), Path(output))
