"""newsgraph: raw news into a source-linked record of who said what, who did what to whom,
where and when.

    >>> import newsgraph
    >>> article = newsgraph.analyze("...", published="2024-05-10")
    >>> article.entities, article.dates, article.amounts
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from newsgraph.version import __version__

__all__ = ["Settings", "__version__", "analyze", "analyze_many"]

from newsgraph.settings import Settings

if TYPE_CHECKING:
    from newsgraph.ingest.sources import Failure
    from newsgraph.model import Article


class AnalysisError(ValueError):
    """The article could not be analysed; the message says why."""


def analyze(
    text: str,
    published: str | date | None = None,
    *,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    settings: Settings | None = None,
) -> Article:
    """Analyse one article's text; raise `AnalysisError` when it cannot be analysed."""
    from newsgraph.ingest.sources import Failure, Source

    source = Source(
        text=text,
        origin="<text>",
        id=id,
        published=published.isoformat() if isinstance(published, date) else published,
        title=title,
        url=url,
    )
    (result,) = analyze_many([source], settings=settings)
    if isinstance(result, Failure):
        raise AnalysisError(result.reason)
    return result


def analyze_many(
    items: Iterable[object], settings: Settings | None = None
) -> Iterator[Article | Failure]:
    """Analyse many articles, in order: each item is a text, a dict like a JSONL record,
    or a `newsgraph.ingest.sources.Source`. Yields an `Article` or a `Failure` per item."""
    from newsgraph.ingest.sources import Source, source_from_record
    from newsgraph.pipeline import analyze_sources

    def sources() -> Iterator[object]:
        for number, item in enumerate(items, start=1):
            if isinstance(item, str):
                yield Source(text=item, origin=f"<item {number}>")
            elif isinstance(item, dict):
                yield source_from_record(item, f"<item {number}>")
            else:
                yield item

    return analyze_sources(sources(), settings)  # type: ignore[arg-type]
