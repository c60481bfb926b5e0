"""Finding triggers: which token names an event, and with which PLOVER code.

A token whose lemma is in the trigger lexicon is coded from itself and its nearest
dependents: a verb ("bombarded"), a verb with a particle or object ("called for",
"imposed sanctions"), a noun that names a happening ("the invasion"), or a noun made
to happen by a light verb ("carried out strikes"). The code is then refined from the
participants (`adjust`) and screened against its context (`screen`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from newsgraph.resources import shared_tone_lexicon
from newsgraph.stages.doc_tables import token_table
from newsgraph.stages.events import context as ctx
from newsgraph.stages.events import lexicon as lex
from newsgraph.stages.events.arguments import (
    COLLECTIVE_NOUNS,
    OBJECTS,
    SHARE_NOUNS,
    actor_like,
    complement_target,
    members_of,
    prep_object,
    received_from,
    reporting_speaker,
    sector_of,
    subject,
)
from newsgraph.stages.events.demands import (
    DEMAND_REPORTING_VERBS,
    PROPOSING_VERBS,
    reported_demand,
)
from newsgraph.stages.events.lexicon import Code
from newsgraph.stages.events.screen import screen

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


#: A coded trigger: its code and the first and last token of its span.
Trigger = tuple[Code, int, int]

CONFLICT_TYPES = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"}
COOPERATION_TYPES = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"}
#: Objects that make a verb something other than an event: "met demands", "shot a film".
NOT_TARGETS = frozenset("""
demand need requirement target goal deadline standard criterion expectation plan order
strategy project program programme task contract film video movie scene photo footage record
team odds estimate corruption poverty fire virus disease cancer inflation climate case charge
cup championship title tournament match game final world flare firework
""".split())
#: Statements about something: their object may be any thing ("rejected the plan").
OPINION_TYPES = frozenset("ACCUSE REJECT SUPPORT REQUEST THREATEN".split())
#: Phrasal verbs of taking a side that code only with a party after them: "rallied
#: behind the mayor", not "lined up behind the barrier".
SIDING = frozenset({("rally", "behind"), ("rally", "around"), ("line", "behind")})
#: Phrasal verbs that criticise a party only when they name its fault: "called out the
#: mayor for the delays" (not "called out the troops").
BLAMING_PHRASES = frozenset({("call", "out")})
#: Compounds that make an "attack" medical: "heart attack".
NOT_ATTACK = frozenset("heart panic asthma anxiety shark dog".split())
#: Dependencies followed inside a complement: not into its own conditions and clauses.
COMPLEMENT_DEPS = {"xcomp", "dobj", "prep", "pobj", "conj", "compound", "amod", "acl"}
#: Casualty words: an assault only when nothing in the sentence names a disaster instead.
CASUALTY_WORDS = frozenset("kill wound injure hurt killing".split())
#: Disaster words that an attack also causes: "hurt when a mine went off".
EXPLOSIVE_WORDS = frozenset("explode explosion blast fire blaze".split())
ATTACK_WORDS = lex.ATTACK_CONTEXT - lex.EXPLOSION_NOUNS
#: Verbs whose subject undergoes them: protesters who die did not protest by dying.
UNDERGOING_VERBS = frozenset("""
die suffer sustain flee remain receive face lose need be become get fall collapse
""".split())
MILITARY_OPERATION_WORDS = frozenset("""
military ground air aerial naval offensive combat army counterinsurgency counter-terrorism
counterterrorism rescue security
""".split())
ARMED_SECTORS = {"MIL", "REB", "COP"}
#: Verbs that announce an act: a threat or a promise, by what they announce.
COMMISSIVE_VERBS = {"warn", "vow", "swear", "promise", "pledge", "offer"}
#: Verbs whose denial, whatever is not accepted, is a refusal (CAMEO 12, PLOVER REJECT).
ACCEPTING_VERBS = frozenset("accept".split())


def denied_by_a_party(verb: Token) -> bool:
    """"Ruritania told its neighbours it cannot accept ...": a negated verb whose subject is a named
    party or a sector ("the union"), not a generic one ("most shops do not accept cash")."""
    if not any(c.dep_ == "neg" for c in verb.children):
        return False
    agent = subject(verb)
    if agent is not None and agent.pos_ == "PRON":
        agent = reporting_speaker(agent)
    return agent is not None and (agent.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or (
        sector_of(agent) is not None))


#: What one is warned "of": a threat even without a hostile act named.
WARNED_OF = {"consequence", "retaliation", "response", "action", "war", "reprisal"}
#: Visitors whose travel is a visit (singular nouns; plural delegate nouns also count).
VISITOR_NOUNS = {"delegation", "envoy", "negotiator"}
#: Nouns of someone's statement that need an owner or a content to be coded.
STATEMENT_CODE_NOUNS = {"demand", "request", "appeal", "plea"}
#: Verbs whose passive subject is a demand told as satisfied or to be satisfied.
SATISFYING_VERBS = frozenset("meet satisfy fulfil fulfill grant heed".split())


#: Nouns of disapproval that are a statement only when a party voices them ("pushback from
#: the fishermen"); otherwise a public mood.
MOOD_NOUNS = frozenset("pushback backlash".split())


def voiced_by_party(noun: Token) -> bool:
    """Does a "from" or "by" phrase on the noun name a party: "a backlash from the mayors"?"""
    maker = prep_object(noun, {"from", "by"}) or received_from(noun)
    return maker is not None and ctx.agentive(maker, sector_of(maker))


#: Verbs that code a statement only in a frame (see `verbal_frame`).
FRAME_VERBS = frozenset("""
blast hit slam hammer knock rip pummel charge campaign stump call describe label brand dub
liken compare
""".split())
#: Verbs of campaigning: "for" a person or organisation they are support.
CAMPAIGNING_VERBS = frozenset("campaign stump".split())
#: Verbs that make a statement of their noun object: "voiced support for", "gave her a
#: glowing endorsement", "expressed misgivings about".
SPEAKING_VERBS = frozenset(
    "give voice express offer lend pledge heap reiterate pay extend convey raise".split())
#: Nouns of a stance said about someone, coded only after such a verb.
STANCE_NOUNS = {
    "support": Code("SUPPORT", "051"), "praise": Code("SUPPORT", "051"),
    "endorsement": Code("SUPPORT", "051"), "backing": Code("SUPPORT", "051"),
    "misgiving": Code("ACCUSE", "110", "disapprove"),
    "criticism": Code("ACCUSE", "111", "disapprove"),
    "disapproval": Code("ACCUSE", "110", "disapprove"),
    "condemnation": Code("ACCUSE", "111", "disapprove"),
    # feelings said about a party: "voiced doubts about", "expressed outrage at"
    **dict.fromkeys(("reservation", "doubt", "skepticism", "scepticism", "outrage",
                     "dismay", "anger", "frustration", "disappointment", "displeasure",
                     "opposition"), Code("ACCUSE", "110", "disapprove")),
    **dict.fromkeys(("credit", "gratitude", "appreciation", "admiration", "tribute",
                     "confidence"), Code("SUPPORT", "051")),
    # concern voiced about a party or its conduct (not "concern about the weather": see
    # PARTY_ONLY_STANCES)
    "concern": Code("ACCUSE", "110", "disapprove"),
}
#: Stance nouns said of so many things that they code only about a party or its conduct.
PARTY_ONLY_STANCES = frozenset({"concern"})
#: Prepositions that name whom a stance is about: "support for", "misgivings about".
STANCE_PREPOSITIONS = frozenset(
    "for about of to toward towards against over at with in".split())


def spoken_noun(noun: Token, lemma: str) -> Trigger | None:
    """A stance said about someone: the verb and its noun are the trigger, when the text
    names whom it is about (a dative or "for/about X")."""
    code = STANCE_NOUNS.get(lemma)
    verb = noun.head
    if code is None or noun.dep_ != "dobj" or verb.pos_ != "VERB" or \
            verb.lemma_.lower() not in SPEAKING_VERBS:
        return None
    about = any(c.dep_ == "dative" for c in verb.children) or any(
        c.dep_ == "prep" and c.lower_ in STANCE_PREPOSITIONS for c in noun.children)
    if lemma in PARTY_ONLY_STANCES:
        about = any(party_or_conduct(g) for c in noun.children
                    if c.dep_ == "prep" and c.lower_ in STANCE_PREPOSITIONS
                    for g in c.children if g.dep_ == "pobj")
    return (code, min(verb.i, noun.i), max(verb.i, noun.i)) if about else None


def party_or_conduct(token: Token) -> bool:
    """A party ("about the governor"), or what a party owns or does ("about the governor's
    plan", "over raids by the army")."""
    if actor_like(token):
        return True
    return any((c.dep_ == "poss" and actor_like(c)) or (
        c.dep_ == "prep" and c.lower_ == "by" and any(actor_like(g) for g in c.children))
        for c in token.children)


def _last_words(keys: Iterable[str]) -> set[str]:
    return {key.split()[-1] for key in keys}


#: Verbs of an exercise: an attack simulated or rehearsed is a show of force (CAMEO 150),
#: not an attack.
EXERCISE_VERBS = frozenset("simulate rehearse practise practice mimic".split())

#: Verbs that request when another party is told to act: "asked the council to publish
#: the report", "told him to step aside" (not "asked about", "told reporters that"; "directed"
#: and "instructed" are mostly orders to one's own staff).
ASKING_VERBS = frozenset("ask tell".split())

#: Verbs that make a call a public appeal: "sounded a call for", "renewed its call for".
CALL_MAKING_VERBS = frozenset("sound issue make renew repeat voice echo".split())


def asks_for(noun: Token) -> bool:
    """A call "for" something: a "for" phrase, or the "for" of a clause ("for X to act")."""
    return any((c.dep_ == "prep" and c.lower_ == "for") or (
        c.dep_ in {"advcl", "acl", "relcl"} and any(g.dep_ == "mark" and g.lower_ == "for"
                                                    for g in c.children))
        for c in noun.children)


#: Verbs that hold or give words for someone: "had harsh words for X".
WORDS_VERBS = frozenset("have offer reserve save".split())
#: Objects of "made the case for/against X" and "had kind words for X".
STANCE_OBJECTS = frozenset("word case".split())
#: Findings of fault: "found that X was in breach of", "found X liable".
FINDING_VERBS = frozenset("find rule conclude determine".split())
FAULT_WORDS = frozenset("breach violation liable negligent culpable fault".split())


#: Verbs of taking people away that, done by police or soldiers, coerce them (CAMEO 17).
REMOVING_VERBS = frozenset("remove eject evict drag".split())
#: Verbs of calling out to someone to act: "shouted at her to drop the knife".
CALLING_OUT_VERBS = frozenset("shout yell scream holler".split())

#: What a party is told to expect is a forecast, not a request: "told voters to expect ...".
FORECAST_VERBS = frozenset("expect anticipate".split())

#: Verbs that press or order another party to act: "pressed Ruritania to free the
#: hostages", "the court ordered the minister to testify" (a named party, no pronoun).
PRESSING_VERBS = frozenset("order press pressure beg push".split())

#: Nouns of an act whose "of" object codes them as their verb's object does: "the
#: expulsion of two envoys" is the diplomatic sanction that "expelled two envoys" is.
NOMINALISED_VERBS = {"expulsion": "expel", "suspension": "suspend", "imposition": "impose",
                     "recall": "recall", "freezing": "freeze"}

#: Adjectives that name an act noun's object: "diplomatic expulsions" expel diplomats.
ADJECTIVE_OBJECTS = {"diplomatic": "diplomat"}

#: Verbs that kill with "lives" as object: "the blast claimed the lives of six".
LIFE_TAKING_VERBS = frozenset("claim take".split())
#: Nouns for a run of one kind of act, named by their modifier: "a shooting spree".
SERIES_NOUNS = frozenset("spree rampage".split())
#: Lemmas worth a look: every word that can start a trigger.
TRIGGER_LEMMAS = frozenset(
    set(NOMINALISED_VERBS) | _last_words(lex.VERBS) | _last_words(lex.NOUNS)
    | {v for v, _ in lex.PHRASAL_VERBS}
    | set(lex.OBJECT_VERBS) | {v for v, _ in lex.PARTICLE_OBJECT_VERBS} | set(lex.ARMED_VERBS)
    | lex.VISIT_VERBS | lex.AGREEMENT_NOUNS
    | lex.EXPLOSION_NOUNS | lex.PROTEST_ACTION_VERBS | COMMISSIVE_VERBS | lex.EXCHANGE_NOUNS | {
        "warning", "strike", "operation", "protest", "march", "fire", "in", "up"}
    | lex.PROTESTER_WORDS | {"striker"} | ASKING_VERBS | PRESSING_VERBS | CALLING_OUT_VERBS
    | REMOVING_VERBS | FINDING_VERBS | WORDS_VERBS | SERIES_NOUNS | LIFE_TAKING_VERBS | {"make"}
)


#: Verbs that code an event only with their particle and certain objects ("turn down
#: the offer", "shut down the newspapers"): alone they are ordinary verbs.
PARTICLE_ONLY_LEMMAS = frozenset({v for v, _ in lex.PARTICLE_OBJECT_VERBS} - (
    _last_words(lex.VERBS) | _last_words(lex.NOUNS) | {v for v, _ in lex.PHRASAL_VERBS}
    | set(lex.OBJECT_VERBS) | set(lex.ARMED_VERBS) | lex.PROTEST_ACTION_VERBS))


def trigger_lemma(token: Token) -> str:
    """The lemma to look a token up by (`lookup_lemma` of its strings)."""
    return lookup_lemma(token.lower_, token.lemma_, token.pos_, token.tag_)


def lookup_lemma(word: str, lemma: str, pos: str, tag: str) -> str:
    """The lemma to look a token up by, from its lower-case form, lemma, coarse and fine
    tags, mending the lemmatiser's guesses on verbs it does not know ("cordoned" ->
    "cordone"): an inflected verb whose lemma is no trigger word is tried without its
    ending ("cordon")."""
    fixed = lex.LEMMA_FIXES.get(word)
    if fixed:
        return fixed
    lemma = ctx.folded_noun_lemma(lemma, word, pos)
    if lemma in TRIGGER_LEMMAS or pos != "VERB" or tag not in {"VBD", "VBN", "VBG"}:
        return lemma
    stem = word[:-3] if word.endswith("ing") else word[:-2] if word.endswith("ed") else ""
    for candidate in (stem, stem + "e", stem[:-1] if stem[-2:-1] == stem[-1:] else ""):
        if len(candidate) > 2 and candidate in TRIGGER_LEMMAS:
            return candidate
    return lemma


def may_trigger(token: Token) -> bool:
    """A cheap first test: can this token start a trigger at all?"""
    return may_start_trigger(trigger_lemma(token))


def may_start_trigger(lemma: str) -> bool:
    """Whether a token with this look-up lemma can start a trigger."""
    return lemma in TRIGGER_LEMMAS or lemma in STANCE_NOUNS or lemma in FRAME_VERBS or (
        lemma in DEMAND_REPORTING_VERBS) or lemma in PROPOSING_VERBS


def trigger_positions(doc: Doc) -> list[int]:
    """The positions of the tokens that pass `may_trigger`, read from the shared token table
    (no `Token` made for the others); each distinct (form, lemma, tag, fine tag) is judged
    once per parse (most words recur: "the", "said", the names)."""
    table = token_table(doc)
    judged: dict[tuple[str, str, str, str], bool] = {}
    found = []
    for i, strings in enumerate(zip(table.lowers, table.folded_lemmas, table.tags,
                                    table.fine_tags, strict=True)):
        passes = judged.get(strings)
        if passes is None:
            passes = judged[strings] = may_start_trigger(lookup_lemma(*strings))
        if passes:
            found.append(i)
    return found


class TriggerFinder:
    """Codes trigger tokens; remembers the tokens already used by an earlier trigger."""

    def __init__(self, portrayed: Mapping[int, Code] | None = None) -> None:
        #: Token indices that are part of a coded trigger (objects, light verbs, ...).
        self.consumed: set[int] = set()
        #: Token index of a party's mention -> ACCUSE or SUPPORT, as the portrayal stage
        #: portrays the party there (negative or positive); it decides a name given in
        #: words no rated word decides ("called him a stiff").
        self.portrayed: Mapping[int, Code] = portrayed or {}

    def code(self, token: Token) -> Trigger | None:
        """The code of a trigger token and the token range of its trigger span."""
        lemma = trigger_lemma(token)
        coded = self.framed(token, lemma)
        if coded is None:
            return None
        code = screen(token, lemma, coded[0])
        return None if code is None else (code, coded[1], coded[2])

    def framed(self, token: Token, lemma: str) -> Trigger | None:
        """What the lexicon codes a verb or noun as, before the context screens it."""
        if token.pos_ == "VERB":
            return self.code_verb(token, lemma)
        if token.pos_ in {"NOUN", "PROPN"}:
            return self.code_noun(token, lemma)
        return None

    def code_verb(self, token: Token, lemma: str) -> Trigger | None:
        """A verb, alone or with its particle, preposition or object."""
        i = token.i
        objects = [c for c in token.children if c.dep_ in OBJECTS]
        if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.i < i:
            objects.append(token.head)  # "shells fired by the army": the noun undergoes it
        for child in token.children:
            word = child.lemma_.lower()
            code = lex.PHRASAL_VERBS.get((lemma, word))
            last = child
            if code is not None and lemma == "fire" and any(
                    o.lemma_.lower() in lex.OBJECT_VERBS["fire"] for o in objects):
                break  # "fired shells at Seoul": the object names the weapon
            if code is None and child.dep_ in {"advcl", "ccomp"}:
                # "called for the files to be released": the parser makes "for" the mark
                # of the clause asked for
                mark = next((g for g in child.children if g.dep_ == "mark"
                             and g.lower_ == "for" and g.i > i), None)
                if mark is not None:
                    code, last = lex.PHRASAL_VERBS.get((lemma, "for")), mark
            if code is None and child.dep_ == "prep":
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    code = lex.PHRASAL_VERBS.get((lemma, obj.lemma_.lower()))
                    # "went on strike", "put its troops on alert": the noun is the trigger's
                    # (a claim defended against stays the critics' own act)
                    last = obj if code is not None and code.cameo != "052" else child
            if code is not None and code.type == "REQUEST" and not real_call(token, child):
                code = None
            if code is not None and (lemma, word) in SIDING and not any(
                    actor_like(g) for g in child.children if g.dep_ == "pobj"):
                code = None
            if code is not None and (lemma, word) in BLAMING_PHRASES and not (any(
                    actor_like(o) for o in objects) and any(
                    c.dep_ == "prep" and c.lower_ == "for" for c in token.children)):
                code = None
            if code is not None and child.i < token.i:
                code = None  # a particle follows its verb ("in which they were given tasks")
            if code is not None:
                return adjust(token, code), i, max(i, last.i)
        if lemma in LIFE_TAKING_VERBS and any(o.dep_ == "dobj" and o.lemma_.lower() == "life"
                                              for o in objects) and violent_agent(agent := (
                                                  subject(token))):
            return adjust(token, Code("ASSAULT", "190"), agent), i, i  # "took the lives of"
        if lemma == "defend" and defence_claim(objects):
            return lex.PHRASAL_VERBS[("defend", "criticism")], i, i  # (against hung on the thing)
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
        table = lex.PARTICLE_OBJECT_VERBS.get((lemma, particle or "")) or \
            lex.OBJECT_VERBS.get(lemma)
        if table:
            for obj in objects:
                code = next((table[word] for word in object_words(obj) if word in table), None)
                if code is not None and code.mode == "martial-law" and emergency_of_nature(token):
                    return None  # a state of emergency over floods or fires coerces no one
                if code is not None:
                    self.consumed.add(obj.i)
                    return adjust(token, code), min(i, obj.i), max(i, obj.i)
        if lemma in ACCEPTING_VERBS and objects and denied_by_a_party(token):
            # "did not accept more migrants": coded as an agreement denied, i.e. a refusal
            return Code("AGREE", "030"), i, i
        if lemma in COMMISSIVE_VERBS:
            code = commissive(token, lemma)
            return (code, i, i) if code else None
        agent = subject(token)
        if lemma in lex.VISIT_VERBS:
            if agent is not None and ((agent.lemma_.lower() in lex.DELEGATE_NOUNS
                                       and agent.tag_ == "NNS")
                                      or agent.lemma_.lower() in VISITOR_NOUNS):
                return Code("CONSULT", "042", "visit"), i, i
            return None
        if lemma in lex.PROTEST_ACTION_VERBS and agent is not None and protesting(token, agent):
            return adjust(token, Code("PROTEST", "141", "demo"), agent), i, i
        if lemma in PRESSING_VERBS and ordered_party(token) is not None:
            return Code("REQUEST", "100"), i, i  # "the court ordered the minister to testify"
        if lemma in CALLING_OUT_VERBS and shouted_at(token) is not None:
            return Code("REQUEST", "100"), i, i  # "officers shouted at her to drop the knife"
        if lemma in ASKING_VERBS and (party := ordered_party(token, pronouns=True)) is not None \
                and not briefing(token, lemma, party):
            return Code("REQUEST", "100"), i, i  # "asked the council to publish the report"
        code = lex.VERBS.get(lemma)
        if code is not None:
            if code.type not in OPINION_TYPES and any(
                    o.lemma_.lower() in NOT_TARGETS for o in objects):
                return None  # ("criticised the plan" is an event: opinions take any object)
            if code.type == "ASSAULT" and disaster(token, agent):
                return None
            if lemma == "discuss" and not several_parties(token, agent):
                return None
            if lemma == "suspect" and suspected_party(token) is None:
                return None  # ("suspect the water was poisoned": no one is accused)
            return adjust(token, code, agent), i, i
        judged = words_for(token, lemma, agent, objects)
        if judged is not None:
            return judged
        said = verbal_frame(token, lemma, agent, objects, self.portrayed) or \
            reported_demand(token, lemma, agent)
        if said is not None:
            return said, i, i
        if person_released(token, lemma, agent, objects):
            return Code("RETREAT", "0841", "release"), i, i  # "police freed the reporter"
        if lemma in REMOVING_VERBS and agent is not None and armed(agent) and any(
                o.dep_ == "dobj" and actor_like(o) for o in objects):
            return Code("COERCE", "170"), i, i  # "police removed the activists from the hall"
        code = lex.ARMED_VERBS.get(lemma)
        if code is not None and any(o.lemma_.lower() in NOT_TARGETS for o in objects):
            return None  # "the camera captured images of the flood"
        if code is not None and agent is not None:
            if lemma == "strike" and agent.lemma_.lower() in lex.LABOUR_WORDS:
                return Code("PROTEST", "143", "strike"), i, i
            if armed(agent) and not disaster(token, agent):
                return adjust(token, code, agent), i, i
        return None

    def code_noun(self, token: Token, lemma: str) -> Trigger | None:
        """A noun that names a happening, with the light verb that makes it happen."""
        if token.i in self.consumed or token.dep_ == "compound":
            return None
        spoken = spoken_noun(token, lemma)
        if spoken is not None:
            return spoken
        if lemma == "call" and token.dep_ == "dobj" and lex.verb_lemma(token.head) in \
                CALL_MAKING_VERBS and asks_for(token):
            return Code("REQUEST", "100"), token.head.i, token.i  # "sounded a call for X to"
        if lemma in OFFICIAL_COMPLAINTS and issued(token) and lex.verb_lemma(
                token.head) in FILING_VERBS:
            # "lodged a formal protest with X", "filed a complaint against X": an official
            # complaint (CAMEO 114), not a street protest
            return Code("ACCUSE", "114", "disapprove"), token.head.i, token.i
        if lemma == "protest" and _diplomatic_protest(token):
            # "a diplomatic protest", "a note of protest": the codebook's diplomatic protest,
            # ACCUSE (CAMEO 114), not a street protest
            holder = token.head.head if token.dep_ == "pobj" else token
            start = holder.head.i if holder.dep_ == "dobj" else token.i  # "sent a note of"
            return Code("ACCUSE", "114", "disapprove"), min(start, token.i), token.i
        head = token.head
        if token.dep_ == "dobj" and head.lemma_.lower() in EXERCISE_VERBS and (
                lex.NOUNS.get(lemma, Code("", "")).type == "ASSAULT"):
            return Code("MOBILIZE", "150"), head.i, token.i  # "rehearsed an assault on X"
        modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in {"compound", "amod"}}
        if lemma in lex.PROTESTER_WORDS | {"striker"}:
            return self.protesters(token, lemma)
        code = None
        start = end = token.i
        if lemma in SERIES_NOUNS:
            return series_of_acts(token)
        for child in token.children:
            if child.dep_ not in {"compound", "amod"}:
                continue
            modifier = child.lemma_.lower()
            code = lex.NOUNS.get(f"{modifier} {lemma}") or lex.NOUNS.get(f"{modifier}{lemma}") \
                or lex.NOUNS.get(f"{modifier}-{lemma}")
            if code is not None:
                start = child.i
                break
        if code is None:
            if lemma in {"fire", "in", "up"}:
                return None
            if lemma == "strike":
                code = strike_noun(token, modifiers)
            elif lemma == "operation":
                if not modifiers & MILITARY_OPERATION_WORDS:
                    return None
                code = Code("ASSAULT", "190")
            elif lemma in lex.EXPLOSION_NOUNS:
                if not attack_context(token):
                    return None
                code = Code("ASSAULT", "183", "explosives")
            elif lemma in lex.AGREEMENT_NOUNS:
                return None  # named ("the deal") or missing ("without a deal"): no act here
            elif lemma in lex.EXCHANGE_NOUNS:
                swapped = modifiers | {g.lemma_.lower() for c in token.children
                                       if c.dep_ == "prep" and c.lower_ == "of"
                                       for g in c.children}
                if not swapped & set(lex.OBJECT_VERBS["exchange"]):
                    return None
                code = Code("RETREAT", "0841", "release")  # "a prisoner swap"
            elif lemma in {"warning", "threat"}:
                code = threat_noun(token, lemma)
            elif lemma in STATEMENT_CODE_NOUNS:
                if not issued(token) and not any(
                        c.dep_ in {"poss", "acl", "ccomp"} or c.lower_ in {"by", "from"}
                        or (c.dep_ == "relcl" and not _relative_subject(c))
                        for c in token.children):
                    return None  # ("the demands that come with the job": nobody's)
                if token.dep_ == "nsubjpass" and head.lemma_.lower() in SATISFYING_VERBS:
                    return None  # "until their demands are met": made before, not here
                if lemma == "appeal" and not any(
                        c.dep_ in {"acl", "ccomp"} or (c.dep_ == "prep" and c.lower_ in {
                            "for", "to"}) for c in token.children):
                    return None  # "the mayor's populist appeal": his attraction
                code = lex.NOUNS[lemma]
            elif lemma == "call":
                if not any(c.dep_ == "prep" and c.lower_ == "for" for c in token.children):
                    return None  # a phone call, a close call; "a call for talks" asks
                code = Code("REQUEST", "100")
            elif (lemma == "talk" and token.tag_ != "NNS") or (
                    lemma == "attack" and modifiers & NOT_ATTACK):
                return None
            else:
                nominal = nominal_object_code(token, lemma)
                if nominal is not None:
                    self.consumed.add(nominal[1].i)
                code = nominal[0] if nominal is not None else lex.NOUNS.get(lemma)
        if code is None:
            return None
        if code.type == "ASSAULT" and disaster(token, None):
            return None
        if lemma in MOOD_NOUNS and not voiced_by_party(token):
            return None  # "a backlash against migrants grew": a public mood, no statement
        if lemma in INCURSION_NOUNS and CROSSED_SPACES & {prep_object_lemma(token, "into"), (
                prep_object_lemma(token.head, "into") if token.dep_ == "dobj" else None)}:
            code = Code("MOBILIZE", "154", "troops")  # "incursions into its airspace": no fight
        head = token.head
        if token.dep_ in {"dobj", "nsubjpass"} and head.pos_ == "VERB" and head.i < token.i and (
                lex.verb_lemma(head) in lex.LIGHT_VERBS or (
                    code.mode == "investigate" and lex.verb_lemma(head) in
                    ctx.INVESTIGATION_VERBS)):
            start = head.i  # ("opened an investigation into X": the verb's subject opened it)
        elif code.mode == "investigate" and token.dep_ == "pobj" and head.lower_ == "under" and (
                head.head.i < token.i):
            start = head.head.i  # "was placed under investigation": the clause is the act
        return adjust(token, code), start, end

    def protesters(self, token: Token, lemma: str) -> Trigger | None:
        """Protesters (strikers) doing something are protesting: the verb is the trigger
        (also when a collective noun counts them: "a group of protesters barricaded the gate")."""
        if token.dep_ == "pobj" and token.head.lower_ == "of" and \
                token.head.head.lemma_.lower() in COLLECTIVE_NOUNS:
            token = token.head.head
        verb = token.head
        if token.dep_ != "nsubj" or verb.pos_ != "VERB" or verb.lemma_.lower() in (
                (TRIGGER_LEMMAS - PARTICLE_ONLY_LEMMAS) | UNDERGOING_VERBS
                | lex.REPORTING_VERBS):
            return None  # ("four protesters died", "protesters said": not their protest)
        if verb.lemma_.lower() in PARTICLE_ONLY_LEMMAS and TriggerFinder().code_verb(
                verb, verb.lemma_.lower()) is not None:
            return None  # ("protesters turned down the offer"; "turned out" is their protest)
        self.consumed.add(verb.i)
        if lemma == "striker":
            return Code("PROTEST", "143", "strike"), verb.i, verb.i
        if lemma == "rioter":
            return Code("PROTEST", "145", "riot"), verb.i, verb.i  # rioters acting riot
        return Code("PROTEST", "141", "demo"), verb.i, verb.i


