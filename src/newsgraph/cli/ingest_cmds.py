"""`newsgraph ingest`: read, skip what is stored, analyse, store, report.

Each step is one function: `_sources` reads (and marks near-duplicates), `_skip_stored`
drops sources whose article id is stored already (before anything is parsed, unless
`--force`), `analyze_sources` analyses, `_store_results` writes batches of `INGEST_BATCH`
articles (one transaction each) and `_report` says what happened. Ctrl-C stores what was
analysed so far and says how to resume; a lost database connection is retried.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from newsgraph.cli.analyze_cmds import progress_over, report_failures, report_warnings
from newsgraph.cli.base import app
from newsgraph.cli.options import (
    CleanOption,
    DbOption,
    KeepDuplicatesOption,
    ModelOption,
    PublishedOption,
    WorkersOption,
    check_day,
    check_model,
    open_store,
    prepare_places_index,
    with_default_date,
)

if TYPE_CHECKING:
    from newsgraph.ingest.sources import Failure, Source
    from newsgraph.model import Article
    from newsgraph.store import Store

T = TypeVar("T")

#: Articles stored per transaction while ingesting.
INGEST_BATCH = 64
#: Sources whose ids are looked up in the store at once (before analysis).
LOOKUP_BATCH = 256
#: How long a batch is retried while the database cannot be reached (seconds), and the
#: pause between tries.
RETRY_SECONDS = 120.0
RETRY_PAUSE = 2.0


class HeldInterrupt:
    """Ctrl-C held back while a batch is written: a write that the interrupt cut after
    its commit would leave the run not knowing what it stored (and count the batch as
    "already stored" when it is written again). `deliver` raises it once it is counted."""

    def __init__(self) -> None:
        self.pending = False

    @contextmanager
    def held(self) -> Iterator[None]:
        """SIGINT noted instead of raised meanwhile (in the main thread only)."""
        import signal
        import threading

        if threading.current_thread() is not threading.main_thread():
            yield
            return

        def note(_signal: int, _frame: object) -> None:
            self.pending = True

        previous = signal.signal(signal.SIGINT, note)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)

    def deliver(self) -> None:
        """Raise the Ctrl-C held back, if any."""
        if self.pending:
            self.pending = False
            raise KeyboardInterrupt


@dataclass
class IngestRun:
    """What one ingest did so far."""

    force: bool = False
    new: int = 0
    replaced: int = 0
    skipped: int = 0
    """Already stored: not analysed again."""
    seen: int = 0
    failures: list[Failure] = field(default_factory=list)
    warned: list[Article] = field(default_factory=list)
    """Articles kept with warnings (listed at the end)."""
    stored_before: set[str] = field(default_factory=set)
    """With --force: ids that were stored before this run (their new analysis replaces them)."""
    stopped: str | None = None
    """Why the run stopped early (Ctrl-C, the database), None when it read everything."""
    interrupts: HeldInterrupt = field(default_factory=HeldInterrupt)
    cut: set[str] = field(default_factory=set)
    """Ids of a batch whose write a Ctrl-C cut: found stored when written again, they were
    stored by this run (new), not before it."""


def article_id(source: Source) -> str:
    """The id the pipeline gives the article of `source`: its own id, else its text's hash."""
    from newsgraph.model import content_id

    return source.id or content_id(source.text)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(
        help="Text files, folders, or JSONL files ({\"id\",\"text\",...} per line); - for stdin; "
             "a `newsgraph spark analyze` output folder is stored as it is.")],
    db: DbOption = None,
    published: PublishedOption = None,
    model: ModelOption = None,
    workers: WorkersOption = 1,
    clean: CleanOption = True,
    keep_duplicates: KeepDuplicatesOption = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Analyse articles that are stored already again, and replace them.")
    ] = False,
) -> None:
    """Analyse articles and store them. Articles already stored (same id) are skipped before
    they are analysed, unless --force."""
    from newsgraph.scale.parquet import is_parquet_output
    from newsgraph.settings import Settings

    check_day(published, "--published")
    # Folders written by `newsgraph spark analyze` hold analysed articles: stored as they are.
    analysed = [path for path in paths if is_parquet_output(path)]
    paths = [path for path in paths if path not in analysed]
    check_model(model)
    # Near-duplicates are marked here, over every source read (stored ones too), so the
    # pipeline need not do it again.
    settings = Settings(model=model, clean=clean, workers=workers, dedup=False)
    run = IngestRun(force=force)
    with open_store(db, create=True) as store:
        sources = _skip_stored(store, _sources(paths, published, not keep_duplicates), run)
        _store_results(store, _results(sources if paths else iter(()), analysed, settings), run)
    _report(run)


