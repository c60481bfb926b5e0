"""`newsgraph watch` as a command: a run with --cycles, --status, and SIGTERM in the middle
of a cycle (the article in hand is stored, the rest is fetched after a restart)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.store import Store
from tests.watch_site import Answer, NewsSite, article_page, rss, serve_site


@pytest.fixture
def site() -> Iterator[NewsSite]:
    news = NewsSite()
    with serve_site(news):
        for number in range(1, 7):
            news.routes[f"/a{number}"] = Answer(body=article_page(number),
                                                headers={"Content-Type": "text/html"})
        news.routes["/feed.xml"] = Answer(body=rss(news.base, [f"/a{n}" for n in range(1, 7)]))
        yield news


def test_watch_cycles_then_status(site, tmp_path: Path):
    db = tmp_path / "news.db"
    runner = CliRunner()
    result = runner.invoke(app, ["watch", f"{site.base}/feed.xml", "--db", str(db),
                                 "--cycles", "1", "--delay", "0", "--allow-private",
                                 "--warc-dir", str(tmp_path / "warc")])
    assert result.exit_code == 0, result.output
    assert "1 cycle(s): 6 new article(s)" in result.output
    assert len(list((tmp_path / "warc").glob("watch-*.warc.gz"))) == 1
    status = runner.invoke(app, ["watch", "--status", "--json", "--db", str(db)])
    assert status.exit_code == 0, status.output
    data = json.loads(status.output)
    (source,) = data["sources"]
    assert (source["url"], source["articles"], source["failures"]) == \
        (f"{site.base}/feed.xml", 6, 0)
    assert data["articles_last_hour"] == 6
    text = runner.invoke(app, ["watch", "--status", "--db", str(db)])
    assert "1 source(s); 6 new article(s) in the last hour" in text.output


def test_watch_refuses_loopback_without_allow_private(site, tmp_path: Path):
    result = CliRunner().invoke(app, ["watch", f"{site.base}/feed.xml", "--db",
                                      str(tmp_path / "n.db"), "--cycles", "1"])
    assert result.exit_code == 0 and "1 failed poll(s)" in result.output
    assert not site.hits


def test_bad_sources_are_a_usage_error(tmp_path: Path):
    result = CliRunner().invoke(app, ["watch", "ftp://example.org/", "--db",
                                      str(tmp_path / "n.db")])
    assert result.exit_code == 2 and "not an http(s) URL" in result.output


def test_sigterm_stores_the_article_in_hand_and_a_restart_resumes(site, tmp_path: Path):
    for number in range(1, 7):
        site.routes[f"/a{number}"] = Answer(body=article_page(number), sleep=0.5,
                                            headers={"Content-Type": "text/html"})
    db = tmp_path / "news.db"
    command = [sys.executable, "-m", "newsgraph", "watch", f"{site.base}/feed.xml",
               "--db", str(db), "--delay", "0", "--allow-private", "--every", "1h"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    try:
        deadline = time.monotonic() + 120
        while not site.hits_of("/a2") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert site.hits_of("/a2"), "the watcher never reached the articles"
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err.decode()
    assert "stopped by a signal" in out.decode()
    with Store.open(db) as store:
        first = store.count()
    assert 2 <= first < 6  # /a2 was in hand: stored; the rest was left
    assert sum(len(site.hits_of(f"/a{n}")) for n in range(1, 7)) == first
    again = CliRunner().invoke(app, [*command[3:], "--cycles", "1"])
    assert again.exit_code == 0, again.output
    with Store.open(db) as store:
        assert store.count() == 6
    assert [len(site.hits_of(f"/a{n}")) for n in range(1, 7)] == [1] * 6


class _Inbox:
    """An SMTP server's received messages (aiosmtpd handler)."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, _server: object, _session: object, envelope: object) -> str:
        from email import message_from_bytes

        self.messages.append(message_from_bytes(envelope.content))  # type: ignore[attr-defined]
        return "250 OK"


def _quote_page(number: int) -> bytes:
    return article_page(number).replace(
        b"</article>", b"<p>\xe2\x80\x9cWe are building for the next fifty years,\xe2\x80\x9d "
        b"Keller told reporters after the vote on plan " + str(number).encode() + b".</p>"
        b"</article>")


def test_watcher_sends_digests_at_most_once_per_interval(site, tmp_path: Path):
    import socket
    import threading

    from aiosmtpd.controller import Controller

    from newsgraph.ingest.http import Fetcher, FetchLimits
    from newsgraph.serve.accounts import library, users
    from newsgraph.serve.accounts.mail import Mailer
    from newsgraph.settings import Settings
    from newsgraph.watch.cycle import Watcher, WatchOptions
    from newsgraph.watch.digests import DigestSchedule
    from newsgraph.watch.sources import WatchSource

    class Clock:
        """Real time moved on by `skipped` (digests pick articles by when they were stored)."""

        skipped = 0.0

        def now(self) -> float:
            return time.time() + self.skipped

        def wait(self, seconds: float, stop: threading.Event) -> None:
            self.skipped += max(0.0, seconds)

    for number in (1, 2):
        site.routes[f"/a{number}"] = Answer(body=_quote_page(number))
    site.routes["/feed.xml"] = Answer(body=rss(site.base, ["/a1"]))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    clock = Clock()
    try:
        with Store.open(tmp_path / "news.db") as store:
            user = users.add(store.engine, "ann@example.org", "x", name="ann")
            library.follow(store.engine, user.id, "person", "Keller")
            schedule = DigestSchedule(Mailer(f"smtp://127.0.0.1:{port}", "ng <ng@localhost>"),
                                      "https://news.example", every=3600)
            watch = Watcher(store, [WatchSource(f"{site.base}/feed.xml")], Settings(),
                            WatchOptions(every=60, allow_private=True),
                            Fetcher(FetchLimits(delay=0)), clock=clock, digests=schedule)
            watch.run(cycles=1)
            assert len(inbox.messages) == 1
            assert "fifty years" in inbox.messages[0].get_payload(decode=True).decode()
            site.routes["/feed.xml"] = Answer(body=rss(site.base, ["/a2", "/a1"]))
            clock.skipped += 60
            assert watch.run(cycles=1)[0].new == 1
            assert len(inbox.messages) == 1  # the next digest is not due for an hour
            clock.skipped += 3600
            watch.run(cycles=1)
            assert len(inbox.messages) == 2
            assert "about 6,000" in inbox.messages[1].get_payload(decode=True).decode()  # /a2
    finally:
        controller.stop()
