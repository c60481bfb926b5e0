"""Train the portrayal (target-dependent sentiment) model on NewsMTSC's training split.

    nice python scripts/train_portrayal.py ../shared/eval/sentiment/newsmtsc_train.jsonl \
        [--dev ../shared/eval/sentiment/newsmtsc_dev_mt.jsonl] [--cache DIR] \
        [--out src/newsgraph/data/portrayal_model.npz]

Parses every sentence with the pipeline's spaCy model, reads each target with
`newsgraph.stages.portrayal_features`, keeps features seen at least `--min-count` times, and
fits an L2-regularised multinomial logistic regression (scipy L-BFGS) with balanced class
weights. The regularisation is chosen on a held-out 15 % of the training sentences (seeded
split), then the model is refit on all of the training split. `--dev` only reports a score:
nothing is tuned on it. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from pathlib import Path

import numpy as np

from newsgraph.stages.portrayal_model import LABELS, MODEL_PATH, PortrayalModel

GOLD = {2.0: 0, 4.0: 1, 6.0: 2}


def parse(path: Path, nlp, cache: Path | None) -> tuple[list[dict], list]:
    """The records of a NewsMTSC file and their parses (kept in `cache` as a DocBin)."""
    from spacy.tokens import DocBin

    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    stored = cache / f"{path.stem}.spacy" if cache else None
    if stored and stored.exists():
        return records, list(DocBin().from_disk(stored).get_docs(nlp.vocab))
    docs = list(nlp.pipe((r["sentence_normalized"] for r in records), batch_size=64))
    if stored:
        cache.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(stored)
    return records, docs


def read_targets(path: Path, nlp, lexicon, cache: Path | None = None
                 ) -> tuple[list[dict], list[int], list[str], list[str]]:
    """Features, gold labels (or -1), target ids and sentence ids of every target."""
    from newsgraph.stages.portrayal import target_features

    records, docs = parse(path, nlp, cache)
    features, labels, ids, sentences = [], [], [], []
    for record, doc in zip(records, docs, strict=True):
        compound = lexicon.compound(doc.text)
        for target in record["targets"]:
            spans = [(target["from"], target["to"])] + [
                (more["from"], more["to"]) for more in target.get("further_mentions") or ()]
            features.append(target_features(doc[:], spans, lexicon, compound))
            labels.append(GOLD.get(target.get("polarity"), -1))
            ids.append(target["Input.gid"])
            sentences.append(record["primary_gid"])
    return features, labels, ids, sentences


def matrix(features: list[dict], columns: dict[str, int]):
    from scipy.sparse import csr_matrix

    rows, cols, values = [], [], []
    for row, named in enumerate(features):
        for name, value in named.items():
            if name in columns and value:
                rows.append(row)
                cols.append(columns[name])
                values.append(value)
    return csr_matrix((values, (rows, cols)), shape=(len(features), len(columns)))


def fit(x, y: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray]:
    """Weights (features × 3) and bias of a balanced, L2-regularised softmax regression."""
    from scipy.optimize import minimize

    n, d = x.shape
    k = len(LABELS)
    counts = np.bincount(y, minlength=k)
    sample_weight = (n / (k * counts))[y]
    onehot = np.eye(k)[y]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:d * k].reshape(d, k), theta[d * k:]
        scores = x @ w + b
        scores -= scores.max(axis=1, keepdims=True)
        logp = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
        value = -(sample_weight * (onehot * logp).sum(axis=1)).sum() / n + l2 * (w * w).sum()
        delta = (np.exp(logp) - onehot) * sample_weight[:, None] / n
        grad_w = x.T @ delta + 2 * l2 * w
        return value, np.concatenate([np.asarray(grad_w).ravel(), delta.sum(axis=0)])

    result = minimize(loss, np.zeros(d * k + k), jac=True, method="L-BFGS-B",
                      options={"maxiter": 500})
    return result.x[:d * k].reshape(d, k), result.x[d * k:]


def f1_macro(gold: np.ndarray, predicted: np.ndarray) -> float:
    scores = []
    for label in range(len(LABELS)):
        tp = int(((predicted == label) & (gold == label)).sum())
        precision = tp / max(1, int((predicted == label).sum()))
        recall = tp / max(1, int((gold == label).sum()))
        scores.append(2 * precision * recall / (precision + recall) if tp else 0.0)
    return sum(scores) / len(scores)


def vocabulary(features: list[dict], min_count: int) -> dict[str, int]:
    seen = Counter(name for named in features for name in named)
    names = sorted(name for name, count in seen.items() if count >= min_count)
    return {name: i for i, name in enumerate(names)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("--dev", type=Path)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--l2", type=float, nargs="+", default=[3e-4, 1e-3])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--cache", type=Path, help="keep the parses here (DocBin)")
    args = parser.parse_args()

    from newsgraph.nlp import load_model
    from newsgraph.stages.tone_lexicon import load_tone_lexicon

    started = time.perf_counter()
    nlp, lexicon = load_model(), load_tone_lexicon()
    features, labels, _, sentences = read_targets(args.train, nlp, lexicon, args.cache)
    y = np.array(labels)
    print(f"{len(y)} training targets read in {time.perf_counter() - started:.0f} s")
    held = set(random.Random(args.seed).sample(sorted(set(sentences)), len(set(sentences)) // 7))
    part = np.array([s in held for s in sentences])
    fit_rows = [f for f, h in zip(features, part, strict=True) if not h]
    columns = vocabulary(fit_rows, args.min_count)
    x_fit, x_held = matrix(fit_rows, columns), matrix(
        [f for f, h in zip(features, part, strict=True) if h], columns)
    best = None
    for l2 in args.l2:
        w, b = fit(x_fit, y[~part], l2)
        score = f1_macro(y[part], np.asarray(x_held @ w + b).argmax(axis=1))
        print(f"  l2 {l2:g}: held-out F1m {score:.4f}")
        best = max(best or (score, l2), (score, l2))
    columns = vocabulary(features, args.min_count)
    weights, bias = fit(matrix(features, columns), y, best[1])
    model = PortrayalModel(columns, weights, bias)
    model.save(args.out)
    print(f"l2 {best[1]:g}, {len(columns)} features, saved {args.out} "
          f"({args.out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s")
    if args.dev:
        dev, dev_y, _, _ = read_targets(args.dev, nlp, lexicon, args.cache)
        predicted = np.array([LABELS.index(label) for label, _ in model.predict(dev)])
        print(f"dev F1m {f1_macro(np.array(dev_y), predicted):.4f}  "
              f"accuracy {(predicted == np.array(dev_y)).mean():.4f}")


if __name__ == "__main__":
    main()
