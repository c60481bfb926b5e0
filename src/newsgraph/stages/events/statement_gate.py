"""A learned gate for statements told by what they say: which party that a neutrally
reported quote portrays one way does the speaker blame or praise?

`statements.py` finds the candidates (a person, organisation or group mentioned in the
content of a quote reported with a neutral verb, portrayed negatively or positively by the
portrayal stage, not the speaker's own side); this module scores each with a logistic
regression over general features of the candidate (the portrayal's sign and probability,
the mention's role in its clause, whether the clause is asserted, negated or said with a
modal, the VADER ratings in the clause and the whole quote, the quote's form). The weights
ship in `data/events_statement_gate.json`, trained by `scripts/train_statement_gate.py` on
our own hand-coded events of NewsMTSC *training* sentences (MIT text, our labels; never the
dev_mt sentences of the tune and check parts): provenance is recorded in the file.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GATE_PATH = Path(__file__).resolve().parents[2] / "data" / "events_statement_gate.json"

#: The features, in the order of the shipped weights (`statements.candidate_features`).
FEATURES = ("probability", "negative", "judged", "asserted", "subject", "owner", "object",
            "direct", "clause_min", "clause_max", "quote_min", "quote_max", "negated",
            "modal", "question", "first_person", "length")

#: When set (a list), every candidate's features are appended to it (for training).
RECORD: list[dict] | None = None


@dataclass(frozen=True)
class Gate:
    """A logistic regression over standardised features, and the threshold of its use."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        """How likely the candidate is a statement of its type, by the trained weights."""
        score = self.bias + sum(
            w * (features[name] - m) / s
            for name, w, m, s in zip(FEATURES, self.weights, self.mean, self.scale, strict=True))
        return 1.0 / (1.0 + math.exp(-score))


@lru_cache(maxsize=1)
def shipped_gate() -> Gate | None:
    """The shipped gate, or None when the file is absent (the rule of `PORTRAYED` then)."""
    if not GATE_PATH.is_file():
        return None
    data = json.loads(GATE_PATH.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{GATE_PATH}: features differ from the code's")
    return Gate(tuple(data["mean"]), tuple(data["scale"]), tuple(data["weights"]),
                float(data["bias"]), float(data["threshold"]))
