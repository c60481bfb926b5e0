"""`fetch`: robots.txt, feeds, sitemap indexes, HTTP errors, loops and slow servers, into a
WARC; the address guard (private addresses refused unless allowed, redirects too) and
HTTPS with verified certificates, all against local servers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.ingest import guard
from newsgraph.ingest.fetch import CrawlOptions, Fetched, crawl, get_with_retries, write_warc
from newsgraph.ingest.http import Fetcher, FetchLimits, FetchProblem
from newsgraph.ingest.read import read_sources
from newsgraph.model import Failure, Source
from tests.test_html import news_page
from tests.watch_site import Answer, NewsSite, serve_site

PAGE = news_page().encode()
#: A page whose charset only the HTTP header gives: ISO-8859-2 bytes that read as cp1250
#: (the likelier guess) garble the names.
CENTRAL_EUROPEAN = news_page(extra_body=(
    "<p>The engineer Małgorzata Wąsowska-Ślęzak, who built a similar line in "
    "Świętochłowice, said the new stations would be ready within two years.</p>")).replace(
    '<meta charset="utf-8">', "")


def _routes(base: str) -> dict[str, Answer]:
    html = {"Content-Type": "text/html; charset=utf-8"}
    return {
        "/robots.txt": Answer(body=b"User-agent: *\nDisallow: /private/\n"),
        "/a": Answer(body=PAGE.replace(b"tram line", b"tram line A"), headers=html),
        "/c": Answer(body=PAGE.replace(b"tram line", b"tram line C"), headers=html),
        "/private/b": Answer(body=PAGE, headers=html),
        "/feed.xml": Answer(headers={"Content-Type": "application/rss+xml"}, body=f"""\
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Example</title>
<item><title>A</title><link>{base}/a</link></item>
<item><title>B</title><link>{base}/private/b</link></item>
</channel></rss>""".encode()),
        "/sitemap_index.xml": Answer(body=f"""<?xml version="1.0"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap1.xml</loc></sitemap></sitemapindex>""".encode()),
        "/sitemap1.xml": Answer(body=f"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/c</loc></url><url><loc>{base}/missing</loc></url></urlset>""".encode()),
        "/error": Answer(500, b"boom"),
        "/busy": Answer(503, b"later", headers={"Retry-After": "0"}),
        "/loop1": Answer(302, headers={"Location": "/loop2"}),
        "/loop2": Answer(302, headers={"Location": "/loop1"}),
        "/moved": Answer(301, headers={"Location": "/c"}),
        "/slow": Answer(body=b"late", sleep=1.0),
        "/bomb": Answer(body=b"\0" * 40_000_000, gzip=True),
        "/to-loopback": Answer(302, headers={"Location": "http://127.0.0.2:9/a"}),
        "/to-metadata": Answer(302, headers={
            "Location": "http://169.254.169.254/latest/meta-data/"}),
        "/to-intranet": Answer(302, headers={"Location": "http://10.1.2.3/admin"}),
        "/latin2": Answer(body=CENTRAL_EUROPEAN.encode("iso-8859-2", "xmlcharrefreplace"),
                          headers={"Content-Type": "text/html; charset=ISO-8859-2"}),
    }


@pytest.fixture(scope="module")
def site() -> Iterator[NewsSite]:
    news = NewsSite()
    with serve_site(news):
        news.routes.update(_routes(news.base))
        yield news


def fetcher(**limits: object) -> Fetcher:
    return Fetcher(FetchLimits(**{"delay": 0.0, "timeout": 0.5, **limits}))  # type: ignore[arg-type]


#: The tests' server is on 127.0.0.1: the opt-out that a user of an intranet would give.
LOCAL = CrawlOptions(retries=1, backoff=0.01, allow_private=True)