def violent_agent(agent: Token | None) -> bool:
    """A weapon, an attack or an armed actor as a clause's subject ("the car bomb", "the
    shelling", "militiamen"), not a disease or an accident."""
    if agent is None:
        return False
    word = agent.lemma_.lower()
    code = lex.NOUNS.get(word)
    return armed(agent) or word in lex.EXPLOSION_NOUNS or (
        code is not None and code.type == "ASSAULT")


def series_of_acts(noun: Token) -> Trigger | None:
    """A spree or rampage codes the act its modifier names ("a shooting spree", "an arson
    rampage"); with no such modifier ("a spending spree") no event."""
    for child in noun.children:
        if child.dep_ not in {"compound", "amod"}:
            continue
        code = lex.NOUNS.get(child.lemma_.lower()) or lex.NOUNS.get(child.lower_)
        if code is not None and code.type == "ASSAULT":
            return adjust(noun, code), child.i, noun.i
    return None


# -- the tests of a trigger's context ---------------------------------------------------


def emergency_of_nature(verb: Token) -> bool:
    """A disaster named in the sentence of an emergency or the one before it."""
    doc, sentence = verb.doc, verb.sent
    start = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    return any(ctx.noun_lemma(t) in lex.DISASTER_WORDS for t in doc[start:sentence.end])


