"""`newsgraph watch` over 1,000 local feeds: how long one cycle takes, and whether memory
stays flat over many cycles.

Run from the repository root:

    python benchmarks/bench_watch.py [--feeds 1000] [--hosts 20] [--cycles 100]
        [--new-per-cycle 10] [--delay 0.0] [--concurrency 8] [--json OUT]

1. Starts a feed server in a second process: `--hosts` listeners on free ports of 127.0.0.1
   (each port is its own host to the watcher's per-host politeness), serving `--feeds` RSS
   feeds spread over them, with ETags (a feed unchanged since the last poll answers 304).
   At cycle c, a feed n gains one new article when c % (feeds / new-per-cycle) matches n,
   so each cycle after the first brings `--new-per-cycle` new articles.
2. Runs the real `Watcher` (fetcher, store on SQLite in a temporary folder, analysis with
   the default model, story linking) for `--cycles` cycles, the clock moved on by the
   interval between them (no waiting), and records each cycle's wall time, its polls, 304s
   and new articles, and the watcher's resident memory (RSS) after it.
3. Prints a table and the verdict: memory is flat when the median RSS of the last third of
   the cycles is within 10 % of the median of cycles 5-15 (after warm-up).

Only 127.0.0.1 is contacted; the server process is stopped by its PID at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


# -- the feed server (second process) ----------------------------------------------------

def _article(feed: int, item: int) -> bytes:
    title = f"Council of district {feed} approves plan {item}"
    text = "".join(
        f"<p>The council of district {feed} voted on Tuesday to approve plan {item} for "
        f"{topic}, after a debate of {feed % 9 + 2} hours in the town hall.</p>"
        for topic in ("the tram line", "a new library", "the harbour"))
    return (f"<!DOCTYPE html><html lang=en><head><title>{title}</title></head><body><main>"
            f"<article><h1>{title}</h1>{text}</article></main></body></html>").encode()


def _serve(ports: list[int], feeds: int, period: int, ready: multiprocessing.Event,
           tick: multiprocessing.Value) -> None:
    """Serve the feeds on every port of `ports` until killed."""
    def items_of(feed: int) -> int:
        done = tick.value  # cycles begun so far
        return sum(1 for cycle in range(1, done) if cycle % period == feed % period)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            port = self.server.server_address[1]
            parts = self.path.strip("/").split("/")
            if parts[0] == "feed":
                feed = int(parts[1].removesuffix(".xml"))
                count = items_of(feed)
                tag = '"' + hashlib.sha1(f"{feed}:{count}".encode()).hexdigest()[:12] + '"'
                if self.headers.get("If-None-Match") == tag:
                    return self._send(304, b"", {"ETag": tag})
                items = "".join(f"<item><link>http://127.0.0.1:{port}/a/{feed}/{k}</link>"
                                "</item>" for k in range(count))
                body = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>{feed}"
                        f"</title>{items}</channel></rss>").encode()
                return self._send(200, body, {"ETag": tag,
                                              "Content-Type": "application/rss+xml"})
            if parts[0] == "a":
                return self._send(200, _article(int(parts[1]), int(parts[2])),
                                  {"Content-Type": "text/html"})
            return self._send(404, b"", {})

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    servers = [ThreadingHTTPServer(("127.0.0.1", port), Handler) for port in ports]
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.set()
    threading.Event().wait()


def _free_ports(count: int) -> list[int]:
    import socket

    sockets = [socket.socket() for _ in range(count)]
    for sock in sockets:
        sock.bind(("127.0.0.1", 0))
    ports = [sock.getsockname()[1] for sock in sockets]
    for sock in sockets:
        sock.close()
    return ports


# -- the watcher (this process) ----------------------------------------------------------

class _Clock:
    def __init__(self) -> None:
        self.time = time.time()

    def now(self) -> float:
        return self.time

    def wait(self, seconds: float, stop: threading.Event) -> None:
        self.time += max(0.0, seconds)


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 1e6


def run(args: argparse.Namespace) -> dict:
    from newsgraph.ingest.http import Fetcher, FetchLimits
    from newsgraph.settings import Settings
    from newsgraph.store import Store
    from newsgraph.watch.cycle import Watcher, WatchOptions
    from newsgraph.watch.sources import WatchSource

    ports = _free_ports(args.hosts)
    period = max(1, args.feeds // args.new_per_cycle)
    tick = multiprocessing.Value("i", 0)
    ready = multiprocessing.Event()
    server = multiprocessing.Process(target=_serve, args=(ports, args.feeds, period, ready,
                                                          tick), daemon=True)
    server.start()
    ready.wait(30)
    sources = [WatchSource(f"http://127.0.0.1:{ports[n % args.hosts]}/feed/{n}.xml")
               for n in range(args.feeds)]
    clock = _Clock()
    rows = []
    try:
        with tempfile.TemporaryDirectory() as folder, \
                Store.open(Path(folder) / "watch.db") as store:
            fetcher = Fetcher(FetchLimits(delay=args.delay), pool_size=args.concurrency)
            watcher = Watcher(store, sources, Settings(dedup=False),
                              WatchOptions(every=900, allow_private=True,
                                           concurrency=args.concurrency), fetcher,
                              clock=clock)
            for cycle in range(1, args.cycles + 1):
                tick.value = cycle
                started = time.perf_counter()
                report = watcher.cycle()
                seconds = time.perf_counter() - started
                rows.append({"cycle": cycle, "seconds": round(seconds, 2),
                             "polled": report.polled, "unchanged": report.unchanged,
                             "failed": len(report.failed_sources), "new": report.new,
                             "rss_mb": round(_rss_mb(), 1)})
                print(json.dumps(rows[-1]), flush=True)
                clock.time += 900
            fetcher.close()
    finally:
        server.kill()
        server.join(10)
    return _summary(args, rows)


def _summary(args: argparse.Namespace, rows: list[dict]) -> dict:
    later = rows[1:]
    early = [row["rss_mb"] for row in rows[4:15]] or [rows[0]["rss_mb"]]
    last = [row["rss_mb"] for row in rows[-max(1, len(rows) // 3):]]
    growth = statistics.median(last) / statistics.median(early) - 1
    return {
        "feeds": args.feeds, "hosts": args.hosts, "cycles": len(rows),
        "delay": args.delay, "concurrency": args.concurrency, "cpus": os.cpu_count(),
        "first_cycle_seconds": rows[0]["seconds"],
        "median_cycle_seconds": statistics.median(row["seconds"] for row in later) if later
        else None,
        "max_cycle_seconds": max(row["seconds"] for row in rows),
        "new_articles": sum(row["new"] for row in rows),
        "failed_polls": sum(row["failed"] for row in rows),
        "rss_mb_early_median": statistics.median(early),
        "rss_mb_last_third_median": statistics.median(last),
        "rss_growth": round(growth, 3),
        "memory_flat": abs(growth) <= 0.10,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--cycles", type=int, default=100)
    parser.add_argument("--new-per-cycle", type=int, default=10)
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    summary = run(args)
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
