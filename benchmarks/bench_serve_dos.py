"""Hostile searches against `newsgraph serve` (issue 15): does one search of 200 repeated
words answer in under a second, does the time limit hold under 50 parallel hostile
searches, and does an ordinary page stay fast (p95 < 500 ms) meanwhile?

Run from the repository root:

    python benchmarks/bench_serve_dos.py [--n 10000] [--db PATH] [--workers 1]
        [--hostile 50] [--seconds 20] [--time-limit 10] [--json OUT]

1. Builds the synthetic store of `bench_serve_load.py` (`--n` articles, no NLP) or reuses
   `--db`.
2. Serves it with `newsgraph serve` on a free port of 127.0.0.1 (`--workers`, `--time-limit`).
3. Single requests: the search API and the search page with `q` = 200 × "a " (uncached:
   each query is new), and the same with 200 words cycling through 40 common words.
4. Under attack: `--hostile` concurrent clients send hostile searches back to back (each a
   new query string, so nothing is answered from memory: a common word repeated 150-249
   times, or 200 words drawn from the common words of the store), half to the search API,
   half to the search page, while one reader asks for an article page every 100 ms. For
   `--seconds` seconds.
5. Prints, and with `--json` writes, the latencies (p50/p95/max), the status codes, and the
   verdict: the single hostile search < 1 s; no hostile search longer than the time limit
   plus 2 s; no answer 500; the ordinary page p95 < 500 ms.

Only 127.0.0.1 is contacted; every loop is bounded by time and count; the server is stopped
by its PID at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bench_serve_load import build_store, free_port, percentile, stop_server

#: Words every synthetic article has many of (the costliest to search for).
COMMON = ["a", "the", "of", "in", "said", "and", "to", "on", "for", "was", "by", "at", "from",
          "with", "that", "is", "it", "we", "not", "our", "city", "new", "had", "before",
          "this", "will", "about", "every", "already", "near", "again", "after", "over",
          "people", "outside", "main", "week", "late", "evening", "second"]
TARGET_SINGLE_MS = 1000.0
TARGET_PAGE_P95_MS = 500.0


def start(db: Path, workers: int, time_limit: float, log: Path
          ) -> tuple[subprocess.Popen[bytes], str]:
    """`newsgraph serve` on 127.0.0.1; waits until it answers (120 s at most)."""
    import httpx

    port = free_port()
    command = [sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--host",
               "127.0.0.1", "--port", str(port), "--workers", str(workers),
               "--time-limit", str(time_limit)]
    with log.open("wb") as handle:
        server = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(f"{url}/api/articles?limit=1", timeout=2).status_code == 200:
                return server, url
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    stop_server(server)
    raise SystemExit("the server did not answer within 120 s")


def hostile_query(rng: random.Random) -> str:
    """The issue's shape: one common word repeated 150-249 times (at most 500 characters),
    or (one time in four) 200 words cycling through the common ones; a new string each
    time, so never answered from memory."""
    if rng.random() < 0.25:
        return " ".join(rng.choice(COMMON) for _ in range(200))[:500]
    word = rng.choice(COMMON[:12])
    return " ".join([word] * rng.randint(150, 249))[:500]


def single_requests(url: str) -> dict[str, float]:
    """Milliseconds of one uncached hostile request per kind."""
    import httpx

    rng = random.Random(1)
    timings = {}
    with httpx.Client(base_url=url, timeout=60) as client:
        for name, path, query in [
            ("search API, 200 x 'a'", "/api/search", "a " * 200),
            ("search page, 200 x 'a'", "/", ("a " * 200) + "the"),
            ("search API, 200 common words", "/api/search", hostile_query(rng)),
            ("search page, 200 common words", "/", hostile_query(rng)),
        ]:
            started = time.perf_counter()
            answer = client.get(path, params={"q": query})
            timings[name] = (time.perf_counter() - started) * 1000
            timings[f"{name} status"] = answer.status_code
    return timings


async def attack(url: str, hostile: int, seconds: float, n: int) -> dict[str, Any]:
    """`hostile` searchers back to back, one ordinary reader every 100 ms."""
    import httpx

    found: dict[str, list[float]] = {"hostile": [], "page": []}
    statuses: dict[str, Counter[str]] = {"hostile": Counter(), "page": Counter()}
    deadline = time.monotonic() + seconds

    async def timed(client: httpx.AsyncClient, kind: str, path: str, params: Any) -> None:
        started = time.perf_counter()
        try:
            answer = await client.get(path, params=params)
            statuses[kind][str(answer.status_code)] += 1
        except httpx.HTTPError as error:
            statuses[kind][type(error).__name__] += 1
        found[kind].append((time.perf_counter() - started) * 1000)

    async def searcher(number: int) -> None:
        rng = random.Random(100 + number)
        async with httpx.AsyncClient(base_url=url, timeout=60) as client:
            for _ in range(10_000):
                if time.monotonic() >= deadline:
                    return
                path = "/api/search" if number % 2 else "/"
                await timed(client, "hostile", path, {"q": hostile_query(rng)})

    async def reader() -> None:
        rng = random.Random(7)
        async with httpx.AsyncClient(base_url=url, timeout=60) as client:
            for _ in range(10_000):
                if time.monotonic() >= deadline:
                    return
                await timed(client, "page", f"/articles/load-{rng.randrange(n):05d}", None)
                await asyncio.sleep(0.1)

    await asyncio.gather(reader(), *(searcher(i) for i in range(hostile)))
    return {kind: {"requests": len(values), "p50": percentile(values, 0.5),
                   "p95": percentile(values, 0.95), "max": max(values),
                   "statuses": dict(statuses[kind])}
            for kind, values in found.items() if values}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles in a new store")
    parser.add_argument("--db", type=Path, help="reuse this store instead of building one")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--hostile", type=int, default=50, help="parallel hostile searchers")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ng-dos-"))
    db = args.db or folder / "bench.db"
    if args.db is None:
        print(f"building {args.n:,} articles ...", file=sys.stderr)
        build_store(db, args.n)
    server, url = start(db, args.workers, args.time_limit, folder / "server.log")
    try:
        single = single_requests(url)
        under_attack = asyncio.run(attack(url, args.hostile, args.seconds, args.n))
    finally:
        stop_server(server)
    hostile, page = under_attack.get("hostile", {}), under_attack.get("page", {})
    verdict = {
        "single hostile search < 1 s": all(v < TARGET_SINGLE_MS for k, v in single.items()
                                           if not k.endswith("status")),
        "time limit holds": hostile.get("max", 0) < (args.time_limit + 2) * 1000,
        "no 500": not any(str(code).startswith("5") and code != "503"
                          for kind in under_attack.values() for code in kind["statuses"]),
        "ordinary page p95 < 500 ms": page.get("p95", 1e9) < TARGET_PAGE_P95_MS,
    }
    report = {"machine": f"{os.cpu_count()} CPUs, {platform.python_version()}",
              "workers": args.workers, "hostile": args.hostile, "seconds": args.seconds,
              "time_limit": args.time_limit, "single_ms": single,
              "under_attack": under_attack, "verdict": verdict}
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
