"""The watch fetcher and its parts: robots.txt, size and time caps, redirects, gzip, the
per-host delay, Retry-After, the private-address guard, link discovery, sources files."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.ingest.guard import AddressRefused, address_problem, resolve_checked
from newsgraph.ingest.http import Fetcher, FetchLimits, FetchProblem, parse_retry_after
from newsgraph.watch.cycle import WatchOptions, backoff_delay
from newsgraph.watch.discover import looks_like_article, read_listing
from newsgraph.watch.sources import (
    SourceError,
    SourceKind,
    load_sources_file,
    merge_sources,
    parse_duration,
)
from tests.watch_site import Answer, NewsSite, article_page, serve_site


@pytest.fixture(scope="module")
def site() -> Iterator[NewsSite]:
    news = NewsSite()
    with serve_site(news):
        news.routes.update({
            "/robots.txt": Answer(body=b"User-agent: *\nDisallow: /private/\n"),
            "/a1": Answer(body=article_page(1), gzip=True),
            "/private/x": Answer(body=b"secret"),
            "/slow": Answer(body=b"late", sleep=1.5),
            "/big": Answer(body=b"x" * 300_000),
            "/bomb": Answer(body=b"\0" * 3_000_000, gzip=True),
            "/moved": Answer(301, headers={"Location": "/a1"}),
            "/loop": Answer(302, headers={"Location": "/loop2"}),
            "/loop2": Answer(302, headers={"Location": "/loop"}),
            "/busy": Answer(503, headers={"Retry-After": "42"}),
            "/gone": Answer(404),
        })
        yield news


def fetcher(**limits: object) -> Fetcher:
    return Fetcher(FetchLimits(**{"delay": 0.0, "timeout": 1.0, "max_bytes": 200_000,
                                  **limits}))  # type: ignore[arg-type]


def test_gzip_redirects_and_robots(site):
    get = fetcher().get
    reply = get(f"{site.base}/moved", allow_private=True)
    assert reply.final_url == f"{site.base}/a1" and reply.body == article_page(1)
    assert "gzip" in site.hits_of("/a1")[-1].headers["Accept-Encoding"]
    with pytest.raises(FetchProblem, match=r"robots\.txt") as refused:
        get(f"{site.base}/private/x", allow_private=True)
    assert not refused.value.transient and not site.hits_of("/private/x")
    with pytest.raises(FetchProblem, match="redirect loop"):
        get(f"{site.base}/loop", allow_private=True)


def test_robots_txt_behind_a_redirect_is_obeyed(site):
    """Many sites redirect /robots.txt (to https, to www.): its rules still apply."""
    other = NewsSite()
    with serve_site(other):
        other.routes["/robots.txt"] = Answer(301, headers={"Location": "/rules.txt"})
        other.routes["/rules.txt"] = Answer(body=b"User-agent: *\nDisallow: /drafts/\n")
        other.routes["/drafts/a"] = Answer(body=b"draft")
        with pytest.raises(FetchProblem, match=r"robots\.txt"):
            fetcher().get(f"{other.base}/drafts/a", allow_private=True)
        assert not other.hits_of("/drafts/a")


def test_size_and_time_caps(site):
    get = fetcher().get
    with pytest.raises(FetchProblem, match="larger than 200,000 bytes"):
        get(f"{site.base}/big", allow_private=True)
    with pytest.raises(FetchProblem, match="larger than"):  # counted after decompression
        get(f"{site.base}/bomb", allow_private=True)
    with pytest.raises(FetchProblem) as slow:
        get(f"{site.base}/slow", allow_private=True)
    assert slow.value.transient
    assert get(f"{site.base}/a1", allow_private=True).status == 200  # the host still answers


def test_error_answers_say_whether_to_try_again(site):
    get = fetcher().get
    with pytest.raises(FetchProblem) as busy:
        get(f"{site.base}/busy", allow_private=True)
    assert busy.value.transient and busy.value.retry_after == 42
    with pytest.raises(FetchProblem) as gone:
        get(f"{site.base}/gone", allow_private=True)
    assert not gone.value.transient


def test_one_request_at_a_time_per_host_with_a_delay(site):
    from concurrent.futures import ThreadPoolExecutor

    polite = fetcher(delay=0.2)
    polite.get(f"{site.base}/a1", allow_private=True)  # robots.txt read first
    before = len(site.hits)
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: polite.get(f"{site.base}/a1", allow_private=True), range(4)))
    times = sorted(hit.at for hit in site.hits[before:])
    assert len(times) == 4
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.19


def test_private_addresses_refused_by_default(site):
    with pytest.raises(FetchProblem, match="loopback"):
        fetcher().get(f"{site.base}/a1")
    with pytest.raises(AddressRefused):
        resolve_checked("localhost", 80, allow_private=False)
    assert [address_problem(a) for a in ("10.1.2.3", "192.168.0.1", "169.254.169.254",
                                         "::1", "::ffff:127.0.0.1", "0.0.0.0", "8.8.8.8")] \
        == ["private", "private", "private", "loopback", "loopback", "private", None]


def test_retry_after_and_backoff():
    assert parse_retry_after("120", 0) == 120
    assert parse_retry_after("Thu, 01 Jan 1970 00:02:00 GMT", 60) == 60
    assert parse_retry_after("soon", 0) is None
    options = WatchOptions(backoff=60, max_backoff=300)
    assert [backoff_delay(n, options, None) for n in (1, 2, 3, 4)] == [60, 120, 240, 300]
    assert backoff_delay(1, options, 900) == 900


def test_listing_kinds_and_article_links():
    site = "news.example"
    assert looks_like_article("https://news.example/2024/05/10/vote", site)
    assert looks_like_article("https://www.news.example/politics/council-backs-the-tram-plan",
                              site)
    assert looks_like_article("https://news.example/story/123456", site)
    assert not looks_like_article("https://news.example/politics", site)
    assert not looks_like_article("https://news.example/tag/council-backs-the-tram", site)
    assert not looks_like_article("https://other.example/2024/05/10/vote", site)
    assert not looks_like_article("https://news.example/2024/05/photo.jpg", site)
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry>'
            b'<link href="/a1"/></entry></feed>')
    listing = read_listing(atom, "", "https://news.example/feed")
    assert (listing.kind, listing.links) == (SourceKind.FEED, ["https://news.example/a1"])


def test_sources_file(tmp_path: Path):
    file = tmp_path / "sources.toml"
    file.write_text('[[source]]\nurl = "https://a.example/rss"\nevery = "30m"\n'
                    'tags = ["local"]\n\n[[source]]\nurl = "https://b.example/"\n'
                    'kind = "home"\nallow_private = true\n')
    first, second = load_sources_file(file)
    assert (first.every, first.tags, second.kind, second.allow_private) == \
        (1800, ("local",), SourceKind.HOME, True)
    assert len(merge_sources(["https://a.example/rss", "https://c.example/"], file)) == 3
    assert [parse_duration(text) for text in ("90", "90s", "15m", "2h", "1d")] == \
        [90, 90, 900, 7200, 86400]
    for bad in ('[[source]]\nurl = "ftp://x"\n', '[[source]]\nurl = "https://x.example"\n'
                'colour = "red"\n', "not toml =",
                '[[source]]\nurl = "https://x.example"\nlanguage = "English"\n'):
        file.write_text(bad)
        with pytest.raises(SourceError):
            load_sources_file(file)
    with pytest.raises(SourceError):
        parse_duration("soon")


def test_gzip_answer_is_kept_decompressed_in_the_warc(site, tmp_path: Path):
    from newsgraph.ingest.warc import read_warc
    from newsgraph.model import Source
    from newsgraph.watch.warcs import RollingWarc

    warc = RollingWarc(tmp_path, "test", max_bytes=1)  # every record starts a new file
    for _ in range(2):
        warc.append(fetcher().get(f"{site.base}/a1", allow_private=True))
    warc.close()
    files = sorted(tmp_path.iterdir())
    assert len(files) == 2
    (page,) = [item for item in read_warc(files[0]) if isinstance(item, Source)]
    assert "plan 1" in page.text


def test_a_listing_is_capped_for_watch_but_whole_for_fetch() -> None:
    """`watch` reads the newest MAX_LINKS links of a huge sitemap per cycle; `fetch` asks
    for every one (limit=None) and is bounded by its own --max-pages instead."""
    from newsgraph.watch.discover import MAX_LINKS
    from newsgraph.watch.sources import SourceKind

    urls = "".join(f"<url><loc>https://news.example/a/{n}</loc></url>"
                   for n in range(MAX_LINKS + 100))
    body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    capped = read_listing(body.encode(), "", "https://news.example/", SourceKind.SITEMAP)
    whole = read_listing(body.encode(), "", "https://news.example/", SourceKind.SITEMAP,
                         limit=None)
    assert len(capped.links) == MAX_LINKS
    assert len(whole.links) == MAX_LINKS + 100
