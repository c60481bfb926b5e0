"""Did it happen? Negation ("no truce", "without a deal"), conditions ("if X invades") and
intent ("threatened to invade", "a push for a ceasefire") of a trigger, from its own
dependents and the clauses that govern it; and the PLOVER recoding of committed future
acts ("will meet" is AGREE, a promised retreat CONCEDE)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from newsgraph.stages.doc_tables import sentence_bounds
from newsgraph.stages.events import context as ctx
from newsgraph.stages.events import lexicon as lex
from newsgraph.stages.events.arguments import SUBJECTS
from newsgraph.stages.events.lexicon import Code

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Modifiers of an event noun that put it in the future.
PROSPECTIVE_ADJECTIVES = frozenset("""
possible potential planned proposed future imminent expected likely upcoming forthcoming
prospective threatened
""".split())
#: Nouns whose "of" phrase has not happened (yet).
ANTICIPATION_NOUNS = frozenset("anticipation expectation fear threat prospect risk".split())
#: Prepositions whose object has happened: "during the clashes", "after the attack".
PRESUPPOSING = frozenset("during amid after following despite since".split())
#: Words after which "for X" is asked for, not done: "a push for a ceasefire".
REQUESTING = frozenset("call push press ask appeal plead campaign pressure".split())
#: Verbs whose object did not happen: "foiled an attack", "to avoid arrest".
PREVENTING_VERBS = frozenset("""
foil thwart prevent avert avoid escape evade dodge forestall preempt pre-empt
""".split())
#: Verbs whose object is ahead, feared or awaited: "faces arrest", "fearing attacks".
AWAITING_VERBS = frozenset("face risk fear await expect anticipate".split())
#: Words whose infinitive is a readiness or a mission, not an act: "ready to counter an
#: airstrike", "a force charged with fighting".
READINESS_WORDS = frozenset("ready prepared poised willing able eager task mandate".split())
#: Verbs whose "for X" is ahead: "mobilizing for an attack", "bracing for sanctions".
PREPARING_VERBS = frozenset("""
prepare ready brace gear mobilize mobilise mass train arm equip head
""".split())
#: Words of trying: an attempted assassination is itself an assault (CAMEO 185 "attempt to
#: assassinate", ASSAULT in CAMEO2PLOVER), successful or not.
ATTEMPT_WORDS = frozenset("attempt try".split())
ASSASSINATION = "186"
#: Governors of an imminent act, or of the content of an AGREE coded on its own.
NOT_COMMITTING = {"about", "agree", "accept"}
#: Types that a future, committed act turns into (PLOVER AGREE and CONCEDE notes).
FUTURE_TYPES = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT"}
#: CAMEO "express intent" codes of future cooperation.
FUTURE_CAMEO = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033"}


class Modality(NamedTuple):
    """How a trigger is reported: all False means it is coded as having happened."""

    negated: bool = False
    hypothetical: bool = False
    intended: bool = False


#: Verbs whose "that" may drop before a subjunctive: "insisted the minister resign".
MANDATIVE_VERBS = frozenset("""
insist demand ask request urge propose suggest recommend require order
""".split())
#: What a ruled-out act "is": "lifting the curfew is off the table" (also "out of" a
#: "question", checked word by word in `ruled_out`).
RULED_OUT = ("off the table", "not an option", "no option", "unthinkable", "not on the table")
#: Time clauses whose present tense tells what has not happened yet: "before they disarm",
#: "until the troops withdraw", "once the talks resume" (told when done: "before they fled").
AWAITED_MARKS = frozenset("before until till once".split())
PRESENT_TAGS = frozenset("VB VBP VBZ".split())
#: Nouns of likelihood: "no chance that X will" denies that X will.
CHANCE_NOUNS = frozenset("chance way possibility likelihood prospect question".split())


def modality(token: Token, code: Code, start: int) -> Modality:
    """Negated, hypothetical, intended: from the trigger's clause and its governors."""
    negated = hypothetical = intended = False
    first = token.doc[start] if start != token.i else token
    for t in {token, first}:
        for child in t.children:
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and word == "no") or word == "never":
                negated = True
            elif child.dep_ in {"aux", "auxpass"}:
                if word in lex.HYPOTHETICAL_MODALS:
                    hypothetical = True
                elif word in lex.FUTURE_MODALS or word == "must":
                    intended = True
            elif child.dep_ == "mark" and word in lex.CONDITIONAL_MARKS:
                hypothetical = True
            elif child.dep_ == "mark" and word in AWAITED_MARKS and t.tag_ in PRESENT_TAGS:
                intended = True  # "must free them before the fighters disarm": not yet done
            elif child.dep_ == "amod" and word in PROSPECTIVE_ADJECTIVES and not (
                    under_way(t)):
                intended = True  # "a possible ground invasion", "the planned talks"
            elif child.dep_ in SUBJECTS and any(g.lower_ == "neither" for g in child.children):
                negated = True  # "neither the union nor the owners signed the deal"
    if supposed(token):
        hypothetical = True  # "Suppose the army withdrew ...": a supposition
    if mandative(first):
        intended = True  # "insisted that the president resign": asked for, not done
    if ruled_out(first):
        negated = True  # "lifting the curfew is off the table": refused, not done
    statement_noun = token.pos_ != "VERB" and code.type in lex.VERBAL_TYPES
    current = first
    for _ in range(10):
        head = current.head
        if head.i == current.i:
            break
        dep, word = current.dep_, lex.verb_lemma(head)
        if own_clause(current):
            current = head.head  # "refused to resign and attacked the paper": not refused
            continue
        if dep == "advcl" and participle(current) and word in lex.INTENT_GOVERNORS and (
                code.type in lex.VERBAL_TYPES):
            pass  # "Mocking X, she vowed to ...": said alongside, not vowed
        elif dep == "conj" and without_conjunct(current, head):
            negated = True  # "left without a fight or firing a shot"
        elif dep in {"pobj", "pcomp"}:
            if word in PRESUPPOSING:
                break  # "during a clash", "after the attack": happened, whatever governs it
            if word == "without":
                negated = True  # "without a deal", "without firing a shot"
            elif prospective(current, head, word):
                intended = True
        elif dep == "prep" and word in lex.INTENT_GOVERNORS | READINESS_WORDS:
            intended = True  # "agreed to a ceasefire", "called for talks", "tasked with"
        elif dep == "prep" and current.lower_ in {"of", "for"} and head.pos_ == "NOUN" and (
                word in lex.PLAN_NOUNS | ANTICIPATION_NOUNS) and not statement_noun:
            intended = True  # "in anticipation of protests", "the threat of an attack"
        elif dep == "advcl" and purpose_clause(current):
            intended = True  # "changed the rules so that fewer people are deported": an aim
        elif dep == "advcl" and for_to(current):
            intended = True  # "its call for the army to withdraw": wanted, not done
        elif dep == "advcl" and any(c.dep_ == "mark" and c.lower_ not in
                                    lex.CONDITIONAL_MARKS for c in current.children):
            break  # "after three guards were killed": happened, whatever follows
        elif dep == "dobj" and word in lex.INTENT_GOVERNORS | {"plot", "plan", "prepare"}:
            intended = True  # "planning attacks", "ordered a withdrawal"
        elif dep == "dobj" and word in PREVENTING_VERBS:
            negated = True  # "foiled an attack", "fled to escape arrest"
        elif dep == "dobj" and word in AWAITING_VERBS and not (
                ctx.receiving_party(current) is not None):
            intended = True  # "faces deportation", "fearing reprisals" (criticism faced is made)
        elif dep == "ccomp" and word in lex.REPORTING_VERBS:
            break  # "agreed to a truce, an aide told Reuters": reported, not intended
        elif dep in {"xcomp", "ccomp", "acl", "advcl", "relcl", "pcomp"}:
            if dep in {"acl", "ccomp", "relcl"} and word in CHANCE_NOUNS and any(
                    c.lower_ in {"no", "little"} for c in head.children):
                negated = True  # "there is no chance the army will withdraw"
            elif word in lex.NEGATIVE_GOVERNORS and dep in {"xcomp", "pcomp"}:
                negated = True
            elif _infinitive(current, dep) and any(c.dep_ == "neg" for c in head.children):
                negated = True  # "did not allow them to carry out arrests"
            elif code.cameo == ASSASSINATION and word in ATTEMPT_WORDS and dep in {"xcomp", "acl"}:
                pass  # "gunmen tried to assassinate the judge": the attempt is the attack
            elif (word in lex.INTENT_GOVERNORS or word in lex.PLAN_NOUNS or word == "about"
                  or word in ctx.SCHEDULE_WORDS or word in READINESS_WORDS
                  or head.lower_ == "going") and dep != "relcl":
                intended = True
            elif dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                        for c in current.children) and not any(
                    c.dep_ == "mark" for c in current.children):
                # a purpose: "moved into the valley to hunt the rebels"; but a trip made to talk
                # is a meeting held: "flew to the capital to meet the president", and an
                # act done to protest is the protest: "closed their shops to protest"
                intended = not ((code.type == "CONSULT" and word in lex.VISIT_VERBS) or
                                protest_by_doing(current, code, first))
            elif dep in {"acl", "relcl"} and any(c.dep_ == "aux" and c.lower_ == "to"
                                                 for c in current.children):
                intended = True  # an infinitival relative: "a place to visit"
            if dep == "ccomp" and word in lex.REPORTING_VERBS:
                break
        if statement_noun and current is first:
            break  # a threat or demand happened whatever the clause around it says
        for child in head.children:
            cword = child.lower_
            if child.dep_ in {"aux", "auxpass"}:
                if cword in lex.HYPOTHETICAL_MODALS:
                    hypothetical = True
                elif cword in lex.FUTURE_MODALS or cword == "must":
                    intended = True  # "we cannot let them be harmed"
            elif child.dep_ == "mark" and cword in lex.CONDITIONAL_MARKS:
                hypothetical = True
        current = head
    return Modality(negated, hypothetical, intended)


