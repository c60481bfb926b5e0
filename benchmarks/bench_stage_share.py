"""Each stage's share of the pipeline's time (tone, portrayal and the others), one process.

Run from the repository root:

    nice python benchmarks/bench_stage_share.py [--gold PATH] [--limit N]

Parses the texts with `nlp.pipe` (timed), then runs the default stages on every parse with
`Analyzer.run_stages`, timing each stage's function with `time.perf_counter`. Model and
resource loading are outside the timed sections (one warm-up article first). Prints seconds
and shares of the total (parse + stages). The texts are read from outside the repository and
only figures are printed.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "quotes" / \
    "polnear_dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()

    from newsgraph.model import Source
    from newsgraph.pipeline import Analyzer

    records = [json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()]
    records = records[:args.limit] if args.limit else records
    analyzer = Analyzer()
    analyzer.analyze_batch([Source(text=records[0]["text"], origin="warm-up")])
    articles = [analyzer.prepare(Source(text=r["text"], origin=str(i)))
                for i, r in enumerate(records)]
    started = time.perf_counter()
    docs = list(analyzer.nlp.pipe((a.text for a in articles), batch_size=32))
    seconds = {"spaCy parse": time.perf_counter() - started}
    for article, doc in zip(articles, docs, strict=True):
        analyzer.run_stages(article, doc, timings=seconds)
    total = sum(seconds.values())
    words = sum(len(doc) for doc in docs)
    print(f"{len(articles)} articles, {words:,} tokens, {total:.2f} s in all")
    for name, value in sorted(seconds.items(), key=lambda item: -item[1]):
        print(f"  {name:12s} {value:7.2f} s  {100 * value / total:5.1f} %")


if __name__ == "__main__":
    main()
