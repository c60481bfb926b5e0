"""Generic, habitual and social uses of event words: statements about no occasion.

PLOVER codes events that happened once, between political actors. These checks drop
triggers that the sentence tells as a habit or a kind ("farmers grumble that the forms take
too long", "her accounts are constantly audited", "whenever a detainee is injured"),
as a reason or a way ("reasons to attack him"), or as social life ("welcomed his guests",
"who will occupy the governor's mansion").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.stages.events import context as ctx
from newsgraph.stages.events import lexicon as lex

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsgraph.stages.events.lexicon import Code

#: Adverbs of a habit, not of one occasion.
HABITUAL_ADVERBS = frozenset("""
constantly always often routinely regularly frequently usually habitually typically
generally perpetually continually
""".split())
#: Pronouns of anyone at all, as the subject of the clause an event is in.
ANYONE = frozenset("someone somebody anyone anybody everyone everybody one you".split())
#: Nouns whose infinitive is a possibility, not an act: "reasons to attack him".
POSSIBILITY_NOUNS = frozenset("reason way means right need chance opportunity".split())
#: People who arrive at a host's: welcoming them is hospitality, not support.
GUEST_NOUNS = frozenset("""
guest visitor crowd audience attendee spectator fan customer passenger newcomer
""".split())
#: Nouns that count in bulk: "hundreds of raids" is a statistic, not an occasion.
BULK_NOUNS = frozenset("dozens scores hundreds thousands millions tens".split())
#: Verbs through which a subject does the counted happenings ("made dozens of arrests").
LIGHT_VERBS = lex.LIGHT_VERBS | {"make", "perform", "commit"}
#: From this many on, counted happenings are a tally ("40 bombings since 2010").
TALLY = 10
#: Prepositions through which an event noun names a participant.
PARTICIPANT_PREPS = frozenset("by of on against from between among".split())
#: Subjects that are one person: they hold an office, they do not occupy territory.
PERSON_PRONOUNS = frozenset("he she i who you".split())


def generic_use(token: Token, lemma: str, code: Code, subject: Token | None) -> bool:
    """True when the trigger names a habit, a kind, a possibility or a social act."""
    return (_habitual(token, code, subject) or _anyone_clause(token) or _tally(token)
            or _toll(token) or _role_in_a_kind(token)
            or _one_of_many(token)
            or _every_one(token) or _describes_people(token)
            or _possibility(token) or _hospitality(token, lemma, code)
            or _office_held(token, lemma, code, subject) or _kind_talked_about(token)
            or _kind_said_frequent(token))


#: Verbs of a trend or a tendency: "are starting to demand", "tend to complain".
TREND_VERBS = frozenset("begin start tend continue".split())


def _habitual(token: Token, code: Code, subject: Token | None) -> bool:
    """"are constantly audited" (by no one named); "companies complain that taxes
    are too high" (a bare plural of a kind, in the simple present)."""
    if token.pos_ != "VERB":
        return False
    if subject is None and not any(c.dep_ == "agent" for c in token.children) and any(
            c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for c in token.children):
        return True  # a habit with no one doing it (a named doer's habit is kept)
    tense = token
    if token.tag_ == "VB" and token.dep_ == "xcomp" and token.head.lemma_.lower() in (
            TREND_VERBS):
        tense = token.head  # "farmers are beginning to demand": a trend of a kind
        if not (tense.tag_ == "VBP" or (tense.tag_ == "VBG" and any(
                c.dep_ == "aux" and c.tag_ == "VBP" for c in tense.children))):
            return False
    elif token.tag_ != "VBP" or any(c.dep_ in {"aux", "auxpass"} for c in token.children):
        return False
    if code.type not in lex.VERBAL_TYPES or subject is None or _headline(tense):
        return False  # ("Protesters demand release of editor": a headline's present)
    return subject.tag_ == "NNS" and not subject.ent_type_ and not _picked_out(subject)


def _picked_out(noun: Token) -> bool:
    """A determiner, possessor or number picks out happenings ("the raids", "its role",
    "two attacks"); without one a noun names a kind."""
    return any(c.dep_ in {"det", "poss", "nummod"} for c in noun.children)


