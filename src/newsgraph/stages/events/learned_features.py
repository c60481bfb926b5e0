"""Features of candidate event triggers for the learned event model (`learned`).

A candidate is a content verb or noun of a sentence ("criticized", "praise", "talks"). Its
features are generic and named: the word and its lemma, its place in the parse, whether it
introduces someone's words (the quotes stage's cue) or stands inside them, the kinds of its
subject and object, negation and modals, the content words of the clause it governs and the
VADER ratings among them (blame and praise are often told with a neutral verb over a rated
clause), and the static word vectors the portrayal reader ships (words it never saw as triggers
sit near words it did). Nothing here names a particular event, party or phrase.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from newsgraph.model import Quote

Features = dict[str, float]

#: Parts of speech that may name an event.
CANDIDATE_POS = frozenset({"VERB", "NOUN"})
#: Content words read in a candidate's clause.
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN"})
#: Entity kinds that can be parties to an event (people, groups, bodies, places that act).
PARTY_KINDS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
#: At most this many clause words are read.
CLAUSE_WORDS = 40


@dataclass(frozen=True)
class WordVectors:
    """Lowercase word -> row of a static vector table (the portrayal reader's words)."""

    index: Mapping[str, int]
    vectors: np.ndarray

    def row(self, token: Token) -> int | None:
        row = self.index.get(token.lower_)
        return self.index.get(token.lemma_.lower()) if row is None else row

    def of(self, token: Token) -> np.ndarray | None:
        row = self.row(token)
        return None if row is None else self.vectors[row]


def is_candidate(token: Token) -> bool:
    """A content verb or common noun outside a name, of at least three letters."""
    return token.pos_ in CANDIDATE_POS and token.is_alpha and len(token.text) > 2 and \
        token.ent_type_ not in PARTY_KINDS and not token.is_stop


def candidates(sentence: SpacySpan) -> list[Token]:
    """The candidate triggers of a sentence, in text order."""
    return [token for token in sentence if is_candidate(token)]


def party_kind(token: Token | None) -> str:
    """What kind of word heads an argument: an entity kind, a pronoun, a noun, or none."""
    if token is None:
        return "none"
    if token.ent_type_:
        return token.ent_type_
    if token.pos_ == "PRON":
        return "PRON"
    return token.pos_


def quote_role(token: Token, quotes: Sequence[Quote]) -> tuple[str, ...]:
    """How a token stands to the quotes: the cue of a direct or reported quote (and whether
    its speaker was found), or a word inside one."""
    start = token.idx
    roles: list[str] = []
    for quote in quotes:
        kind = "direct" if quote.direct else "reported"
        if quote.cue is not None and quote.cue.start <= start < quote.cue.end:
            roles += ["cue", f"cue_{kind}", "cue_speaker" if quote.speaker else "cue_nobody"]
        elif quote.start <= start < quote.end:
            roles += ["inside", f"inside_{kind}"]
    return tuple(dict.fromkeys(roles))


def content_words(sentence: SpacySpan) -> list[Token]:
    """The content words of a sentence, in text order."""
    return [t for t in sentence if t.pos_ in CONTENT_POS]


def clause_words(token: Token, content: list[Token] | None = None) -> list[Token]:
    """The content words the candidate governs, in its sentence, nearest first (`content`:
    the sentence's `content_words`, when already found). A parse is projective: the words a
    token governs lie between its left and right edge."""
    if content is None:
        content = content_words(token.sent)
    first, last, at = token.left_edge.i, token.right_edge.i, token.i
    words = [t for t in content if first <= t.i <= last and t.i != at]
    words.sort(key=lambda t: abs(t.i - at))
    return words[:CLAUSE_WORDS]


def candidate_rows(tokens: Sequence[Token], quotes: Sequence[Quote],
                   rating: Mapping[str, float] | None, vectors: WordVectors | None,
                   content: list[Token] | None = None
                   ) -> tuple[list[Features], np.ndarray | None]:
    """The named features of each candidate and, with `vectors`, the dense rows of
    `vector_features` (one matrix). `content`: the `content_words` of the sentence all the
    candidates are in, when so."""

    # each content word is rated and looked up once, however many candidates govern it
    rated = None if rating is None or content is None else {
        t.i: _rating(rating, t) for t in content}
    named, clauses = [], []
    for token in tokens:
        words = clause_words(token, content)
        named.append(candidate_features(token, quotes, rating, words, rated))
        clauses.append(words)
    if vectors is None:
        return named, None
    return named, vector_rows(tokens, clauses, vectors)


def vector_rows(tokens: Sequence[Token], clauses: Sequence[list[Token]],
                vectors: WordVectors) -> np.ndarray:
    """`vector_features` of many candidates at once (their clause words given): one matrix
    product for the clause sums instead of one mean per candidate."""
    import numpy as np

    width = vectors.vectors.shape[1]
    found = np.zeros((len(tokens), 2 * width))
    own = [(n, row) for n, row in enumerate(vectors.row(t) for t in tokens) if row is not None]
    if own:
        at, rows = zip(*own, strict=True)
        found[list(at), :width] = vectors.vectors[list(rows)]
    column: dict[int, int] = {}
    table_rows: list[int] = []
    pairs: list[tuple[int, int]] = []
    for n, words in enumerate(clauses):
        for word in words:
            if word.i not in column:
                row = vectors.row(word)
                column[word.i] = -1 if row is None else len(table_rows)
                if row is not None:
                    table_rows.append(row)
            if column[word.i] >= 0:
                pairs.append((n, column[word.i]))
    if pairs:
        member = np.zeros((len(tokens), len(table_rows)))
        member[tuple(np.array(pairs).T)] = 1.0
        found[:, width:] = member @ vectors.vectors[table_rows]
    for part in (slice(0, width), slice(width, 2 * width)):
        norms = np.sqrt((found[:, part] ** 2).sum(axis=1, keepdims=True))
        found[:, part] /= np.where(norms > 0, norms, 1.0)
    return found


def candidate_features(token: Token, quotes: Sequence[Quote],
                       rating: Mapping[str, float] | None = None,
                       words: list[Token] | None = None,
                       rated: Mapping[int, float] | None = None) -> Features:
    """The named features of one candidate trigger. `rating` maps lowercase words (and
    lemmas) to VADER ratings; `words` are its `clause_words` when already found, `rated`
    their ratings by token index."""
    lemma = token.lemma_.lower()
    features: Features = {
        f"lemma={lemma}": 1.0, f"word={token.lower_}": 1.0, f"pos={token.pos_}": 1.0,
        f"tag={token.tag_}": 1.0, f"dep={token.dep_}": 1.0, f"lemma_dep={lemma}|{token.dep_}": 1.0,
        f"head={token.head.lemma_.lower()}": 1.0 if token.head.i != token.i else 0.0,
    }
    subject = obj = None
    for child in token.children:
        dep = child.dep_
        features[f"child={dep}"] = 1.0
        if dep in {"nsubj", "nsubjpass"}:
            subject = child
        elif dep in {"dobj", "attr"}:
            obj = child
        elif dep == "neg":
            features["negated"] = 1.0
        elif dep in {"aux", "auxpass"} and child.tag_ == "MD":
            features[f"modal={child.lower_}"] = 1.0
        elif dep == "prep":
            features[f"prep={child.lower_}"] = 1.0
            features[f"lemma_prep={lemma}|{child.lower_}"] = 1.0
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            features[f"prep_kind={child.lower_}|{party_kind(pobj)}"] = 1.0
    features[f"subject={party_kind(subject)}"] = 1.0
    features[f"object={party_kind(obj)}"] = 1.0
    if token.pos_ == "NOUN":
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        features[f"owner={party_kind(owner)}"] = 1.0
    for role in quote_role(token, quotes):
        features[f"quote={role}"] = 1.0
        features[f"lemma_quote={lemma}|{role}"] = 1.0
    if words is None:
        words = clause_words(token)
    if words:
        share = 1.0 / len(words) ** 0.5
        for word in words:
            name = f"clause={word.lemma_.lower()}"
            features[name] = features.get(name, 0.0) + share
    if rating is not None:
        own = rating.get(token.lower_) or rating.get(lemma, 0.0)
        features["own_rating"] = own / 4
        found = [rated[w.i] for w in words] if rated is not None else [
            _rating(rating, w) for w in words]
        negative = sum(-r for r in found if r < 0)
        positive = sum(r for r in found if r > 0)
        features["clause_negative"] = min(negative, 8.0) / 4
        features["clause_positive"] = min(positive, 8.0) / 4
    return {name: value for name, value in features.items() if value}


def _rating(rating: Mapping[str, float], token: Token) -> float:
    return rating.get(token.lower_) or rating.get(token.lemma_.lower(), 0.0)


def vector_features(token: Token, words: list[Token], vectors: WordVectors,
                    rows: Mapping[int, int | None] | None = None) -> np.ndarray:
    """The candidate's own static vector and the mean vector of its clause words, each scaled
    to unit length (zeros for a word or clause the table lacks), end to end. `rows`: the
    words' table rows by token index, when already looked up."""
    import numpy as np

    width = vectors.vectors.shape[1]
    found = np.zeros(2 * width)
    own = vectors.of(token)
    if own is not None:
        found[:width] = own / (float(np.sqrt(own @ own)) or 1.0)
    kept = [row for row in ((rows[w.i] if rows is not None else vectors.row(w)) for w in words)
            if row is not None]
    if kept:
        total = vectors.vectors[kept].sum(axis=0)
        found[width:] = total / (float(np.sqrt(total @ total)) or 1.0)
    return found


def trigger_labels(tokens: Sequence[Token], events: Sequence[Mapping]) -> list[str]:
    """The gold label of each candidate: the type of an annotated event whose trigger span
    holds the candidate (of several candidates in one trigger, the one whose head lies outside
    it, else the first), else "none"."""
    labels = ["none"] * len(tokens)
    for event in events:
        inside = [n for n, t in enumerate(tokens)
                  if event["start"] <= t.idx < event["end"]]
        if not inside:
            continue
        heads = [n for n in inside
                 if not event["start"] <= tokens[n].head.idx < event["end"]
                 or tokens[n].head.i == tokens[n].i]
        labels[(heads or inside)[0]] = event["type"]
    return labels
