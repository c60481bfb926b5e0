"""Soak test of `newsgraph serve` beside a running ingest: does memory stay flat?

Run from the repository root:

    python benchmarks/bench_soak.py [--minutes 30] [--n 2000] [--readers 20] [--think 0.5]
        [--workers 2] [--sample 30] [--batch-every 30] [--batch-size 3] [--json OUT]

1. Synthesises `--n` analysed articles without NLP (the synthesiser of
   bench_serve_load.py, imported) into a new SQLite store in a temporary folder.
2. Serves it on a free port of 127.0.0.1 with `newsgraph serve --workers N`.
3. Starts a second process that, every `--batch-every` seconds, writes `--batch-size` short
   synthetic news texts (new words each time) and runs `newsgraph ingest` on them into the
   same store (the real pipeline, in-process, so that the one process's memory is watched
   over the whole run).
4. Meanwhile `--readers` readers (bench_serve_load's readers: search page and API, quotes,
   article page and API) request pages with pauses of 0.5-1.5 × `--think` seconds.
5. Every `--sample` seconds records the resident memory (RSS) of the server (supervisor and
   workers) and of the ingest process, the requests, errors and p95 latency of that window.
6. Prints a table and a verdict: memory is flat when, after the first sample (warm-up), the
   median RSS of the last third of the samples is within 10 % of the first third's, for the
   server and for the ingest process.

Only 127.0.0.1 is contacted; every loop is bounded in time; the server and the ingest
process are stopped by their PIDs at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import signal
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_serve_load as load

#: Largest allowed growth of the median RSS, last third against first third.
FLAT_SHARE = 0.10


# -- the ingest process ------------------------------------------------------------------------


def synthetic_text(rng: random.Random, batch: int, number: int) -> str:
    """A short news text (6-9 sentences, one attributed quote) with a word new to the store."""
    place = rng.choice(load.PLACES)[0]
    topic = rng.choice(load.TOPICS)
    speaker = f"{rng.choice(load.FIRST)} {rng.choice(load.LAST)}"
    fresh = f"soakword{batch}x{number}"
    lines = [f"{place} officials discussed the {topic} on Tuesday, and the {fresh} plan "
             "came up again."]
    for _ in range(rng.randint(4, 7)):
        lines.append(rng.choice(load.PLAIN).format(place=place, topic=topic,
                                                   org=rng.choice(load.ORGS)))
    saying = rng.choice(load.SAYINGS).format(topic=topic)
    lines.append(f"“{saying},” said {rng.choice(load.ROLES)} {speaker} in {place}.")
    return " ".join(lines) + "\n"


def ingest_loop(db: Path, folder: Path, every: float, size: int, until: float,
                report: Path) -> None:
    """Run `newsgraph ingest` on a new batch every `every` seconds until the wall-clock time
    `until`; one JSON line per batch into `report`."""
    from newsgraph.cli import app

    rng = random.Random(15)
    first_day = date(2024, 1, 1)
    batch = 0
    while time.time() < until:
        started = time.time()
        target = folder / f"batch{batch:04d}"
        target.mkdir(parents=True)
        for number in range(size):
            (target / f"a{number}.txt").write_text(synthetic_text(rng, batch, number),
                                                   encoding="utf-8")
        day = (first_day + timedelta(days=batch)).isoformat()
        try:
            code = app(["ingest", str(target), "--db", str(db), "--published", day],
                       standalone_mode=False)
            status = code if isinstance(code, int) else 0
        except SystemExit as stop:
            status = int(stop.code or 0)
        except Exception as error:  # reported, and the loop goes on
            status = f"{type(error).__name__}: {error}"  # type: ignore[assignment]
        seconds = time.time() - started
        with report.open("a", encoding="utf-8") as out:
            out.write(json.dumps({"batch": batch, "status": status, "seconds": seconds}) + "\n")
        batch += 1
        time.sleep(max(0.0, min(every - seconds, until - time.time())))


def start_ingest(db: Path, folder: Path, args: argparse.Namespace, until: float,
                 report: Path, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, __file__, "--ingest-loop", "--db", str(db),
               "--folder", str(folder), "--batch-every", str(args.batch_every),
               "--batch-size", str(args.batch_size), "--until", str(until),
               "--report", str(report)]
    with log.open("wb") as handle:
        return subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)


def stop(process: subprocess.Popen[bytes], grace: float = 30.0) -> None:
    """Stop a process started here, by its PID: SIGTERM, then SIGKILL after `grace` s."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


