"""Word senses that name no political event, found on news nobody tuned for (issue 16).

Each check reads the parse around one trigger: a fixed phrase ("weapons of mass
destruction"), a duty given ("charged with overseeing"), a quality shown ("demonstrated
courage"), a view shared ("agree with her assessment", "economists agree"), a visit to a
landmark rather than to a country or a person ("visited the old cathedral"), one's own record
touted ("touted his own record"), a participle that only describes a thing ("the parts
requested"), a plea in court ("pleaded guilty"), an admission ("conceded that the plan was
late"), a race won ("beat its rivals to the market"), sentencing as a topic ("the debate on
sentencing"), a protester who chains herself to a gate, a plan or a warrant executed and an
accident investigated. None names a person, place or
phrase of any evaluation text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.stages.events import context as ctx

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsgraph.stages.events.lexicon import Code

#: Gerunds of running something: "charged with overseeing the office" gives a duty.
DUTY_VERBS = frozenset("""
oversee lead run manage coordinate supervise direct head organise organize chart steer guide
shape develop implement administer draft review monitor protect maintain ensure deliver
negotiate represent advise
""".split())
#: Nouns of a task: "charged with the task of", "charged with responsibility for".
DUTY_NOUNS = frozenset("task duty responsibility job mission role oversight care".split())
#: Nouns of a view one can agree with: "agree with her assessment".
VIEW_NOUNS = frozenset("""
view sentiment opinion assessment comment remark argument position statement idea point
analysis conclusion criticism take premise characterization characterisation description
verdict diagnosis observation sentiments feeling concern
""".split())
#: Subjects that are one person: a demonstration is held by many.
SINGLE_PERSONS = frozenset("he she i".split())
#: Auxiliaries that make the content of "agreed that ..." a commitment, not an opinion.
COMMITTING_AUXILIARIES = frozenset("should will would must shall 'll".split())
#: Verbs of showing off: what one touts as one's own is no support of another party.
BOASTING_VERBS = frozenset("tout trumpet boast flaunt".split())
#: Possessives that point back at the subject: "boasted of his record".
OWN_POSSESSIVES = frozenset("his her its their my our own".split())
#: Places one visits as a sight, not a party: a visit to them is no meeting.
LANDMARK_NOUNS = frozenset("""
wall cathedral church mosque temple synagogue shrine museum memorial monument cemetery grave
tomb ruin ruins landmark gallery exhibition exhibit zoo park garden castle fort palace
""".split())


def no_event_sense(token: Token, lemma: str, code: Code, subject: Token | None) -> bool:
    """True when the trigger is used in one of the senses above."""
    return (_mass_destruction(token, code) or _duty_given(token, lemma, code)
            or _quality_shown(token, lemma, code, subject) or _view_shared(token, lemma, code)
            or _landmark_visit(token, lemma, code) or _own_merits(token, lemma, code)
            or _thing_described(token, code) or _plea_in_court(token, lemma, code)
            or _admitted(token, lemma, code) or _race_won(token, lemma, code)
            or _no_one_sentenced(token, code) or _bound_oneself(token, code)
            or _plan_carried_out(token, lemma, code) or _accident_looked_into(token, code))


def _mass_destruction(token: Token, code: Code) -> bool:
    """"weapons of mass destruction": a class of arms, not a destroying."""
    if code.type != "ASSAULT" or token.lower_ != "destruction" or token.i < 3:
        return False
    doc = token.doc
    return doc[token.i - 1].lower_ == "mass" and doc[token.i - 2].lower_ == "of" and (
        doc[token.i - 3].lemma_.lower() == "weapon")


def _duty_given(token: Token, lemma: str, code: Code) -> bool:
    """"was charged with overseeing the budget", "charged with the task of": a duty given,
    not an accusation ("charged with murdering" stays one)."""
    if code.type != "ACCUSE" or lemma != "charge" or token.pos_ != "VERB":
        return False
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "with"):
        for obj in prep.children:
            if obj.dep_ == "pcomp" and obj.lemma_.lower() in DUTY_VERBS:
                return True
            if obj.dep_ == "pobj" and ctx.noun_lemma(obj) in DUTY_NOUNS:
                return True
    return False


def _quality_shown(token: Token, lemma: str, code: Code, subject: Token | None) -> bool:
    """"demonstrated an ambition", "demonstrated that it works", "he has not demonstrated",
    "her resolve, demonstrated over years", "the data demonstrates": shown, not protested (a
    demonstration is held by many people)."""
    if code.type != "PROTEST" or lemma != "demonstrate" or token.pos_ != "VERB":
        return False
    if token.dep_ == "amod" or any(c.dep_ in {"dobj", "ccomp"} for c in token.children):
        return True
    if any(c.dep_ in {"nsubj", "nsubjpass"} and (
            c.lower_ in SINGLE_PERSONS or c.ent_type_ == "PERSON") for c in token.children):
        return True
    return subject is not None and subject.pos_ == "NOUN" and not ctx.agentive(subject, None) \
        and subject.ent_type_ == ""


def _view_shared(token: Token, lemma: str, code: Code) -> bool:
    """"agree with her assessment", "several economists agree", "analysts agreed it was a poor
    plan": a view shared; parties agree to or on something, or agreed (past) as an act, and
    "agreed that they should" commits them."""
    if code.type != "AGREE" or lemma != "agree" or token.pos_ != "VERB":
        return False
    children = list(token.children)
    if token.tag_ == "VBP" and any(c.dep_ == "nsubj" and c.lower_ == "i" for c in children):
        return True  # "I agree with her on taxes": one person's view, held now
    if any(c.dep_ in {"xcomp", "dobj"} or (
            c.dep_ == "prep" and c.lower_ in {"to", "on", "upon"}) for c in children):
        return False
    clauses = [c for c in children if c.dep_ == "ccomp"]
    if clauses:
        return not any(a.dep_ == "aux" and a.lower_ in COMMITTING_AUXILIARIES
                       for clause in clauses for a in clause.children)
    withs = [o for c in children if c.dep_ == "prep" and c.lower_ == "with"
             for o in c.children if o.dep_ == "pobj"]
    if withs:
        return all(ctx.noun_lemma(o) in VIEW_NOUNS for o in withs)
    return token.tag_ in {"VBP", "VBZ"}  # "analysts agree.": a present state of opinion


def _landmark_visit(token: Token, lemma: str, code: Code) -> bool:
    """"visited the old cathedral", "toured the war memorial": a sight, not a party."""
    if code.type != "CONSULT" or lemma not in {"visit", "tour"} or token.pos_ != "VERB":
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [c for o in objects for c in o.children if c.dep_ == "conj"]
    return bool(objects) and all(ctx.noun_lemma(o) in LANDMARK_NOUNS for o in objects)


def _own_merits(token: Token, lemma: str, code: Code) -> bool:
    """"the senator touted his own record": showing off one's own record, not support
    of another party ("touted the senator's record" stays support)."""
    if code.type != "SUPPORT" or lemma not in BOASTING_VERBS or token.pos_ != "VERB":
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    return bool(objects) and all(any(
        c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in o.children) for o in objects)


def _thing_described(token: Token, code: Code) -> bool:
    """"spare parts for the cars requested", "the requested files": a participle describing a
    thing, with no one who asked ("the files requested by the committee" stays a request)."""
    if code.type != "REQUEST" or token.tag_ != "VBN" or token.i == 0:
        return False
    described = token.head if token.dep_ in {"acl", "amod"} else token.doc[token.i - 1]
    if token.dep_ == "advcl" and any(  # misparsed: "for the cars requested."
            c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "dobj"} for c in token.children):
        return False
    if token.dep_ not in {"acl", "amod", "advcl"} or described.pos_ != "NOUN" or \
            ctx.agentive(described, None):
        return False
    return not any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                   for c in token.children)


#: What a defendant pleads: "pleaded guilty", "pleaded not guilty", "pleaded no contest".
PLEAS = frozenset("guilty innocent contest".split())


def _plea_in_court(token: Token, lemma: str, code: Code) -> bool:
    """"pleaded guilty to fraud", "pleaded not guilty": a plea in court, not a request
    ("pleaded with the captors to free him" stays one)."""
    if code.type != "REQUEST" or lemma != "plead":
        return False
    return any(c.lower_ in PLEAS or any(g.lower_ in PLEAS for g in c.children)
               for c in token.children if c.dep_ in {"acomp", "oprd", "advmod", "dobj", "attr"})


def _admitted(token: Token, lemma: str, code: Code) -> bool:
    """"conceded that the budget was late", "the plan is late, she conceded": to concede a
    clause is to admit it (a statement), not to yield to a party ("conceded defeat",
    "conceded the seat to her rival" stay)."""
    return code.type == "CONCEDE" and lemma == "concede" and any(
        c.dep_ == "ccomp" for c in token.children)


#: What one is beaten to when it is a beating: "beaten to death".
BEATEN_TO = frozenset("death pulp unconsciousness".split())


def _race_won(token: Token, lemma: str, code: Code) -> bool:
    """"beat its rivals to the market", "beating the others to a patent": getting somewhere
    first, not a beating ("beat him to death" stays one)."""
    if code.type != "ASSAULT" or lemma != "beat" or not any(
            c.dep_ == "dobj" for c in token.children):
        return False
    reached = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "to"
               for g in c.children if g.dep_ == "pobj"]
    return bool(reached) and not any(g.lemma_.lower() in BEATEN_TO for g in reached)


def _no_one_sentenced(token: Token, code: Code) -> bool:
    """"lawmakers debate sentencing", "sentencing guidelines": a court's penalty needs someone
    it falls on ("sentenced the treasurer", "found guilty of bribery")."""
    return code.type == "SANCTION" and code.mode == "convict" and not any(
        c.dep_ in {"dobj", "nsubjpass"} for c in token.children)


#: Objects that turn an act on oneself: "handcuffed herself to the railings".
REFLEXIVE_OBJECTS = frozenset("""
himself herself themselves itself myself ourselves yourself yourselves
""".split())


def _bound_oneself(token: Token, code: Code) -> bool:
    """"chained himself to the fence", "handcuffed themselves to a gate": a protester's own
    act, not an arrest."""
    return code.type == "COERCE" and any(
        c.dep_ == "dobj" and c.lower_ in REFLEXIVE_OBJECTS for c in token.children)


def _plan_carried_out(token: Token, lemma: str, code: Code) -> bool:
    """"executed a search warrant", "the execution of the plan": carried out, not put to
    death ("executed three prisoners", "the execution of a dissident" stay)."""
    if code.type != "ASSAULT" or lemma not in {"execute", "execution"}:
        return False
    if token.pos_ == "VERB":
        done = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    else:
        done = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj"]
    return bool(done) and not any(
        d.ent_type_ in {"PERSON", "NORP"} or d.lower_ in {"him", "her", "them", "who", "whom"}
        or d.lemma_.lower() in EXECUTED_PEOPLE | ctx.AGENT_NOUNS or ctx.looks_like_name(d)
        for d in done)


#: People put to death, when no name says so: "executed two prisoners".
EXECUTED_PEOPLE = frozenset("""
prisoner captive hostage inmate soldier man woman men women people person convict detainee
""".split())
#: Happenings no one is accused of when they are looked into: "investigating the crash".
ACCIDENTS = frozenset("""
accident crash collision derailment fire blaze wildfire explosion collapse outage flood
flooding drowning
""".split())


def _accident_looked_into(token: Token, code: Code) -> bool:
    """"police are investigating the crash", "a probe into the fire": an accident looked
    into accuses no one ("investigating the mayor", "a probe into the killing" stay)."""
    if code.type != "ACCUSE" or code.mode != "investigate":
        return False
    looked_into = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    looked_into += [g for c in token.children if c.dep_ == "prep" and c.lower_ in {"into", "of"}
                    for g in c.children if g.dep_ == "pobj"]
    return bool(looked_into) and all(ctx.noun_lemma(d) in ACCIDENTS for d in looked_into)
