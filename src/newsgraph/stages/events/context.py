"""Context checks of the events stage: when a trigger word names no event of its own.

Each check reads the dependency parse around one trigger and follows a rule of the
PLOVER 1.0 codebook or of plain English grammar:

- a participle that describes a noun ("a man accused of theft", "the banned party",
  "troops deployed near the border") names a state, not an act reported here;
- verbal acts (accuse, threaten, visit, host) need an agent that can act: "fires
  threatening towns", "a tsunami slammed into the coast" are not statements;
- the demands and denunciations of protesters are the topic of their protest, which
  PLOVER codes as one PROTEST event;
- a meeting noun without participants or a verb that holds it names an institution
  ("the summit", "peace talks" as a topic), not a consultation that took place;
- weapons destroyed or seized by security forces, mobilisation for disaster relief and
  emergencies declared over a disaster or an epidemic are not conflict (codebook notes
  under MOBILIZE and COERCE).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Pronouns that stand for people or groups who can act.
AGENT_PRONOUNS = frozenset("i we you he she they who someone everyone".split())
#: Entity types (spaCy labels) of names that can act.
AGENT_ENTITIES = frozenset("PERSON ORG GPE NORP".split())
#: Relative pronouns: the actor is the noun the clause describes.
RELATIVE_PRONOUNS = frozenset("that which who whom".split())
#: Nouns of people and groups that act, beyond the sector words of the lexicon.
AGENT_NOUNS = frozenset("""
group organisation organization coalition alliance council committee bloc country nation
state side party member supporter opponent critic leader head chief spokesman official
student worker activist lawyer union people crowd mediator envoy delegate delegation
minister president premier chancellor diplomat ambassador secretary king queen prince
thousand hundred dozen resident youth
community body watchdog agency network movement faction camp campaigner organiser organizer
foe ally rival enemy adversary partner neighbour neighbor power
advocate analyst expert scholar pundit attorney candidate aide
""".split())
#: Nouns of forces of nature and accidents, which act on nobody's behalf.
NATURAL_FORCES = frozenset("""
wildfire fire blaze flood storm cyclone hurricane typhoon tornado earthquake quake tsunami
landslide avalanche drought heatwave rain snow virus pandemic epidemic disease wildfires
""".split())
#: Endings of nouns for people: mediator, negotiator, activist, politician, resident.
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ee", "man", "men", "woman", "women")
#: Bodies named by a "-ment" noun, which act although the ending makes nouns of acts
#: ("movement" is among the agent nouns already).
INSTITUTION_NOUNS = frozenset("""
government parliament department management establishment
""".split())
#: People whose gathering in a protest context is a demonstration.
CROWD_WORDS = frozenset("""
protester protestor demonstrator rioter crowd thousand hundred dozen people student worker
activist supporter opponent resident villager farmer teacher woman youth marcher
campaigner opposition
""".split())
#: Crowd words that name a political party, not people in the street.
PARTY_WORDS = frozenset({"opposition"})
#: What a demand or a complaint is written in: "in a petition to parliament".
WRITTEN_MEDIA = frozenset("""
letter statement petition interview post tweet op-ed article speech note communique
""".split())
#: Words that make a gathering a protest.
PROTEST_CONTEXT = frozenset("""
protest protester protestor demonstrator demonstration rally slogan chant banner placard
sign demand against oppose opposition dissent march marcher sit-in strike boycott
""".split())
#: Modifiers that make a rally a protest: "a peaceful rally", "a mass rally".
PROTEST_MODIFIERS = frozenset(
    "peaceful mass opposition protest solidarity street unauthorized unauthorised illegal "
    "unsanctioned".split())
#: Words of the media of a verbal attack.
VERBAL_MEDIA = frozenset("""
tweet twitter statement speech interview ad advert advertisement remark comment rhetoric
personal verbal op-ed editorial debate rant
""".split())
#: Places whose capture occupies territory.
TERRITORY_NOUNS = frozenset("""
town city village district area base hill position territory control port airport region
province neighbourhood neighborhood outpost checkpoint crossing border highway road field
capital centre center camp island
""".split())
#: Things attacked only in words: "attacks on his record".
ABSTRACT_TARGETS = frozenset("""
record biography platform policy plan proposal character credibility integrity claim
statement decision idea stance agenda candidacy remark comment view
""".split())
#: What a proposal "meets with": a reaction, not a meeting.
REACTION_NOUNS = frozenset("""
opposition criticism resistance skepticism scepticism silence approval applause derision
condemnation anger outrage disapproval success failure
""".split())
#: Nouns of a protest as an event ("broke up a silent march").
PROTEST_NOUNS = frozenset("""
protest demonstration rally march sit-in gathering vigil procession strike walkout
""".split())
#: Nouns that only host troops, never visitors: "a camp hosting French soldiers".
FACILITY_NOUNS = frozenset("""
base camp facility compound airport airfield port station building hotel stadium venue
hospital school city town village country
""".split())
FORCE_NOUNS = frozenset("""
troop force soldier army unit marine sailor personnel contingent battalion brigade
""".split())
#: Weapons and munitions: destroying or seizing them disarms, it assaults no one.
WEAPON_NOUNS = frozenset("""
weapon arm ammunition munition gun rifle pistol firearm explosive device ied mine landmine
bomb grenade rocket missile mortar shell cache stockpile arsenal launcher cartridge round
""".split())
#: Objects of an "attack" carried out on computers: COERCE cyber.
CYBER_OBJECTS = frozenset("""
website site server network system computer account email database infrastructure
""".split())
#: Objects of an attack that may be physical too: "attacked the power network".
PHYSICAL_TOO = frozenset("network system infrastructure site".split())
#: Modifiers that make an attack one on computers: "a cyber attack", "a ransomware attack".
CYBER_MODIFIERS = frozenset("""
cyber ransomware malware spyware hacking hacker phishing ddos denial-of-service computer
""".split())
#: Objects that make "fight" or "battle" a struggle against something that is not an actor.
ABSTRACT_OPPONENTS = frozenset("""
deportation extradition eviction charge conviction ruling decision law bill case
corruption poverty disease virus fire wildfire blaze flood climate inflation addiction
cancer illness hunger unemployment crime
""".split())
#: Governors whose "to"-complement or "for"-object is a plan with a set date:
#: "is set to meet", "scheduled to visit", "due to start".
SCHEDULE_WORDS = frozenset("set schedule due poise slate expect".split())
#: Verbs that commit the actor to a future act (PLOVER: future cooperation is AGREE).
COMMITTING_GOVERNORS = frozenset("""
agree promise pledge vow offer decide plan intend prepare set schedule due poise slate
expect announce commit undertake
""".split())
#: Light verbs that make an investigation happen: "opened an investigation".
INVESTIGATION_VERBS = frozenset("""
open launch order begin start conduct carry announce lead hold initiate set
""".split())
#: Nouns of statements that need a speaker to be coded.
STATEMENT_NOUNS = frozenset("""
accusation allegation criticism condemnation investigation probe inquiry rebuke reprimand
denunciation censure swipe jab broadside tirade diatribe tribute accolade plaudit backing
""".split())
#: What is denied or dismissed in a REJECT: claims, not people or jobs.
CLAIM_NOUNS = frozenset("""
allegation accusation charge claim report criticism suggestion notion idea assertion rumor
rumour speculation story request demand call appeal proposal offer plea concern
""".split())
#: Meeting nouns whose participants must be named.
MEETING_NOUNS = frozenset(
    "talk meeting negotiation consultation discussion dialogue summit".split())
#: Prepositions that name a meeting's participants.
PARTICIPANT_PREPOSITIONS = frozenset("with between among involving".split())
#: Spatial prepositions: "near the summit", "outside the meeting" name a place.
SPATIAL_PREPOSITIONS = frozenset("near outside inside around at to toward towards from".split())
#: Subjects and causes that make killing, fighting or an explosion a disaster or an accident.
ACCIDENT_WORDS = frozenset("""
plunge overturn capsize derail drown sink electrocute poisoning coronavirus covid-19
gas-leak fireworks firecracker wildfire bushfire
""".split())


def noun_lemma(token: Token) -> str:
    """Lower-case lemma, singular also for capitalised plurals the lemmatiser keeps."""
    return folded_noun_lemma(token.lemma_, token.lower_, token.pos_)


def folded_noun_lemma(lemma: str, word: str, pos: str) -> str:
    """`noun_lemma` from a token's lemma, lower-case form and coarse tag."""
    lemma = lemma.lower()
    if lemma == word and lemma.endswith("s") and pos == "PROPN":
        return lemma[:-1]
    return lemma


