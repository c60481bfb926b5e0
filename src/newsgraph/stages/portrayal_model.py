"""The portrayal model: multinomial logistic regression over named sparse features, in numpy.

The trained weights ship in the package (`data/portrayal_model.npz`, made by
`scripts/train_portrayal.py` from NewsMTSC's training split; see docs/benchmarks.md); loading
reads that file only: no network, no pickle.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from newsgraph.stages.portrayal_features import Features

LABELS = ("negative", "neutral", "positive")
MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "portrayal_model.npz"


@dataclass(frozen=True)
class PortrayalModel:
    """Feature name -> column; weights (features × labels), bias (labels)."""

    columns: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray

    def probabilities(self, batch: list[Features]) -> np.ndarray:
        """Rows of P(negative), P(neutral), P(positive), one row per feature dict."""
        import numpy as np

        scores = np.tile(self.bias, (len(batch), 1))
        for row, features in enumerate(batch):
            for name, value in features.items():
                column = self.columns.get(name)
                if column is not None:
                    scores[row] += value * self.weights[column]
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def predict(self, batch: list[Features]) -> list[tuple[str, float]]:
        """(label, its probability) for each feature dict."""
        probabilities = self.probabilities(batch)
        return [(LABELS[int(row.argmax())], float(row.max())) for row in probabilities]

    def save(self, path: Path) -> None:
        import numpy as np

        names = sorted(self.columns, key=self.columns.__getitem__)
        np.savez_compressed(path, names=np.array(names), weights=self.weights.astype("float32"),
                            bias=self.bias.astype("float32"))


def load_portrayal_model(path: Path | None = None) -> PortrayalModel:
    """The shipped model (or the one at `path`)."""
    import numpy as np

    with np.load(path or MODEL_PATH, allow_pickle=False) as data:
        names = [str(name) for name in data["names"]]
        return PortrayalModel({name: i for i, name in enumerate(names)},
                              data["weights"].astype("float64"), data["bias"].astype("float64"))
