"""Spark local[1]/local[2] against the in-process pipeline (1 and 2 workers) on the same WARCs.

    python benchmarks/bench_spark.py [--gold PATH] [--copies 2] [--warcs 4]

The texts of the gold file (default: the PolNeAR dev split, 84 articles) are wrapped as
HTML pages, `--copies` times, into `--warcs` equal WARC files in a temp folder (near-
duplicate linking off, so every page is analysed). Each mode runs in a fresh process;
Spark's session start and its first (cold) job are reported apart from a second, warm job.
Exits 0 with a message when the texts or pyspark are missing.
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO.parent / "shared" / "eval" / "quotes" / "polnear_dev.jsonl"
MODES = ("local1", "local2", "spark1", "spark2")


def page(url_index: str, text: str) -> str:
    title, _, body = text.partition("\n")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
    return (f"<html><head><title>{html.escape(title)}</title></head><body><article>"
            f"<h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>")


def make_warcs(gold: Path, folder: Path, copies: int, warcs: int) -> int:
    """Write the pages into `warcs` WARC files; returns the number of pages."""
    sys.path.insert(0, str(REPO))
    from tests.test_warc import write_warc

    with gold.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    pages = [(f"https://bench.example/{copy}/{i}", page(f"{copy}/{i}", text).encode(),
              "text/html; charset=utf-8", "200 OK")
             for copy in range(copies) for i, text in enumerate(texts)]
    size = -(-len(pages) // warcs)
    for k in range(warcs):
        write_warc(folder / f"crawl-{k}.warc.gz", pages[k * size:(k + 1) * size])
    return len(pages)


def run_local(folder: Path, workers: int) -> dict:
    from newsgraph.ingest.read import read_sources
    from newsgraph.pipeline import Analyzer, analyze_sources, worker_pool
    from newsgraph.settings import Settings

    settings = Settings(workers=workers, dedup=False)
    started = time.monotonic()
    if workers == 1:
        Analyzer(settings).nlp  # noqa: B018 - load the model before timing
        startup = time.monotonic() - started
        started = time.monotonic()
        count = sum(1 for _ in analyze_sources(read_sources([str(folder)]), settings))
        return {"startup_s": startup, "job_s": time.monotonic() - started, "articles": count}
    with worker_pool(settings) as pool:
        startup = time.monotonic() - started
        started = time.monotonic()
        results = analyze_sources(read_sources([str(folder)]), settings, pool)
        count = sum(1 for _ in results)
        return {"startup_s": startup, "job_s": time.monotonic() - started, "articles": count}


def run_spark(folder: Path, master: str) -> dict:
    from newsgraph.scale.spark import SparkJob, analyze_to_parquet, spark_session

    started = time.monotonic()
    session = spark_session(master, 2)
    result: dict = {"startup_s": time.monotonic() - started}
    out = folder.parent / "spark-out"
    for name in ("cold_job_s", "job_s"):
        shutil.rmtree(out, ignore_errors=True)
        started = time.monotonic()
        counts = analyze_to_parquet(SparkJob((str(folder),), str(out), master=master,
                                             dedup=False), session)
        result[name] = time.monotonic() - started
    session.stop()
    result["articles"] = counts["articles"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--warcs", type=int, default=4)
    parser.add_argument("--mode", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        result = run_local(args.folder, int(args.mode[-1])) if args.mode.startswith("local") \
            else run_spark(args.folder, f"local[{args.mode[-1]}]")
        print(json.dumps(result))
        return
    if not args.gold.exists():
        print(f"skipped: {args.gold} not found")
        return
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("skipped: pyspark is not installed (pip install 'newsgraph[spark]')")
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "warcs"
        folder.mkdir()
        pages = make_warcs(args.gold, folder, args.copies, args.warcs)
        print(f"{pages} pages in {args.warcs} WARCs")
        for mode in MODES:
            run = subprocess.run([sys.executable, __file__, "--mode", mode, "--folder",
                                  str(folder)], capture_output=True, text=True, check=False)
            lines = run.stdout.strip().splitlines()
            result = json.loads(lines[-1]) if lines else {"error": run.stderr[-500:]}
            if "job_s" in result:
                result["articles_per_s"] = round(result["articles"] / result["job_s"], 2)
            print(mode, json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
