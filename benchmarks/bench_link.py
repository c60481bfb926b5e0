"""Time `newsgraph link` on a synthetic store: full, nothing new, 100 new articles.

    python benchmarks/bench_link.py --n 10000 [--keep /tmp/link10k.db | --reuse /tmp/link10k.db]

`--lean` stores each generated article with only what `link` reads (text, title, date,
entities with their first mention, places, dates; no quotes, events or amounts), so that a
100,000-article store is built in minutes; the texts, names and dates are the same.
`--replicate K` generates N/K articles and copies them K-1 times in SQL (SQLite only) under
new ids, copy k moved 7k days later within the generator's two years (wrapping round), so
that no copy lies within the 3-day window of another copy of the same text; their entities,
places and dates (moved the same way) and the entity totals come along. Only what `link`
reads is copied (not mentions, quotes or the per-day totals). A 100,000-article store is then
built in a few minutes on a busy machine rather than in an hour.
`--squeeze DAYS` moves every generated article's publish day into the first DAYS days
(day × DAYS / 730), so that N articles have the per-day density of N × 730 / DAYS articles
over two years: `--n 5000 --squeeze 37` puts about 135 articles on each day, as a
100,000-article store of two years has (137); the new articles then meet as many stored
articles in their windows as they would at 100k.
`--keep` builds the store there and links it there (the first, full link is timed), so a
later `--reuse` starts from a linked store and times only the incremental cases.

The store is `bench_store.py`'s generator (Zipf pseudo-words, 10-30 entities, dates). The 100
new articles are the newest 100 stored again under new ids, dated one day later (each makes a
story with its original: the daily-ingest case). Each added case is checked against a full
clustering with the same term weights. Times are wall-clock seconds on this machine.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import Generator, ingest

from newsgraph.store import Store


class LeanGenerator(Generator):
    """`Generator`'s articles with only what `newsgraph link` reads."""

    def article(self, index: int):
        article = super().article(index)
        entities = [e.model_copy(update={"mentions": e.mentions[:1]}) for e in article.entities]
        return article.model_copy(update={"entities": entities, "quotes": [], "events": [],
                                          "amounts": []})


def replicate(store: Store, times: int) -> int:
    """Copy every stored article `times - 1` times (see the module docstring); the count."""
    from sqlalchemy import text

    from newsgraph.store import schema

    span = 730  # the generator's days
    start = Generator().start.isoformat()
    with store.engine.begin() as connection:
        for copy in range(1, times):
            connection.execute(text("DROP TABLE IF EXISTS temp.moved"))
            connection.execute(text(
                "CREATE TEMP TABLE moved AS SELECT id AS old, id || '-c' || :k AS new, "
                "CAST((CAST(julianday(substr(published, 1, 10)) - julianday(:start) AS INTEGER)"
                " + 7 * :k) % :span - (julianday(substr(published, 1, 10)) - julianday(:start))"
                " AS INTEGER) AS shift FROM articles WHERE id NOT LIKE '%-c%'"),
                {"k": copy, "start": start, "span": span})
            for table, moved in ((schema.articles, {"id": "m.new",
                                                    "url": "t.url || '-c' || :k",
                                                    "published": "date(t.published, "
                                                                 "m.shift || ' days')"}),
                                 (schema.entities, {"article_id": "m.new"}),
                                 (schema.places, {"article_id": "m.new"}),
                                 (schema.dates, {"article_id": "m.new", "value": (
                                     "CASE WHEN t.granularity = 'day' AND t.value IS NOT NULL"
                                     " THEN date(t.value, m.shift || ' days') ELSE t.value END"
                                 )})):
                columns = [c.name for c in table.columns]
                key = "id" if table is schema.articles else "article_id"
                values = ", ".join(moved.get(c, f't."{c}"') for c in columns)
                names = ", ".join(f'"{c}"' for c in columns)
                connection.execute(text(
                    f"INSERT INTO {table.name} ({names}) SELECT {values} "
                    f"FROM {table.name} t JOIN moved m ON m.old = t.{key}"), {"k": copy})
        connection.execute(text("UPDATE entity_totals SET articles = articles * :n, "
                                "mentions = mentions * :n"), {"n": times})
    return store.count()


