"""Story clusters: articles about the same happening, published within a few days.

Two articles are linked when they are published at most `window` days apart and one of:
- their texts are near-identical (estimated Jaccard of word 3-gram shingles, MinHash, at
  least `TEXT_SAME`): copies, re-crawls, syndicated wire reports;
- their texts overlap somewhat (`TEXT_SOME`) and they share at least `MIN_SHARED` linked
  entities or places, with entity Jaccard at least `ENTITY_SAME`;
- they are about the same thing (`newsgraph.link.terms`): the cosine of their weighted
  terms (content words by rarity in the store, headline words boosted, entities, happening
  keys) is at least `SIMILAR`; or they name the same happening on the same day ("Monday's
  debate"), it is the main happening of both (its noun the heaviest of the happenings among
  their `SALIENT_TERMS` heaviest terms), and their cosine is at least `HAPPENING_SIMILAR`;
  or the same named event ("the Harbour Summit", "the second debate", "the Quayside
  shooting", `newsgraph.link.terms.named_events`) is what both are mainly about
  (`main_events`): the pieces of a summit, a convention or an attack are each about one
  part of it (a speech, the gunman, the reactions) in other words;
- or each is the other's most similar article in the window, at most `NEAREST_DAYS` apart,
  with a cosine of at least `NEAREST_SIMILAR` (`Nearest`): two outlets' reports of one
  happening are each other's closest match even when they share fewer words than
  `SIMILAR` asks, while an article that is only near a story is nearer to another article.
Stories are the connected components (union-find, so the result does not depend on the
input order); a story's id is its earliest article's id prefixed with `s`.

`linked_pairs` can check only the pairs that involve some articles (`relink`): that is how
`newsgraph.link.build` adds new articles to the stored stories without clustering again.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from newsgraph.ingest.dedup import empty_minhash, minhash
from newsgraph.link.terms import (
    LEAD_BOOST,
    TermWeights,
    article_terms,
    cosine,
    event_nouns,
    lead_words,
    named_events,
    proposing_terms,
    sublinear,
    words,
)
from newsgraph.store import schema
from newsgraph.store.keys import select_in
from newsgraph.store.linked import story_coverage

if TYPE_CHECKING:
    from datasketch import MinHash

    from newsgraph.store import Store

#: Bump when the rule below changes: stored stories are then clustered again in full.
STORIES_VERSION = 12
WINDOW_DAYS = 3
SHINGLE = 3
NUM_PERM = 128
TEXT_SAME = 0.5
TEXT_SOME = 0.1
ENTITY_SAME = 0.3
MIN_SHARED = 2
#: Cosine of the weighted terms from which two articles are one story (tuned on the
#: hand-clustered PolNeAR window of 2016-09, checked on our own of 2016-08).
SIMILAR = 0.15
#: Cosine enough for two articles that name the same happening on the same day (.05 until
#: the dates stage placed "Monday's debate" right: more articles then share one key, which
#: weighs less, and a fact-check of the debate fell to .0499; .035-.045 give the same
#: stories on the tuning window).
HAPPENING_SIMILAR = 0.04
#: ... when the happening's noun is among this many heaviest terms of both, and the heaviest
#: happening there: an article that names a happening only in passing, or as one item of a
#: round-up, is not part of its story.
SALIENT_TERMS = 100
#: Two articles whose main named event is the same ("the Harbour Summit", the main one of
#: those whose noun is among their `EVENT_TERMS` heaviest terms or in the headline) are one
#: story from this cosine: a summit's or a convention's pieces are each about one part of
#: it and share few words.
EVENT_SIMILAR = 0.0
EVENT_TERMS = 100
#: Two articles at most `NEAREST_DAYS` apart, each the other's most similar article in the
#: window (among those found by a shared text, heavy term, happening or named event), are
#: one story from this cosine: two outlets' reports of one happening are each other's
#: closest match even when their words overlap less than `SIMILAR` asks (tuned on our
#: windows of 2016-05 to 07, checked on the 2016-04, 08 and 09 ones).
NEAREST_SIMILAR = 0.10
NEAREST_DAYS = 1
#: Entities in more articles than this within one window are too common to propose pairs.
MAX_POSTINGS = 50
TOP_ENTITIES = 5


@dataclass
class StoryDoc:
    """One article as clustering sees it."""

    id: str
    day: date
    text: str
    title: str | None = None
    entities: frozenset[str] = field(default_factory=frozenset)
    """Linked entity keys (`TYPE:canonical`) and place keys (`place:…`)."""
    signature: bytes | None = None
    """MinHash of the text (`NUM_PERM` little-endian uint32), filled in when first needed."""
    happenings: frozenset[str] = field(default_factory=frozenset)
    """Happening keys (`H:noun@day`, `newsgraph.link.terms.happening_keys`)."""
    words: Counter[str] | None = None
    """Content word counts (`article_terms`), from `text` and `title` when first needed, the
    lead's words counted `LEAD_BOOST` more."""
    lead: frozenset[str] = field(default_factory=frozenset, repr=False, compare=False)
    """The content words of the lead (`lead_words`), filled in with `words`."""
    vector: dict[str, float] | None = field(default=None, repr=False)
    salient: frozenset[str] = field(default_factory=frozenset, repr=False, compare=False)
    """The article's main happenings: of the happenings whose noun is among the
    `SALIENT_TERMS` heaviest terms of `vector`, those with the heaviest noun (a round-up
    naming several happenings belongs to the story of the one it weighs most)."""
    hashes: Any = field(default=None, repr=False, compare=False)
    """`signature` as a numpy array (compared once per pair that needs it)."""
    events: Counter[str] | None = field(default=None, repr=False, compare=False)
    """Named events (`newsgraph.link.terms.named_events`) of the headline and text, counted,
    filled in when first needed."""
    main_events: frozenset[str] = field(default_factory=frozenset, repr=False, compare=False)
    """The named events the article is mainly about (`main_events`)."""

    def word_counts(self) -> Counter[str]:
        if self.words is None:
            self.words = article_terms(self.text, self.title)
            self.lead = lead_words(self.text)
            for word in self.lead:
                self.words[word] += LEAD_BOOST
        return self.words

    def plain_weight(self, word: str, weights: TermWeights) -> float:
        """The weight of a word of the text without the lead's extra count (not normalised)."""
        assert self.words is not None
        count = self.words[word] - (LEAD_BOOST if word in self.lead else 0)
        return sublinear(count) * weights.idf(word) if count > 0 else 0.0

    def named_events(self) -> Counter[str]:
        if self.events is None:
            self.events = named_events(f"{self.title or ''}\n{self.text}")
        return self.events

    def terms(self) -> set[str]:
        """Distinct terms, as counted for the document frequencies."""
        return {*self.word_counts(), *(f"E:{key}" for key in self.entities), *self.happenings}

    def weighted(self, weights: TermWeights) -> dict[str, float]:
        if self.vector is None:
            self.vector = weights.vector(
                self.word_counts(), [*(f"E:{key}" for key in self.entities), *self.happenings])
            self.salient = main_happenings(
                self.vector, self.happenings, lambda noun: self.plain_weight(noun, weights))
            self.main_events = main_events(self.vector, self.named_events(), self.title)
        return self.vector

    def signature_array(self) -> Any:
        """`signature` as a numpy array of `NUM_PERM` hash values (signed now if need be)."""
        if self.hashes is None:
            import numpy as np

            if self.signature is None:
                _minhash(self)
            self.hashes = np.frombuffer(self.signature, "<u4")  # type: ignore[arg-type]
        return self.hashes



