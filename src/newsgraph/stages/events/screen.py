"""Screening of coded triggers: drop or recode what the context shows is no such event.

`screen` runs after a trigger word has been coded from its own lexicon entry and its
nearest dependents, and applies the checks of `context` (see there for the rules and
their sources in the PLOVER codebook).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.stages.doc_tables import sentence_bounds
from newsgraph.stages.events import context as ctx
from newsgraph.stages.events import lexicon as lex
from newsgraph.stages.events.arguments import noun_actor, sector_of
from newsgraph.stages.events.arguments import subject as subject_of
from newsgraph.stages.events.lexicon import Code
from newsgraph.stages.events.literal import literal

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Statement types that need a speaker who can act.
SPOKEN = frozenset("ACCUSE THREATEN REJECT REQUEST SUPPORT".split())
#: Types whose describing participle ("troops deployed near", "the banned party")
#: names a state, not an act reported here.
STATE_TYPES = frozenset("ACCUSE THREATEN REJECT REQUEST SUPPORT AGREE CONSULT MOBILIZE COERCE "
                        "SANCTION".split())
#: Political sectors: people who make state visits.
POLITICAL_SECTORS = frozenset("GOV IGO LEG MIL NGO OPP PTY JUD REB COP SPY".split())
#: Adjectives that make "violence" a kind of attack.
VIOLENCE_KINDS = frozenset("""
sexual sectarian ethnic communal mob police military armed deadly fatal
""".split())
#: Sectors of people who do not fight: their "attacks" on a person are words.
UNARMED_SECTORS = frozenset("GOV LEG PTY JUD MED OPP".split())
#: Modifiers of a state visit.
OFFICIAL_WORDS = frozenset("official state foreign diplomatic presidential royal working "
                           "ministerial".split())
CROWD_CONTROL_WORDS = frozenset("tear teargas gas cannon pepper baton bullet".split())
ARMED_WORDS = ctx.FORCE_NOUNS | {w for w, s in lex.SECTOR_WORDS.items() if s in {"MIL", "REB"}}
RESTRICTIVE_MODES = frozenset("restrict curfew martial-law".split())
#: Modes of rules in force: sanctions, restrictions, curfews and ceasefires.
RULE_MODES = RESTRICTIVE_MODES | {"ceasefire"}
#: Verbs after which an investigation or accusation is made by someone.
STATEMENT_VERBS = lex.LIGHT_VERBS | ctx.INVESTIGATION_VERBS | frozenset(
    "make level file bring face lodge raise voice repeat deny reject dismiss".split())
MEETING_VERBS = lex.LIGHT_VERBS | frozenset(
    "attend join resume hold start begin open host chair convene enter end".split())


#: Verbs of a blow that, with "back" and nothing struck, name a sharp reply: "shot back",
#: "fired back at her critics", "hit back at the minister" (CAMEO 111, criticize).
RETORT_VERBS = frozenset("shoot fire hit".split())
RETORT = Code("ACCUSE", "111", "disapprove")
#: Sectors whose "fired back" can be gunfire.
ARMED_SECTORS = frozenset("MIL REB COP".split())
#: Nouns that make a returned blow gunfire: "the guards fired back with rifles".
FIREARM_NOUNS = ctx.FORCE_NOUNS | frozenset("""
weapon ammunition gun gunfire rifle firearm bullet pistol gunman sniper shooting shooter
""".split())


def returned(token: Token) -> bool:
    """A verb of striking with the particle "back": "shot back", "hit back at"."""
    return any(c.lower_ == "back" and c.dep_ in {"prt", "advmod"} for c in token.children)


def retort(token: Token, subject: Token | None) -> bool:
    """A blow returned in words: nothing struck (no object, no "with" what), a subject who
    is neither armed nor a country ("the campaign shot back", "she hit back at the
    mayor"). Troops or police firing back, a firearm or armed force named in the sentence,
    or a country's returned blow ("hit back with tariffs") are other acts."""
    if subject is None or subject.ent_type_ == "GPE" or any(
            c.dep_ in {"dobj", "nsubjpass"} or (c.dep_ == "prep" and c.lower_ == "with")
            for c in token.children):
        return False
    return not armed(token, subject)


def armed(token: Token, subject: Token | None) -> bool:
    """The subject is armed, or a firearm or armed force is named in the sentence."""
    return (subject is not None and sector_of(subject) in ARMED_SECTORS) or any(
        t.pos_ == "NOUN" and t.lemma_.lower() in FIREARM_NOUNS for t in token.sent)


def _sentence_words(token: Token) -> set[str]:
    return {t.lemma_.lower() for t in token.sent}


def _disaster_sentence(token: Token) -> bool:
    words = _sentence_words(token)
    return bool(words & (lex.DISASTER_WORDS | ctx.ACCIDENT_WORDS)) and not (
        words & (lex.ATTACK_CONTEXT - lex.EXPLOSION_NOUNS))


def screen(token: Token, lemma: str, code: Code) -> Code | None:
    """The code of a trigger in its context, or None when it names no event."""
    verb = token.pos_ == "VERB"
    if likeness(token):
        return None  # "a riot-like scene", "war-style drills": like it, not it
    if not verb and exposed_to(token):
        return None  # "vulnerable to attack": a risk, not an act
    if token.dep_ == "amod" or misread_adjective(token):
        return None  # "the occupied territories", "alleged rapes", "a banned party"
    if participle_as_noun(token):
        return None  # "ferried the injured home": the people it names, not an act
    if verb and code.type in STATE_TYPES and ctx.describing_participle(token):
        return None  # "a man accused of theft", "troops deployed near the border"
    if verb and lemma in ctx.HOLDING_VERBS and token.dep_ == "acl" and token.tag_ == "VBG":
        return None  # "fighters occupying the village": who holds it, not a capture
    if not verb and _named_state(token, code):
        return None
    subject = subject_of(token) if verb else None
    if subject is not None:
        subject = ctx.resolve_relative(subject)
    speaker = subject if verb else _clause_subject(token)
    if not literal(token, lemma, code, subject):
        return None  # markets, struggles against no one, topics of reporting, generic talk
    if verb and lemma in RETORT_VERBS and returned(token):
        if retort(token, subject):
            return RETORT  # "the senator fired back at his critics": a reply in words
        if code.type == "ACCUSE":  # "hit back" of the lexicon: a blow unless armed
            if not armed(token, subject):
                return None
            code = Code("ASSAULT", "190")  # "the troops hit back at the rebels"
    if code.type in {"REQUEST", "REJECT", "AGREE"} and _press_convention(token, code):
        return None  # "declined to comment", "requested anonymity", "agreed to an interview
        # with the paper": the reporting, no event
    if code.type in {"REQUEST", "ACCUSE", "REJECT"} and code.cameo != "114" and (
            ctx.protest_topic(token, speaker)):
        return Code("PROTEST", "141", "demo")  # codebook: a protest's demands are the protest
    if verb and code.type in SPOKEN | {"CONSULT"} and subject is not None and not ctx.agentive(
            subject, sector_of(subject)):
        return None  # "fires threatening towns", "banners denouncing the war"
    if verb and lemma == "slam" and any(c.dep_ == "prep" and c.lower_ in {"into", "against"}
                                        for c in token.children):
        return None  # "shells crashed into the market": physical, not a statement
    if code.type == "PROTEST" and lemma == "protest" and _state_acting_in_protest(token):
        return None  # "recalled its envoy in protest": the recall is the act (codebook:
        # a state's protest is ACCUSE; PROTEST presumes people protesting in person)
    if code.type == "PROTEST" and not verb and lemma == "march" and ctx.month_name(token):
        return None
    if code.type == "PROTEST" and not verb and lemma == "march" and not any(
            t.i != token.i and t.lemma_.lower() in ctx.PROTEST_CONTEXT for t in token.sent):
        return None  # "halted his march", "troops on the march"
    if code.type == "ACCUSE" and not verb:
        return _statement_noun(token, lemma, code)
    if code.type == "SUPPORT" and not verb and any(
            c.dep_ == "amod" and c.lower_ in MATERIAL_WORDS for c in token.children):
        return None  # "financial backing from donors": money or arms, not words (AID)
    if lemma in RECEIVED_ONLY_NOUNS and not verb and ctx.receiving_party(token) is None:
        return None  # "his degree of backing for her": a measure, not a statement made
    if verb and lemma in DISMISSING_VERBS:
        return _dismissal(token, code)
    if code.type == "PROTEST" and lemma == "rally" and not _protest_rally(token, subject):
        return None  # a campaign rally: "addressing a rally in Ohio"
    if code.type == "CONSULT":
        return _consult(token, lemma, code, subject, verb)
    if lemma in {"enter", "advance"} and (subject is None or sector_of(subject) not in {
            "MIL", "REB"}):
        return None  # "police entered the house", "prices advanced"
    if code.type == "MOBILIZE":
        return _mobilize(token, code, subject)
    if lemma == "seize" and verb and not ctx.object_words(token) and any(
            g.ent_type_ not in {"DATE", "TIME"} for g in _prep_objects(token, {"on", "upon"})):
        return None  # "seized on the report": took it up, confiscated nothing
    if code.type == "SANCTION" and _links_with_no_party(token):
        return None  # "the airline suspended flights during the storm": no relations cut
    if lemma == "search" and (subject is None or sector_of(subject) not in SEARCHING_SECTORS):
        return None  # "volunteers searched the houses": no one coerced
    if verb and lemma in {"capture", "seize"} and code.type == "COERCE":
        return _capture(token, code, subject)
    if code.mode == "seize" and lemma == "raid" and any(
            lex.ASSAULT_MODE_WORDS.get(t.lemma_.lower()) in {"aerial", "drone"}
            for t in (*token.subtree, *_following_agent(token))):
        return Code("ASSAULT", "195", "aerial")  # "raids by the army's helicopters"
    if code.type == "COERCE" and code.mode in RESTRICTIVE_MODES | {"seize"}:
        if code.mode != "seize" and _disaster_sentence(token):
            return None  # codebook: emergencies over disasters or epidemics are not COERCE
        if verb and subject is not None and not ctx.agentive(subject, sector_of(subject)):
            return None  # "the pilot declared an emergency"
    if code.type == "COERCE" and code.cameo == "170" and _violent_repression(token):
        return Code("ASSAULT", "175")  # "a deadly crackdown", "three died in the crackdown"
    if lemma in USING_VERBS and not _used_as_weapon(token, subject):
        return None  # "farmers used water cannon to irrigate", "chlorine used to clean water"
    if code.type == "ASSAULT":
        return _assault(token, lemma, code, subject, verb)
    if code.mode == "cyber" and not _on_computers(token, lemma, verb):
        return None  # "defaced a statue": no attack on computers
    return code


#: What a source declines to do when declining to talk to the press: "declined to comment",
#: "refused to be identified" (CAMEO 011, a statement, not a REJECT).
UNSAID_VERBS = frozenset("""
comment say discuss elaborate speculate confirm answer respond reply specify disclose detail
address talk speak identify name interview
""".split())
#: What a source asks the press for or grants it: "requested anonymity", "agreed to an
#: interview".
PRESS_FAVOURS = frozenset("anonymity confidentiality comment interview".split())


def _press_convention(token: Token, code: Code) -> bool:
    """Declining to comment and asking not to be named: how a report was made, not an act
    between the parties it reports."""
    near = [c for c in token.children if c.dep_ in {"xcomp", "dobj", "prep"}]
    near += [g for c in near if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    near += [g for c in near if c.dep_ == "dobj" for g in c.children if g.dep_ == "prep"
             for g in g.children if g.dep_ == "pobj"]  # "declined requests for comment"
    words = {t.lemma_.lower() for t in near}
    if words & PRESS_FAVOURS:
        return True
    return code.type == "REJECT" and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in UNSAID_VERBS and not _with_party(c)
        for c in near)  # "refused to talk over the budget with the unions" is a refusal


def _with_party(verb: Token) -> bool:
    """A verb of talking with what is talked about or whom with: "discuss the plan",
    "talk to the mediators"."""
    return any(c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in {"with", "to"})
               for c in verb.children)


