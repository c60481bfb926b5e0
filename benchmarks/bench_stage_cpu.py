"""Each stage's CPU seconds over cached parses, and a hash of the output: for before/after
comparisons of stage code on a busy machine.

Run from the repository root:

    nice python benchmarks/bench_stage_cpu.py [--gold PATH] [--passes N] [--cache PATH]
        [--tensors]

The texts are parsed once and kept in a spaCy `DocBin` (`--cache`, reused by later runs, so
two versions of the code can be compared on the same parses without parsing again). A
`DocBin` drops the parse's tok2vec rows (`doc.tensor`), so the portrayal stage's reader,
which reads them, does not run; with `--tensors` each parse is kept whole instead
(`Doc.to_bytes`, in a file of its own next to the cache), and every stage runs as in the
pipeline. After a
warm-up article, every pass runs the default stages over all parses with
`Analyzer.run_stages` and prints the CPU seconds (`time.process_time`) of each stage
and a hash of the articles' JSON: two versions of the code that print the same hash gave
the same output. Objects alive after the warm-up are frozen for the garbage collector, as
the pipeline does after its first batch. CPU time moves far less with other processes'
load than wall-clock time; run the versions alternately and compare passes of one run.
The texts are read from outside the repository; only figures are printed.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "quotes" / \
    "polnear_dev.jsonl"
DEFAULT_CACHE = Path("/tmp/newsgraph-bench-parses.spacy")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--tensors", action="store_true",
                        help="keep the parses' tok2vec rows (the portrayal reader runs)")
    args = parser.parse_args()
    if not args.gold.is_file():
        print(f"skipped: benchmark texts not found at {args.gold}")
        return

    from newsgraph.model import Source
    from newsgraph.pipeline import Analyzer

    rows = [json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()]
    sources = [Source(text=row["text"], origin=str(number), id=row.get("id"),
                      published=(row.get("meta") or {}).get("publication_date"))
               for number, row in enumerate(rows)]
    analyzer = Analyzer()
    texts = [article.text for article in map(analyzer.prepare, sources)]
    if args.tensors:
        parses = whole_parses(analyzer, texts, args.cache.with_suffix(".whole"))
    else:
        parses = binned_parses(analyzer, texts, args.cache)
    analyzer.analyze_batch(sources[:1])  # warm-up: stage data and lazy imports loaded
    gc.collect()
    gc.freeze()
    for number in range(args.passes):
        # Fresh `Doc`s each pass: nothing a stage kept for a parse carries over.
        docs = parses()
        articles = [analyzer.prepare(source) for source in sources]
        seconds: dict[str, float] = {}
        for article, doc in zip(articles, docs, strict=True):
            analyzer.run_stages(article, doc, timings=seconds, clock=time.process_time)
        digest = hashlib.sha256("".join(a.model_dump_json() for a in articles).encode())
        stages = "  ".join(f"{name} {value:.2f}" for name, value in
                           sorted(seconds.items(), key=lambda item: -item[1]))
        print(f"pass {number}: stages {sum(seconds.values()):.2f} s CPU, output "
              f"{digest.hexdigest()[:16]}: {stages}", flush=True)


def binned_parses(analyzer, texts: list[str], cache: Path) -> Callable[[], list]:
    """Fresh `Doc`s of `texts` on each call, from a `DocBin` at `cache` (made if absent)."""
    from spacy.tokens import DocBin

    if not cache.is_file():
        DocBin(docs=analyzer.nlp.pipe(texts, batch_size=32)).to_disk(cache)
    stored = DocBin().from_disk(cache)
    if [doc.text for doc in stored.get_docs(analyzer.nlp.vocab)] != texts:
        raise SystemExit(f"{cache} holds other texts: delete it and run again")
    return lambda: list(stored.get_docs(analyzer.nlp.vocab))


def whole_parses(analyzer, texts: list[str], cache: Path) -> Callable[[], list]:
    """The same with every attribute kept, the tensor too (`Doc.to_bytes`, each parse's
    length in 8 bytes before it)."""
    from spacy.tokens import Doc

    if not cache.is_file():
        with cache.open("wb") as handle:
            for doc in analyzer.nlp.pipe(texts, batch_size=32):
                data = doc.to_bytes()
                handle.write(len(data).to_bytes(8, "little") + data)
    blob, blobs, at = cache.read_bytes(), [], 0
    while at < len(blob):
        size = int.from_bytes(blob[at:at + 8], "little")
        blobs.append(blob[at + 8:at + 8 + size])
        at += 8 + size
    vocab = analyzer.nlp.vocab
    if [Doc(vocab).from_bytes(data).text for data in blobs] != texts:
        raise SystemExit(f"{cache} holds other texts: delete it and run again")
    return lambda: [Doc(vocab).from_bytes(data) for data in blobs]


if __name__ == "__main__":
    main()
