"""A learned pair scorer for stories, checked window by window against `newsgraph link`'s rules.

    nice python scripts/story_pairs.py A=GOLD_A:STORE_A.db B=GOLD_B:STORE_B.db ... \
        [--train A,B] [--vectors DOCS.npz] [--features lcos,lhead,...]

Each window is a hand clustering (JSONL: `id`, `window`, `story`; the rows whose `window` is
the name given) and the store its `newsgraph eval stories` command built. For every pair of
stored articles at most `WINDOW_DAYS` apart the script computes pair features from what a
full link reads (`newsgraph.link.build.story_docs`): the cosine of the weighted terms, the
cosine of headline + lead, a shared main happening or main named event, the overlap of linked
names weighted by rarity, the days apart, the same outlet and, with `--vectors` (document
vectors by id, `scripts/story_vectors.py`), the cosine of those. A logistic regression
(L2, Newton's method; every window weighs the same, both classes too) is fitted on the pairs
of the training windows whose articles are both annotated; stories are the single-link
components of the pairs whose probability reaches a threshold chosen on the training
windows (best mean pair F1), near-copies joined as `link` joins them. Printed for each
window: the rules (`link`'s stories on that store, term weights fitted on it), the scorer
trained on the other windows (leave one window out) and the scorer trained on `--train`.
Nothing is written: the scorer is a measurement, not shipped (see docs/benchmarks.md,
"Issue 21, fifth pass").

    nice python scripts/story_pairs.py A=... B=... --nearest 0.10 [--nearest-days 1]

prints instead, for each window, the rules and the rules plus pairs of mutual nearest
articles (`mutual_nearest`: each the other's most similar article within the window, at most
`--nearest-days` apart, cosine at least `--nearest`; "Issue 21, sixth pass").
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select

from newsgraph.eval.stories import StoryScores, read_gold, score
from newsgraph.link.build import story_docs
from newsgraph.link.stories import (
    NUM_PERM,
    TEXT_SAME,
    WINDOW_DAYS,
    StoryDoc,
    UnionFind,
    linked_pairs,
)
from newsgraph.link.terms import TermWeights, cosine, words
from newsgraph.store import Store, schema

FEATURES = ("lcos", "lhead", "happening", "event", "names", "days", "outlet")
#: Thresholds tried for the scorer's probability.
THRESHOLDS = np.unique(np.concatenate([np.arange(0.30, 0.90, 0.02), np.arange(0.90, 0.998, 0.003)]))


@dataclass
class Window:
    """One annotated window on its store: pairs, their features and gold labels."""

    name: str
    gold: dict[str, str]
    ids: list[str]
    pairs: list[tuple[str, str]] = field(default_factory=list)
    features: dict[str, np.ndarray] = field(default_factory=dict)
    labels: np.ndarray = field(default_factory=lambda: np.zeros(0))
    """1 same story, 0 not, -1 an article not annotated in this window."""
    copies: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    rules: StoryScores | None = None
    docs: list[StoryDoc] = field(default_factory=list, repr=False)
    ruled: set[tuple[str, str]] = field(default_factory=set, repr=False)
    """The pairs `link`'s rules join."""


