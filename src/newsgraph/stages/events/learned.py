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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from newsgraph.stages.events import lexicon as lex
from newsgraph.stages.events.arguments import actor_like, argument_heads
from newsgraph.stages.events.learned_features import (
    Features,
    WordVectors,
    candidate_rows,
    candidates,
    content_words,
    is_candidate,
    quote_role,
)
from newsgraph.stages.events.lexicon import Code
from newsgraph.stages.events.mentions import EventMention
from newsgraph.stages.events.modality import modality
from newsgraph.stages.events.place_and_date import date_of, place_of
from newsgraph.stages.events.screen import screen
from newsgraph.stages.events.triggers import TriggerFinder, trigger_lemma, trigger_positions
from newsgraph.stages.linear import softmax, sparse_scores

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc, Token

    from newsgraph.model import Document, Quote
    from newsgraph.stages.events.arguments import ArgumentCoder, EntityIndex
    from newsgraph.stages.events.mentions import Argument

MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "event_model.npz"
#: The CAMEO code a learned row of each type carries: the type's general (two- or
#: three-digit) code.
TYPE_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "051", "CONCEDE": "080", "COOPERATE": "060",
    "AID": "070", "RETREAT": "087", "REQUEST": "020", "ACCUSE": "111", "REJECT": "120",
    "THREATEN": "130", "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150",
    "COERCE": "170", "ASSAULT": "180",
}
#: Types a learned row needs a target for: praise and blame are of someone (in our training
#: annotations, 158 of 173 accusations and 57 of 59 expressions of support name a target;
#: refusals and requests often name only what is refused or asked).
TARGETED_TYPES = frozenset({"ACCUSE", "SUPPORT", "CONSULT"})
#: Question and relative words ("what", "which", "that" heading a relative clause).
WH_TAGS = frozenset({"WP", "WDT", "WP$"})
#: Relative words, which name a party only through what they refer to.
RELATIVE_WORDS = frozenset("who whom which that whose".split())
#: Switched off by the training script while it reads the rules' own output.
ENABLED = True


@dataclass(frozen=True)
class EventModel:
    """Labels ("none" first), feature name -> column, weights (features × labels), bias, the
    threshold a type's probability must reach, the types it may add, provenance, the weights of
    the dense word-vector rows (`vector_features`; None: the model reads none) and the lemmas
    it reads."""

    labels: tuple[str, ...]
    columns: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray
    threshold: float
    types: frozenset[str]
    provenance: dict = field(default_factory=dict)
    dense: np.ndarray | None = None
    #: The lemmas seen as triggers of its statement types in training: the only candidates it
    #: reads (None: every candidate).
    lemmas: frozenset[str] | None = None

    def probabilities(self, batch: list[Features], rows: np.ndarray | None = None
                      ) -> np.ndarray:
        """One row of label probabilities per feature dict (and dense row)."""
        scores = sparse_scores(batch, self.columns, self.weights, self.bias)
        if self.dense is not None and rows is not None:
            scores += rows @ self.dense
        return softmax(scores)

    def save(self, path: Path) -> None:
        import numpy as np

        names = sorted(self.columns, key=self.columns.__getitem__)
        arrays = {"names": np.array(names), "labels": np.array(self.labels),
                  "weights": self.weights.astype("float32"), "bias": self.bias.astype("float32"),
                  "threshold": np.array(self.threshold, dtype="float32"),
                  "types": np.array(sorted(self.types)),
                  "provenance": np.array(json.dumps(self.provenance, sort_keys=True))}
        if self.dense is not None:
            arrays["dense"] = self.dense.astype("float32")
        if self.lemmas is not None:
            arrays["lemmas"] = np.array(sorted(self.lemmas))
        np.savez_compressed(path, **arrays)


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
                          json.loads(str(data["provenance"])),
                          data["dense"].astype("float64") if "dense" in data else None,
                          frozenset(str(w) for w in data["lemmas"]) if "lemmas" in data
                          else None)


class EventCoder(Protocol):
    """What the hook reads of the rule coder of a document (`coder.EventCoder`)."""

    document: Document
    doc: Doc
    arguments: ArgumentCoder
    entities: EntityIndex
    triggers: TriggerFinder
    sentences: list[tuple[int, int]]
    located: list

    def speaker_argument(self, quote: Quote) -> Argument | None: ...


#: Whom an accusation with no object is about (`coder.accused_in_content`).
Accused = Callable[["Token"], "Token | None"]


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


def learned_mentions(coder: EventCoder, found: list[EventMention], accused: Accused
                     ) -> list[EventMention]:
    """The rows the model adds to a document's mentions: per sentence, each type the rules did
    not code there whose probability reaches the threshold at a candidate with a party acting
    (and, for praise, blame and meetings, a party acted on); the likeliest such candidate is
    the trigger."""
    model = shared_event_model() if ENABLED else None
    if model is None:
        return []
    doc = coder.doc
    quotes = coder.document.article.quotes
    taken = {(m.sentence, m.code.type) for m in found}
    used = {i for m in found for i in range(m.trigger[0], m.trigger[1])}
    acts = [m.trigger[0] for m in found if m.code.type not in lex.VERBAL_TYPES]
    screened = screened_words(doc, coder.triggers)
    lemmas = model.lemmas
    rating, vectors = ratings(), shared_word_vectors()
    added = []
    for number, sentence in enumerate(doc.sents):
        tokens = [t for t in candidates(sentence) if t.idx not in used and t.i not in screened
                  and (lemmas is None or t.lemma_.lower() in lemmas)
                  and not material_word(t) and not reports_an_act(t, acts)]
        if not tokens:
            continue
        first, last = sentence.start_char, sentence.end_char
        near = [q for q in quotes if (q.start < last and q.end > first) or (
            q.cue is not None and q.cue.start < last and q.cue.end > first)]
        batch, rows = candidate_rows(tokens, near, rating,
                                     vectors if model.dense is not None else None,
                                     content_words(sentence))
        probabilities = model.probabilities(batch, rows)
        for column, label in enumerate(model.labels):
            if label not in model.types or label not in lex.VERBAL_TYPES or (
                    number, label) in taken:
                continue
            code = Code(label, TYPE_CAMEO[label])
            ranked = sorted(range(len(tokens)), key=lambda row: -probabilities[row, column])
            for row in ranked:  # the likeliest candidate with a party acting
                if probabilities[row, column] < model.threshold:
                    break
                mention = learned_mention(coder, tokens[row], code, number, accused)
                if mention is not None:
                    added.append(mention)
                    break
    return added


