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
from functools import cache, cached_property
from itertools import accumulate, chain
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
        lemmas = table.folded_lemmas[first:last]
        skipped = [space or punct
                   for space, punct in zip(spaces, table.puncts[first:last], strict=True)]
        ends = [start + len(text) for start, text in zip(starts, texts, strict=True)]
        heads = table.heads[first:last]
        marks = [0 if QUOTE_MARKS.isdisjoint(text) else sum(char in QUOTE_MARKS for char in text)
                 for text in texts]
        marks_before = list(accumulate(marks, initial=0))[:-1]
        if ratings is None:
            ratings = _flipped_ratings(words, lemmas, lexicon)
        return cls(sentence, words, lemmas, skipped, spaces, starts, ends, heads, ratings,
                   marks_before)

    @cached_property
    def kept(self) -> list[int]:
        """Positions of the tokens the word features read (not space, not punctuation)."""
        return [k for k, skipped in enumerate(self.skipped) if not skipped]

    @cached_property
    def rated(self) -> list[tuple[int, float]]:
        """(position, rating) of the tokens with a rating other than zero, in order."""
        return [(k, rating) for k, rating in enumerate(self.ratings) if rating]

    @cached_property
    def closed(self) -> bool:
        """Whether every token's head lies in the sentence (so are its children)."""
        first, last = self.sentence.start, self.sentence.end
        return all(first <= head < last for head in self.heads)

    def children_of(self, index: int) -> list[int]:
        """Document indices of the children of the token at document index `index`, in
        order (`Token.children`)."""
        offset = self.sentence.start
        if self.closed and offset <= index < offset + len(self.heads):
            return self._children()[index - offset]
        return [child.i for child in self.sentence.doc[index].children]

    def _children(self) -> list[list[int]]:
        if self.children is None:
            offset = self.sentence.start
            self.children = [[] for _ in self.heads]
            for k, parent in enumerate(self.heads):
                if parent != k + offset and offset <= parent < offset + len(self.heads):
                    self.children[parent - offset].append(k + offset)
        return self.children

    def subtree(self, head: Token) -> list[int]:
        """Document indices of `head.subtree`, in its order (the children of each token to
        its left, itself, those to its right, each with its own subtree), kept per head."""
        return self.subtree_at(head.i)

    def subtree_at(self, index: int) -> list[int]:
        """`subtree` of the token at document index `index`."""
        found = self.subtrees.get(index)
        if found is None:
            offset = self.sentence.start
            if offset <= index < offset + len(self.heads):
                self._children()
                found = self._descendants(index)
            else:  # a head outside the sentence: ask the parse
                found = [t.i for t in self.sentence.doc[index].subtree]
            self.subtrees[index] = found
        return found

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


#: `1 / distance` for the distances the word features weigh (index 0 unused).
_INVERSE = [0.0] + [1 / steps for steps in range(1, 512)]


def _inverse(steps: int) -> float:
    return _INVERSE[steps] if steps < len(_INVERSE) else 1 / steps


def _add_words(features: Features, reading: SentenceReading, start: int, end: int) -> None:
    """The context words by side and distance, the sentence's and the target's words, and
    the context's ratings; token by token in sentence order."""
    words, lemmas, ratings = reading.words, reading.lemmas, reading.ratings
    for index in reading.kept:
        word = words[index]
        if index < start:
            distance, steps = index - start, start - index
        elif index < end:
            features[f"T:{word}"] += 1
            continue
        else:
            distance = steps = index - end + 1
        side = bucket(distance)
        features[f"S:{word}"] += 1
        if steps <= 7:
            features[f"{side}:{word}"] += 1
            features[f"{side[0]}:{lemmas[index]}"] += _INVERSE[steps]
        rating = ratings[index]
        if rating:
            features[f"v{side}"] += rating / 4
            features["vnear"] += rating / (4 * steps)
            features["vpos" if rating > 0 else "vneg"] += _inverse(steps)


def _add_syntax(features: Features, reading: SentenceReading, start: int, end: int) -> None:
    # Tokens by document index, read from the shared token table (a `Token` per access is
    # what made this slow); the sentence's lists are indexed by index - offset as before.
    table, ratings, offset = token_table(reading.sentence.doc), reading.ratings, \
        reading.sentence.start
    heads, deps, lemmas = table.heads, table.deps, table.folded_lemmas
    root = reading.root(start, end) + offset
    features[f"dep:{deps[root]}"] += 1
    # a conjunct shares the role of the first one ("the mayor and her deputy were praised")
    anchor = root
    while deps[anchor] == "conj" and heads[anchor] != anchor:
        anchor = heads[anchor]
    if heads[anchor] == anchor:  # the target heads its sentence: the sentence is its clause
        under = sum(chain(ratings[:start], ratings[end:])) / 4
        features["vunder"] += under
        features[f"vunder:{deps[anchor]}"] += under
    else:
        _add_head(features, reading, start, end, anchor)
    for child in reading.children_of(root):
        if not start <= child - offset < end:
            features[f"child:{deps[child]}:{lemmas[child]}"] += 1
            features["vchild"] += ratings[child - offset] / 4


def _add_head(features: Features, reading: SentenceReading, start: int, end: int,
              anchor: int) -> None:
    """What the target's head says of it: its lemma and rating by the target's relation, the
    ratings under the head and outside it, a subject's predicate, a preposition's governor
    (`anchor`: the document index of the token whose head is read)."""
    table, ratings, offset = token_table(reading.sentence.doc), reading.ratings, \
        reading.sentence.start
    heads, deps, lemmas = table.heads, table.deps, table.folded_lemmas
    head = heads[anchor]
    role, lemma = deps[anchor], lemmas[head]
    features[f"head:{lemma}"] += 1
    features[f"{role}>{lemma}"] += 1
    head_rating = ratings[head - offset] / 4
    features["vhead"] += head_rating
    features[f"vhead:{role}"] += head_rating
    if heads[head] != head:
        features[f"head2:{lemmas[heads[head]]}"] += 1
        if role == "pobj":  # "support for X", "a protest against X", by preposition
            features[f"vprep:{lemma}"] += ratings[heads[head] - offset] / 4
    clause = [i - offset for i in reading.subtree_at(head)]
    under = sum([ratings[k] for k in clause if not start <= k < end]) / 4
    features["vunder"] += under
    features[f"vunder:{role}"] += under
    inside = set(clause)
    # the rated tokens only: adding a zero rating leaves a float sum as it was
    features["vout"] += sum(r for k, r in reading.rated if k not in inside) / 4
    if role.startswith("nsubj"):
        features["vpred"] += sum(ratings[i - offset] for child in reading.children_of(head)
                                 if deps[child] in PREDICATE_DEPS
                                 for i in reading.subtree_at(child)) / 4
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