def month_name(token: Token) -> bool:
    """"March" the month: in a date, or next to a number ("21 March", "March 7")."""
    if token.ent_type_ == "DATE":
        return True
    doc = token.doc
    near = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return token.text == "March" and any(t.like_num for t in near)


def resolve_relative(token: Token) -> Token:
    """The noun a relative pronoun stands for: "a car bomb that killed eight" -> bomb."""
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        return token.head.head
    return token


def looks_like_name(token: Token) -> bool:
    """A proper noun, also one the tagger took for a common noun: a capitalised word inside
    the sentence, or a bare capitalised singular at its start ("Ruritania and Freedonia
    welcomed")."""
    if token.pos_ == "PROPN":
        return True
    if token.pos_ != "NOUN" or not token.text[:1].isupper() or token.text.isupper():
        return False
    if not token.is_sent_start:
        return True
    return token.tag_ == "NN" and not any(c.dep_ in {"det", "poss"} for c in token.children) \
        and any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in token.children)


def passive_voice(verb: Token) -> bool:
    """Is the verb passive ("was accused", "has been charged")?"""
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def agentive(token: Token, sector: str | None) -> bool:
    """Can the word stand for someone who acts (speaks, visits, threatens)?"""
    word = token.lower_
    if word in AGENT_PRONOUNS or published_by(token) is not None:
        return True
    if noun_lemma(token) in NATURAL_FORCES:
        return False  # "wildfires threatened villages" (even when tagged as a name)
    if token.ent_type_ in AGENT_ENTITIES or sector is not None:
        return True
    if looks_like_name(token):
        return True
    lemma = token.lemma_.lower()
    if lemma in AGENT_NOUNS or lemma in INSTITUTION_NOUNS:
        return True
    # "-ment" makes nouns of acts and their results (statement, agreement, document), which
    # the person endings "-ent" and "-ant" would otherwise let act
    return lemma.endswith(PERSON_SUFFIXES) and not lemma.endswith("ment")