#: Crossings of another state's space that are a show of force, not an attack:
#: "incursions into Freedonian airspace" (CAMEO 15), unlike "an incursion into the town".
INCURSION_NOUNS = frozenset("incursion intrusion".split())
CROSSED_SPACES = frozenset("airspace water waters sea".split())


def prep_object_lemma(token: Token, preposition: str) -> str | None:
    """The lemma of the object of the token's `preposition` phrase, if any."""
    return next((g.lemma_.lower() for c in token.children if c.dep_ == "prep"
                 and c.lower_ == preposition for g in c.children if g.dep_ == "pobj"), None)


#: Nouns that name a kind through their "of" phrase: "a state of emergency".
KIND_NOUNS = frozenset("state kind form team mission".split())
#: Nouns of an amount, looked through to what they measure: "freed dozens of hostages",
#: "sent 400 tonnes of food", "delivered two shipments of medicine".
QUANTITY_NOUNS = frozenset("""
dozen hundred thousand million billion score handful couple number lot batch group
ton tonne kilogram kilo kg pound litre liter gallon barrel metre meter
shipment consignment cargo load truckload planeload shipload convoy crate box bag sack
package parcel round
""".split())
#: Nouns of a scheme named by its kind: "an aid programme" is looked up as "aid" too.
SCHEME_NOUNS = frozenset("program programme package scheme project".split())


