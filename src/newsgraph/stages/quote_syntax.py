"""Parse helpers of the quotes stage: who is a cue's subject, which words can speak, and
the character spans of clauses and objects. Shared by direct quotes (`quotes`) and
reported speech (`reported`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from newsgraph.stages import cues as lexicon
from newsgraph.stages import lexicon as entity_lexicon
from newsgraph.stages.doc_tables import token_table

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
#: Dependencies through which a cue without its own subject borrows its head's.
CLAUSE_LINKS = {"conj", "advcl", "xcomp", "acl", "relcl", "pcomp"}
#: Entity types that are never the one speaking.
NOT_SPEAKERS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
#: Things that "say" in the news: "the report says", "the letter reads", "the ad asks".
SPEAKING_THINGS = {
    "report", "statement", "letter", "ad", "advertisement", "spot", "video", "tweet", "post",
    "memo", "email", "e-mail", "study", "survey", "poll", "document", "filing", "ruling",
    "complaint",
    "lawsuit", "release", "transcript", "message", "note", "sign", "banner", "headline",
    "group", "campaign", "committee", "government", "ministry", "agency", "company", "party",
}



def subject_of(verb: Token, allowed: Callable[[Token], bool] = lambda t: True) -> Token | None:
    """The subject of a cue verb, looking through participles and coordination
    ("…, adding that" -> the subject of the verb it hangs on; "footage of X saying" -> X)."""
    token: Token | None = verb
    # "X said the mayor must decide, saying “…”": a participle of speech hung on a reported
    # clause speaks for the one who reports it, not for that clause's subject.
    host = verb.head
    if verb.tag_ == "VBG" and verb.dep_ in {"advcl", "xcomp"} and host.dep_ == "ccomp" and \
            is_cue_verb(host.head) and not any(c.dep_ in SUBJECTS for c in verb.children):
        token = host.head
    for _ in range(4):
        if token is None:
            return None
        for child in token.children:
            if child.dep_ in SUBJECTS and allowed(child) and (
                    child.ent_type_ not in NOT_SPEAKERS or is_share_of_people(child)):
                return child
        if token.dep_ == "acl" and token.tag_ == "VBG":
            sender = sender_of(token.head)
            if sender is not None:
                return sender
        if token.dep_ in {"acl", "relcl"} and could_be_speaker(token.head):
            return token.head
        # "She explained it by saying …": through the preposition to the verb it modifies.
        if token.dep_ == "pcomp" and token.head.lower_ == "by" and token.head.dep_ == "prep" and \
                token.head.head.pos_ in {"VERB", "AUX"}:
            token = token.head.head
            continue
        if token.dep_ in CLAUSE_LINKS and token.head.i != token.i:
            token = token.head
        else:
            return None
    return None


def is_share_of_people(token: Token) -> bool:
    """A poll's share standing for the people in it: "four in 10 (voters)", "half",
    "60 percent"."""
    if token.ent_type_ == "PERCENT" or token.lemma_.lower() in {"half", "third", "quarter",
                                                                 "majority", "plurality"}:
        return True
    if not token.like_num:
        return False
    children = list(token.children)  # "four in 10": parsed either way round
    return any(c.lower_ == "in" and any(o.like_num for o in c.children) for c in children) or (
        any(c.lower_ == "in" for c in children) and any(c.like_num for c in children))


def sender_of(noun: Token) -> Token | None:
    """Who sent a message that a participle describes: "she wrote a letter to the mayor
    asking …", "sent a note to Doe urging …" -> the subject of "wrote" / "sent", neither the
    addressee nor the letter."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.dep_ == "prep":
        noun = noun.head.head  # the letter, or the verb itself ("wrote to the mayor")
    if noun.pos_ in {"VERB", "AUX"}:
        verb = noun
    elif noun.dep_ == "dobj" and noun.lemma_.lower() in SPEAKING_THINGS | {"letter", "note"}:
        verb = noun.head
    else:
        return None
    return animate_subject(verb)


def animate_subject(verb: Token) -> Token | None:
    """The verb's subject when it can say something (`is_animate`)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and is_animate(subject) else None


def could_be_speaker(token: Token) -> bool:
    """A person, group or organisation word that a participle can describe ("X saying")."""
    return token.pos_ == "PRON" or token.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or \
        token.lemma_.lower() in entity_lexicon.SOURCE_NOUNS or \
        token.lemma_.lower() in SPEAKING_THINGS


def is_animate(token: Token) -> bool:
    """Whether a speaker word may say something: a name, a pronoun, a plural (critics,
    voters), a source, office or speaking thing — not "the value" or "the decline"."""
    lemma = token.lemma_.lower()
    return token.pos_ != "NOUN" or bool(token.ent_type_) or token.tag_ == "NNS" or \
        lemma in entity_lexicon.SOURCE_NOUNS or lemma in entity_lexicon.OFFICE_NOUNS or \
        lemma in SPEAKING_THINGS


def owners_of(thing: Token) -> list[Token]:
    """Who stands behind a speaking thing: "a statement from the Pentagon", "an e-mail
    by her aide" -> the object of "from"/"by"/"of" (empty for other speakers)."""
    if thing.lemma_.lower() not in SPEAKING_THINGS:
        return []
    return [pobj for prep in thing.children if prep.dep_ == "prep" and
            prep.lower_ in {"from", "by", "of"} for pobj in prep.children if pobj.dep_ == "pobj"]