#: Verbs through which a weapon named as their object is used.
USING_VERBS = frozenset("use employ".split())
#: Prepositions naming whom a weapon is used on.
USED_ON = frozenset("against on at".split())


def _used_as_weapon(token: Token, subject: Token | None) -> bool:
    """A weapon used is an attack when it is used on someone, by armed men or the police,
    or where the sentence tells of fighting or a crowd."""
    if _prep_objects(token, set(USED_ON)):
        return True
    if subject is not None and sector_of(subject) in {"MIL", "REB", "COP"}:
        return True
    words = _sentence_words(token)
    return bool(words & (lex.ATTACK_CONTEXT | ctx.CROWD_WORDS | ctx.PROTEST_CONTEXT) - {
        "farmer", "worker", "teacher", "resident", "villager", "student", "people"})


#: Words that can end a noun phrase in front of a participle used as its adjective.
NOUN_PHRASE_TAGS = frozenset("NNP NNPS NN NNS JJ DT".split())


def misread_adjective(token: Token) -> bool:
    """"in the Northern Valley occupied district": a participle inside a noun phrase that
    the parser took for a verb with no subject of its own (and the next noun as its object)."""
    if token.tag_ not in {"VBD", "VBN"} or token.i == sentence_bounds(token.doc, token.i)[0]:
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "agent", "mark"}
           for c in token.children):
        return False
    following = token.i + 1
    return token.doc[token.i - 1].tag_ in NOUN_PHRASE_TAGS and any(
        c.dep_ == "dobj" and c.i == following and c.pos_ == "NOUN" for c in token.children)


