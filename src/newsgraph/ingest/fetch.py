"""Polite fetching of pages, feeds and sitemaps into a WARC that `ingest` reads later.

Politeness: robots.txt is read once per host and obeyed (for every redirect hop
too), requests to one host are spaced by `delay` seconds, every request has a
timeout and a size cap, 5xx/429 answers and network errors are retried with
exponential backoff, and the User-Agent names the tool. Feeds (RSS/Atom, via
feedparser) and sitemaps (including sitemap indexes) are expanded into the page
URLs they list. Every URL that cannot be fetched is a `Failure` with the reason.
"""

from __future__ import annotations

import io
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from newsgraph import __version__
from newsgraph.model import Failure

USER_AGENT = f"newsgraph/{__version__} (+https://github.com/newsgraph; polite news fetcher)"
_RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class FetchOptions:
    """How politely and how far to fetch."""

    user_agent: str = USER_AGENT
    delay: float = 1.0
    """Seconds between two requests to the same host."""
    timeout: float = 15.0
    max_bytes: int = 10_000_000
    retries: int = 2
    backoff: float = 1.0
    """First retry waits this long; each next one twice as long."""
    max_redirects: int = 5
    obey_robots: bool = True
    max_pages: int | None = None
    max_sitemap_depth: int = 3


@dataclass
class Response:
    url: str
    final_url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def content_type(self) -> str:
        for name, value in self.headers:
            if name.lower() == "content-type":
                return value.lower()
        return ""


class FetchError(RuntimeError):
    """A URL that could not be fetched; the message says why."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # redirects are followed by `Fetcher.get`, hop by hop


@dataclass
class Fetcher:
    """Fetches URLs politely; keeps robots.txt rules and request times per host."""

    options: FetchOptions = field(default_factory=FetchOptions)
    sleep: Callable[[float], None] = time.sleep
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._opener = urllib.request.build_opener(_NoRedirects)

    def _wait_for(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            remaining = self.options.delay - (time.monotonic() - last)
            if remaining > 0:
                self.sleep(remaining)
        self._last[host] = time.monotonic()

    def _request(self, url: str) -> Response:
        """One GET, no redirects followed; HTTP errors come back as responses."""
        host = urlsplit(url).netloc
        self._wait_for(host)
        request = urllib.request.Request(url, headers={"User-Agent": self.options.user_agent,
                                                       "Accept-Encoding": "identity"})
        try:
            handle = self._opener.open(request, timeout=self.options.timeout)
        except urllib.error.HTTPError as error:
            handle = error
        with handle:
            body = handle.read(self.options.max_bytes + 1)
            if len(body) > self.options.max_bytes:
                raise FetchError(f"response larger than {self.options.max_bytes:,} bytes")
            return Response(url, url, handle.status or handle.getcode(),
                            list(handle.headers.items()), body)

    def _with_retries(self, url: str) -> Response:
        wait = self.options.backoff
        for attempt in range(self.options.retries + 1):
            last_try = attempt == self.options.retries
            try:
                response = self._request(url)
            except FetchError:
                raise
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
                reason = getattr(error, "reason", error)
                if last_try:
                    raise FetchError(f"network error after {attempt + 1} tries: {reason}") \
                        from error
            else:
                if response.status not in _RETRY_STATUS or last_try:
                    return response
            self.sleep(wait)
            wait *= 2
        raise AssertionError("unreachable")

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets our User-Agent fetch it."""
        if not self.options.obey_robots:
            return True
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            rules: RobotFileParser | None = None
            try:
                response = self._with_retries(root + "/robots.txt")
                if response.status < 400:
                    rules = RobotFileParser()
                    rules.parse(response.body.decode("utf-8", "replace").splitlines())
            except FetchError:
                rules = None  # no robots.txt to be had: nothing is disallowed
            self._robots[root] = rules
        rules = self._robots[root]
        return rules is None or rules.can_fetch(self.options.user_agent, url)

    def get(self, url: str) -> Response:
        """GET with robots.txt, redirects (loops and long chains stop), retries and caps."""
        seen: list[str] = []
        current = url
        while True:
            if not self.allowed(current):
                raise FetchError(f"disallowed by robots.txt: {current}")
            response = self._with_retries(current)
            if response.status not in (301, 302, 303, 307, 308):
                break
            location = dict((k.lower(), v) for k, v in response.headers).get("location")
            if not location:
                raise FetchError(f"HTTP {response.status} without a Location header")
            seen.append(current)
            current = urljoin(current, location)
            if current in seen:
                raise FetchError(f"redirect loop: {' -> '.join([*seen, current])}")
            if len(seen) > self.options.max_redirects:
                raise FetchError(f"more than {self.options.max_redirects} redirects")
        if response.status >= 400:
            raise FetchError(f"HTTP {response.status}")
        response.url, response.final_url = url, current
        return response