#: Pieces of writing that speak for whoever published them: "a Herald editorial praised".
PUBLISHED_NOUNS = frozenset("""
article editorial column op-ed report statement paper letter memo ad advertisement
communique advert commercial declaration manifesto resolution leaflet pamphlet bulletin
""".split())
#: Verbs by which a party puts out a piece of writing as its own: "has a new ad attacking X",
#: "released a statement praising Y".
PUBLISHING_VERBS = frozenset("have release run air publish issue launch unveil".split())


#: Court papers that speak for whoever filed them: "the union's lawsuit alleges".
FILED_NOUNS = frozenset("lawsuit suit complaint petition filing motion indictment".split())
#: Verbs of putting a paper before a court or the public: "a suit filed by three states".
FILING_VERBS = frozenset("file bring submit lodge write issue publish commission".split())


def published_by(token: Token) -> Token | None:
    """The publisher a piece of writing is named by ("the Herald's editorial", "a Herald
    article", "the union's lawsuit", "a complaint filed by two senators"), which speaks
    through it; a paper with no one named stays no speaker."""
    lemma = token.lemma_.lower()
    if lemma not in PUBLISHED_NOUNS and lemma not in FILED_NOUNS:
        return None
    named = next((c for c in token.children if c.dep_ in {"poss", "compound"} and (
        c.ent_type_ in {"ORG", "PERSON", "GPE", "NORP"} or c.pos_ == "PROPN"
        or (c.dep_ == "poss" and c.pos_ == "NOUN" and agentive(c, None)))), None)
    if named is None:
        named = _filed_by(token)
    if named is not None or token.dep_ != "dobj" or \
            token.head.lemma_.lower() not in PUBLISHING_VERBS:
        return named
    # "the union released an ad attacking X": the subject of the verb that put it out
    return next((c for c in token.head.children if c.dep_ == "nsubj" and (
        c.ent_type_ in {"ORG", "PERSON", "GPE", "NORP"} or c.pos_ == "PROPN")), None)


def _filed_by(paper: Token) -> Token | None:
    """"a lawsuit filed by the union", "the report written by auditors": the "by" party."""
    for clause in (c for c in paper.children if c.dep_ == "acl" and c.tag_ == "VBN"
                   and c.lemma_.lower() in FILING_VERBS):
        for by in (c for c in clause.children if c.dep_ == "agent"):
            party = next((g for g in by.children if g.dep_ == "pobj"), None)
            if party is not None and agentive(party, None):
                return party
    return None


