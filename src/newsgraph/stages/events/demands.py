"""Demands told as what another party must do (CAMEO 10, PLOVER REQUEST): "the minister
said the militias must disarm" is a demand on the militias; "he said he must
go" (the speaker's own duty) and "it must rain" are not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.stages.events import context as ctx
from newsgraph.stages.events import lexicon as lex
from newsgraph.stages.events.arguments import sector_of
from newsgraph.stages.events.lexicon import Code

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Reporting verbs whose "that X must ..." is a demand on X.
DEMAND_REPORTING_VERBS = frozenset("""
say announce insist state declare add stress conclude argue maintain reiterate emphasise
emphasize underline assert contend write tweet post
""".split())
#: Modals of an obligation laid on the clause's subject.
OBLIGATION_MODALS = frozenset("must should".split())
#: Verbs of need that lay an obligation on their subject with "to": "X needs to resign".
NEED_VERBS = frozenset("need".split())
#: Verbs of knowing: what one "needs to know" is a warning or advice, not an act demanded.
KNOWING_VERBS = frozenset("""
know understand realize realise recognize recognise remember learn see hear remind
""".split())
#: Verbs of proposing whose "that X do ..." (the subjunctive) is a demand on X.
PROPOSING_VERBS = frozenset("suggest recommend propose urge insist demand ask request".split())


def demanded_clause(clause: Token, lemma: str) -> bool:
    """Does a speaker's clause say what must happen: "X must/should ...", "there needs to be
    an inquiry", or after a verb of proposing, "that X resign" (a bare verb, no modal)?"""
    auxiliaries = [c for c in clause.children if c.dep_ == "aux"]
    if any(a.lower_ in OBLIGATION_MODALS for a in auxiliaries):
        return True
    if any(c.dep_ == "expl" for c in clause.children) and clause.lemma_ == "need" and any(
            c.dep_ == "xcomp" and c.lemma_ == "be" for c in clause.children):
        return True  # "there needs to be an audit"
    if any(c.dep_ == "expl" for c in clause.children):
        return False  # ("there were two inquiries")
    if clause.lemma_.lower() in NEED_VERBS and any(
            c.dep_ == "xcomp" and c.pos_ == "VERB" and c.lemma_.lower() not in KNOWING_VERBS
            and any(
                g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            for c in clause.children):
        return True  # "the board needs to resign"
    return lemma in PROPOSING_VERBS and clause.tag_ == "VB" and not auxiliaries and any(
        c.dep_ == "nsubj" for c in clause.children)


#: Measures a party can be asked to take, beyond the event nouns: "there must be a law".
MEASURE_NOUNS = frozenset("""
law rule ban limit cap reform inquiry probe review audit vote election debate accountability
consequence penalty punishment investigation change action transparency oversight
""".split())
#: Endings of nouns of an act: "an investigation", "a settlement", "a resolution".
ACT_ENDINGS = ("tion", "sion", "ment")


def measure_demanded(clause: Token) -> bool:
    """Is what "there should be" an act or a measure ("an inquiry", "a law", "a ceasefire"),
    not a state of the world ("more rain")?"""
    for token in clause.subtree:
        if token.dep_ in {"attr", "nsubj"} and token.pos_ == "NOUN":
            lemma = token.lemma_.lower()
            return lemma in MEASURE_NOUNS or lemma in lex.NOUNS or lemma.endswith(ACT_ENDINGS)
    return False


def reported_demand(verb: Token, lemma: str, agent: Token | None) -> Code | None:
    """REQUEST when a speaker who can act says another named party must do something."""
    if lemma not in DEMAND_REPORTING_VERBS | PROPOSING_VERBS or agent is None:
        return None
    if not ctx.agentive(agent, sector_of(agent)):
        return None
    for clause in verb.children:
        if clause.dep_ != "ccomp" or not demanded_clause(clause, lemma):
            continue
        if any(c.dep_ == "expl" for c in clause.children):
            if lemma in DEMAND_REPORTING_VERBS and measure_demanded(clause):
                return Code("REQUEST", "100")  # "said there should be an inquiry"
            continue
        obliged = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if obliged is None or obliged.pos_ == "PRON" or obliged.lemma_ == agent.lemma_:
            continue
        if obliged.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or ctx.agentive(
                obliged, sector_of(obliged)):
            return Code("REQUEST", "100")
    return None


def obliged(first: Token) -> bool:
    """Is the act only what someone must or should do ("the president must resign")?"""
    clause = first
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in clause.children):
            return True
        if clause.dep_ not in {"xcomp", "conj"} or clause.head.i == clause.i:
            return False
        clause = clause.head
    return False
