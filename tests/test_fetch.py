"""`fetch`: robots.txt, feeds, sitemap indexes, HTTP errors, loops and slow servers, into a WARC."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.ingest.fetch import Fetched, Fetcher, FetchError, FetchOptions, crawl, write_warc
from newsgraph.ingest.read import read_sources
from newsgraph.model import Failure, Source
from tests.test_html import news_page

ROUTES: dict[str, tuple[int, str, bytes]] = {}
HITS: list[str] = []


def _setup_routes(base: str) -> None:
    page = news_page().encode()
    ROUTES.clear()
    ROUTES.update({
        "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
        "/a": (200, "text/html; charset=utf-8", page.replace(b"tram line", b"tram line A")),
        "/c": (200, "text/html", page.replace(b"tram line", b"tram line C")),
        "/private/b": (200, "text/html", page),
        "/feed.xml": (200, "application/rss+xml", f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Example</title>
<item><title>A</title><link>{base}/a</link></item>
<item><title>B</title><link>{base}/private/b</link></item>
</channel></rss>""".encode()),
        "/sitemap_index.xml": (200, "application/xml", f"""<?xml version="1.0"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap1.xml</loc></sitemap></sitemapindex>""".encode()),
        "/sitemap1.xml": (200, "application/xml", f"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/c</loc></url><url><loc>{base}/missing</loc></url></urlset>""".encode()),
        "/error": (500, "text/plain", b"boom"),
        "/loop1": (302, "/loop2", b""),
        "/loop2": (302, "/loop1", b""),
        "/moved": (301, "/c", b""),
    })


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        HITS.append(self.path)
        if self.path == "/slow":
            time.sleep(1.0)
        status, kind, body = ROUTES.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        if 300 <= status < 400:
            self.send_header("Location", kind)
        else:
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    _setup_routes(base)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def fetcher(**changes: object) -> Fetcher:
    options = dict(delay=0.0, timeout=0.3, retries=1, backoff=0.01)
    options.update(changes)
    return Fetcher(FetchOptions(**options))  # type: ignore[arg-type]


def test_feed_and_robots(server: str) -> None:
    HITS.clear()
    items = list(crawl([f"{server}/feed.xml"], fetcher()))
    pages = [i for i in items if isinstance(i, Fetched)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [p.response.final_url for p in pages] == [f"{server}/a"]
    assert len(failures) == 1 and "robots.txt" in failures[0].reason
    assert "/private/b" not in HITS


def test_sitemap_index(server: str) -> None:
    items = list(crawl([f"{server}/sitemap_index.xml"], fetcher()))
    assert [i.response.final_url for i in items if isinstance(i, Fetched)] == [f"{server}/c"]
    assert [i.reason for i in items if isinstance(i, Failure)] == ["HTTP 404"]


@pytest.mark.parametrize("path, reason", [
    ("/missing", "HTTP 404"),
    ("/error", "HTTP 500"),
    ("/loop1", "redirect loop"),
    ("/slow", "network error"),
])
def test_bad_urls(server: str, path: str, reason: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match=reason):
        fetcher().get(server + path)
    assert time.monotonic() - started < 3


def test_redirect_followed(server: str) -> None:
    response = fetcher().get(f"{server}/moved")
    assert response.final_url == f"{server}/c" and response.status == 200


def test_size_cap(server: str) -> None:
    with pytest.raises(FetchError, match="larger than"):
        fetcher(max_bytes=100).get(f"{server}/a")


def test_per_host_delay(server: str) -> None:
    waits: list[float] = []
    polite = Fetcher(FetchOptions(delay=5.0, timeout=1), sleep=waits.append)
    polite.get(f"{server}/a")
    polite.get(f"{server}/c")
    assert waits and all(0 < w <= 5.0 for w in waits)


def test_fetch_to_warc_then_read(server: str, tmp_path: Path) -> None:
    out = tmp_path / "crawl.warc.gz"
    items = list(write_warc(crawl([f"{server}/a", f"{server}/error", f"{server}/feed.xml"],
                                  fetcher()), out))
    assert sum(isinstance(i, Fetched) for i in items) == 1  # /a once, though the feed lists it
    sources = [s for s in read_sources([out]) if isinstance(s, Source)]
    assert [s.url for s in sources] == [f"{server}/a"]
    assert "tram line A" in sources[0].text


def test_fetch_command(server: str, tmp_path: Path) -> None:
    out = tmp_path / "c.warc.gz"
    result = CliRunner().invoke(app, ["fetch", f"{server}/c", f"{server}/private/b",
                                      "--out", str(out), "--delay", "0", "--timeout", "1"])
    assert result.exit_code == 0, result.output
    assert "1 page(s) written" in result.output and "robots.txt" in result.output
    assert out.stat().st_size > 0


def test_an_empty_sitemap_body_is_an_unreadable_listing_error() -> None:
    """The error a malformed sitemap raises is one the crawl catches (no bare Exception)."""
    from newsgraph.ingest.fetch import _listing_errors, _sitemap_locs

    with pytest.raises(_listing_errors()):
        _sitemap_locs(b"")
