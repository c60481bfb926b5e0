"""Training of the portrayal model's attention reader (`newsgraph.stages.portrayal_net`) with
torch (CPU), for `scripts/train_portrayal.py --words`. The weights are exported as numpy
arrays; the pipeline runs them without torch."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from newsgraph.stages.portrayal_net import CONTEXT_WEIGHTS, MAX_TOKENS, MAX_TREE, TokenView

HIDDEN, MLP, BUCKET_DIMS = 64, 64, 16
BUCKETS = 19


def tensors(views: list[TokenView], vocabulary: dict[str, int]) -> list:
    """Padded word rows (+1; 0 = none), buckets, tree distances, ratings, mask, target flags,
    and the tok2vec rows when the views carry them."""
    import torch

    n = len(views)
    words = np.zeros((n, MAX_TOKENS), "int64")
    buckets, trees = np.zeros_like(words), np.zeros_like(words)
    ratings, mask, target = (np.zeros((n, MAX_TOKENS), "float32") for _ in range(3))
    for row, view in enumerate(views):
        size = len(view.words)
        words[row, :size] = [vocabulary.get(word, -1) + 1 for word in view.words]
        buckets[row, :size], trees[row, :size] = view.buckets, view.trees
        ratings[row, :size], mask[row, :size], target[row, :size] = view.ratings, 1, view.target
    arrays = [words, buckets, trees, ratings, mask, target]
    if views and views[0].context is not None:
        context = np.zeros((n, MAX_TOKENS, views[0].context.shape[1]), "float32")
        for row, view in enumerate(views):
            context[row, :len(view.words)] = view.context[view.positions]
        arrays.append(context)
    return [torch.tensor(array) for array in arrays]


def make_net(vectors: np.ndarray, context_dims: int = 0):
    """The torch module, with the word vectors frozen (row 0: no vector); with
    `context_dims`, each token's tok2vec row is an input too (after the word vector)."""
    import torch
    from torch import nn

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            table = np.vstack([np.zeros((1, vectors.shape[1])), vectors]).astype("float32")
            self.words = nn.Embedding.from_pretrained(torch.tensor(table), freeze=True)
            self.lin, self.tree = nn.Embedding(BUCKETS, BUCKET_DIMS), \
                nn.Embedding(MAX_TREE + 1, BUCKET_DIMS)
            self.drop = nn.Dropout(0.3)
            self.proj = nn.Linear(vectors.shape[1] + context_dims + 2 * BUCKET_DIMS + 2,
                                  HIDDEN)
            self.att = nn.Linear(HIDDEN, 1)
            self.att_tree, self.att_lin = nn.Embedding(MAX_TREE + 1, 1), nn.Embedding(BUCKETS, 1)
            self.mlp1, self.mlp2 = nn.Linear(2 * HIDDEN, MLP), nn.Linear(MLP, 3)

        def forward(self, words, buckets, trees, ratings, mask, target, *context):
            near = ratings * (trees <= 2)
            read = [self.drop(self.words(words))] + [self.drop(rows) for rows in context]
            x = torch.cat([*read, self.lin(buckets), self.tree(trees), ratings[..., None],
                           near[..., None]], -1)
            states = torch.tanh(self.proj(x))
            scores = (self.att(states) + self.att_tree(trees) + self.att_lin(buckets))
            scores = scores.squeeze(-1).masked_fill(mask * (1 - target) == 0, -1e9)
            context = (torch.softmax(scores, -1)[..., None] * states).sum(1)
            own = (target[..., None] * states).sum(1) / target.sum(1, keepdim=True).clamp(min=1)
            hidden = torch.relu(self.mlp1(torch.cat([context, own], -1)))
            return self.mlp2(self.drop(hidden))

    return Net()


def _batches(rows: np.ndarray, size: int, seed: int) -> Iterator[np.ndarray]:
    order = np.random.default_rng(seed).permutation(rows)
    for first in range(0, len(order), size):
        yield order[first:first + size]