def _noun(key: str) -> str:
    """The noun of a happening key (`H:noun@day`)."""
    return key[2:].split("@", 1)[0]


def main_happenings(vector: Mapping[str, float], happenings: Iterable[str],
                    weight: Callable[[str], float] | None = None) -> frozenset[str]:
    """The happenings (any day) whose noun is the heaviest of those among the
    `SALIENT_TERMS` heaviest terms of `vector` (heaviest first) by `weight` (default: the
    noun's weight in `vector`): none when every happening is named only in passing."""
    heaviest = set(islice(vector, SALIENT_TERMS))
    salient = [key for key in happenings if _noun(key) in heaviest]
    if not salient:
        return frozenset()
    weigh = weight or vector.__getitem__
    main = max(weigh(_noun(key)) for key in salient)
    return frozenset(key for key in salient if weigh(_noun(key)) == main)


def main_events(vector: Mapping[str, float], events: Mapping[str, int], title: str | None
                ) -> frozenset[str]:
    """The most often named of the named events that are salient: named in the headline
    (its modifier and noun both there), or their noun among the `EVENT_TERMS` heaviest
    terms of `vector` (heaviest first). None when every one is named only in passing."""
    heaviest = set(islice(vector, EVENT_TERMS))
    headline = set(words(title or ""))
    salient = {}
    for key, count in events.items():
        modifier, noun = key[2:].rsplit(" ", 1)
        nouns = set(event_nouns(noun))
        if nouns & heaviest or (set(modifier.split()) <= headline and nouns & headline):
            salient[key] = count
    if not salient:
        return frozenset()
    most = max(salient.values())
    return frozenset(key for key, count in salient.items() if count == most)


