"""The portrayal model's second reader: attention over the target's sentence, in numpy.

Each token of the sentence is its static word vector (distilled from all-MiniLM-L6-v2 with
model2vec, `scripts/build_portrayal_words.py`), its side-and-distance bucket from the target,
its distance from the target in the dependency tree and its VADER rating; a reader trained with
context also reads the token's vector from the spaCy pipeline's own tok2vec layer (`doc.tensor`,
contextual, computed by the parse anyway). A projection gives
each token a state; attention (learnt, with a bias per tree distance and per bucket) pools the
context's states; the pooled context and the target's own states go through a small MLP to
three scores. Trained with torch by `scripts/train_portrayal.py`; run here with numpy only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain, repeat
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
#: The projection's rows for the tok2vec vectors, in a reader trained with context.
CONTEXT_WEIGHTS = "ctx_w"


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
    its lowercase form, distance bucket, tree distance, rating/4, whether it is the target and
    its position in the sentence; and (when the parse has them) the sentence's tok2vec rows,
    one per token of the sentence (shared by the views of its targets)."""

    words: list[str]
    buckets: list[int]
    trees: list[int]
    ratings: list[float]
    target: list[bool]
    positions: list[int] = field(default_factory=list)
    context: np.ndarray | None = None


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
               root_index: int, tokens: SentenceTokens | None = None,
               context: np.ndarray | None = None) -> TokenView:
    """The view of the target at token positions [start, end) of `sentence`, whose
    syntactic head (document index) is `root_index` (`tokens`: `SentenceTokens.of(sentence)`,
    when already at hand; `context`: the sentence's tok2vec rows, for a reader that reads
    them)."""
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
    return TokenView(words, buckets, tree, rated, target, kept, context)


@dataclass(frozen=True)
class PortrayalNet:
    """Each known word's part of a token's state (the word vector times its rows of the
    projection, folded at training time so that reading needs no matrix product), and the
    other weights; `proj_w` holds the projection's rows for the non-word inputs."""

    vocabulary: dict[str, int]
    word_states: np.ndarray
    weights: dict[str, np.ndarray]

    @property
    def reads_context(self) -> bool:
        """Whether the views must carry the sentence's tok2vec rows."""
        return CONTEXT_WEIGHTS in self.weights

    @property
    def context_width(self) -> int:
        """The width of the tok2vec rows it reads (0: none)."""
        return self.weights[CONTEXT_WEIGHTS].shape[0] if self.reads_context else 0

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
        batch: each token's state computed once (gathers and sums over the views' tokens),
        then padded for the attention; one small product for the output layers."""
        import numpy as np

        if not views:
            return np.zeros((0, 3))
        w = self.weights
        lengths = np.array([len(view.words) for view in views])
        mask = np.arange(lengths.max()) < lengths[:, None]
        # Row-major order of the mask's cells is the views' tokens in order.
        count = int(lengths.sum())
        flat = chain.from_iterable
        rows = np.fromiter(map(self.vocabulary.get, flat(view.words for view in views),
                               repeat(-1)), np.intp, count)
        buckets = np.fromiter(flat(view.buckets for view in views), np.intp, count)
        trees = np.fromiter(flat(view.trees for view in views), np.intp, count)
        ratings = np.fromiter(flat(view.ratings for view in views), float, count)
        target = np.fromiter(flat(view.target for view in views), bool, count)
        lin_part, tree_part = _folded(w)
        # The sum of the terms below, left to right, added in place (the same additions in
        # the same order as one expression, without a temporary array per term).
        before = self.word_states[rows]
        before[rows < 0] = 0.0
        before += lin_part[buckets]
        before += tree_part[trees]
        before += ratings[:, None] * w["proj_w"][-2]
        before += (ratings * (trees <= 2))[:, None] * w["proj_w"][-1]
        before += w["proj_b"]
        if CONTEXT_WEIGHTS in w:
            before += self._context_part(views)
        states = np.zeros((*mask.shape, before.shape[1]))
        states[mask] = np.tanh(before)
        attention = np.full(mask.shape, -np.inf)
        context_mask = mask.copy()
        context_mask[mask] = ~target
        attention[context_mask] = (states[context_mask] @ w["att_w"] + w["att_b"]
                                   + w["att_tree"][trees[~target]]
                                   + w["att_lin"][buckets[~target]])
        top = attention.max(axis=1)
        weights = np.exp(attention - np.where(np.isfinite(top), top, 0.0)[:, None])
        context = np.einsum("ns,nsh->nh", weights, states) / \
            np.maximum(weights.sum(axis=1), 1e-12)[:, None]
        own_mask = np.zeros(mask.shape)
        own_mask[mask] = target
        own = np.einsum("ns,nsh->nh", own_mask, states) / \
            np.maximum(own_mask.sum(axis=1), 1)[:, None]
        joined = np.concatenate([context, own], axis=1)
        hidden = np.maximum(np.einsum("nk,kh->nh", joined, w["mlp1_w"]) + w["mlp1_b"], 0.0)
        return np.einsum("nh,hc->nc", hidden, w["mlp2_w"]) + w["mlp2_b"]

    def _context_part(self, views: list[TokenView]) -> np.ndarray:
        """Each view token's tok2vec row times the projection's rows for it, in the views'
        order: each sentence's rows projected once for all its views."""
        import numpy as np

        projection = self.weights[CONTEXT_WEIGHTS].astype("float32")
        projected: dict[int, np.ndarray] = {}
        parts = []
        for view in views:
            if view.context is None:
                raise ValueError("this reader reads the parse's tok2vec rows: the view has none")
            rows = projected.get(id(view.context))
            if rows is None:
                rows = projected[id(view.context)] = view.context @ projection
            parts.append(rows[view.positions])
        return np.concatenate(parts)


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

    @property
    def reads_context(self) -> bool:
        return self.members[0].reads_context

    @property
    def context_width(self) -> int:
        return self.members[0].context_width

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
