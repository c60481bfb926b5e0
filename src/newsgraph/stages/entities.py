"""The entities stage: named entities, merged within the article, with roles and references.

1. spaCy NER mentions (people, organisations, places, groups ...), trimmed of a
   leading "the" and a trailing possessive, one label per surface form
   (`newsgraph.stages.entity_mentions`).
2. Mentions are merged into entities: "Angela Merkel" then "Merkel";
   "U.S." and "the United States"; "Central Intelligence Agency" and "CIA".
   An entity is named by its fullest form.
3. Roles come from the title words before a name ("Health Minister Ana Ruiz")
   and from appositions ("Jane Doe, the city's mayor,").
4. Unnamed sources ("a senior official" who then "said") become one entity with
   `anonymous: true`; later "the official" / "the source" refer back to it.
   An office named without its holder ("Spain's prime minister", "the French
   president", "the mayor of Lyon") is one person, named by the office, with that
   role; `newsgraph link` may join it to the holder named in other articles.
5. Third-person personal pronouns ("he", "her") join the person they most
   likely refer to, by small salience rules (same sentence first, then the
   subject of an earlier sentence).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING

from newsgraph.model import Entity, Mention
from newsgraph.stages import lexicon
from newsgraph.stages.doc_tables import sentence_bounds, token_table
from newsgraph.stages.entity_mentions import (
    ROLE_HEADS,
    SUBJECT_DEPS,
    NameMention,
    headline_fragment,
    name_mentions,
    settle_labels,
)
from newsgraph.stages.syntax import POSSESSIVE, occurrences

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsgraph.geo.gazetteer import Gazetteer
    from newsgraph.model import Document
    from newsgraph.resources import Resources

ROLE_DEPS = {"compound", "amod", "nmod", "npadvmod"}
#: Left dependents that belong to a noun phrase ("a senior European diplomat").
NOUN_PHRASE_DEPS = {"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "advmod"}
#: How many sentences back a pronoun may look for the person it refers to.
PRONOUN_WINDOW = 5
#: Abbreviated titles and the role words they stand for.
ROLE_ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor",
                      "pres": "president", "gen": "general", "sec": "secretary",
                      "atty": "attorney", "supt": "superintendent", "amb": "ambassador"}
#: Modifiers that describe no one in particular ("many officials", "other people").
VAGUE_WORDS = {"many", "some", "other", "several", "few", "most", "all", "more", "such",
               "various", "numerous", "certain", "local", "ordinary", "regular", "young", "old"}
#: Words an organisation's name may drop: "NBC News" is "NBC", "Acme Inc." is "Acme".
ORG_SUFFIXES = {"news", "inc", "corp", "corporation", "co", "company", "ltd", "llc", "plc",
                "group"}
#: One-word names of institutions in their own right, never short for a longer name
#: that ends in the same word ("House" is not "White House").
STANDALONE_INSTITUTIONS = {"house", "senate", "congress", "parliament", "assembly",
                           "council", "cabinet", "pentagon"}
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee")
#: Honorifics that tell a person's sex: "Mr. Kessler" is not the Anna Kessler named before.
HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


@dataclass(eq=False)
class Cluster:
    """An entity being built: its label votes, mentions and roles. Clusters compare by
    identity: two entities with the same fields so far are still two entities."""

    key: str
    labels: Counter = field(default_factory=Counter)
    mentions: list[tuple[int, int, str, str]] = field(default_factory=list)
    """(start, end, text, kind) in character offsets."""
    tokens: set[int] = field(default_factory=set)
    forms: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    anonymous: bool = False
    head: str | None = None
    """For unnamed sources: the head noun lemma ("diplomat")."""
    gender: str | None = None

    @property
    def label(self) -> str:
        """The label with most votes, the first counted on a tie (`most_common(1)`)."""
        return max(self.labels.items(), key=itemgetter(1))[0]

    def add(self, start: int, end: int, text: str, kind: str, tokens: Iterable[int]) -> None:
        if "\n" in text or any(m[0] == start and m[1] == end for m in self.mentions):
            return  # a mention never runs over a line or paragraph break
        self.mentions.append((start, end, text, kind))
        self.tokens.update(tokens)




# -- 2. merging names ----------------------------------------------------------------


def canonical_key(text: str, label: str) -> str:
    """The lookup key of a name: aliases resolved, case and dots folded."""
    folded = lexicon.fold(text)
    if label in {"GPE", "LOC", "ORG"}:
        return lexicon.ALIASES.get(folded, folded)
    if label == "NORP":
        return lexicon.demonym_key(folded)
    return folded


@lru_cache(maxsize=4096)
@lru_cache(maxsize=1 << 14)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a person's name to compare: folded ("O’Neill" = "O'Neill", "De" =
    "de"), middle initials left out ("Jane Q. Doe" -> jane, doe)."""
    words = lexicon.fold(name).split()
    return tuple(w for i, w in enumerate(words) if len(w) > 1 or i in (0, len(words) - 1))