def link_params() -> str:
    """Everything but the window that stored stories and signatures depend on; a change
    (a new rule, thresholds, MinHash scheme) makes the next link a full one."""
    from importlib.metadata import version

    from newsgraph.link import terms

    return (f"stories.v{STORIES_VERSION} shingle={SHINGLE} perm={NUM_PERM} "
            f"datasketch={version('datasketch')} "
            f"same={TEXT_SAME} some={TEXT_SOME} entity={ENTITY_SAME} shared={MIN_SHARED} "
            f"postings={MAX_POSTINGS} similar={SIMILAR} happening={HAPPENING_SIMILAR} "
            f"salient={SALIENT_TERMS} event={EVENT_SIMILAR} event_terms={EVENT_TERMS} "
            f"nearest={NEAREST_SIMILAR}x{NEAREST_DAYS} "
            f"title={terms.TITLE_BOOST} lead={terms.LEAD_BOOST}x{terms.LEAD_WORDS} "
            f"vector={terms.VECTOR_TERMS} "
            f"propose={terms.PROPOSE_TERMS} kept_df={terms.MIN_KEPT_DF}")


def _minhash(doc: StoryDoc) -> MinHash:
    """The doc's MinHash: from its cached signature, else hashed now (and cached on it)."""
    template = empty_minhash(NUM_PERM)
    if doc.signature is None:
        signature = minhash(doc.text, NUM_PERM, SHINGLE)
        doc.signature = signature.hashvalues.astype("<u4").tobytes()
        return signature
    import numpy as np
    from datasketch import LeanMinHash

    extra = {"scheme": template.scheme} if hasattr(template, "scheme") else {}
    return LeanMinHash(seed=template.seed, hashvalues=np.frombuffer(doc.signature, "<u4"),
                       **extra)


class _Window:
    """The weighted vectors of the articles in the window as arrays over one vocabulary, so
    that an article is compared with all its candidates at once.

    A cosine is summed over the candidate's terms in its vector's order (heaviest first,
    ties by term): the same pair gives the same bits in every run and process."""

    def __init__(self, weights: TermWeights) -> None:
        import numpy as np

        self.np = np
        self.weights = weights
        self.vocabulary: dict[str, int] = {}
        self.rows: dict[str, tuple[Any, Any]] = {}
        self.dense = np.zeros(4096)

    def row(self, doc: StoryDoc) -> tuple[Any, Any]:
        found = self.rows.get(doc.id)
        if found is None:
            vector, vocabulary, np = doc.weighted(self.weights), self.vocabulary, self.np
            ids = np.fromiter((vocabulary.setdefault(term, len(vocabulary)) for term in vector),
                              dtype=np.int64, count=len(vector))
            found = self.rows[doc.id] = (ids, np.fromiter(vector.values(), dtype=np.float64,
                                                          count=len(vector)))
        return found

    def forget(self, doc_id: str) -> None:
        self.rows.pop(doc_id, None)

    def text_similarities(self, doc: StoryDoc, others: list[StoryDoc]) -> Any:
        """The estimated Jaccard similarity of `doc`'s shingles with each of `others'`: the
        share of places where their MinHash signatures agree (as `datasketch` counts)."""
        if not others:
            return self.np.zeros(0)
        agree = self.np.count_nonzero(
            self.np.stack([other.signature_array() for other in others])
            == doc.signature_array(), axis=1)
        return agree / NUM_PERM

    def cosines(self, doc: StoryDoc, others: list[StoryDoc], count: int) -> Any:
        """The cosine of `doc`'s weighted terms with each of the first `count` of `others`
        (0.0 for the rest)."""
        np = self.np
        ids, weights = self.row(doc)
        rows = [self.row(other) for other in others[:count]]
        sized = [n for n, (other_ids, _) in enumerate(rows) if len(other_ids)]
        found = np.zeros(len(others))
        if not sized or not len(ids):
            return found
        if len(self.vocabulary) > len(self.dense):
            self.dense = np.zeros(2 * len(self.vocabulary))
        self.dense[ids] = weights
        products = (self.dense[np.concatenate([rows[n][0] for n in sized])]
                    * np.concatenate([rows[n][1] for n in sized]))
        self.dense[ids] = 0.0
        starts = np.cumsum([0] + [len(rows[n][0]) for n in sized[:-1]])
        found[sized] = np.add.reduceat(products, starts)
        return found