def suspected_party(verb: Token) -> Token | None:
    """Whom a "suspect" accuses: its object or passive subject ("suspected him of", "they are
    suspected of"), or the named subject of what is suspected ("suspected the mayor lied")."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    for child in [*verb.children, *(g for c in clauses for g in c.children)]:
        inside = child.head.i != verb.i
        if child.dep_ in ({"nsubj", "nsubjpass"} if inside else {"dobj", "nsubjpass"}) and \
                (child.pos_ != "PRON" or not inside) and actor_like(child):
            return child
    return None


def object_words(obj: Token, depth: int = 0) -> list[str]:
    """The words an object is looked up by, most specific first: "peacekeeping force",
    then "force"; "a state of siege" is looked up as "siege", "part of the aid programme"
    as the programme, then as "aid"."""
    lemma = obj.lemma_.lower()
    words = [f"{c.lemma_.lower()} {lemma}" for c in obj.children
             if c.dep_ in {"compound", "amod"}]
    of = [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
          for g in c.children if g.dep_ == "pobj"]
    if lemma in lex.AGREEMENT_NOUNS:  # "violated the ceasefire agreement": the ceasefire
        words += [c.lemma_.lower() for c in obj.children if c.dep_ == "compound"]
    if lemma in KIND_NOUNS:
        words += [g.lemma_.lower() for g in of]
    if (lemma in SHARE_NOUNS or lemma in QUANTITY_NOUNS) and depth == 0:
        words += [w for g in of for w in object_words(g, 1)]  # "part of the aid", "dozens
        # of hostages", "400 tonnes of food": what there is a share or an amount of
    words.append(lemma)
    if lemma in SCHEME_NOUNS:
        words += [c.lemma_.lower() for c in obj.children if c.dep_ == "compound"]
    return words


#: Possessives of one's own people: "ordered his troops to withdraw" is no demand.
OWN_POSSESSIVES = frozenset("his her its their our my".split())


def ordered_party(verb: Token, pronouns: bool = False) -> Token | None:
    """Whom an order to act is given to, when that is another party: "the court ordered the
    minister to testify" (not one's own troops, not "ordered an inquiry")."""
    party = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if party is None or not any(c.dep_ == "xcomp" and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in verb.children):
        return None
    if any(c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in party.children):
        return None
    if party.pos_ == "PRON":  # (one's own troops are "them" to an order; not to a request)
        return party if pronouns and party.lower_ in {"him", "her", "them"} else None
    return party if actor_like(party) else None