def test_feed_and_robots(site: NewsSite) -> None:
    site.hits.clear()
    items = list(crawl([f"{site.base}/feed.xml"], fetcher(), LOCAL))
    pages = [i for i in items if isinstance(i, Fetched)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [p.response.final_url for p in pages] == [f"{site.base}/a"]
    assert len(failures) == 1 and "robots.txt" in failures[0].reason
    assert not site.hits_of("/private/b")


def test_sitemap_index(site: NewsSite) -> None:
    items = list(crawl([f"{site.base}/sitemap_index.xml"], fetcher(), LOCAL))
    assert [i.response.final_url for i in items if isinstance(i, Fetched)] == [f"{site.base}/c"]
    assert [i.reason for i in items if isinstance(i, Failure)] == ["HTTP 404"]


@pytest.mark.parametrize("path, reason", [
    ("/missing", "HTTP 404"),
    ("/error", r"HTTP 500 \(after 2 tries\)"),
    ("/loop1", "redirect loop"),
    ("/slow", r"network error.*\(after 2 tries\)"),
])
def test_bad_urls(site: NewsSite, path: str, reason: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchProblem, match=reason):
        get_with_retries(fetcher(), site.base + path, LOCAL)
    assert time.monotonic() - started < 5


def test_transient_answers_are_retried_then_given_up(site: NewsSite) -> None:
    before = len(site.hits_of("/busy"))
    waits: list[float] = []
    with pytest.raises(FetchProblem, match="HTTP 503"):
        get_with_retries(fetcher(), f"{site.base}/busy",
                         CrawlOptions(retries=2, backoff=5.0, allow_private=True), waits.append)
    assert len(site.hits_of("/busy")) - before == 3
    assert waits == [0.0, 0.0]  # the server's Retry-After, not the backoff


def test_redirect_followed(site: NewsSite) -> None:
    reply = get_with_retries(fetcher(), f"{site.base}/moved", LOCAL)
    assert reply.final_url == f"{site.base}/c" and reply.status == 200
    assert reply.content_type == "text/html" and reply.charset == "utf-8"


def test_size_cap_and_decompression_bomb(site: NewsSite) -> None:
    import tracemalloc

    with pytest.raises(FetchProblem, match="larger than"):
        fetcher(max_bytes=100).get(f"{site.base}/a", allow_private=True)
    tracemalloc.start()
    try:
        with pytest.raises(FetchProblem, match="larger than 1,000,000 bytes"):
            fetcher(max_bytes=1_000_000, timeout=5.0).get(f"{site.base}/bomb",
                                                          allow_private=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16_000_000  # 40 MB of zeros behind ~40 KB of gzip never held at once


def test_per_host_delay(site: NewsSite) -> None:
    polite = fetcher(delay=0.3)
    polite.get(f"{site.base}/a", allow_private=True)
    before = len(site.hits)
    polite.get(f"{site.base}/c", allow_private=True)
    polite.get(f"{site.base}/a", allow_private=True)
    times = [hit.at for hit in site.hits[before:]]
    assert len(times) == 2 and times[1] - times[0] >= 0.29


def test_fetch_to_warc_then_read(site: NewsSite, tmp_path: Path) -> None:
    out = tmp_path / "crawl.warc.gz"
    items = list(write_warc(crawl([f"{site.base}/a", f"{site.base}/error",
                                   f"{site.base}/feed.xml"], fetcher(), LOCAL), out))
    assert sum(isinstance(i, Fetched) for i in items) == 1  # /a once, though the feed lists it
    sources = [s for s in read_sources([out]) if isinstance(s, Source)]
    assert [s.url for s in sources] == [f"{site.base}/a"]
    assert "tram line A" in sources[0].text


def test_fetch_command(site: NewsSite, tmp_path: Path) -> None:
    out = tmp_path / "c.warc.gz"
    result = CliRunner().invoke(app, ["fetch", f"{site.base}/c", f"{site.base}/private/b",
                                      "--out", str(out), "--delay", "0", "--timeout", "1",
                                      "--allow-private"])
    assert result.exit_code == 0, result.output
    assert "1 page(s) written" in result.output and "robots.txt" in result.output
    assert out.stat().st_size > 0


def test_the_charset_of_the_http_answer_is_used(site: NewsSite, tmp_path: Path) -> None:
    from newsgraph.watch.pages import page_source

    reply = get_with_retries(fetcher(), f"{site.base}/latin2", LOCAL)
    assert reply.charset == "iso-8859-2"
    watched = page_source(reply.url, reply)
    assert isinstance(watched, Source) and "Wąsowska-Ślęzak" in watched.text
    out = tmp_path / "latin2.warc.gz"
    list(write_warc([Fetched(reply)], out))
    (stored,) = [s for s in read_sources([out]) if isinstance(s, Source)]
    assert stored.text == watched.text and "Świętochłowice" in stored.text


# -- the address guard ------------------------------------------------------------------

def test_loopback_is_refused_by_default(site: NewsSite, tmp_path: Path) -> None:
    site.hits.clear()
    items = list(crawl([f"{site.base}/a"], fetcher(), CrawlOptions(retries=0)))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert "127.0.0.1 (loopback address); refused" in items[0].reason
    out = tmp_path / "refused.warc.gz"
    result = CliRunner().invoke(app, ["fetch", f"{site.base}/a", "--out", str(out),
                                      "--delay", "0", "--timeout", "1"])
    assert result.exit_code == 1 and "loopback address" in result.output
    assert not site.hits  # not even robots.txt was asked for


@pytest.fixture
def loopback_counts_as_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests' server stands in for a public site: 127.0.0.1 alone passes the guard,
    every other address is judged as usual."""
    judged = guard.address_problem
    monkeypatch.setattr(guard, "address_problem",
                        lambda address: None if address == "127.0.0.1" else judged(address))


@pytest.mark.parametrize("path, problem", [
    ("/to-loopback", "127.0.0.2 (loopback address)"),
    ("/to-metadata", "169.254.169.254 (private address)"),
    ("/to-intranet", "10.1.2.3 (private address)"),
])
def test_a_redirect_to_a_private_address_is_refused(site: NewsSite, loopback_counts_as_public,
                                                    path: str, problem: str) -> None:
    items = list(crawl([site.base + path], fetcher(), CrawlOptions(retries=0)))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert problem in items[0].reason and "refused" in items[0].reason
    assert isinstance(crawl([f"{site.base}/c"], fetcher(), CrawlOptions(retries=0))
                      .__next__(), Fetched)  # the public page itself is fetched


def test_a_name_with_one_private_address_among_public_ones_is_refused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS answers are checked all together where the socket is made: one private address
    among public ones refuses the host (a rebinding name cannot slip one in)."""
    import socket

    answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 80)),
               (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.168.1.10", 80))]
    monkeypatch.setattr(guard.socket, "getaddrinfo", lambda *args, **kwargs: answers)
    with pytest.raises(FetchProblem, match=r"192\.168\.1\.10 \(private address\)"):
        fetcher().get("http://news.invalid/a")


# -- HTTPS --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def authority():
    trustme = pytest.importorskip("trustme")
    return trustme.CA()


@pytest.fixture(scope="module")
def tls_site(authority) -> Iterator[NewsSite]:
    import ssl

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("localhost").configure_cert(context)
    news = NewsSite()
    with serve_site(news, tls=context, host="localhost"):
        news.routes["/a"] = Answer(body=PAGE, headers={"Content-Type": "text/html"})
        yield news


def test_https_with_a_trusted_authority(tls_site: NewsSite, authority, tmp_path: Path) -> None:
    pem = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(pem))
    reply = fetcher(ca_certs=str(pem)).get(f"{tls_site.base}/a", allow_private=True)
    assert reply.status == 200 and reply.body == PAGE
    out = tmp_path / "tls.warc.gz"
    result = CliRunner().invoke(app, ["fetch", f"{tls_site.base}/a", "--out", str(out),
                                      "--delay", "0", "--allow-private", "--ca-certs", str(pem)])
    assert result.exit_code == 0 and "1 page(s) written" in result.output, result.output