def digest(doc: StoryDoc) -> StoryDoc:
    """Compute the doc's MinHash signature, word counts and named events now, then let its
    text go."""
    if doc.signature is None:
        _minhash(doc)
    doc.word_counts()
    doc.named_events()
    doc.text = ""
    return doc


def prepare(doc: StoryDoc, weights: TermWeights) -> StoryDoc:
    """`digest` the doc and weigh its terms, then let its word counts go too (what
    clustering keeps of each of many articles)."""
    digest(doc).weighted(weights)
    doc.words = None
    return doc


def _linked(a: StoryDoc, b: StoryDoc, similarity: float, text_sim: float) -> bool:
    """Whether two articles are one story, from the cosine of their weighted terms, their
    MinHash Jaccard and their entities and happenings."""
    if text_sim >= TEXT_SAME or similarity >= SIMILAR:
        return True
    shared = len(a.entities & b.entities)
    if (text_sim >= TEXT_SOME and shared >= MIN_SHARED
            and shared / len(a.entities | b.entities) >= ENTITY_SAME):
        return True
    if similarity >= HAPPENING_SIMILAR and not a.salient.isdisjoint(b.salient):
        return True
    return similarity >= EVENT_SIMILAR and not a.main_events.isdisjoint(b.main_events)


#: An article's nearest: (cosine, id of the other article).
Best = tuple[float, str]


class Nearest:
    """Each article's most similar candidate (highest cosine, then smallest id) when their
    cosine is at least `NEAREST_SIMILAR`, to find the pairs of articles that are each other's
    nearest (`NEAREST_DAYS` apart at most). A nearer candidate below that cosine could never
    make a pair, so none is kept.

    A full link sees the cosine of every candidate pair. An update sees only the pairs with
    a relinked article: the other articles start from the nearest stored at the last link
    (`held`), which only the relinked articles can beat."""

    def __init__(self, held: Mapping[str, Best] | None = None) -> None:
        self.best: dict[str, Best] = dict(held or {})
        self.docs: dict[str, StoryDoc] = {}

    def _offer(self, doc: StoryDoc, other: StoryDoc, similarity: float) -> None:
        held = self.best.get(doc.id)
        if held is None or similarity > held[0] or (similarity == held[0] and other.id < held[1]):
            self.best[doc.id] = (similarity, other.id)

    def note(self, doc: StoryDoc, others: list[StoryDoc], similarities: Any) -> None:
        """Record the cosines of `doc` with `others` (each pair once, either way round)."""
        for n in (similarities >= NEAREST_SIMILAR).nonzero()[0].tolist():
            other, similarity = others[n], float(similarities[n])
            self.docs[doc.id], self.docs[other.id] = doc, other
            self._offer(doc, other, similarity)
            self._offer(other, doc, similarity)

    def pairs(self, relink: Container[str] | None = None
              ) -> Iterator[tuple[StoryDoc, StoryDoc]]:
        """(earlier, later) pairs of mutual nearest articles at most `NEAREST_DAYS` apart
        (with `relink`, those with an article in it)."""
        for doc_id, (_, other_id) in sorted(self.best.items()):
            if (doc_id < other_id and self.best.get(other_id, (0.0, ""))[1] == doc_id
                    and (relink is None or doc_id in relink or other_id in relink)):
                earlier, later = order([self.docs[doc_id], self.docs[other_id]])
                if (later.day - earlier.day).days <= NEAREST_DAYS:
                    yield earlier, later


