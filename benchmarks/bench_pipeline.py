"""Pipeline throughput: newsgraph's full analysis against spaCy's own parse of the same texts.

Run from the repository root:

    python benchmarks/bench_pipeline.py [--gold PATH] [--repeat N] [--workers 1 2] [--json OUT]

Every measurement runs in a fresh subprocess (so its peak RSS is its own), the
measurements are interleaved round-robin over `--repeat` rounds (so drift in the
machine's speed hits all of them alike), and the table reports the **median**
time of the rounds (the best time is kept in the JSON too). Model loading and
one-off lazy loads are outside the timed section in every measurement:

* ``spacy-parse``: ``load_model()``, one short warm-up text, then
  ``list(nlp.pipe(texts, batch_size=32))`` is timed: the same model, all its
  components. This is the ceiling.
* ``pipeline-w1``: ``list(analyze_sources(sources, Settings(workers=1)))`` after
  a warm-up call on a few short texts (model, stage modules, their data).
* ``pipeline-wN``: the same with ``Settings(workers=N)``. ``analyze_sources``
  owns its process pool, so the source iterator gates it: it yields nothing
  until every worker has finished its initializer (model loaded, process idle),
  then one warm-up batch per worker, then it waits until those results are back
  and only then starts the clock and yields the real sources. The clock stops
  when the last real result arrives (pool tear-down is excluded).

Peak RSS: ``ru_maxrss`` of the measuring process (RUSAGE_SELF) and, for pool
runs, of its largest worker (RUSAGE_CHILDREN after the pool is joined); the
table shows the larger one, i.e. the peak RSS of any one process.

A cProfile pass of the full pipeline (one worker) follows, with the top
newsgraph functions by cumulative time and a per-stage wall-clock breakdown.

The texts are licence-restricted: they are read from outside the repository and
only counts and figures are written out, never text or article ids.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO.parent / "shared" / "eval" / "quotes" / "polnear_dev.jsonl"
SPACY_BATCH = 32
PROFILE_TOP = 15

# -- data ----------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One article of the benchmark set: only what `Source` needs."""

    id: str
    text: str
    published: str | None
    origin: str


def load_records(path: Path) -> list[Record]:
    """The articles of a JSONL file with `id`, `text` and `meta.publication_date`."""
    records: list[Record] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            meta = row.get("meta") if isinstance(row.get("meta"), dict) else {}
            records.append(Record(
                id=str(row.get("id") or f"line-{number}"),
                text=row["text"],
                published=meta.get("publication_date") or None,
                origin=f"{path.name}:{number}",
            ))
    return records


def word_count(texts: list[str]) -> int:
    """Whitespace-separated tokens."""
    return sum(len(text.split()) for text in texts)


def speedup_cap(texts: list[str], batch_size: int, workers: int) -> float:
    """Best speed-up over one worker that batches of `batch_size` allow, time ~ words.

    The pool hands out whole batches in order to the first free worker, so with
    few batches the last one leaves the other workers idle.
    """
    free = [0] * workers
    for begin in range(0, len(texts), batch_size):
        slot = free.index(min(free))
        free[slot] += word_count(texts[begin:begin + batch_size])
    return sum(free) / max(free) if max(free) else 1.0


def warmup_texts(count: int) -> list[str]:
    """Short, distinct English texts that touch every stage (entity, date, amount)."""
    cities = ("Boston", "Chicago", "Denver", "Atlanta", "Seattle", "Phoenix", "Dallas", "Miami")
    return [
        f"The mayor of {cities[i % len(cities)]}, Jane Miller, said on March {i % 28 + 1}, 2016 "
        f"that the city would spend ${i + 3} million on {i + 2} new schools next year."
        for i in range(count)
    ]


def make_sources(records: list[Record]) -> list[Any]:
    from newsgraph.ingest.sources import Source

    return [Source(text=r.text, origin=r.origin, id=r.id, published=r.published)
            for r in records]


def make_warmup_sources(count: int) -> list[Any]:
    from newsgraph.ingest.sources import Source

    return [Source(text=text, origin=f"<warm-up>:{i}", id=f"warm-up-{i}", published="2016-06-01")
            for i, text in enumerate(warmup_texts(count))]


# -- measurements (each runs in its own subprocess) ----------------------------


def _maxrss_mb(who: int) -> float:
    import resource

    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def _model_versions(nlp: Any) -> dict[str, str]:
    import spacy

    import newsgraph

    meta = nlp.meta
    return {
        "newsgraph": newsgraph.__version__,
        "spacy": spacy.__version__,
        "model": f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}",
        "model_components": ",".join(nlp.pipe_names),
    }