def shouted_at(verb: Token) -> Token | None:
    """Whom a shout to act is aimed at: "shouted at her to drop the knife"."""
    if not any(c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to"
                                         for g in c.children) for c in verb.children):
        return None
    party = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ in {"at", "to"}
                  for g in c.children if g.dep_ == "pobj"), None)
    if party is None or (party.pos_ == "PRON" and party.lower_ not in {"him", "her", "them"}):
        return None
    return party if party.pos_ == "PRON" or actor_like(party) else None


def briefing(verb: Token, lemma: str, party: Token) -> bool:
    """Telling as informing, not asking: the press told ("told reporters to wait for the
    report") or any party told what to expect ("told voters to expect higher fees")."""
    if lemma == "tell" and sector_of(party) == "MED":
        return True
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in FORECAST_VERBS for c in verb.children)


def defence_claim(objects: list[Token]) -> bool:
    """A defended party or its thing "against" a claim: "defended the minister's decree
    against criticism" (the parser hangs the claim on the thing)."""
    return any(obj.dep_ == "dobj" and any(
        (prep.dep_ == "prep" and prep.lower_ == "against") and any(
            ("defend", ctx.noun_lemma(g)) in lex.PHRASAL_VERBS for g in prep.children)
        for prep in obj.children) for obj in objects)


def real_call(verb: Token, particle: Token) -> bool:
    """"called on them to surrender", not "called on Friday" or "were called to the scene"."""
    if ctx.passive_voice(verb):
        return False
    objects = [g for g in particle.children if g.dep_ == "pobj"]
    return not any(o.ent_type_ in {"DATE", "TIME"} for o in objects)


def protesting(verb: Token, agent: Token) -> bool:
    """Protesters gathering or marching; or a crowd doing so in a protest context ("they" in
    a clause under another stands for that clause's subject: "farmers waved banners as
    they marched")."""
    if agent.lower_ == "they" and verb.dep_ in {"advcl", "conj"}:
        main = subject(verb.head)
        if main is not None and main.pos_ in {"NOUN", "PROPN"}:
            agent = main
    word = agent.lemma_.lower()
    if word in lex.PROTESTER_WORDS | {"crowd", "thousand", "hundred"}:
        return True
    if defiant(verb):
        return True  # "students gathered in the square in defiance of a ban"
    return word in ctx.CROWD_WORDS and any(
        t.lemma_.lower() in ctx.PROTEST_CONTEXT for t in verb.sent if t.i != verb.i)