def linked_pairs(ordered: list[StoryDoc], window: int = WINDOW_DAYS,
                 relink: Container[str] | None = None,
                 weights: TermWeights | None = None, nearest: Nearest | None = None
                 ) -> Iterator[tuple[StoryDoc, StoryDoc]]:
    """Pairs (earlier, later) of linked articles among `ordered` (sorted by day, then id):
    those of `rule_pairs`, then the pairs of mutual nearest articles (`Nearest`; with
    `relink`, those with an article in it). See `rule_pairs` for the arguments."""
    nearest = Nearest() if nearest is None else nearest
    yield from rule_pairs(ordered, window, relink, weights, nearest)
    yield from nearest.pairs(relink)


#: A link between two articles: their ids, the smaller first.
Edge = tuple[str, str]


def edge(a: str, b: str) -> Edge:
    return (a, b) if a < b else (b, a)


def linked_edges(ordered: list[StoryDoc], window: int = WINDOW_DAYS,
                 relink: Container[str] | None = None,
                 weights: TermWeights | None = None, nearest: Nearest | None = None
                 ) -> dict[Edge, bool]:
    """The pairs of `linked_pairs` as edges, each with whether a pairwise rule joins it
    (`rule_pairs`; else only the mutual nearest rule does). See `rule_pairs` for the
    arguments."""
    nearest = Nearest() if nearest is None else nearest
    edges = {edge(a.id, b.id): True for a, b in rule_pairs(ordered, window, relink, weights,
                                                           nearest)}
    for a, b in nearest.pairs(relink):
        edges.setdefault(edge(a.id, b.id), False)
    return edges


def rule_pairs(ordered: list[StoryDoc], window: int = WINDOW_DAYS,
               relink: Container[str] | None = None,
               weights: TermWeights | None = None, nearest: Nearest | None = None
               ) -> Iterator[tuple[StoryDoc, StoryDoc]]:
    """Pairs (earlier, later) of articles among `ordered` (sorted by day, then id) that a
    rule of `_linked` joins (the pairwise rules: all but the mutual nearest).

    Candidates come from a MinHash LSH index of the texts, from shared entity keys (unless
    `MAX_POSTINGS` earlier articles in the window have the key), from a shared heaviest
    term of two or more fitted articles (`proposing_terms`) and from a shared happening
    key; `_linked` decides. With `relink`, only pairs with at least one article in it are
    checked: the others are known already, and `nearest` must hold the stored nearest of
    the other articles. A later article's candidates depend only on the articles within
    `window` days before it, so `ordered` need only hold the days around the articles in
    `relink`. `weights` (default: fitted on `ordered`) weigh the terms; `nearest` (default:
    a new one) is left holding each article's nearest among its candidates.
    """
    from datasketch import MinHashLSH

    if weights is None:
        weights = TermWeights.fit(doc.terms() for doc in ordered)
    lsh = MinHashLSH(threshold=TEXT_SAME, num_perm=NUM_PERM)
    vectors = _Window(weights)
    nearest = Nearest() if nearest is None else nearest
    indexed: set[str] = set()
    recent: deque[StoryDoc] = deque()
    postings: dict[str, deque[StoryDoc]] = defaultdict(deque)
    topics: dict[str, deque[StoryDoc]] = defaultdict(deque)
    by_id = {doc.id: doc for doc in ordered}
    for doc in ordered:
        cutoff = doc.day - timedelta(days=window)
        while recent and recent[0].day < cutoff:
            old = recent.popleft()
            lsh.remove(old.id)
            indexed.discard(old.id)
            vectors.forget(old.id)
        signature = _minhash(doc)
        candidates = set(lsh.query(signature))
        by_entity: set[str] = set()
        for key in doc.entities:
            posting = postings[key]
            while posting and posting[0].day < cutoff:
                posting.popleft()
            if len(posting) <= MAX_POSTINGS:
                by_entity.update(other.id for other in posting)
            posting.append(doc)
        for term in {*proposing_terms(doc.weighted(weights), weights), *doc.happenings,
                     *doc.main_events}:
            topic = topics[term]
            while topic and topic[0].day < cutoff:
                topic.popleft()
            candidates.update(other.id for other in topic)
            topic.append(doc)
        by_entity -= candidates
        candidates.discard(doc.id)
        by_entity.discard(doc.id)
        # Found by their names alone: one shared name is not worth a cosine.
        compared, named = [by_id[i] for i in sorted(candidates)], []
        for other in (by_id[i] for i in sorted(by_entity)):
            (compared if len(doc.entities & other.entities) >= MIN_SHARED else named
             ).append(other)
        if relink is not None and doc.id not in relink:
            compared = [other for other in compared if other.id in relink]
            named = [other for other in named if other.id in relink]
        others = compared + named
        similarities = vectors.cosines(doc, others, len(compared))
        nearest.note(doc, compared, similarities[:len(compared)])
        text_sims = vectors.text_similarities(doc, others)
        # Only these can pass one of `_linked`'s rules.
        maybe = ((similarities >= min(SIMILAR, HAPPENING_SIMILAR))
                 | (text_sims >= min(TEXT_SAME, TEXT_SOME)))
        if doc.main_events:
            maybe[:len(compared)] |= vectors.np.fromiter(
                (not doc.main_events.isdisjoint(other.main_events) for other in compared),
                dtype=bool, count=len(compared))
        for n in maybe.nonzero()[0].tolist():
            if _linked(doc, others[n], float(similarities[n]), float(text_sims[n])):
                yield others[n], doc
        if doc.id not in indexed:
            lsh.insert(doc.id, signature)
            indexed.add(doc.id)
            recent.append(doc)