#: Noun slots a participle standing for people fills: "the injured were treated".
NOUN_SLOTS = frozenset("dobj pobj nsubj nsubjpass attr conj".split())


def participle_as_noun(token: Token) -> bool:
    """"the wounded", "the detained": a participle with an article and no clause of its own
    (no subject, object or auxiliary) names the people who underwent it."""
    if token.tag_ not in {"VBN", "JJ"} or token.dep_ not in NOUN_SLOTS:
        return False
    return any(c.dep_ == "det" and c.lower_ == "the" and c.i == token.i - 1
               for c in token.children) and not any(
        c.dep_ in {"dobj", "nsubj", "nsubjpass", "aux", "auxpass", "agent"} for c in token.children)


#: Second parts of a hyphenated modifier that say "resembling": "riot-like", "siege-style".
LIKENESS_WORDS = frozenset("like style type esque prone proof resistant".split())


def likeness(token: Token) -> bool:
    """"riot-like", "a siege-style standoff", "blast-resistant": the event word only
    describes a likeness or a property."""
    doc = token.doc
    following = token.i + 2
    return following < len(doc) and doc[token.i + 1].text == "-" and (
        doc[following].lower_ in LIKENESS_WORDS) and token.head.i == following


#: Adjectives of being open to something: "vulnerable to attack".
EXPOSURE_WORDS = frozenset("vulnerable susceptible exposed prone open liable".split())


