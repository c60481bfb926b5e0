"""What the portrayal model sees of one target mention in its sentence: named sparse features.

Shared by the training script (`scripts/train_portrayal.py`) and the pipeline stage, so both
read a mention the same way. Features (name -> value), all relative to the target:

- context words by side and distance bucket ("L1:condemned", "R2-3:corrupt") and the
  sentence's words ("S:scandal"), the target's own words ("T:critics");
- the dependency path: the target's relation, its head and grandparent lemmas
  ("dep:nsubj", "head:praise", "nsubj>praise"), its children;
- VADER ratings of the context: sums by side and bucket, a distance-weighted sum, the rating
  of the head and of the words under the head, the sentence's compound score;
- whether the target stands inside a quotation, or is the speaker of a speech verb.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from newsgraph.stages.tone_lexicon import ToneLexicon

QUOTE_MARKS = frozenset('"“”')
SPEECH_LEMMAS = frozenset({"say", "tell", "add", "write", "argue", "claim", "state", "note",
                           "insist", "explain", "warn", "ask", "announce", "declare"})
#: How far (in tokens) a negator reaches forward to flip a rating, as in VADER.
NEGATION_REACH = 3

Features = dict[str, float]


def bucket(distance: int) -> str:
    """A side-and-distance bucket: L1, L2-3, L4-7, L8+ (and R…), for a signed distance."""
    side = "L" if distance < 0 else "R"
    steps = abs(distance)
    for limit, name in ((1, "1"), (3, "2-3"), (7, "4-7")):
        if steps <= limit:
            return side + name
    return side + "8+"


def sentence_ratings(sentence: SpacySpan, lexicon: ToneLexicon) -> list[float]:
    """Each token's VADER rating, flipped after a negator."""
    ratings, last_negator = [], -100
    for index, token in enumerate(sentence):
        rating = lexicon.rating(token)
        if rating and index - last_negator <= NEGATION_REACH:
            rating = -rating
        if lexicon.negates(token):
            last_negator = index
        ratings.append(rating)
    return ratings


def target_root(sentence: SpacySpan, start: int, end: int) -> Token:
    """The target's syntactic head: its token whose head lies outside it."""
    tokens = sentence[start:end]
    return next((t for t in tokens if not start <= t.head.i - sentence.start < end), tokens[0])


def _in_quotation(sentence: SpacySpan, start: int) -> bool:
    marks = sum(char in QUOTE_MARKS for token in sentence[:start] for char in token.text)
    return marks % 2 == 1


def _add_words(features: Features, sentence: SpacySpan, start: int, end: int,
               ratings: list[float]) -> None:
    for index, token in enumerate(sentence):
        if token.is_space or token.is_punct:
            continue
        word = token.lower_
        if start <= index < end:
            features[f"T:{word}"] += 1
            continue
        distance = index - start if index < start else index - end + 1
        side = bucket(distance)
        features[f"S:{word}"] += 1
        if abs(distance) <= 7:
            features[f"{side}:{word}"] += 1
            features[f"{side[0]}:{token.lemma_.lower()}"] += 1 / abs(distance)
        if ratings[index]:
            features[f"v{side}"] += ratings[index] / 4
            features["vnear"] += ratings[index] / (4 * abs(distance))
            features["vpos" if ratings[index] > 0 else "vneg"] += 1 / abs(distance)


def _add_syntax(features: Features, sentence: SpacySpan, start: int, end: int,
                ratings: list[float]) -> None:
    root = target_root(sentence, start, end)
    head = root.head
    features[f"dep:{root.dep_}"] += 1
    if head is not root:
        features[f"head:{head.lemma_.lower()}"] += 1
        features[f"{root.dep_}>{head.lemma_.lower()}"] += 1
        head_rating = ratings[head.i - sentence.start] / 4 if \
            sentence.start <= head.i < sentence.end else 0.0
        features["vhead"] += head_rating
        features[f"vhead:{root.dep_}"] += head_rating
        if head.head is not head:
            features[f"head2:{head.head.lemma_.lower()}"] += 1
        under = [ratings[t.i - sentence.start] for t in head.subtree
                 if sentence.start <= t.i < sentence.end
                 and not start <= t.i - sentence.start < end]
        features["vunder"] += sum(under) / 4
        features[f"vunder:{root.dep_}"] += sum(under) / 4
        if root.dep_.startswith("nsubj") and head.lemma_.lower() in SPEECH_LEMMAS:
            features["speaker"] += 1
    for child in root.children:
        if not start <= child.i - sentence.start < end:
            features[f"child:{child.dep_}:{child.lemma_.lower()}"] += 1
            features["vchild"] += ratings[child.i - sentence.start] / 4 \
                if sentence.start <= child.i < sentence.end else 0.0


def mention_features(sentence: SpacySpan, start: int, end: int, lexicon: ToneLexicon,
                     compound: float | None = None,
                     ratings: list[float] | None = None) -> Features:
    """The features of the target at token positions [start, end) of `sentence` (`ratings`:
    the sentence's `sentence_ratings`, when already at hand)."""
    features: Features = defaultdict(float)
    if ratings is None:
        ratings = sentence_ratings(sentence, lexicon)
    _add_words(features, sentence, start, end, ratings)
    _add_syntax(features, sentence, start, end, ratings)
    if _in_quotation(sentence, start):
        features["in_quote"] += 1
    if compound is None:
        compound = lexicon.compound(sentence.text)
    features["compound"] = compound
    features["compound_pos" if compound >= 0.05 else
             "compound_neg" if compound <= -0.05 else "compound_neu"] = 1.0
    return features


def token_range(sentence: SpacySpan, start_char: int, end_char: int) -> tuple[int, int] | None:
    """Token positions within `sentence` covering the characters [start_char, end_char)."""
    inside = [t.i - sentence.start for t in sentence
              if t.idx < end_char and t.idx + len(t.text) > start_char and not t.is_space]
    return (inside[0], inside[-1] + 1) if inside else None