def acronym(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


class EntityBuilder:
    """Collects clusters in text order and answers "which entity is this name?"."""

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        self.by_key: dict[tuple[str, str], Cluster] = {}

    def find_person(self, words: list[str], gender: str | None = None) -> Cluster | None:
        """An earlier person whose name contains all of `words` ("Merkel" in
        "Angela Merkel", "Jane Q. Doe" in "Jane Doe"), of the sex an honorific gave
        (`gender`), when known; the most recent one when several do."""
        wanted = name_words(" ".join(words))
        if not wanted:
            return None
        # (a cluster with no PERSON vote is never labelled PERSON: tested first, no tally)
        fitting = [cluster for cluster in reversed(self.clusters)
                   if "PERSON" in cluster.labels and cluster.label == "PERSON"
                   and not cluster.anonymous and same_sex(cluster, gender)
                   and any(self.fits(wanted, name_words(form)) for form in cluster.forms)]
        if len(wanted) == 1 and len(fitting) > 1:
            # A bare surname several people share ("Doe" beside "Jane Doe" and "her husband,
            # John Doe") is the one the article names most, the first named on a tie.
            return max(reversed(fitting), key=lambda c: len(c.mentions))
        return fitting[0] if fitting else None

    @staticmethod
    def fits(wanted: tuple[str, ...], have: tuple[str, ...]) -> bool:
        return all(w in have for w in wanted) and (
            len(wanted) > 1 or wanted[0] == have[-1] or wanted[0] == have[0])

    def find_acronym(self, text: str, label: str) -> Cluster | None:
        letters = lexicon.fold(text).replace(" ", "").upper()
        if not (2 <= len(letters) <= 6 and text.replace(".", "").isupper()):
            return None
        for cluster in self.clusters:
            if cluster.label == label and any(
                acronym(form.split()) == letters for form in cluster.forms
            ):
                return cluster
        return None

    def add_name(self, mention: NameMention) -> Cluster:
        label, text = mention.label, mention.text
        key = canonical_key(text, label)
        cluster = self.by_key.get((label, key))
        gender = honorific_gender(mention.span) if label == "PERSON" else None
        if cluster is not None and not same_sex(cluster, gender):
            cluster = None  # "Ms. Doe" after "Mr. Doe": another person of that name
        if cluster is None and label == "PERSON":
            cluster = self.find_person(text.split(), gender)
        if cluster is None and label in {"ORG", "GPE"}:
            cluster = self.find_acronym(text, label)
            if cluster is None:
                # "Central Intelligence Agency" after "CIA": the full form joins the acronym.
                letters = acronym(text.split())
                cluster = self.by_key.get((label, lexicon.fold(letters))) if len(letters) > 1 \
                    else None
        if cluster is None:
            cluster = Cluster(key)
            self.clusters.append(cluster)
        self.by_key.setdefault((label, key), cluster)
        cluster.gender = cluster.gender or gender
        cluster.labels[label] += 1
        cluster.forms.append(text)
        span = mention.span
        cluster.add(mention.start, mention.start + len(text), text, "name",
                    range(span.start, span.end))
        return cluster


def honorific_gender(name: Span) -> str | None:
    """"m" or "f" when the word right before a name is Mr., Mrs., Ms. or Miss."""
    if name.start == 0:
        return None
    return HONORIFIC_GENDER.get(name.doc[name.start - 1].lower_.rstrip("."))


def told_gender(cluster: Cluster) -> str | None:
    """The sex a person's honorific, role or given name tells, when only one is told."""
    if cluster.gender is not None:
        return cluster.gender
    told = {lexicon.gender_of_name(form) for form in cluster.forms} - {None}
    return told.pop() if len(told) == 1 else None


def same_sex(cluster: Cluster, gender: str | None) -> bool:
    """Whether a mention of that sex (None: not told) may name the person."""
    return gender is None or told_gender(cluster) in (None, gender)


def join_short_names(builder: EntityBuilder) -> None:
    """A surname or first name met before the full name ("Flynn says ..." in a headline,
    then "Michael Flynn") joins that person when exactly one person has that name."""
    people = [c for c in builder.clusters if c.label == "PERSON" and not c.anonymous]
    for short in people:
        forms = {name_words(form) for form in short.forms}
        if len(forms) != 1 or short not in builder.clusters:
            continue
        words = next(iter(forms))
        owners = [c for c in builder.clusters if c in people and c is not short
                  and same_sex(c, told_gender(short)) and any(
                      shortens(words, name_words(f)) for f in c.forms)]
        if len(owners) != 1:
            continue
        merge_into(builder, short, owners[0])


def shortens(words: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether a name is a short form of a longer one: its surname ("De Blasio" of
    "Bill de Blasio") or its first name."""
    if not words or len(full) <= len(words):
        return False
    return full[-len(words):] == words or (len(words) == 1 and full[0] == words[0])


def join_org_short_names(builder: EntityBuilder) -> None:
    """An organisation's short name joins it when exactly one longer name fits: the last
    word ("Times" after "New York Times") or the name without a corporate suffix ("NBC"
    and "NBC News")."""
    orgs = [c for c in builder.clusters if c.label == "ORG" and not c.anonymous]
    for short in orgs:
        forms = {lexicon.fold(form) for form in short.forms}
        if len(forms) != 1 or next(iter(forms)) in STANDALONE_INSTITUTIONS \
                or short not in builder.clusters:
            continue
        name = next(iter(forms))
        owners = [c for c in orgs if c is not short and c in builder.clusters and any(
            shortens_org(name, lexicon.fold(f)) for f in c.forms)]
        if len(owners) == 1:
            merge_into(builder, short, owners[0])


def shortens_org(name: str, full: str) -> bool:
    """Whether folded `name` is a short form of the folded organisation name `full`."""
    words, full_words = name.split(), full.split()
    if len(full_words) <= len(words):
        return False
    if len(words) == 1 and full_words[-1] == name:
        return True
    return full_words[:len(words)] == words and \
        " ".join(full_words[len(words):]) in ORG_SUFFIXES


def merge_into(builder: EntityBuilder, short: Cluster, owner: Cluster) -> None:
    """Move every mention, form and role of `short` to `owner`; `short` is dropped."""
    for mention in short.mentions:
        owner.add(*mention, ())
    owner.tokens |= short.tokens
    owner.forms += short.forms
    owner.labels.update(short.labels)
    owner.roles += [r for r in short.roles if r not in owner.roles]
    builder.clusters.remove(short)
    for key, cluster in list(builder.by_key.items()):
        if cluster is short:
            builder.by_key[key] = owner


def propagate_names(doc: Doc, builder: EntityBuilder) -> None:
    """One sense per article: later occurrences of a known name that NER missed
    ("northern Kharkiv") become mentions of the same entity."""
    taken = {i for cluster in builder.clusters for i in cluster.tokens}
    forms: dict[str, Cluster] = {}
    surnames: dict[str, list[Cluster]] = defaultdict(list)
    for cluster in builder.clusters:
        for form in cluster.forms:
            if len(form) > 2 and form[0].isupper() and form.lower() not in lexicon.NOT_NAMES:
                forms.setdefault(form, cluster)
            words = form.split()
            if cluster.label == "PERSON" and len(words) > 1 and cluster not in surnames[words[-1]]:
                surnames[words[-1]].append(cluster)
    for surname, owners in surnames.items():
        # A surname shared by two people in the article ("the Clintons") is ambiguous.
        if len(owners) == 1 and len(surname) > 2 and surname[0].isupper():
            forms.setdefault(surname, owners[0])
    for match, span in occurrences(doc, forms):
        if any(t.i in taken for t in span):
            continue
        cluster = forms[match.name]
        cluster.add(match.start, match.end, match.name, "name", range(span.start, span.end))
        taken.update(range(span.start, span.end))


# -- 3. roles ---------------------------------------------------------------------


def title_before(name: Span) -> Span | None:
    """Title words right before a name that modify it: "Health Minister" Ana Ruiz."""
    doc = name.doc
    inside = set(range(name.start, name.end))
    start = name.start
    while start > 0:
        token = doc[start - 1]
        if token.dep_ not in ROLE_DEPS or token.head.i not in inside or token.ent_type_ in {
            "PERSON", "DATE", "TIME", "CARDINAL"
        }:
            break
        start -= 1
        inside.add(token.i)
    if start == name.start:
        return None
    role = doc[start:name.start]
    if not any(t.pos_ in {"NOUN", "PROPN"} for t in role):
        return None
    return role


def apposition_role(name: Span) -> Span | None:
    """A role given in apposition: "Jane Doe, the city's mayor," or "the mayor, Jane Doe"."""
    head = name.root
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.ent_type_ != "PERSON":
            return role_phrase(child)
    if head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.ent_type_ != "PERSON":
        return role_phrase(head.head)
    if head.dep_ == "appos" and (role := _role_over_named_object(head.head)) is not None:
        return role_phrase(role)
    return None


def _role_over_named_object(token: Token) -> Token | None:
    """"The mayor of Springfield, Tom Harlan": the parser often hangs the person's name on
    the named place or body inside the role's "of" phrase; a person is no apposition of a
    place, so the name is the role noun's."""
    if token.pos_ != "PROPN" or token.ent_type_ in {"PERSON", ""} or token.dep_ != "pobj" \
            or token.head.lower_ != "of" or token.head.dep_ != "prep":
        return None
    noun = token.head.head
    return noun if noun.pos_ == "NOUN" and is_role_noun(noun) else None


def role_phrase(noun: Token) -> Span | None:
    """The role words of a noun phrase, without its determiner and clauses."""
    left = [t for t in noun.lefts if t.dep_ in ROLE_DEPS | {"poss", "case"}]
    start = min((t.left_edge.i for t in left), default=noun.i)
    doc = noun.doc
    while start < noun.i and (doc[start].pos_ == "DET" or doc[start].dep_ == "det"):
        start += 1
    return doc[start:noun.i + 1]


def is_role_noun(token: Token) -> bool:
    """Whether a noun can name what a person is: an office, job or relation."""
    lemma = token.lemma_.lower()
    return lemma in ROLE_HEADS or lemma in lexicon.SOURCE_NOUNS or \
        lemma in lexicon.OFFICE_NOUNS or lemma.endswith(PERSON_SUFFIXES) or \
        (token.pos_ == "PROPN" and token.ent_type_ not in {"GPE", "LOC", "DATE"})


def add_roles(cluster: Cluster, name: Span) -> None:
    for role in (title_before(name), apposition_role(name)):
        if role is None or "\n" in role.text or not is_role_noun(role[-1]):
            continue
        text = POSSESSIVE.sub("", role.text).strip(" ,")
        if text and text.lower() not in {r.lower() for r in cluster.roles}:
            cluster.roles.append(text)
        cluster.tokens.update(range(role.start, role.end))
        lemma = lexicon.gender_of_role(role.root.lower_)
        if lemma and cluster.gender is None:
            cluster.gender = lemma


# -- 4. unnamed sources ---------------------------------------------------------------


def is_subject(token: Token) -> bool:
    """A noun acting as the subject of a clause, or joined to one ("X and Y said")."""
    while token.dep_ == "conj":
        token = token.head
    return token.dep_ in SUBJECT_DEPS or (
        token.dep_ == "pobj" and token.head.lower_ == "to"
        and token.head.i > 0 and token.doc[token.head.i - 1].lower_ == "according"
    )


def _lemma_positions(doc: Doc, lemmas: Collection[str]) -> list[int]:
    """Positions of the tokens whose lowercase lemma is in `lemmas` (read from the shared
    token table, so the other tokens are never made)."""
    return [i for i, lemma in enumerate(token_table(doc).folded_lemmas) if lemma in lemmas]


def source_chunks(doc: Doc) -> Iterable[Span]:
    """Noun phrases headed by a source noun, not named and not a head count."""
    for i in _lemma_positions(doc, lexicon.SOURCE_NOUNS):
        root = doc[i]
        if root.pos_ not in {"NOUN", "PROPN"}:
            continue
        modifiers = [t for t in root.lefts if t.dep_ in NOUN_PHRASE_DEPS]
        chunk = doc[min((t.left_edge.i for t in modifiers), default=root.i):root.i + 1]
        if any(t.ent_type_ in {"PERSON", "ORG"} and t.i > root.i for t in chunk):
            continue
        if any(t.dep_ == "nummod" or t.like_num or t.ent_type_ == "CARDINAL" for t in chunk):
            continue  # "more than 100,000 people" is an amount, not a source
        if root.tag_ in {"NNS", "NNPS"}:
            if not singled_out(root, chunk):
                continue  # "people", "officials", "doctors": a group, not a source
            described = [c for c in root.rights if c.dep_ in {"acl", "relcl", "amod"}
                         or (c.dep_ == "prep" and c.lower_ in {"familiar", "close"})]
            if described:  # "people familiar with the talks" is named with its description
                chunk = doc[chunk.start:max(c.right_edge.i for c in described) + 1]
        if "\n" not in chunk.text:
            yield chunk


def singled_out(root: Token, chunk: Span) -> bool:
    """Whether a plural source noun is described enough to be someone's sources: "senior
    officials", "people familiar with the talks" — not "people" or "officials" alone."""
    if root.lemma_.lower() == "people" or root.lower_ == "people":
        return any(c.dep_ in {"acl", "relcl", "amod"} and c.i > root.i for c in root.children)
    if any(t.dep_ in {"amod", "compound", "nmod", "poss"} and t.lower_ not in VAGUE_WORDS
           for t in chunk if t.i < root.i):
        return True
    return any(c.dep_ in {"acl", "relcl"} or (c.dep_ == "prep" and c.lower_ in
               {"familiar", "close", "with", "in", "at", "from"}) for c in root.rights)


def add_unnamed_sources(doc: Doc, builder: EntityBuilder) -> None:
    """Indefinite source phrases become anonymous entities; definite ones refer back."""
    for chunk in source_chunks(doc):
        root = chunk.root
        if any(root.i in c.tokens for c in builder.clusters):
            continue
        if any(child.dep_ == "appos" and child.ent_type_ == "PERSON" for child in root.children):
            continue  # "a spokesman, John Smith," is named
        determiner = chunk[0].lower_ if chunk[0].dep_ in {"det", "poss"} else ""
        lemma = root.lemma_.lower()
        if determiner in {"the", "that", "this"}:
            target = referent_of_role(builder, lemma, chunk.start_char)
            if target is not None:
                target.add(chunk.start_char, chunk.end_char, chunk.text, "description",
                           range(chunk.start, chunk.end))
            continue
        if determiner in {"a", "an", "one", "another"} or (
            not determiner and root.tag_ in {"NNS"}
        ):
            if not is_subject(root):
                continue
            name_start = chunk.start + (1 if determiner else 0)
            cluster = Cluster(f"anonymous:{chunk.start_char}", anonymous=True, head=lemma)
            cluster.labels["PERSON"] += 1
            cluster.forms.append(doc[name_start:chunk.end].text)
            cluster.gender = lexicon.gender_of_role(root.lower_)
            cluster.add(chunk.start_char, chunk.end_char, chunk.text, "description",
                        range(chunk.start, chunk.end))
            builder.clusters.append(cluster)


def jurisdiction(root: Token) -> Token | None:
    """The country or organisation an office noun belongs to: "Spain's" / "Spanish" /
    "U.S." before it, or "of Spain" after it."""
    for child in root.children:
        if child.dep_ == "poss" and child.ent_type_ in {"GPE", "NORP", "ORG"}:
            return child
        if child.dep_ in {"amod", "compound"} and child.ent_type_ in {"GPE", "NORP"}:
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ in {"GPE", "ORG"}:
                    return pobj
    return None


def _refer_to_office(root: Token, offices: dict[str, Cluster], taken: set[int]) -> None:
    """"The prime minister" after "Spain's prime minister": the same office holder."""
    lefts = [t for t in root.lefts if t.dep_ in NOUN_PHRASE_DEPS]
    if not lefts or lefts[0].lower_ != "the" or lefts[0].dep_ != "det":
        return
    phrase = root.doc[lefts[0].i:root.i + 1]
    words = phrase.text.lower().split()[1:]
    for key in reversed(list(offices)):
        if key.split()[-len(words):] == words:
            tokens = [t.i for t in phrase if t.i not in taken]
            offices[key].add(phrase.start_char, phrase.end_char, phrase.text, "description",
                             tokens)
            taken.update(tokens)
            return


def office_phrase(root: Token, owner: Token) -> Span | None:
    """The office phrase around `root` ("Spain's prime minister"; `owner` is "Spain"),
    None when it names no single current holder ("a former minister", "ministers")."""
    if root.tag_ in {"NNS", "NNPS"}:
        return None
    lefts = [t for t in root.lefts if t.dep_ in NOUN_PHRASE_DEPS]
    if any(t.lower_ in lexicon.NOT_CURRENT_HOLDER or t.dep_ == "nummod" for t in lefts):
        return None
    if any(t.dep_ == "det" and t.lower_ not in {"the"} for t in lefts):
        return None  # "a minister" is an unnamed source, "every minister" nobody in particular
    start = min((t.left_edge.i for t in lefts), default=root.i)
    # "secretary of state", "the mayor of Lyon": the "of" phrase belongs to the office
    of = [c for c in root.rights if c.dep_ == "prep" and c.lower_ == "of"]
    end = max([root.i + 1] + [c.right_edge.i + 1 for c in of[:1]])
    doc = root.doc
    if any(t.ent_type_ == "PERSON" or "\n" in t.text for t in doc[start:end]):
        return None  # "Prime Minister Jane Doe" is named; a phrase stays in its paragraph
    if any(child.dep_ == "appos" and child.ent_type_ == "PERSON" for child in root.children):
        return None
    return doc[start:end]


def add_office_holders(doc: Doc, builder: EntityBuilder) -> None:
    """Offices named without their holder become one PERSON entity per office."""
    taken = {i for cluster in builder.clusters for i in cluster.tokens}
    offices: dict[str, Cluster] = {}
    for i in _lemma_positions(doc, lexicon.OFFICE_NOUNS):
        root = doc[i]
        if root.pos_ not in {"NOUN", "PROPN"} or root.i in taken:
            continue
        owner = jurisdiction(root)
        if owner is None:
            _refer_to_office(root, offices, taken)
            continue
        phrase = office_phrase(root, owner)
        if phrase is None:
            continue
        words = phrase[1:] if phrase[0].lower_ == "the" else phrase
        name = POSSESSIVE.sub("", words.text) if words.text.endswith(("'s", "’s")) \
            else words.text
        key = " ".join(name.lower().split())
        cluster = offices.get(key)
        if cluster is None:
            cluster = Cluster(f"office:{key}", head=root.lemma_.lower())
            cluster.labels["PERSON"] += 1
            cluster.forms.append(name)
            cluster.roles.append(name)
            cluster.gender = lexicon.gender_of_role(root.lower_)
            offices[key] = cluster
            builder.clusters.append(cluster)
        office_tokens = [t.i for t in phrase if t.i not in taken]
        cluster.add(phrase.start_char, phrase.end_char, phrase.text, "description",
                    office_tokens)
        taken.update(office_tokens)


#: Words for whoever heads a body ("the union leader"), and the offices they refer back to
#: when the body's word is in the office ("the union's president").
HEAD_WORDS = frozenset({"leader", "head", "chief"})
HEADING_OFFICES = frozenset({"president", "chairman", "chairwoman", "chairperson", "chair",
                             "director", "leader", "head", "chief", "secretary-general"})


def referent_of_role(builder: EntityBuilder, lemma: str, before: int,
                     modifiers: tuple[str, ...] = (), named: tuple[str, ...] = ()
                     ) -> Cluster | None:
    """Who "the <lemma>" refers to: the latest entity with that head or role word (not one
    whose role names another party or nation than the `named` capitalised modifiers: "the
    Green nominee" is not "the Labour nominee"), or (for "the union leader") the latest
    head of a body named by all of `modifiers`; else (for generic words like "source") the
    latest unnamed source."""
    earlier = [c for c in builder.clusters if c.mentions and min(m[0] for m in c.mentions) < before]
    for cluster in reversed(earlier):
        if cluster.anonymous and cluster.head == lemma:
            return cluster
        if cluster.label == "PERSON" and any(role_word(r) in {lemma, lemma + "s"}
                                             and not role_clashes(r, named)
                                             for r in cluster.roles):
            return cluster
        if lemma in HEAD_WORDS and modifiers and cluster.label == "PERSON" and any(
                role_word(r) in HEADING_OFFICES and all(m in r.lower() for m in modifiers)
                for r in cluster.roles):
            return cluster
    if lemma in lexicon.GENERIC_SOURCE_NOUNS:
        for cluster in reversed(earlier):
            if cluster.anonymous:
                return cluster
    return None


def role_clashes(role: str, named: tuple[str, ...]) -> bool:
    """Whether a role's capitalised modifiers name another party or nation than a
    description's (`named`, lower case): "Green nominee" against "the Labour nominee"."""
    if not named:
        return False
    capitalised = {w.lower() for w in role.split()[:-1] if w[:1].isupper()}
    return bool(capitalised) and not set(named) <= capitalised


def role_word(role: str) -> str:
    """The head word of a role, abbreviations spelt out: "Sen." -> "senator"."""
    word = role.lower().split()[-1].rstrip(".") if role.split() else ""
    return ROLE_ABBREVIATIONS.get(word, word)


def add_role_references(doc: Doc, builder: EntityBuilder) -> None:
    """"The senator" after "Sen. Jane Doe": a definite role noun refers to the latest
    person who holds that role in the article."""
    taken = {i for cluster in builder.clusters for i in cluster.tokens}
    roles = ROLE_HEADS | lexicon.OFFICE_NOUNS
    for i in _lemma_positions(doc, roles):
        token, lemma = doc[i], token_table(doc).folded_lemmas[i]
        # The model sometimes tags a lower-case "senator" as a proper noun.
        if token.i in taken or token.tag_ not in {"NN", "NNP"} or not token.is_lower:
            continue
        lefts = list(token.lefts)
        if not lefts or lefts[0].lower_ != "the" or any(
                t.dep_ not in {"det", "amod", "compound"} or t.lower_ in
                lexicon.NOT_CURRENT_HOLDER for t in lefts):
            continue
        modifiers = tuple(t.lower_ for t in lefts if t.dep_ in {"compound", "amod"})
        named = tuple(t.lower_ for t in lefts if t.dep_ in {"compound", "amod"}
                      and t.text[:1].isupper() and t.i > lefts[0].i)
        target = referent_of_role(builder, lemma, token.idx, modifiers, named)
        if target is None or target.anonymous:
            continue
        phrase = doc[lefts[0].i:token.i + 1]
        target.add(phrase.start_char, phrase.end_char, phrase.text, "description",
                   range(phrase.start, phrase.end))
        taken.update(range(phrase.start, phrase.end))


# -- 5. pronouns ----------------------------------------------------------------------


def inside_quotes(token: Token) -> bool:
    """True when an odd number of quotation marks precede the token in its sentence."""
    first = sentence_bounds(token.doc, token.i)[0]
    texts = token_table(token.doc).texts
    marks = sum(1 for i in range(first, token.i) if texts[i] in lexicon.DOUBLE_QUOTES)
    opening = texts[first - 1] if first else ""
    return (marks % 2 == 1) or (marks == 0 and opening in lexicon.OPEN_QUOTES)


def mention_role(tokens: list[Token]) -> int:
    """Salience of a mention by its grammatical role: subject > possessor > other."""
    deps = {t.dep_ for t in tokens}
    if deps & SUBJECT_DEPS:
        return 3
    if "poss" in deps:
        return 2
    return 1


def add_name_genders(builder: EntityBuilder) -> None:
    """A person whose full name starts with a given name that tells a sex has that sex,
    unless a role said otherwise or the names disagree: "she" then never resolves to a man
    named before her (and "his" does not make a woman "m" for the rest of the article)."""
    for cluster in builder.clusters:
        if cluster.label == "PERSON" and cluster.gender is None:
            cluster.gender = told_gender(cluster)


def resolve_pronouns(doc: Doc, builder: EntityBuilder) -> None:
    """Attach he/him/his and she/her/hers to the person they most likely refer to."""
    owner: dict[int, Cluster] = {}
    for cluster in builder.clusters:
        if cluster.label == "PERSON":
            for i in cluster.tokens:
                owner[i] = cluster
    sentences = list(doc.sents)
    index_of = {}
    for number, sent in enumerate(sentences):
        for i in range(sent.start, sent.end):
            index_of[i] = number
    lowers = token_table(doc).lowers
    for i in (k for k, lower in enumerate(lowers) if lower in lexicon.PRONOUN_GENDER):
        token = doc[i]
        gender = lexicon.PRONOUN_GENDER[lowers[i]]
        if token.pos_ != "PRON":
            continue
        cluster = pronoun_referent(token, gender, sentences, index_of, owner)
        if cluster is None:
            continue
        cluster.add(token.idx, token.idx + len(token.text), token.text, "pronoun", (token.i,))
        owner[token.i] = cluster
        cluster.gender = cluster.gender or gender


def pronoun_referent(token: Token, gender: str, sentences: list, index_of: dict,
                     owner: dict[int, Cluster]) -> Cluster | None:
    quoted = inside_quotes(token)

    def fits(cluster: Cluster) -> bool:
        return cluster.gender in (None, gender)

    sent = sentences[index_of[token.i]]
    # Inside a quotation the speaker would say "I", so the speaker is not a candidate.
    speakers = set()
    doc = token.doc
    if quoted:
        speakers = {id(owner[i]) for i in range(sent.start, sent.end) if i in owner
                    and doc[i].dep_ in SUBJECT_DEPS and not inside_quotes(doc[i])}
    # Same sentence: the nearest person before the pronoun ("X vowed his country ...").
    for i in range(token.i - 1, sent.start - 1, -1):
        cluster = owner.get(i)
        if cluster is not None and fits(cluster) and id(cluster) not in speakers:
            return cluster
    # Earlier sentences: the most salient person of the nearest sentence that has one.
    first = index_of[token.i]
    for number in range(first - 1, max(-1, first - 1 - PRONOUN_WINDOW), -1):
        candidates: dict[int, tuple[int, int]] = {}
        clusters: dict[int, Cluster] = {}
        sentence = sentences[number]
        for i in range(sentence.start, sentence.end):
            cluster = owner.get(i)
            if cluster is None or not fits(cluster):
                continue
            rank = (mention_role([doc[i]]), i)
            key = id(cluster)
            clusters[key] = cluster
            candidates[key] = max(candidates.get(key, (0, 0)), rank)
        if candidates:
            best = max(candidates, key=candidates.__getitem__)
            return clusters[best]
    return None


# -- the stage ------------------------------------------------------------------------


def build_entities(doc: Doc, gazetteer: Gazetteer) -> list[Cluster]:
    """All entity clusters of a parsed text, in order of first mention."""
    mentions = name_mentions(doc)
    settle_labels(mentions, gazetteer)
    mentions = [m for m in mentions if not headline_fragment(m, mentions)]
    builder = EntityBuilder()
    for mention in mentions:
        cluster = builder.add_name(mention)
        if mention.label == "PERSON":
            add_roles(cluster, mention.span)
    join_short_names(builder)
    join_org_short_names(builder)
    propagate_names(doc, builder)
    add_unnamed_sources(doc, builder)
    add_office_holders(doc, builder)
    add_role_references(doc, builder)
    add_name_genders(builder)
    resolve_pronouns(doc, builder)
    kept = [cluster for cluster in builder.clusters if cluster.mentions]
    return sorted(kept, key=lambda c: min(m[0] for m in c.mentions))


def display_name(cluster: Cluster) -> str:
    if cluster.anonymous:
        return cluster.forms[0]
    label = cluster.label
    if label in {"GPE", "LOC", "ORG"} and cluster.key in lexicon.CANONICAL_NAMES:
        return lexicon.CANONICAL_NAMES[cluster.key]
    if label == "NORP":
        return Counter(cluster.forms).most_common(1)[0][0]
    # The fullest form that recurs: a one-off run-on ("Jane Doe Slams Critics", from a
    # headline) loses to a full name written twice.
    counts = Counter(cluster.forms)
    return max(cluster.forms, key=lambda form: (len(form.split()) > 1, counts[form] > 1,
                                                len(form.split()), len(form)))


def make_entities(resources: Resources) -> Callable[[Document], None]:
    """The entities stage, with the places index it checks disputed place names against."""
    gazetteer = resources.gazetteer
    return lambda document: add_entities(document, gazetteer)


def add_entities(document: Document, gazetteer: Gazetteer) -> None:
    """The entities stage: fills `article.entities` and `document.entity_of_token`."""
    for number, cluster in enumerate(build_entities(document.doc, gazetteer), start=1):
        entity_id = f"e{number}"
        mentions = sorted(cluster.mentions)
        document.article.entities.append(Entity(
            id=entity_id,
            name=display_name(cluster),
            type=cluster.label,
            roles=cluster.roles,
            anonymous=cluster.anonymous,
            mentions=[Mention(start=s, end=e, text=t, kind=k) for s, e, t, k in mentions],
        ))
        for i in cluster.tokens:
            document.entity_of_token.setdefault(i, entity_id)
