"""One watch cycle: poll every due source (conditional GET), take the new article links,
fetch, analyse and store them once, link them into stories; and the loop over cycles.

A failing source is polled again after an exponential backoff (or the server's
Retry-After), which only moves its own next poll: the others go on as planned.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from newsgraph.ingest.http import Fetcher, FetchProblem, Reply
from newsgraph.watch import state as watch_state
from newsgraph.watch.discover import Listing, read_listing
from newsgraph.watch.pages import PageRun, fetch_pages, store_pages
from newsgraph.watch.sources import SourceKind, WatchSource
from newsgraph.watch.state import SourceState

if TYPE_CHECKING:
    from newsgraph.pipeline import Analyzer
    from newsgraph.settings import Settings
    from newsgraph.store import Store
    from newsgraph.watch.digests import DigestSchedule
    from newsgraph.watch.warcs import RollingWarc

LOGGER = logging.getLogger("newsgraph.watch")


class Clock(Protocol):
    """Where `watch` reads the time (Unix seconds) and waits; tests pass their own."""

    def now(self) -> float: ...

    def wait(self, seconds: float, stop: threading.Event) -> None: ...


class SystemClock:
    def now(self) -> float:
        return time.time()

    def wait(self, seconds: float, stop: threading.Event) -> None:
        stop.wait(max(0.0, seconds))


@dataclass(frozen=True)
class WatchOptions:
    """How often and how much `watch` polls."""

    every: float = 900.0
    allow_private: bool = False
    concurrency: int = 8
    """Hosts fetched from at once."""
    max_new: int = 100
    """New articles taken from one source per cycle (the rest wait for the next)."""
    backoff: float = 60.0
    """Wait after a source's first failure; doubled for each next one in a row."""
    max_backoff: float = 6 * 3600.0
    max_sitemaps: int = 5
    """Child sitemaps read from one sitemap index per poll."""
    claim_timeout: float = 3600.0
    """A URL claimed this long ago and never finished is given back (its watcher died)."""
    link: bool = True


@dataclass
class Poll:
    """One source's answer in one cycle."""

    source: WatchSource
    reply: Reply | None = None
    listing: Listing | None = None
    problem: FetchProblem | None = None


@dataclass
class CycleReport:
    """What one cycle did."""

    polled: int = 0
    unchanged: int = 0
    failed_sources: list[str] = field(default_factory=list)
    new: int = 0
    duplicates: int = 0
    versions: int = 0
    """New articles that are a changed text of a page stored before (also in `new`)."""
    failed_pages: int = 0
    stopped: bool = False


def backoff_delay(failures: int, options: WatchOptions, retry_after: float | None) -> float:
    """Seconds until a source that failed `failures` times in a row is polled again."""
    delay = min(options.backoff * 2 ** max(0, failures - 1), options.max_backoff)
    return max(delay, retry_after or 0.0)