def _sources(paths: list[str], published: str | None, dedup: bool) -> Iterator[Any]:
    """Sources (and read failures) in input order, dated and marked as near-duplicates."""
    from newsgraph.ingest.read import read_sources

    items = with_default_date(read_sources(paths), published)
    if dedup:
        from newsgraph.ingest.dedup import mark_duplicates

        items = mark_duplicates(items)
    return items


def _skip_stored(store: Store, items: Iterable[Any], run: IngestRun) -> Iterator[Any]:
    """`items` without the sources whose article is stored already (counted in
    `run.skipped`); with `run.force` all of them, the stored ones noted for the report."""
    from newsgraph.batches import batched
    from newsgraph.ingest.sources import Source

    for chunk in batched(items, LOOKUP_BATCH):
        ids = {id(item): article_id(item) for item in chunk if isinstance(item, Source)}
        stored = _retrying(lambda ids=ids: store.stored_ids(ids.values()))
        for item in chunk:
            if id(item) in ids and ids[id(item)] in stored:
                if not run.force:
                    run.skipped += 1
                    continue
                run.stored_before.add(ids[id(item)])
            yield item


def _results(sources: Iterator[Any], analysed: list[str], settings: Any) -> Iterator[Any]:
    """Articles of Spark output folders as they are, then the analysed sources."""
    from newsgraph.pipeline import analyze_sources
    from newsgraph.scale.parquet import read_parquet_output

    spark = (article for folder in analysed for article in read_parquet_output(folder))
    results = chain(spark, analyze_sources(_index_first(sources, settings), settings))
    return progress_over(results, "ingesting", enabled=sys.stderr.isatty())


def _index_first(sources: Iterator[Any], settings: Any) -> Iterator[Any]:
    """`sources`; before the first one that will be analysed, the places index is built if
    it is missing (with a message): not at all when every source is stored already."""
    from newsgraph.ingest.sources import Source

    prepared = False
    for item in sources:
        if not prepared and isinstance(item, Source):
            prepare_places_index(settings.stages)
            prepared = True
        yield item


def _store_results(store: Store, results: Iterator[Any], run: IngestRun) -> None:
    """Store articles in batches and collect failures; on Ctrl-C or a database that stays
    out of reach, keep what is stored (and store what was analysed) and note why."""
    from newsgraph.ingest.sources import Failure
    from newsgraph.store import StoreError

    batch: list[tuple[Article, str]] = []
    try:
        for result in results:
            run.seen += 1
            if isinstance(result, Failure):
                run.failures.append(result)
                continue
            if result.warnings:
                run.warned.append(result)
            batch.append((result, result.url or result.id))
            if len(batch) >= INGEST_BATCH:
                _flush(store, batch, run)
    except KeyboardInterrupt:
        run.stopped = "interrupted (Ctrl-C)"
    except StoreError as error:
        run.stopped = f"the database failed: {error}"
        return  # what is in `batch` could not be written
    if run.stopped:
        # Writes hold Ctrl-C back, but a look-up it cut may have left a connection in a
        # transaction; closing the pooled connections (now that the interrupted frames are
        # gone) makes sure none of them holds SQLite's lock when the last batch is written.
        store.engine.dispose()
    try:
        if batch:
            _flush(store, batch, run)
    except KeyboardInterrupt:
        run.stopped = "interrupted (Ctrl-C) while storing the last batch"
    except StoreError as error:
        failed = f"the database failed: {error}"
        run.stopped = f"{run.stopped}; storing the last {len(batch)} analysed article(s) " \
                      f"then failed too: {error}" if run.stopped else failed