def agent_of_passive(verb: Token) -> Token | None:
    """"… was said by X": the object of the agent "by"."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def phrase_of(head: Token) -> Span:
    """The words naming a speaker: the head with its left modifiers, not its clauses."""
    doc = head.doc
    table = token_table(doc)
    start = head.left_edge.i
    # A paragraph break ends a phrase: the parser may join a dateline or a time
    # stamp ("9:40 a.m.\n\nJo Doe said") to the subject of the next paragraph.
    breaks = [i for i in range(start, head.i) if "\n" in table.texts[i]]
    if breaks:
        start = breaks[-1] + 1
    while start < head.i and (table.puncts[start] or table.blanks[start]):
        start += 1
    end = head.i + 1
    while end < len(doc) and doc[end].dep_ in {"compound", "flat"} and doc[end].head.i == head.i:
        end += 1
    if head.pos_ in {"NUM", "PRON", "DET", "ADJ"}:  # "one of the aides": the group it names
        group = next((obj for child in head.rights if child.dep_ == "prep"
                      and child.lower_ == "of" for obj in child.children
                      if obj.dep_ == "pobj"), None)
        if group is not None:
            end = max(end, group.i + 1)
    return doc[start:end]


def is_cue_verb(token: Token) -> bool:
    """A verb that can introduce a quotation: speech verbs, and next to quotation marks
    also verbs like "continued", "sings" or "the letter reads"."""
    return is_cue_word(token.pos_, token.lemma_.lower())


def is_cue_word(pos: str, lemma: str) -> bool:
    """`is_cue_verb` of a token given its coarse tag and lowercase lemma."""
    return pos in {"VERB", "AUX"} and (
        lemma in lexicon.SPEECH_VERBS or lemma in lexicon.DIRECT_QUOTE_VERBS)


#: Verbs whose object is the one spoken to ("told reporters", "asked her"), not what is said.
ADDRESSEE_VERBS = {"tell", "ask", "assure", "reassure", "remind", "warn", "inform", "urge",
                   "caution", "advise", "thank"}


def is_addressee(verb: Token, child: Token) -> bool:
    """Whether `child` is the one `verb` speaks to: "told reporters", "asked him"."""
    return verb.lemma_.lower() in ADDRESSEE_VERBS and child.dep_ in {"dobj", "dative"} and (
        child.pos_ in {"PRON", "PROPN"} or child.tag_ == "NNS"
        or child.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}
        or child.lemma_.lower() in entity_lexicon.SOURCE_NOUNS
        or child.lemma_.lower() in entity_lexicon.OFFICE_NOUNS)


def has_content(verb: Token) -> bool:
    """Whether a cue says something of its own: a clause, an object or an infinitive
    (the one spoken to is no content: "“…,” she told reporters.")."""
    return any(c.dep_ in {"ccomp", "xcomp", "dobj", "csubj"} and not is_addressee(verb, c)
               for c in verb.children)


def clause_span(head: Token, exclude: set[int] | None = None) -> tuple[int, int] | None:
    """Character span of a clause: its subtree without a leading "that"/"if" and
    without edge punctuation or excluded tokens."""
    tokens = [t for t in head.subtree if not exclude or t.i not in exclude]
    while tokens and (tokens[0].is_punct or tokens[0].is_space or (
            tokens[0].dep_ == "mark" and tokens[0].lower_ in {"that", "whether", "if"})):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def with_predicate(verb: Token, head: Token, tokens: list[Token]) -> tuple[int, int] | None:
    """Character span of `tokens` (the cue's object, headed by `head`) with what the cue
    says of it: "called X baseless", "described X as …", "criticized X for …"."""
    for child in verb.children:
        if child.i > head.i and (child.dep_ == "oprd" or (
                child.dep_ == "prep" and child.lower_ in {"as", "for"})):
            tokens = tokens + list(child.subtree)
    words = sorted((t for t in tokens if not (t.is_punct or t.is_space)), key=lambda t: t.i)
    if not words:
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)


class SpeechFinder(Protocol):
    """What the reported-speech helpers (`speech_nouns`, `stance`) ask of the finder that
    calls them (`reported.ReportedSpeech`); a protocol, so that they need not import it."""

    in_marks: dict[int, int]

    def speaker_of(self, cue: Token) -> Token | None: ...

    def after_odd_marks(self, token: Token) -> bool: ...

    def quoted(self, start: int, end: int) -> bool: ...

    def within_paragraph(self, verb: Token, content: tuple[int, int] | None
                         ) -> tuple[int, int] | None: ...


@dataclass
class Attribution:
    """Who speaks (a token of the speaker phrase) through which cue, either may be unknown."""

    cue: Token | None
    speaker: Token | None
    #: The content is the cue's object ("criticized the plan"), not a clause.
    by_object: bool = False
    #: The speaker's whole phrase when it is no noun phrase of the parse (a heading).
    speaker_span: Span | None = None


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def share(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap of two spans as a share of the shorter one."""
    common = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return common / shorter if common > 0 and shorter > 0 else 0.0
