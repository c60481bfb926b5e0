"""Portrayal: how each target mention is portrayed in its sentence (negative / neutral /
positive), by the shipped model (`portrayal_model`) over `portrayal_features`.

The stage gives every entity mention a `polarity` and its probability, and every entity a
`Portrayal`: its mentions counted by polarity and the mean of P(positive) - P(negative).
It reuses the tone stage's sentence compound scores when that stage ran first.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING

from newsgraph.model import Document, Entity, Mention, Portrayal
from newsgraph.stages.doc_tables import doc_text
from newsgraph.stages.portrayal_features import (
    Features,
    SentenceReading,
    mention_features,
    sentence_ratings,
    target_root,
    token_range,
)
from newsgraph.stages.portrayal_model import LABELS
from newsgraph.stages.portrayal_net import SentenceTokens, TokenView, token_view

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from newsgraph.resources import Resources
    from newsgraph.stages.portrayal_model import PortrayalModel
    from newsgraph.stages.tone_lexicon import ToneLexicon

DIGITS = 4


def target_features(sentence: SpacySpan, spans: list[tuple[int, int]], lexicon: ToneLexicon,
                    compound: float | None = None) -> Features:
    """Features of a target given by character spans: its first span's, plus each further
    mention's (a pronoun referring back to it) under the prefix "F:"."""
    if compound is None:
        compound = lexicon.compound(sentence.text)
    found = [token_range(sentence, start, end) for start, end in spans]
    found = [span for span in found if span] or [(0, 1)]
    features = mention_features(sentence, *found[0], lexicon, compound)
    for span in found[1:]:
        for name, value in mention_features(sentence, *span, lexicon, compound).items():
            if not name.startswith(("S:", "compound")):
                features[f"F:{name}"] += value
    return features


def target_view(sentence: SpacySpan, start_char: int, end_char: int, lexicon: ToneLexicon,
                ratings: list[float] | None = None, tokens: SentenceTokens | None = None,
                found: tuple[int, int] | None = None, context=None) -> TokenView:
    """What the attention reader sees of the target at those characters of `sentence`
    (`ratings`, `tokens` and the target's token range `found`, when already at hand;
    `context`: the sentence's tok2vec rows, for a reader that reads them)."""
    start, end = found or token_range(sentence, start_char, end_char) or (0, 1)
    root = target_root(sentence, start, end)
    if ratings is None:
        ratings = sentence_ratings(sentence, lexicon)
    return token_view(sentence, start, end, ratings, root.i, tokens, context)


def make_portrayal(resources: Resources) -> Callable[[Document], None]:
    """The portrayal stage, with the model and VADER's lexicon loaded once per worker."""
    model, lexicon = resources.portrayal_model, resources.tone_lexicon
    return lambda document: add_portrayal(document, model, lexicon)


def add_portrayal(document: Document, model: PortrayalModel, lexicon: ToneLexicon) -> None:
    """Set each mention's polarity and each entity's portrayal (English articles only)."""
    article, doc = document.article, document.doc
    if article.language and not article.language.startswith("en"):
        return
    known = {s.start: s.compound for s in article.tone.sentences} if article.tone else {}
    compounds: dict[int, float] = {}
    readings: dict[int, SentenceReading] = {}
    tokens: dict[int, SentenceTokens] = {}
    pairs: list[tuple[Entity, Mention]] = []
    batch: list[Features] = []
    places: list[tuple[SentenceReading, tuple[int, int]]] = []
    sentence_of = SentenceFinder(doc)
    for entity in article.entities:
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            sentence = sentence_of(span.start)
            if sentence.start not in compounds:
                text = doc_text(doc)[sentence.start_char:sentence.end_char]  # `sentence.text`
                text_start = sentence.start_char + len(text) - len(text.lstrip())
                compounds[sentence.start] = known.get(text_start) \
                    if text_start in known else lexicon.compound(text)
                readings[sentence.start] = SentenceReading.of(sentence, lexicon)
            reading = readings[sentence.start]
            found = token_range(sentence, mention.start, mention.end, reading)
            if found:
                pairs.append((entity, mention))
                batch.append(mention_features(sentence, *found, lexicon,
                                              compounds[sentence.start], reading=reading))
                places.append((reading, found))

    context = reader_context(doc, model)
    sentence_rows: dict[int, np.ndarray | None] = {}

    def view(row: int) -> TokenView:
        reading, found = places[row]
        sentence = reading.sentence
        if sentence.start not in tokens:
            tokens[sentence.start] = SentenceTokens.of_reading(reading)
            sentence_rows[sentence.start] = None if context is None else \
                context[sentence.start:sentence.end]
        return token_view(sentence, *found, reading.ratings,
                          reading.root(*found) + sentence.start, tokens[sentence.start],
                          sentence_rows[sentence.start])

    readable = model.net is not None and (context is not None or not model.net.reads_context)
    balances = _assign(pairs, model.probabilities(batch, view if readable else None)) \
        if batch else {}
    for entity in article.entities:
        entity.portrayal = _summary(entity, balances.get(entity.id, []))


def reader_context(doc: Doc, model: PortrayalModel):
    """The parse's tok2vec rows (`doc.tensor`) when the model's reader reads them and they
    are the kind it was trained on (same width, a pipeline without static word vectors as
    the default model); else None (a reader that needs them is then left out)."""
    net = model.net
    if net is None or not net.reads_context:
        return None
    tensor = doc.tensor
    if getattr(tensor, "ndim", 0) != 2 or tensor.shape != (len(doc), net.context_width) \
            or doc.vocab.vectors.shape[1] != 0:
        return None
    return tensor


class SentenceFinder:
    """The sentence a token lies in (`token.sent`), from one pass over the document's
    sentences, made at the first question."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sentences: list[SpacySpan] = []
        self.starts: list[int] = []

    def __call__(self, index: int) -> SpacySpan:
        if not self.sentences:
            self.sentences = list(self.doc.sents)
            self.starts = [sentence.start for sentence in self.sentences]
        return self.sentences[bisect_right(self.starts, index) - 1]


def _assign(pairs: list[tuple[Entity, Mention]], probabilities) -> dict[str, list[float]]:
    """Set each mention's polarity; P(positive) - P(negative) of each entity's mentions."""
    balances: dict[str, list[float]] = {}
    for (entity, mention), row in zip(pairs, probabilities, strict=True):
        best = int(row.argmax())
        mention.polarity = LABELS[best]
        mention.polarity_score = round(float(row[best]), DIGITS)
        balances.setdefault(entity.id, []).append(float(row[2] - row[0]))
    return balances


def _summary(entity: Entity, balances: list[float]) -> Portrayal:
    counts = {label: sum(m.polarity == label for m in entity.mentions) for label in LABELS}
    return Portrayal(**counts, score=round(sum(balances) / len(balances), DIGITS) if balances
                     else 0.0)
