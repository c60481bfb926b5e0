"""Reading a `newsgraph spark analyze` output folder back as `Article`s (for `ingest`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.model import Article

MARKER = "_newsgraph_parquet"


def is_parquet_output(path: str | Path) -> bool:
    """True for a folder written by `newsgraph spark analyze` (marker file or articles table)."""
    path = Path(path)
    if not path.is_dir():
        return False
    articles = path / "articles"
    return (path / MARKER).is_file() or (articles.is_dir() and any(articles.glob("*.parquet")))


def read_parquet_output(folder: str | Path, batch_rows: int = 256) -> Iterator[Article]:
    """Every article of the output, rebuilt exactly from the `articles` table's JSON column.

    Part files are read in name order and streamed in batches, so memory stays bounded.
    """
    import pyarrow.parquet as pq

    from newsgraph.model import Article

    table_dir = Path(folder) / "articles"
    parts = sorted(p for p in table_dir.rglob("*.parquet") if not p.name.startswith((".", "_")))
    for part in parts:
        with pq.ParquetFile(part) as handle:
            for batch in handle.iter_batches(batch_size=batch_rows, columns=["json"]):
                for text in batch.column(0).to_pylist():
                    yield Article.model_validate_json(text)
