"""Try fixes for the store's slow queries on a database built by `bench_store.py --keep DB`.

Run from the repository root, on a benchmark database only (it adds tables to it):

    python benchmarks/bench_store.py --n 100000 --keep /tmp/bench.db
    python benchmarks/store_index_trial.py /tmp/bench.db [--json OUT]

Quotes by speaker: `Store.quotes(speaker=...)` matches `lower(speaker_name) LIKE '%name%'`,
which no B-tree index can serve, so every call reads the whole quotes table. Timed here,
with the same randomised speakers as `bench_store.py`, returning the same rows:

* `store.quotes`: the query as it is;
* `two_step_existing_index`: first the distinct matching names from `ix_quotes_speaker_name`
  (a scan of the narrow index instead of the table), then `speaker_name IN (...)`, which the
  index serves. A query-only change; no new table;
* `speaker_names_table`: the same, but the names come from a table of distinct speaker names
  (a few thousand rows) that ingest would keep up to date. Needs a migration;
* `trigram_fts`: an FTS5 `trigram` index over `quotes.speaker_name`, which serves
  `LIKE '%name%'` for names of 3+ characters (SQLite only). Needs a migration.

It also shows SQLite's plans for the benchmark's queries (`EXPLAIN QUERY PLAN`).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import TIMELINE_SQL, Generator, percentile

QUOTE_COLUMNS = ("q.article_id, a.published, a.title, q.start, q.\"end\", q.text, q.direct, "
                 "q.speaker_name, q.cue, q.addressee, q.date")
ORDER = "ORDER BY a.published DESC NULLS LAST, q.article_id, q.seq LIMIT 50"


def like_pattern(name: str) -> str:
    escaped = name.lower().replace("/", "//").replace("%", "/%").replace("_", "/_")
    return f"%{escaped}%"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--seed", type=int, default=8, help="bench_store.py's --seed")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    from sqlalchemy import text

    from newsgraph.store import Store

    gen = Generator(seed=args.seed)
    rng = random.Random(99)
    people = [name for name, kind in gen.pool if kind == "PERSON"]
    speakers = [name if k % 2 else name.split()[-1]
                for k, name in enumerate(rng.choices(people, k=args.calls))]
    results: dict = {"db": str(args.db), "calls": args.calls, "quotes_by_speaker": {},
                     "plans": {}}
    with Store.open(args.db, create=False) as store, store.engine.connect() as db:
        def sql(statement: str, **params) -> list:
            result = db.execute(text(statement), params)
            return list(result) if result.returns_rows else []

        clock = time.perf_counter()
        sql("CREATE TABLE IF NOT EXISTS trial_speaker_names (name TEXT PRIMARY KEY)")
        sql("INSERT OR IGNORE INTO trial_speaker_names SELECT DISTINCT speaker_name FROM quotes "
            "WHERE speaker_name IS NOT NULL")
        names_s = time.perf_counter() - clock
        clock = time.perf_counter()
        sql("CREATE VIRTUAL TABLE IF NOT EXISTS trial_quotes_speaker USING fts5("
            "speaker_name, content='quotes', content_rowid='rowid', tokenize='trigram')")
        sql("INSERT INTO trial_quotes_speaker(trial_quotes_speaker) VALUES ('rebuild')")
        trigram_s = time.perf_counter() - clock
        db.commit()
        results["build_s"] = {"speaker_names_table": names_s, "trigram_fts": trigram_s}

        def in_names(names: list[str]) -> list:
            if not names:
                return []
            marks = ", ".join(f":n{i}" for i in range(len(names)))
            return sql(f"SELECT {QUOTE_COLUMNS} FROM quotes AS q JOIN articles AS a "
                       f"ON a.id = q.article_id WHERE q.speaker_name IN ({marks}) {ORDER}",
                       **{f"n{i}": n for i, n in enumerate(names)})

        def two_step(name: str) -> list:
            found = sql("SELECT DISTINCT speaker_name FROM quotes INDEXED BY "
                        "ix_quotes_speaker_name WHERE lower(speaker_name) LIKE :p ESCAPE '/'",
                        p=like_pattern(name))
            return in_names([row[0] for row in found])

        def names_table(name: str) -> list:
            found = sql("SELECT name FROM trial_speaker_names WHERE lower(name) LIKE :p "
                        "ESCAPE '/'", p=like_pattern(name))
            return in_names([row[0] for row in found])

        def trigram(name: str) -> list:
            return sql(f"SELECT {QUOTE_COLUMNS} FROM quotes AS q JOIN articles AS a "
                       f"ON a.id = q.article_id WHERE q.rowid IN (SELECT rowid FROM "
                       f"trial_quotes_speaker WHERE speaker_name LIKE :p) {ORDER}",
                       p=f"%{name}%")  # names hold no % or _; ESCAPE would bypass the index

        variants = {
            "store.quotes": lambda s: store.quotes(speaker=s),
            "two_step_existing_index": two_step,
            "speaker_names_table": names_table,
            "trigram_fts": trigram,
        }
        reference = {s: [(r.article_id, r.start) for r in store.quotes(speaker=s)]
                     for s in speakers[:20]}
        for label, fn in variants.items():
            for s, want in reference.items():
                got = [(r[0], r[3]) for r in fn(s)]
                assert got == want, (label, s)
            times = []
            for s in speakers:
                clock = time.perf_counter()
                fn(s)
                times.append(1000 * (time.perf_counter() - clock))
            results["quotes_by_speaker"][label] = {
                "p50_ms": percentile(times, 0.5), "p95_ms": percentile(times, 0.95),
                "max_ms": max(times)}
            print(f"{label:<26} p50 {percentile(times, 0.5):8.2f} ms  "
                  f"p95 {percentile(times, 0.95):8.2f} ms  max {max(times):8.2f} ms")
        for label, statement in {
            "quotes_by_speaker": f"SELECT {QUOTE_COLUMNS} FROM quotes AS q JOIN articles AS a "
                                 f"ON a.id = q.article_id WHERE lower(q.speaker_name) LIKE "
                                 f"'%x%' ESCAPE '/' {ORDER}",
            "timeline": TIMELINE_SQL.replace(":name", "'x'"),
        }.items():
            plan = [row[-1] for row in sql("EXPLAIN QUERY PLAN " + statement)]
            results["plans"][label] = plan
            print(f"plan {label}: " + "; ".join(plan))
        sql("DROP TABLE trial_quotes_speaker")
        sql("DROP TABLE trial_speaker_names")
        db.commit()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
