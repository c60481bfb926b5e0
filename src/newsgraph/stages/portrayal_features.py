"""What the portrayal model sees of one target mention in its sentence: named sparse features.

Shared by the training script (`scripts/train_portrayal.py`) and the pipeline stage, so both
read a mention the same way. Features (name -> value), all relative to the target:

- context words by side and distance bucket ("L1:condemned", "R2-3:corrupt") and the
  sentence's words ("S:scandal"), the target's own words ("T:critics");
- the dependency path: the target's relation, its head and grandparent lemmas
  ("dep:nsubj", "head:praise", "nsubj>praise"), its children; a conjunct takes the role of
  the first conjunct ("A and B were praised": B is a passive subject too);
- VADER ratings of the context: sums by side and bucket, a distance-weighted sum, the rating
  of the head and of the words under the head and outside it (the whole sentence for a target
  that heads it), of a subject's predicate ("is corrupt"), of the word a preposition hangs
  from ("support for"), the sentence's compound score;
- whether the target stands inside a quotation, or is the speaker of a speech verb.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from newsgraph.stages.doc_tables import token_table

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from newsgraph.stages.tone_lexicon import ToneLexicon

QUOTE_MARKS = frozenset('"“”')
SPEECH_LEMMAS = frozenset({"say", "tell", "add", "write", "argue", "claim", "state", "note",
                           "insist", "explain", "warn", "ask", "announce", "declare"})
#: Dependents of a subject's verb that say what the subject is ("is corrupt", "a hero").
PREDICATE_DEPS = frozenset({"acomp", "attr", "oprd", "xcomp"})
#: How far (in tokens) a negator reaches forward to flip a rating, as in VADER.
NEGATION_REACH = 3

Features = dict[str, float]


@cache
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
    return _flipped_ratings([t.lower_ for t in sentence],
                            [t.lemma_.lower() for t in sentence], lexicon)


def _flipped_ratings(words: list[str], lemmas: list[str], lexicon: ToneLexicon) -> list[float]:
    ratings, last_negator = [], -100
    for index, (word, lemma) in enumerate(zip(words, lemmas, strict=True)):
        rating = lexicon.word_rating(word, lemma)
        if rating and index - last_negator <= NEGATION_REACH:
            rating = -rating
        if lexicon.word_negates(word):
            last_negator = index
        ratings.append(rating)
    return ratings


@dataclass
class SentenceReading:
    """What every target in one sentence shares, read off the parse once: per token (by
    position in the sentence) its lowercase form and lemma, whether the features skip it
    (space, punctuation), its character extent, its head (document index), its rating, and
    how many quotation marks precede it. The stage reads each sentence once for all its
    mentions; the features are the same as when each mention reads the sentence itself."""

    sentence: SpacySpan
    words: list[str]
    lemmas: list[str]
    skipped: list[bool]
    spaces: list[bool]
    starts: list[int]
    ends: list[int]
    heads: list[int]
    ratings: list[float]
    marks_before: list[int]
    subtrees: dict[int, list[int]] = field(default_factory=dict)
    children: list[list[int]] | None = None

    @classmethod
    def of(cls, sentence: SpacySpan, lexicon: ToneLexicon,
           ratings: list[float] | None = None) -> SentenceReading:
        table, first, last = token_table(sentence.doc), sentence.start, sentence.end
        texts, starts = table.texts[first:last], table.starts[first:last]
        words, spaces = table.lowers[first:last], table.blanks[first:last]
        lemmas = [lemma.lower() for lemma in table.lemmas[first:last]]
        skipped = [space or punct
                   for space, punct in zip(spaces, table.puncts[first:last], strict=True)]
        ends = [start + len(text) for start, text in zip(starts, texts, strict=True)]
        heads = table.heads[first:last]
        marks_before, marks = [], 0
        for text in texts:
            marks_before.append(marks)
            marks += sum(char in QUOTE_MARKS for char in text)
        if ratings is None:
            ratings = _flipped_ratings(words, lemmas, lexicon)
        return cls(sentence, words, lemmas, skipped, spaces, starts, ends, heads, ratings,
                   marks_before)

    def subtree(self, head: Token) -> list[int]:
        """Document indices of `head.subtree`, in its order (the children of each token to
        its left, itself, those to its right, each with its own subtree), kept per head."""
        if head.i not in self.subtrees:
            offset = self.sentence.start
            if self.children is None:
                self.children = [[] for _ in self.heads]
                for k, parent in enumerate(self.heads):
                    if parent != k + offset and offset <= parent < offset + len(self.heads):
                        self.children[parent - offset].append(k + offset)
            if offset <= head.i < offset + len(self.heads):
                self.subtrees[head.i] = self._descendants(head.i)
            else:  # a head outside the sentence: ask the parse
                self.subtrees[head.i] = [t.i for t in head.subtree]
        return self.subtrees[head.i]

    def _descendants(self, node: int) -> list[int]:
        found: list[int] = []
        children = (self.children or [])[node - self.sentence.start]
        for child in children:
            if child < node:
                found += self._descendants(child)
        found.append(node)
        for child in children:
            if child > node:
                found += self._descendants(child)
        return found

    def root(self, start: int, end: int) -> int:
        """Position of the target's syntactic head, as `target_root`."""
        offset = self.sentence.start
        return next((k for k in range(start, end)
                     if not start <= self.heads[k] - offset < end), start)


