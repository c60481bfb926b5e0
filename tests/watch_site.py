"""A small news site on 127.0.0.1 for the `watch` tests: feeds, sitemaps and a home page
that change between polls, ETags and 304s, 429 with Retry-After, 500s, slow and oversized
answers, redirects, gzip and a robots.txt that forbids a path."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOPICS = ["tram line", "harbour bridge", "library", "water plant", "bus depot", "stadium",
          "school", "hospital wing", "bike lanes", "ferry route", "market hall", "museum"]


def article_page(number: int, title: str | None = None) -> bytes:
    """A news page whose text differs from every other number's."""
    topic = TOPICS[number % len(TOPICS)]
    title = title or f"Council approves the {topic} plan, number {number}"
    body = (
        f"<p>The city council voted on Tuesday to approve plan {number} for the {topic}, "
        "ending a debate that had lasted for several years in the northern districts.</p>"
        f"<p>Mayor Anna Keller said the {topic} would serve about {number + 4},000 residents "
        "and that the work should start next spring, weather permitting.</p>"
        "<p>Opponents argued that the money could have gone to schools instead, and said "
        f"they would ask the regional court to review decision {number}.</p>")
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Daily Example</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2024-05-10T08:30:00+02:00">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<main><article><h1>{title}</h1>{body}</article></main></body></html>""".encode()


def rss(base: str, paths: list[str]) -> bytes:
    items = "".join(f"<item><title>{path}</title><link>{base}{path}</link></item>"
                    for path in paths)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example</title>'
            f"{items}</channel></rss>").encode()


def sitemap(base: str, paths: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{base}{path}</loc></url>" for path in paths)
    return ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
            f'sitemap/0.9">{urls}</urlset>').encode()


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = False
    """Answer with an ETag and honour If-None-Match."""
    gzip: bool = False
    sleep: float = 0.0


Route = Answer | Callable[[], Answer]


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    at: float


class NewsSite:
    """Routes (path -> Answer or a function giving one) and the requests received."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.base = ""
        self.port = 0

    def hits_of(self, path: str) -> list[Hit]:
        return [hit for hit in self.hits if hit.path == path]

    def answer(self, path: str) -> Answer:
        route = self.routes.get(path)
        if route is None:
            return Answer(404, b"not found", {"Content-Type": "text/plain"})
        return route() if callable(route) else route


def _handler(site: NewsSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            site.hits.append(Hit(self.path, dict(self.headers.items()), time.monotonic()))
            answer = site.answer(self.path)
            if answer.sleep:
                time.sleep(answer.sleep)
            body = answer.body
            headers = dict(answer.headers)
            if answer.etag:
                tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                headers["ETag"] = tag
                if self.headers.get("If-None-Match") == tag:
                    self._send(304, headers, b"")
                    return
            if answer.gzip and "gzip" in (self.headers.get("Accept-Encoding") or ""):
                body = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            self._send(answer.status, headers, body)

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up mid-answer (a size cap, a time-out) is not an error here."""

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_site(site: NewsSite, tls: ssl.SSLContext | None = None,
               host: str = "127.0.0.1") -> Iterator[NewsSite]:
    """Serve `site` on 127.0.0.1 (a free port) while the block runs; over HTTPS with the
    server context `tls` (then `site.base` names `host`, which the certificate is for)."""
    httpd = _QuietServer(("127.0.0.1", 0), _handler(site))
    httpd.daemon_threads = True
    site.port = httpd.server_address[1]
    site.base = f"http://127.0.0.1:{site.port}"
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
        site.base = f"https://{host}:{site.port}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        httpd.shutdown()
        httpd.server_close()