def screened_words(doc: Doc, finder: TriggerFinder) -> set[int]:
    """The tokens the rules framed as a trigger and then screened out as no such event
    ("declined to comment", a market's "attack"): a decision the model does not overturn."""
    found = set()
    for i in trigger_positions(doc):
        token = doc[i]
        if not is_candidate(token):
            continue  # (the model reads no other word)
        lemma = trigger_lemma(token)
        coded = finder.framed(token, lemma)
        if coded is not None and screen(token, lemma, coded[0]) is None:
            found.add(i)
    return found


def material_word(token: Token) -> bool:
    """A word the trigger lexicon knows as a material act ("fired", "attack", "seized"): the
    rules code or screen it, and it is no statement."""
    lemma = token.lemma_.lower()
    table = lex.VERBS if token.pos_ == "VERB" else lex.NOUNS
    code = table.get(lemma)
    if code is not None and code.type not in lex.VERBAL_TYPES:
        return True
    frames = lex.OBJECT_VERBS.get(lemma) if token.pos_ == "VERB" else None
    if frames and all(c.type not in lex.VERBAL_TYPES for c in frames.values()):
        return True
    return token.pos_ == "VERB" and lemma in lex.ARMED_VERBS


def reports_an_act(token: Token, acts: list[int]) -> bool:
    """Does the candidate govern a material act the rules coded ("the agency said troops
    shelled the town")? Then the sentence reports that act; the report is no separate
    statement."""
    if token.left_edge.i == token.right_edge.i:
        return False
    first, last = token.left_edge.idx, token.right_edge.idx
    return any(first <= start <= last and start != token.idx for start in acts)


def portrayed_party(coder: EventCoder, quote: Quote, code: Code):
    """The party the quote's words portray as the statement does (negatively for blame,
    positively for praise), by the portrayal stage; the surest one."""
    from newsgraph.stages.events.statements import JUDGED_TYPES

    wanted = {"ACCUSE": "negative", "SUPPORT": "positive"}.get(code.type)
    best = None
    for entity in coder.document.article.entities:
        if wanted is None or entity.type not in JUDGED_TYPES:
            continue
        for mention in entity.mentions:
            if mention.polarity == wanted and quote.start <= mention.start < quote.end and (
                    best is None or (mention.polarity_score or 0) > (best.polarity_score or 0)):
                best = mention
    span = None if best is None else coder.doc.char_span(best.start, best.end,
                                                         alignment_mode="expand")
    if span is None or not len(span) or span.root.lower_ in lex.FIRST_PERSON:
        return None
    return coder.arguments.argument(span.root)


def learned_mention(coder: EventCoder, token: Token, code: Code, sentence: int,
                    accused: Accused) -> EventMention | None:
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
    if actor is not None and actor.text.lower() in RELATIVE_WORDS:
        actor = None  # a speaker or subject left as a relative word names no one
    spoken = quote is not None and actor is not None and "cue" in roles
    if actor is None or (not spoken and actor_head is not None and (
            not actor_like(actor_head) or actor_head.tag_ in WH_TAGS)) \
            or (actor_head is not None and actor_head.lower_ in lex.FIRST_PERSON and not spoken):
        return None  # no party acting ("the election called", "a sketch that mocked", "we")
    if "cue" in roles:
        # a reporting verb's object is its hearer or medium ("told the host", "said on
        # television"); whom the words are about is in what was said
        target_head = None
    if target_head is None and (code.type == "ACCUSE" or "cue" in roles):
        target_head = accused(token)
    if target_head is not None and (not actor_like(target_head) or target_head.tag_ in
                                    WH_TAGS):
        target_head = None  # a thing, not a party ("called the holiday a celebration")
    target = coder.arguments.argument(target_head)
    if target is None and quote is not None and "cue" in roles:
        target = portrayed_party(coder, quotes[quote], code)
    if target is not None and ((actor.key is not None and target.key == actor.key) or (
            target.start is not None and target.start == actor.start)):
        target = None
    if target is None and code.type in TARGETED_TYPES:
        return None
    negated, hypothetical, intended = modality(token, code, token.i)
    span = (token.idx, token.idx + len(token.text))
    mention = EventMention(code, span, sentence, coder.sentences[sentence], actor, target,
                           negated, hypothetical, intended, quote=quote)
    mention.evidence = [coder.sentences[sentence]]
    mention.place = place_of(token, mention, coder.located, coder.entities)
    mention.date = date_of(mention, coder.document.article.dates)
    return mention