def _tally(token: Token) -> bool:
    """"dozens of raids over the years", "the 40 bombings of the decade" told with no one
    doing them or suffering them: a count of many happenings is a statistic, not an event
    between actors. "two explosions", "dozens of rebel attacks" and "hundreds of attacks on
    the police" stay."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.tag_ not in {"NNS", "NNPS"}:  # (headlines)
        return False
    if any(c.dep_ in {"poss", "compound", "amod"} and (c.ent_type_ or c.pos_ == "PROPN"
                                                       or ctx.noun_lemma(c) in lex.SECTOR_WORDS)
           for c in token.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ in PARTICIPANT_PREPS for c in token.children):
        return False
    counted = any(c.dep_ == "nummod" and _many(c) for c in token.children)
    head = token.head
    bulk = token.dep_ == "pobj" and head.lower_ == "of" and (
        head.head.lower_ in BULK_NOUNS or _many(head.head))
    phrase = head.head if bulk else token
    done_by = phrase.dep_ == "dobj" and (phrase.head.lemma_.lower() in LIGHT_VERBS) and any(
        c.dep_ == "nsubj" for c in phrase.head.children)
    return (counted or bulk) and not done_by


#: Nouns of a part played in a kind of act: "its involvement in smuggling".
ROLE_NOUNS = frozenset("involvement role participation complicity hand".split())


def _role_in_a_kind(token: Token) -> bool:
    """"banned over its involvement in kidnapping", "his role in hijackings": a part played in a
    kind of act, no occasion told (a determiner makes one: "its role in the attack on X")."""
    if token.dep_ not in {"pobj", "pcomp"} or token.head.lower_ != "in" or (
            token.head.head.lemma_.lower() not in ROLE_NOUNS):
        return False
    return not _picked_out(token)


#: Verbs of harm whose perfect, summed over a period, is a toll: "40 have been killed".
TOLL_VERBS = frozenset("kill die wound injure".split())


def _toll(token: Token) -> bool:
    """"Forty people have been killed in the province this year", "300 have died since
    March": a present perfect of harm summed over a period up to now is a toll, not one
    occasion; so are the bare plural acts it sums ("killed in clashes this year"; the
    attacks it sums are coded where they are told one by one)."""
    if token.pos_ == "NOUN" and token.tag_ == "NNS" and token.dep_ == "pobj" and (
            token.head.lower_ == "in") and not _picked_out(token):
        return _toll(token.head.head)  # "have died in clashes since May": what it sums
    if token.pos_ != "VERB" or token.lemma_.lower() not in TOLL_VERBS or token.tag_ != "VBN":
        return False
    if not any(c.dep_ == "aux" and c.lower_ in {"have", "has"} for c in token.children):
        return False
    for child in token.children:
        if child.dep_ == "npadvmod" and child.ent_type_ == "DATE" and any(
                g.dep_ == "det" and g.lower_ == "this" for g in child.children):
            return True  # "this year", "this month"
        if child.dep_ == "prep" and child.lower_ == "since":
            return True
        if child.dep_ == "advmod" and child.lower_ == "far" and any(
                g.lower_ == "so" for g in child.children):
            return True
    return False


def _one_of_many(token: Token) -> bool:
    """"she is one of 40 reporters jailed this year", "among dozens of farmers shot by
    guards": someone counted among many who suffered it is a tally, not one event."""
    current = token
    for _ in range(3):  # "shot and wounded": through conjuncts
        if current.dep_ != "conj":
            break
        current = current.head
    if current.dep_ != "acl" or current.tag_ != "VBN":
        return False
    counted = current.head
    if counted.dep_ == "pobj" and counted.head.lower_ == "of" and (
            counted.head.head.lower_ in BULK_NOUNS):
        counted = counted.head.head  # "one of dozens of farmers"
    return counted.dep_ == "pobj" and counted.head.lower_ in {"of", "among"} and (
        counted.head.lower_ == "among" or counted.head.head.lower_ == "one") and (
        counted.lower_ in BULK_NOUNS or any(c.dep_ == "nummod" and _many(c)
                                            for c in counted.children))


#: Determiners that make a plural noun every happening of its kind: "all its audits".
EVERY_DETERMINERS = frozenset("all any every".split())


def _every_one(token: Token) -> bool:
    """"disclose all their raids", "any arrests": every happening of a kind, none in particular."""
    return token.pos_ == "NOUN" and token.tag_ == "NNS" and any(
        c.dep_ in {"predet", "det"} and c.lower_ in EVERY_DETERMINERS for c in token.children)


#: Nouns that an event noun can describe without telling of one happening: "attack
#: survivors", "shooting statistics".
DESCRIBED_NOUNS = frozenset("""
victim survivor statistic tally rate data figure database record count toll
""".split())


#: Nouns of how often or how much a kind of act happens: "the rate of arrests".
RATE_NOUNS = frozenset("pace rate level frequency scale statistic".split())


def _describes_people(token: Token) -> bool:
    """"a count of stabbing victims": the event noun says what kind of victims they are;
    "the rate of arrests", "a frequency of shootings": how often a kind of act happens, no one
    occasion (a determiner or owner makes it one: "the scale of Monday's attack")."""
    if token.dep_ in {"pobj", "pcomp"} and token.head.lower_ == "of" and (
            token.pos_ == "NOUN" or token.tag_ == "VBG") and (
            token.head.head.lemma_.lower() in RATE_NOUNS):
        return not any(c.dep_ in {"det", "poss"} for c in token.children)
    return token.dep_ in {"compound", "amod"} and token.head.lemma_.lower() in DESCRIBED_NOUNS


def _many(token: Token) -> bool:
    text = token.text.replace(",", "")
    return token.lower_ in BULK_NOUNS or (text.isdigit() and int(text) >= TALLY)