def purpose_clause(clause: Token) -> bool:
    """A finite clause of purpose, "so that ...": an aim (the parser may read its
    "that" as a determiner of the clause's subject)."""
    doc = clause.doc
    return any(c.dep_ == "mark" and c.lower_ == "so" and c.i + 1 < len(doc) and
               doc[c.i + 1].lower_ == "that" for c in clause.children)


def protest_by_doing(clause: Token, code: Code, first: Token) -> bool:
    """"downed tools for a day to protest the rota": a protest verb that is the purpose of a
    done act (not one prepared for, as in "mobilised crowds to protest") is that act."""
    head = clause.head
    return code.type == "PROTEST" and clause.i == first.i and clause.pos_ == "VERB" and (
        head.tag_ == "VBD") and head.lemma_.lower() not in PREPARING_VERBS


def without_conjunct(conjunct: Token, head: Token) -> bool:
    """"without a fight or firing a shot": the second thing done without hangs from the
    preposition, or (a frequent misparse) from the verb, after its "without" phrase."""
    if head.lower_ == "without":
        return True
    if conjunct.tag_ != "VBG":
        return False
    return any(c.dep_ == "prep" and c.lower_ == "without" and head.i < c.i < conjunct.i
               for c in head.children) and any(
        c.dep_ == "cc" and c.lower_ in {"or", "nor"} and c.i < conjunct.i
        for c in head.children)