def defiant(verb: Token) -> bool:
    """An act done "in defiance of" something, wherever the parser hung the phrase in the
    verb's own clause ("gathered in the square in defiance of a ban")."""
    frontier = list(verb.children)
    for _ in range(5):
        if any(t.dep_ == "pobj" and t.lemma_.lower() == "defiance" and t.head.lower_ == "in"
               for t in frontier):
            return True
        frontier = [c for t in frontier if t.dep_ in {"prep", "pobj"} for c in t.children]
    return False


def strike_noun(token: Token, modifiers: set[str]) -> Code:
    """A hunger strike, an air strike, a labour strike; else a military strike."""
    if modifiers & {"hunger"}:
        return Code("PROTEST", "142", "hunger")
    for child in token.children:  # in text order: the first weapon word names the mode
        mode = lex.ASSAULT_MODE_WORDS.get(child.lemma_.lower())
        if mode and child.dep_ in {"compound", "amod"}:
            return Code("ASSAULT", lex.ASSAULT_MODE_CAMEO.get(mode, "190"), mode)
    on_strike = token.dep_ == "pobj" and token.head.lower_ == "on"  # "teachers are on strike"
    if on_strike or modifiers & lex.LABOUR_WORDS or any(t.lemma_.lower() in lex.LABOUR_WORDS
                                                        for t in token.sent):
        return Code("PROTEST", "143", "strike")
    return Code("ASSAULT", "190")


#: Verbs by which a party makes a statement named by their object: "issued a warning".
ISSUING_VERBS = frozenset("make issue lodge file submit deliver send renew repeat voice".split())


#: Complaints a party lodges with another, and the verbs of lodging them.
OFFICIAL_COMPLAINTS = frozenset("protest complaint grievance".split())
FILING_VERBS = frozenset("lodge file submit issue register deliver".split())


#: What a state writes its protest in: "a note of protest".
PROTEST_DOCUMENTS = frozenset("note letter message cable memorandum".split())


def _diplomatic_protest(noun: Token) -> bool:
    """"a diplomatic protest", "a note of protest", "a letter of protest to Minsk"."""
    if any(c.dep_ == "amod" and c.lower_ == "diplomatic" for c in noun.children):
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and (
        noun.head.head.lemma_.lower() in PROTEST_DOCUMENTS)


def issued(noun: Token) -> bool:
    """A statement noun that is the object of a verb of issuing it ("made an appeal",
    "lodged a request"): the verb's subject makes the statement."""
    verb = noun.head
    return noun.dep_ == "dobj" and verb.pos_ == "VERB" and verb.i < noun.i and (
        lex.verb_lemma(verb) in ISSUING_VERBS)


def addressed_party(noun: Token) -> bool:
    """A party a statement is issued to or against: "a warning to Ruritania"."""
    return any(c.dep_ == "prep" and c.lower_ in {"to", "against"} and any(
        g.dep_ == "pobj" and _party(g) for g in c.children)
        for t in (noun, noun.head) for c in t.children)


def threat_noun(token: Token, lemma: str) -> Code | None:
    """A threat or warning made by someone, or one whose content is a hostile act, or one
    issued to a named party ("issued a stern warning to Ruritania"; not a storm warning)."""
    owned = any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in {"by", "from"})
                for c in token.children) or (issued(token) and addressed_party(token))
    if lemma in {"threat", "warning"} and (owned or complement_types(token) & CONFLICT_TYPES):
        return Code("THREATEN", "130")
    return None


def commissive(token: Token, lemma: str) -> Code | None:
    """warn / vow / promise / pledge / offer: a threat or a promise, by what they announce."""
    kinds = complement_types(token)
    if kinds & CONFLICT_TYPES:
        return Code("THREATEN", "130")
    if lemma == "warn":
        objects = {g.lemma_.lower() for c in token.children if c.dep_ == "prep"
                   for g in c.children}
        if objects & WARNED_OF:
            return Code("THREATEN", "130")
        return None
    if kinds & COOPERATION_TYPES or any(
            c.dep_ == "dobj" and c.lemma_.lower() in lex.AID_NOUNS | {"support", "help"}
            for c in token.children) or promised_to_a_party(token):
        return Code("AGREE", "030")
    return None


#: Verbs of a promise (an offer may be of anything: "offered him a lift").
PROMISING_VERBS = frozenset("promise pledge vow swear".split())


def promised_to_a_party(token: Token) -> bool:
    """A promise of an act that names a party it is for or about ("pledged to rebuild the
    schools of Freedonia", "promised to reform the army of Ruritania"): an intent to cooperate
    (CAMEO 03); a promise about no one ("promised to win") is not coded."""
    act = next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if act is None or token.lemma_.lower() not in PROMISING_VERBS:
        return False
    agent = subject(token)
    return complement_target(act, agent, act.i, act.i) is not None or any(
        t.lemma_.lower() in lex.AID_NOUNS for t in act.subtree)


#: Prepositions of time and circumstance: what follows them is not what is announced.
CIRCUMSTANCE_PREPOSITIONS = frozenset("""
after before during since following amid despite until
""".split())


def misparsed_infinitive(clause: Token) -> bool:
    """"had sworn to keep fighting until ...": an infinitive the parser hung as an adverbial
    clause, with no "in order" or other mark of a purpose, is the verb's complement."""
    return clause.dep_ == "advcl" and clause.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) and not any(
        c.dep_ in {"mark", "advmod"} for c in clause.children)


def complement_types(token: Token) -> set[str]:
    """Event types named by trigger words in a token's complements (cheap: lemma lookups)."""
    kinds: set[str] = set()
    todo = [c for c in token.children if (c.dep_ in {"xcomp", "ccomp", "acl", "dobj", "prep"}
            or misparsed_infinitive(c)) and c.lower_ not in CIRCUMSTANCE_PREPOSITIONS]
    for _ in range(40):
        if not todo:
            break
        t = todo.pop()
        # ("offered to negotiate after the raids": the raids are when, not what is offered)
        todo.extend(c for c in t.children if c.dep_ in COMPLEMENT_DEPS
                    and c.lower_ not in CIRCUMSTANCE_PREPOSITIONS)
        word = t.lemma_.lower()
        code = lex.VERBS.get(word) or lex.NOUNS.get(word)
        if code is None:
            table = lex.OBJECT_VERBS.get(word)
            if table:
                code = next((table[o.lemma_.lower()] for o in t.children
                             if o.dep_ in OBJECTS and o.lemma_.lower() in table), None)
        if code is not None:
            kinds.add(code.type)
    return kinds


def adjust(token: Token, code: Code, agent: Token | None = None) -> Code:
    """Refine a code from its participants: protesters who clash riot; an ASSAULT's mode."""
    agent = agent if agent is not None else subject(token)
    agent_word = ctx.noun_lemma(agent) if agent is not None else ""
    if code.type == "ASSAULT" and agent_word in lex.PROTESTER_WORDS:
        return Code("PROTEST", "145", "riot")
    if code.type == "COERCE" and code.cameo == "192" and agent is not None and ctx.noun_lemma(
            members_of(agent)) in lex.PROTESTER_WORDS:
        return Code("PROTEST", "144", "obstruct")  # protesters occupying a building: a sit-in
    if code.type == "PROTEST" and token.pos_ == "VERB" and agent is not None and (
            sector_of(agent) in {"GOV", "IGO"} or any(c.dep_ == "ccomp" for c in token.children)):
        return Code("ACCUSE", "111", "disapprove")  # (protested that ...: a complaint said)
    if code.mode == "seize" and token.lemma_.lower() == "raid" and agent is not None and \
            sector_of(agent) == "REB":
        code = Code("ASSAULT", "190")
    if code.type == "ASSAULT" and code.mode is None:
        mode = assault_mode(token, agent)
        if mode:
            return Code("ASSAULT", lex.ASSAULT_MODE_CAMEO.get(mode, code.cameo), mode)
    return code