# -- sampling ----------------------------------------------------------------------------------


@dataclass
class Sample:
    minute: float
    server_mb: float
    worker_mb: list[float]
    ingest_mb: float
    requests: int
    errors: int
    p95_ms: float
    batches: int


def rss_mb(pid: int) -> tuple[float, list[float]]:
    """RSS in MB of process `pid` with its children, and of each child."""
    import psutil

    try:
        parent = psutil.Process(pid)
        family = [parent, *parent.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0, []
    sizes = []
    for process in family:
        try:
            sizes.append(process.memory_info().rss / 2**20)
        except psutil.NoSuchProcess:
            sizes.append(0.0)
    return sum(sizes), sizes[1:]


class Window:
    """The reader results since the last sample."""

    def __init__(self, results: load.Results) -> None:
        self.results = results
        self.seen: dict[str, int] = {}
        self.errors_seen = 0

    def take(self) -> tuple[int, int, float]:
        latencies: list[float] = []
        for route, values in list(self.results.latencies.items()):
            start = self.seen.get(route, 0)
            latencies += values[start:]
            self.seen[route] = len(values)
        errors = sum(self.results.errors.values())
        new_errors, self.errors_seen = errors - self.errors_seen, errors
        p95 = load.percentile(latencies, 0.95) if latencies else 0.0
        return len(latencies), new_errors, p95


def batches_done(report: Path) -> int:
    try:
        return len(report.read_text(encoding="utf-8").splitlines())
    except OSError:
        return 0


async def sampler(server_pid: int, ingest_pid: int, window: Window, report: Path,
                  every: float, deadline: float, started: float) -> list[Sample]:
    samples: list[Sample] = []
    while True:
        await asyncio.sleep(max(0.0, min(every, deadline - time.monotonic())))
        server_mb, workers = await asyncio.to_thread(rss_mb, server_pid)
        ingest_mb, _ = await asyncio.to_thread(rss_mb, ingest_pid)
        requests, errors, p95 = window.take()
        samples.append(Sample((time.monotonic() - started) / 60, server_mb, workers,
                              ingest_mb, requests, errors, p95, batches_done(report)))
        print(f"  {samples[-1].minute:5.1f} min: server {server_mb:.0f} MB, ingest "
              f"{ingest_mb:.0f} MB, {requests} requests, {errors} errors, p95 {p95:.0f} ms",
              file=sys.stderr, flush=True)
        if time.monotonic() >= deadline - 1:
            return samples


async def soak(url: str, args: argparse.Namespace, server_pid: int, ingest_pid: int,
               report: Path) -> tuple[list[Sample], load.Results]:
    results = load.Results()
    window = Window(results)
    tls = ssl.create_default_context()  # shared, never used (http), see bench_serve_load
    started = time.monotonic()
    deadline = started + args.minutes * 60
    async with AsyncExitStack() as stack:
        clients = [await stack.enter_async_context(load_client(url, tls))
                   for _ in range(args.readers)]
        readers = [load.reader(client, number, deadline, args.think, args.n,
                               int(args.minutes * 60 * 100), results)
                   for number, client in enumerate(clients)]
        samples, *_ = await asyncio.gather(
            sampler(server_pid, ingest_pid, window, report, args.sample, deadline, started),
            *readers)
    return samples, results


def load_client(url: str, tls: ssl.SSLContext) -> Any:
    import httpx

    return httpx.AsyncClient(base_url=url, timeout=30, verify=tls,
                             limits=httpx.Limits(max_connections=1))


# -- report ------------------------------------------------------------------------------------


def flat(values: list[float]) -> tuple[bool, float, float]:
    """Whether the median of the last third is within FLAT_SHARE of the first third's
    (the first sample, the warm-up, left out); and the two medians."""
    steady = values[1:] if len(values) > 3 else values
    third = max(1, len(steady) // 3)
    first, last = statistics.median(steady[:third]), statistics.median(steady[-third:])
    return last <= first * (1 + FLAT_SHARE), first, last


def print_report(samples: list[Sample], results: load.Results, args: argparse.Namespace,
                 loads: tuple[float, float], batches: list[dict[str, Any]]) -> dict[str, Any]:
    print(f"{args.minutes:g} min soak: newsgraph serve --workers {args.workers} over "
          f"{args.n:,} synthetic articles, {args.readers} readers (think {args.think} s), "
          f"ingest of {args.batch_size} texts every {args.batch_every:g} s; Python "
          f"{platform.python_version()} on {os.cpu_count()} CPUs; load average "
          f"{loads[0]:.2f} before, {loads[1]:.2f} after\n")
    print("| min | server RSS MB (workers) | ingest RSS MB | batches | requests | errors "
          "| p95 ms |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for s in samples:
        workers = ", ".join(f"{mb:.0f}" for mb in s.worker_mb)
        print(f"| {s.minute:.1f} | {s.server_mb:.0f} ({workers}) | {s.ingest_mb:.0f} | "
              f"{s.batches} | {s.requests} | {s.errors} | {s.p95_ms:.0f} |")
    server_flat, server_first, server_last = flat([s.server_mb for s in samples])
    ingest_flat, ingest_first, ingest_last = flat([s.ingest_mb for s in samples])
    failed = [b for b in batches if b["status"] != 0]
    requests = sum(len(v) for v in results.latencies.values())
    errors = sum(results.errors.values())
    print(f"\nrequests {requests:,}, errors {errors}; ingest batches {len(batches)}, "
          f"failed {len(failed)}")
    print(f"server RSS median, first third → last third: {server_first:.0f} → "
          f"{server_last:.0f} MB ({'flat' if server_flat else 'GROWING'})")
    print(f"ingest RSS median, first third → last third: {ingest_first:.0f} → "
          f"{ingest_last:.0f} MB ({'flat' if ingest_flat else 'GROWING'})")
    if results.examples:
        print("first errors:", *results.examples, sep="\n  ")
    if failed:
        print("failed batches:", *failed[:5], sep="\n  ")
    verdict = server_flat and ingest_flat and not errors and not failed
    print(f"\nverdict: memory {'flat' if server_flat and ingest_flat else 'NOT flat'} "
          f"(within {FLAT_SHARE:.0%}), {errors} request errors, {len(failed)} failed "
          f"batches: {'PASS' if verdict else 'FAIL'}")
    return {"samples": [s.__dict__ for s in samples], "requests": requests,
            "errors": errors, "batches": len(batches), "failed_batches": len(failed),
            "server_mb": [server_first, server_last], "ingest_mb": [ingest_first, ingest_last],
            "pass": verdict}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--n", type=int, default=2000, help="synthetic articles to start")
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--think", type=float, default=0.5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=float, default=30.0, help="seconds between samples")
    parser.add_argument("--batch-every", type=float, default=30.0)
    parser.add_argument("--batch-size", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    # The ingest process (started by this script itself).
    parser.add_argument("--ingest-loop", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--until", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--report", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not 0 < args.minutes <= 240 or not 1 <= args.readers <= 200:
        raise SystemExit("--minutes must be 0-240 and --readers 1-200")
    return args


def main() -> None:
    args = arguments()
    if args.ingest_loop:
        ingest_loop(args.db, args.folder, args.batch_every, args.batch_size, args.until,
                    args.report)
        return
    with tempfile.TemporaryDirectory(prefix="bench_soak_") as scratch:
        folder = Path(scratch)
        db = folder / "soak.db"
        built = load.build_store(db, args.n)
        print(f"built {args.n:,} articles in {built:.0f} s", file=sys.stderr, flush=True)
        report = folder / "batches.jsonl"
        loads = [os.getloadavg()[0], 0.0]
        server, url = load.start_server(db, args.workers, folder / "server.log")
        ingest = start_ingest(db, folder / "texts", args, time.time() + args.minutes * 60,
                              report, folder / "ingest.log")
        try:
            samples, results = asyncio.run(soak(url, args, server.pid, ingest.pid, report))
        finally:
            stop(ingest)
            load.stop_server(server)
        loads[1] = os.getloadavg()[0]
        batches = [json.loads(line) for line in report.read_text().splitlines()] \
            if report.exists() else []
        from newsgraph.store import Store

        with Store.open(db, create=False, read_only=True) as store:
            print(f"articles stored: {args.n:,} synthesised + {store.count() - args.n} "
                  "ingested", file=sys.stderr)
        if ingest.returncode not in (0, -signal.SIGTERM):
            print((folder / "ingest.log").read_text(errors="replace")[-3000:], file=sys.stderr)
    summary = print_report(samples, results, args, (loads[0], loads[1]), batches)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