def crowding_changes(ordered: list[StoryDoc], before: Mapping[str, frozenset[str] | None],
                     window: int = WINDOW_DAYS) -> set[str]:
    """Unchanged articles whose entity keys cross `MAX_POSTINGS` because others changed.

    `before` gives the earlier keys of the changed articles (None: new). An unchanged
    article whose key had at most `MAX_POSTINGS` earlier articles in its window and now has
    more (or the other way round) may lose (or gain) pairs with unchanged articles, so its
    links must be found again. `ordered` must hold the days from `window`
    before to `window` after each changed article.
    """
    then: dict[str, deque[date]] = defaultdict(deque)
    now: dict[str, deque[date]] = defaultdict(deque)

    def count(posting: deque[date], cutoff: date) -> int:
        while posting and posting[0] < cutoff:
            posting.popleft()
        return len(posting)

    crossed: set[str] = set()
    for doc in ordered:
        cutoff = doc.day - timedelta(days=window)
        if doc.id in before:
            earlier = before[doc.id] or frozenset()
        else:
            earlier = doc.entities
            if any((count(then[key], cutoff) <= MAX_POSTINGS)
                   != (count(now[key], cutoff) <= MAX_POSTINGS) for key in doc.entities):
                crossed.add(doc.id)
        for key in earlier:
            then[key].append(doc.day)
        for key in doc.entities:
            now[key].append(doc.day)
    return crossed