def exposed_to(noun: Token) -> bool:
    """An event noun after "vulnerable to", "exposed to": what might happen, not what did."""
    head = noun.head
    return noun.dep_ == "pobj" and head.lower_ == "to" and head.head.pos_ == "ADJ" and (
        head.head.lower_ in EXPOSURE_WORDS)


def _following_agent(noun: Token) -> list[Token]:
    """The "by" phrase right after a noun, wherever the parser hung it: "raids by navy
    gunships"."""
    doc = noun.doc
    following = noun.i + 1
    if following < len(doc) and doc[following].lower_ == "by":
        return list(doc[following].subtree)
    return []


#: Verbs that reject a claim or belittle a party, depending on their object.
DISMISSING_VERBS = frozenset("dismiss deny".split())


def _dismissal(token: Token, code: Code) -> Code | None:
    """"denied the allegations", "dismissed the reports" reject a claim (REJECT); "dismissed
    the senator as a lightweight" belittles someone (ACCUSE); "dismissed the minister"
    (fired) and "denied him a visa" are neither."""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if any(ctx.noun_lemma(o) in ctx.CLAIM_NOUNS for o in objects):
        return code
    as_phrase = any(c.dep_ == "prep" and c.lower_ == "as" for c in token.children)
    if token.lemma_.lower() == "dismiss" and as_phrase and objects and all(
            ctx.agentive(o, sector_of(o)) for o in objects):
        return Code("ACCUSE", "111", "disapprove")
    return None


def _clause_subject(noun: Token) -> Token | None:
    """The subject of the clause a noun is in: "protesters kept up their demand"."""
    head = noun
    for _ in range(6):
        if head.head.i == head.i:
            return None
        head = head.head
        if head.pos_ == "VERB":
            found = subject_of(head)
            return ctx.resolve_relative(found) if found is not None else None
    return None


