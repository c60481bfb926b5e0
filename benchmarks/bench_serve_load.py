"""Load test of `newsgraph serve`: concurrent readers on 127.0.0.1 over a 10k-article store.

Run from the repository root:

    python benchmarks/bench_serve_load.py [--n 10000] [--readers 200] [--seconds 30]
        [--workers 2] [--think 1.0] [--warmup 5] [--db PATH] [--json OUT]

1. Synthesises `--n` analysed articles without running any NLP: each is 20-34 sentences
   (200-380 words) drawn from templates written for this script, with people, organisations
   and places from fixed pools, 2-4 attributed direct quotes, a date and an event (about 50
   highlighted spans), all with valid offsets; they are stored with `Store.add_many` (or
   `--db` reuses a store built before).
2. Serves it on a free port of 127.0.0.1 with `newsgraph serve --workers N`.
3. After `--warmup` seconds of unmeasured requests (20 readers, no pauses, so the workers'
   caches, templates and database connections are warm), starts `--readers` concurrent
   readers (asyncio; each has its own httpx client and keep-alive connection). Each reader,
   until `--seconds` pass, requests a page, then pauses a random 0.5-1.5 × `--think` seconds,
   as a person reading would (`--think 0` measures the server saturated). Requests: the
   search page, the search API, a speaker's quotes (API), the article page and the article
   API, with random words, names and ids.
4. Prints a markdown table per route: requests, errors (non-200 or transport errors),
   requests/s, p50/p95/max latency in ms. Only 127.0.0.1 is ever contacted; every loop is
   bounded by time and count, and the server is stopped by its PID at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

#: Routes whose p95 must stay under `TARGET_MS`.
TARGET_ROUTES = ("search page", "article page")
TARGET_MS = 300.0

FIRST = ["Amira", "Jonas", "Lena", "Tomasz", "Sofia", "Kwame", "Hiro", "Ines", "Pavel", "Maya",
         "Oskar", "Leila", "Rafael", "Nadia", "Erik", "Chen", "Fatima", "Luca", "Greta", "Omar"]
LAST = ["Haddad", "Berger", "Novak", "Ferreira", "Mensah", "Tanaka", "Moreau", "Kowalski",
        "Lindqvist", "Okafor", "Rossi", "Petrov", "Nakamura", "Costa", "Schneider"]
ROLES = ["Mayor", "Minister", "spokeswoman", "union leader", "Senator", "chief executive",
         "police chief", "professor"]
ORGS = ["the Harbour Authority", "the Transport Union", "the Red Cross", "the Central Bank",
        "the City Council", "the Health Ministry", "Northwind Energy", "the Fishers' Guild"]
#: (name, country code, lat, lon).
PLACES = [("Antwerp", "BE", 51.22, 4.40), ("Dresden", "DE", 51.05, 13.74),
          ("Porto", "PT", 41.15, -8.61), ("Gdansk", "PL", 54.35, 18.65),
          ("Accra", "GH", 5.60, -0.19), ("Osaka", "JP", 34.69, 135.50),
          ("Lyon", "FR", 45.76, 4.84), ("Malmo", "SE", 55.60, 13.00),
          ("Lagos", "NG", 6.52, 3.38), ("Valencia", "ES", 39.47, -0.38),
          ("Tartu", "EE", 58.38, 26.72), ("Cork", "IE", 51.90, -8.47)]
SITES = ["Harbour Post", "River Times", "World Desk", "City Desk", "Evening Ledger",
         "Coastal Herald", "Morning Wire", "Valley Courier"]
TOPICS = ["strike", "flood", "budget", "election", "bridge", "ferry", "vaccine", "wages",
          "drought", "festival", "tariff", "housing", "rail", "school", "fishing", "storm"]
SAYINGS = ["We will not accept a {topic} deal that leaves workers behind",
           "The {topic} was handled well, and we learned from it",
           "Nobody expected the {topic} to last this long",
           "Our city needs answers about the {topic} before the winter",
           "I have spoken to every family affected by the {topic}",
           "The numbers on the {topic} do not add up"]
PLAIN = ["Officials in {place} said the {topic} had already cost millions.",
         "Residents of {place} gathered outside {org} on the main square.",
         "The {topic} dominated the debate in {place} for a second week.",
         "Several shops in {place} stayed closed while the {topic} went on.",
         "Reporters counted hundreds of people near the port of {place}.",
         "Talks about the {topic} resumed late in the evening."]
EVENTS = [("ASSAULT", "attacked"), ("PROTEST", "protested"), ("CONSULT", "met"),
          ("AID", "helped")]


@dataclass
class _Builder:
    """Text under construction, with the spans found so far."""

    parts: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    @property
    def text(self) -> str:
        return "".join(self.parts)


def synth_article(n: int, rng: random.Random, first_day: date) -> Any:
    """One analysed article with quotes, entities, places, a date and an event."""
    from newsgraph.model import (
        Article,
        Cue,
        Entity,
        Event,
        EventArgument,
        Mention,
        Place,
        Quote,
        Span,
        SpeakerRef,
        TimeRef,
    )

    topic = rng.choice(TOPICS)
    place_name, country, lat, lon = rng.choice(PLACES)
    org = rng.choice(ORGS)
    published = first_day + timedelta(days=rng.randrange(730))
    text = _Builder()
    people: dict[str, Entity] = {}
    quotes: list[Quote] = []
    places: list[Place] = []
    events: list[Event] = []
    dates: list[TimeRef] = []

    def person(name: str) -> Entity:
        if name not in people:
            people[name] = Entity(id=f"p{len(people)}", name=name, type="PERSON")
        return people[name]

    def add_place(sentence_start: int, sentence: str) -> None:
        at = sentence.find(place_name)
        if at >= 0:
            start = sentence_start + at
            places.append(Place(start=start, end=start + len(place_name), text=place_name,
                                name=place_name, country=country, lat=lat, lon=lon,
                                feature="city", score=0.9))

    lead = f"{org[0].upper()}{org[1:]} faced a new {topic} in {place_name} on Monday. "
    start, _ = text.add(lead)
    add_place(start, lead)
    day_at = lead.index("Monday")
    dates.append(TimeRef(start=start + day_at, end=start + day_at + 6, text="Monday",
                         value=published.isoformat(), granularity="day"))
    for _ in range(rng.randint(2, 4)):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        role = rng.choice(ROLES)
        saying = rng.choice(SAYINGS).format(topic=topic)
        text.add("“")
        q_start, q_end = text.add(saying + ",")
        text.add("” said ")
        text.add(f"{role} ")
        s_start, s_end = text.add(name)
        text.add(". ")
        entity = person(name)
        entity.roles = sorted({*entity.roles, role})
        entity.mentions.append(Mention(start=s_start, end=s_end, text=name))
        cue_start = s_start - len(f"{role} ") - len("said ")
        quotes.append(Quote(start=q_start, end=q_end, text=saying + ",", direct=True,
                            speaker=SpeakerRef(start=s_start, end=s_end, text=name,
                                               entity=entity.id),
                            cue=Cue(start=cue_start, end=cue_start + 4, text="said",
                                    lemma="say")))
    for _ in range(rng.randint(16, 28)):
        sentence = rng.choice(PLAIN).format(place=place_name, topic=topic, org=org) + " "
        start, _ = text.add(sentence)
        add_place(start, sentence)
    kind, verb = rng.choice(EVENTS)
    actor = rng.choice(list(people))
    sentence = f"Later, {actor} {verb} the crowd in {place_name}. "
    start, _ = text.add(sentence)
    add_place(start, sentence)
    trigger = start + sentence.index(verb)
    events.append(Event(type=kind, actor=EventArgument(text=actor, entity=people[actor].id),
                        place=place_name, date=published.isoformat(),
                        trigger=Span(start=trigger, end=trigger + len(verb), text=verb)))
    body = text.text
    entities = [*people.values(),
                Entity(id="g0", name=place_name, type="GPE",
                       mentions=[Mention(start=p.start, end=p.end, text=p.text)
                                 for p in places])]
    return Article(id=f"load-{n:05d}", url=f"https://news.example/load/{n}",
                   title=f"{topic.capitalize()} in {place_name}: {org} under pressure ({n})",
                   published=published.isoformat(), site=rng.choice(SITES), language="en",
                   text=body, entities=entities, quotes=quotes, places=places,
                   events=events, dates=dates)


def build_store(path: Path, n: int, seed: int = 9) -> float:
    """Write `n` synthetic articles to a new SQLite store; seconds it took."""
    from newsgraph.store import Store

    rng = random.Random(seed)
    started = time.perf_counter()
    with Store.open(path) as store:
        batch = []
        for number in range(n):
            batch.append(synth_article(number, rng, date(2023, 1, 1)))
            if len(batch) == 500:
                store.add_many(batch)
                batch = []
        if batch:
            store.add_many(batch)
    return time.perf_counter() - started


# -- server ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path, workers: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`newsgraph serve` on 127.0.0.1 with `workers` processes; waits until it answers."""
    import httpx

    port = free_port()
    command = [sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--host",
               "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    handle = log.open("wb")
    server = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)
    handle.close()
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


