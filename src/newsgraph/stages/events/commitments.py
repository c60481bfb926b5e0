"""Acts announced by their own actor for the future are promises or threats (PLOVER AGREE
and THREATEN; CAMEO 03 "express intent to cooperate" and 13 "threaten"): "the kidnappers said
they would let the aid workers go" is an AGREE, "the union said it will blockade the port" a
THREATEN. What others predict ("analysts said the army will attack") stays intended."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.stages.events import lexicon as lex
from newsgraph.stages.events.lexicon import Code

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsgraph.stages.events.mentions import Argument

#: Types whose promise is an AGREE (CAMEO 03x: intent to meet, help, cooperate, yield).
COOPERATIVE_TYPES = frozenset("CONSULT SUPPORT COOPERATE AID RETREAT CONCEDE".split())
#: Types whose announcement is a THREATEN (CAMEO 13x: to boycott, sanction, protest, fight).
CONFLICT_TYPES = frozenset("ASSAULT COERCE SANCTION MOBILIZE PROTEST".split())
#: CAMEO codes of a promise of each cooperative type.
PROMISE_CAMEO = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033",
                 "RETREAT": "035", "CONCEDE": "035"}
#: CAMEO codes of a threat of each conflictual type.
THREAT_CAMEO = {"ASSAULT": "138", "COERCE": "137", "SANCTION": "131", "MOBILIZE": "138",
                "PROTEST": "133"}
#: What an act of cooperation its own actor announces they will not do is (PLOVER REJECT;
#: CAMEO 125 "reject proposal to meet", 12 otherwise).
REFUSAL = {"CONSULT": Code("REJECT", "125", "meet"), "SUPPORT": Code("REJECT", "120"),
           "COOPERATE": Code("REJECT", "120"), "AID": Code("REJECT", "120", "assist"),
           "CONCEDE": Code("REJECT", "120", "yield")}
#: Verbs that announce what their subject will do ("said", "announced", "told").
ANNOUNCING_VERBS = lex.REPORTING_VERBS | frozenset("declare warn vow swear pledge promise".split())
#: Adjectives of a readiness that, when announced, is a promise: "told us they are ready to".
WILLING_WORDS = frozenset("willing ready prepared".split())
#: Pronouns that refer back to the one who speaks.
BACK_REFERENCES = frozenset("he she it they we i".split())
#: Links followed from a trigger up to the clause that carries its tense.
CLAUSE_LINKS = frozenset("xcomp conj dobj".split())


def announced_by_actor(first: Token) -> tuple[bool, bool]:
    """(future, willing): is the clause of `first` an act its own subject announces for the
    future ("said they would let them go", "will pull out"), or one they declare
    themselves ready to do ("told reporters they are ready to pull back")?"""
    clause = first
    willing = False
    for _ in range(5):
        if any(c.dep_ == "preconj" and c.lower_ == "either" for c in clause.children):
            return False, False  # "will either settle or face a hearing": no promise
        auxiliaries = {c.lower_ for c in clause.children if c.dep_ == "aux"}
        if clause.dep_ == "xcomp" and clause.head.lemma_.lower() in WILLING_WORDS:
            willing = True
        if auxiliaries & lex.FUTURE_MODALS or "would" in auxiliaries or willing:
            break
        if clause.dep_ not in CLAUSE_LINKS or clause.head.i == clause.i:
            return False, False
        clause = clause.head
    else:
        return False, False
    if willing:
        clause = first.head.head if first.head.dep_ == "acomp" else first.head
    auxiliaries = {c.lower_ for c in clause.children if c.dep_ == "aux"}
    reported = clause.dep_ == "ccomp" and clause.head.lemma_.lower() in ANNOUNCING_VERBS
    if reported:
        return own_voice(clause), willing
    if willing or "would" in auxiliaries:
        return False, False  # an unreported "would" is a condition, a readiness a state
    return True, False


def reported(first: Token) -> bool:
    """Is the clause of `first` what an announcing verb reports ("said he would not")?"""
    clause = first
    for _ in range(5):
        if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in ANNOUNCING_VERBS:
            return True
        if clause.dep_ not in CLAUSE_LINKS or clause.head.i == clause.i:
            return False
        clause = clause.head
    return False


def own_voice(clause: Token) -> bool:
    """Is the subject of a reported clause the speaker: "Ruritania said it will ..."?"""
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "expl"}), None)
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if subject is None or speaker is None:
        return subject is None
    if subject.lower_ in BACK_REFERENCES:
        return True
    return subject.lemma_.lower() == speaker.lemma_.lower()


def party(argument: Argument | None) -> bool:
    """A named or coded participant (a country, an organisation, a sector), not a thing."""
    return argument is not None and bool(argument.entity or argument.country or argument.sector)


def pledge_code(code: Code, first: Token, negated: bool, actor: Argument | None,
                target: Argument | None) -> Code | None:
    """The AGREE or THREATEN an act announced by its own actor is, or None; the REJECT a
    cooperation announced as not to be done is. A threat needs someone it is aimed at
    ("will kill animals" at a feast threatens nobody)."""
    if actor is None:
        return None
    future, willing = announced_by_actor(first)
    if negated:  # "said she would not meet the envoy": a refusal, told by its maker
        return REFUSAL.get(code.type) if future and not willing and reported(first) else None
    if not (future or willing):
        return None
    if code.type in COOPERATIVE_TYPES:
        return Code("AGREE", PROMISE_CAMEO[code.type])
    if code.type in CONFLICT_TYPES and not willing and party(target):
        return Code("THREATEN", THREAT_CAMEO[code.type])
    return None


#: Words of getting ready for an attack: for armed forces a show of force (PLOVER MOBILIZE,
#: CAMEO 15), not yet an assault: "troops prepared to storm the town".
PREPARING_WORDS = frozenset("prepare ready poise gear brace".split())
#: Sectors of armed actors.
ARMED_SECTORS = frozenset("MIL REB COP".split())


def preparation_code(code: Code, first: Token, actor: Argument | None) -> Code | None:
    """MOBILIZE for armed forces preparing an assault, or None."""
    if code.type != "ASSAULT" or actor is None or actor.sector not in ARMED_SECTORS:
        return None
    clause = first
    for _ in range(3):
        if clause.dep_ not in {"xcomp", "pcomp", "pobj", "prep"} or clause.head.i == clause.i:
            return None
        clause = clause.head
        if clause.lemma_.lower() in PREPARING_WORDS:
            return Code("MOBILIZE", "150")
    return None