def _named_state(noun: Token, code: Code) -> bool:
    """An event noun that names a standing state, not a happening: "regions under their
    occupation", "in breach of the sanctions regime", "the ceasefire collapsed" (a
    ceasefire happens when it is observed or in force: PLOVER RETREAT)."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "under" and head.head.pos_ in {"NOUN", "PROPN"}:
        return True
    if noun.dep_ in {"nsubjpass", "dobj"} and head.lemma_.lower() in lex.EASING_VERBS and \
            noun.lemma_.lower() in lex.EASED_RESTRICTIONS:
        return True  # "the sanctions were lifted": eased here (a concession), not imposed
    if noun.dep_ == "pobj" and head.lower_ == "of" and \
            head.head.lemma_.lower() in ctx.RULE_RELATION_NOUNS and (
                code.type == "SANCTION" or code.mode in RULE_MODES):
        return True  # a rule that is kept or broken, not imposed here
    if code.mode == "ceasefire":
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in noun.children):
            return False  # "no ceasefire": kept, and flagged negated
        in_force = noun.dep_ in {"nsubj", "nsubjpass"} and head.lemma_.lower() in \
            ctx.IN_FORCE_VERBS
        return not (in_force or ctx.governed_by(noun, ctx.OBSERVING_VERBS))
    return False


#: Nouns of support coded only as received by a party ("won the backing of the union");
#: elsewhere they name a relation or an amount ("his degree of backing for her").
RECEIVED_ONLY_NOUNS = frozenset({"backing"})
#: Adjectives that make backing material (PLOVER AID), not support in words.
MATERIAL_WORDS = frozenset("financial monetary military logistical material".split())


def _statement_noun(token: Token, lemma: str, code: Code) -> Code | None:
    """An accusation or investigation is coded when someone makes it."""
    if lemma not in ctx.STATEMENT_NOUNS:
        return code
    owned = any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in {"by", "from"})
                for c in token.children)
    if owned or ctx.governed_by(token, STATEMENT_VERBS):
        return code
    if ctx.receiving_party(token) is not None:
        return code  # "the mayor drew criticism": made of the mayor by someone
    if ctx.performed_act(token) and code.mode == "disapprove":
        return code  # "in a rebuke of the mayor, the council voted": made by the council
    if code.mode == "investigate" and token.dep_ == "pobj" and token.head.lower_ == "under" \
            and token.head.head.pos_ in {"VERB", "AUX"}:
        return code  # "was placed under investigation", "remains under investigation"
    return None


def _consult(token: Token, lemma: str, code: Code, subject: Token | None,
             verb: bool) -> Code | None:
    if not verb:
        if lemma in {"visit", "trip"}:
            return code if _official_visit(token) else None
        if lemma not in ctx.MEETING_NOUNS:
            return code
        if ctx.place_object(token):
            return None  # "near the summit"
        if ctx.has_participants(token) or ctx.governed_by(token, MEETING_VERBS):
            return code
        return None  # "the summit", "peace talks" named, not held
    objects = ctx.object_words(token)
    if lemma == "meet" and (objects | _prep_words(token, {"with"})) & ctx.REACTION_NOUNS:
        return None  # "the plan met with opposition"
    if lemma in TALKING_VERBS and any(_press(t) for t in (
            subject, *_prep_objects(token, {"with", "to"})) if t is not None):
        return None  # "the host speaks with the author", "spoke to reporters": an interview
    met = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if lemma == "meet" and met is not None and not ctx.agentive(met, sector_of(met)):
        return None  # "demand is met by imports": a need filled, nobody met
    if lemma == "host" and (objects & ctx.FORCE_NOUNS or (
            subject is not None and subject.lemma_.lower() in ctx.FACILITY_NOUNS)):
        return None  # "a camp hosting French soldiers"
    if lemma == "visit" and subject is not None and subject.lower_ not in ctx.AGENT_PRONOUNS:
        sector = sector_of(subject)
        if sector not in POLITICAL_SECTORS and subject.ent_type_ not in ctx.AGENT_ENTITIES \
                and subject.pos_ != "PROPN":
            return None  # "worshippers visited a shrine"
    return code


#: Verbs of talking: with the press they are interviews, not consultations.
TALKING_VERBS = frozenset("talk speak chat".split())
#: People of the press not coded as a media sector: "the host speaks with".
PRESS_ROLES = frozenset("""
host anchor interviewer correspondent columnist commentator podcaster broadcaster presenter
""".split())


def _press(party: Token) -> bool:
    """A journalist or news outlet, or someone named with one ("NPR's Ann Lee")."""
    if sector_of(party) == "MED" or party.lemma_.lower() in PRESS_ROLES:
        return True
    return any(c.dep_ in {"compound", "poss", "appos"} and (
        sector_of(c) == "MED" or c.lemma_.lower() in PRESS_ROLES) for c in party.children)


def _capture(token: Token, code: Code, subject: Token | None) -> Code:
    """Capturing a town occupies territory (CAMEO 192); capturing combatants is ASSAULT
    'abduct' (PLOVER note under COERCE); capturing suspects is an arrest."""
    heads = ctx.object_words(token, compounds=False)
    if heads & ctx.TERRITORY_NOUNS or any(c.dep_ in {"dobj", "nsubjpass"} and c.ent_type_ in {
            "GPE", "LOC", "FAC"} for c in token.children):
        return Code("COERCE", "192", "seize")
    armed = subject is not None and sector_of(subject) in {"MIL", "REB"}
    fighters = {w for w in heads if lex.SECTOR_WORDS.get(w) in {"MIL", "REB"}}
    if armed and fighters:
        return Code("ASSAULT", "181", "abduct")
    return code


def _links_with_no_party(token: Token) -> bool:
    """Links, flights or trade cut ("suspended flights", "a halt to ferry services") with
    no party they ran with or to: nothing says whose relations were reduced."""
    links = [c for c in token.children if c.dep_ == "dobj"] + _prep_objects(token, {"of"})
    links = [t for t in links if t.lemma_.lower() in lex.EXCHANGE_LINKS]
    if not links:
        return False
    parties = [g for t in (token, *links) for g in _prep_objects(t, PARTY_PREPOSITIONS)]
    return not any(g.ent_type_ in {"GPE", "NORP", "ORG"} or g.pos_ == "PROPN" for g in parties)


#: Prepositions that name whom links ran with: "flights to Syldavia", "ties with Minsk".
PARTY_PREPOSITIONS = frozenset("with to from between".split())
#: Who searches premises as an act of power: police, troops, officials.
SEARCHING_SECTORS = frozenset({"COP", "MIL", "GOV", "SPY", "JUD"})


def _state_acting_in_protest(noun: Token) -> bool:
    """"Syldavia recalled its ambassador in protest", "the ministry suspended flights in
    protest at ...": a government or a country does something "in protest"."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "in" or noun.head.head.pos_ not in {
            "VERB", "AUX"}:
        return False
    actor = subject_of(noun.head.head)
    return actor is not None and (sector_of(actor) == "GOV" or actor.ent_type_ == "GPE")


