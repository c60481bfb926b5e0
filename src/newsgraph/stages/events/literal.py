"""Is a trigger word used in its political sense? General cues for uses that are no event.

PLOVER codes interactions between political actors. The same words also describe market
moves ("the index shot up 16 percent"), struggles against no one ("fight with our bare
hands", "an uphill battle"), topics of reporting ("allegations of assault", "the debate
over sanctions"), and things shown, met or hosted that are not meetings ("demonstrated an
ambition", "met the threshold", "hosted a cookout"). Each check reads the parse around the
trigger only; none names a person, place or phrase of any evaluation text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.stages.events import context as ctx
from newsgraph.stages.events import lexicon as lex
from newsgraph.stages.events.arguments import sector_of
from newsgraph.stages.events.asserted import not_asserted
from newsgraph.stages.events.figurative import contest
from newsgraph.stages.events.generic import generic_use
from newsgraph.stages.events.senses import no_event_sense
from newsgraph.stages.events.topics import topic_of_response

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsgraph.stages.events.lexicon import Code

#: Heads of market and price phrases: what rises, falls, retreats and "shoots up".
MARKET_WORDS = frozenset("""
market stock share index indices price bond yield currency dollar euro yen pound futures
commodity oil gold rate inflation earnings profit revenue sale volatility benchmark
equity treasury valuation dow nasdaq
""".split())
#: Units of a change in amount: "rose 16 percent", "retreated 200 points".
CHANGE_UNITS = frozenset("percent % point basis cent".split())
#: Types whose words also describe moving amounts: "prices shot up", "stocks retreated".
MOVEMENT_TYPES = frozenset("ASSAULT RETREAT MOBILIZE CONCEDE COERCE PROTEST".split())
#: Nouns and verbs whose "of/over/about X" is a topic of reporting, not an event here.
REPORTING_HEADS = frozenset("""
allegation accusation charge claim report rumor rumour story debate discussion question
issue controversy conviction trial case history record suspicion evidence accuse charge
convict suspect allege acquit indict prosecute try sentence jail arrest investigate
""".split())
#: Heads of a charge: the act they say someone did, even told by a verb ("accused the army
#: of shelling the town"), is the charge's content.
CHARGING_HEADS = frozenset("allegation accusation charge accuse allege suspect blame".split())
#: Participles that attach a charge's topic with "to": "charges related to the riot".
RELATING_WORDS = frozenset("relate link connect tie".split())
#: Prepositions that attach a topic to a reporting head.
TOPIC_PREPOSITIONS = frozenset("of over about for on with".split())
#: Generic actors: a statement by them names nobody who made it.
GENERIC_ACTORS = frozenset("""
people everyone everybody someone somebody anyone anybody many some others nobody
one who
""".split())
#: Endings of abstract nouns: "attack on globalism", "destroy credibility".
ABSTRACT_ENDINGS = ("ism", "ization", "isation", "ness", "ity")
#: Spheres and rights that are invaded or attacked only in words ("an invasion of privacy").
ABSTRACT_DOMAINS = frozenset("""
domain privacy jurisdiction prerogative purview turf freedom liberty right democracy
decency truth law rule
""".split())
#: Concrete or collective nouns with those endings.
CONCRETE_EXCEPTIONS = frozenset("""
city facility community university municipality authority embassy majority minority
nationality entity locality county
""".split())
#: Struggle words that need an opponent or arms to be fighting.
STRUGGLE_LEMMAS = frozenset("fight battle".split())
#: Nouns that a "meet" or "host" can take as its meeting.
MEETING_OBJECTS = ctx.MEETING_NOUNS | frozenset("""
conference forum delegation visitor guest counterpart leader
""".split())


def literal(token: Token, lemma: str, code: Code, subject: Token | None) -> bool:
    """False when the trigger, read in its sentence, names no political event."""
    # each reading is asked only until one finds no event: less work, and `--explain`
    # names the reading that decided, not whichever was asked last
    return not (_market_move(token, code, subject) or _reported_topic(token)
                or topic_of_response(token)
                or _struggle_without_opponent(token, lemma, code, subject)
                or _appeal_without_request(token, lemma, code)
                or _not_a_meeting(token, lemma, code)
                or _generic_speaker(token, code, subject)
                or _abstract_victim(token, code)
                or _characterised(token, code)
                or _generic_participant(token, code)
                or _self_harm(token, lemma, code)
                or _retracted_not_withdrawn(token, code)
                or contest(token, lemma, code)
                or no_event_sense(token, lemma, code, subject)
                or generic_use(token, lemma, code, subject)
                or not_asserted(token, lemma, code, subject))


def _market_move(token: Token, code: Code, subject: Token | None) -> bool:
    """"The index shot up 16 percent", "shares retreated": a change in an amount."""
    if code.type not in MOVEMENT_TYPES:
        return False
    if _shot_up(token):
        return True
    if subject is not None and _market_phrase(subject):
        return True
    measured = [c for c in token.children if c.dep_ in {"dobj", "npadvmod", "advmod", "prep"}]
    measured += [g for c in measured for g in c.children if g.dep_ in {"pobj", "compound"}]
    return token.pos_ == "VERB" and any(
        t.lemma_.lower() in CHANGE_UNITS or t.ent_type_ == "PERCENT" for t in measured)


def _shot_up(token: Token) -> bool:
    """"Complaints shot up", "costs shot through the roof": "shoot" with no object and an
    upward particle or path is a sudden rise, whatever rose; shooting at someone takes an
    object or an "at" phrase ("shot up a checkpoint", "shot at the crowd")."""
    if token.lemma_.lower() != "shoot" or token.pos_ != "VERB":
        return False
    children = list(token.children)
    if any(c.dep_ in {"dobj", "obj", "nsubjpass"} for c in children):
        return False
    return any((c.dep_ == "prt" and c.lower_ == "up")
               or (c.dep_ == "prep" and c.lower_ == "through"
                   and any(g.lemma_.lower() in {"roof", "ceiling"} for g in c.children))
               for c in children)


def _market_phrase(head: Token) -> bool:
    """"the Dow", "oil prices", "the stock market": not a political actor."""
    if ctx.noun_lemma(head) in MARKET_WORDS:
        return True
    modifiers = [c for c in head.children if c.dep_ in {"compound", "amod"}]
    return any(ctx.noun_lemma(t) in MARKET_WORDS for t in modifiers) and sector_of(head) is None


def _reported_topic(token: Token) -> bool:
    """"allegations of assault", "accused of rape", "the debate over sanctions": what is
    reported, claimed or charged is the topic of that statement, not an event coded here
    (also an act named with its light verb, "accused of leading a banned march", and a
    topic "linked to" the charge)."""
    if token.pos_ != "VERB" and token.dep_ == "dobj" and token.head.pos_ == "VERB" and (
            lex.verb_lemma(token.head) in lex.LIGHT_VERBS):
        token = token.head
    current = token
    for _ in range(3):  # "accused of arson or theft": through conjuncts
        if current.dep_ != "conj":
            break
        current = current.head
    if current.dep_ not in {"pobj", "pcomp"}:
        return False
    preposition = current.head
    if preposition.lower_ == "to" and preposition.head.lemma_.lower() in RELATING_WORDS:
        holder = preposition.head.head  # "charges linked to the riot"
        head = holder.lemma_.lower()
        return head in CHARGING_HEADS
    if preposition.lower_ not in TOPIC_PREPOSITIONS:
        return False
    head = preposition.head.lemma_.lower()
    if token.pos_ == "VERB" and preposition.head.dep_ == "dobj" and (
            preposition.head.head.lemma_.lower() in CHARGING_HEADS):
        return True  # "accused the army of shelling the town"
    return head in REPORTING_HEADS and (token.pos_ != "VERB" or head in CHARGING_HEADS)


def _struggle_without_opponent(token: Token, lemma: str, code: Code,
                               subject: Token | None) -> bool:
    """"fight with our bare hands", "their uphill battle": fighting needs an armed actor,
    an opponent who can act, or a weapon in the sentence."""
    if code.type != "ASSAULT" or lemma not in STRUGGLE_LEMMAS:
        return False
    if subject is not None and sector_of(subject) in {"MIL", "REB", "COP"}:
        return False
    if any(sector_of(c) in {"MIL", "REB", "COP"} or c.lower_ in lex.DEMONYMS
           for c in token.children if c.dep_ in {"poss", "amod", "compound"}):
        return False
    opponents = [g for c in token.children if c.dep_ == "prep"
                 and c.lower_ in {"against", "with", "between", "among"}
                 for g in c.children if g.dep_ == "pobj"]
    opponents += [c for c in token.children if c.dep_ == "dobj"]
    if any(_can_act(o) for o in opponents):
        return False
    weapons = ctx.WEAPON_NOUNS | set(lex.ASSAULT_MODE_WORDS) | lex.ATTACK_CONTEXT
    return not any(t.lemma_.lower() in weapons for t in token.sent if t.i != token.i)


def _can_act(token: Token) -> bool:
    if token.lower_ in lex.FIRST_PERSON or token.dep_ == "poss":
        return False
    if any(c.dep_ == "poss" and c.lower_ in lex.FIRST_PERSON for c in token.children):
        return False  # "with our bare hands": one's own means
    own_sector = lex.SECTOR_WORDS.get(ctx.noun_lemma(token))  # not a modifier's: "Senate race"
    return token.ent_type_ in ctx.AGENT_ENTITIES or own_sector is not None or (
        ctx.agentive(token, None))


def _appeal_without_request(token: Token, lemma: str, code: Code) -> bool:
    """"his appeal to younger voters", "to appeal to many voters": attraction, not a request
    (a request says what is asked: "appealed to the UN to intervene", "an appeal for aid")."""
    if code.type != "REQUEST" or lemma != "appeal":
        return False
    return not any(c.dep_ in {"xcomp", "ccomp", "acl"} or (c.dep_ == "prep" and c.lower_ == "for")
                   for c in token.children) and not any(
        g.dep_ in {"acl", "relcl", "xcomp"} for c in token.children if c.dep_ == "prep"
        for p in c.children for g in p.children)


def _not_a_meeting(token: Token, lemma: str, code: Code) -> bool:
    """"met the threshold", "hosted a cookout", "will host the race": a meeting needs
    people to meet or a meeting to hold."""
    if code.type != "CONSULT" or token.pos_ != "VERB" or lemma not in {"meet", "host"}:
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    return bool(objects) and not any(
        _can_act(o) or ctx.noun_lemma(o) in MEETING_OBJECTS for o in objects)


def _generic_speaker(token: Token, code: Code, subject: Token | None) -> bool:
    """"People are blaming it on ...", "someone criticised": a statement needs a speaker
    who can be named."""
    if code.type not in lex.VERBAL_TYPES or subject is None or token.pos_ != "VERB":
        return False
    if subject.ent_type_ in ctx.AGENT_ENTITIES:
        return False
    if subject.lower_ in GENERIC_ACTORS and subject.dep_ != "relcl":
        return not any(c.dep_ in {"amod", "compound", "prep"} for c in subject.children)
    return False


def _abstract_victim(token: Token, code: Code) -> bool:
    """"destroys credibility", "the attack on globalism", "an invasion of privacy": an
    abstract thing is attacked only in words; "looted millions of dollars" is a theft."""
    if code.type != "ASSAULT":
        return False
    victims = [c for c in token.children if c.dep_ == "dobj"]
    victim_preps = {"on", "against", "of"} if token.pos_ == "NOUN" else {"on", "against"}
    victims += [g for c in token.children if c.dep_ == "prep" and c.lower_ in victim_preps
                for g in c.children if g.dep_ == "pobj"]
    if token.dep_ == "pobj" and token.head.lower_ == "under":  # "the law itself is under
        victims += [c for c in token.head.head.children if c.dep_ == "nsubj"]  # attack"
    return bool(victims) and all(_abstract(v) or v.ent_type_ == "MONEY" for v in victims)


#: Subjects of "is a ..." that point at something said or done: "this is an attack on ...".
POINTING_SUBJECTS = frozenset("it this that".split())


def _characterised(token: Token, code: Code) -> bool:
    """"This is an assault on the middle class", "this is an assault, frankly, on ...":
    an act of force named as what something is, a judgement in words, not an attack."""
    if code.type != "ASSAULT" or token.pos_ != "NOUN" or token.dep_ != "attr":
        return False
    copula = token.head
    return (copula.lemma_.lower() == "be" or copula.lower_ in {"'s", "\u2019s"}) and any(
        c.dep_ == "nsubj" and c.lower_ in POINTING_SUBJECTS for c in copula.children)


def _retracted_not_withdrawn(token: Token, code: Code) -> bool:
    """"pulled back the remark", "withdrew the nomination": retracting a thing is no
    military retreat (which moves forces or people)."""
    if code.type != "RETREAT" or code.mode != "withdraw" or token.pos_ != "VERB":
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    return bool(objects) and not any(
        _can_act(o) or ctx.noun_lemma(o) in ctx.FORCE_NOUNS for o in objects)


def _abstract(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or lemma in CONCRETE_EXCEPTIONS or noun.ent_type_:
        return False
    return lemma in ctx.ABSTRACT_TARGETS | ABSTRACT_DOMAINS or lemma.endswith(ABSTRACT_ENDINGS)


#: Pronouns of anyone at all: "you go out after dark, you get robbed".
GENERIC_PRONOUNS = frozenset("you one anyone anybody someone somebody everyone everybody "
                             "nobody".split())
#: Reflexive objects: "shot himself" is self-harm, not an attack.
REFLEXIVES = frozenset("myself yourself himself herself itself ourselves yourselves "
                       "themselves".split())
#: Verbs of harm whose reflexive object makes a suicide or an accident.
HARM_VERBS = frozenset("shoot kill hang stab injure wound hurt".split())


def _generic_participant(token: Token, code: Code) -> bool:
    """"You get shot", "thank you", "anyone who protests is arrested": nobody in
    particular."""
    participants = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    return any(p.lower_ in GENERIC_PRONOUNS and p.pos_ == "PRON" for p in participants)


def _self_harm(token: Token, lemma: str, code: Code) -> bool:
    """"shot himself", "were killing themselves", "self-destruction": harm done to oneself,
    not an assault."""
    if code.type == "ASSAULT" and token.pos_ == "NOUN" and any(
            c.dep_ == "compound" and c.lower_ == "self" for c in token.children):
        return True
    return code.type == "ASSAULT" and lemma in HARM_VERBS and any(
        c.dep_ == "dobj" and c.lower_ in REFLEXIVES for c in token.children)