class UnionFind:
    """Disjoint sets of article ids."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        while parent != item:
            grand = self.parent[parent]
            self.parent[item] = grand
            item, parent = parent, grand
        return item

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[str]]:
        """Every set, as a list of ids."""
        found: dict[str, list[str]] = defaultdict(list)
        for item in self.parent:
            found[self.find(item)].append(item)
        return list(found.values())


def order(docs: Iterable[StoryDoc]) -> list[StoryDoc]:
    """Docs by (day, id), the order stories and `linked_pairs` use."""
    return sorted(docs, key=lambda d: (d.day, d.id))


def cluster(docs: Iterable[StoryDoc], window: int = WINDOW_DAYS,
            weights: TermWeights | None = None, nearest: Nearest | None = None,
            edges: dict[Edge, bool] | None = None) -> list[list[StoryDoc]]:
    """Stories of two or more articles, each sorted by (day, id); stories by their first.

    `weights` default to the document frequencies of `docs`; `nearest` (default: a new
    one) is left holding each article's nearest, `edges` (if given) the links found
    (`linked_edges`)."""
    ordered = order(docs)
    sets = UnionFind()
    found = linked_edges(ordered, window, weights=weights, nearest=nearest)
    for a, b in found:
        sets.union(a, b)
    if edges is not None:
        edges.update(found)
    by_id = {doc.id: doc for doc in ordered}
    stories = [order(by_id[i] for i in group) for group in sets.groups() if len(group) > 1]
    return sorted(stories, key=lambda story: (story[0].day, story[0].id))


def central_title(story: list[StoryDoc]) -> str | None:
    """The headline of the article most like the others (highest summed cosine of the
    weighted terms; the earliest on ties), else the first headline."""
    titled = [doc for doc in story if doc.title and doc.vector is not None]
    if len(titled) < 2:
        return next((d.title for d in story if d.title), None)

    def closeness(doc: StoryDoc) -> float:
        assert doc.vector is not None
        return sum(cosine(doc.vector, other.vector) for other in titled
                   if other is not doc and other.vector is not None)

    return max(titled, key=lambda doc: (round(closeness(doc), 9), -story.index(doc))).title


def story_rows(story: list[StoryDoc]) -> dict[str, Any]:
    """The `stories` row of one cluster (top entities: in most of its articles)."""
    counts = Counter(key for doc in story for key in doc.entities if not key.startswith("place:"))
    top = sorted(counts, key=lambda k: (-counts[k], k))[:TOP_ENTITIES]
    return {"id": "s" + story[0].id, "first_day": story[0].day.isoformat(),
            "last_day": story[-1].day.isoformat(), "size": len(story),
            "title": central_title(story),
            "top_entities": json.dumps([k.split(":", 1)[1] for k in top], ensure_ascii=False)}


def stored_stories(store: Store, since: str | None = None, limit: int = 50
                   ) -> list[dict[str, Any]]:
    """Stored stories, newest first (those still running on or after `since`), with their
    articles (earliest first), `outlets` (articles per site, most first), `first` (the
    article that broke it) and `timeline` (articles per day)."""
    s, sa, a = schema.stories, schema.story_articles, schema.articles
    query = select(s).order_by(s.c.last_day.desc(), s.c.size.desc(), s.c.id).limit(limit)
    if since:
        query = query.where(s.c.last_day >= since)
    with store.engine.connect() as connection:
        rows = [dict(row._mapping) for row in connection.execute(query)]
        ids = [row["id"] for row in rows]
        articles: dict[str, list[dict[str, Any]]] = defaultdict(list)
        if ids:
            for row in connection.execute(
                select(sa.c.story_id, a.c.id, a.c.published, a.c.title, a.c.site)
                .select_from(sa.join(a, a.c.id == sa.c.article_id))
                .where(sa.c.story_id.in_(ids))
            ):
                articles[row.story_id].append({"id": row.id, "published": row.published,
                                               "title": row.title, "site": row.site})
    for row in rows:
        row["top_entities"] = json.loads(row["top_entities"])
        row["articles"] = sorted(articles[row["id"]],
                                 key=lambda x: ((x["published"] or "")[:10], x["id"]))
        row.update(story_coverage(row["articles"]))
    _add_quotes(store, rows)
    return rows


def _add_quotes(store: Store, rows: list[dict[str, Any]]) -> None:
    """Each story's quotations (`link.provenance.group_quotes`): who said it, which article
    printed it first, which repeated it."""
    from newsgraph.link.provenance import group_quotes

    q = schema.quotes
    article_of = {a["id"]: (row["id"], a) for row in rows for a in row["articles"]}
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with store.engine.connect() as connection:
        for quote in select_in(
                connection, select(q.c.article_id, q.c.start, q.c.end, q.c.text,
                                   q.c.speaker_name), q.c.article_id, sorted(article_of)):
            story_id, article = article_of[quote.article_id]
            found[story_id].append({**quote._mapping, "published": article["published"],
                                    "site": article["site"]})
    for row in rows:
        row["quotes"] = group_quotes(found[row["id"]])