def _unit(weights: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {term: w / norm for term, w in weights.items()}


def headline_vector(doc: StoryDoc, weights: TermWeights) -> dict[str, float]:
    """Unit vector of the headline's and the lead's distinct words by idf (headline twice)."""
    title = set(words(doc.title or ""))
    return _unit({w: weights.idf(w) * (2 if w in title else 1) for w in title | doc.lead})


def name_overlap(a: StoryDoc, b: StoryDoc, weights: TermWeights) -> float:
    """Shared linked names over all names of the two, each weighted by its idf."""
    union = a.entities | b.entities
    if not union:
        return 0.0
    weigh = {key: weights.idf(f"E:{key}") for key in union}
    return sum(weigh[k] for k in a.entities & b.entities) / sum(weigh.values())


def _pair_rows(docs: list[StoryDoc], weights: TermWeights, sites: Mapping[str, str | None],
               vectors: Mapping[str, np.ndarray] | None
               ) -> tuple[list[tuple[str, str]], dict[str, list[float]], list[bool]]:
    heads = {doc.id: headline_vector(doc, weights) for doc in docs}
    pairs: list[tuple[str, str]] = []
    rows: dict[str, list[float]] = {name: [] for name in (*FEATURES, "vector")}
    copies = []
    for n, a in enumerate(docs):
        for b in docs[n + 1:]:
            if (b.day - a.day).days > WINDOW_DAYS:
                break
            pairs.append((a.id, b.id))
            rows["lcos"].append(math.log(cosine(a.vector or {}, b.vector or {}) + 0.01))
            rows["lhead"].append(math.log(cosine(heads[a.id], heads[b.id]) + 0.01))
            rows["happening"].append(float(not a.salient.isdisjoint(b.salient)))
            rows["event"].append(float(not a.main_events.isdisjoint(b.main_events)))
            rows["names"].append(name_overlap(a, b, weights))
            rows["days"].append(float((b.day - a.day).days))
            rows["outlet"].append(float(sites.get(a.id) is not None
                                        and sites.get(a.id) == sites.get(b.id)))
            rows["vector"].append(float(vectors[a.id] @ vectors[b.id])
                                  if vectors and a.id in vectors and b.id in vectors else 0.0)
            agree = np.count_nonzero(a.signature_array() == b.signature_array()) / NUM_PERM
            copies.append(agree >= TEXT_SAME)
    return pairs, rows, copies


def load_window(name: str, gold_path: Path, db: str,
                vectors: Mapping[str, np.ndarray] | None) -> Window:
    """The window's pairs and features on its store, and the rules' scores there."""
    with Store.open(db, create=False, read_only=True) as store:
        docs, weights = story_docs(store)
        a = schema.articles
        with store.engine.connect() as connection:
            sites = {row.id: row.site for row in connection.execute(select(a.c.id, a.c.site))}
    gold = read_gold(gold_path, name)
    window = Window(name, gold, [doc.id for doc in docs])
    window.pairs, rows, copies = _pair_rows(docs, weights, sites, vectors)
    window.features = {key: np.array(values) for key, values in rows.items()}
    window.copies = np.array(copies, dtype=bool)
    window.labels = np.array([-1 if a not in gold or b not in gold else int(gold[a] == gold[b])
                              for a, b in window.pairs])
    window.docs = docs
    window.ruled = {(x.id, y.id) for x, y in linked_pairs(docs, weights=weights)}
    window.rules = score(gold, _components(window.ids, window.ruled))
    return window


def mutual_nearest(docs: Sequence[StoryDoc], similar: float, days: int,
                   window: int = WINDOW_DAYS) -> set[tuple[str, str]]:
    """Pairs (earlier, later by day and id) of articles at most `days` apart, each the
    other's most similar article (cosine of the weighted terms; ties to the smaller id)
    among all of `docs` within `window` days, with a cosine of at least `similar`.
    `docs` sorted by day and id, weighed."""
    best: dict[str, tuple[float, str]] = {}

    def offer(doc: StoryDoc, other: StoryDoc, similarity: float) -> None:
        held = best.get(doc.id)
        if held is None or similarity > held[0] or (
                similarity == held[0] and other.id < held[1]):
            best[doc.id] = (similarity, other.id)

    for n, a in enumerate(docs):
        for b in docs[n + 1:]:
            if (b.day - a.day).days > window:
                break
            similarity = cosine(a.vector or {}, b.vector or {})
            offer(a, b, similarity)
            offer(b, a, similarity)
    day = {doc.id: doc.day for doc in docs}
    return {(a, b) for a, (similarity, b) in best.items()
            if similarity >= similar and best.get(b, (0.0, ""))[1] == a
            and (day[a], a) < (day[b], b) and (day[b] - day[a]).days <= days}


def nearest_report(windows: dict[str, Window], similar: float, days: int) -> str:
    """A markdown table: per window, the rules and the rules with mutual nearest pairs."""
    lines = [f"| window | rules | rules + mutual nearest (cosine >= {similar}, <= {days} "
             f"days apart) | pairs added |", "|---|---|---|---|"]
    for name, window in windows.items():
        added = mutual_nearest(window.docs, similar, days) - window.ruled
        both = score(window.gold, _components(window.ids, window.ruled | added))
        assert window.rules is not None
        lines.append(f"| {name} | {_cell(window.rules)} | {_cell(both)} | {len(added)} |")
    return "\n".join(lines)


def _components(ids: Iterable[str], pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Story label per article: single-link components of `pairs`."""
    sets = UnionFind()
    for a, b in pairs:
        sets.union(a, b)
    for i in ids:
        sets.find(i)
    return {i: min(group) for group in sets.groups() for i in group}


class PairScorer:
    """Standardised features, L2 logistic regression fitted by Newton's method."""

    def __init__(self, names: Sequence[str], l2: float = 1.0) -> None:
        self.names = list(names)
        self.l2 = l2
        self.mean = self.scale = self.coef = np.zeros(0)
        self.intercept = 0.0

    def matrix(self, window: Window) -> np.ndarray:
        return np.column_stack([window.features[name] for name in self.names])

    def fit(self, windows: Sequence[Window]) -> PairScorer:
        """Fit on the annotated pairs of `windows`: each window, and each class, weighs the
        same in total."""
        xs, ys, ws = [], [], []
        for window in windows:
            known = window.labels >= 0
            xs.append(self.matrix(window)[known])
            ys.append(window.labels[known])
            ws.append(np.full(int(known.sum()), 1.0 / max(1, int(known.sum()))))
        x, y, w = np.vstack(xs), np.concatenate(ys).astype(float), np.concatenate(ws)
        positive = y == 1
        w = w * np.where(positive, 0.5 / w[positive].sum(), 0.5 / w[~positive].sum()) * len(y)
        self.mean, self.scale = x.mean(0), x.std(0)
        self.scale[self.scale == 0] = 1.0
        design = np.hstack([(x - self.mean) / self.scale, np.ones((len(y), 1))])
        theta = np.zeros(design.shape[1])
        penalty = np.full(len(theta), self.l2)
        penalty[-1] = 0.0
        for _ in range(100):
            p = 1.0 / (1.0 + np.exp(-design @ theta))
            gradient = design.T @ (w * (p - y)) + penalty * theta
            hessian = (design * (w * p * (1 - p))[:, None]).T @ design + np.diag(penalty)
            step = np.linalg.solve(hessian + 1e-9 * np.eye(len(theta)), gradient)
            theta -= step
            if np.abs(step).max() < 1e-10:
                break
        self.coef, self.intercept = theta[:-1], float(theta[-1])
        return self

    def probability(self, window: Window) -> np.ndarray:
        z = ((self.matrix(window) - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


def clustered(window: Window, probability: np.ndarray, threshold: float) -> StoryScores:
    """Scores of the single-link stories of the pairs at `threshold` (and near-copies)."""
    keep = (probability >= threshold) | window.copies
    return score(window.gold, _components(
        window.ids, (pair for pair, kept in zip(window.pairs, keep, strict=True) if kept)))


def train(windows: Sequence[Window], names: Sequence[str]) -> tuple[PairScorer, float]:
    """A scorer fitted on `windows` and the threshold of their best mean pair F1."""
    scorer = PairScorer(names).fit(windows)
    probabilities = [scorer.probability(window) for window in windows]
    best = max((float(np.mean([clustered(w, p, t).pair_f1 for w, p in
                               zip(windows, probabilities, strict=True)])), -t, t)
               for t in THRESHOLDS)
    return scorer, float(best[2])


def _cell(scores: StoryScores) -> str:
    return f"{scores.pair_f1:.3f} / {scores.b3_f1:.3f}"


def report(windows: dict[str, Window], names: Sequence[str], trained_on: list[str]) -> str:
    """A markdown table: per window, the rules, the scorer left out of it, the scorer
    trained on `trained_on` (pair F1 / B³ F1)."""
    fixed, fixed_at = train([windows[n] for n in trained_on], names)
    lines = [f"features: {', '.join(names)}",
             f"| window | rules | scorer, this window left out (threshold) | scorer trained on "
             f"{'+'.join(trained_on)} (threshold {fixed_at:.3f}) |", "|---|---|---|---|"]
    for name, window in windows.items():
        others = [w for n, w in windows.items() if n != name]
        scorer, at = train(others, names)
        held = clustered(window, scorer.probability(window), at)
        mine = clustered(window, fixed.probability(window), fixed_at)
        mark = " (trained)" if name in trained_on else ""
        assert window.rules is not None
        lines.append(f"| {name} | {_cell(window.rules)} | {_cell(held)} ({at:.3f}) | "
                     f"{_cell(mine)}{mark} |")
    lines.append("coefficients (" + "+".join(trained_on) + "): " + ", ".join(
        f"{n} {c:+.2f}" for n, c in zip(names, fixed.coef, strict=True)))
    return "\n".join(lines)


def _vectors(path: Path | None) -> dict[str, np.ndarray] | None:
    if path is None:
        return None
    data: Any = np.load(path)
    vectors = data["vectors"].astype(np.float64)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return dict(zip(map(str, data["ids"]), vectors, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("windows", nargs="+", help="NAME=GOLD.jsonl:STORE.db")
    parser.add_argument("--train", default="A,B", help="windows of the fixed scorer")
    parser.add_argument("--features", default=",".join(FEATURES))
    parser.add_argument("--vectors", type=Path, help="npz of document vectors (ids, vectors)")
    parser.add_argument("--nearest", type=float,
                        help="print the rules with mutual nearest pairs from this cosine")
    parser.add_argument("--nearest-days", type=int, default=1)
    args = parser.parse_args()
    vectors = _vectors(args.vectors)
    windows = {}
    for spec in args.windows:
        name, rest = spec.split("=", 1)
        gold, db = rest.rsplit(":", 1)
        windows[name] = load_window(name, Path(gold), db, vectors)
    if args.nearest is not None:
        print(nearest_report(windows, args.nearest, args.nearest_days))
    else:
        print(report(windows, args.features.split(","), args.train.split(",")))


if __name__ == "__main__":
    main()
