"""`newsgraph watch` against a real HTTP server on 127.0.0.1, on SQLite and PostgreSQL:
articles stored once, conditional GET, backoff of a failing source while the others go
on, restart without refetching, private addresses refused unless allowed."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from newsgraph.ingest.http import Fetcher, FetchLimits
from newsgraph.model import Source
from newsgraph.settings import Settings
from newsgraph.store import Store
from newsgraph.store.schema import link_articles, watch_seen
from newsgraph.watch.cycle import Watcher, WatchOptions
from newsgraph.watch.sources import WatchSource
from newsgraph.watch.status import watch_status
from newsgraph.watch.warcs import RollingWarc
from tests.watch_site import Answer, NewsSite, article_page, rss, serve_site, sitemap

START = 1_780_000_000.0


class FakeClock:
    """Time that moves only when told (or when the watcher waits)."""

    def __init__(self) -> None:
        self.time = START

    def now(self) -> float:
        return self.time

    def wait(self, seconds: float, stop: threading.Event) -> None:
        self.time += max(0.0, seconds)

    def advance(self, seconds: float) -> None:
        self.time += seconds


@pytest.fixture
def site() -> Iterator[NewsSite]:
    news = NewsSite()
    with serve_site(news):
        for number in range(1, 9):
            news.routes[f"/a{number}"] = Answer(body=article_page(number),
                                                headers={"Content-Type": "text/html"})
        news.routes["/robots.txt"] = Answer(body=b"User-agent: *\nDisallow: /private/\n")
        yield news


def feed(site: NewsSite, paths: list[str], **answer: object) -> Answer:
    return Answer(body=rss(site.base, paths), headers={"Content-Type": "application/rss+xml"},
                  **answer)  # type: ignore[arg-type]


def watcher(store: Store, sources: list[WatchSource], clock: FakeClock, **options: object
            ) -> Watcher:
    limits = FetchLimits(delay=0.0, timeout=2.0, connect_timeout=2.0, max_bytes=200_000)
    return Watcher(store, sources, Settings(dedup=False),
                   WatchOptions(**{"every": 60.0, "allow_private": True, **options}),
                   Fetcher(limits), clock=clock)  # type: ignore[arg-type]


def linked(store: Store) -> int:
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(link_articles)
                                  ).scalar_one()


def test_two_feeds_store_each_article_once_and_poll_conditionally(site, store_url):
    site.routes["/feed.xml"] = feed(site, ["/a1", "/a2"], etag=True)
    site.routes["/feed2.xml"] = feed(site, ["/a1", "/a3"], gzip=True)
    clock = FakeClock()
    with Store.open(store_url) as store:
        watch = watcher(store, [WatchSource(f"{site.base}/feed.xml"),
                                WatchSource(f"{site.base}/feed2.xml")], clock)
        (first,) = watch.run(cycles=1)
        assert (first.new, first.polled, first.failed_sources) == (3, 2, [])
        assert store.count() == 3 and linked(store) == 3  # linked into stories too
        clock.advance(61)
        second = watch.cycle()
        assert (second.new, second.unchanged) == (0, 1)  # feed.xml answered 304
        assert site.hits_of("/feed.xml")[-1].headers.get("If-None-Match")
        site.routes["/feed.xml"] = feed(site, ["/a4", "/a1", "/a2"], etag=True)
        clock.advance(61)
        third = watch.cycle()
        assert third.new == 1 and store.count() == 4 and linked(store) == 4
    assert [len(site.hits_of(f"/a{n}")) for n in range(1, 5)] == [1, 1, 1, 1]


def test_failing_source_backs_off_while_the_others_go_on(site, store_url):
    site.routes["/feed.xml"] = feed(site, ["/a1"])
    site.routes["/busy.xml"] = Answer(429, b"slow down", {"Retry-After": "300"})
    site.routes["/broken.xml"] = Answer(500, b"boom")
    clock = FakeClock()
    urls = [f"{site.base}{path}" for path in ("/feed.xml", "/busy.xml", "/broken.xml")]
    with Store.open(store_url) as store:
        watch = watcher(store, [WatchSource(url) for url in urls], clock, backoff=120.0)
        first = watch.cycle()
        assert sorted(first.failed_sources) == sorted(urls[1:]) and first.new == 1
        status = {row["url"]: row for row in watch_status(store, clock.now())["sources"]}
        assert status[urls[1]]["backoff_seconds"] == 300  # the server's Retry-After
        assert status[urls[2]]["backoff_seconds"] == 120
        assert "HTTP 500" in status[urls[2]]["last_error"]
        for advance, polled in ((61, {"/feed.xml"}), (70, {"/feed.xml", "/broken.xml"}),
                                (180, {"/feed.xml", "/busy.xml"})):
            before = len(site.hits)
            clock.advance(advance)
            watch.cycle()
            assert {hit.path for hit in site.hits[before:]} == polled, advance
        status = {row["url"]: row for row in watch_status(store, clock.now())["sources"]}
        assert status[urls[2]]["failures"] == 2  # second failure: twice the wait
        assert status[urls[2]]["backoff_seconds"] == 240 - 180


def test_restart_resumes_without_refetching(site, store_url):
    site.routes["/feed.xml"] = feed(site, ["/a1", "/a2"], etag=True)
    site.routes["/plain.xml"] = feed(site, ["/a2", "/a3"])  # no validators
    sources = [WatchSource(f"{site.base}/feed.xml"), WatchSource(f"{site.base}/plain.xml")]
    clock = FakeClock()
    with Store.open(store_url) as store:
        assert watcher(store, sources, clock).cycle().new == 3
    with Store.open(store_url) as store:  # a new process: nothing in memory
        again = watcher(store, sources, clock)
        assert again.cycle().polled == 0  # not due yet: the next poll time was kept
        clock.advance(60)
        report = again.cycle()
        assert (report.polled, report.unchanged, report.new) == (2, 1, 0)
        assert store.count() == 3
    assert [len(site.hits_of(f"/a{n}")) for n in (1, 2, 3)] == [1, 1, 1]


def test_private_addresses_are_refused_unless_allowed(site, store_url):
    site.routes["/feed.xml"] = feed(site, ["/a1"])
    site.routes["/away.xml"] = Answer(302, b"", {"Location":
                                                 f"http://localhost:{site.port}/feed.xml"})
    clock = FakeClock()
    with Store.open(store_url) as store:
        refused = watcher(store, [WatchSource(f"{site.base}/feed.xml")], clock,
                          allow_private=False).cycle()
        assert refused.failed_sources and not site.hits
        (row,) = watch_status(store, clock.now())["sources"]
        assert "loopback" in row["last_error"] and "refused" in row["last_error"]
        # Allowed for this source's host only: a redirect to another host is checked again.
        sources = [WatchSource(f"{site.base}/feed.xml", allow_private=True),
                   WatchSource(f"{site.base}/away.xml", allow_private=True)]
        clock.advance(3600)
        report = watcher(store, sources, clock, allow_private=False).cycle()
        assert report.new == 1 and report.failed_sources == [f"{site.base}/away.xml"]
        assert [hit.path for hit in site.hits].count("/feed.xml") == 1


def test_sitemap_index_and_home_page(site, store_url, tmp_path: Path):
    site.routes["/sitemap_index.xml"] = Answer(body=(
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/'
        f'0.9"><sitemap><loc>{site.base}/news.xml</loc></sitemap></sitemapindex>').encode())
    site.routes["/news.xml"] = Answer(body=sitemap(site.base, ["/a1", "/private/a9"]))
    site.routes["/"] = Answer(body=(
        b'<html><body><a href="/world">World</a><a href="/tag/city-hall-news-today">tag</a>'
        b'<a href="/2024/05/a5">Plan</a><a href="/news/council-approves-the-new-plan">x</a>'
        b"</body></html>"), headers={"Content-Type": "text/html"})
    site.routes["/news/council-approves-the-new-plan"] = site.routes["/a6"]
    site.routes["/2024/05/a5"] = site.routes["/a5"]
    clock = FakeClock()
    with Store.open(store_url) as store:
        watch = watcher(store, [WatchSource(f"{site.base}/sitemap_index.xml"),
                                WatchSource(f"{site.base}/")], clock)
        watch.warc = RollingWarc(tmp_path / "warc", "test")
        report = watch.cycle()
        watch.warc.close()
        assert report.new == 3
        with store.engine.connect() as connection:
            rows = dict(connection.execute(select(watch_seen.c.url, watch_seen.c.status)).all())
    assert rows[f"{site.base}/private/a9"] == "skipped"  # robots.txt
    assert not site.hits_of("/private/a9") and not site.hits_of("/world")
    from newsgraph.ingest.warc import read_warc

    (warc,) = (tmp_path / "warc").iterdir()
    pages = {item.url for item in read_warc(warc) if isinstance(item, Source)}
    assert pages == {f"{site.base}{path}" for path in
                     ("/a1", "/2024/05/a5", "/news/council-approves-the-new-plan")}


def test_interrupted_cycle_leaves_unfetched_articles_for_the_next(site, store_url):
    """A stop during the article phase stores what was fetched and gives the rest back."""
    site.routes["/feed.xml"] = feed(site, [f"/a{n}" for n in range(1, 7)])
    clock = FakeClock()
    with Store.open(store_url) as store:
        watch = watcher(store, [WatchSource(f"{site.base}/feed.xml")], clock)
        original = watch.fetcher.get

        def get_then_stop(url: str, **kwargs: object):
            reply = original(url, **kwargs)  # type: ignore[arg-type]
            if url.endswith("/a2"):
                watch.stop.set()  # as SIGTERM does, while /a2 is in hand
            return reply

        watch.fetcher.get = get_then_stop  # type: ignore[method-assign]
        report = watch.cycle()
        assert report.stopped and report.new == 2 and store.count() == 2
        watch.stop.clear()
        watch.fetcher.get = original  # type: ignore[method-assign]
        clock.advance(60)
        assert watch.cycle().new == 4
    assert [len(site.hits_of(f"/a{n}")) for n in range(1, 7)] == [1] * 6


def test_api_status_reports_each_source(store_url):
    from fastapi.testclient import TestClient

    from newsgraph.serve import create_app
    from newsgraph.watch.state import Outcome, SourceState, claim, finish, save_states

    now = time.time()
    with Store.open(store_url) as store:
        save_states(store, [
            SourceState("https://a.example/rss", "feed", last_poll=now - 60,
                        last_new=now - 60, next_poll=now + 840, articles=2, polls=3),
            SourceState("https://b.example/rss", "feed", last_poll=now - 60, failures=3,
                        errors=4, last_error="HTTP 500", next_poll=now + 900)])
        claim(store, {"https://a.example/1": "https://a.example/rss",
                      "https://a.example/2": "https://a.example/rss"}, now - 60)
        finish(store, [Outcome("https://a.example/1", "stored", "x1"),
                       Outcome("https://a.example/2", "failed", reason="HTTP 503")])
    with TestClient(create_app(store_url)) as client:
        answer = client.get("/api/status")
    assert answer.status_code == 200
    data = answer.json()
    good, bad = data["sources"]
    assert (good["url"], good["articles"], good["backoff_seconds"]) == \
        ("https://a.example/rss", 2, 0)
    assert (bad["failures"], bad["last_error"]) == (3, "HTTP 500")
    assert 890 <= bad["backoff_seconds"] <= 900
    assert data["articles_last_hour"] == 1


def test_two_watchers_sharing_a_store_take_each_article_once(site, store_url):
    site.routes["/feed.xml"] = feed(site, [f"/a{n}" for n in range(1, 9)])
    clocks = [FakeClock(), FakeClock()]
    with Store.open(store_url) as first, Store.open(store_url) as second:
        watchers = [watcher(store, [WatchSource(f"{site.base}/feed.xml")], clock)
                    for store, clock in zip((first, second), clocks, strict=True)]
        barrier = threading.Barrier(2)
        reports = []

        def run(one: Watcher) -> None:
            barrier.wait()
            reports.append(one.cycle())

        threads = [threading.Thread(target=run, args=(one,)) for one in watchers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        assert sum(report.new for report in reports) == 8 and first.count() == 8
    assert [len(site.hits_of(f"/a{n}")) for n in range(1, 9)] == [1] * 8


def test_changed_page_is_stored_as_a_new_version_of_the_old(site, store_url):
    from newsgraph.store.schema import watch_versions

    def dated_feed(updated: str) -> Answer:
        return Answer(body=(
            '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>'
            f'<entry><title>a1</title><link href="{site.base}/a1"/><updated>{updated}'
            f'</updated></entry><entry><title>a2</title><link href="{site.base}/a2"/>'
            "<updated>2024-05-10T08:00:00Z</updated></entry></feed>").encode())

    site.routes["/feed.xml"] = dated_feed("2024-05-10T08:00:00Z")
    clock = FakeClock()
    with Store.open(store_url) as store:
        watch = watcher(store, [WatchSource(f"{site.base}/feed.xml")], clock)
        assert watch.cycle().new == 2
        (old,) = [hit for hit in store.iter_ids()
                  if store.get(hit).url == f"{site.base}/a1"]  # type: ignore[union-attr]
        clock.advance(60)
        assert watch.cycle().new == 0  # same stamps: nothing fetched again
        site.routes["/a1"] = Answer(body=article_page(1).replace(
            b"several years", b"several long years, and a correction was added"))
        site.routes["/feed.xml"] = dated_feed("2024-05-10T12:30:00Z")
        clock.advance(60)
        report = watch.cycle()
        assert (report.new, report.versions) == (1, 1) and store.count() == 3
        with store.engine.connect() as connection:
            (row,) = connection.execute(select(watch_versions)).mappings().all()
        assert row["previous_id"] == old and row["url"] == f"{site.base}/a1"
        assert "correction" in store.get(row["article_id"]).text  # type: ignore[union-attr]
    assert [len(site.hits_of(path)) for path in ("/a1", "/a2")] == [2, 1]


def test_each_source_is_polled_at_its_own_interval(site, store_url, tmp_path: Path):
    from newsgraph.watch.sources import merge_sources

    site.routes["/fast.xml"] = feed(site, [])
    site.routes["/slow.xml"] = feed(site, [])
    file = tmp_path / "sources.toml"
    file.write_text(f'[[source]]\nurl = "{site.base}/slow.xml"\nevery = "10m"\n')
    sources = merge_sources([f"{site.base}/fast.xml"], file)
    clock = FakeClock()
    with Store.open(store_url) as store:
        watch = watcher(store, sources, clock)  # --every 60 s
        polled = []
        for _ in range(12):
            before = len(site.hits)
            watch.cycle()
            polled.append(sorted(hit.path for hit in site.hits[before:]
                                 if hit.path != "/robots.txt"))
            clock.advance(60)
        assert watch.next_due() == clock.now()  # the fast one is due again now
    assert polled.count(["/fast.xml"]) == 10
    assert polled[0] == polled[10] == ["/fast.xml", "/slow.xml"]


def test_failed_pages_are_tried_again_three_times_at_most(site, store_url):
    site.routes["/feed.xml"] = feed(site, ["/a1", "/a2", "/a3"])
    good_a2 = site.routes["/a2"]
    site.routes["/a2"] = Answer(503, b"busy")
    site.routes["/a3"] = Answer(500, b"broken")
    clock = FakeClock()
    with Store.open(store_url) as store:
        watch = watcher(store, [WatchSource(f"{site.base}/feed.xml")], clock)
        assert (watch.cycle().new, store.count()) == (1, 1)
        site.routes["/a2"] = good_a2
        news = []
        for _ in range(4):
            clock.advance(60)
            news.append(watch.cycle().new)
        assert news == [1, 0, 0, 0] and store.count() == 2
    assert [len(site.hits_of(path)) for path in ("/a1", "/a2", "/a3")] == [1, 2, 3]


def test_source_tags_and_language_hint_reach_the_stored_article(site, store_url, tmp_path):
    import io
    import json

    from newsgraph.export import export, iter_articles

    site.routes["/local.xml"] = feed(site, ["/a1", "/a2"])
    site.routes["/partner.xml"] = feed(site, ["/a3"])
    sources = [WatchSource(f"{site.base}/local.xml", language="en", tags=("local", "council")),
               WatchSource(f"{site.base}/partner.xml", language="de", tags=("partner",))]
    with Store.open(store_url) as store:
        (cycle,) = watcher(store, sources, FakeClock()).run(cycles=1)
        assert cycle.new == 3
        by_url = {article.url: article for article in iter_articles(store)}
        lines = io.StringIO()
        export(store, "jsonl", lines)
        parquet = tmp_path / "out"
        export(store, "parquet", parquet)
    local, partner = by_url[f"{site.base}/a1"], by_url[f"{site.base}/a3"]
    assert local.tags == ["local", "council"] and by_url[f"{site.base}/a2"].tags == local.tags
    assert local.language == "en" and not any("publishes in" in w for w in local.warnings)
    assert partner.tags == ["partner"]
    # The text is English: what it reads as wins over the hint, which is noted.
    assert partner.language == "en"
    assert any("source publishes in 'de'" in warning for warning in partner.warnings)
    exported = {row["url"]: row["tags"] for row in map(json.loads, lines.getvalue().splitlines())}
    assert exported[f"{site.base}/a3"] == ["partner"]
    import pyarrow.parquet as pq

    table = pq.read_table(next(parquet.rglob("articles*.parquet"))).to_pylist()
    assert {row["url"]: row["tags"] for row in table}[f"{site.base}/a1"] == ["local", "council"]


def test_a_short_text_takes_the_language_of_its_source():
    from newsgraph.ingest.language import detect_language

    assert detect_language("Kurz notiert.", hint="de") == "de"
    assert detect_language("Kurz notiert.") == "en"
    text = "The council approved the new tram line after a long debate on Tuesday. " * 3
    assert detect_language(text, hint="de") == "en"
