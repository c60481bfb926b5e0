"""The runner: text in, annotated `Article` out, one small stage at a time.

Each stage is made by a factory (`Stage.factory`, "module:function") that receives the
run's `Resources` (places index, reference date ...; see `newsgraph.resources`) and
returns a function `Document -> None`. That function reads the spaCy parse and what
earlier stages assigned, and adds its own annotations to `document.article`.

The contract is checked before the model loads: every stage declares what it reads
(`requires`) and what it adds (`assigns`); a stage whose inputs no earlier stage assigns
is refused under `Settings.strict` (an error naming the missing inputs) and otherwise
skipped with a warning. What a stage reads only when it is there (`uses`: events read the
portrayal of the mentions in quotes) is read from the stages before it. While running, a
stage that fails on an article adds nothing to `Document.assigned`, so the stages that need
it are skipped on that article, with a warning; the runner names the stage and the article
in every error, and (unless strict) turns a failure into a warning so that the rest of the
article and the batch go on.
Under `Settings.strict` the runner also checks after each stage that every span's
offsets slice its text out of the article (`text[start:end] == span.text`).
"""

from __future__ import annotations

import importlib
import re
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from newsgraph.batches import batched
from newsgraph.ingest.headline import headline_of
from newsgraph.model import Article, Document, Failure, Source, content_id, misaligned_spans
from newsgraph.resources import Resources
from newsgraph.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["STAGES", "Analyzer", "Document", "Stage", "StageError", "StageSkipped",
           "analyze_sources", "check_stages"]

StageFunc = Callable[[Document], None]


@dataclass(frozen=True)
class Stage:
    name: str
    factory: str
    """`module:function` of the stage's factory `(Resources) -> StageFunc`, imported lazily."""
    requires: tuple[str, ...] = ()
    """What the stage reads that earlier stages assign."""
    assigns: tuple[str, ...] = ()
    """What the stage adds when it succeeds."""
    uses: tuple[str, ...] = ()
    """What the stage reads when an earlier stage assigned it, and does without otherwise."""

    def load(self, resources: Resources) -> StageFunc:
        """The stage's function, made by its factory from `resources`."""
        module, _, func = self.factory.partition(":")
        return getattr(importlib.import_module(module), func)(resources)


STAGES: dict[str, Stage] = {
    stage.name: stage
    for stage in (
        Stage("entities", "newsgraph.stages.entities:make_entities", (), ("entities",)),
        Stage("dates", "newsgraph.stages.dates:make_dates", (), ("dates",)),
        Stage("amounts", "newsgraph.stages.amounts:make_amounts", (), ("amounts",)),
        Stage("places", "newsgraph.stages.places:make_places", ("entities",), ("places",)),
        Stage("quotes", "newsgraph.stages.quotes:make_quotes", ("entities", "dates"),
              ("quotes",)),
        Stage("tone", "newsgraph.stages.tone:make_tone", (), ("tone",)),
        Stage("portrayal", "newsgraph.stages.portrayal:make_portrayal", ("entities",),
              ("portrayal",), uses=("tone",)),
        Stage("events", "newsgraph.stages.events:make_events",
              ("entities", "dates", "places", "quotes"), ("events",), uses=("portrayal",)),
        Stage("counts", "newsgraph.stages.counts:make_counts", ("amounts",), ("counts",)),
        Stage("themes", "newsgraph.stages.themes:make_themes", (), ("themes",)),
    )
}


class StageError(RuntimeError):
    """A stage failed; the message names the stage and the article."""


class StageContractError(ValueError):
    """The chosen stages do not fit together: unknown, or missing an input (strict mode)."""


class StageSkipped(UserWarning):
    """A stage was left out because an input it reads is not assigned by an earlier stage."""


def check_stages(names: Iterable[str], strict: bool = True) -> list[Stage]:
    """The `Stage`s for `names`, in order, each with all it `requires` assigned before it.

    A stage that misses an input raises `StageContractError` naming the missing inputs
    when `strict`; otherwise it is left out with a `StageSkipped` warning (and so are the
    stages that need what it would have assigned).
    """
    chosen: list[Stage] = []
    assigned: set[str] = set()
    for name in names:
        if name not in STAGES:
            raise StageContractError(
                f"unknown stage {name!r}; known stages: {', '.join(STAGES)}")
        stage = STAGES[name]
        missing = [need for need in stage.requires if need not in assigned]
        if missing:
            message = (f"stage {name!r} needs {', '.join(missing)} from an earlier stage; "
                       f"add {' and '.join(repr(m) for m in missing)} before it")
            if strict:
                raise StageContractError(message)
            warnings.warn(f"{message}: skipped", StageSkipped, stacklevel=2)
            continue
        assigned.update(stage.assigns)
        chosen.append(stage)
    return chosen


