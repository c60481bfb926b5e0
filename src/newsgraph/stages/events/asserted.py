"""Is the event asserted by the text, as an act between parties?

- *Alleged content*: "a filing citing rumours that he said she had hit him": what an
  allegation says happened is that statement's content, not an event the article
  asserts (the allegation itself is the ACCUSE).
- *Opinions*: "his ex-wife agreed" (with nothing agreed to), "analyses agree": agreeing with
  a view is no agreement between parties; an agreement needs someone who can commit.
- *Standing rules*: "the curfew stays in force", "in defiance of the curfew": a rule in
  force named again is no new imposition; it is coded where someone imposes, declares or
  announces it, or when it is someone's.
- *Debates*: "the two finalists meet in the second of their debates": a contest, no
  consultation.
- *Stances told as states*: "the unions are opposed to the plan", "we remain committed to
  it": an attitude, not a statement or pledge made here.
- *Settings*: "during the summit", "in the wake of the talks": a meeting or statement named
  only as the time or scene of what the sentence tells is background, not coded alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.stages.events import context as ctx
from newsgraph.stages.events.arguments import sector_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsgraph.stages.events.lexicon import Code

#: Verbs and nouns whose clause is what someone alleges (or denies), not what the article
#: asserts.
ALLEGING = frozenset("""
allege allegation accuse accusation insinuate rumor rumour deny denial
""".split())
#: Modes of rules that are in force once imposed.
STANDING_MODES = frozenset("curfew restrict".split())
#: Verbs that impose, declare or end a rule: the event is told there.
IMPOSING_VERBS = frozenset("""
impose declare announce order enforce extend lift slap introduce issue proclaim decree
reimpose tighten relax ease end
""".split())
#: Meetings and statements: as a setting ("during the talks") they are background, while
#: fighting or a protest named as a setting still happened and is coded.
TALK_TYPES = frozenset("CONSULT ACCUSE SUPPORT REQUEST REJECT THREATEN AGREE".split())
#: Verbs whose passive with "to" names a standing attitude: "are opposed to", "is committed
#: to", not an act of opposing or pledging.
STANCE_STATE_VERBS = frozenset("oppose commit dedicate devote".split())
STANCE_STATE_WORDS = frozenset("opposed committed dedicated devoted".split())
#: Prepositions that make their object the time or scene of the clause: "during the talks".
SETTING_PREPOSITIONS = frozenset("during amid amidst throughout".split())
#: Nouns of "in the wake of X": X is the time of the clause.
SETTING_NOUNS = frozenset("wake aftermath midst course context".split())
#: Words of a debate between candidates.
DEBATE_WORDS = frozenset("debate debates".split())


def not_asserted(token: Token, lemma: str, code: Code, subject: Token | None) -> bool:
    """True when the text does not assert this event as an act between parties."""
    return (_alleged_content(token) or _opinion(token, lemma, code, subject)
            or _standing_rule(token, code) or _debate(token, lemma, code)
            or (code.type in TALK_TYPES and (background_setting(token)
                                             or attitude_topic(token)))
            or stance_state(token, lemma) or stance_content(token)
            or described_stance(token, lemma))


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
        return True  # "economists broadly agree ..."
    single = subject is not None and (subject.ent_type_ == "PERSON" or subject.lower_ in {
        "he", "she"})
    # one person agreeing *that* something is so shares a view ("she agreed that the rules
    # were outdated"); parties agree *to* or *on* something, or to do it
    complements = [c for c in token.children if c.dep_ in {"xcomp", "dobj"} or (
        c.dep_ == "ccomp" and not single) or (
        c.dep_ == "prep" and c.lower_ in {"to", "on", "upon", "with"})]
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


def background_setting(token: Token) -> bool:
    """A noun trigger named as the time or scene of its clause ("spoke during the riots",
    "resigned in the wake of the scandal"): the clause's own event is what is told."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    current = token
    while current.dep_ == "conj" and current.head.i != current.i:
        current = current.head
    if current.dep_ != "pobj":
        return False
    preposition = current.head
    if preposition.lower_ in SETTING_PREPOSITIONS:
        return True
    return preposition.lower_ == "of" and preposition.head.lemma_.lower() in SETTING_NOUNS \
        and preposition.head.dep_ == "pobj" and preposition.head.head.lower_ == "in"



def stance_state(token: Token, lemma: str) -> bool:
    """"The unions are opposed to the plan", "we stay committed to funding the clinics": a standing
    attitude told as a state, not a statement or a pledge made here (no "by" agent)."""
    if lemma not in STANCE_STATE_VERBS and token.lower_ not in STANCE_STATE_WORDS:
        return False
    if token.tag_ not in {"VBN", "JJ"}:
        return False
    children = list(token.children)
    stative = token.dep_ == "acomp" or any(c.dep_ == "auxpass" for c in children)
    return stative and not any(c.dep_ == "agent" for c in children) and any(
        c.dep_ == "prep" and c.lower_ == "to" for c in children)


#: Nouns of a state of mind whose "about", "over" or "of" phrase is what it is about.
ATTITUDE_NOUNS = frozenset("""
illusion concern fear worry doubt anxiety alarm awareness understanding unease suspicion
""".split())


def attitude_topic(token: Token) -> bool:
    """"fears over the governor's threat", "doubts about the union's demands": a
    statement named as what someone thinks or feels about was made before; it is told
    where it is made, not here."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ != "pobj":
        return False
    preposition = token.head
    return preposition.lower_ in {"about", "over", "of"} and (
        preposition.head.lemma_.lower() in ATTITUDE_NOUNS)


#: Verbs of a standing attitude towards a party or a measure.
STANCE_VERBS = frozenset("oppose support back favor favour endorse reject".split())


def described_stance(token: Token, lemma: str) -> bool:
    """"a senator who opposes the bill", "the group, which backs the mayor": a stance in the
    simple present of a relative clause describes who someone is, not a statement made."""
    return lemma in STANCE_VERBS and token.dep_ == "relcl" and token.tag_ in {"VBZ", "VBP"} \
        and not any(c.dep_ in {"aux", "auxpass", "npadvmod"} for c in token.children)


def stance_content(token: Token) -> bool:
    """What a standing attitude is towards: "committed to funding the clinics"."""
    if token.dep_ not in {"pcomp", "pobj"} or token.head.lower_ != "to":
        return False
    holder = token.head.head
    return stance_state(holder, holder.lemma_.lower())