def _prep_objects(token: Token, prepositions: set[str]) -> list[Token]:
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ in prepositions
            for g in c.children if g.dep_ == "pobj"]


def _prep_words(token: Token, prepositions: set[str]) -> set[str]:
    return {g.lemma_.lower() for g in _prep_objects(token, prepositions)}


def _protest_rally(token: Token, subject: Token | None) -> bool:
    """A rally that is a protest (PLOVER), not a campaign event."""
    if subject is not None and subject.lemma_.lower() in ctx.CROWD_WORDS:
        return True
    for child in token.children:
        word = child.lower_
        if child.dep_ in {"amod", "compound"} and (
                word.startswith(("anti", "pro-")) or word in ctx.PROTEST_MODIFIERS):
            return True
    return any(t.i != token.i and t.lemma_.lower() in ctx.PROTEST_CONTEXT - {"rally"}
               for t in token.sent)


#: Verbs of saying whose clause beside an attack shows the attack was made in words.
SPEECH_VERBS = lex.REPORTING_VERBS | frozenset("call accuse argue charge describe brand".split())


def _verbal_attack(token: Token, subject: Token | None) -> bool:
    """An attack made in words: "attacked the mayor in tweets", "his personal attacks"."""
    near = [token, *token.children]
    aimed = [g for c in token.children if c.dep_ == "prep" for g in c.children]
    near += aimed + [g for a in aimed for c in a.children if c.dep_ == "prep"
                     for g in c.children]  # "in a series of tweets"
    if subject is not None:
        near += [subject, *subject.children]
    if any(c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in SPEECH_VERBS
           and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
           for c in token.children) and (subject is None or (
               sector_of(subject) not in {"MIL", "REB", "COP"}
               and ctx.noun_lemma(subject) not in ARMED_WORDS)):
        return True  # "attacked the governor, saying he had lied"
    if any(t.lemma_.lower() in ctx.ABSTRACT_TARGETS for t in aimed + [
            c for c in token.children if c.dep_ == "dobj"]):
        return True  # "attacks on his record", "attacked the plan"
    return any(t.lemma_.lower() in ctx.VERBAL_MEDIA for t in near)