# -- feeds and sitemaps ---------------------------------------------------------------

def _kind(response: Response) -> str:
    """"sitemap", "sitemapindex", "feed" or "page"."""
    head = response.body[:2048].lstrip().lower()
    if b"<sitemapindex" in head:
        return "sitemapindex"
    if b"<urlset" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head \
            or any(t in response.content_type for t in ("rss", "atom")):
        return "feed"
    return "page"


def _listing_errors() -> tuple[type[BaseException], ...]:
    """What lxml and feedparser raise on a malformed feed or sitemap."""
    from lxml.etree import LxmlError

    return (LxmlError, ValueError, TypeError, AttributeError, RecursionError)


def _sitemap_locs(body: bytes) -> list[str]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    root = etree.fromstring(body, parser=parser)
    if root is None:
        return []
    return [loc.text.strip() for loc in root.iter("{*}loc") if loc.text and loc.text.strip()]


def _feed_links(body: bytes, base: str) -> list[str]:
    import feedparser

    parsed = feedparser.parse(io.BytesIO(body))
    return [urljoin(base, entry.link) for entry in parsed.entries if entry.get("link")]


@dataclass
class Fetched:
    """A fetched article page."""

    response: Response


def crawl(urls: Iterable[str], fetcher: Fetcher) -> Iterator[Fetched | Failure]:
    """Pages behind `urls`, with feeds and sitemaps expanded; each URL fetched once."""
    queue: list[tuple[str, int]] = [(url, 0) for url in urls]
    done: set[str] = set()
    pages = 0
    limit = fetcher.options.max_pages
    while queue and (limit is None or pages < limit):
        url, depth = queue.pop(0)
        if url in done:
            continue
        done.add(url)
        try:
            response = fetcher.get(url)
        except FetchError as error:
            yield Failure(url, str(error))
            continue
        kind = _kind(response)
        if kind == "page":
            pages += 1
            yield Fetched(response)
            continue
        if depth >= fetcher.options.max_sitemap_depth:
            yield Failure(url, f"{kind} nested deeper than {depth} levels; not expanded")
            continue
        try:
            links = _feed_links(response.body, response.final_url) if kind == "feed" \
                else _sitemap_locs(response.body)
        except _listing_errors() as error:  # a broken feed or sitemap is one failure
            yield Failure(url, f"unreadable {kind}: {type(error).__name__}: {error}")
            continue
        if not links:
            yield Failure(url, f"{kind} lists no URLs")
        queue.extend((link, depth + 1) for link in links)


def write_warc(items: Iterable[Fetched | Failure], out: Path, user_agent: str = USER_AGENT
               ) -> Iterator[Fetched | Failure]:
    """Write each fetched page as a WARC request + response pair; yields every item on."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with out.open("wb") as handle:
        writer = WARCWriter(handle, gzip=out.name.endswith(".gz"))
        for item in items:
            if isinstance(item, Fetched):
                response = item.response
                reason = "OK"
                http = StatusAndHeaders(f"{response.status} {reason}", response.headers,
                                        protocol="HTTP/1.1")
                record = writer.create_warc_record(response.final_url, "response",
                                                   payload=io.BytesIO(response.body),
                                                   http_headers=http)
                request = writer.create_warc_record(
                    response.final_url, "request", payload=io.BytesIO(b""),
                    http_headers=StatusAndHeaders(
                        f"GET {urlsplit(response.final_url).path or '/'} HTTP/1.1",
                        [("User-Agent", user_agent),
                         ("Host", urlsplit(response.final_url).netloc)],
                        is_http_request=True))
                writer.write_request_response_pair(request, record)
            yield item
