"""`newsgraph fetch`: pages, feeds and sitemaps into a WARC that `ingest` reads later.

The fetching itself is `ingest.http.Fetcher`, the one `watch` uses too: robots.txt (for
every redirect hop), requests to one host spaced by `delay` seconds, time and size caps
(counted after decompression), verified certificates, and no private or loopback
addresses unless `allow_private`. On top of it this module retries what may pass later
(5xx, 429, network errors) with exponential backoff or the server's Retry-After, expands
feeds and sitemaps (indexes too) into the page URLs they list, read as `watch` reads them,
and turns every URL that cannot be fetched into a `Failure` with the reason.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from newsgraph.ingest.http import USER_AGENT, Fetcher, FetchLimits, FetchProblem, Reply
from newsgraph.model import Failure
from newsgraph.watch.discover import listing_kind, read_listing
from newsgraph.watch.sources import SourceKind

__all__ = [
    "USER_AGENT",
    "CrawlOptions",
    "FetchProblem",
    "Fetched",
    "crawl",
    "get_with_retries",
    "write_exchange",
    "write_warc",
]

#: Retry-After values longer than this are not waited for (the URL fails instead).
MAX_RETRY_AFTER = 60.0
#: Headers describing the transfer, not the (decompressed) body kept in a WARC record.
_TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


@dataclass(frozen=True)
class CrawlOptions:
    """How far `crawl` goes and how it retries; `limits` is what one request may do."""

    limits: FetchLimits = field(default_factory=FetchLimits)
    retries: int = 2
    """Tries again after a transient problem (5xx, 429, network error), this many times."""
    backoff: float = 1.0
    """First retry waits this long; each next one twice as long."""
    max_pages: int | None = None
    max_sitemap_depth: int = 3
    allow_private: bool = False
    """Fetch from private, loopback and link-local addresses too (an intranet's own sites)."""


def get_with_retries(fetcher: Fetcher, url: str, options: CrawlOptions,
                     sleep: Callable[[float], None] = time.sleep) -> Reply:
    """`fetcher.get(url)`, tried again after a transient problem (waiting the server's
    Retry-After when it gave one, else an exponential backoff); the last problem raised."""
    wait = options.backoff
    for attempt in range(options.retries + 1):
        try:
            return fetcher.get(url, allow_private=options.allow_private)
        except FetchProblem as problem:
            pause = problem.retry_after if problem.retry_after is not None else wait
            if not problem.transient or attempt == options.retries or pause > MAX_RETRY_AFTER:
                if attempt and problem.transient:
                    raise FetchProblem(f"{problem} (after {attempt + 1} tries)", True,
                                       problem.retry_after, problem.reply) from problem
                raise
        sleep(pause)
        wait *= 2
    raise AssertionError("unreachable")


@dataclass
class Fetched:
    """A fetched article page."""

    response: Reply


def crawl(urls: Iterable[str], fetcher: Fetcher, options: CrawlOptions | None = None,
          sleep: Callable[[float], None] = time.sleep) -> Iterator[Fetched | Failure]:
    """Pages behind `urls`, with feeds and sitemaps expanded; each URL fetched once."""
    options = options or CrawlOptions(limits=fetcher.limits)
    queue: list[tuple[str, int]] = [(url, 0) for url in urls]
    done: set[str] = set()
    pages = 0
    while queue and (options.max_pages is None or pages < options.max_pages):
        url, depth = queue.pop(0)
        if url in done:
            continue
        done.add(url)
        try:
            response = get_with_retries(fetcher, url, options, sleep)
        except FetchProblem as problem:
            yield Failure(url, str(problem))
            continue
        kind = listing_kind(response.body, response.content_type)
        if kind is SourceKind.HOME:
            pages += 1
            yield Fetched(response)
            continue
        if depth >= options.max_sitemap_depth:
            yield Failure(url, f"{kind} nested deeper than {depth} levels; not expanded")
            continue
        try:
            listing = read_listing(response.body, response.content_type, response.final_url,
                                   kind, limit=None)
        except ValueError as error:  # a broken feed or sitemap is one failure
            yield Failure(url, str(error))
            continue
        links = listing.links + listing.sitemaps
        if not links:
            yield Failure(url, f"{kind} lists no URLs")
        queue.extend((link, depth + 1) for link in links)


def write_exchange(handle: BinaryIO, reply: Reply, user_agent: str, gzip: bool = True) -> None:
    """Append `reply` and the request that got it to a WARC as one request/response pair.
    The body is kept decompressed, so the transfer headers go (Content-Length is set anew)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    headers = [(k, v) for k, v in reply.headers if k.lower() not in _TRANSFER_HEADERS]
    headers.append(("Content-Length", str(len(reply.body))))
    parts = urlsplit(reply.final_url)
    writer = WARCWriter(handle, gzip=gzip)
    response = writer.create_warc_record(
        reply.final_url, "response", payload=io.BytesIO(reply.body),
        http_headers=StatusAndHeaders(f"{reply.status} -", headers, protocol="HTTP/1.1"))
    request = writer.create_warc_record(
        reply.final_url, "request", payload=io.BytesIO(b""),
        http_headers=StatusAndHeaders(
            f"GET {parts.path or '/'}{'?' + parts.query if parts.query else ''} HTTP/1.1",
            [("User-Agent", user_agent), ("Host", parts.netloc)], is_http_request=True))
    writer.write_request_response_pair(request, response)


def write_warc(items: Iterable[Fetched | Failure], out: Path, user_agent: str = USER_AGENT
               ) -> Iterator[Fetched | Failure]:
    """Write each fetched page as a WARC request + response pair; yields every item on."""
    with out.open("wb") as handle:
        for item in items:
            if isinstance(item, Fetched):
                write_exchange(handle, item.response, user_agent, gzip=out.name.endswith(".gz"))
            yield item