#: Roles of people in politics whose attacks are made in words ("the candidate attacked").
POLITICAL_ROLES = frozenset("""
candidate nominee challenger incumbent campaign rival opponent party caucus pundit
commentator columnist
""".split())
#: Words for one person: "his attacks on the board".
ONE_PERSON = frozenset("he she his her".split())
#: Sectors of parties that are attacked only in words by someone unarmed.
ATTACKED_IN_WORDS = UNARMED_SECTORS | {"BUS"}
#: Measures and texts a politician attacks in words ("attacked the bill as a giveaway").
MEASURE_NOUNS = ctx.ABSTRACT_TARGETS | frozenset("""
bill law legislation measure budget reform deal ruling order program programme report
coverage nomination
""".split())


def _between_politicians(token: Token, subject: Token | None) -> bool:
    """"The senator attacked Trump", "the candidate's attacks on the central bank",
    "Republicans attacked the bill": someone in politics (a named person, a party's
    people, an office-holder, a candidate) attacking a named person or body, an unarmed
    institution or a measure, with no weapon in sight, attacks in words."""
    attacker = subject if token.pos_ == "VERB" else _attack_maker(token)
    if attacker is None or sector_of(attacker) in ARMED_SECTORS:
        return False
    if not (attacker.ent_type_ in {"PERSON", "NORP"} or sector_of(attacker) in UNARMED_SECTORS
            or attacker.lemma_.lower() in POLITICAL_ROLES or attacker.lower_ in ONE_PERSON):
        return False
    targets = [c for c in token.children if c.dep_ == "dobj"] + _prep_objects(
        token, {"on", "against"})
    if not targets or not all(_attacked_in_words(t) for t in targets):
        return False
    weapons = ctx.WEAPON_NOUNS | set(lex.ASSAULT_MODE_WORDS)
    return not any(t.lemma_.lower() in weapons for t in token.sent)


def _attack_maker(noun: Token) -> Token | None:
    """Who makes the attack a noun names: its owner ("his attacks on"), "by X", or the
    subject of the verb it is the object of ("launched an attack on")."""
    found = noun_actor(noun)
    if found is None and noun.dep_ == "dobj":
        found = subject_of(noun.head)
    return ctx.resolve_relative(found) if found is not None else None


def _attacked_in_words(target: Token) -> bool:
    """A party or thing that someone unarmed attacks only in words."""
    sector = sector_of(target)
    if sector in ARMED_SECTORS or target.ent_type_ in {"GPE", "LOC", "FAC"}:
        return False
    return target.ent_type_ in {"PERSON", "ORG", "NORP"} or sector in ATTACKED_IN_WORDS or (
        target.lemma_.lower() in MEASURE_NOUNS)


def _directed(noun: Token) -> bool:
    """Violence by someone or against someone: "mob violence", "violence against women"
    (not "gun violence", "street violence", "its worst violence")."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"against", "by", "on", "toward", "towards"}:
            return True
        if child.dep_ in {"poss", "compound"} and (
                child.lemma_.lower() == "mob" or child.ent_type_ in ctx.AGENT_ENTITIES
                or sector_of(child) in POLITICAL_SECTORS):
            return True
        if child.dep_ == "amod" and child.lemma_.lower() in VIOLENCE_KINDS:
            return True
    return False


def _official_visit(noun: Token) -> bool:
    """A visit by someone who represents a state or group, or to a named place: "his first
    official foreign visit", "Biden's visit to Kyiv" (not "her yearly fishing trip")."""
    words = {c.lemma_.lower() for c in noun.children}
    if words & OFFICIAL_WORDS:
        return True
    for child in noun.children:
        if child.dep_ == "poss" and (child.ent_type_ in ctx.AGENT_ENTITIES or sector_of(
                child) in POLITICAL_SECTORS):
            return True
        if child.dep_ == "prep" and child.lower_ in {"to", "by"} and any(
                g.ent_type_ in {"GPE", "ORG", "PERSON", "NORP"} or g.pos_ == "PROPN"
                for g in child.children):
            return True
    return False


def _mobilize(token: Token, code: Code, subject: Token | None) -> Code | None:
    objects = ctx.object_words(token)
    if objects & CROWD_CONTROL_WORDS:
        return Code("ASSAULT", "175", "crowd-control")  # "deployed tear gas"
    if _disaster_sentence(token) or any(
            c.dep_ in {"xcomp", "advcl"} and c.lemma_.lower() in {"help", "rescue", "evacuate"}
            for c in token.children):
        return None  # codebook: mobilising for disaster relief is AID, not MOBILIZE
    armed_subject = subject is not None and sector_of(subject) in {"MIL", "REB", "COP"}
    if objects and not objects & (ARMED_WORDS | {"police", "reinforcement", "patrol"}) \
            and not armed_subject:
        return None  # "mobilising supporters" (to protest), "mobilised efforts"
    return code


