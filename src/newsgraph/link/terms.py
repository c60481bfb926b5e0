"""What an article is about, as weighted terms: content words, names and happenings.

An article's terms are its content words (lower-cased, stop words left out; the headline's
words count `TITLE_BOOST` more, the lead's `LEAD_BOOST` more), its linked entity keys
(`E:`…) and its happening keys (`H:noun@day`): a noun tied to a resolved calendar day in
the text ("Monday's debate", "the debate on Monday", "the Sept. 26 debate") — two outlets
reporting one happening name the same thing on the same day even when they share few other
words.

`TermWeights` holds the store's document frequencies, fitted at a full link; a term's weight
is its sublinear term frequency times its inverse document frequency (smoothed as
scikit-learn's), so words every article uses weigh little and rare names weigh much.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter, mul
from sys import intern

#: Extra count of each distinct headline word: the headline says what the story is.
TITLE_BOOST = 3
#: Extra count of each distinct content word of the lead (the first `LEAD_WORDS` words): a
#: report says first what happened, then wanders (background, other news). 40-60 words and
#: 1 were the flat best on the 2016-09 and 2016-08 windows; it weighs what two reports say,
#: not which happening an article is mainly about (`newsgraph.link.stories.main_happenings`
#: reads the counts without it).
LEAD_BOOST = 1
LEAD_WORDS = 60
#: Weight of an entity key and of a happening key, as a multiple of its idf.
ENTITY_WEIGHT = 1.0
HAPPENING_WEIGHT = 1.0
#: Only an article's heaviest terms enter its vector (normalised after the cut).
VECTOR_TERMS = 300
#: Two articles are compared when their `PROPOSE_TERMS` heaviest terms share one.
PROPOSE_TERMS = 10
#: Terms in fewer fitted articles than this are not kept in the stored table.
MIN_KEPT_DF = 2

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")
STOP_WORDS = frozenset("""
a about above across after again against all almost along already also although always am
among an and another any anyone anything are around as at back be became because become been
before being below between both but by can could did do does doing done down during each
either else enough even ever every few for from further get gets getting got had has have
having he her here hers herself him himself his how however i if in including into is it its
itself just last least less let like made make makes many may me might more most much must
my myself near neither never new next no nor not now of off often on once one only onto or
other others our ours ourselves out over own per perhaps put rather really said same say
saying says see seen several shall she should since so some something still such than that
the their theirs them themselves then there these they this those though three through thus
to told too toward two under until up upon us use used very via was way we well were what
whatever when where whether which while who whole whom whose why will with within without
would yet you your yours yourself yourselves mr mrs ms dr per cent percent year years day
days week weeks time times between among against
""".split())
#: After a date: its possessive, or a part of the day ("Monday night's"), then the words.
_AFTER_DATE = re.compile(r"(['’]s|\s+(?:night|morning|evening|afternoon)(?:['’]s)?)?"
                         r"\s+([a-z][a-z-]+)(?:\s+([a-z][a-z-]+))?")
#: Before a date: a determiner, at most two words, the noun, maybe "on" ("the first
#: presidential debate on").
_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|an|his|her|their|its)\s+(?:[a-z-]+\s+){0,2}([a-z][a-z-]{3,})\s+(?:on\s+)?$")


#: Nouns of happenings that last several days or are named as a whole; with a capitalised
#: or ordinal modifier ("the Harbour Summit", "the second debate") they name one event.
EVENT_NOUNS = ("convention", "summit", "conference", "debate", "forum", "trial", "hearing",
               "games", "olympics")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "final")
#: "the <Modifier> [one or two more words] <event noun>": the modifier capitalised (not a
#: year) or an ordinal; the key is the modifier and the noun.
_NAMED_EVENT = re.compile(
    rf"\b[Tt]he\s+((?:[A-Z][\w'’.-]*|(?i:{'|'.join(_ORDINALS)}))(?:\s+[\w'’.-]+){{0,2}}?)"
    rf"\s+(?i:({'|'.join(EVENT_NOUNS)})s?)\b")
_CALENDAR_NAMES = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan.", "feb.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec."})
#: Nouns of a sudden violent happening. Named by its place ("the Harbourton shooting", "the
#: Quayside nightclub attack"), it is one incident whichever of these nouns an outlet uses:
#: the key is `V:<place words> incident`.
INCIDENT_NOUNS = ("shooting", "attack", "massacre", "bombing")
INCIDENT = "incident"
_NAMED_INCIDENT = re.compile(
    rf"\b[Tt]he\s+((?:[A-Z][\w'’.-]*\s+){{1,3}}?)(?:[a-z][\w-]*\s+){{0,2}}?"
    rf"(?:{'|'.join(INCIDENT_NOUNS)})s?\b")
#: A named storm: "Hurricane Ida", "Tropical Storm Ida".
_NAMED_STORM = re.compile(r"\b(Hurricane|Typhoon|Cyclone|Tropical Storm)\s+([A-Z][a-z]+)\b")


def named_events(text: str) -> Counter[str]:
    """How often `text` names each named event, by key `V:modifier noun` ("the Harbour
    Summit" and "the Harbour summit" -> `V:harbour summit`; "the second televised debate"
    -> `V:second debate`), `V:place incident` for an incident named by its place ("the
    Harbourton shooting" and "the Harbourton massacre" -> `V:harbourton incident`), or
    `V:storm name` for a named storm (a hurricane, a typhoon)."""
    found: Counter[str] = Counter()
    for match in _NAMED_EVENT.finditer(text):
        modifiers = match.group(1).replace("’", "'").split()
        if any(word.lower() in STOP_WORDS for word in modifiers):
            continue
        first = modifiers[0].lower().removesuffix("'s")
        if first in _CALENDAR_NAMES:
            continue  # "the Monday debate": a day, as the happening keys take it
        found[f"V:{first} {match.group(2).lower()}"] += 1
    for match in _NAMED_INCIDENT.finditer(text):
        place = [word.lower().removesuffix("'s") for word in
                 match.group(1).replace("’", "'").split()]
        if not (set(place) & STOP_WORDS or place[0] in _CALENDAR_NAMES):
            found[f"V:{' '.join(place)} {INCIDENT}"] += 1
    for match in _NAMED_STORM.finditer(text):
        found[f"V:storm {match.group(2).lower()}"] += 1
    return found


def event_nouns(noun: str) -> tuple[str, ...]:
    """The words that name a kind of named event in a text (its key's last word)."""
    return INCIDENT_NOUNS if noun == INCIDENT else (noun,)


def words(text: str) -> list[str]:
    """Content words of `text`, lower-cased, without stop words and one- or two-letter
    words; curly apostrophes read as straight ones, a possessive's "'s" left out."""
    found = _WORD.findall(text.lower().replace("’", "'"))
    return [word for word in (w[:-2] if w.endswith("'s") else w for w in found)
            if len(word) > 2 and word not in STOP_WORDS]


def happening_keys(text: str, dates: Iterable[tuple[int, int, str]]) -> set[str]:
    """`H:noun@day` for each resolved day (start, end, YYYY-MM-DD) that names what happened
    on it: "Monday's debate", "Monday night's debate", "the Sept. 26 debate" (up to two words
    after the date, up to a stop word), "the debate on Monday"."""
    keys = set()
    for start, end, day in dates:
        after = _AFTER_DATE.match(text, end, min(len(text), end + 60))
        if after and (after.group(1) or text[max(0, start - 4):start].lower() == "the "):
            for noun in after.group(2, 3):
                if noun is None or noun in STOP_WORDS:
                    break
                if len(noun) > 3:
                    keys.add(f"H:{noun}@{day}")
        before = _NOUN_BEFORE.search(text, max(0, start - 50), start)
        if before and before.group(1) not in STOP_WORDS:
            keys.add(f"H:{before.group(1)}@{day}")
    return keys


def lead_words(text: str) -> frozenset[str]:
    """The distinct content words of the first `LEAD_WORDS` words of `text`."""
    return frozenset(map(intern, words(" ".join(text.split(maxsplit=LEAD_WORDS)[:LEAD_WORDS]))))


def article_terms(text: str, title: str | None) -> Counter[str]:
    """Counts of the content words of an article, its headline's words boosted (the words
    interned: many articles' vectors then share one string per term)."""
    counts = Counter(map(intern, words(text)))
    for word in set(words(title or "")):
        counts[intern(word)] += TITLE_BOOST
    return counts


@dataclass
class TermWeights:
    """Document frequencies of terms over the articles they were fitted on."""

    articles: int = 0
    df: dict[str, int] = field(default_factory=dict)
    _idf: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def fit(cls, documents: Iterable[Iterable[str]]) -> TermWeights:
        """Count, for each term, the documents (each an iterable of distinct terms) with it."""
        counts: Counter[str] = Counter()
        total = 0
        for terms in documents:
            counts.update(terms)
            total += 1
        return cls(total, {term: n for term, n in counts.items() if n >= MIN_KEPT_DF})

    def idf(self, term: str) -> float:
        return math.log((self.articles + 1) / (self.df.get(term, 1) + 1)) + 1.0

    def idfs(self, terms: Iterable[str]) -> dict[str, float]:
        """`idf` of each term, remembered (the weights do not change once fitted)."""
        for term in terms:
            if term not in self._idf:
                self._idf[term] = self.idf(term)
        return self._idf

    def to_json(self) -> str:
        return json.dumps({"articles": self.articles, "df": self.df}, ensure_ascii=False,
                          sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, value: str) -> TermWeights:
        data = json.loads(value)
        return cls(int(data["articles"]), dict(data["df"]))

    def vector(self, words: Mapping[str, int], keys: Iterable[str]) -> dict[str, float]:
        """The unit-length weighted vector of an article's word counts and keys, cut to its
        `VECTOR_TERMS` heaviest terms, heaviest first (ties by term, so the cut and the order
        are deterministic)."""
        keys = list(keys)
        idf = self.idfs([*words, *keys])
        weights = {word: sublinear(n) * idf[word] for word, n in words.items()}
        for key in map(intern, keys):
            weights[key] = (HAPPENING_WEIGHT if key.startswith("H:") else ENTITY_WEIGHT) \
                * idf[key]
        kept = sorted(weights.items())  # by term, then (stable) heaviest first
        kept.sort(key=itemgetter(1), reverse=True)
        del kept[VECTOR_TERMS:]
        norm = math.sqrt(math.fsum(w * w for _, w in kept)) or 1.0
        return {term: w / norm for term, w in kept}


def sublinear(count: int) -> float:
    """A term's count as it weighs: 1 + log(count), so that repeats add less and less."""
    return 1.0 + math.log(count)


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two unit vectors over their shared terms, summed exactly (`math.fsum`:
    the same to the last bit in any order, so `cosine(a, b) == cosine(b, a)`)."""
    shared = a.keys() & b.keys()
    return math.fsum(map(mul, map(a.__getitem__, shared), map(b.__getitem__, shared)))


def proposing_terms(vector: Mapping[str, float], weights: TermWeights) -> list[str]:
    """The heaviest terms that two or more fitted articles had (a term of one article alone
    finds nothing), by which an article finds its candidates and is found. `vector` is
    heaviest first (`TermWeights.vector`)."""
    found: list[str] = []
    for term in vector:
        if len(found) >= PROPOSE_TERMS:
            break
        if term in weights.df:
            found.append(term)
    return found
