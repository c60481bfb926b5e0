"""`newsgraph spark analyze`: the local pipeline on Apache Spark, written as Parquet tables.

The job reproduces `analyze_sources` over `read_sources` exactly, row for row:

1. Inputs expand on the driver in the local reader's order; one task per file reads
   raw records (no HTML parsing yet) and applies the domain/date filters.
2. `zipWithIndex` numbers the records in stream order; records are repartitioned by
   batch number (`seq // 32`), so one WARC becomes many tasks while each batch of 32
   stays together, as the local runner batches them (cleaning looks across a batch).
3. Workers parse the records (`RawRecord.to_source`); near-duplicates are found on the
   driver from the workers' MinHash signatures, in canonical-rank order, as
   `mark_duplicates` does (the same canonical copy whatever the input order).
4. Workers run `Analyzer.analyze_batch` on each batch, with the model loaded once per
   Python worker (never pickled or broadcast) and inside spaCy's `memory_zone()`.
5. Each table is written as Parquet with an explicit schema; counts are read back from
   the written tables, never from accumulators (retried tasks would count twice).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from newsgraph.model import Failure, Source
from newsgraph.scale.inputs import RawRecord, RecordFilter, expand_inputs, read_raw
from newsgraph.scale.parquet import MARKER  # marker file: format, inputs, row counts
from newsgraph.scale.tables import TABLES, Row, article_rows, error_row, spark_schema
from newsgraph.settings import Settings

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

    from newsgraph.pipeline import Analyzer

OUTPUT_VERSION = 1
LOGGER = logging.getLogger(__name__)
#: Articles per `analyze_batch` call: the local runner's batch, so the rows are identical.
BATCH_SIZE = 32


class SparkUnavailable(RuntimeError):
    """pyspark (or Java) is missing; the message says what to install."""


@dataclass(frozen=True)
class SparkJob:
    """What `analyze_to_parquet` does; the CLI flags map one to one onto these fields."""

    inputs: tuple[str, ...]
    out: str
    master: str | None = "local[2]"
    """None: take the master from spark-submit (or the active session)."""
    partitions: int | None = None
    """Analysis tasks; default: 4 per core, at most one per batch."""
    languages: tuple[str, ...] = ("en",)
    model: str | None = None
    keep: RecordFilter = field(default_factory=RecordFilter)
    dedup: bool = True
    overwrite: bool = False

    def settings(self) -> Settings:
        # Dedup runs across the whole job (driver side), never per batch.
        return Settings(model=self.model, languages=self.languages, batch_size=BATCH_SIZE,
                        dedup=False)


class Parsed(NamedTuple):
    """One stream item after parsing: a `Source`, or a `Failure` with the stage it failed in."""

    seq: int
    file: str
    offset: int | None
    item: Source | Failure
    stage: str


# -- session -------------------------------------------------------------------------------

def is_local(master: str | None) -> bool:
    if master is None:
        return "PYSPARK_GATEWAY_PORT" not in os.environ  # not under spark-submit
    return master.startswith("local")


def spark_session(master: str | None = "local[2]", shuffle_partitions: int = 4
                  ) -> SparkSession:
    """A SparkSession (the active one if any): UI off, few shuffle partitions, and in local
    mode Python workers on this interpreter, bound to 127.0.0.1."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as error:
        raise SparkUnavailable("pyspark is not installed: pip install 'newsgraph[spark]'"
                               ) from error
    if is_local(master):
        os.environ["PYSPARK_PYTHON"] = sys.executable
        os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    else:  # on a cluster, spark-submit's packed environment decides
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("newsgraph")
    if master:
        builder = builder.master(master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:
        builder = builder.master("local[2]")
    builder = (builder.config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
               .config("spark.python.worker.reuse", "true")
               .config("spark.sql.session.timeZone", "UTC"))
    try:
        session = builder.getOrCreate()
    except Exception as error:  # no Java, bad master URL, …
        raise SparkUnavailable(f"cannot start Spark: {type(error).__name__}: {error}"
                               ) from error
    session.sparkContext.setLogLevel("ERROR")
    return session


@contextmanager
def spark_session_for(master: str | None = "local[2]") -> Iterator[SparkSession]:
    """`spark_session`, stopped afterwards unless a session was already active."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as error:
        raise SparkUnavailable("pyspark is not installed: pip install 'newsgraph[spark]'"
                               ) from error
    own = SparkSession.getActiveSession() is None
    session = spark_session(master)
    try:
        yield session
    finally:
        if own:
            session.stop()


# -- worker side ---------------------------------------------------------------------------

_ANALYZER: Analyzer | None = None


def worker_analyzer(settings: Settings) -> Analyzer:
    """This Python worker's `Analyzer`, made (and its model loaded) on first use only."""
    global _ANALYZER
    if _ANALYZER is None or _ANALYZER.settings != settings:
        from newsgraph.pipeline import Analyzer

        _ANALYZER = Analyzer(settings)
    return _ANALYZER


def batch_of(seq: int, size: int = BATCH_SIZE) -> int:
    return seq // size


def _read_file(file: Any, keep: RecordFilter) -> Iterator[RawRecord]:
    """`read_raw`, with an unexpected crash turned into one error record."""
    try:
        yield from read_raw(file, keep)
    except Exception as error:
        yield RawRecord(file.path, None, "failure",
                        f"cannot read file: {type(error).__name__}: {error}")


def _parse_partition(records: Iterable[tuple[int, RawRecord]]) -> Iterator[Parsed]:
    for seq, raw in records:
        if raw.kind == "failure":
            yield Parsed(seq, raw.file, raw.offset, raw.to_source(), "read")
            continue
        try:
            item = raw.to_source()
        except Exception as error:
            item = Failure(raw.origin, f"parsing failed: {type(error).__name__}: {error}")
        yield Parsed(seq, raw.file, raw.offset, item, "extract")


def _signature(parsed: Parsed) -> list[tuple[int, str, list[int], tuple]]:
    """(seq, dedup key, MinHash values, canonical rank) of a source with text, as
    `mark_duplicates` keys and ranks it."""
    from newsgraph.ingest.dedup import canonical_rank, dedup_key, minhash

    item = parsed.item
    if not isinstance(item, Source) or not item.text.strip():
        return []
    key = dedup_key(item)
    return [(parsed.seq, key, minhash(item.text).hashvalues.tolist(),
             canonical_rank(item.published, item.text, key))]


def _run_batch(analyzer: Analyzer, sources: list[Source]) -> list[Any]:
    nlp = analyzer.nlp
    zone = nlp.memory_zone() if hasattr(nlp, "memory_zone") else nullcontext()
    with zone:  # strings and vocab added for these docs are freed afterwards
        return analyzer.analyze_batch(sources)


def analyze_rows(analyzer: Analyzer, batch: list[Parsed]) -> Iterator[tuple[str, Row]]:
    """(table, row) pairs for one batch; a failing batch is retried one source at a time."""
    good = [p for p in batch if isinstance(p.item, Source)]
    for p in batch:
        if isinstance(p.item, Failure):
            yield "errors", error_row(p.file, p.offset, p.stage, p.item.reason, p.item.origin,
                                      p.item.id)
    try:
        results = _run_batch(analyzer, [p.item for p in good])  # type: ignore[misc]
    except Exception:
        results = []
        for p in good:
            try:
                results.extend(_run_batch(analyzer, [p.item]))  # type: ignore[list-item]
            except Exception as error:
                results.append(Failure(p.item.origin, f"analysis failed: "
                                       f"{type(error).__name__}: {error}", p.item.id))
    for p, result in zip(good, results, strict=True):
        if isinstance(result, Failure):
            yield "errors", error_row(p.file, p.offset, "analyze", result.reason, result.origin,
                                      result.id)
            continue
        for table, rows in article_rows(result, p.file, p.offset).items():
            for row in rows:
                yield table, row


def _analyze_partition(settings: Settings, duplicates: Any, parsed: Iterable[Parsed]
                       ) -> Iterator[tuple[str, Row]]:
    """Runs on a worker: the partition holds whole batches, sorted by seq."""
    dups: dict[int, str] = duplicates.value if duplicates is not None else {}
    analyzer = None
    for _, group in groupby(parsed, key=lambda p: batch_of(p.seq, settings.batch_size)):
        batch = list(group)
        for p in batch:
            if isinstance(p.item, Source) and p.seq in dups:
                p.item.duplicate_of = dups[p.seq]
        analyzer = analyzer or worker_analyzer(settings)
        yield from analyze_rows(analyzer, batch)


class _Clock:
    """Seconds since the last call (phase timings for the log)."""

    def __init__(self) -> None:
        self.last = time.monotonic()

    def __call__(self) -> float:
        now = time.monotonic()
        elapsed, self.last = now - self.last, now
        return elapsed


# -- driver side ---------------------------------------------------------------------------

def find_duplicates(signatures: Iterable[tuple[int, str, list[int], tuple]]
                    ) -> dict[int, str]:
    """seq -> key of the canonical text it nearly copies (`ingest.dedup.assign_duplicates`)."""
    import numpy as np

    from newsgraph.ingest.dedup import NUM_PERM, THRESHOLD, assign_duplicates, empty_minhash

    template = empty_minhash(NUM_PERM)

    def entries() -> Iterator[tuple]:
        for seq, key, values, rank in signatures:
            signature = template.copy()
            signature.hashvalues = np.array(values, dtype=template.hashvalues.dtype)
            yield tuple(rank), key, signature, seq

    return assign_duplicates(entries(), THRESHOLD)


def _check_out(out: str, overwrite: bool) -> None:
    path = Path(out)
    if path.exists() and any(path.iterdir()):
        if not overwrite:
            raise FileExistsError(f"{out} is not empty; choose a new folder or pass --overwrite")
        if not (path / MARKER).exists() and not (path / "articles").is_dir():
            raise FileExistsError(f"{out} is not a newsgraph Parquet output; not overwriting it")
        shutil.rmtree(path)


def _local_out(out: str) -> str | None:
    """The local folder of `out`, or None for a URL (hdfs://, s3a://, …)."""
    from urllib.parse import urlsplit

    scheme = urlsplit(out).scheme
    if len(scheme) > 1 and scheme != "file":
        return None
    return str(Path(out.removeprefix("file://")).resolve())


def count_rows(spark: SparkSession, table: str, local: bool) -> int:
    """Rows of a written table: from the Parquet footers when local, else a Spark count."""
    if not local:
        return spark.read.parquet(table).count()
    import pyarrow.parquet as pq

    parts = [p for p in Path(table).rglob("*.parquet") if not p.name.startswith((".", "_"))]
    return sum(pq.read_metadata(part).num_rows for part in parts)


def analyze_to_parquet(job: SparkJob, spark: SparkSession | None = None) -> dict[str, int]:
    """Run `job`; returns the row count of each written table."""
    from pyspark import StorageLevel

    local = _local_out(job.out)
    if local:
        _check_out(local, job.overwrite)
    files = expand_inputs(job.inputs)
    if not files:
        raise ValueError("no input files found (WARC, JSONL, HTML or text)")
    spark = spark or spark_session(job.master)
    sc = spark.sparkContext
    settings = job.settings()
    cached: list[RDD] = []
    clock = _Clock()
    try:
        raw = sc.parallelize(files, len(files)).flatMap(partial(_read_file, keep=job.keep))
        raw = raw.persist(StorageLevel.MEMORY_AND_DISK)
        cached.append(raw)
        total = raw.count()
        LOGGER.info("read %d records from %d files: %.1f s", total, len(files), clock())
        batches = max(1, -(-total // BATCH_SIZE))
        partitions = job.partitions or min(batches, sc.defaultParallelism * 4)
        parsed = (raw.zipWithIndex().map(lambda pair: (pair[1], pair[0]))
                  .repartitionAndSortWithinPartitions(
                      partitions, partitionFunc=partial(batch_of, size=BATCH_SIZE))
                  .mapPartitions(_parse_partition, preservesPartitioning=True)
                  .persist(StorageLevel.MEMORY_AND_DISK))
        cached.append(parsed)
        duplicates = None
        if job.dedup:
            signatures = parsed.flatMap(_signature).sortBy(lambda s: s[0]).toLocalIterator()
            duplicates = sc.broadcast(find_duplicates(signatures))
        else:
            parsed.count()
        LOGGER.info("parsed, %d near-duplicates: %.1f s",
                    len(duplicates.value) if duplicates else 0, clock())
        raw.unpersist()
        rows = parsed.mapPartitions(partial(_analyze_partition, settings, duplicates))
        rows = rows.persist(StorageLevel.MEMORY_AND_DISK)
        cached.append(rows)
        target = local or job.out.rstrip("/")
        for table in TABLES:
            table_rows = rows.filter(lambda pair, t=table: pair[0] == t).map(lambda pair: pair[1])
            frame = spark.createDataFrame(table_rows, spark_schema(table))
            frame.write.mode("errorifexists").parquet(f"{target}/{table}")
            LOGGER.info("wrote %s: %.1f s", table, clock())
        counts = {table: count_rows(spark, f"{target}/{table}", local is not None)
                  for table in TABLES}
    finally:
        for rdd in cached:
            rdd.unpersist()
    if local:
        marker = {"format": "newsgraph-parquet", "version": OUTPUT_VERSION,
                  "schema_version": 1, "inputs": list(job.inputs), "counts": counts,
                  "tables": {name: [c for c, _ in columns] for name, columns in TABLES.items()}}
        Path(local, MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    return counts


def parse_day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
