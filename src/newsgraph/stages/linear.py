"""Scores of a linear model over named sparse features, and their softmax: shared by the
learned parts of the pipeline (portrayal, events)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    import numpy as np

Features = dict[str, float]


def sparse_scores(batch: list[Features], columns: Mapping[str, int], weights: np.ndarray,
                  bias: np.ndarray) -> np.ndarray:
    """The bias plus each known feature's value times its weights, one row per feature dict
    (added in the dict's order, as a loop would; unknown names are ignored)."""
    from itertools import repeat

    import numpy as np

    # One flat pass over all names and values (C-level lookups), rows by count.
    names = [name for features in batch for name in features]
    values = np.fromiter((value for features in batch for value in features.values()),
                         dtype=np.float64, count=len(names))
    found = np.fromiter(map(columns.get, names, repeat(-1)), dtype=np.intp, count=len(names))
    rows = np.repeat(np.arange(len(batch), dtype=np.intp),
                     [len(features) for features in batch])
    known = found >= 0
    scores = np.tile(bias, (len(batch), 1))
    # `add.at` adds unbuffered, in index order: the same sums, bit for bit, as adding one
    # feature at a time.
    np.add.at(scores, rows[known], values[known][:, None] * weights[found[known]])
    return scores


def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise probabilities of a score matrix."""
    import numpy as np

    scores = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)
