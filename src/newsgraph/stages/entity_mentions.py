"""Step 1 of the entities stage: the name mentions of an article and their labels.

spaCy NER spans, trimmed ("the", possessives) and cut at line breaks, plus the states of
party tags ("R-Tenn."); then one label per surface form, voted with context (titles,
speech verbs, roles beside a name), and a person's surname or first name that NER typed
otherwise joins the person.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from newsgraph.stages import lexicon
from newsgraph.stages.doc_tables import doc_text, token_table
from newsgraph.stages.syntax import name_text, trim_span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from newsgraph.geo.gazetteer import Gazetteer

ENTITY_LABELS = {
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
    "LANGUAGE",
}

#: Words that end a name span but are not part of it ("Marching on Paris in").
EDGE_POS = {"ADP", "DET", "CCONJ", "SCONJ", "PUNCT", "PART", "AUX", "PRON"}

SUBJECT_DEPS = {"nsubj", "nsubjpass"}

#: Titles before a name that make it a person's ("Mr. Trump", "Sen. Warren").
PERSON_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gov", "governor", "president",
    "sir", "dame", "lord", "lady", "judge", "justice", "gen", "general", "col", "capt", "rev",
    "prof", "professor", "mayor", "minister", "secretary", "congressman", "congresswoman",
}

#: Head nouns a role is made of: people's offices, jobs and relations. A role's head must
#: be one of these or end like a person noun ("-er", "-ist", ...): "pathway" is no role.
ROLE_HEADS = {
    "chief", "head", "candidate", "nominee", "host", "judge", "wife", "husband", "son",
    "daughter", "mother", "father", "brother", "sister", "friend", "star", "coach", "veteran",
    "ceo", "chair", "boss", "heir", "ally", "rival", "critic", "founder", "president",
    "senator", "governor", "mayor", "secretary", "minister", "attorney", "general", "deputy",
    "delegate", "aide", "adviser", "advisor", "spokesman", "spokeswoman", "spokesperson",
    "associate", "partner", "colleague", "student", "professor", "economist", "analyst",
    "activist", "lawyer", "author", "editor", "columnist", "correspondent", "nurse",
    "doctor", "surgeon", "soldier", "officer", "captain", "sheriff", "pastor", "priest",
    "bishop", "rabbi", "imam", "actress", "actor", "singer", "comedian", "contestant",
    "incumbent", "challenger", "frontrunner", "front-runner", "chairman", "chairwoman",
    "congressman", "congresswoman", "representative", "lawmaker", "legislator", "official",
    "resident", "native", "citizen", "immigrant", "refugee", "victim", "survivor", "witness",
    "patient", "owner", "entrepreneur", "billionaire", "millionaire", "magnate", "mogul",
    "tycoon", "celebrity", "personality", "strategist", "pollster", "consultant", "expert",
    "scientist", "physician", "historian", "journalist", "reporter", "anchor", "commentator",
    "pundit", "nephew", "niece", "cousin", "uncle", "aunt", "grandson", "granddaughter",
    "girlfriend", "boyfriend", "fiancé", "fiancée", "widow", "widower", "child", "king",
    "queen", "prince", "princess", "emir", "sheikh", "envoy", "ambassador", "diplomat",
    "moderator", "presenter", "interviewer",
}

#: Faiths, which NER often types ORG: their followers are a group (NORP), no organisation.
RELIGIONS = {"islam", "christianity", "judaism", "hinduism", "buddhism", "sikhism",
             "catholicism", "protestantism", "mormonism"}

@dataclass
class NameMention:
    span: Span
    text: str
    label: str
    start: int
    """Character offset of `text` (past any whitespace the NER span starts with)."""




def trim_name(span: Span) -> Span | None:
    """The name inside an NER span: no leading "the", no trailing possessive or function word."""
    return trim_span(span, lambda t: t.pos_ in EDGE_POS or t.lower_ == "the",
                     lambda t: t.pos_ in EDGE_POS or t.tag_ == "POS")


def line_pieces(span: Span) -> list[Span]:
    """The parts of a span between line breaks: a name never runs over a paragraph break
    ("Florence Pugh\n\nPugh" is two mentions)."""
    pieces, start = [], span.start
    for token in span:
        if "\n" in token.text:
            if token.i > start:
                pieces.append(span.doc[start:token.i])
            start = token.i + 1
    if start < span.end:
        pieces.append(span.doc[start:span.end])
    return pieces


def name_pieces(span: Span) -> list[Span]:
    """The names in an NER span: cut at line breaks and colons ("Watchdog: State
    Department" is two), before a share ("Doe 34 percent" is Doe), and after a person's
    possessive ("Obama's State Department" is the department)."""
    pieces = []
    for line in line_pieces(span):
        start = line.start
        for token in line:
            if token.text == ":" or (token.lower_ in {"percent", "%"} and token.i > start):
                end = token.i - 1 if token.lower_ in {"percent", "%"} else token.i
                if end > start:
                    pieces.append(span.doc[start:end])
                start = token.i + 1
        if start < line.end:
            pieces.append(span.doc[start:line.end])
    return [after_possessive(piece) for piece in pieces]


def after_possessive(span: Span) -> Span:
    """"Obama's State Department" -> "State Department": an owner's name before a name
    of two words or more (not "McDonald's" or "Macy's Inc.")."""
    for token in span[1:-2]:
        if token.tag_ == "POS" and token.i - span.start == 1 and span.end - token.i > 2:
            return span.doc[token.i + 1:span.end]
    return span


def is_handle(span: Span) -> bool:
    """A social-media handle or hashtag ("@jane_doe", "#VoteNow"), which names no one."""
    text, start = doc_text(span.doc), span.start_char
    return text[start:start + 1] in {"@", "#"} or (start > 0 and text[start - 1] in {"@", "#"})


def name_mentions(doc: Doc) -> list[NameMention]:
    """NER mentions worth keeping, with their surface text normalised, and the states
    of "R-Tenn."-style party tags that NER leaves out."""
    found = []
    for whole in doc.ents:
        if whole.label_ not in ENTITY_LABELS:
            continue
        for piece in name_pieces(whole):
            for ent in state_split(piece) if whole.label_ == "GPE" else [piece]:
                mention = name_mention(ent, whole.label_)
                if mention is not None:
                    found.append(mention)
    taken = {t.i for mention in found for t in mention.span}
    for state in party_states(doc):
        if state.start not in taken:
            found.append(NameMention(state, state.text, "GPE", state.start_char))
    return sorted(found, key=lambda m: m.start)


@lru_cache(maxsize=1)
def state_abbreviations() -> frozenset[str]:
    """AP-style abbreviations of US states ("Tenn.", "N.Y.")."""
    from newsgraph.geo.gazetteer import US_STATE_ABBREVIATIONS

    return frozenset(form for forms in US_STATE_ABBREVIATIONS.values() for form in forms)


def state_split(span: Span) -> list[Span]:
    """"Staunton Va." is a town and its state: two places."""
    if len(span) > 1 and span[-1].text in state_abbreviations() \
            and not span[-2].is_punct:
        return [span[:-1], span[-1:]]
    return [span]


def party_states(doc: Doc) -> list[Span]:
    """The state of a legislator's party tag: "Bob Smith, R-Tenn., said" -> Tenn."""
    states = state_abbreviations()
    found = []
    texts = token_table(doc).texts
    for i in range(2, len(texts)):
        if texts[i] in states and texts[i - 1] == "-" and texts[i - 2] in {"R", "D", "I"}:
            found.append(doc[i:i + 1])
    return found


def name_mention(ent: Span, label: str) -> NameMention | None:
    """One NER span (or a line of it) as a name mention; None when it is no name."""
    span = trim_name(ent)
    if span is None or is_handle(ent) or is_handle(span):
        return None
    start, text = name_text(span)
    if sum(ch.isalpha() for ch in text) < 2 or any(ch in text for ch in "[]{}<>|"):
        return None  # "I.", "W]e": an initial or a broken word, not a name
    if label == "ORG" and text.split()[-1] == "Act":
        return None  # a law, not an organisation
    if text.lower() in RELIGIONS:
        label = "NORP"  # a faith, not an organisation
    # A "name" that starts with a verb or a lower-case word is a mis-tagged phrase.
    if span[0].pos_ == "VERB" or (span[0].is_lower and label != "NORP"):
        return None
    return NameMention(span, text, label, start)


def is_known_place(name: str, gazetteer: Gazetteer) -> bool:
    """A country, a US state or a city of 15,000+ people of that name (the places index)."""
    from newsgraph.geo.gazetteer import ABBREVIATION

    for candidate in gazetteer.candidates(name):
        place = candidate.place
        if candidate.kind == ABBREVIATION:
            continue
        if place.feature == "country" or (place.feature == "admin1" and place.country == "US") \
                or (place.feature == "city" and place.population >= 15000):
            return True
    return False


def named_as_place(mention: NameMention) -> bool:
    """"the town of Kitui", "the city of X": a place noun and "of" right before the name."""
    start = mention.span.start
    doc = mention.span.doc
    return start >= 2 and doc[start - 1].lower_ == "of" and \
        doc[start - 2].lemma_.lower() in lexicon.PLACE_NOUNS


def settle_labels(mentions: list[NameMention], gazetteer: Gazetteer) -> None:
    """Give each surface form one label: the majority, with place names won by GPE."""
    for mention in mentions:
        if mention.label in {"PERSON", "ORG"} and named_as_place(mention):
            mention.label = "GPE"
    cut_run_ons(mentions)
    votes: dict[str, Counter] = defaultdict(Counter)
    for mention in mentions:
        # A title or a speech verb is context: "Mr. Trump", "Trump said" are a person.
        weight = 3 if mention.label == "PERSON" and person_context(mention.span) else 1
        votes[mention.text.lower()][mention.label] += weight
    for mention in mentions:
        counts = votes[mention.text.lower()]
        if len(counts) == 1:
            continue
        if counts["GPE"] and (counts["PERSON"] or counts["ORG"]) \
                and is_known_place(mention.text, gazetteer):
            mention.label = "GPE"
            continue
        top = max(counts.values())
        best = [label for label in counts if counts[label] == top]
        mention.label = best[0] if len(best) == 1 else max(best, key=lexicon.LABEL_PRIORITY.get)
    # A name made a person by its context ("Ana Ruiz, the moderator,") lends its
    # surname and first name to the mentions NER typed otherwise, so it comes first.
    people_by_context(mentions, gazetteer)
    join_surnames(mentions, gazetteer)


def people_by_context(mentions: list[NameMention], gazetteer: Gazetteer) -> None:
    """A name NER never called a person is one when the text says so: a title before it
    ("Ms. Ruiz") or a person's role beside it ("Ana Ruiz, the moderator,")."""
    forms = {m.text for m in mentions if m.label in {"ORG", "GPE", "LOC", "FAC"}
             and len(m.text.split()) > 1 and (titled(m.span) or role_beside(m.span))}
    forms = {form for form in forms if not is_known_place(form, gazetteer)}
    for mention in mentions:
        if mention.text in forms:
            mention.label = "PERSON"


def titled(span: Span) -> bool:
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in PERSON_TITLES


def role_beside(span: Span) -> bool:
    """An apposition whose head is a person's role ("…, the moderator,")."""
    root = span.root
    appositions = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
    return any(c.pos_ == "NOUN" and (c.lemma_.lower() in ROLE_HEADS or c.lemma_.lower() in
               lexicon.SOURCE_NOUNS or c.lemma_.lower() in lexicon.OFFICE_NOUNS)
               for c in appositions)


def cut_run_ons(mentions: list[NameMention]) -> None:
    """A name NER ran on into a headline's words ("Obama Seeks", "Jane Doe Slams Critics")
    is cut back to the name the article uses elsewhere, when the longer form is used once."""
    texts = Counter(mention.text for mention in mentions)
    words = Counter(word for mention in mentions for word in mention.text.split())
    people = {m.text for m in mentions if m.label == "PERSON"}
    for mention in mentions:
        span = mention.span
        if mention.label != "PERSON" or len(span) < 2 or texts[mention.text] > 1:
            continue
        own = Counter(mention.text.split())
        for size in range(len(span) - 1, 0, -1):
            prefix = span.doc[span.start:span.start + size]
            # Words of other names ("Trump" of "Ivana Trump") are no headline words.
            if prefix.text in people and all(words[t.text] == own[t.text]
                                             for t in span[size:]):
                mention.span, mention.text = prefix, prefix.text
                break


#: A headline "organisation" of this many words or more may be a run of headline words.
HEADLINE_RUN_WORDS = 4


#: Function words a title-case headline capitalises ("Firing Of Staff"); inside a name
#: in running text they stay lower case ("Bank of Ireland").
HEADLINE_FUNCTION_WORDS = {"Of", "To", "For", "On", "In", "At", "By", "With", "And", "From",
                           "Over", "As", "Into", "About"}


def headline_fragment(mention: NameMention, mentions: list[NameMention]) -> bool:
    """Title-case headline words NER took for an organisation, in the first line and used
    once: a long run holding a person's name ("Mayor Doe Slams Budget Plan"), words
    joined by a capitalised function word ("Firing Of Staff"), or one common noun that
    the article writes in lower case elsewhere ("Media Ignore …" / "the media")."""
    words = mention.text.split()
    text = doc_text(mention.span.doc)
    if mention.label != "ORG" or "\n" in text[:mention.start]:
        return False
    if sum(1 for m in mentions if m.text == mention.text) > 1:
        return False
    if len(words) > 1 and any(word in HEADLINE_FUNCTION_WORDS for word in words[1:-1]):
        return True
    if len(words) == 1 and mention.text.isalpha() and not mention.text.isupper() and \
            re.search(rf"\b{re.escape(mention.text.lower())}\b", text[mention.span.end_char:]):
        return True
    if len(words) < HEADLINE_RUN_WORDS:
        return False
    people = {w for m in mentions if m.label == "PERSON" for w in m.text.split()}
    return any(word in people for word in words)


def person_context(span: Span) -> bool:
    """A person's title right before the name, or the name as the subject of a verb."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in PERSON_TITLES:
        return True
    return span.root.dep_ in SUBJECT_DEPS and span.root.head.pos_ == "VERB"


def join_surnames(mentions: list[NameMention], gazetteer: Gazetteer) -> None:
    """A person's surname, first name or full name that NER called an organisation, a
    place or anything else joins the person ("Donald Trump" ... "Trump" ORG, "Melania"
    GPE beside "Melania Trump"), unless the word is a known place name not used as a
    person ("Trump said")."""
    names: set[str] = set()
    for mention in mentions:
        words = mention.text.split()
        if mention.label == "PERSON" and len(words) > 1:
            names.update({mention.text.lower(), words[-1].lower()})
            if len(words[0].strip(".")) > 1:
                names.add(words[0].lower())
    # One sense per article: a form used once as a person ("Lester doesn't") is one; a
    # person's own name as the subject of any verb counts ("Garland is the nominee").
    as_person = {m.text.lower() for m in mentions if person_context(m.span)
                 or m.span.root.dep_ in SUBJECT_DEPS}
    for mention in mentions:
        if mention.label == "PERSON" or mention.text.lower() not in names:
            continue
        if mention.label in {"GPE", "LOC"} and is_known_place(mention.text, gazetteer) \
                and mention.text.lower() not in as_person:
            continue  # "Washington" beside "George Washington" stays the place
        mention.label = "PERSON"
