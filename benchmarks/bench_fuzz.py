"""The long fuzz profile: generated documents through the whole pipeline, offsets checked.

    python benchmarks/bench_fuzz.py [--documents 10000] [--seed 1] [--json OUT]

Half the documents are plain text, half HTML pages (through `source_from_html`), drawn
by the strategies in `tests/fuzz_documents.py` (the CI test `tests/test_offsets.py` runs
a short profile of the same). Every document is analysed by one `Analyzer` with the
default stages; the script counts crashes (a stage failure, an extraction crash) and
spans whose offsets do not slice the text, prints the first few of each and the
throughput, and exits 1 when there was any.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))


def run(documents: int, seed: int) -> dict:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as fixed_seed
    from tests.fuzz_documents import html_page, text_document
    from tests.test_offsets import problems_of

    from newsgraph.ingest.html import source_from_html
    from newsgraph.ingest.sources import Source
    from newsgraph.pipeline import Analyzer
    from newsgraph.settings import Settings

    analyzer = Analyzer(Settings(dedup=False))
    analyzer.nlp  # noqa: B018 - load the model before timing
    counts: Counter = Counter()
    examples: list[str] = []

    def check(kind: str, source) -> None:
        counts[kind] += 1
        counts["characters"] += len(getattr(source, "text", ""))
        problems = problems_of(analyzer, source)
        for problem in problems:
            counts["crashes" if "failed" in problem else "misaligned spans"] += 1
            if len(examples) < 10:
                examples.append(f"{kind}: {problem}")

    profile = settings(max_examples=documents // 2, deadline=None, database=None,
                       suppress_health_check=list(HealthCheck))

    @fixed_seed(seed)
    @profile
    @given(text_document())
    def texts(text: str) -> None:
        check("text", Source(text=text, origin="fuzz"))

    @fixed_seed(seed)
    @profile
    @given(html_page())
    def pages(page: str) -> None:
        check("html", source_from_html(page, "fuzz.html"))

    begin = time.perf_counter()
    texts()
    pages()
    seconds = time.perf_counter() - begin
    total = counts["text"] + counts["html"]
    return {"documents": total, "text": counts["text"], "html": counts["html"],
            "characters": counts["characters"], "crashes": counts["crashes"],
            "misaligned_spans": counts["misaligned spans"], "seconds": round(seconds, 1),
            "documents_per_second": round(total / seconds, 2), "examples": examples}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = run(args.documents, args.seed)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 1 if result["crashes"] or result["misaligned_spans"] else 0


if __name__ == "__main__":
    sys.exit(main())