def server_processes(pid: int) -> tuple[float, frozenset[int]]:
    """CPU seconds used so far by the server `pid` and its workers, and the workers' PIDs."""
    import psutil

    parent = psutil.Process(pid)
    total = 0.0
    workers = set()
    for process in [parent, *parent.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
        workers.add(process.pid)
    return total, frozenset(workers)


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.kill(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


# -- readers -----------------------------------------------------------------------------------


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    examples: list[str] = field(default_factory=list)


def pick_request(rng: random.Random, n: int) -> tuple[str, str, dict[str, str]]:
    """(route name, path, params) of one reader's next request."""
    roll = rng.random()
    word = rng.choice([*TOPICS, *[p[0] for p in PLACES], *LAST])
    article = f"load-{rng.randrange(n):05d}"
    if roll < 0.3:
        return "search page", "/", {"q": word}
    if roll < 0.45:
        return "search API", "/api/search", {"q": word}
    if roll < 0.6:
        return "quotes API", "/api/quotes", {"speaker": rng.choice(LAST)}
    if roll < 0.9:
        return "article page", f"/articles/{article}", {}
    return "article API", f"/api/articles/{article}", {}


async def reader(client: Any, number: int, deadline: float, think: float, n: int,
                 max_requests: int, results: Results) -> None:
    """One reader: requests with pauses until the deadline (at most `max_requests`)."""
    import httpx

    rng = random.Random(number)
    await asyncio.sleep(rng.random() * max(think, 0.05))  # spread the first requests
    for _ in range(max_requests):
        if time.monotonic() >= deadline:
            return
        route, path, params = pick_request(rng, n)
        started = time.perf_counter()
        try:
            response = await client.get(path, params=params)
            ok = response.status_code == 200
            problem = f"{route} {path} -> {response.status_code}"
        except httpx.HTTPError as error:
            ok, problem = False, f"{route} {path} -> {type(error).__name__}"
        results.latencies[route].append((time.perf_counter() - started) * 1000)
        if not ok:
            results.errors[route] += 1
            if len(results.examples) < 10:
                results.examples.append(problem)
        if think > 0:
            await asyncio.sleep(min(think * rng.uniform(0.5, 1.5),
                                    max(0.0, deadline - time.monotonic())))


async def run_readers(url: str, readers: int, seconds: float, think: float,
                      n: int) -> tuple[Results, float]:
    import ssl
    from contextlib import AsyncExitStack

    import httpx

    results = Results()
    # One small client per reader (its own keep-alive connection): one pool of hundreds of
    # connections costs the client more CPU than the server spends answering. They share one
    # TLS context (never used: the URL is http) because building one per client takes ~20 ms
    # of the event loop's time, which would show up as latency.
    tls = ssl.create_default_context()
    async with AsyncExitStack() as stack:
        clients = [await stack.enter_async_context(httpx.AsyncClient(
            base_url=url, timeout=30, verify=tls, limits=httpx.Limits(max_connections=1)))
            for _ in range(readers)]
        started = time.monotonic()
        deadline = started + seconds
        max_requests = int(seconds * 1000)  # a bound even if every answer were instant
        await asyncio.gather(*(reader(client, i, deadline, think, n, max_requests, results)
                               for i, client in enumerate(clients)))
        elapsed = time.monotonic() - started
    return results, elapsed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def table(results: Results, elapsed: float) -> tuple[str, dict[str, Any]]:
    rows = ["| route | requests | errors | req/s | p50 ms | p95 ms | max ms |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    summary: dict[str, Any] = {}
    every: list[float] = []
    for route in sorted(results.latencies):
        values = results.latencies[route]
        every += values
        figures = {"requests": len(values), "errors": results.errors[route],
                   "rps": len(values) / elapsed, "p50": percentile(values, 0.5),
                   "p95": percentile(values, 0.95), "max": max(values)}
        summary[route] = figures
        rows.append(f"| {route} | {figures['requests']:,} | {figures['errors']} | "
                    f"{figures['rps']:.1f} | {figures['p50']:.1f} | {figures['p95']:.1f} | "
                    f"{figures['max']:.0f} |")
    if every:
        errors = sum(results.errors.values())
        rows.append(f"| **all** | {len(every):,} | {errors} | {len(every) / elapsed:.1f} | "
                    f"{percentile(every, 0.5):.1f} | {percentile(every, 0.95):.1f} | "
                    f"{max(every):.0f} |")
    return "\n".join(rows), summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles in the store")
    parser.add_argument("--readers", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean pause of a reader between requests, s (0: none)")
    parser.add_argument("--workers", type=int, default=2, help="newsgraph serve --workers")
    parser.add_argument("--warmup", type=float, default=5.0,
                        help="seconds of unmeasured requests (20 readers) first")
    parser.add_argument("--db", type=Path, help="reuse (or keep) this store")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if not 1 <= args.readers <= 1000 or not 0 < args.seconds <= 600:
        raise SystemExit("--readers must be 1-1000 and --seconds 0-600")

    with tempfile.TemporaryDirectory(prefix="bench_serve_") as folder:
        db = args.db or Path(folder) / "load.db"
        built = None
        if not db.exists():
            built = build_store(db, args.n)
            print(f"built {args.n:,} articles in {built:.0f} s ({db})", file=sys.stderr)
        log = Path(folder) / "server.log"
        server, url = start_server(db, args.workers, log)
        try:
            if args.warmup > 0:  # warm caches, templates and connections; not measured
                asyncio.run(run_readers(url, min(20, args.readers), args.warmup, 0.0, args.n))
            server_cpu, workers_before = server_processes(server.pid)
            client_cpu = time.process_time()
            load_before = os.getloadavg()[0]
            results, elapsed = asyncio.run(
                run_readers(url, args.readers, args.seconds, args.think, args.n))
            cpu_after, workers_after = server_processes(server.pid)
            server_cpu = cpu_after - server_cpu
            client_cpu = time.process_time() - client_cpu
            restarted = len(workers_after - workers_before)
        finally:
            stop_server(server)
        server_output = log.read_text(encoding="utf-8", errors="replace")
        if os.environ.get("BENCH_SERVER_LOG"):
            Path(os.environ["BENCH_SERVER_LOG"]).write_text(server_output)
    markdown, summary = table(results, elapsed)
    print(f"{args.readers} readers, {elapsed:.1f} s, think {args.think} s, "
          f"newsgraph serve --workers {args.workers}, "
          f"{args.n:,} articles; "
          f"{platform.python_version()} on {os.cpu_count()} CPUs\n")
    print(markdown)
    server_figure = "n/a" if restarted else f"{server_cpu:.1f} s"
    print(f"\nCPU during the run: server {server_figure}, load generator {client_cpu:.1f} s, "
          f"of {elapsed * (os.cpu_count() or 1):.0f} CPU-s; load average before: "
          f"{load_before:.2f}")
    if restarted:
        print(f"server processes that died and were replaced during the run: {restarted}")
    if results.examples:
        print("\nfirst errors:", *results.examples, sep="\n  ")
        print("\nend of the server's output:\n" + server_output[-3000:])
    verdict = all(summary.get(route, {}).get("p95", 0) < TARGET_MS for route in TARGET_ROUTES)
    errors = sum(results.errors.values())
    print(f"\ntarget (zero errors, p95 < {TARGET_MS:.0f} ms for {', '.join(TARGET_ROUTES)}): "
          f"{'met' if verdict and not errors else 'NOT met'}")
    if args.json:
        args.json.write_text(json.dumps({
            "articles": args.n, "readers": args.readers, "seconds": elapsed,
            "think": args.think, "workers": args.workers, "build_s": built,
            "server_cpu_s": None if restarted else server_cpu, "client_cpu_s": client_cpu,
            "server_processes_replaced": restarted,
            "load_average_before": load_before, "routes": summary}, indent=2))


if __name__ == "__main__":
    main()
