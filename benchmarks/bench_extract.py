"""Article extraction: newsgraph beside the open tools people would otherwise use.

Runs each system over the same pages of the gold sets in `../shared/eval/extract/`
in one process and prints body F1 (score_extract.py semantics), snippet F1,
title/date/author scores, pages/s by wall clock and pages per CPU second (the
process's CPU time around each page: steadier than the wall clock when other work
shares the machine):

    python benchmarks/bench_extract.py [--sets naeb fundus trafilatura htmldate] [--limit N]

Systems: newsgraph (`extract_html`), trafilatura (favor_precision, with metadata),
readability-lxml (body and short title), newspaper4k (body, title, date, authors)
and, on the date set, htmldate alone (`find_date(original_date=True)`). Peers
come from the `bench` extra; a missing one is skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsgraph.eval.extract import (
    METRICS,
    load_gold,
    load_pages,
    newsgraph_extractor,
    run_extractor,
    score,
)
from newsgraph.ingest.decode import decode_html

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "extract"
DATE_ONLY = {"htmldate"}


def trafilatura_extractor(page: bytes, url: str | None) -> dict[str, Any]:
    from trafilatura import bare_extraction

    document = bare_extraction(page, url=url, favor_precision=True, with_metadata=True)
    if document is None:
        return {"body": ""}
    return {"body": document.text or "", "title": document.title, "date": document.date,
            "authors": [a for a in (document.author or "").split("; ") if a]}


def readability_extractor(page: bytes, url: str | None) -> dict[str, Any]:
    from lxml import html
    from readability import Document

    text = decode_html(page).text
    document = Document(text, url=url)
    tree = html.fromstring(document.summary(html_partial=True))
    blocks = [" ".join(el.text_content().split()) for el in
              tree.iter("p", "h2", "h3", "h4", "li", "blockquote", "pre")]
    body = "\n\n".join(b for b in blocks if b) or " ".join(tree.text_content().split())
    return {"body": body, "title": document.short_title()}


def newspaper_extractor(page: bytes, url: str | None) -> dict[str, Any]:
    from newspaper import Article

    text = decode_html(page).text
    article = Article(url or "https://example.invalid/", fetch_images=False)
    article.download(input_html=text)
    article.parse()
    published = article.publish_date.date().isoformat() if article.publish_date else None
    return {"body": article.text, "title": article.title, "date": published,
            "authors": list(article.authors)}


def htmldate_extractor(page: bytes, url: str | None) -> dict[str, Any]:
    from htmldate import find_date

    text = decode_html(page).text
    return {"body": "", "date": find_date(text, url=url, original_date=True)}


SYSTEMS: dict[str, Callable[[bytes, str | None], dict[str, Any]]] = {
    "newsgraph": newsgraph_extractor,
    "trafilatura": trafilatura_extractor,
    "readability": readability_extractor,
    "newspaper4k": newspaper_extractor,
    "htmldate": htmldate_extractor,
}
PEER_MODULES = {"readability": "readability", "newspaper4k": "newspaper", "htmldate": "htmldate"}


def cpu_timed(extractor: Callable[[bytes, str | None], dict[str, Any]],
              spent: list[float]) -> Callable[[bytes, str | None], dict[str, Any]]:
    """`extractor`, adding the process CPU seconds of each call to `spent[0]`."""

    def timed(page: bytes, url: str | None) -> dict[str, Any]:
        started = time.process_time()
        try:
            return extractor(page, url)
        finally:
            spent[0] += time.process_time() - started

    return timed


def available(name: str) -> bool:
    import importlib.util

    module = PEER_MODULES.get(name)
    return module is None or importlib.util.find_spec(module) is not None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=EVAL)
    parser.add_argument("--sets", nargs="+", default=["naeb", "fundus", "trafilatura",
                                                      "htmldate"])
    parser.add_argument("--systems", nargs="+", default=list(SYSTEMS))
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set")
    parser.add_argument("--json", type=Path, help="also write all results here")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # the peers log every page they find hard
    if not args.eval_dir.exists():
        print(f"no gold sets at {args.eval_dir}; nothing to benchmark", file=sys.stderr)
        return 0
    results = []
    for set_name in args.sets:
        gold_dir = args.eval_dir / set_name
        gold = load_gold(gold_dir)[:args.limit]
        pages = list(load_pages(gold_dir, gold))
        print(f"\n## {set_name}: {len(pages)} pages")
        header = f"{'system':<12} {'pages/s':>8} {'pages/cpu-s':>11}" + "".join(f" {label:>14}"
                                                            for label, _ in METRICS)
        print(header)
        for system in args.systems:
            date_only = system == "htmldate"
            if date_only != (set_name in DATE_ONLY) and system not in ("newsgraph",
                                                                          "trafilatura"):
                continue
            if not available(system):
                print(f"{system:<12} (not installed; pip install -e '.[bench]')")
                continue
            run_extractor(system, SYSTEMS[system], pages[:5])  # warm-up: imports, lazy models
            cpu = [0.0]
            run = run_extractor(system, cpu_timed(SYSTEMS[system], cpu), pages)
            per_cpu_second = len(pages) / cpu[0] if cpu[0] > 0 else 0.0
            scored = score(gold, run.predictions)
            scored.update(set=set_name, system=system, pages=len(pages),
                          pages_per_second=run.pages_per_second, cpu_seconds=cpu[0],
                          pages_per_cpu_second=per_cpu_second, failures=len(run.failures))
            results.append(scored)
            cells = "".join(f" {scored[key]:>14.4f}" if scored.get(key) is not None
                            else f" {'-':>14}" for _, key in METRICS)
            print(f"{system:<12} {run.pages_per_second:>8.1f} {per_cpu_second:>11.1f}{cells}",
                  flush=True)
    if args.json:
        args.json.write_text("\n".join(json.dumps(r) for r in results) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
