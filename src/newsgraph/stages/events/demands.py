"""Demands told as what another party must do (CAMEO 10, PLOVER REQUEST): "the minister
said the militias must disarm" is a demand on the militias; "he said he must
go" (the speaker's own duty) and "it must rain" are not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.stages.events import context as ctx
from newsgraph.stages.events.arguments import sector_of
from newsgraph.stages.events.lexicon import Code

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Reporting verbs whose "that X must ..." is a demand on X.
DEMAND_REPORTING_VERBS = frozenset("say announce insist state declare add stress".split())
#: Modals of an obligation laid on the clause's subject.
OBLIGATION_MODALS = frozenset("must should".split())


def reported_demand(verb: Token, lemma: str, agent: Token | None) -> Code | None:
    """REQUEST when a speaker who can act says another named party must do something."""
    if lemma not in DEMAND_REPORTING_VERBS or agent is None:
        return None
    if not ctx.agentive(agent, sector_of(agent)):
        return None
    for clause in verb.children:
        if clause.dep_ != "ccomp" or not any(
                c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in clause.children):
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