def target_distributions(labels: np.ndarray, soft: np.ndarray | None = None,
                         weight: float = 0.5) -> np.ndarray:
    """What each row is trained towards: its gold label (one-hot) or, with `soft` (a
    teacher's probabilities, one row each), `weight` of the teacher's and the rest of the
    gold; rows without gold (label -1) take the teacher's alone."""
    onehot = np.eye(3)[np.maximum(labels, 0)]
    if soft is None:
        return onehot
    found = (1 - weight) * onehot + weight * soft
    found[labels < 0] = soft[labels < 0]
    return found


def class_weights(targets: np.ndarray) -> np.ndarray:
    """Balanced weights from the most likely class of each row's target."""
    counts = np.bincount(targets.argmax(axis=1), minlength=3)
    return len(targets) / (3 * np.maximum(counts, 1))


def train(data: list, labels: np.ndarray, rows: np.ndarray, vectors: np.ndarray, epochs: int,
          seed: int, after_epoch=None, soft: np.ndarray | None = None, soft_weight: float = 0.5):
    """Train on `rows` for `epochs` (Adam, balanced class weights) towards the gold labels,
    or mixed with a teacher's probabilities `soft` (see `target_distributions`);
    `after_epoch(net, epoch)` is called after each epoch. The trained module."""
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(1)
    net = make_net(vectors, data[6].shape[-1] if len(data) > 6 else 0)
    targets = target_distributions(labels, soft, soft_weight)
    weights = torch.tensor(class_weights(targets[rows]), dtype=torch.float32)
    optimiser = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=2e-3,
                                 weight_decay=1e-5)
    wanted = torch.tensor(targets, dtype=torch.float32)

    def loss_of(scores, goal):
        """Cross-entropy to a distribution, classes weighted, divided by the weights' sum
        (for one-hot goals, torch's weighted `CrossEntropyLoss`)."""
        weighted = goal * weights
        return -(weighted * torch.log_softmax(scores, -1)).sum() / weighted.sum()

    for epoch in range(1, epochs + 1):
        net.train()
        for batch in _batches(rows, 32, seed + epoch):
            loss = loss_of(net(*[part[batch] for part in data]), wanted[batch])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        if after_epoch:
            after_epoch(net, epoch)
    return net


def scores(net, data: list, rows: np.ndarray) -> np.ndarray:
    """The network's three scores for `rows`."""
    import torch

    net.eval()
    with torch.no_grad():
        return np.vstack([net(*[part[rows[first:first + 512]] for part in data]).numpy()
                          for first in range(0, len(rows), 512)])


def export(net) -> dict[str, np.ndarray]:
    """The weights as `portrayal_net.WEIGHTS` names them (matrices as inputs × outputs; the
    projection's rows for the tok2vec inputs apart, as `CONTEXT_WEIGHTS`)."""
    def array(tensor) -> np.ndarray:
        return tensor.detach().numpy().astype("float32")

    projection = array(net.proj.weight).T
    dims = net.words.weight.shape[1]
    context = projection.shape[0] - dims - 2 * BUCKET_DIMS - 2
    found = {CONTEXT_WEIGHTS: projection[dims:dims + context]} if context else {}
    projection = np.vstack([projection[:dims], projection[dims + context:]])
    return found | {
        "lin": array(net.lin.weight), "tree": array(net.tree.weight), "proj_w": projection,
        "proj_b": array(net.proj.bias), "att_w": array(net.att.weight)[0],
        "att_b": array(net.att.bias)[0], "att_tree": array(net.att_tree.weight)[:, 0],
        "att_lin": array(net.att_lin.weight)[:, 0], "mlp1_w": array(net.mlp1.weight).T,
        "mlp1_b": array(net.mlp1.bias), "mlp2_w": array(net.mlp2.weight).T,
        "mlp2_b": array(net.mlp2.bias)}