def assault_mode(token: Token, agent: Token | None) -> str | None:
    """The PLOVER mode named by a weapon near the trigger or its actor ("warplanes")."""
    words = list(token.children)
    words += [g for c in words if c.dep_ in {"prep", "dobj", "agent", "compound"}
              for g in c.children]
    if agent is not None:
        words += [agent, *agent.children]
    for t in words:
        mode = lex.ASSAULT_MODE_WORDS.get(t.lemma_.lower())
        if mode == "crowd-control" and t.lemma_.lower() in {"tear", "rubber"}:
            return mode
        if mode and mode != "crowd-control":
            return mode
    return None




def nominal_object_code(noun: Token, lemma: str) -> tuple[Code, Token] | None:
    """The code of an act noun from its "of" object, by its verb's object table, and
    that object (part of the act, as a verb's object is: "the lifting of the embargo")."""
    table = lex.OBJECT_VERBS.get(NOMINALISED_VERBS.get(lemma, ""))
    if not table:
        return None
    objects = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj"]
    found = next(((table[word], obj) for obj in objects for word in object_words(obj)
                  if word in table), None)
    if found is not None or objects:
        return found
    kind = next((ADJECTIVE_OBJECTS[c.lower_] for c in noun.children
                 if c.dep_ == "amod" and c.lower_ in ADJECTIVE_OBJECTS), None)
    if kind in table:
        return table[kind], noun  # "diplomatic expulsions": diplomats expelled
    verb = NOMINALISED_VERBS[lemma]  # "expelled envoys ..., a wave of expulsions": the same act
    return next(((table[word], noun) for t in noun.sent if t.pos_ == "VERB"
                 and lex.verb_lemma(t) == verb for obj in t.children if obj.dep_ == "dobj"
                 for word in object_words(obj) if word in table), None)


def disaster(token: Token, agent: Token | None) -> bool:
    """Killed by a flood, destroyed in a fire: not an assault."""
    near = list(token.children)
    near += [g for c in near if c.dep_ in {"prep", "agent"} for g in c.children]
    if agent is not None:
        near.append(agent)
    if token.dep_ == "pobj":
        near.append(token.head.head)
    if token.pos_ == "VERB" and token.i > token.sent.start:
        near.append(token.doc[token.i - 1])  # "floods hit the valley", however it is parsed
    disasters = lex.DISASTER_WORDS | ctx.ACCIDENT_WORDS
    found = {t.lemma_.lower() for t in near} & (disasters | lex.EXPLOSION_NOUNS)
    if found and not (found <= EXPLOSIVE_WORDS and attack_context(token)):
        return True  # "the blast killed 50" at a plant; ("... when a mine went off")
    if token.lemma_.lower() in CASUALTY_WORDS:
        words = {t.lemma_.lower() for t in token.sent}
        if words & lex.ATTACK_CONTEXT:
            return False
        if words & disasters:
            return True
        # "Two workers were hurt." after "a boiler at the mill blew up."
        return agent is None and bool(_previous_words(token) & disasters) and not (
            _previous_words(token) & ATTACK_WORDS)
    return False


def _previous_words(token: Token) -> set[str]:
    start = token.sent.start
    if start == 0:
        return set()
    return {t.lemma_.lower() for t in token.doc[start - 1].sent}


def attack_context(token: Token) -> bool:
    """Does the sentence, or the one before, name a weapon or an attacker?"""
    doc = token.doc
    sent = token.sent
    start = sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    return any(t.lemma_.lower() in ATTACK_WORDS for t in doc[start:sent.end])


def several_parties(token: Token, agent: Token | None) -> bool:
    """Discussing takes two: "discussed with X", or a plural or conjoined subject."""
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children):
        return True
    return agent is not None and (agent.tag_ == "NNS" or any(
        c.dep_ == "conj" for c in agent.children))


#: Verbs of striking that, with "for" or "as" after a person, blame in words: "blasted
#: the senator for lying", "hit his rival for not paying taxes".
BLAMING_VERBS = frozenset("blast hit slam hammer knock rip pummel".split())
#: Entity types of people and bodies that can be blamed, charged or campaigned for.
PARTY_TYPES = frozenset("PERSON ORG NORP GPE".split())


def _party(token: Token) -> bool:
    """A person or body that can be blamed or named: a name, a pronoun, a sector noun, or
    a group named by its nation ("the American press", "Chinese officials")."""
    return token.ent_type_ in PARTY_TYPES or token.lower_ in {"him", "her", "them"} or (
        sector_of(token) is not None) or (token.pos_ == "NOUN" and any(
            c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "GPE"}
            for c in token.children))


def _has_prep(token: Token, words: set[str]) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in words for c in token.children)


def _reason_given(verb: Token) -> bool:
    """A "for", "as" or "over" of blame on the verb, or, for a participle after a noun ("an ad
    hitting X for ..."), on the verb of the noun, where the parser often hangs it."""
    blame = {"for", "as", "over"}
    if _has_prep(verb, blame):
        return True
    return verb.dep_ == "acl" and verb.head.dep_ == "dobj" and verb.head.head.i < verb.i and \
        _has_prep(verb.head.head, blame) and any(
            c.dep_ == "prep" and c.i > verb.i for c in verb.head.head.children)


def words_for(verb: Token, lemma: str, agent: Token | None, objects: list[Token]
              ) -> Trigger | None:
    """Stances told by a frame: "had harsh words for X" (the adjective decides), "made the
    case for X" (SUPPORT) or "against X" (ACCUSE), "found that X was in breach of" (ACCUSE);
    each needs a party after it and a speaker who can act."""
    if agent is None or not ctx.agentive(agent, sector_of(agent)):
        return None
    if lemma in FINDING_VERBS:
        return (Code("ACCUSE", "112", "allege"), verb.i, verb.i) if found_at_fault(verb) \
            else None
    for obj in objects:
        word = obj.lemma_.lower()
        if obj.dep_ != "dobj" or word not in STANCE_OBJECTS or not (
                (word == "word" and lemma in WORDS_VERBS) or (word == "case" and lemma == "make")):
            continue
        # (the parser hangs the "for" on the noun or on the verb)
        preps = [c for c in (*obj.children, *verb.children) if c.dep_ in {"prep", "dative"}]
        for prep in preps:
            if not any(_party(g) or actor_like(g) for g in prep.children if g.dep_ == "pobj"):
                continue
            if word == "case" and prep.lower_ in {"for", "against"}:
                code = Code("SUPPORT", "051") if prep.lower_ == "for" else Code(
                    "ACCUSE", "111", "disapprove")
                return code, verb.i, obj.i
            if word == "word" and prep.lower_ == "for":
                rated = sum(shared_tone_lexicon().rating(c) for c in obj.children
                            if c.dep_ == "amod")
                if abs(rated) >= NAMING_LEANING:
                    code = Code("SUPPORT", "051") if rated > 0 else Code(
                        "ACCUSE", "111", "disapprove")
                    return code, verb.i, obj.i
    return None


