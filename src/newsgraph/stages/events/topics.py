"""What a protest, a sanction or an accusation is about is its topic, not an event coded here.

PLOVER codes the act the sentence reports: "rallied against the hanging of a cleric" is a
PROTEST, "imposed sanctions over the shelling of a port" a SANCTION, "accused the army of
shelling a market" an ACCUSE. The hanging, the shelling named there are the grievance or
the charge: told elsewhere when they happen, and only referred to here (the PLOVER gold
sentences code the protest or the complaint alone). Likewise who is "responsible for" an
attack is a claim about the attack. Each check reads the parse around the trigger only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.stages.events import context as ctx

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Words of answering a wrong: what they are "against" or "over" is their grievance.
RESPONSE_WORDS = ctx.PROTEST_NOUNS | frozenset("""
protest demonstrate rally march strike boycott picket mourn
protester protestor demonstrator marcher
condemn condemnation denounce denunciation decry deplore criticise criticize criticism
outrage outcry anger fury indignation backlash uproar
sanction retaliate retaliation reprisal complain complaint grievance petition
""".split())
#: Nouns of protest or outrage whose "at" or "of" names what provoked them.
FEELING_PROTESTS = frozenset("protest outrage outcry anger fury indignation".split())
#: Prepositions that attach a grievance to its answer.
GRIEVANCE_PREPOSITIONS = frozenset("against over".split())
#: Verbs whose object is a wrong condemned: "signs condemning the beatings".
CONDEMNING_VERBS = frozenset("condemn denounce decry deplore".split())
#: Dependencies through which a response word stands beside the verb a grievance hangs from.
RESPONSE_ROLES = frozenset("nsubj nsubjpass dobj".split())
#: Words of who is to blame: what someone is "responsible for" is a claim about it.
BLAME_WORDS = frozenset("responsible responsibility blame culpable culpability".split())
#: Prepositions by which an act names what it answers: "expelled envoys over what it called".
REASON_PREPOSITIONS = frozenset("over after against following".split())
#: Verbs by which a speaker gives an act its name: "what the ministry termed a raid".
NAMING_VERBS = frozenset("""
say call describe term label brand dub characterise characterize portray claim allege
""".split())
#: Verbs by which a party owns its act: "claimed responsibility for the attack" asserts it.
OWNING_VERBS = frozenset("claim take admit accept acknowledge".split())


def topic_of_response(token: Token) -> bool:
    """True when the event word is the grievance, the charge or the background of the act
    the sentence reports."""
    if token.pos_ not in {"NOUN", "PROPN"} and token.tag_ != "VBG":
        return False
    current = token
    for _ in range(3):  # "over the arrests and beatings": through conjuncts
        if current.dep_ != "conj":
            break
        current = current.head
    return _grievance(current) or _blamed(current) or _characterised(current)


def _grievance(noun: Token) -> bool:
    """"a march over the jailing of a poet", "gathered in crowds against the hanging",
    "placards denouncing army brutality", "tariffs imposed over the seizure of a ship"."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in CONDEMNING_VERBS:
        return _kind(noun)  # ("condemned the arrest of X": that arrest is news of its own)
    if noun.dep_ == "pobj" and noun.head.lower_ in {"at", "of"} and _in_protest(noun.head.head):
        return True  # "in protest at the arrests", "outrage at the killing": the grievance
    if noun.dep_ != "pobj" or noun.head.lower_ not in GRIEVANCE_PREPOSITIONS:
        return False
    answer = noun.head.head
    candidates = [answer]
    if answer.dep_ == "dobj":  # "suspended shipments over ...": the verb answers
        candidates.append(answer.head)
    if answer.pos_ in {"VERB", "AUX"}:  # "rallies were held against ...": the verb's roles
        candidates += [c for c in answer.children if c.dep_ in RESPONSE_ROLES]
        if answer.dep_ in {"acl", "relcl"}:  # "sanctions imposed over ...": what it describes
            described = answer.head
            candidates += [described] + [g for c in described.children if c.dep_ == "prep"
                                         and c.lower_ == "of" for g in c.children]
    return any(ctx.noun_lemma(c) in RESPONSE_WORDS for c in candidates)


def _blamed(noun: Token) -> bool:
    """"said it was not responsible for the raid", "whoever is responsible for the blasts":
    who did it is claimed or disputed; an owned act ("claimed responsibility for") is
    asserted."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return False
    blame = noun.head.head
    if blame.lemma_.lower() not in BLAME_WORDS:
        return False
    owner = blame.head
    return not (blame.dep_ == "dobj" and owner.lemma_.lower() in OWNING_VERBS)


def _kind(noun: Token) -> bool:
    """A bare noun of a kind of act, "army brutality", not one act ("the arrest of X",
    "Russia's invasion")."""
    return not any(c.dep_ in {"det", "poss", "nummod"} or (c.dep_ == "prep" and c.lower_ in {
        "of", "on", "against", "by"}) for c in noun.children)


def _in_protest(holder: Token) -> bool:
    """Is the word an "at"/"of" phrase hangs from a protest or outrage, or a verb done "in
    protest" (the parser often hangs "at X" from the verb: "closed in protest at X")?"""
    if holder.lemma_.lower() in FEELING_PROTESTS:
        return True
    return holder.pos_ in {"VERB", "AUX"} and any(
        c.dep_ == "prep" and c.lower_ == "in" and any(
            g.lemma_.lower() in FEELING_PROTESTS for g in c.children) for c in holder.children)


def _characterised(noun: Token) -> bool:
    """"in reply to what officials said were raids", "over what it called an assault",
    "after what the ministry described as a blockade": a speaker's name for an act, which the
    sentence reports as that speaker's claim, not as an act it asserts."""
    namer, role = noun.head, noun.dep_
    if role == "pobj" and namer.lower_ == "as":
        namer, role = namer.head, "as"
    if role == "attr" and namer.lemma_ == "be" and namer.dep_ == "ccomp":
        named = namer.head.lemma_.lower() in NAMING_VERBS and any(
            c.lower_ == "what" for c in (*namer.children, *namer.head.children))
        namer = namer.head
    else:
        named = role in {"oprd", "as"} and namer.lemma_.lower() in NAMING_VERBS and any(
            c.lower_ == "what" for c in namer.children)
    # only as what an act answers ("joined what organisers called a march" asserts the march)
    return named and namer.dep_ == "pcomp" and _answering(namer.head)


def _answering(preposition: Token) -> bool:
    """"over", "after", "against", "following" or "in response to": what an act answers."""
    if preposition.lower_ == "to":
        return preposition.head.lemma_.lower() in {"response", "reaction", "retaliation",
                                                   "reply"}
    return preposition.lower_ in REASON_PREPOSITIONS