def squeeze(store: Store, days: int) -> int:
    """Move every article's publish day into the first `days` of the generator's two years."""
    from sqlalchemy import text

    start = Generator().start.isoformat()
    with store.engine.begin() as connection:
        connection.execute(text(
            "UPDATE articles SET published = date(:start, CAST(CAST(julianday(substr("
            "published, 1, 10)) - julianday(:start) AS INTEGER) * :days / 730 AS INTEGER) "
            "|| ' days')"), {"start": start, "days": days})
        return connection.execute(text("SELECT count(DISTINCT published) FROM articles")
                                  ).scalar_one()


def _timed(label: str, fn, *args):
    clock, cpu = time.perf_counter(), time.process_time()
    result = fn(*args)
    wall, cpu = time.perf_counter() - clock, time.process_time() - cpu
    print(f"{label:<46} {wall:8.2f} s  (CPU {cpu:6.2f} s)   {result}", flush=True)
    return result


def _stories(store: Store) -> list[tuple[str, ...]]:
    from newsgraph.link import stored_stories

    return sorted(tuple(a["id"] for a in s["articles"])
                  for s in stored_stories(store, limit=10_000_000))


def _copies(store: Store, count: int) -> list:
    """The newest `count` stored articles under new ids, one day later."""
    from sqlalchemy import select

    from newsgraph.store import schema

    a = schema.articles
    with store.engine.connect() as connection:
        rows = connection.execute(select(a.c.id, a.c.published)
                                  .order_by(a.c.published.desc(), a.c.id).limit(count)).all()
    copies = []
    for article_id, published in rows:
        article = store.get(article_id)
        assert article is not None
        day = date.fromisoformat(str(published)[:10]) + timedelta(days=1)
        copies.append(article.model_copy(update={"id": f"copy-{article_id}",
                                                 "published": day.isoformat()}))
    return copies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build the store here and keep it")
    parser.add_argument("--reuse", type=Path, help="a store built with --keep (copied first)")
    parser.add_argument("--lean", action="store_true",
                        help="store only what link reads (see above)")
    parser.add_argument("--replicate", type=int, default=1,
                        help="generate N/K articles, copy them K-1 times (see above)")
    parser.add_argument("--squeeze", type=int, help="publish days within this many days")
    parser.add_argument("--tmp", type=Path, help="folder for the working copy")
    args = parser.parse_args(argv)
    from newsgraph.link.build import rebuild, update

    folder = Path(tempfile.mkdtemp(prefix="bench-link-", dir=args.tmp))
    path = folder / "link.db"
    if args.reuse:
        shutil.copy(args.reuse, path)
    else:
        built = args.keep or path
        with Store.open(str(built), create=True) as store:
            _timed(f"build the synthetic store ({args.n // args.replicate:,} articles)",
                   ingest, store, LeanGenerator() if args.lean else Generator(),
                   args.n // args.replicate)
            if args.squeeze:
                _timed(f"squeeze them into {args.squeeze} days (days used)", squeeze, store,
                       args.squeeze)
            if args.replicate > 1:
                _timed(f"copy them to {args.n:,} (--replicate)", replicate, store,
                       args.replicate)
            _timed("first link (full, no link state)", update, store)
        if args.keep:
            shutil.copy(args.keep, path)
    try:
        with Store.open(str(path)) as store:
            print(f"{store.count():,} articles", flush=True)
            if args.reuse:
                _timed("link (full when the store has no link state)", update, store)
            _timed("link with nothing new", update, store)
            store.add_many(_copies(store, 100))
            _timed("100 new articles on the newest days", update, store)
            linked = _stories(store)
            _timed("full rebuild, same weights (check)", rebuild, store)
            assert _stories(store) == linked, "the update differs from a full rebuild"
            print("update equals the full rebuild", flush=True)
    finally:
        shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
