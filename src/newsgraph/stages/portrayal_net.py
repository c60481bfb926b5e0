"""The portrayal model's second reader: attention over the target's sentence, in numpy.

Each token of the sentence is its static word vector (distilled from all-MiniLM-L6-v2 with
model2vec, `scripts/build_portrayal_words.py`), its side-and-distance bucket from the target,
its distance from the target in the dependency tree and its VADER rating. A projection gives
each token a state; attention (learnt, with a bias per tree distance and per bucket) pools the
context's states; the pooled context and the target's own states go through a small MLP to
three scores. Trained with torch by `scripts/train_portrayal.py`; run here with numpy only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Span as SpacySpan

    from newsgraph.stages.portrayal_features import SentenceReading

#: The tokens nearest the target that the reader sees.
MAX_TOKENS = 70
#: Tree distances above this share one bucket (and tokens in another tree).
MAX_TREE = 11
#: The weights a network file holds, in the order `PortrayalNet` takes them.
WEIGHTS = ("lin", "tree", "proj_w", "proj_b", "att_w", "att_b", "att_tree", "att_lin",
           "mlp1_w", "mlp1_b", "mlp2_w", "mlp2_b")


def distance_bucket(distance: int) -> int:
    """0 inside the target; 1-9 to its left (1-5 one per token, then 6-8, 9-12, 13-20, more),
    10-18 the same to its right."""
    if distance == 0:
        return 0
    steps = abs(distance)
    bucket = steps if steps <= 5 else 6 if steps <= 8 else 7 if steps <= 12 else \
        8 if steps <= 20 else 9
    return bucket if distance < 0 else bucket + 9


@dataclass(frozen=True)
class TokenView:
    """What the reader sees of one target: per token (nearest first, at most `MAX_TOKENS`)
    its lowercase form, distance bucket, tree distance, rating/4 and whether it is the target."""

    words: list[str]
    buckets: list[int]
    trees: list[int]
    ratings: list[float]
    target: list[bool]


def tree_neighbours(heads: list[int]) -> list[list[int]]:
    """Each token's neighbours in the dependency tree (`heads`: each token's head position,
    itself for a root)."""
    neighbours: list[list[int]] = [[] for _ in heads]
    for child, head in enumerate(heads):
        if head != child and 0 <= head < len(heads):
            neighbours[child].append(head)
            neighbours[head].append(child)
    return neighbours


def _tree_distances(neighbours: list[list[int]], root: int) -> list[int]:
    """Steps from `root` to every token along the dependency tree; `MAX_TREE` for tokens in
    another tree."""
    found = [MAX_TREE] * len(neighbours)
    found[root] = 0
    frontier = [root]
    for steps in range(1, MAX_TREE):
        frontier = [n for k in frontier for n in neighbours[k]
                    if found[n] == MAX_TREE and n != root]
        for k in frontier:
            found[k] = steps
        if not frontier:
            break
    return found


@dataclass(frozen=True)
class SentenceTokens:
    """What the views of a sentence's targets share: per token its lowercase form, its
    neighbours in the dependency tree, and whether it is white space."""

    words: list[str]
    neighbours: list[list[int]]
    spaces: list[bool]

    @classmethod
    def of(cls, sentence: SpacySpan) -> SentenceTokens:
        offset = sentence.start
        return cls([t.lower_ for t in sentence],
                   tree_neighbours([t.head.i - offset for t in sentence]),
                   [t.is_space for t in sentence])

    @classmethod
    def of_reading(cls, reading: SentenceReading) -> SentenceTokens:
        """The same, from what the features already read of the sentence."""
        offset = reading.sentence.start
        return cls(reading.words, tree_neighbours([head - offset for head in reading.heads]),
                   reading.spaces)


def token_view(sentence: SpacySpan, start: int, end: int, ratings: list[float],
               root_index: int, tokens: SentenceTokens | None = None) -> TokenView:
    """The view of the target at token positions [start, end) of `sentence`, whose
    syntactic head (document index) is `root_index` (`tokens`: `SentenceTokens.of(sentence)`,
    when already at hand)."""
    tokens = tokens or SentenceTokens.of(sentence)
    trees = _tree_distances(tokens.neighbours, root_index - sentence.start)
    kept = [k for k, space in enumerate(tokens.spaces) if not space]
    if len(kept) > MAX_TOKENS:  # the nearest to the target, back in sentence order
        kept = sorted(sorted(kept, key=lambda k: 0 if start <= k < end else
                             min(abs(k - start), abs(k - end + 1)))[:MAX_TOKENS])
    words, buckets, tree, rated, target = [], [], [], [], []
    for k in kept:
        inside = start <= k < end
        distance = 0 if inside else (k - start if k < start else k - end + 1)
        words.append(tokens.words[k])
        buckets.append(distance_bucket(distance))
        tree.append(0 if inside else trees[k])
        rated.append(ratings[k] / 4)
        target.append(inside)
    return TokenView(words, buckets, tree, rated, target)


@dataclass(frozen=True)
class PortrayalNet:
    """Each known word's part of a token's state (the word vector times its rows of the
    projection, folded at training time so that reading needs no matrix product), and the
    other weights; `proj_w` holds the projection's rows for the non-word inputs."""

    vocabulary: dict[str, int]
    word_states: np.ndarray
    weights: dict[str, np.ndarray]

    @classmethod
    def from_vectors(cls, vocabulary: dict[str, int], vectors: np.ndarray,
                     weights: dict[str, np.ndarray]) -> PortrayalNet:
        """Fold the word vectors into the projection (`weights` as trained, `proj_w` with a
        row per input: the vector's dimensions first)."""
        dims = vectors.shape[1]
        folded = {**weights, "proj_w": weights["proj_w"][dims:]}
        return cls(vocabulary, vectors @ weights["proj_w"][:dims], folded)

    def scores(self, views: list[TokenView]) -> np.ndarray:
        """Rows of three unnormalised scores (negative, neutral, positive), all views in one
        padded batch (gathers and sums; one small product for the output layers)."""
        import numpy as np

        if not views:
            return np.zeros((0, 3))
        w = self.weights
        n, size = len(views), max(len(view.words) for view in views)
        rows = np.full((n, size), -1)
        buckets, trees = np.zeros((n, size), int), np.zeros((n, size), int)
        ratings, target = np.zeros((n, size)), np.zeros((n, size), bool)
        mask = np.arange(size) < np.array([len(view.words) for view in views])[:, None]
        # Row-major order of the mask's cells is the views' tokens in order.
        lookup = self.vocabulary.get
        rows[mask] = [lookup(word, -1) for view in views for word in view.words]
        buckets[mask] = [value for view in views for value in view.buckets]
        trees[mask] = [value for view in views for value in view.trees]
        ratings[mask] = [value for view in views for value in view.ratings]
        target[mask] = [value for view in views for value in view.target]
        lin_part, tree_part = _folded(w)
        rating_w, near_w = w["proj_w"][-2], w["proj_w"][-1]
        states = np.tanh(np.where((rows >= 0)[..., None], self.word_states[rows], 0.0)
                         + lin_part[buckets] + tree_part[trees]
                         + ratings[..., None] * rating_w
                         + (ratings * (trees <= 2))[..., None] * near_w + w["proj_b"])
        attention = (states * w["att_w"]).sum(axis=-1) + w["att_b"] + w["att_tree"][trees] \
            + w["att_lin"][buckets]
        context_mask = mask & ~target
        top = np.where(context_mask, attention, -np.inf).max(axis=1)
        top = np.where(np.isfinite(top), top, 0.0)
        weights = np.where(context_mask, np.exp(np.minimum(attention - top[:, None], 0.0)), 0.0)
        context = (weights[..., None] * states).sum(axis=1) / \
            np.maximum(weights.sum(axis=1), 1e-12)[:, None]
        own = (target[..., None] * states).sum(axis=1) / \
            np.maximum(target.sum(axis=1), 1)[:, None]
        joined = np.concatenate([context, own], axis=1)
        hidden = np.maximum(np.einsum("nk,kh->nh", joined, w["mlp1_w"]) + w["mlp1_b"], 0.0)
        return np.einsum("nh,hc->nc", hidden, w["mlp2_w"]) + w["mlp2_b"]


def _folded(weights: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The bucket and tree-distance embeddings times their rows of the projection."""
    lin_dims, tree_dims = weights["lin"].shape[1], weights["tree"].shape[1]
    rows = weights["proj_w"]
    return (weights["lin"] @ rows[:lin_dims],
            weights["tree"] @ rows[lin_dims:lin_dims + tree_dims])


@dataclass(frozen=True)
class NetEnsemble:
    """Readers trained alike from different seeds, over one vocabulary: the mean of their
    probabilities, returned as log-probabilities (scores whose softmax is that mean)."""

    members: tuple[PortrayalNet, ...]

    @property
    def vocabulary(self) -> dict[str, int]:
        return self.members[0].vocabulary

    def scores(self, views: list[TokenView]) -> np.ndarray:
        import numpy as np

        if not views:
            return np.zeros((0, 3))
        total = np.zeros((len(views), 3))
        for member in self.members:
            scores = member.scores(views)
            scores = np.exp(scores - scores.max(axis=1, keepdims=True))
            total += scores / scores.sum(axis=1, keepdims=True)
        return np.log(total / len(self.members))
