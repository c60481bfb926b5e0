"""The store at scale: ingest rate, database size and query latency on synthetic articles.

Run from the repository root:

    python benchmarks/bench_store.py [--n 100000] [--pg URL] [--json OUT] [--keep DB]

It generates N analysed `Article`s without running any NLP (a seeded generator: ~400-word
texts from a Zipf-distributed pseudo-word vocabulary, 10-30 entities per article drawn from a
pool of a few thousand names, 2-8 attributed quotes, dates, amounts, places and events, all
with valid offsets), times `Store.add_many` in batches of 64 into SQLite (a temporary file,
or `--keep DB`) and, with `--pg URL` or $NEWSGRAPH_TEST_PG, into PostgreSQL, then times
about 200 randomised calls of each query:

* `search`: `search(store, word)`, the word a name part or a vocabulary word;
* `quotes`: `Queries(store).quotes(speaker=name)`, a full name or a surname;
* `timeline`: `newsgraph.link.timeline.timeline(store, name)`, articles, mentions and quotes
  per day of one entity and its aliases (after `newsgraph link`, timed once as `link_s`);
* `entities`: `entity_summaries(store, limit=50)` (fewer calls).

`--reuse DB` times the queries on a store this script built before (`--keep`), same seed.

Ingest time per article is compared with the pipeline's analysis time per article
(`--analysis-s`, default from docs/benchmarks.md "Pipeline throughput": 1 worker,
4.85 articles/s). Only synthetic text is used, so the output may be shared freely.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from newsgraph.model import (
    Amount,
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
    content_id,
)

BATCH = 64
#: Seconds of analysis per article, pipeline with 1 worker (docs/benchmarks.md: 4.85 articles/s).
ANALYSIS_S = 1 / 4.85
PG_ENV = "NEWSGRAPH_TEST_PG"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
CUES = ["said", "told", "added", "warned", "argued", "insisted"]
SITES = [f"news{i}.example" for i in range(40)]


# -- the generator -------------------------------------------------------------------

class Generator:
    """A seeded source of analysed articles with realistic shapes and valid offsets."""

    def __init__(self, seed: int = 8, vocabulary: int = 20_000, names: int = 3_000) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        onsets = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v",
                  "w", "br", "ch", "cl", "dr", "fl", "gr", "pl", "pr", "sh", "st", "tr", "th"]
        vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"]
        codas = ["", "", "n", "r", "s", "t", "l", "nd", "st", "rk", "m"]

        def word(syllables: int) -> str:
            return "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
                           for _ in range(syllables))

        words: set[str] = set()
        while len(words) < vocabulary:
            words.add(word(rng.choice((1, 1, 2, 2, 2, 3))))
        self.vocab = sorted(words)
        rng.shuffle(self.vocab)
        # Zipf weights (s = 1.1): "the"-like words are frequent, most are rare.
        self.vocab_cum = _cumulative([1 / (rank + 1) ** 1.1 for rank in range(vocabulary)])
        first = [word(2).capitalize() for _ in range(300)]
        last = [word(rng.choice((2, 3))).capitalize() for _ in range(1500)]
        people: set[str] = set()
        while len(people) < names * 2 // 3:
            people.add(f"{rng.choice(first)} {rng.choice(last)}")
        orgs = {f"{word(2).capitalize()} {kind}" for kind in
                ("Ministry", "Party", "Council", "Bank", "Group", "Agency", "Union")
                for _ in range(names // 30)}
        places = {word(rng.choice((2, 3))).capitalize() for _ in range(names // 4)}
        self.pool = ([(n, "PERSON") for n in sorted(people)] + [(n, "ORG") for n in sorted(orgs)]
                     + [(n, "GPE") for n in sorted(places)])
        rng.shuffle(self.pool)
        self.pool_cum = _cumulative([1 / (rank + 1) ** 0.9 for rank in range(len(self.pool))])
        self.coords = {name: (rng.uniform(-60, 70), rng.uniform(-180, 180), rng.randrange(10**6))
                       for name, kind in self.pool if kind == "GPE"}
        self.start = date(2024, 1, 1)

    def words(self, count: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.vocab_cum, k=count)

    def entity_pool(self, count: int) -> list[tuple[str, str]]:
        chosen: dict[str, str] = {}
        while len(chosen) < count:
            name, kind = self.rng.choices(self.pool, cum_weights=self.pool_cum)[0]
            chosen[name] = kind
        return list(chosen.items())

    def article(self, index: int) -> Article:
        rng = self.rng
        published = self.start + timedelta(days=rng.randrange(730))
        ents = self.entity_pool(rng.randint(10, 30))
        speakers = [i for i, (_, kind) in enumerate(ents) if kind == "PERSON"] or [0]
        n_quotes = rng.randint(2, 8)
        parts: list[str] = []
        pos = 0
        mentions: dict[int, list[Mention]] = {i: [] for i in range(len(ents))}
        quotes: list[Quote] = []
        dates: list[TimeRef] = []
        amounts: list[Amount] = []
        places: list[Place] = []
        events: list[Event] = []

        def put(piece: str) -> tuple[int, int]:
            nonlocal pos
            begin = pos
            parts.append(piece)
            pos += len(piece)
            return begin, pos

        def name(i: int, surname: bool = False) -> tuple[int, int, str]:
            full, kind = ents[i]
            shown = full.split()[-1] if surname and kind == "PERSON" else full
            begin, end = put(shown)
            mentions[i].append(Mention(start=begin, end=end, text=shown))
            if kind == "GPE":
                lat, lon, gid = self.coords[full]
                places.append(Place(start=begin, end=end, text=shown, geonameid=gid, name=full,
                                    lat=lat, lon=lon, country="XX", feature="city",
                                    entity=f"e{i}", score=0.9))
            return begin, end, shown

        title = " ".join(self.words(rng.randint(5, 10))).capitalize()
        # Each entity is named once; then sentences of words, mentions, dates, amounts, quotes.
        first = list(range(len(ents)))
        rng.shuffle(first)
        todo = rng.choices(range(len(ents)), k=len(ents) * 3 // 2) + first[::-1]  # pop() order
        quote_at = set(rng.sample(range(22), n_quotes))
        plain_left = 22 - n_quotes
        for sentence in range(22):
            if parts:
                put(" ")
            if sentence in quote_at:
                speaker = rng.choice(speakers)
                body = " ".join(self.words(rng.randint(8, 18))).capitalize()
                q_start, q_end = put(f"\u201c{body},\u201d")
                put(" ")
                cue = rng.choice(CUES)
                c_start, c_end = put(cue)
                put(" ")
                s_start, s_end, shown = name(speaker, surname=rng.random() < 0.5)
                put(".")
                when = published - timedelta(days=rng.randrange(3))
                quotes.append(Quote(
                    start=q_start, end=q_end, text=f"\u201c{body},\u201d", direct=True,
                    speaker=SpeakerRef(start=s_start, end=s_end, text=shown, entity=f"e{speaker}"),
                    cue=Cue(start=c_start, end=c_end, text=cue, lemma="say"),
                    date=when.isoformat()))
                continue
            words = self.words(rng.randint(10, 16))
            words[0] = words[0].capitalize()
            take = min(len(words) - 2, -(-len(todo) // plain_left))
            plain_left -= 1
            slots = rng.sample(range(1, len(words)), take + 1)
            date_slot, name_slots = slots[0], set(slots[1:])
            for k, w in enumerate(words):
                if k:
                    put(" ")
                if k in name_slots and todo:
                    i = todo.pop()
                    begin, end, shown = name(i, surname=len(mentions[i]) > 0)
                    if rng.random() < 0.05 and len(events) < 3:
                        t_start, t_end = put(" met")
                        events.append(Event(
                            type="CONSULT", cameo="040",
                            actor=EventArgument(text=shown, entity=f"e{i}", start=begin,
                                                end=end),
                            trigger=Span(start=t_start + 1, end=t_end, text="met"),
                            date=published.isoformat()))
                    put(" ")
                elif k == date_slot and rng.random() < 0.3:
                    day = published - timedelta(days=rng.randrange(1, 20))
                    phrase = f"on {day.day} {MONTHS[day.month - 1]}"
                    begin, end = put(phrase)
                    dates.append(TimeRef(start=begin, end=end, text=phrase,
                                         value=day.isoformat(), granularity="day"))
                    put(" ")
                elif k == date_slot and rng.random() < 0.3:
                    value = rng.randrange(2, 5000)
                    phrase = f"{value:,} people"
                    begin, end = put(phrase)
                    amounts.append(Amount(start=begin, end=end, text=phrase, value=value,
                                          unit="people"))
                    put(" ")
                put(w)
            put(".")
        text = "".join(parts)
        entities = [Entity(id=f"e{i}", name=full, type=kind, mentions=mentions[i])
                    for i, (full, kind) in enumerate(ents)]
        return Article(
            id=content_id(f"{index}\n{text}"), url=f"https://{rng.choice(SITES)}/a/{index}",
            title=title, published=published.isoformat(), site=rng.choice(SITES),
            language="en", text=text, entities=entities, quotes=quotes, dates=dates,
            amounts=amounts, places=places, events=events,
            versions={"newsgraph": "bench-synthetic"})


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def check(article: Article) -> None:
    """Every span's text is the article's text at its offsets."""
    t = article.text
    spans: list = [m for e in article.entities for m in e.mentions]
    spans += article.quotes + article.dates + article.amounts + article.places
    spans += [q.speaker for q in article.quotes] + [q.cue for q in article.quotes]
    spans += [ev.trigger for ev in article.events]
    for span in spans:
        assert t[span.start:span.end] == span.text, (span, t[span.start:span.end])


# -- measuring -----------------------------------------------------------------------

def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def ingest(store, gen: Generator, n: int) -> dict:
    """Generate and add N articles in batches of 64; only `add_many` is timed."""
    gen_s = add_s = 0.0
    words = 0
    for first in range(0, n, BATCH):
        clock = time.perf_counter()
        batch = [gen.article(i) for i in range(first, min(first + BATCH, n))]
        gen_s += time.perf_counter() - clock
        if first == 0:
            for article in batch:
                check(article)
        words += sum(len(a.text.split()) for a in batch)
        clock = time.perf_counter()
        added = store.add_many(batch, batch_size=BATCH)
        add_s += time.perf_counter() - clock
        assert all(added), "duplicate synthetic article id"
        if (first // BATCH) % 200 == 0:
            print(f"  {first + len(batch):>7,} articles, {add_s:7.1f} s in add_many, "
                  f"{gen_s:7.1f} s generating", file=sys.stderr, flush=True)
    return {"articles": n, "words_per_article": words / n, "ingest_s": add_s,
            "generate_s": gen_s, "articles_per_s": n / add_s, "ms_per_article": 1000 * add_s / n}


def time_calls(fn, args: list) -> dict:
    times, rows = [], 0
    for arg in args:
        clock = time.perf_counter()
        result = fn(arg)
        times.append(1000 * (time.perf_counter() - clock))
        rows += len(result)
    return {"calls": len(args), "p50_ms": percentile(times, 0.5),
            "p95_ms": percentile(times, 0.95), "max_ms": max(times),
            "mean_rows": rows / len(args)}


def queries(store, gen: Generator, calls: int, seed: int = 88) -> dict:

    rng = random.Random(seed)
    people = [name for name, kind in gen.pool if kind == "PERSON"]
    names = [name for name, _ in gen.pool]
    search_words = []
    for k in range(calls):
        if k % 2:
            search_words.append(rng.choice(names).split()[-1])
        else:
            search_words.append(rng.choice(gen.vocab))
    speakers = [name if k % 2 else name.split()[-1]
                for k, name in enumerate(rng.choices(people, k=calls))]
    timeline_names = rng.choices(names, k=calls)

    from newsgraph.link.build import ensure_linked
    from newsgraph.link.timeline import timeline
    from newsgraph.store import entity_summaries, search
    from newsgraph.store.queries import Queries

    clock = time.perf_counter()
    ensure_linked(store)
    link_s = time.perf_counter() - clock
    # Warm the page cache and the connection pool; not timed.
    search(store, "warm")
    Queries(store).quotes(speaker="warm")
    timeline(store, names[0])
    results = {
        "search": time_calls(lambda words: search(store, words), search_words),
        "search_common_word": time_calls(lambda words: search(store, words),
                                         gen.vocab[:max(10, calls // 10)]),
        "quotes_by_speaker": time_calls(lambda s: Queries(store).quotes(speaker=s), speakers),
        "timeline": time_calls(lambda name: timeline(store, name), timeline_names),
        "entities_limit_50": time_calls(lambda _: entity_summaries(store, limit=50),
                                        [None] * max(3, calls // 40)),
        "link_s": link_s,
    }
    return results


def run_backend(label: str, url: str, gen_seed: int, n: int, calls: int,
                size_of, reuse: bool = False) -> dict:
    from newsgraph.store import Store

    gen = Generator(seed=gen_seed)
    with Store.open(url, create=not reuse) as store:
        if reuse:
            n = store.count()
            figures = {"articles": n, "reused": True}
        else:
            print(f"{label}: ingesting {n:,} articles", file=sys.stderr, flush=True)
            figures = ingest(store, gen, n)
        figures["db_bytes"] = size_of(store)
        figures["db_bytes_per_article"] = figures["db_bytes"] / n
        figures["rows"] = {t: store.count(t) for t in
                           ("articles", "entities", "mentions", "quotes", "places")}
        print(f"{label}: timing queries", file=sys.stderr, flush=True)
        figures["queries"] = queries(store, gen, calls)
    return figures


def sqlite_size(path: Path):
    def size(store) -> int:
        with store.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    return size


def pg_size(store) -> int:
    with store.engine.connect() as connection:
        return connection.exec_driver_sql("SELECT pg_database_size(current_database())").scalar()


def report(label: str, f: dict, analysis_s: float) -> None:
    if f.get("reused"):
        print(f"\n{label}: {f['articles']:,} articles (a store built before)")
    else:
        share = f["ms_per_article"] / 1000 / analysis_s
        print(f"\n{label}: {f['articles']:,} articles ({f['words_per_article']:.0f} words each), "
              f"ingest {f['articles_per_s']:,.0f} articles/s ({f['ms_per_article']:.2f} "
              f"ms/article, {share:.1%} of {analysis_s:.3f} s analysis), "
              f"{f['db_bytes_per_article'] / 1024:.1f} KiB/article "
              f"({f['db_bytes'] / 2**20:,.0f} MiB)")
    print(f"link (aliases and stories, once): {f['queries']['link_s']:.1f} s")
    print(f"{'query':<20} {'calls':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'rows':>6}")
    for name, q in f["queries"].items():
        if isinstance(q, dict):
            print(f"{name:<20} {q['calls']:>5} {q['p50_ms']:>8.2f} {q['p95_ms']:>8.2f} "
                  f"{q['max_ms']:>8.2f} {q['mean_rows']:>6.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles (default 100,000)")
    parser.add_argument("--calls", type=int, default=200, help="timed calls per query")
    parser.add_argument("--pg", help=f"PostgreSQL URL (default ${PG_ENV}); omitted: SQLite only")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--analysis-s", type=float, default=ANALYSIS_S,
                        help="pipeline analysis seconds per article to compare ingest with")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--keep", type=Path, help="SQLite file to build and keep (must not exist)")
    parser.add_argument("--reuse", type=Path, help="time the queries on this SQLite store only")
    args = parser.parse_args(argv)

    import sqlalchemy

    import newsgraph

    results: dict = {
        "n": args.n, "batch": BATCH, "calls": args.calls, "seed": args.seed,
        "analysis_s_per_article": args.analysis_s,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "versions": {"newsgraph": newsgraph.__version__, "sqlalchemy": sqlalchemy.__version__},
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "backends": {},
    }
    if not args.no_sqlite:
        import sqlite3

        results["versions"]["sqlite"] = sqlite3.sqlite_version
        with tempfile.TemporaryDirectory(prefix="bench_store_") as tmp:
            path = args.reuse or args.keep or Path(tmp) / "bench.db"
            if args.keep and path.exists():
                parser.error(f"{path} exists; --keep builds a new database")
            results["backends"]["sqlite"] = run_backend(
                "sqlite", str(path), args.seed, args.n, args.calls, sqlite_size(path),
                reuse=args.reuse is not None)
        report("sqlite", results["backends"]["sqlite"], args.analysis_s)
    pg = args.pg or os.environ.get(PG_ENV)
    if pg:
        # The benchmark needs an empty database: ids are deterministic, so a second run
        # would find every article stored already.
        results["backends"]["postgresql"] = run_backend(
            "postgresql", pg, args.seed, args.n, args.calls, pg_size)
        report("postgresql", results["backends"]["postgresql"], args.analysis_s)
    for f in results["backends"].values():
        f["p95_under_50ms"] = {name: q["p95_ms"] < 50 for name, q in f["queries"].items()
                               if isinstance(q, dict)}
        if not f.get("reused"):
            f["ingest_share_of_analysis"] = f["ms_per_article"] / 1000 / args.analysis_s
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