def _on_computers(token: Token, lemma: str, verb: bool) -> bool:
    """An attack carried out on computers: "a ransomware attack", "a cyber attack on the
    ministry", "hacked the bank's servers", "defaced the party's website"."""
    if lemma not in {"attack", "hack", "target", "deface"}:
        return False
    if (lemma == "hack" and not verb) or any(
            c.dep_ in {"compound", "amod", "nmod"} and c.lower_.rstrip("-") in
            ctx.CYBER_MODIFIERS for c in token.children):
        return True
    heads = (ctx.object_words(token, compounds=False) if verb
             else _prep_words(token, {"on", "against"}))
    if heads & ctx.CYBER_OBJECTS - ctx.PHYSICAL_TOO:
        return True  # "attacked the bank's servers"
    # "attacked the network" is one on computers only where hackers or malware are told
    return bool(heads & ctx.PHYSICAL_TOO) and bool(
        {t.lower_ for t in token.sent} & (ctx.CYBER_MODIFIERS | {"hackers"}))


#: Modifiers that make a crackdown violent repression (CAMEO 175), not a restriction.
LETHAL_MODIFIERS = frozenset("""
deadly bloody violent brutal lethal murderous violently brutally
""".split())
#: Verbs whose event "in" or "during" an act tells that the act killed or hurt.
HARM_VERBS = frozenset("die kill wound injure".split())
#: The means of force a crackdown's sentence may tell it by ("used batons and water
#: cannon on the strikers, the fiercest crackdown in years").
FORCE_MEANS = frozenset("teargas cannon bullet baton ammunition".split())


def _violent_repression(token: Token) -> bool:
    """Does the text make a crackdown violent: "a bloody crackdown", "cracked down violently",
    "five died in the crackdown", "the crackdown killed dozens", or its sentence tells the
    force used ("used batons on the strikers in a crackdown on the union") (CAMEO 175)?"""
    if any(c.dep_ in {"amod", "advmod"} and c.lemma_.lower() in LETHAL_MODIFIERS
           for c in token.children):
        return True
    if any(t.lemma_.lower() in FORCE_MEANS or (t.lower_ == "tear" and t.i + 1 < len(t.doc)
                                                and t.doc[t.i + 1].lower_ == "gas")
           for t in token.sent):
        return True  # its sentence tells the force it used
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in {"in", "during"} and head.dep_ == "prep":
        head = head.head
        return head.pos_ == "VERB" and head.lemma_.lower() in HARM_VERBS
    return token.dep_ == "nsubj" and head.lemma_.lower() in HARM_VERBS


def _assault(token: Token, lemma: str, code: Code, subject: Token | None,
             verb: bool) -> Code | None:
    objects = ctx.object_words(token) if verb else set()
    if lemma in {"destroy", "demolish", "seize", "capture"} and ctx.object_words(
            token, compounds=False) & ctx.WEAPON_NOUNS:
        return None  # forces destroying mines or weapon caches disarm, they assault no one
    if lemma in {"attack", "assault", "pound", "slam"} and (
            _verbal_attack(token, subject) or _between_politicians(token, subject)):
        return Code("ACCUSE", "111", "disapprove")  # "attacked her in tweets", "personal attacks"
    if _on_computers(token, lemma, verb):
        return Code("COERCE", "170", "cyber")  # codebook: cyber attacks are COERCE 'cyber'
    if lemma in {"fight", "battle", "fighting"}:
        if objects & ctx.ABSTRACT_OPPONENTS or any(
                c.dep_ in {"xcomp", "advcl"} and any(g.lower_ == "to" for g in c.children)
                for c in token.children) or _disaster_sentence(token):
            return None  # "fighting deportation", "a struggle to put out the forest fire"
        if verb and subject is not None and not ctx.agentive(subject, sector_of(subject)):
            return None  # "two bulls fight over the herd"
    if lemma == "clash" and verb and subject is not None and sector_of(subject) not in {
            "MIL", "REB", "COP"} and any(c.dep_ == "prep" and c.lower_ in {"over", "about"}
                                         for c in token.children):
        return Code("ACCUSE", "110", "disapprove")  # "the minister clashed over the plan"
    if lemma == "violence" and not _directed(token):
        return None  # "violence surged": a state of affairs, not one act
    if lemma == "hostility" and token.tag_ != "NNS":
        return None  # "inherent hostility" is an attitude; "hostilities" are fighting
    return code