#: Verbs saying that what their subject names has started or taken place.
UNDER_WAY_VERBS = frozenset("begin start commence unfold occur happen resume continue".split())


#: Verbs of carrying an act out: "launched its long-planned offensive".
LAUNCHING_VERBS = frozenset("launch mount begin start stage unleash conduct carry wage".split())


def under_way(noun: Token) -> bool:
    """"the long-feared invasion began on Monday", "launched its long-awaited offensive":
    what was planned is now happening."""
    head = noun.head
    if noun.dep_ == "dobj" and lex.verb_lemma(head) in LAUNCHING_VERBS:
        return head.tag_ in {"VBD", "VBZ", "VBP", "VBN"} and not any(
            c.dep_ in {"aux", "neg"} and c.lower_ not in {"has", "have", "had"}
            for c in head.children)
    return noun.dep_ == "nsubj" and head.lemma_.lower() in UNDER_WAY_VERBS and (
        head.tag_ in {"VBD", "VBZ", "VBP", "VBN"}) and not any(
        c.dep_ in {"aux", "neg"} and c.lower_ not in {"has", "have", "had"}
        for c in head.children)


#: Verbs that, as a bare imperative, ask the reader to suppose what follows.
SUPPOSING_VERBS = frozenset("suppose imagine assume say picture".split())


def supposed(token: Token) -> bool:
    """"Suppose the army withdrew", "Say the talks fail": a sentence that opens with an
    imperative of supposing (however the parser read it) tells what did not happen."""
    opener = token.doc[sentence_bounds(token.doc, token.i)[0]]
    return opener.i < token.i and opener.lower_ in SUPPOSING_VERBS and opener.is_title and (
        opener.dep_ not in {"nsubj", "nsubjpass"}) and not any(
        c.dep_ in {"nsubj", "aux", "nsubjpass"} for c in opener.children)


