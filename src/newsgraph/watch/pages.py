"""Article pages of one cycle: fetch the claimed URLs (one host at a time per worker),
read each page into a `Source`, analyse, store, and record what became of every URL."""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsgraph.ingest.http import Fetcher, FetchProblem, Reply
from newsgraph.watch.state import Outcome

if TYPE_CHECKING:
    from newsgraph.model import Article, Failure, Source
    from newsgraph.pipeline import Analyzer
    from newsgraph.store import Store
    from newsgraph.watch.sources import WatchSource
    from newsgraph.watch.warcs import RollingWarc

LOGGER = logging.getLogger("newsgraph.watch")
#: Pages analysed (and stored) per batch.
ANALYSE_BATCH = 16


@dataclass
class PageRun:
    """What the article phase of one cycle did."""

    stored: dict[str, int] = field(default_factory=dict)
    """New articles per source URL."""
    duplicates: int = 0
    """Pages whose article was stored already (the same text under another URL)."""
    failed: list[Outcome] = field(default_factory=list)
    unfetched: list[str] = field(default_factory=list)
    """Claimed URLs left for later because a stop came first."""
    versions: list[tuple[str, str, str]] = field(default_factory=list)
    """(url, new article, previous article) of pages whose text changed."""


def fetch_pages(fetcher: Fetcher, urls: list[str], allow_private: Callable[[str], bool],
                stop: threading.Event, workers: int, warc: RollingWarc | None
                ) -> tuple[list[tuple[str, Reply | FetchProblem]], list[str]]:
    """Fetch `urls`, one worker per host at a time (at most `workers` hosts at once);
    returns the answers and the URLs not fetched because `stop` was set."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[urlsplit(url).netloc.lower()].append(url)

    def one_host(host_urls: list[str]) -> tuple[list, list[str]]:
        answers: list[tuple[str, Reply | FetchProblem]] = []
        for index, url in enumerate(host_urls):
            if stop.is_set():
                return answers, host_urls[index:]
            try:
                reply = fetcher.get(url, allow_private=allow_private)
                if warc is not None:
                    warc.append(reply)
                answers.append((url, reply))
            except FetchProblem as problem:
                answers.append((url, problem))
        return answers, []

    fetched: list[tuple[str, Reply | FetchProblem]] = []
    left: list[str] = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for answers, rest in pool.map(one_host, by_host.values()):
            fetched += answers
            left += rest
    return fetched, left


def page_source(url: str, answer: Reply | FetchProblem) -> Source | Outcome:
    """The page as a `Source`, or the outcome that says why not."""
    from newsgraph.ingest.html import source_from_html
    from newsgraph.model import Failure

    if isinstance(answer, FetchProblem):
        return Outcome(url, "failed" if answer.transient else "skipped", reason=str(answer))
    kind = (answer.header("content-type") or "").lower()
    if kind and "html" not in kind:
        return Outcome(url, "skipped", reason=f"not an HTML page: {kind.split(';')[0]}")
    source = source_from_html(answer.body, url, url=answer.final_url, charset=answer.charset)
    if isinstance(source, Failure):
        return Outcome(url, "skipped", reason=source.reason)
    return source


def store_pages(store: Store, analyzer: Analyzer, fetched: list[tuple[str, Reply | FetchProblem]],
                source_of: dict[str, str], run: PageRun,
                watched: dict[str, WatchSource] | None = None) -> list[Outcome]:
    """Analyse and store the fetched pages; the outcome of each URL. A page gets the
    language hint and tags of the source (in `watched`, by URL) that listed it."""
    from newsgraph.batches import batched
    from newsgraph.model import Source

    outcomes: list[Outcome] = []
    pages: list[tuple[str, Source]] = []
    for url, answer in fetched:
        item = page_source(url, answer)
        if isinstance(item, Source):
            listed_by = (watched or {}).get(source_of.get(url, ""))
            if listed_by is not None:
                item.language, item.tags = listed_by.language, list(listed_by.tags)
            pages.append((url, item))
        else:
            outcomes.append(item)
            run.failed.append(item)
            LOGGER.info("page url=%s status=%s reason=%r", url, item.status, item.reason)
    for batch in batched(pages, ANALYSE_BATCH):
        results = analyzer.analyze_batch([source for _, source in batch])
        outcomes += _store_batch(store, list(zip([u for u, _ in batch], results, strict=True)),
                                 source_of, run)
    return outcomes


def _store_batch(store: Store, results: list[tuple[str, Article | Failure]],
                 source_of: dict[str, str], run: PageRun) -> list[Outcome]:
    from newsgraph.model import Article

    outcomes: list[Outcome] = []
    articles = [(url, item) for url, item in results if isinstance(item, Article)]
    written = store.add_many([article for _, article in articles]) if articles else []
    for (url, article), new in zip(articles, written, strict=True):
        outcomes.append(Outcome(url, "stored", article.id))
        if new:
            source = source_of[url]
            run.stored[source] = run.stored.get(source, 0) + 1
        else:
            run.duplicates += 1
        LOGGER.info("page url=%s status=stored article=%s new=%s", url, article.id, new)
    for url, item in results:
        if not isinstance(item, Article):
            outcome = Outcome(url, "skipped", reason=item.reason)
            outcomes.append(outcome)
            run.failed.append(outcome)
    return outcomes
