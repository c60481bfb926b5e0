"""The fetcher's decompression guard: how much memory a gzip "bomb" costs before it is cut at
the size cap, and what reading compressed data in small pieces costs on an ordinary page.

Run from the repository root:

    python benchmarks/bench_fetch.py [--bomb-mb 200] [--page-mb 4] [--max-mb 5] [--repeat 5]

1. Serves, on 127.0.0.1, a gzip answer of `--bomb-mb` MB of zeros (about 1/1000 of that on
   the wire) and an ordinary gzip page of `--page-mb` MB of text.
2. For each read size (16 KiB, and the current `ingest.http._READ_CHUNK`), fetches the
   bomb with a size cap of `--max-mb` MB and records the peak of Python's allocations
   (tracemalloc) while it is read and refused; then fetches the page `--repeat` times and
   records the median wall time.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import statistics
import sys
import threading
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsgraph.ingest import http


def _server(bodies: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = bodies.get(self.path, b"")
            self.send_response(200 if body else 404)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def measure(base: str, chunk: int, max_bytes: int, repeat: int) -> tuple[float, float]:
    """(peak MB while the bomb is refused, median seconds for the page) at one read size."""
    http._READ_CHUNK = chunk
    fetcher = http.Fetcher(http.FetchLimits(delay=0.0, timeout=120.0, max_bytes=max_bytes,
                                            obey_robots=False))
    tracemalloc.start()
    with contextlib.suppress(http.FetchProblem):
        fetcher.get(f"{base}/bomb", allow_private=True)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fetcher.get(f"{base}/page", allow_private=True)
        times.append(time.perf_counter() - started)
    fetcher.close()
    return peak, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bomb-mb", type=int, default=200)
    parser.add_argument("--page-mb", type=int, default=4)
    parser.add_argument("--max-mb", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    words = b"The council met on Tuesday and voted on the plan for the harbour. "
    bodies = {"/bomb": gzip.compress(b"\0" * args.bomb_mb * 1_000_000, 9),
              "/page": gzip.compress((words * (args.page_mb * 1_000_000 // len(words)))[
                  :args.page_mb * 1_000_000], 6)}
    server = _server(bodies)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    print(f"bomb: {len(bodies['/bomb']):,} bytes on the wire, {args.bomb_mb} MB inflated; "
          f"cap {args.max_mb} MB; page {args.page_mb} MB ({len(bodies['/page']):,} gzip)")
    print("| read size | peak MB while refusing the bomb | page fetch, median s |")
    print("|---|---|---|")
    current = http._READ_CHUNK
    for chunk in dict.fromkeys((16_384, current)):
        peak, seconds = measure(base, chunk, args.max_mb * 1_000_000, args.repeat)
        print(f"| {chunk:,} | {peak:.1f} | {seconds:.3f} |")
    server.shutdown()


if __name__ == "__main__":
    main()