def participle(clause: Token) -> bool:
    """A present participle hung from a verb with no conjunction or "to" ("..., saying",
    "mocking the plan"): what its subject does alongside the verb."""
    return clause.tag_ == "VBG" and not any(
        c.dep_ in {"mark", "aux", "auxpass"} for c in clause.children)


def own_clause(verb: Token) -> bool:
    """A finite verb joined to an infinitive ("refused to resign and attacked ..."): a
    clause of its own, coordinated with what governs the infinitive, whose negation,
    intent or condition it does not share."""
    head = verb.head
    return verb.dep_ == "conj" and verb.tag_ in {"VBD", "VBZ"} and head.dep_ == "xcomp" and (
        head.tag_ == "VB") and any(c.dep_ == "aux" and c.lower_ == "to"
                                   for c in head.children) and head.head.i != head.i


def _infinitive(clause: Token, dep: str) -> bool:
    """An infinitival complement: "allow them to arrest", "tried to attack"."""
    return dep == "xcomp" or (dep == "ccomp" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children))


def prospective(noun: Token, prep: Token, word: str) -> bool:
    """"before an all-out offensive", "a push for a ceasefire": not happened yet."""
    if word in {"before", "ahead"}:
        return any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children)
    if word == "for" and prep.head.pos_ == "VERB" and prep.head.lemma_.lower() in (
            lex.VISIT_VERBS | PREPARING_VERBS):
        return True  # "left for Cairo for talks", "mobilizing for an attack": ahead
    return word == "for" and prep.head.lemma_.lower() in lex.PLAN_NOUNS | REQUESTING


def committed(first: Token) -> bool:
    """Is a not-yet-happened act announced as the actor's own: "will meet", "agreed to
    restore ties", "left for Cairo for talks"? ("is about to" is imminent, not a pledge.)"""
    current = first
    for _ in range(8):
        if any(c.dep_ == "aux" and c.lower_ in lex.FUTURE_MODALS for c in current.children):
            return True
        head = current.head
        if head.i == current.i:
            return False
        word = head.lemma_.lower()
        if word in NOT_COMMITTING:
            return False  # imminent; or the content of an AGREE coded on its own
        if current.dep_ in {"xcomp", "ccomp", "prep", "pobj", "dobj"} and (
                word in ctx.COMMITTING_GOVERNORS):
            return True
        if current.dep_ == "pobj" and word == "for" and head.head.lemma_.lower() in (
                lex.VISIT_VERBS):
            return True
        current = head
    return False


def future_code(code: Code) -> Code:
    """PLOVER: future cooperation is AGREE; a promised retreat is CONCEDE."""
    if code.type in {"CONSULT", "SUPPORT", "COOPERATE", "AID"}:
        return Code("AGREE", FUTURE_CAMEO[code.type])
    if code.type == "RETREAT":
        return Code("CONCEDE", "080")
    return code


def for_to(verb: Token) -> bool:
    """A "for ... to" infinitive: "a call for troops to withdraw", "time for talks to
    resume" names what is wanted or possible, never what happened."""
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def mandative(verb: Token) -> bool:
    """The mandative subjunctive: "insisted that the president resign", "demanded he be
    released": a base-form verb with its own subject and no auxiliary of tense."""
    if verb.dep_ != "ccomp" or not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return False
    if not any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children) and (
            lex.verb_lemma(verb.head) not in MANDATIVE_VERBS):
        return False  # "helping the army fight the rebels", "saw the troops fire": done
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.tag_ == "VB":
        return not auxiliaries
    return verb.tag_ == "VBN" and len(auxiliaries) == 1 and auxiliaries[0].lower_ == "be"


def ruled_out(act: Token) -> bool:
    """An act as the subject of "is not an option", "is off the table" or out of question:
    ruled out, not done."""
    copula = act.head
    if act.dep_ not in {"csubj", "nsubj"} or copula.lemma_ != "be":
        return False
    said = " ".join(t.lower_ for t in copula.subtree if t.i > act.i and t.i not in {
        s.i for s in act.subtree})
    words = said.split()
    return any(phrase in said for phrase in RULED_OUT) or (
        "out" in words and "question" in words[words.index("out"):])