def _summarise(results: list[Any]) -> dict[str, int]:
    from newsgraph.model import Article

    articles = [r for r in results if isinstance(r, Article)]
    return {
        "articles": len(articles),
        "failures": len(results) - len(articles),
        "stage_warnings": sum(
            1 for a in articles for w in a.warnings if w.startswith("stage ")
        ),
    }


def measure_spacy(records: list[Record]) -> dict[str, Any]:
    """spaCy parse-only: the same model and components, no newsgraph code."""
    import resource

    from newsgraph.nlp import load_model

    start = time.perf_counter()
    nlp = load_model()
    nlp("A short warm-up sentence about Boston on 3 May 2016.")
    load_s = time.perf_counter() - start
    texts = [r.text for r in records]
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=SPACY_BATCH))
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "load_s": load_s,
        "tokens": sum(len(doc) for doc in docs),
        "rss_self_mb": _maxrss_mb(resource.RUSAGE_SELF),
        "rss_workers_mb": None,
        "versions": _model_versions(nlp),
    }


def measure_pipeline_inprocess(records: list[Record], batch_size: int) -> dict[str, Any]:
    """The full pipeline in this process (`workers=1`)."""
    import resource

    from newsgraph.nlp import load_model
    from newsgraph.pipeline import analyze_sources
    from newsgraph.settings import Settings

    settings = Settings(workers=1, batch_size=batch_size)
    start = time.perf_counter()
    nlp = load_model(settings.model)
    list(analyze_sources(make_warmup_sources(4), settings))
    load_s = time.perf_counter() - start
    sources = make_sources(records)
    start = time.perf_counter()
    results = list(analyze_sources(sources, settings))
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "load_s": load_s,
        **_summarise(results),
        "rss_self_mb": _maxrss_mb(resource.RUSAGE_SELF),
        "rss_workers_mb": None,
        "versions": _model_versions(nlp),
    }


def _pool_workers() -> list[Any]:
    """This process's pool workers (spawned children, not the resource tracker)."""
    import psutil

    workers = []
    for child in psutil.Process().children():
        try:
            if "--multiprocessing-fork" in child.cmdline():
                workers.append(child)
        except psutil.Error:
            continue
    return workers


def wait_until_workers_idle(count: int, quiet_s: float = 0.5, timeout_s: float = 300) -> None:
    """Block until `count` pool workers exist and none has used CPU for `quiet_s` seconds.

    A worker that has run its initializer (model loaded) sits blocked on the task
    queue, so its CPU time stops moving; a worker still importing or loading
    keeps it moving.
    """
    import psutil

    deadline = time.monotonic() + timeout_s
    last: dict[int, float] = {}
    quiet_since: dict[int, float] = {}
    while time.monotonic() < deadline:
        time.sleep(0.05)
        workers = _pool_workers()
        if len(workers) < count:
            continue
        now = time.monotonic()
        ready = 0
        for worker in workers:
            try:
                cpu = sum(worker.cpu_times()[:2])
            except psutil.Error:
                continue
            if last.get(worker.pid) != cpu:
                last[worker.pid] = cpu
                quiet_since[worker.pid] = now
            elif cpu > 0.2 and now - quiet_since[worker.pid] >= quiet_s:
                ready += 1
        if ready >= count:
            return
    raise TimeoutError(f"pool workers not idle after {timeout_s:.0f} s")


