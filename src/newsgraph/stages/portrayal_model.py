"""The portrayal model: multinomial logistic regression over named sparse features, averaged
with an attention reader over static word vectors (`portrayal_net`) when the file has one; in
numpy.

The trained weights ship in the package (`data/portrayal_model.npz`, made by
`scripts/train_portrayal.py` from NewsMTSC's training split; see docs/benchmarks.md); loading
reads that file only: no network, no pickle.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.stages.linear import softmax, sparse_scores
from newsgraph.stages.portrayal_net import CONTEXT_WEIGHTS, WEIGHTS, NetEnsemble, PortrayalNet

if TYPE_CHECKING:
    import numpy as np

    from newsgraph.stages.portrayal_features import Features
    from newsgraph.stages.portrayal_net import TokenView

LABELS = ("negative", "neutral", "positive")
#: The reader is consulted where the regression's best probability is below this, unless
#: the model file says otherwise (`net_below`; above 1 consults it on every mention): on
#: 3,272 unlabelled mentions of news articles (the pipeline's own), 47 % of them, and the
#: answers equal those of consulting it everywhere for 98.3 % (docs/benchmarks.md).
NET_BELOW = 0.6
MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "portrayal_model.npz"


@dataclass(frozen=True)
class PortrayalModel:
    """Feature name -> column; weights (features × labels), bias (labels); the attention
    reader (or several, averaged) and its share of the averaged probabilities (None: the
    regression alone)."""

    columns: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray
    net: PortrayalNet | NetEnsemble | None = None
    net_share: float = 0.5
    net_below: float = NET_BELOW
    #: Where the weights come from (data, licences, training command), as the file says.
    provenance: dict = field(default_factory=dict)

    def probabilities(self, batch: list[Features],
                      views: Sequence[TokenView] | Callable[[int], TokenView] | None = None
                      ) -> np.ndarray:
        """Rows of P(negative), P(neutral), P(positive), one row per feature dict. With the
        targets' token views (a list, or a function of the row that makes one), the attention
        reader's probabilities are averaged in for the rows where the regression's best
        probability is below `net_below` (the reader is the costly part; where the regression
        is sure, the average rarely changes the answer)."""
        found = softmax(self.linear_scores(batch))
        if self.net is None or views is None or not len(batch):
            return found
        unsure = [row for row in range(len(batch)) if found[row].max() < self.net_below]
        if unsure:
            view_of = views if callable(views) else views.__getitem__
            read = softmax(self.net.scores([view_of(row) for row in unsure]))
            found[unsure] = (1 - self.net_share) * found[unsure] + self.net_share * read
        return found

    def linear_scores(self, batch: list[Features]) -> np.ndarray:
        """The regression's scores, one row per feature dict."""
        return sparse_scores(batch, self.columns, self.weights, self.bias)

    def predict(self, batch: list[Features],
                views: Sequence[TokenView] | Callable[[int], TokenView] | None = None
                ) -> list[tuple[str, float]]:
        """(label, its probability) for each feature dict."""
        probabilities = self.probabilities(batch, views)
        return [(LABELS[int(row.argmax())], float(row.max())) for row in probabilities]

    def save(self, path: Path) -> None:
        import numpy as np

        names = sorted(self.columns, key=self.columns.__getitem__)
        arrays = {"names": np.array(names), "weights": self.weights.astype("float32"),
                  "bias": self.bias.astype("float32")}
        if self.provenance:
            arrays["provenance"] = np.array(json.dumps(self.provenance, sort_keys=True))
        if self.net is not None:
            words = sorted(self.net.vocabulary, key=self.net.vocabulary.__getitem__)
            members = self.net.members if isinstance(self.net, NetEnsemble) else (self.net,)
            arrays.update({"net_words": np.array(words),
                           "net_members": np.array(len(members)),
                           "net_share": np.array(self.net_share, dtype="float32"),
                           "net_below": np.array(self.net_below, dtype="float32")})
            for index, member in enumerate(members):
                arrays.update(_member_arrays(member, "net_" if index == 0 else f"net{index}_"))
        np.savez_compressed(path, **arrays)


def _member_arrays(net: PortrayalNet, prefix: str) -> dict[str, np.ndarray]:
    """One reader's arrays, under names starting with `prefix` (word states as int8 with a
    scale per dimension)."""
    import numpy as np

    states = net.word_states
    scale = np.abs(states).max(axis=0) / 127 + 1e-12
    arrays = {f"{prefix}scale": scale.astype("float32"),
              f"{prefix}word_states": np.round(states / scale).astype("int8")}
    arrays.update({f"{prefix}{name}": np.asarray(net.weights[name], dtype="float32")
                   for name in (*WEIGHTS, CONTEXT_WEIGHTS) if name in net.weights})
    return arrays


def _load_member(data, vocabulary: dict[str, int], prefix: str) -> PortrayalNet:
    states = data[f"{prefix}word_states"].astype("float64") * data[f"{prefix}scale"]
    return PortrayalNet(vocabulary, states, {name: data[f"{prefix}{name}"].astype("float64")
                                             for name in (*WEIGHTS, CONTEXT_WEIGHTS)
                                             if f"{prefix}{name}" in data})


def load_portrayal_model(path: Path | None = None) -> PortrayalModel:
    """The shipped model (or the one at `path`)."""
    import numpy as np

    with np.load(path or MODEL_PATH, allow_pickle=False) as data:
        names = [str(name) for name in data["names"]]
        net: PortrayalNet | NetEnsemble | None = None
        share, below = 0.5, NET_BELOW
        if "net_words" in data:
            vocabulary = {str(word): i for i, word in enumerate(data["net_words"])}
            count = int(data["net_members"]) if "net_members" in data else 1
            members = tuple(_load_member(data, vocabulary, "net_" if k == 0 else f"net{k}_")
                            for k in range(count))
            net = members[0] if count == 1 else NetEnsemble(members)
            share = float(data["net_share"])
            below = float(data["net_below"]) if "net_below" in data else NET_BELOW
        provenance = json.loads(str(data["provenance"])) if "provenance" in data else {}
        return PortrayalModel({name: i for i, name in enumerate(names)},
                              data["weights"].astype("float64"), data["bias"].astype("float64"),
                              net, share, below, provenance)
