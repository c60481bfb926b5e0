"""The learned event model: a multinomial logistic regression over the named features of
candidate triggers (`learned_features`), predicting a PLOVER type or "none"; in numpy.

It adds rows the rules miss, precision first: in a sentence, only a type the rules did not
code there, only above the probability threshold stored with the weights (chosen by
cross-validation on the training annotations), one row per type and sentence. Its rows take
their actor and target from the machinery the rules use (the quote's speaker for a cue, the
parse's arguments otherwise) and their modality flags from `modality`, so a negated or
hypothetical statement is flagged like any other.

The weights ship in the package (`data/event_model.npz`, made by
`scripts/train_event_statements.py` from our own annotations of NewsMTSC training sentences;
the file records its provenance). Loading reads that file only: no network, no pickle. Without
the file, the model adds nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.stages.events import lexicon as lex
from newsgraph.stages.events.arguments import argument_heads
from newsgraph.stages.events.learned_features import (
    Features,
    WordVectors,
    candidate_features,
    candidates,
    quote_role,
)
from newsgraph.stages.events.lexicon import Code
from newsgraph.stages.events.mentions import EventMention
from newsgraph.stages.events.modality import modality
from newsgraph.stages.events.place_and_date import date_of, place_of

if TYPE_CHECKING:
    import numpy as np

    from newsgraph.stages.events.coder import EventCoder

MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "event_model.npz"
#: The CAMEO code a learned row of each type carries: the type's general (two- or
#: three-digit) code.
TYPE_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "051", "CONCEDE": "080", "COOPERATE": "060",
    "AID": "070", "RETREAT": "087", "REQUEST": "020", "ACCUSE": "111", "REJECT": "120",
    "THREATEN": "130", "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150",
    "COERCE": "170", "ASSAULT": "180",
}
#: Switched off by the training script while it reads the rules' own output.
ENABLED = True


@dataclass(frozen=True)
class EventModel:
    """Labels ("none" first), feature name -> column, weights (features × labels), bias, the
    threshold a type's probability must reach, the types it may add, and provenance."""

    labels: tuple[str, ...]
    columns: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray
    threshold: float
    types: frozenset[str]
    provenance: dict = field(default_factory=dict)

    def probabilities(self, batch: list[Features]) -> np.ndarray:
        """One row of label probabilities per feature dict."""
        import numpy as np

        scores = np.tile(self.bias, (len(batch), 1))
        for row, features in enumerate(batch):
            known = [(self.columns[name], value) for name, value in features.items()
                     if name in self.columns]
            if known:
                columns, values = zip(*known, strict=True)
                scores[row] += np.asarray(values) @ self.weights[list(columns)]
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        import numpy as np

        names = sorted(self.columns, key=self.columns.__getitem__)
        np.savez_compressed(
            path, names=np.array(names), labels=np.array(self.labels),
            weights=self.weights.astype("float32"), bias=self.bias.astype("float32"),
            threshold=np.array(self.threshold, dtype="float32"),
            types=np.array(sorted(self.types)),
            provenance=np.array(json.dumps(self.provenance, sort_keys=True)))


def load_event_model(path: Path | None = None) -> EventModel:
    """The model at `path` (default: the shipped file)."""
    import numpy as np

    with np.load(path or MODEL_PATH, allow_pickle=False) as data:
        names = [str(name) for name in data["names"]]
        return EventModel(tuple(str(label) for label in data["labels"]),
                          {name: i for i, name in enumerate(names)},
                          data["weights"].astype("float64"), data["bias"].astype("float64"),
                          float(data["threshold"]),
                          frozenset(str(t) for t in data["types"]),
                          json.loads(str(data["provenance"])))


@lru_cache(maxsize=1)
def shared_event_model() -> EventModel | None:
    """The shipped model, loaded once per process; None when the package has none."""
    return load_event_model() if MODEL_PATH.is_file() else None


@lru_cache(maxsize=1)
def shared_word_vectors() -> WordVectors:
    """The portrayal reader's static word vectors, as the features read them."""
    from newsgraph.resources import shared_portrayal_model

    net = shared_portrayal_model().net
    members = getattr(net, "members", None)
    first = members[0] if members else net
    return WordVectors(first.vocabulary, first.word_states)


def ratings() -> dict[str, float]:
    """VADER's word ratings."""
    from newsgraph.resources import shared_tone_lexicon

    return shared_tone_lexicon().valence


def learned_mentions(coder: EventCoder, found: list[EventMention]) -> list[EventMention]:
    """The rows the model adds to a document's mentions: per sentence, each type the rules did
    not code there whose probability reaches the threshold at some candidate (the likeliest
    one is the trigger), when an actor is found."""
    model = shared_event_model() if ENABLED else None
    if model is None:
        return []
    doc = coder.doc
    quotes = coder.document.article.quotes
    taken = {(m.sentence, m.code.type) for m in found}
    used = {i for m in found for i in range(m.trigger[0], m.trigger[1])}
    rating, vectors = ratings(), shared_word_vectors()
    added = []
    for number, sentence in enumerate(doc.sents):
        tokens = [t for t in candidates(sentence) if t.idx not in used]
        if not tokens:
            continue
        batch = [candidate_features(t, quotes, rating, vectors) for t in tokens]
        best: dict[str, tuple[float, int]] = {}
        probabilities = model.probabilities(batch)
        for column, label in enumerate(model.labels):
            if label not in model.types or (number, label) in taken:
                continue
            row = int(probabilities[:, column].argmax())
            score = float(probabilities[row, column])
            if score >= model.threshold:
                best[label] = (score, row)
        for label, (_, row) in best.items():
            mention = learned_mention(coder, tokens[row], Code(label, TYPE_CAMEO[label]),
                                      number)
            if mention is not None:
                added.append(mention)
    return added


def learned_mention(coder: EventCoder, token, code: Code, sentence: int
                    ) -> EventMention | None:
    """A row for a predicted trigger: its actor (a cue's speaker, else the parse's subject),
    target and modality; None without an actor."""
    quotes = coder.document.article.quotes
    actor_head, target_head = argument_heads(token, code, token.i, token.i)
    actor = coder.arguments.argument(actor_head)
    roles = quote_role(token, quotes)
    quote = next((n for n, q in enumerate(quotes)
                  if (q.cue is not None and q.cue.start <= token.idx < q.cue.end)
                  or q.start <= token.idx < q.end), None)
    if quote is not None and ("cue" in roles or (actor is None and code.type in
                                                 lex.VERBAL_TYPES)):
        actor = coder.speaker_argument(quotes[quote]) or actor
    if actor is None or (actor_head is not None and actor_head.lower_ in lex.FIRST_PERSON
                         and "cue" not in roles):
        return None
    target = coder.arguments.argument(target_head)
    if target is None and code.type == "ACCUSE":
        from newsgraph.stages.events.coder import accused_in_content

        target = coder.arguments.argument(accused_in_content(token))
    if target is not None and actor.key is not None and target.key == actor.key:
        target = None
    negated, hypothetical, intended = modality(token, code, token.i)
    span = (token.idx, token.idx + len(token.text))
    mention = EventMention(code, span, sentence, coder.sentences[sentence], actor, target,
                           negated, hypothetical, intended, quote=quote)
    mention.evidence = [coder.sentences[sentence]]
    mention.place = place_of(token, mention, coder.located, coder.entities)
    mention.date = date_of(mention, coder.document.article.dates)
    return mention