class _PeakTreeRss:
    """Samples the summed RSS of this process and its children (psutil), in a thread."""

    def __init__(self, interval_s: float = 0.02) -> None:
        self.interval_s = interval_s
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    continue
            self.peak_mb = max(self.peak_mb, total / 2**20)
            self._stop.wait(self.interval_s)

    def __enter__(self) -> _PeakTreeRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def measure_pipeline_pool(records: list[Record], workers: int, batch_size: int) -> dict[str, Any]:
    """The full pipeline with a pool of `workers` processes; pool start and model load untimed."""
    import resource

    from newsgraph.model import Article
    from newsgraph.pipeline import analyze_sources
    from newsgraph.settings import Settings

    settings = Settings(workers=workers, batch_size=batch_size)
    warmup = make_warmup_sources(workers * batch_size)  # one batch per worker
    sources = make_sources(records)
    go = threading.Event()
    marks: dict[str, float] = {}

    def feed() -> Iterator[Any]:
        # Runs in the pool's task-feeding thread: nothing is submitted until the
        # workers have loaded the model, and no real source until warm-up is back.
        wait_until_workers_idle(workers)
        marks["ready"] = time.perf_counter()
        yield from warmup
        go.wait()
        yield from sources

    with _PeakTreeRss() as tree:
        begin = time.perf_counter()
        stream = analyze_sources(feed(), settings)
        for _ in range(len(warmup)):
            next(stream)
        start = time.perf_counter()
        go.set()
        results = [next(stream) for _ in sources]
        seconds = time.perf_counter() - start
        for _ in stream:  # exhaust: the pool is terminated and joined
            pass
    versions = {}
    first = next((r for r in results if isinstance(r, Article)), None)
    if first is not None:
        versions = dict(first.versions)
        versions.pop("schema", None)
    return {
        "seconds": seconds,
        "load_s": marks["ready"] - begin,
        "warmup_s": start - marks["ready"],
        **_summarise(results),
        "rss_self_mb": _maxrss_mb(resource.RUSAGE_SELF),
        "rss_workers_mb": _maxrss_mb(resource.RUSAGE_CHILDREN),
        "rss_tree_peak_mb": round(tree.peak_mb, 1),
        "versions": versions,
    }


def profile_pipeline(records: list[Record], batch_size: int) -> dict[str, Any]:
    """cProfile of one full in-process run, plus a wall-clock per-stage breakdown."""
    import cProfile
    import pstats
    from collections import defaultdict

    import newsgraph
    from newsgraph import pipeline
    from newsgraph.nlp import load_model
    from newsgraph.settings import Settings

    settings = Settings(workers=1, batch_size=batch_size)
    load_model(settings.model)
    list(pipeline.analyze_sources(make_warmup_sources(4), settings))

    # Pass 1: wall clock per stage, no profiler overhead.
    spent: dict[str, float] = defaultdict(float)
    original_load = pipeline.Stage.load
    original_prepare = pipeline.Analyzer.prepare

    def timed_load(stage: pipeline.Stage, resources: Any) -> pipeline.StageFunc:
        func = original_load(stage, resources)

        def run(document: pipeline.Document) -> None:
            begin = time.perf_counter()
            try:
                func(document)
            finally:
                spent[f"stage {stage.name}"] += time.perf_counter() - begin

        return run

    def timed_prepare(self: pipeline.Analyzer, source: Any) -> Any:
        begin = time.perf_counter()
        try:
            return original_prepare(self, source)
        finally:
            spent["prepare (clean, language)"] += time.perf_counter() - begin

    pipeline.Stage.load = timed_load  # type: ignore[method-assign]
    pipeline.Analyzer.prepare = timed_prepare  # type: ignore[method-assign]
    try:
        start = time.perf_counter()
        list(pipeline.analyze_sources(make_sources(records), settings))
        total = time.perf_counter() - start
    finally:
        pipeline.Stage.load = original_load  # type: ignore[method-assign]
        pipeline.Analyzer.prepare = original_prepare  # type: ignore[method-assign]
    breakdown = dict(spent)
    breakdown["spaCy parse + rest"] = total - sum(spent.values())

    # Pass 2: cProfile, restricted to newsgraph's own modules.
    profiler = cProfile.Profile()
    profiler.enable()
    list(pipeline.analyze_sources(make_sources(records), settings))
    profiler.disable()
    package_dir = str(Path(newsgraph.__file__).resolve().parent)
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    rows = []
    for (filename, line, func), (_cc, calls, tottime, cumtime, _callers) in stats.items():
        if not str(Path(filename).resolve()).startswith(package_dir):
            continue
        module = str(Path(filename).resolve().relative_to(Path(package_dir).parent))
        rows.append({"function": f"{module}:{line}({func})", "calls": calls,
                     "tottime_s": round(tottime, 3), "cumtime_s": round(cumtime, 3)})
    rows.sort(key=lambda row: row["cumtime_s"], reverse=True)
    return {
        "total_s": total,
        "breakdown_s": {k: round(v, 3) for k, v in
                        sorted(breakdown.items(), key=lambda kv: kv[1], reverse=True)},
        "top": rows[:PROFILE_TOP],
    }


def child_main(kind: str, gold: Path, workers: int, batch_size: int, out: Path) -> None:
    """Entry point of a measuring subprocess: one measurement, written as JSON to `out`."""
    records = load_records(gold)
    if kind == "spacy":
        result = measure_spacy(records)
    elif kind == "pipeline" and workers <= 1:
        result = measure_pipeline_inprocess(records, batch_size)
    elif kind == "pipeline":
        result = measure_pipeline_pool(records, workers, batch_size)
    elif kind == "profile":
        result = profile_pipeline(records, batch_size)
    else:
        raise SystemExit(f"unknown measurement {kind!r}")
    out.write_text(json.dumps(result))