def describing_participle(token: Token) -> bool:
    """A participle that describes a noun: "the banned party", "a man accused of theft"."""
    if token.dep_ == "amod":
        return True
    return token.dep_ == "acl" and token.tag_ == "VBN"


#: Words that name protesters or their protest in a sentence.
PROTESTERS_NAMED = PROTEST_NOUNS | {"protester", "protestor", "demonstrator", "marcher"}
#: Rules and regimes that are kept or broken: "in breach of the sanctions regime".
RULE_RELATION_NOUNS = frozenset("""
violation breach defiance compliance evasion circumvention enforcement
""".split())
#: Verbs that carry out a ceasefire or truce (PLOVER RETREAT: "observing a ceasefire").
OBSERVING_VERBS = frozenset("""
observe respect honour honor implement maintain enforce extend keep
""".split())
#: Verbs whose subject, a ceasefire, is in force: "the truce held", "took effect".
IN_FORCE_VERBS = frozenset("hold take begin start come go last remain enter".split())
#: Verbs of a state that their progressive participle describes: "fighters occupying X".
HOLDING_VERBS = frozenset("occupy hold control besiege".split())


def protesters_nearby(token: Token) -> bool:
    """Are protesters or a protest named in the sentence or the one before it?"""
    doc = token.doc
    start = token.sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    return any(t.lemma_.lower() in PROTESTERS_NAMED and not month_name(t)
               for t in doc[start:token.sent.end])


def said_in_writing(token: Token) -> bool:
    """A statement made "in a letter", "in a petition", "in a statement": verbal."""
    return any(c.dep_ == "prep" and c.lower_ == "in" and any(
        g.dep_ == "pobj" and g.lemma_.lower() in WRITTEN_MEDIA for g in c.children)
        for c in token.children)


def protest_topic(token: Token, subject: Token | None) -> bool:
    """Demands, denunciations and refusals made by protesters, or by their protest."""
    if subject is not None and subject.lower_ in {"they", "we"} and protesters_nearby(token):
        return True  # "Protesters rallied. They demanded the release of ..."
    if said_in_writing(token):
        return False  # "demanded higher pay in a letter": a request, not a street protest
    if subject is not None and subject.lemma_.lower() in CROWD_WORDS | PROTEST_NOUNS:
        # a party ("the opposition demanded") is evidence of a protest only where one is
        # told besides its own name and the word judged (PLOVER's PROTEST presumes people
        # protesting in person)
        own = ({token.i} | {t.i for t in subject.subtree}
               if subject.lemma_.lower() in PARTY_WORDS else set())
        return any(t.lemma_.lower() in PROTEST_CONTEXT for t in token.sent
                   if t.i not in own) or \
            subject.lemma_.lower() in {"protester", "protestor", "demonstrator", "rioter"}
    head = token.head
    return token.dep_ in {"acl", "advcl", "xcomp", "conj"} and head.lemma_.lower() in (
        PROTEST_NOUNS | {"protest", "demonstrate", "rally", "march", "gather"})