def test_https_with_an_unknown_certificate_fails_clearly(tls_site: NewsSite) -> None:
    started = time.monotonic()
    with pytest.raises(FetchProblem, match="TLS certificate of localhost not trusted") as bad:
        fetcher().get(f"{tls_site.base}/a", allow_private=True)
    assert not bad.value.transient and "issuer" in str(bad.value)
    assert time.monotonic() - started < 5
    items = list(crawl([f"{tls_site.base}/a"], fetcher(), LOCAL))
    assert isinstance(items[0], Failure) and "not trusted" in items[0].reason
    assert "tries" not in items[0].reason  # not worth trying again


def test_https_for_another_name_fails(tls_site: NewsSite, authority, tmp_path: Path) -> None:
    pem = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(pem))
    with pytest.raises(FetchProblem, match=r"not trusted.*(mismatch|match)"):
        fetcher(ca_certs=str(pem)).get(f"https://127.0.0.1:{tls_site.port}/a",
                                       allow_private=True)


def test_an_empty_sitemap_body_is_an_unreadable_listing_error() -> None:
    """The error a malformed sitemap raises is one the crawl catches (no bare Exception)."""
    from newsgraph.watch.discover import read_listing
    from newsgraph.watch.sources import SourceKind

    with pytest.raises(ValueError, match="unreadable sitemap"):
        read_listing(b"", "", "https://news.example/sitemap.xml", SourceKind.SITEMAP)