def _flush(store: Store, batch: list[tuple[Article, str]], run: IngestRun) -> None:
    """Write `batch` in one transaction (retried while the database is out of reach); when
    an article cannot be stored, the others are stored one by one and it is a failure."""
    from newsgraph.ingest.sources import Failure
    from newsgraph.store import StoreError, StoreUnavailable

    ids = {article.id for article, _ in batch}
    try:
        results = _write_retrying(store, [article for article, _ in batch], run)
    except KeyboardInterrupt:
        run.cut |= ids  # the write may have committed before the interrupt got through
        raise
    except StoreUnavailable:
        raise
    except StoreError:
        results = []
        for article, origin in batch:  # find the article that cannot be stored
            try:
                results.extend(_write_retrying(store, [article], run))
            except StoreUnavailable:
                raise
            except StoreError as error:
                run.failures.append(Failure(origin, f"not stored: {error}", article.id))
                results.append(None)
    for (article, _), written in zip(batch, results, strict=True):
        if written and article.id in run.stored_before:
            run.replaced += 1
        elif written or (written is False and article.id in run.cut):
            run.new += 1
        elif written is False:
            run.skipped += 1
    run.cut -= ids
    batch.clear()
    run.interrupts.deliver()  # a Ctrl-C that came during the write, now that it is counted


def _write_retrying(store: Store, articles: list[Article], run: IngestRun) -> list[bool]:
    """`store.add_many` with Ctrl-C held back, tried again while the database cannot be
    reached (Ctrl-C during the pauses stops at once)."""
    def write() -> list[bool]:
        with run.interrupts.held():
            return store.add_many(articles, replace=run.force)

    return _retrying(write, "nothing of this batch was written", run.interrupts)


def _retrying(call: Callable[[], T], lost: str = "",
              interrupts: HeldInterrupt | None = None) -> T:
    """`call()`, tried again for up to `RETRY_SECONDS` while the database cannot be reached
    (a restarted server); each wait is reported on stderr."""
    from newsgraph.store import StoreUnavailable

    deadline = time.monotonic() + RETRY_SECONDS
    while True:
        try:
            return call()
        except StoreUnavailable as error:
            if interrupts is not None:
                interrupts.deliver()  # Ctrl-C during a failed write: no more tries
            if not error.retryable or time.monotonic() > deadline:
                raise
            typer.echo(f"warning: {error}; {lost + ', ' if lost else ''}trying again in "
                       f"{RETRY_PAUSE:g} s", err=True)
            time.sleep(RETRY_PAUSE)


def _report(run: IngestRun) -> None:
    """The counts on stdout; failures, an early stop and how to resume on stderr."""
    done = f"{run.new} new"
    if run.force:
        done += f", {run.replaced} replaced"
    typer.echo(f"{done}, {run.skipped} already stored, {len(run.failures)} failed")
    report_failures(run.failures, run.seen + run.skipped)
    report_warnings(run.warned)
    if run.stopped:
        stored = run.new + run.replaced
        typer.echo(f"stopped: {run.stopped}. The {stored} article(s) stored before that are "
                   "kept; run the same command again to resume (stored articles are skipped "
                   "without being analysed again).", err=True)
        raise typer.Exit(130 if "Ctrl-C" in run.stopped else 1)
    if run.skipped and not run.force:
        typer.echo(f"{run.skipped} article(s) were stored already and not analysed again "
                   "(--force analyses and replaces them).", err=True)
    if run.seen and len(run.failures) == run.seen:
        raise typer.Exit(1)