def check_offsets(stage: Stage, article: Article) -> None:
    """Raise `StageError` when a span in `article` does not slice its text (strict mode)."""
    problems = misaligned_spans(article)
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise StageError(f"stage {stage.name!r} on article {article.id}: offsets do not "
                         f"slice the text: {'; '.join(problems[:3])}{more}")


def parse_published(value: str | date | None) -> date | None:
    """A publish date from ISO text (a datetime is cut to its day); None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip()[:10])


#: Characters that no store or encoder takes: lone UTF-16 surrogates (from JSON "\\ud800")
#: and NUL (PostgreSQL text refuses it).
_UNSTORABLE = re.compile(r"[\ud800-\udfff\x00]")


def storable_text(text: str) -> tuple[str, list[str]]:
    """`text` with unstorable characters replaced one for one by U+FFFD (so offsets hold),
    and a warning when there were any."""
    found = len(_UNSTORABLE.findall(text))
    if not found:
        return text, []
    return _UNSTORABLE.sub("\ufffd", text), [
        f"{found} character(s) that cannot be stored (lone surrogates, NUL) replaced by U+FFFD"]


class Analyzer:
    """Runs the configured stages over sources; holds the loaded model and stage functions."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        chosen = check_stages(self.settings.stages, strict=self.settings.strict)
        self.resources = Resources(self.settings.reference_date or date.today())
        self.stages = [(stage, stage.load(self.resources)) for stage in chosen]
        self._nlp: Language | None = None
        self._versions: dict[str, str] | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from newsgraph.nlp import load_model

            self._nlp = load_model(self.settings.model)
        return self._nlp

    def versions(self) -> dict[str, str]:
        """The versions every output records (read once: `nlp.meta` lists the model's labels
        and takes about 10 ms)."""
        if self._versions is None:
            self._versions = self._read_versions()
        return dict(self._versions)

    def _read_versions(self) -> dict[str, str]:
        import spacy

        from newsgraph.version import __version__

        meta = self.nlp.meta
        return {
            "newsgraph": __version__,
            "spacy": spacy.__version__,
            "model": f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}",
            "schema": "1",
        }

    # -- one batch --------------------------------------------------------

    def prepare(self, source: Source) -> Article | Failure:
        """Check, clean and identify one source; no parsing yet. The result depends on the
        source alone (never on the rest of its batch), so output does not change with
        workers, batch size or input order."""
        from newsgraph.ingest.clean import clean_text
        from newsgraph.ingest.language import detect_language

        failure = self._refuse(source)
        if failure:
            return failure
        text, notes = storable_text(source.text)
        published = self._published(source, notes)
        removed = []
        if self.settings.clean:
            cleaned = clean_text(text)
            text, removed = cleaned.text, cleaned.removed
            if not text.strip():
                return Failure(source.origin, "no article text left after removing page chrome",
                               source.id)
        article = Article(
            # The id hashes the text as given, so it stays the same when cleaning improves.
            id=source.id or content_id(source.text),
            url=source.url,
            title=source.title or headline_of(source.text),
            published=published.isoformat() if published else None,
            site=source.site,
            authors=list(source.authors),
            text=text,
            removed=removed,
            warnings=list(source.warnings) + notes,
            canonical_url=source.canonical_url,
            duplicate_of=source.duplicate_of,
            tags=list(source.tags),
        )
        article._origin = source.origin
        if article.duplicate_of:
            article.warnings.append(
                f"near-duplicate of article {article.duplicate_of}: not analysed again")
        article.language = detect_language(text, source.language)
        if source.language and article.language != source.language:
            article.warnings.append(f"its source publishes in {source.language!r}, but the "
                                    f"text reads as {article.language!r}")
        if article.language not in self.settings.languages:
            article.warnings.append(
                f"language {article.language!r} is not analysed (stages run on: "
                f"{', '.join(self.settings.languages)}); article kept without annotations"
            )
        return article

    def _refuse(self, source: Source) -> Failure | None:
        """A failure for a source that cannot be analysed at all (empty, too long)."""
        text = source.text
        if not text or not text.strip():
            return Failure(source.origin, "empty document: no text to analyse", source.id)
        if len(text) > self.settings.max_chars:
            return Failure(
                source.origin,
                f"text too long: {len(text):,} characters > limit {self.settings.max_chars:,} "
                "(split it, or raise --max-chars)",
                source.id,
            )
        return None

    @staticmethod
    def _published(source: Source, notes: list[str]) -> date | None:
        """The publish date; one that cannot be read is left out with a warning (the
        article is kept; relative dates then stay unresolved)."""
        try:
            return parse_published(source.published)
        except ValueError:
            notes.append(f"publish date {source.published!r} not understood (expected "
                            "YYYY-MM-DD): left out, relative dates are not resolved")
            return None

    def run_stages(self, article: Article, doc: Doc,
                   timings: dict[str, float] | None = None,
                   clock: Callable[[], float] = time.perf_counter) -> Article:
        """Run every stage over one parsed article. With `timings`, each stage's time by
        `clock` is added under its name (benchmarks read stage costs this way)."""
        document = Document(article, doc, parse_published(article.published))
        for stage, func in self.stages:
            missing = [need for need in stage.requires if need not in document.assigned]
            if missing:
                article.warnings.append(
                    f"stage {stage.name!r} skipped on article {article.id}: "
                    f"{', '.join(missing)} failed before it")
                continue
            try:
                if timings is None:
                    func(document)
                else:
                    began = clock()
                    func(document)
                    timings[stage.name] = timings.get(stage.name, 0.0) + clock() - began
            except Exception as error:  # one bad stage must not sink the batch
                message = f"stage {stage.name!r} failed on article {article.id}: " \
                          f"{type(error).__name__}: {error}"
                if self.settings.strict:
                    raise StageError(message) from error
                article.warnings.append(message)
                continue
            if self.settings.strict:
                check_offsets(stage, article)
            document.assigned.update(stage.assigns)
        return article

    def analyze_batch(self, sources: list[Source]) -> list[Article | Failure]:
        """Analyse one batch in this process; results keep the order of `sources`."""
        with fewer_young_collections():
            return self._analyze_batch(sources)

    def _analyze_batch(self, sources: list[Source]) -> list[Article | Failure]:
        prepared = [self.prepare(source) for source in sources]
        todo = [item for item in prepared if isinstance(item, Article)
                and item.language in self.settings.languages and not item.duplicate_of]
        versions = self.versions()
        docs = self.nlp.pipe((a.text for a in todo), batch_size=self.settings.batch_size)
        for article, doc in zip(todo, docs, strict=True):
            self.run_stages(article, doc)
        for item in prepared:
            if isinstance(item, Article):
                item.versions = dict(versions)
        if todo:
            settle_loaded_objects()
        return prepared


