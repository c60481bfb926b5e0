"""Is the event asserted by the text, as an act between parties?

- *Alleged content*: "reports alleging that she claimed he had raped her": what an
  allegation says happened is that statement's content, not an event the article
  asserts (the allegation itself is the ACCUSE).
- *Opinions*: "his ex-wife agreed" (with nothing agreed to), "analyses agree": agreeing with
  a view is no agreement between parties; an agreement needs someone who can commit.
- *Standing rules*: "the curfew would continue", "in defiance of the curfew": a rule in
  force named again is no new imposition; it is coded where someone imposes, declares or
  announces it, or when it is someone's.
- *Debates*: "the candidates meet for the first of three debates": a contest, no
  consultation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.stages.events import context as ctx
from newsgraph.stages.events.arguments import sector_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsgraph.stages.events.lexicon import Code

#: Verbs and nouns whose clause is what someone alleges, not what the article asserts.
ALLEGING = frozenset("allege allegation accuse accusation insinuate rumor rumour".split())
#: Modes of rules that are in force once imposed.
STANDING_MODES = frozenset("curfew restrict".split())
#: Verbs that impose, declare or end a rule: the event is told there.
IMPOSING_VERBS = frozenset("""
impose declare announce order enforce extend lift slap introduce issue proclaim decree
reimpose tighten relax ease end
""".split())
#: Words of a debate between candidates.
DEBATE_WORDS = frozenset("debate debates".split())


def not_asserted(token: Token, lemma: str, code: Code, subject: Token | None) -> bool:
    """True when the text does not assert this event as an act between parties."""
    return (_alleged_content(token) or _opinion(token, lemma, code, subject)
            or _standing_rule(token, code) or _debate(token, lemma, code))


def _alleged_content(token: Token) -> bool:
    """The trigger sits in the clause of an allegation (a claim, "X claimed that Y
    attacked", is reported speech and stays)."""
    current = token
    for _ in range(6):
        head = current.head
        if head.i == current.i:
            return False
        if current.dep_ in {"ccomp", "acl"} and head.lemma_.lower() in ALLEGING:
            return True
        if current.dep_ not in {"ccomp", "conj", "acl", "xcomp", "advcl", "relcl"}:
            return False
        current = head
    return False


def _opinion(token: Token, lemma: str, code: Code, subject: Token | None) -> bool:
    if code.type != "AGREE" or lemma != "agree" or token.pos_ != "VERB":
        return False
    if subject is not None and not ctx.agentive(subject, None) and subject.ent_type_ == "" \
            and subject.pos_ != "PRON" and sector_of(subject) is None:
        return True  # "independent analyses agree ..."
    complements = [c for c in token.children if c.dep_ in {"xcomp", "ccomp", "dobj"} or (
        c.dep_ == "prep" and c.lower_ in {"to", "on", "upon", "with"})]
    single = subject is not None and (subject.ent_type_ == "PERSON" or subject.lower_ in {
        "he", "she"})
    return not complements and single  # "his ex-wife agreed": with a view


def _standing_rule(token: Token, code: Code) -> bool:
    if code.type != "COERCE" or code.mode not in STANDING_MODES or token.pos_ != "NOUN":
        return False
    if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in token.children):
        return False
    return not ctx.governed_by(token, IMPOSING_VERBS)


def _debate(token: Token, lemma: str, code: Code) -> bool:
    if code.type not in {"CONSULT", "AGREE"} or lemma not in {"meet", "face"}:
        return False
    return any(t.lemma_.lower() in DEBATE_WORDS for t in token.subtree)
