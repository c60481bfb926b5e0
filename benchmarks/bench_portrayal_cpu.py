"""CPU time of the portrayal stage with one or more model files, on the same parses.

Run from the repository root:

    OPENBLAS_NUM_THREADS=1 nice python benchmarks/bench_portrayal_cpu.py [MODEL.npz ...] \\
        [--limit 40] [--runs 5] [--cache /tmp/newsgraph-portrayal-bench]

Parses the first `--limit` texts once (kept in `--cache` with their tok2vec rows, which a
`DocBin` does not keep and the reader needs), runs every default stage on them once, then
times `add_portrayal` alone (`time.process_time`) with each model file in turn (the shipped
one when none is named), the files alternating for `--runs` rounds. Prints each file's CPU
seconds per round and their median, the mentions given to the reader (per round), and a hash of the
mentions' labels (two files that print the same hash label every mention alike). The texts
are read from outside the repository; only figures are printed.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import statistics
import time
from pathlib import Path

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "quotes" / \
    "polnear_dev.jsonl"


def parses(analyzer, texts: list[str], cache: Path) -> list:
    """The texts' parses with their tok2vec rows, from `cache` when it holds these texts."""
    import numpy as np
    from spacy.tokens import DocBin

    stored, rows = cache.with_suffix(".spacy"), cache.with_suffix(".tensor.npy")
    if stored.exists() and rows.exists():
        docs = list(DocBin().from_disk(stored).get_docs(analyzer.nlp.vocab))
        if [doc.text for doc in docs] == texts:
            tensor = np.load(rows)
            starts = np.cumsum([0] + [len(doc) for doc in docs])
            for doc, start, end in zip(docs, starts, starts[1:], strict=False):
                doc.tensor = tensor[start:end]
            return docs
    docs = list(analyzer.nlp.pipe(texts, batch_size=32))
    DocBin(docs=docs).to_disk(stored)
    np.save(rows, np.vstack([doc.tensor for doc in docs]).astype("float32"))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", type=Path, nargs="*")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsgraph-portrayal-bench"))
    args = parser.parse_args()
    if not args.gold.is_file():
        print(f"skipped: benchmark texts not found at {args.gold}")
        return

    from newsgraph.model import Document, Source
    from newsgraph.pipeline import Analyzer
    from newsgraph.stages.portrayal import add_portrayal
    from newsgraph.stages.portrayal_model import MODEL_PATH, load_portrayal_model
    from newsgraph.stages.tone_lexicon import load_tone_lexicon

    rows = [json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()]
    sources = [Source(text=row["text"], origin=str(number))
               for number, row in enumerate(rows[:args.limit])]
    analyzer = Analyzer()
    articles = [analyzer.prepare(source) for source in sources]
    docs = parses(analyzer, [article.text for article in articles], args.cache)
    documents = [Document(analyzer.run_stages(article, doc), doc, None)
                 for article, doc in zip(articles, docs, strict=True)]
    lexicon = load_tone_lexicon()
    models = {path: load_portrayal_model(path) for path in args.models or [MODEL_PATH]}
    counted = {path: CountingReader(model.net) for path, model in models.items()}
    models = {path: dataclasses.replace(model, net=counted[path] if model.net else None)
              for path, model in models.items()}
    seconds: dict[Path, list[float]] = {path: [] for path in models}
    digests: dict[Path, str] = {}
    for _ in range(args.runs):
        for path, model in models.items():
            began = time.process_time()
            for document in documents:
                add_portrayal(document, model, lexicon)
            seconds[path].append(time.process_time() - began)
            labels = [m.polarity for a in articles for e in a.entities for m in e.mentions]
            digests[path] = hashlib.sha256("".join(map(str, labels)).encode()).hexdigest()[:12]
    for path, found in seconds.items():
        print(f"{path}: CPU " + " ".join(f"{s:.3f}" for s in found) +
              f" s, median {statistics.median(found):.3f} s; {len(labels)} mentions, "
              f"{counted[path].views // args.runs} read by the reader; labels {digests[path]}")


class CountingReader:
    """A reader that counts the views it is given (everything else as the reader)."""

    def __init__(self, net) -> None:
        self.net, self.views = net, 0

    def __getattr__(self, name: str):
        return getattr(self.net, name)

    def scores(self, views: list):
        self.views += len(views)
        return self.net.scores(views)

if __name__ == "__main__":
    main()