#: The cyclic garbage collector's first threshold while a batch is analysed (Python's
#: default is 700): the parse and the stages make and drop millions of short-lived objects,
#: and at 700 the collector ran about 590 times over the 84 `polnear_dev` articles (0.25-0.30 s
#: of CPU; 3 times and 0.04-0.05 s at 50,000). Objects are still freed by reference counting;
#: only garbage in reference cycles waits a little longer.
BATCH_GC_THRESHOLD = 50_000
_gc_lock = threading.Lock()
_gc_batches = 0
_gc_saved: tuple[int, int, int] = (0, 0, 0)


@contextmanager
def fewer_young_collections() -> Iterator[None]:
    """Raise the collector's first threshold to `BATCH_GC_THRESHOLD` while a batch runs
    (batches in several threads share one raise), then put back what was set before."""
    import gc

    global _gc_batches, _gc_saved
    with _gc_lock:
        if _gc_batches == 0:
            _gc_saved = gc.get_threshold()
            if 0 < _gc_saved[0] < BATCH_GC_THRESHOLD:  # 0: collection switched off by the user
                gc.set_threshold(BATCH_GC_THRESHOLD, *_gc_saved[1:])
        _gc_batches += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_batches -= 1
            if _gc_batches == 0:
                gc.set_threshold(*_gc_saved)