def _anyone_clause(token: Token) -> bool:
    """"whenever a detainee is injured": the clause is about anyone."""
    current = token
    for _ in range(4):
        if current.pos_ in {"VERB", "AUX"} and current is not token:
            return any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in ANYONE
                       and c.pos_ == "PRON" for c in current.children)
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _possibility(token: Token) -> bool:
    """"fair reasons to attack him", "ways to fight it": an infinitive under a noun of
    possibility names what could be done."""
    if token.pos_ != "VERB":
        return False
    clause = token
    if clause.dep_ == "conj":
        clause = clause.head  # "reasons to attack and mock him"
    return clause.dep_ in {"acl", "relcl"} and \
        clause.head.lemma_.lower() in POSSIBILITY_NOUNS and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _hospitality(token: Token, lemma: str, code: Code) -> bool:
    """"welcomed the visitors": a host greets arrivals; "as she welcomed," with nothing
    welcomed, a host greeting, not approval of anything."""
    if code.type != "SUPPORT" or lemma != "welcome" or token.pos_ != "VERB":
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if not objects:
        return not any(c.dep_ in {"nsubjpass", "ccomp", "xcomp", "prep", "dative", "advcl"}
                       for c in token.children) and token.dep_ != "relcl"
    return all(ctx.noun_lemma(o) in GUEST_NOUNS for o in objects)


def _office_held(token: Token, lemma: str, code: Code, subject: Token | None) -> bool:
    """"who will occupy the top job", "she occupies a key post": a person holds an
    office; occupation is done by forces or states."""
    if code.type != "COERCE" or lemma != "occupy" or subject is None:
        return False
    return subject.ent_type_ == "PERSON" or subject.lower_ in PERSON_PRONOUNS


#: Words of talk, thought or blame whose "on"/"over" phrase is what they are about.
TALK_HEADS = frozenset("""
speak talk say comment remark write testify ask question wonder worry think care complain
blame focus lecture report speech conversation discussion debate hearing briefing book
study essay column concern fear view opinion stance position
""".split())
#: Verbs whose object is what they talk about or account for, not an act done here.
EXPLAINING_VERBS = frozenset("blame discuss mention address debate explain study".split())
#: Nouns whose "of" phrase is a cause: "a result of border closures".
CAUSE_NOUNS = frozenset("result consequence product".split())
#: Prepositions whose object is what is talked or thought about.
ABOUT_PREPOSITIONS = frozenset("about regarding concerning".split())
#: Verbs of how things stand, and words of how often a kind of happening occurs.
STATE_VERBS = frozenset("be become remain grow".split())
FREQUENCY_WORDS = frozenset("""
common rare frequent routine commonplace widespread uncommon unusual infrequent
""".split())


def _bare_plural(noun: Token) -> bool:
    """A plural noun with no determiner, possessor or number: a kind ("police raids"),
    not happenings picked out ("the raids", "two raids", "the army's raids")."""
    return noun.tag_ == "NNS" and not any(c.dep_ in {"det", "poss", "nummod", "quantmod"}
                                          for c in noun.children)


def _kind_talked_about(token: Token) -> bool:
    """"spoke about army raids and homes being searched", "blamed the riots on police
    beatings", "a result of border closures": a bare plural that talk, thought or blame is
    about, or that is given as a cause, names a kind of happening, not one this sentence
    tells of."""
    current = token
    for _ in range(3):  # through conjuncts
        if current.dep_ != "conj":
            break
        current = current.head
    if not _bare_plural(current):
        return False
    if current.dep_ == "dobj":  # "blamed the riots on poverty", "discussed army raids"
        return current.head.lemma_.lower() in EXPLAINING_VERBS and not _named_participant(
            current, {"by", "of", "against"})  # ("on bias" may hang from the noun)
    if _named_participant(current, PARTICIPANT_PREPS):
        return False
    if current.dep_ != "pobj":
        return False
    preposition = current.head
    if preposition.lower_ in ABOUT_PREPOSITIONS:
        return True
    if preposition.lower_ == "of":  # "a result of border closures": a cause told as a kind
        return preposition.head.lemma_.lower() in CAUSE_NOUNS
    return preposition.lower_ in {"on", "over"} and (
        preposition.head.lemma_.lower() in TALK_HEADS)


def _named_participant(noun: Token, prepositions: frozenset[str] | set[str]) -> bool:
    """"Ruritanian raids", "raids on the villages", "raids by the army": happenings with a
    named party or an aim are those of one campaign, not a kind ("police raids")."""
    return any((c.dep_ == "prep" and c.lower_ in prepositions) or (
        c.dep_ in {"amod", "compound"} and (c.ent_type_ or c.pos_ == "PROPN"))
        for c in noun.children)


def _kind_said_frequent(token: Token) -> bool:
    """"raids on farms are rare", "attacks on reporters have become routine": how often a
    kind of happening occurs, no one occasion."""
    if not _bare_plural(token) or token.dep_ != "nsubj":
        return False
    verb = token.head
    return verb.lemma_.lower() in STATE_VERBS and any(
        c.dep_ in {"acomp", "attr"} and c.lemma_.lower() in FREQUENCY_WORDS
        for c in verb.children)


def _headline(token: Token) -> bool:
    """A title line: no full stop, question or exclamation mark at its end."""
    last = next((t for t in reversed(token.sent) if not t.is_space), None)
    return last is None or last.text not in {".", "!", "?", '"', "”", "'"}
