"""`newsgraph watch`: follow feeds, sitemaps and home pages, storing new articles as they
are published; `--status` says how each source is doing."""

from __future__ import annotations

import json
import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsgraph.cli.base import app
from newsgraph.cli.options import (
    CaCertsOption,
    DbOption,
    ModelOption,
    check_model,
    fail,
    open_store,
)

if TYPE_CHECKING:
    from newsgraph.ingest.http import FetchLimits


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """While the block runs, SIGTERM and the first Ctrl-C set `stop` (the cycle finishes
    the article in hand); a second Ctrl-C interrupts at once."""
    def on_signal(number: int, _frame: object) -> None:
        if stop.is_set() and number == signal.SIGINT:
            raise KeyboardInterrupt
        logging.getLogger("newsgraph.watch").warning(
            "stopping after the article in hand (%s)", signal.Signals(number).name)
        stop.set()

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, on_signal)
                for number in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _show_status(db: str | None, as_json: bool) -> None:
    import time

    from newsgraph.watch.status import status_lines, watch_status

    with open_store(db, create=False, read_only=True) as store:
        status = watch_status(store, time.time())
    if as_json:
        typer.echo(json.dumps(status, indent=2))
    else:
        typer.echo("\n".join(status_lines(status)))


@app.command()
def watch(
    sources: Annotated[list[str] | None, typer.Argument(
        help="Feed (RSS/Atom), sitemap or home-page URLs.", show_default=False)] = None,
    sources_file: Annotated[Path | None, typer.Option(
        "--sources", help="TOML file of source tables (url, every, kind, language, tags, "
        "allow_private); see docs/deploy.md.")] = None,
    db: DbOption = None,
    every: Annotated[str, typer.Option(help="Poll interval, e.g. 90s, 15m, 1h.")] = "15m",
    cycles: Annotated[int | None, typer.Option(
        min=1, help="Stop after this many cycles (default: run until SIGTERM/Ctrl-C).")
    ] = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private",
        help="Allow sources on private or loopback addresses (refused otherwise).")
    ] = False,
    ca_certs: CaCertsOption = None,
    warc_dir: Annotated[Path | None, typer.Option(
        help="Folder for rolling WARC files of every answer (none kept without it).")
    ] = None,
    delay: Annotated[float, typer.Option(min=0, help="Seconds between requests to one host.")
    ] = 1.0,
    concurrency: Annotated[int, typer.Option(min=1, max=256, help="Hosts fetched at once.")
    ] = 8,
    max_bytes: Annotated[int, typer.Option(min=1024, help="Size cap of one response.")
    ] = 5_000_000,
    timeout: Annotated[float, typer.Option(min=0.1, help="Time cap of one response (s).")
    ] = 30.0,
    model: ModelOption = None,
    digest_every: Annotated[str | None, typer.Option(
        help="Also e-mail followers their digest (as `newsgraph digest`) after a cycle, at "
        "most this often, e.g. 1d; mail through NEWSGRAPH_SMTP_URL (and NEWSGRAPH_MAIL_FROM, "
        "NEWSGRAPH_BASE_URL).")] = None,
    status: Annotated[bool, typer.Option(
        "--status", help="Show how each watched source is doing, and exit.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="--status as JSON.")] = False,
) -> None:
    """Follow news sources: each cycle polls the due sources (politely: robots.txt,
    conditional GET, a delay per host, backoff for failing sources), stores each new
    article once and links it into stories. Stops cleanly on SIGTERM or Ctrl-C."""
    from newsgraph.ingest.http import FetchLimits
    from newsgraph.watch.sources import SourceError, merge_sources, parse_duration

    if status:
        _show_status(db, as_json)
        return
    try:
        watched = merge_sources(sources or [], sources_file)
        interval = parse_duration(every)
        digests = _digests(parse_duration(digest_every)) if digest_every else None
    except SourceError as error:
        raise fail(str(error), 2) from error
    check_model(model)
    limits = FetchLimits(delay=delay, max_bytes=max_bytes, timeout=timeout,
                         ca_certs=str(ca_certs) if ca_certs else None)
    _run(watched, db, interval, cycles, allow_private, warc_dir, limits, concurrency, model,
         digests)


def _digests(every: float) -> Any:
    """The digest schedule, with the mailer `newsgraph digest` would use."""
    import os

    from newsgraph.serve.accounts.mail import Mailer, MailError
    from newsgraph.watch.digests import DigestSchedule

    smtp_url = os.environ.get("NEWSGRAPH_SMTP_URL")
    if not smtp_url:
        raise fail("--digest-every needs an SMTP server: set NEWSGRAPH_SMTP_URL", 2)
    try:
        mailer = Mailer(smtp_url, os.environ.get("NEWSGRAPH_MAIL_FROM")
                        or "newsgraph <newsgraph@localhost>")
    except MailError as error:
        raise fail(str(error), 2) from error
    return DigestSchedule(mailer, os.environ.get("NEWSGRAPH_BASE_URL")
                          or "http://127.0.0.1:8000", every)


def _run(watched: list, db: str | None, interval: float, cycles: int | None,
         allow_private: bool, warc_dir: Path | None, limits: FetchLimits, concurrency: int,
         model: str | None, digests: Any) -> None:
    from newsgraph.cli.options import prepare_places_index
    from newsgraph.ingest.http import Fetcher
    from newsgraph.settings import Settings
    from newsgraph.watch.cycle import Watcher, WatchOptions
    from newsgraph.watch.warcs import RollingWarc

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    settings = Settings(model=model, dedup=False)
    prepare_places_index(settings.stages)
    fetcher = Fetcher(limits, pool_size=concurrency)
    warc = RollingWarc(warc_dir, limits.user_agent) if warc_dir else None
    stop = threading.Event()
    options = WatchOptions(every=interval, allow_private=allow_private,
                           concurrency=concurrency)
    with open_store(db, create=True) as store, _stop_on_signals(stop):
        watcher = Watcher(store, watched, settings, options, fetcher, warc, stop=stop,
                          digests=digests)
        try:
            reports = watcher.run(cycles)
        finally:
            fetcher.close()
            if warc is not None:
                warc.close()
    new = sum(report.new for report in reports)
    typer.echo(f"{len(reports)} cycle(s): {new} new article(s), "
               f"{sum(r.duplicates for r in reports)} already stored, "
               f"{sum(r.failed_pages for r in reports)} page(s) not stored, "
               f"{sum(len(r.failed_sources) for r in reports)} failed poll(s)"
               + ("; stopped by a signal" if stop.is_set() else ""))