# -- the driver ------------------------------------------------------------------


def _busy_cpu_s() -> float | None:
    """CPU seconds all processes have used since boot (Linux /proc/stat), or None."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def run_child(kind: str, gold: Path, workers: int, batch_size: int) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter and return its JSON result.

    Also records `other_cpu_share`: the share of the machine's CPU capacity that
    processes outside this benchmark used while the child ran (0 on a quiet machine).
    """
    import resource

    own_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy_before, wall_before = _busy_cpu_s(), time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--gold", str(gold),
                   "--child", kind, "--child-workers", str(workers),
                   "--batch-size", str(batch_size), "--child-out", str(out)]
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
        if completed.returncode != 0 or not out.exists():
            sys.stderr.write(completed.stderr)
            raise SystemExit(f"measurement {kind} (workers={workers}) failed "
                             f"with exit code {completed.returncode}")
        result = json.loads(out.read_text())
    wall = time.monotonic() - wall_before
    own_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy_after = _busy_cpu_s()
    if busy_before is not None and busy_after is not None and wall > 0:
        own = (own_after.ru_utime - own_before.ru_utime
               + own_after.ru_stime - own_before.ru_stime)
        other = max(0.0, busy_after - busy_before - own)
        result["other_cpu_share"] = round(other / (wall * (os.cpu_count() or 1)), 3)
    return result