def target_root(sentence: SpacySpan, start: int, end: int) -> Token:
    """The target's syntactic head: its token whose head lies outside it."""
    tokens = sentence[start:end]
    return next((t for t in tokens if not start <= t.head.i - sentence.start < end), tokens[0])


def _add_words(features: Features, reading: SentenceReading, start: int, end: int) -> None:
    words, lemmas, ratings = reading.words, reading.lemmas, reading.ratings
    for index, skipped in enumerate(reading.skipped):
        if skipped:
            continue
        word = words[index]
        if start <= index < end:
            features[f"T:{word}"] += 1
            continue
        distance = index - start if index < start else index - end + 1
        side = bucket(distance)
        features[f"S:{word}"] += 1
        if abs(distance) <= 7:
            features[f"{side}:{word}"] += 1
            features[f"{side[0]}:{lemmas[index]}"] += 1 / abs(distance)
        if ratings[index]:
            features[f"v{side}"] += ratings[index] / 4
            features["vnear"] += ratings[index] / (4 * abs(distance))
            features["vpos" if ratings[index] > 0 else "vneg"] += 1 / abs(distance)


def _add_syntax(features: Features, reading: SentenceReading, start: int, end: int) -> None:
    # A token's head, children and subtree lie in its own sentence: no bounds to check. spaCy
    # makes a new Token object at each access: tokens are compared by position, never by `is`.
    sentence, ratings, offset = reading.sentence, reading.ratings, reading.sentence.start
    root = sentence[reading.root(start, end)]
    features[f"dep:{root.dep_}"] += 1
    # a conjunct shares the role of the first one ("the mayor and her deputy were praised")
    anchor = root
    while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
        anchor = anchor.head
    if anchor.head.i == anchor.i:  # the target heads its sentence: the sentence is its clause
        under = sum(r for k, r in enumerate(ratings) if not start <= k < end) / 4
        features["vunder"] += under
        features[f"vunder:{anchor.dep_}"] += under
    else:
        _add_head(features, reading, start, end, anchor)
    for child in root.children:
        if not start <= child.i - offset < end:
            features[f"child:{child.dep_}:{child.lemma_.lower()}"] += 1
            features["vchild"] += ratings[child.i - offset] / 4


def _add_head(features: Features, reading: SentenceReading, start: int, end: int,
              anchor: Token) -> None:
    """What the target's head says of it: its lemma and rating by the target's relation, the
    ratings under the head and outside it, a subject's predicate, a preposition's governor."""
    ratings, offset, head = reading.ratings, reading.sentence.start, anchor.head
    role, lemma = anchor.dep_, head.lemma_.lower()
    features[f"head:{lemma}"] += 1
    features[f"{role}>{lemma}"] += 1
    head_rating = ratings[head.i - offset] / 4
    features["vhead"] += head_rating
    features[f"vhead:{role}"] += head_rating
    if head.head.i != head.i:
        features[f"head2:{head.head.lemma_.lower()}"] += 1
        if role == "pobj":  # "support for X", "a protest against X", by preposition
            features[f"vprep:{lemma}"] += ratings[head.head.i - offset] / 4
    clause = [i - offset for i in reading.subtree(head)]
    under = [ratings[k] for k in clause if not start <= k < end]
    features["vunder"] += sum(under) / 4
    features[f"vunder:{role}"] += sum(under) / 4
    inside = set(clause)
    features["vout"] += sum(r for k, r in enumerate(ratings) if k not in inside) / 4
    if role.startswith("nsubj"):
        features["vpred"] += sum(ratings[i - offset] for child in head.children
                                 if child.dep_ in PREDICATE_DEPS
                                 for i in reading.subtree(child)) / 4
        if lemma in SPEECH_LEMMAS:
            features["speaker"] += 1


def mention_features(sentence: SpacySpan, start: int, end: int, lexicon: ToneLexicon,
                     compound: float | None = None,
                     ratings: list[float] | None = None,
                     reading: SentenceReading | None = None) -> Features:
    """The features of the target at token positions [start, end) of `sentence` (`ratings`:
    the sentence's `sentence_ratings`, and `reading`: its `SentenceReading`, when already
    at hand)."""
    features: Features = defaultdict(float)
    if reading is None:
        reading = SentenceReading.of(sentence, lexicon, ratings)
    _add_words(features, reading, start, end)
    _add_syntax(features, reading, start, end)
    if reading.marks_before[start] % 2 == 1:
        features["in_quote"] += 1
    if compound is None:
        compound = lexicon.compound(sentence.text)
    features["compound"] = compound
    features["compound_pos" if compound >= 0.05 else
             "compound_neg" if compound <= -0.05 else "compound_neu"] = 1.0
    return features


def token_range(sentence: SpacySpan, start_char: int, end_char: int,
                reading: SentenceReading | None = None) -> tuple[int, int] | None:
    """Token positions within `sentence` covering the characters [start_char, end_char)."""
    if reading is None:
        inside = [t.i - sentence.start for t in sentence
                  if t.idx < end_char and t.idx + len(t.text) > start_char and not t.is_space]
    else:
        inside = [k for k, (begin, finish, space) in enumerate(
            zip(reading.starts, reading.ends, reading.spaces, strict=True))
            if begin < end_char and finish > start_char and not space]
    return (inside[0], inside[-1] + 1) if inside else None
