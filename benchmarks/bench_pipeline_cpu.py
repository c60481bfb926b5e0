"""Pipeline throughput by CPU time: spaCy's parse against the full pipeline, in one process.

Run from the repository root:

    python benchmarks/bench_pipeline_cpu.py [--gold PATH] [--rounds N]

On a machine that other work keeps busy, wall-clock rounds (`bench_pipeline.py`) swing with
the load; the CPU time this process itself uses (user + system, `getrusage`) moves far less.
Each round times `nlp.pipe` over the texts (the ceiling: the same model, all its components)
and then `analyze_sources` with one worker, both after the same warm-up, and prints CPU and
wall seconds and their ratios. The texts are read from outside the repository; only figures
are printed.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from bench_pipeline import (
    DEFAULT_GOLD,
    SPACY_BATCH,
    load_records,
    make_sources,
    make_warmup_sources,
)


def cpu_seconds() -> float:
    """User plus system CPU seconds this process has used."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if not args.gold.is_file():
        print(f"skipped: benchmark texts not found at {args.gold}")
        return

    from newsgraph.nlp import load_model
    from newsgraph.pipeline import analyze_sources
    from newsgraph.settings import Settings

    records = load_records(args.gold)
    texts = [record.text for record in records]
    settings = Settings(workers=1)
    nlp = load_model(settings.model)
    list(analyze_sources(make_warmup_sources(4), settings))
    nlp("A short warm-up sentence about Boston on 3 May 2016.")
    for number in range(1, args.rounds + 1):
        cpu, wall = cpu_seconds(), time.perf_counter()
        list(nlp.pipe(texts, batch_size=SPACY_BATCH))
        parse_cpu, parse_wall = cpu_seconds() - cpu, time.perf_counter() - wall
        cpu, wall = cpu_seconds(), time.perf_counter()
        list(analyze_sources(make_sources(records), settings))
        full_cpu, full_wall = cpu_seconds() - cpu, time.perf_counter() - wall
        print(f"round {number}: spaCy parse {parse_cpu:.2f} s CPU ({parse_wall:.2f} s wall); "
              f"pipeline {full_cpu:.2f} s CPU ({full_wall:.2f} s wall); pipeline vs parse: "
              f"{parse_cpu / full_cpu:.1%} by CPU, {parse_wall / full_wall:.1%} by wall clock",
              flush=True)


if __name__ == "__main__":
    main()