def found_at_fault(verb: Token) -> bool:
    """A finding that a named party is at fault: "found that X was in breach of the deal",
    "found X liable"."""
    for clause in (c for c in verb.children if c.dep_ in {"ccomp", "oprd", "xcomp"}):
        subject_word = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}),
                            None)
        if subject_word is None or not _party(subject_word):
            continue
        near = [clause, *clause.children, *(g for c in clause.children if c.dep_ == "prep"
                                            for g in c.children)]
        if any(t.lemma_.lower() in FAULT_WORDS for t in near):
            return True
    return False


#: Object pronouns of people a charge can be laid on ("charging him with theft").
CHARGED_PRONOUNS = frozenset("him her them".split())


def verbal_frame(verb: Token, lemma: str, agent: Token | None, objects: list[Token],
                 portrayed: Mapping[int, Code] | None = None) -> Code | None:
    """Statements told by a frame rather than a word: "blasted X for ...", "hit X as ...",
    "charged X with fraud", "campaigned for X"."""
    if lemma in BLAMING_VERBS and agent is not None and not armed(agent) and \
            ctx.agentive(agent, sector_of(agent)) and objects and all(map(_party, objects)) and \
            _reason_given(verb):
        return Code("ACCUSE", "111", "disapprove")
    if lemma == "charge" and _has_prep(verb, {"with"}) and not _charged_money(verb) and (
            any(ctx.agentive(o, sector_of(o)) or o.lower_ in CHARGED_PRONOUNS for o in objects)
            or any(c.dep_ == "auxpass" for c in verb.children)):
        return Code("ACCUSE", "112", "allege")  # a criminal charge (also "was charged with")
    named = [ctx.resolve_relative(o) if o.lower_ in {"which", "who", "whom"} else o
             for o in objects]  # ("the tax, which X called ...")
    if lemma in NAMING_VERBS and agent is not None and ctx.agentive(agent, sector_of(agent)) \
            and named and all(_party(o) or any(_party(c) for c in o.children
                                               if c.dep_ == "poss") for o in named):
        # (about a party or what is theirs, by someone who can speak)
        return _named_as(verb, named, portrayed or {})
    if lemma in CAMPAIGNING_VERBS and any(
            c.dep_ == "prep" and c.lower_ == "for" and any(
                g.dep_ == "pobj" and (g.ent_type_ in {"PERSON", "ORG"} or g.lower_ in {
                    "him", "her", "them"}) for g in c.children)
            for c in verb.children):
        return Code("SUPPORT", "051")  # (a pronoun: resolved to its person, or dropped)
    return None


#: Verbs that name someone as something: "called the governor a liar", "described her as
#: a disgrace", "likened them to thieves".
NAMING_VERBS = frozenset("call describe label brand dub liken compare".split())
#: Verbs whose "to X" is what someone is named as: "compared the mayor to a tyrant".
LIKENING_VERBS = frozenset("liken compare".split())
#: How strongly (summed VADER ratings) the name given must praise or blame.
NAMING_LEANING = 1.5


def _named_as(verb: Token, named: list[Token], portrayed: Mapping[int, Code]) -> Code | None:
    """"called the governor a liar" (ACCUSE), "described him as a great leader" (SUPPORT):
    the name given, rated by VADER's word list (the tone stage's), decides. A name no
    listed word rates ("called him a stiff", "dubbed her third-rate") is blame when the
    portrayal stage portrays the named party there negatively (and in no other way)."""
    names = [c for c in verb.children if c.dep_ == "oprd"]
    name_preps = {"as", "to"} if verb.lemma_.lower() in LIKENING_VERBS else {"as"}
    names += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in name_preps
              for g in c.children if g.dep_ == "pobj"]
    words = [t for name in names for t in name.subtree] or quoted_name(verb)
    if not words:
        return None
    lexicon = shared_tone_lexicon()
    score = sum(lexicon.rating(t) for t in words)
    if any(lexicon.negates(t) for t in words):
        score = -score
    if score <= -NAMING_LEANING:
        return Code("ACCUSE", "111", "disapprove")
    if score >= NAMING_LEANING:
        return Code("SUPPORT", "051")
    if score > 0:
        return None  # rated well, though too weakly to call it praise
    parties = {c.i for o in named for c in (o, *o.children) if c.i in portrayed}
    codes = {portrayed[i].type: portrayed[i] for i in parties}
    # blame only: on names no word rates, the model's praise was wrong as often as right
    return codes.get("ACCUSE") if len(codes) == 1 else None


#: Quotation marks around a name given in someone's words: "called him “a faker”".
QUOTE_MARK_TEXTS = frozenset({'"', "“", "”", "„", "«", "»", "''", "``"})
#: The most words a quoted name runs to before it is a quote, not a name.
NAME_WORDS = 8


def quoted_name(verb: Token) -> list[Token]:
    """The name given in quotation marks right after the one named ("calling the mayor
    “a faker”", "called her “really biased”"), which the parser often
    hangs elsewhere; [] when none follows, or when the quote is too long to be a name."""
    named = [c for c in verb.children if c.dep_ == "dobj"]
    if len(named) != 1:
        return []
    doc, start = verb.doc, named[0].right_edge.i + 1
    if start >= len(doc) or doc[start].text not in QUOTE_MARK_TEXTS:
        return []
    words = []
    for token in doc[start + 1:start + 2 + NAME_WORDS]:
        if token.text in QUOTE_MARK_TEXTS:
            return words
        words.append(token)
    return []


#: What one is charged with when the charge is a price.
PRICE_WORDS = frozenset("fee tax price cost amount sum rate toll levy surcharge".split())


def _charged_money(verb: Token) -> bool:
    """"charged customers with a new fee": a price, not a criminal charge."""
    return any(g.lemma_.lower() in PRICE_WORDS or g.ent_type_ == "MONEY"
               for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
               for g in c.children)


def _relative_subject(clause: Token) -> bool:
    """Is the noun a relative clause hangs from its subject ("demands that come with")?"""
    return any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"that", "which", "who"}
               for c in clause.children)


#: Those who hold people: their letting someone go is a release (CAMEO 0841).
HOLDING_SECTORS = ARMED_SECTORS | {"GOV", "JUD"}
#: Sectors of people who can be held ("freed the reporter", not "released the report").
HELD_SECTORS = frozenset("CVL OPP MED LAB EDU REF REL HLH".split())
#: Where a person is released from, or on, when no one is named: "released from custody".
CUSTODY_NOUNS = frozenset("custody prison jail detention captivity bail prisons jails".split())


def person_released(verb: Token, lemma: str, agent: Token | None,
                    objects: list[Token]) -> bool:
    """"police released the two students", "the reporter was freed from custody": a person
    let go by those who held them ("released the report", "released from hospital" are not)."""
    if lemma not in {"release", "free"}:
        return False
    if agent is None:
        if not any(g.lemma_.lower() in CUSTODY_NOUNS for c in verb.children
                   if c.dep_ == "prep" and c.lower_ in {"from", "on"} for g in c.children):
            return False
    elif sector_of(agent) not in HOLDING_SECTORS:
        return False
    held = [o for o in objects if o.dep_ == "dobj"]
    held += [c for c in verb.children if c.dep_ == "nsubjpass"]
    return any(o.ent_type_ == "PERSON" or sector_of(o) in HELD_SECTORS for o in held)


def armed(agent: Token) -> bool:
    """Is the subject a weapon or an armed actor (army, rebels, police)?"""
    word = agent.lemma_.lower()
    if word in lex.ASSAULT_MODE_WORDS and lex.ASSAULT_MODE_WORDS[word] != "crowd-control":
        return True
    return sector_of(agent) in ARMED_SECTORS