class Watcher:
    """Polls `sources` into `store`, cycle after cycle, until `stop` is set."""

    def __init__(self, store: Store, sources: list[WatchSource], settings: Settings,
                 options: WatchOptions | None = None, fetcher: Fetcher | None = None,
                 warc: RollingWarc | None = None, clock: Clock | None = None,
                 stop: threading.Event | None = None,
                 digests: DigestSchedule | None = None) -> None:
        self.store = store
        self.sources = sources
        self.settings = settings
        self.options = options or WatchOptions()
        self.fetcher = fetcher or Fetcher(pool_size=self.options.concurrency)
        self.warc = warc
        self.clock = clock or SystemClock()
        self.stop = stop or threading.Event()
        self.digests = digests
        self._private = {s.host for s in sources if s.allow_private}
        self._analyzer: tuple[date, Analyzer] | None = None

    def allow_private(self, url: str) -> bool:
        from urllib.parse import urlsplit

        return self.options.allow_private or urlsplit(url).netloc.lower() in self._private

    def analyzer(self) -> Analyzer:
        """The analyzer, made again each day (its reference date is the day it was made)."""
        from newsgraph.pipeline import Analyzer

        today = date.fromtimestamp(self.clock.now())
        if self._analyzer is None or self._analyzer[0] != today:
            self._analyzer = (today, Analyzer(self.settings))
        return self._analyzer[1]

    def every(self, source: WatchSource) -> float:
        return source.every or self.options.every

    # -- the loop --------------------------------------------------------------

    def run(self, cycles: int | None = None) -> list[CycleReport]:
        """Cycles until `stop` is set (or `cycles` are done); waits for the next due source
        between them."""
        reports: list[CycleReport] = []
        while not self.stop.is_set() and (cycles is None or len(reports) < cycles):
            reports.append(self.cycle())
            if self.digests is not None:
                self.digests.maybe_send(self.store, self.clock.now())
            if self.stop.is_set() or (cycles is not None and len(reports) >= cycles):
                break
            self.clock.wait(self.next_due() - self.clock.now(), self.stop)
        return reports

    def next_due(self) -> float:
        """When the next source is due (Unix seconds)."""
        states = watch_state.load_states(self.store, [s.url for s in self.sources])
        now = self.clock.now()
        return min((states[s.url].next_poll or now) for s in self.sources)

    def cycle(self) -> CycleReport:
        """Poll the due sources, then fetch, analyse and store their new articles."""
        now = self.clock.now()
        report = CycleReport()
        watch_state.release_stale(self.store, now - self.options.claim_timeout)
        states = watch_state.load_states(self.store, [s.url for s in self.sources])
        due = [s for s in self.sources if (states[s.url].next_poll or 0) <= now]
        polls = self._poll_all(due, states)
        for poll in polls:
            self._record_poll(poll, states[poll.source.url], now, report)
        watch_state.save_states(self.store, (states[poll.source.url] for poll in polls))
        if not self.stop.is_set():
            run = self._articles(polls, now)
            others = [url for url in run.stored if url not in states]  # given-back URLs' sources
            states.update(watch_state.load_states(self.store, others) if others else {})
            self._record_articles(run, states, now, report)
        report.stopped = self.stop.is_set()
        LOGGER.info("cycle polled=%d unchanged=%d failed=%d new=%d versions=%d "
                    "duplicates=%d failed_pages=%d stopped=%s", report.polled,
                    report.unchanged, len(report.failed_sources), report.new,
                    report.versions, report.duplicates, report.failed_pages, report.stopped)
        return report

    # -- polling -----------------------------------------------------------------

    def _poll_all(self, due: list[WatchSource], states: dict[str, SourceState]) -> list[Poll]:
        """Poll `due`, one worker per host at a time (at most `concurrency` hosts at once)."""
        by_host: dict[str, list[WatchSource]] = defaultdict(list)
        for source in due:
            by_host[source.host].append(source)

        def poll_host(sources: list[WatchSource]) -> list[Poll]:
            return [self._poll(source, states[source.url]) for source in sources
                    if not self.stop.is_set()]

        polls: list[Poll] = []
        with ThreadPoolExecutor(max_workers=max(1, self.options.concurrency)) as pool:
            for host_polls in pool.map(poll_host, by_host.values()):
                polls += host_polls
        return polls

    def _get(self, url: str, state: SourceState | None = None) -> Reply:
        reply = self.fetcher.get(url, etag=state.etag if state else None,
                                 last_modified=state.last_modified if state else None,
                                 allow_private=self.allow_private)
        if self.warc is not None and reply.status != 304:
            self.warc.append(reply)
        return reply

    def _poll(self, source: WatchSource, state: SourceState) -> Poll:
        """GET one source (conditionally) and read its listing."""
        poll = Poll(source)
        try:
            poll.reply = self._get(source.url, state)
            if poll.reply.status == 304:
                return poll
            poll.listing = read_listing(poll.reply.body, poll.reply.header("content-type")
                                        or "", poll.reply.final_url, source.kind)
            for child in poll.listing.sitemaps[:self.options.max_sitemaps]:
                reply = self._get(child)
                found = read_listing(reply.body, "", reply.final_url, SourceKind.SITEMAP)
                poll.listing.links += found.links
                poll.listing.stamps.update(found.stamps)
        except FetchProblem as problem:
            poll.problem = problem
        except ValueError as error:
            poll.problem = FetchProblem(str(error), transient=True)
        return poll

    def _record_poll(self, poll: Poll, state: SourceState, now: float,
                     report: CycleReport) -> None:
        state.polls += 1
        state.last_poll = now
        report.polled += 1
        if poll.problem is not None:
            state.failures += 1
            state.errors += 1
            state.last_error = str(poll.problem)
            delay = backoff_delay(state.failures, self.options, poll.problem.retry_after)
            state.next_poll = now + max(self.every(poll.source), delay)
            report.failed_sources.append(poll.source.url)
            LOGGER.warning("poll source=%s error=%r failures=%d next_in=%.0fs",
                           poll.source.url, state.last_error, state.failures, delay)
            return
        assert poll.reply is not None
        state.failures, state.last_ok = 0, now
        state.next_poll = now + self.every(poll.source)
        if poll.reply.status == 304:
            report.unchanged += 1
            LOGGER.info("poll source=%s status=304", poll.source.url)
            return
        assert poll.listing is not None
        state.kind = poll.listing.kind.value
        state.etag = poll.reply.header("etag")
        state.last_modified = poll.reply.header("last-modified")
        LOGGER.info("poll source=%s status=%d kind=%s links=%d", poll.source.url,
                    poll.reply.status, state.kind, len(poll.listing.links))

    # -- articles ----------------------------------------------------------------

    def _candidates(self, polls: Iterable[Poll]) -> tuple[dict[str, str], dict[str, str]]:
        """New (or changed) article URL -> the first source listing it (at most `max_new` a
        source), after the URLs an earlier, stopped cycle gave back; and the links' stamps."""
        candidates = watch_state.pending(self.store, self.options.max_new * 10)
        stamps: dict[str, str] = {}
        for poll in polls:
            if poll.listing is None:
                continue
            links = [link for link in poll.listing.links if link not in candidates]
            fresh = watch_state.unseen(self.store, links, poll.listing.stamps)
            candidates.update((link, poll.source.url) for link in fresh[:self.options.max_new])
            stamps.update((link, poll.listing.stamps[link]) for link in fresh
                          if link in poll.listing.stamps)
        return candidates, stamps

    def _articles(self, polls: list[Poll], now: float) -> PageRun:
        run = PageRun()
        candidates, stamps = self._candidates(polls)
        if not candidates:
            return run
        claimed = watch_state.claim(self.store, candidates, now, stamps)
        fetched, run.unfetched = fetch_pages(self.fetcher, claimed, self.allow_private,
                                             self.stop, self.options.concurrency, self.warc)
        watch_state.release(self.store, run.unfetched)
        analyzer = self.analyzer() if fetched else None
        if analyzer is not None:
            previous = watch_state.article_ids(self.store, [url for url, _ in fetched])
            outcomes = store_pages(self.store, analyzer, fetched, candidates, run,
                                   {source.url: source for source in self.sources})
            watch_state.finish(self.store, outcomes)
            run.versions = [(o.url, o.article_id, previous[o.url]) for o in outcomes
                            if o.status == "stored" and o.article_id and o.url in previous
                            and previous[o.url] != o.article_id]
            watch_state.record_versions(self.store, run.versions, now)
        if run.stored and self.options.link:
            from newsgraph.link.build import update

            summary = update(self.store)
            LOGGER.info("link %s", summary)
        return run

    def _record_articles(self, run: PageRun, states: dict[str, SourceState], now: float,
                         report: CycleReport) -> None:
        report.new = sum(run.stored.values())
        report.versions = len(run.versions)
        report.duplicates = run.duplicates
        report.failed_pages = len(run.failed)
        for url, count in run.stored.items():
            states[url].articles += count
            states[url].last_new = now
        if run.stored:
            watch_state.save_states(self.store, (states[url] for url in run.stored))