def has_participants(noun: Token) -> bool:
    """A meeting noun that names who meets: "talks with Iran", "Putin's meeting"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return True
        if child.dep_ == "prep" and child.lower_ in PARTICIPANT_PREPOSITIONS:
            return True
        if child.dep_ == "prep" and child.lower_ == "of" and any(
                g.dep_ == "pobj" and (g.lemma_.lower() in AGENT_NOUNS or g.pos_ == "PROPN")
                for g in child.children):
            return True  # "sessions of the budget panel"
        if child.dep_ in {"compound", "amod", "nmod"} and (
                child.ent_type_ in AGENT_ENTITIES or child.pos_ == "PROPN"):
            return True
    return False


def place_object(noun: Token) -> bool:
    """A noun after a spatial preposition: "near the summit", "the path up to the ridge"."""
    return noun.dep_ == "pobj" and noun.head.lower_ in SPATIAL_PREPOSITIONS


def governed_by(noun: Token, verbs: frozenset[str]) -> bool:
    """Is a noun the object of one of these verbs ("held talks", "opened an inquiry")?"""
    head = noun.head
    if noun.dep_ in {"dobj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
        return head.lemma_.lower() in verbs
    if noun.dep_ == "pobj" and head.head.pos_ == "VERB" and head.lower_ in {"in", "into"}:
        # "took part in talks", "joined in the talks"
        return head.head.lemma_.lower() in {"take", "participate", "join", "engage"}
    return False


#: Verbs whose subject is the one a statement is aimed at: "drew criticism", "faced
#: condemnation from", "won praise from", "received threats" (made, not awaited).
RECEIVING_VERBS = frozenset("draw face receive attract earn get invite court win garner".split())
#: Statements that a party receives (an investigation faced is another matter).
RECEIVED_NOUNS = frozenset("""
criticism condemnation accusation allegation complaint praise endorsement threat demand appeal
plea pushback backlash rebuke reprimand denunciation censure tribute accolade plaudit
backing
""".split())
#: Nouns of an amount that pass a received statement on to their verb: "a wave of".
AMOUNT_NOUNS = frozenset("""
wave chorus barrage storm flurry torrent volley deluge flood hail avalanche outpouring
string series round lot raft
""".split())
#: Nouns that make their subject the one a statement is aimed at: "the target of".
TARGET_NOUNS = frozenset("target subject object focus".split())
#: Verbs of "came under criticism" and "was met with condemnation".
UNDERGOING_VERBS = frozenset("come fall be remain".split())


#: Prepositions of an adjunct that names the act a clause performs: "in a rebuke of X".
MANNER_PREPOSITIONS = frozenset("in as".split())
#: Prepositions by which such an act names whom it is aimed at ("a rebuke of", "a swipe at").
AIMING_PREPOSITIONS = frozenset("of to at against".split())


def performed_act(noun: Token) -> bool:
    """Is the noun an adjunct naming what its clause's doer performs by acting ("in a
    rebuke of the mayor, the council voted", "spoke as a tribute to her")?"""
    head = noun.head
    return noun.dep_ == "pobj" and head.lower_ in MANNER_PREPOSITIONS and \
        head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"} and any(
            c.dep_ == "nsubj" for c in head.head.children) and any(
            c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children) and any(
            c.dep_ == "prep" and c.lower_ in AIMING_PREPOSITIONS for c in noun.children)


def receiving_party(noun: Token) -> Token | None:
    """Who receives the statement a noun names: the subject of "drew criticism", "won
    praise from", "came under criticism", "was met with condemnation" (a relative pronoun
    resolved; a thing's owner); None when the noun is not received so, or by no party."""
    if noun.lemma_.lower() not in RECEIVED_NOUNS:
        return None
    while noun.dep_ == "conj" and noun.head.lemma_.lower() in RECEIVED_NOUNS:
        noun = noun.head  # "drew condemnation and complaints": the first carries the verb
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
            noun.head.head.lemma_.lower() in AMOUNT_NOUNS | TARGET_NOUNS:
        noun = noun.head.head  # "faced a wave of criticism", "the target of accusations"
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in RECEIVING_VERBS:
        verb = head
    elif noun.dep_ == "pobj" and (
            (head.lower_ == "under" and head.head.lemma_.lower() in UNDERGOING_VERBS)
            or (head.lower_ == "with" and head.head.lemma_.lower() == "meet")):
        verb = head.head  # "came under criticism", "was met with condemnation"
    elif noun.dep_ == "attr" and noun.lemma_.lower() in TARGET_NOUNS and \
            head.lemma_.lower() in {"be", "become", "remain"}:
        verb = head  # "became the target of criticism"
    else:
        return None
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return None
    subject = resolve_relative(subject)
    owner = next((c for c in subject.children if c.dep_ == "poss"), None)
    if owner is not None and not agentive(subject, None):
        subject = owner  # "his remarks drew criticism": he is criticised
    return subject if agentive(subject, None) else None  # (not "the expulsion drew ...")


def object_words(verb: Token, compounds: bool = True) -> set[str]:
    """Lemmas of a verb's direct objects, of the "of" phrase inside them and (with
    `compounds`) of their compound modifiers ("weapon depots" -> depot, weapon)."""
    words: set[str] = set()
    for child in verb.children:
        if child.dep_ in {"dobj", "nsubjpass", "obj"}:
            words.add(child.lemma_.lower())
            for grandchild in child.children:
                if grandchild.dep_ == "prep" and grandchild.lower_ == "of":
                    words.update(g.lemma_.lower() for g in grandchild.children
                                 if g.dep_ == "pobj")
                if compounds and grandchild.dep_ == "compound":
                    words.add(grandchild.lemma_.lower())
    return words