def machine_facts() -> dict[str, Any]:
    cpu_model = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    facts: dict[str, Any] = {
        "cpu_count": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu_model": cpu_model,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    try:
        import psutil

        facts["memory_gb"] = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        pass
    return facts


def _row(name: str, runs: list[dict[str, Any]], n_articles: int, n_words: int) -> dict[str, Any]:
    times = [run["seconds"] for run in runs]
    median = statistics.median(times)
    last = runs[-1]
    peak = max(max(run["rss_self_mb"], run["rss_workers_mb"] or 0.0) for run in runs)
    row = {
        "name": name,
        "times_s": [round(t, 3) for t in times],
        "median_s": round(median, 3),
        "best_s": round(min(times), 3),
        "articles_per_s": round(n_articles / median, 2),
        "words_per_s": round(n_words / median),
        "peak_rss_mb": round(peak, 1),
        "rss_main_mb": round(max(run["rss_self_mb"] for run in runs), 1),
        "rss_worker_mb": (round(max(run["rss_workers_mb"] for run in runs), 1)
                          if last.get("rss_workers_mb") is not None else None),
        "untimed_load_s": round(statistics.median(run["load_s"] for run in runs), 2),
    }
    for key in ("articles", "failures", "stage_warnings"):
        if key in last:
            row[key] = last[key]
    if "rss_tree_peak_mb" in last:
        row["rss_tree_peak_mb"] = max(run["rss_tree_peak_mb"] for run in runs)
    return row


def print_table(rows: list[dict[str, Any]], ceiling: dict[str, Any]) -> None:
    header = f"{'measurement':<16}{'articles/s':>12}{'words/s':>10}{'vs spaCy':>10}" \
             f"{'peak RSS MB':>13}{'median s':>10}{'best s':>8}"
    print(header)
    print("-" * len(header))
    for row in rows:
        ratio = ceiling["median_s"] / row["median_s"]
        row["ratio_to_spacy"] = round(ratio, 3)
        print(f"{row['name']:<16}{row['articles_per_s']:>12.2f}{row['words_per_s']:>10,}"
              f"{ratio:>9.0%} {row['peak_rss_mb']:>12.0f}{row['median_s']:>10.2f}"
              f"{row['best_s']:>8.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD,
                        help=f"JSONL of id, text, meta.publication_date (default: {DEFAULT_GOLD})")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per measurement (median)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="worker counts of the pipeline runs (default: 1 2)")
    parser.add_argument("--batch-size", type=int, default=None,
                        help="Settings.batch_size of the pipeline runs (default: Settings')")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile pass")
    parser.add_argument("--json", type=Path, help="write the figures and machine facts here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.batch_size is None:
        from newsgraph.settings import Settings

        args.batch_size = Settings().batch_size

    if args.child:
        child_main(args.child, args.gold, args.child_workers, args.batch_size, args.child_out)
        return 0

    if not args.gold.is_file():
        print(f"skipped: benchmark texts not found at {args.gold} "
              "(licence-restricted; they are not part of the repository)")
        return 0

    records = load_records(args.gold)
    texts = [r.text for r in records]
    n_articles, n_words = len(records), word_count(texts)
    print(f"{args.gold.name}: {n_articles} articles, {n_words:,} words, "
          f"{sum(map(len, texts)):,} characters; {args.repeat} rounds, median time; "
          f"pipeline batch_size={args.batch_size}")

    plan = [("spacy-parse", "spacy", 1)]
    plan += [(f"pipeline-w{w}", "pipeline", w) for w in dict.fromkeys(args.workers)]
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name, _, _ in plan}
    for round_no in range(1, args.repeat + 1):
        for name, kind, workers in plan:
            result = run_child(kind, args.gold, workers, args.batch_size)
            runs[name].append(result)
            other = result.get("other_cpu_share")
            print(f"  round {round_no} {name:<13} {result['seconds']:7.2f} s"
                  + (f"   (other processes used {other:.0%} of the CPUs)" if other is not None
                     else ""), flush=True)

    rows = [_row(name, runs[name], n_articles, n_words) for name, _, _ in plan]
    for row in rows:
        row["other_cpu_share"] = [run.get("other_cpu_share") for run in runs[row["name"]]]
    busiest = max((share or 0.0) for row in rows for share in row["other_cpu_share"])
    if busiest > 0.1:
        print(f"\nwarning: other processes used up to {busiest:.0%} of the CPUs during a round; "
              "the figures are pessimistic and noisy (look at the best column, or re-run "
              "on a quiet machine)")
    print()
    print_table(rows, rows[0])
    by_name = {row["name"]: row for row in rows}
    speedups: dict[str, float] = {}
    if "pipeline-w1" in by_name:
        for name, row in by_name.items():
            if name.startswith("pipeline-w") and name != "pipeline-w1":
                speedups[name] = round(by_name["pipeline-w1"]["median_s"] / row["median_s"], 3)
                from newsgraph.pipeline import WORKER_JOB_SIZE

                job_size = min(args.batch_size, WORKER_JOB_SIZE)
                cap = speedup_cap(texts, job_size, int(name.removeprefix("pipeline-w")))
                row["speedup_cap_by_batches"] = round(cap, 3)
                best = by_name["pipeline-w1"]["best_s"] / row["best_s"]
                print(f"{name} speed-up over 1 worker: {speedups[name]:.2f}x median, "
                      f"{best:.2f}x best (worker jobs of "
                      f"{job_size} allow at most {cap:.2f}x)")
    for row in rows[1:]:
        print(f"{row['name']}: {row.get('articles')} articles analysed, "
              f"{row.get('failures')} failures, {row.get('stage_warnings')} stage warnings; "
              f"main {row['rss_main_mb']:.0f} MB"
              + (f", largest worker {row['rss_worker_mb']:.0f} MB, all processes "
                 f"{row['rss_tree_peak_mb']:.0f} MB" if row["rss_worker_mb"] else "")
              + f"; untimed load/warm-up {row['untimed_load_s']:.1f} s")

    profile = None
    if not args.no_profile:
        profile = run_child("profile", args.gold, 1, args.batch_size)
        print(f"\nWhere one worker's time goes (wall clock, {profile['total_s']:.2f} s total):")
        for part, seconds in profile["breakdown_s"].items():
            print(f"  {part:<28}{seconds:8.2f} s {seconds / profile['total_s']:6.0%}")
        print(f"\ncProfile, top {PROFILE_TOP} newsgraph functions by cumulative time:")
        print(f"  {'cumtime s':>9} {'tottime s':>9} {'calls':>8}  function")
        for item in profile["top"]:
            print(f"  {item['cumtime_s']:>9.3f} {item['tottime_s']:>9.3f} {item['calls']:>8}  "
                  f"{item['function']}")

    if args.json:
        report = {
            "benchmark": "pipeline throughput",
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
            "machine": machine_facts(),
            "versions": runs["spacy-parse"][-1]["versions"],
            "data": {"file": args.gold.name, "articles": n_articles, "words": n_words,
                     "characters": sum(map(len, texts))},
            "method": {"repeat": args.repeat, "statistic": "median", "spacy_batch_size":
                       SPACY_BATCH, "pipeline_batch_size": args.batch_size},
            "results": rows,
            "speedup_over_1_worker": speedups,
            "profile": profile,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
