"""Score story clusters against a hand clustering of the same articles.

Gold: one JSON line per article, `{"id", "window", "story": slug or null}` (null: a story
of its own). Scored as `../shared/eval/stories/score_stories.py` does: pairwise precision,
recall and F1 over same-story article pairs, and B-cubed F1, over the gold articles only
(articles in no predicted story are singletons).

`tfidf_baseline` is the reference point of the gold set's README: TF-IDF cosine of the texts
(English stop words, sublinear term frequency, fitted on the scored articles), single link
within a few days.
"""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from newsgraph.link.terms import words

#: The baseline's threshold (the README: .15 gives its best pair F1) and window.
BASELINE_THRESHOLD = 0.15
BASELINE_DAYS = 3


@dataclass(frozen=True)
class StoryScores:
    """Pairwise and B-cubed scores of one clustering."""

    articles: int
    gold_pairs: int
    pred_pairs: int
    pair_precision: float
    pair_recall: float
    pair_f1: float
    b3_precision: float
    b3_recall: float
    b3_f1: float

    def to_dict(self) -> dict[str, float | int]:
        return {key: round(value, 4) if isinstance(value, float) else value
                for key, value in asdict(self).items()}


def read_gold(path: str | Path, window: str | None = None) -> dict[str, str]:
    """Gold story label per article id (`_single:ID` for an article alone)."""
    gold = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                if window is None or row.get("window") == window:
                    gold[row["id"]] = row.get("story") or f"_single:{row['id']}"
    return gold


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(gold: Mapping[str, str], predicted: Mapping[str, str]) -> StoryScores:
    """Scores of `predicted` (story label per article id; missing ids are alone)."""
    ids = sorted(gold)
    pred = {i: predicted.get(i, f"_single:{i}") for i in ids}
    gold_pairs = {p for p in itertools.combinations(ids, 2) if gold[p[0]] == gold[p[1]]}
    pred_pairs = {p for p in itertools.combinations(ids, 2) if pred[p[0]] == pred[p[1]]}
    hits = len(gold_pairs & pred_pairs)
    precision = hits / len(pred_pairs) if pred_pairs else (0.0 if gold_pairs else 1.0)
    recall = hits / len(gold_pairs) if gold_pairs else 1.0
    gold_sets: dict[str, set[str]] = {}
    pred_sets: dict[str, set[str]] = {}
    for i in ids:
        gold_sets.setdefault(gold[i], set()).add(i)
        pred_sets.setdefault(pred[i], set()).add(i)
    b3p = b3r = 0.0
    for i in ids:
        same = len(gold_sets[gold[i]] & pred_sets[pred[i]])
        b3p += same / len(pred_sets[pred[i]])
        b3r += same / len(gold_sets[gold[i]])
    b3p, b3r = b3p / len(ids), b3r / len(ids)
    return StoryScores(len(ids), len(gold_pairs), len(pred_pairs), precision, recall,
                       _f1(precision, recall), b3p, b3r, _f1(b3p, b3r))


def labels_of(stories: Iterable[Mapping[str, object]]) -> dict[str, str]:
    """Story id per article id, from `stored_stories` rows (or `stories --format json`)."""
    found = {}
    for story in stories:
        for article in story["articles"]:  # type: ignore[attr-defined]
            found[article["id"] if isinstance(article, dict) else str(article)] = str(story["id"])
    return found


def tfidf_baseline(texts: Mapping[str, tuple[date, str]],
                   threshold: float = BASELINE_THRESHOLD,
                   days: int = BASELINE_DAYS) -> dict[str, str]:
    """Single-link clusters of TF-IDF cosine ≥ `threshold` within `days`: label per id."""
    counts = {i: Counter(words(text)) for i, (_, text) in texts.items()}
    df = Counter(term for c in counts.values() for term in c)
    n = len(counts)
    vectors = {}
    for i, c in counts.items():
        v = {t: (1 + math.log(k)) * (math.log((n + 1) / (df[t] + 1)) + 1) for t, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors[i] = {t: x / norm for t, x in v.items()}
    parent = {i: i for i in texts}

    def find(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in itertools.combinations(sorted(texts), 2):
        if abs((texts[a][0] - texts[b][0]).days) <= days:
            va, vb = vectors[a], vectors[b]
            if sum(x * vb.get(t, 0.0) for t, x in va.items()) >= threshold:
                parent[find(a)] = find(b)
    return {i: find(i) for i in texts}