_settled = False


def settle_loaded_objects() -> None:
    """Once per process, after the first analysed batch (model, stage data and lazy imports
    loaded): move every object then alive out of the cyclic garbage collector's sight
    (`gc.freeze`). Each full collection would otherwise walk the hundreds of thousands of
    objects of the loaded model and stage tables again; they live as long as the process, so
    nothing they hold is ever garbage. Objects are still freed by reference counting."""
    global _settled
    if _settled:
        return
    import gc

    _settled = True
    gc.collect()
    gc.freeze()


# -- batches across worker processes -------------------------------------------

_worker: Analyzer | None = None
#: Sources per job sent to a worker: small, so that all workers stay busy to the end.
WORKER_JOB_SIZE = 8


def _init_worker(settings: Settings) -> None:
    import signal

    global _worker
    # Ctrl-C reaches every process of the terminal's group: the parent stops the pool,
    # a worker must not die with a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warnings.simplefilter("ignore", StageSkipped)  # the parent process warned already
    _worker = Analyzer(settings)
    _worker.nlp  # noqa: B018 - load the model once per worker, before the first batch


def _run_in_worker(sources: list[Source]) -> list[Article | Failure]:
    assert _worker is not None
    return _worker.analyze_batch(sources)


@contextmanager
def worker_pool(settings: Settings) -> Iterator[Any]:
    """`settings.workers` processes, each with the model loaded before this yields."""
    import multiprocessing
    import time

    check_stages(settings.stages, strict=settings.strict)
    # Every worker reads undated articles against the same day, even across midnight.
    settings = replace(settings, reference_date=settings.reference_date or date.today())
    context = multiprocessing.get_context("spawn")
    with _ctrl_c_ignored():  # inherited by the workers from their very start
        pool = context.Pool(settings.workers, initializer=_init_worker, initargs=(settings,))
    with pool:
        ready: set[int] = set()
        deadline = time.monotonic() + 300
        while len(ready) < settings.workers and time.monotonic() < deadline:
            ready.update(pool.map(_worker_pid, range(settings.workers), chunksize=1))
        yield pool


@contextmanager
def _ctrl_c_ignored() -> Iterator[None]:
    """SIGINT ignored meanwhile (in the main thread; elsewhere signals cannot be set)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _worker_pid(_: int) -> int:
    import os
    import time

    time.sleep(0.05)  # lets the other workers take a task too
    return os.getpid()


def analyze_sources(
    sources: Iterable[Source | Failure], settings: Settings | None = None, pool: Any = None
) -> Iterator[Article | Failure]:
    """Analyse a stream of sources, in order; read failures pass through unchanged.

    With `settings.workers > 1`, small jobs go to that many worker processes, each
    of which loads the model once; pass a `worker_pool(settings)` to reuse one.
    """
    settings = settings or Settings()
    if settings.dedup:
        from newsgraph.ingest.dedup import mark_duplicates

        sources = mark_duplicates(sources)

    def split(batch: list[Source | Failure]) -> tuple[list[Source], list[int]]:
        good = [i for i, item in enumerate(batch) if isinstance(item, Source)]
        return [batch[i] for i in good], good

    def merge(batch: list[Source | Failure], good: list[int], results: list) -> list:
        merged: list[Article | Failure] = list(batch)  # type: ignore[arg-type]
        for index, result in zip(good, results, strict=True):
            merged[index] = result
        return merged

    if settings.workers <= 1 and pool is None:
        analyzer = Analyzer(settings)
        for batch in batched(sources, settings.batch_size):
            good_sources, good = split(batch)
            yield from merge(batch, good, analyzer.analyze_batch(good_sources))
        return

    if pool is None:
        with worker_pool(settings) as own_pool:
            yield from analyze_sources(sources, replace(settings, dedup=False), own_pool)
        return

    pending: deque[tuple[list, list[int]]] = deque()

    def jobs() -> Iterator[list[Source]]:
        for batch in batched(sources, min(settings.batch_size, WORKER_JOB_SIZE)):
            good_sources, good = split(batch)
            pending.append((batch, good))
            yield good_sources

    for results in pool.imap(_run_in_worker, jobs()):
        batch, good = pending.popleft()
        yield from merge(batch, good, results)
