"""Train the events stage's statement gate on our own hand-coded NewsMTSC training sentences.

    nice python scripts/train_statement_gate.py ../shared/eval/sentiment/newsmtsc_train.jsonl \
        [--threshold 0.8] [--out src/newsgraph/data/events_statement_gate.json]

Candidates: every party the portrayal stage portrays one way in the content of a quote
reported with a neutral verb (`newsgraph.stages.events.statements`), as the events stage
finds them in each sentence of every `events_sentences_newsmtsc_train_*.jsonl` (NewsMTSC
`train` split, MIT; our annotations; no dev_mt sentence is in them). A candidate is positive
when the sentence's hand-coded events include one of its type (ACCUSE for a negative
portrayal, SUPPORT for a positive one): the scorer of these sets scores label sets per
sentence. The model is an L2-regularised logistic regression over
standardised features (`statement_gate.FEATURES`), fitted by plain gradient descent from
zeros: deterministic. The threshold is an argument (how it was chosen: docs/benchmarks.md,
"events on unseen news by general cues"). The texts are read from the
NewsMTSC file; only weights are written.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data"
#: The training parts: every hand-coded range of NewsMTSC's train split in the package.
PARTS = tuple(sorted(path.name.removeprefix("events_sentences_newsmtsc_").removesuffix(".jsonl")
                     for path in DATA.glob("events_sentences_newsmtsc_train_*.jsonl")))
L2 = 1.0
STEPS = 3000
RATE = 0.1


def candidates(texts_path: Path) -> list[dict]:
    """Every gate candidate of the training sentences, with its label."""
    from newsgraph.eval.events import event_settings, read_jsonl
    from newsgraph.ingest.sources import Source
    from newsgraph.pipeline import Analyzer
    from newsgraph.stages.events import statement_gate

    texts = {line["primary_gid"]: line["sentence_normalized"]
             for line in read_jsonl(str(texts_path))}
    # a gate that accepts nothing, so that every candidate is scored (and recorded)
    statement_gate.shipped_gate.cache_clear()
    recording = statement_gate.Gate((0.0,) * len(statement_gate.FEATURES),
                                    (1.0,) * len(statement_gate.FEATURES),
                                    (0.0,) * len(statement_gate.FEATURES), 0.0, 2.0)
    statement_gate.shipped_gate = lambda: recording
    analyzer = Analyzer(event_settings())
    found: list[dict] = []
    for part in PARTS:
        gold = read_jsonl(str(DATA / f"events_sentences_newsmtsc_{part}.jsonl"))
        sources = [Source(text=texts[str(g["id"])], origin=f"<{part} {n}>", id=str(g["id"]))
                   for n, g in enumerate(gold, start=1)]
        articles = [analyzer.prepare(source) for source in sources]
        docs = analyzer.nlp.pipe([a.text for a in articles], batch_size=64)
        for record, article, doc in zip(gold, articles, docs, strict=True):
            statement_gate.RECORD = []
            analyzer.run_stages(article, doc)
            types = {event["type"] for event in record["events"]}
            for row in statement_gate.RECORD:
                found.append({**row, "label": row["type"] in types, "id": record["id"]})
    statement_gate.RECORD = None
    return found


def fit(rows: list[dict]) -> dict:
    """Standardised features, weights and bias of the logistic regression."""
    from newsgraph.stages.events.statement_gate import FEATURES

    x = np.array([[row["features"][name] for name in FEATURES] for row in rows])
    y = np.array([float(row["label"]) for row in rows])
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = np.c_[np.ones(len(x)), (x - mean) / scale]
    w = np.zeros(z.shape[1])
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-z @ w))
        w -= RATE * (z.T @ (p - y) + L2 * np.r_[0.0, w[1:]]) / len(y)
    return {"features": list(FEATURES), "mean": mean.round(6).tolist(),
            "scale": scale.round(6).tolist(), "bias": round(float(w[0]), 6),
            "weights": w[1:].round(6).tolist()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path, help="NewsMTSC newsmtsc_train.jsonl")
    parser.add_argument("--threshold", type=float, default=0.6)
    parser.add_argument("--out", type=Path, default=DATA / "events_statement_gate.json")
    args = parser.parse_args()
    rows = candidates(args.texts)
    model = fit(rows)
    model["threshold"] = args.threshold
    model["provenance"] = {
        "script": "scripts/train_statement_gate.py",
        "data": [f"src/newsgraph/data/events_sentences_newsmtsc_{p}.jsonl" for p in PARTS],
        "texts": "NewsMTSC train split (MIT, Copyright (c) 2020 Felix Hamborg); our labels",
        "candidates": len(rows), "positive": sum(row["label"] for row in rows),
        "l2": L2, "steps": STEPS, "rate": RATE,
    }
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(model["provenance"]))


if __name__ == "__main__":
    main()
