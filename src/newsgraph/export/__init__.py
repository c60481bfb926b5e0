"""Exports of a store: JSONL, Parquet tables, GDELT GKG 2.1, Events 2.0 and Mentions rows, GraphML.

    from newsgraph.export import export
    from newsgraph.store import Store

    with Store.open("news.db", create=False) as store:
        export(store, "gkg", "news.gkg.csv")

Each format lives in its own module with a `write(articles, output) -> int` that
takes any iterable of `Article`s and returns the number of records written. The line
formats (`STREAMABLE`) also write to an open text stream such as `sys.stdout`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from newsgraph.model import Article
    from newsgraph.store import Store

#: Format name -> module in this package.
FORMATS = {
    "jsonl": "jsonl",
    "parquet": "parquet",
    "gkg": "gkg",
    "events": "gdelt_events",
    "mentions": "gdelt_mentions",
    "graphml": "graphml",
}
#: Formats written line by line, which can go to a stream (stdout) as well as to a file.
STREAMABLE = frozenset({"jsonl", "gkg", "events", "mentions"})
#: Articles read from the store per query.
READ_BATCH = 200


def iter_articles(store: Store, batch_size: int = READ_BATCH) -> Iterator[Article]:
    """Every stored article in id order, read `batch_size` at a time."""
    from sqlalchemy import select

    from newsgraph.model import Article
    from newsgraph.store import schema
    from newsgraph.store.keys import select_in_chunks

    table = schema.articles
    ids = list(store.iter_ids())  # listed first: no read stays open during the export
    query = select(table.c.id, table.c.analysed, table.c.ingested_at)
    for chunk, rows in select_in_chunks(store.engine, query, table.c.id, ids, batch_size):
        found = {row[0]: (row[1], row[2]) for row in rows}
        for article_id in chunk:
            if article_id in found:  # skip articles removed since listing
                analysed, ingested_at = found[article_id]
                article = Article.model_validate_json(analysed)
                article._added = ingested_at  # GDELT's DATEADDED stamps rows with it
                yield article


@contextmanager
def text_output(output: Path | TextIO) -> Iterator[TextIO]:
    """`output` itself when it is an open stream (left open), else the file opened for
    writing UTF-8 lines."""
    if not isinstance(output, Path):
        yield output
        return
    with output.open("w", encoding="utf-8", newline="\n") as handle:
        yield handle


def export(store: Store, format: str, output: str | Path | TextIO) -> int:
    """Write every stored article to `output` (a path, or for `STREAMABLE` formats an open
    text stream) in `format`; the number of records written."""
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r} (one of {', '.join(FORMATS)})")
    if not isinstance(output, str | Path) and format not in STREAMABLE:
        raise ValueError(f"{format} cannot be written to a stream (only "
                         f"{', '.join(sorted(STREAMABLE))} can)")
    module = import_module(f"newsgraph.export.{FORMATS[format]}")
    target = Path(output) if isinstance(output, str) else output
    if isinstance(target, Path) and format != "parquet":
        return _whole_file(module.write, iter_articles(store), target)
    return module.write(iter_articles(store), target)


def _whole_file(write: Callable[[Iterator[Article], Path], int], articles: Iterator[Article],
                path: Path) -> int:
    """`write` into a file beside `path`, renamed to `path` once complete: an export that
    fails (a full disk, a store error) never leaves a truncated file under that name, nor
    destroys an earlier export there."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        count = write(articles, partial)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count
