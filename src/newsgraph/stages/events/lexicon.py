"""Word lists and code tables of the events stage, written from the PLOVER 1.0 codebook.

Facts taken from the codebook (openeventdata/PLOVER, CC BY-SA 4.0): the 16 event
types, their modes, quad classes and conflict-cooperation scores, and the
nearest CAMEO code of each. The trigger words are our own, chosen from the
codebook's definitions and from general news usage; no evaluation text is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from spacy.tokens import Token


class Code(NamedTuple):
    """What a trigger word codes: PLOVER type, nearest CAMEO code and PLOVER mode."""

    type: str
    cameo: str
    mode: str | None = None


EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
#: Types made in words: a quote's speaker can be their actor, and a statement noun
#: ("his threat", "their demand") happened whatever the clause around it says.
VERBAL_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE REQUEST ACCUSE REJECT THREATEN".split())

#: PLOVER quad classes (GDELT QuadClass numbering): 1 verbal / 2 material cooperation,
#: 3 verbal / 4 material conflict.
QUAD_CLASS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

#: PLOVER conflict-cooperation scores (-10 .. +10) of each type, and of its modes.
SCORES = {
    "AGREE": 2.5, "CONSULT": 2.5, "SUPPORT": 5, "CONCEDE": 4.5, "COOPERATE": 9.5, "AID": 10,
    "RETREAT": 6.5, "REQUEST": 0, "ACCUSE": -3, "REJECT": -2, "THREATEN": -3.5,
    "PROTEST": -5, "SANCTION": -6, "MOBILIZE": -5.5, "COERCE": -7, "ASSAULT": -9,
}
MODE_SCORES = {
    ("CONSULT", "visit"): 4, ("CONSULT", "third-party"): 1, ("CONSULT", "multilateral"): 4,
    ("CONSULT", "phone"): 1.5,
    ("RETREAT", "withdraw"): 8, ("RETREAT", "release"): 6.5, ("RETREAT", "disarm"): 10,
    ("RETREAT", "ceasefire"): 7.5, ("RETREAT", "access"): 6.5, ("RETREAT", "resign"): 4.5,
    ("REQUEST", "assist"): 0.5, ("REQUEST", "change"): -1, ("REQUEST", "yield"): -1,
    ("REQUEST", "meet"): 0,
    ("ACCUSE", "disapprove"): -2, ("ACCUSE", "investigate"): -3.5, ("ACCUSE", "allege"): -3.5,
    ("REJECT", "assist"): -1.5, ("REJECT", "change"): -2, ("REJECT", "yield"): -2,
    ("REJECT", "meet"): -2,
    ("THREATEN", "restrict"): -3, ("THREATEN", "arrest"): -3.5, ("THREATEN", "relations"): -3.5,
    ("THREATEN", "expel"): -3.5, ("THREATEN", "territory"): -4, ("THREATEN", "violence"): -3.5,
    ("PROTEST", "demo"): -5, ("PROTEST", "riot"): -7, ("PROTEST", "strike"): -5,
    ("PROTEST", "hunger"): -4.5, ("PROTEST", "boycott"): -4.5, ("PROTEST", "obstruct"): -4.5,
    ("SANCTION", "convict"): -6, ("SANCTION", "expel"): -5.5, ("SANCTION", "withdraw"): -6,
    ("SANCTION", "discontinue"): -6,
    ("MOBILIZE", "troops"): -6.5, ("MOBILIZE", "weapons"): -6.5, ("MOBILIZE", "police"): -5.5,
    ("MOBILIZE", "militia"): -6,
    ("COERCE", "seize"): -7, ("COERCE", "restrict"): -7, ("COERCE", "censor"): -6.5,
    ("COERCE", "curfew"): -6.5, ("COERCE", "martial-law"): -7.5, ("COERCE", "arrest"): -7,
    ("COERCE", "deport"): -7, ("COERCE", "withhold"): -7, ("COERCE", "cyber"): -7,
    ("ASSAULT", "abduct"): -8.5, ("ASSAULT", "beat"): -7.5, ("ASSAULT", "torture"): -8.5,
    ("ASSAULT", "sexual"): -8.5, ("ASSAULT", "targeted"): -9.5, ("ASSAULT", "destroy"): -8.5,
    ("ASSAULT", "primitive"): -8, ("ASSAULT", "firearms"): -9, ("ASSAULT", "explosives"): -9,
    ("ASSAULT", "suicide-attack"): -9.5, ("ASSAULT", "aerial"): -9.5, ("ASSAULT", "drone"): -9.5,
    ("ASSAULT", "heavy-weapons"): -9.5, ("ASSAULT", "crowd-control"): -7.5,
    ("ASSAULT", "unconventional"): -10,
}

#: The nearest CAMEO code of each ASSAULT mode (so that exports carry a useful code).
ASSAULT_MODE_CAMEO = {
    "abduct": "181", "beat": "182", "torture": "1822", "sexual": "1821", "targeted": "186",
    "destroy": "1712", "primitive": "180", "firearms": "193", "explosives": "183",
    "suicide-attack": "1831", "aerial": "195", "drone": "195", "heavy-weapons": "194",
    "crowd-control": "175", "unconventional": "204",
}


def quad_class(event_type: str) -> int | None:
    """GDELT-style QuadClass (1-4) of a PLOVER type."""
    return QUAD_CLASS.get(event_type)


def intensity(event_type: str, mode: str | None = None) -> float | None:
    """Goldstein-like intensity: the PLOVER score of the type and mode."""
    if mode is not None and (event_type, mode) in MODE_SCORES:
        return float(MODE_SCORES[(event_type, mode)])
    score = SCORES.get(event_type)
    return None if score is None else float(score)


def _table(text: str) -> dict[str, Code]:
    """Parse lines `TYPE CAMEO MODE: word word ...` (mode `-` for none)."""
    table: dict[str, Code] = {}
    lines: list[str] = []
    for line in text.strip().splitlines():
        if line.startswith(" ") and lines:
            lines[-1] += line  # a continuation line
        else:
            lines.append(line)
    for line in lines:
        head, _, words = line.partition(":")
        event_type, cameo, mode = head.split()
        for word in words.split():
            table[word.replace("_", " ")] = Code(event_type, cameo, None if mode == "-" else mode)
    return table


#: Verbs that code an event on their own (lemmas).
VERBS = _table("""
AGREE 030 -: agree
CONSULT 040 -: meet negotiate consult confer discuss
CONSULT 042 visit: visit
CONSULT 043 host: host
CONSULT 041 phone: phone telephone
CONSULT 045 -: mediate
SUPPORT 051 -: praise endorse commend hail applaud welcome congratulate laud compliment thank
    admire salute tout honor honour
SUPPORT 055 -: apologize apologise
SUPPORT 057 -: ratify
CONCEDE 080 -: concede relent acquiesce
COOPERATE 060 -: cooperate collaborate
COOPERATE 063 -: extradite
AID 070 -: donate
RETREAT 0874 disarm: surrender capitulate disarm demobilize demobilise
RETREAT 0872 withdraw: retreat withdraw
RETREAT 080 resign: resign
REQUEST 100 -: urge demand appeal request plead implore beseech petition
ACCUSE 112 allege: accuse allege blame indict sue prosecute suspect
ACCUSE 110 disapprove: oppose complain
ACCUSE 111 disapprove: condemn criticize criticise denounce decry slam lambast lambaste censure
    deplore rebuke chide reprimand chastise castigate berate excoriate scold admonish ridicule
    deride disparage belittle assail fault mock lampoon pillory vilify demonize demonise
ACCUSE 090 investigate: investigate probe
REJECT 120 -: reject refuse decline rebuff veto defy spurn dismiss deny snub overrule
THREATEN 130 -: threaten
PROTEST 141 demo: demonstrate rally picket protest
PROTEST 145 riot: riot
PROTEST 143 boycott: boycott
SANCTION 160 -: sanction
SANCTION 163 discontinue: embargo
MOBILIZE 154 troops: deploy mobilize mobilise
COERCE 173 arrest: arrest detain jail imprison apprehend nab handcuff
SANCTION 160 convict: convict sentence
COERCE 171 seize: seize confiscate raid impound
COERCE 174 deport: deport
COERCE 172 restrict: ban outlaw
COERCE 191 restrict: blockade
COERCE 1721 censor: censor
COERCE 192 -: occupy annex
ASSAULT 190 -: attack assault invade bombard ambush fight battle clash storm overrun massacre kill
    murder slay wound injure pound slaughter
ASSAULT 186 targeted: assassinate behead execute
ASSAULT 181 abduct: abduct kidnap hijack
ASSAULT 182 beat: beat lynch abuse
ASSAULT 180 primitive: pelt stab hack stone
ASSAULT 1822 torture: torture
ASSAULT 1821 sexual: rape molest
ASSAULT 193 firearms: shoot gun
ASSAULT 195 aerial: strafe airstrike
ASSAULT 194 heavy-weapons: shell
ASSAULT 183 explosives: bomb detonate
ASSAULT 1712 destroy: destroy demolish torch raze vandalize vandalise loot ransack
COERCE 170 cyber: deface
""")

#: Nouns that code an event when they name a happening (not as a modifier: "attack helicopter").
NOUNS = _table("""
CONSULT 040 -: talk meeting negotiation consultation discussion dialogue
CONSULT 042 visit: visit trip
CONSULT 044 multilateral: summit
SUPPORT 051 -: praise endorsement tribute accolade plaudit backing
SUPPORT 055 -: apology
CONCEDE 080 -: concession
RETREAT 0872 withdraw: withdrawal pullout pullback retreat
RETREAT 0874 disarm: surrender disarmament
RETREAT 0871 ceasefire: ceasefire cease-fire truce armistice
RETREAT 080 resign: resignation
REQUEST 100 -: demand request appeal plea
ACCUSE 112 allege: accusation allegation indictment lawsuit
ACCUSE 111 disapprove: condemnation criticism rebuke reprimand denunciation censure swipe jab
    broadside tirade diatribe
ACCUSE 110 disapprove: complaint pushback backlash
ACCUSE 090 investigate: investigation probe inquiry
REJECT 120 -: rejection refusal veto
THREATEN 130 -: threat ultimatum
PROTEST 141 demo: protest demonstration rally sit-in protest-march march die-in
PROTEST 145 riot: riot unrest
PROTEST 143 strike: walkout
PROTEST 143 boycott: boycott
PROTEST 142 hunger: hunger_strike
SANCTION 163 discontinue: sanction embargo
MOBILIZE 154 troops: deployment mobilization mobilisation buildup build-up
COERCE 173 arrest: arrest detention
COERCE 170 -: crackdown
COERCE 171 seize: raid seizure
COERCE 1723 curfew: curfew
COERCE 191 restrict: blockade siege lockdown
COERCE 192 -: occupation annexation
COERCE 174 deport: deportation expulsion
ASSAULT 190 -: attack assault offensive invasion incursion ambush clash fighting battle massacre
    killing onslaught hostility firefight skirmish
ASSAULT 194 heavy-weapons: bombardment shelling
ASSAULT 195 aerial: airstrike air_strike air_raid
ASSAULT 195 drone: drone_strike
ASSAULT 193 firearms: gunfire shooting shootout
ASSAULT 183 explosives: bombing
ASSAULT 186 targeted: assassination execution beheading
ASSAULT 181 abduct: abduction kidnapping hijacking
ASSAULT 1822 torture: torture
ASSAULT 1821 sexual: rape
ASSAULT 182 beating: beating lynching
ASSAULT 1712 destroy: looting arson vandalism destruction
ASSAULT 190 -: violence
""")

#: Verb + particle or preposition: "call for", "pull out", "open fire", "crack down".
PHRASAL_VERBS = {
    ("call", "for"): Code("REQUEST", "100"), ("call", "on"): Code("REQUEST", "100"),
    ("call", "upon"): Code("REQUEST", "100"), ("push", "for"): Code("REQUEST", "100"),
    ("press", "for"): Code("REQUEST", "100"), ("ask", "for"): Code("REQUEST", "100"),
    # defending a party against criticism is verbal support (CAMEO 052)
    **{("defend", claim): Code("SUPPORT", "052") for claim in (
        "criticism", "accusation", "allegation", "charge", "claim", "complaint",
        "condemnation")},
    ("pull", "out"): Code("RETREAT", "0872", "withdraw"),
    ("pull", "back"): Code("RETREAT", "0872", "withdraw"),
    ("step", "down"): Code("RETREAT", "080", "resign"),
    ("back", "down"): Code("CONCEDE", "080"), ("give", "in"): Code("CONCEDE", "080"),
    ("crack", "down"): Code("COERCE", "170"),
    ("lash", "out"): Code("ACCUSE", "111", "disapprove"),
    ("rail", "against"): Code("ACCUSE", "111", "disapprove"),
    # a blow returned in words (the events screen makes it ASSAULT when the hitters are armed)
    ("hit", "back"): Code("ACCUSE", "111", "disapprove"),
    ("blow", "up"): Code("ASSAULT", "183", "explosives"),
    ("gun", "down"): Code("ASSAULT", "193", "firearms"),
    ("shoot", "down"): Code("ASSAULT", "190"),
    ("fire", "at"): Code("ASSAULT", "193", "firearms"),
    ("fire", "on"): Code("ASSAULT", "193", "firearms"),
    ("fire", "upon"): Code("ASSAULT", "193", "firearms"),
    ("fire", "into"): Code("ASSAULT", "193", "firearms"),
    ("open", "fire"): Code("ASSAULT", "193", "firearms"),
    ("trade", "fire"): Code("ASSAULT", "193", "firearms"),
    ("exchange", "fire"): Code("ASSAULT", "193", "firearms"),
    ("set", "fire"): Code("ASSAULT", "1712", "destroy"),
    ("set", "ablaze"): Code("ASSAULT", "1712", "destroy"),
    ("round", "up"): Code("COERCE", "173", "arrest"),
    ("cordon", "off"): Code("COERCE", "172", "restrict"),
    ("walk", "out"): Code("SANCTION", "161", "withdraw"),
    # withdrawing from an agreement or an organisation reduces relations (PLOVER SANCTION)
    **{("withdraw", noun): Code("SANCTION", "160", "withdraw") for noun in (
        "agreement", "deal", "accord", "pact", "treaty", "organisation", "organization",
        "alliance", "union", "council", "bloc", "talk", "negotiation", "convention")},
    ("talk", "with"): Code("CONSULT", "040"), ("speak", "with"): Code("CONSULT", "040"),
    ("hold", "talks"): Code("CONSULT", "040"),
    ("hit", "out"): Code("ACCUSE", "111", "disapprove"),  # "hit out at the mayor"
    ("speak", "against"): Code("ACCUSE", "111", "disapprove"),  # "spoke out against X"
    # idioms of attack in words and of taking a side
    ("poke", "at"): Code("ACCUSE", "111", "disapprove"),
    ("swipe", "at"): Code("ACCUSE", "111", "disapprove"),
    ("jab", "at"): Code("ACCUSE", "111", "disapprove"),
    ("take", "aim"): Code("ACCUSE", "111", "disapprove"),
    ("take", "swipe"): Code("ACCUSE", "111", "disapprove"),
    ("take", "issue"): Code("ACCUSE", "111", "disapprove"),  # "took issue with the plan"
    # naming a party publicly for a fault: "called out the mayor for" (see BLAMING_PHRASES)
    ("call", "out"): Code("ACCUSE", "111", "disapprove"),
    ("pour", "scorn"): Code("ACCUSE", "111", "disapprove"),
    ("side", "with"): Code("SUPPORT", "051"), ("vouch", "for"): Code("SUPPORT", "051"),
    # rallying or lining up behind a party takes its side (a party only: see SIDING)
    ("rally", "behind"): Code("SUPPORT", "051"), ("rally", "around"): Code("SUPPORT", "051"),
    ("line", "behind"): Code("SUPPORT", "051"),
    # brushing aside or scoffing at what another party says rejects it (CAMEO 12)
    ("brush", "aside"): Code("REJECT", "120"), ("scoff", "at"): Code("REJECT", "120"),
    **{(verb, "off"): Code("REJECT", "120") for verb in ("brush", "shrug", "wave", "laugh")},
    ("wave", "away"): Code("REJECT", "120"),
    ("set", "free"): Code("RETREAT", "0841", "release"),
    ("take", "hostage"): Code("ASSAULT", "181", "abduct"),
    # yielding to pressure or demands is a concession (CAMEO 08)
    ("yield", "to"): Code("CONCEDE", "080"), ("cave", "in"): Code("CONCEDE", "080"),
    # going back on a commitment refuses it (CAMEO 12)
    ("renege", "on"): Code("REJECT", "120"),
    # joining forces is cooperation (CAMEO 06)
    ("join", "force"): Code("COOPERATE", "060"), ("team", "up"): Code("COOPERATE", "060"),
    # raising the alert of one's forces (CAMEO 152): "put its troops on alert"
    **{(verb, "alert"): Code("MOBILIZE", "152", "alert") for verb in ("put", "place", "go")},
    ("take", "custody"): Code("COERCE", "173", "arrest"),
    # barring a contender from an election restricts political rights (CAMEO 172)
    **{(verb, "ballot"): Code("COERCE", "172", "restrict") for verb in (
        "bar", "remove", "disqualify", "exclude", "ban")},
    ("take", "street"): Code("PROTEST", "141", "demo"),
    ("go", "strike"): Code("PROTEST", "143", "strike"),
}

#: Restrictions whose easing is a concession: "lifted the curfew", "eased emergency measures".
EASED_RESTRICTIONS = ("sanction", "embargo", "ban", "curfew", "restriction", "blockade",
                      "siege", "emergency", "lockdown", "emergency measure", "security measure",
                      "restrictive measure", "tariff")
#: Verbs that ease a restriction laid on others (CAMEO 081).
EASING_VERBS = ("lift", "ease", "relax", "loosen", "remove", "revoke", "rescind")
#: Verbs that code an event only with certain objects: verb -> object lemma -> code.
OBJECT_VERBS: dict[str, dict[str, Code]] = {
    # contesting a rule or a ruling (in court or in words) is disapproval, not
    # "challenged her to a debate"
    "challenge": dict.fromkeys(
        ("rule", "law", "decision", "ruling", "result", "legality", "order", "policy", "ban",
         "regulation", "constitutionality", "validity", "verdict", "sentence", "decree",
         "mandate"), Code("ACCUSE", "110", "disapprove")),
    "sign": dict.fromkeys(
        ("agreement", "deal", "accord", "treaty", "pact", "memorandum", "protocol", "ceasefire",
         "truce", "declaration", "contract"), Code("SUPPORT", "057")),
    "restore": dict.fromkeys(("tie", "relation", "relationship"), Code("SUPPORT", "050")),
    "receive": {**dict.fromkeys(("aid", "assistance", "money", "loan", "grant", "fund",
                                 "funding", "donation", "weapon", "arm", "supply", "relief"),
                                Code("AID", "070")),
                # letting foreign monitors in is allowing international involvement (086)
                **dict.fromkeys(("observer", "inspector", "monitor", "peacekeeper"),
                                Code("RETREAT", "086"))},
    **{verb: dict.fromkeys(("meeting", "talk", "negotiation", "summit", "visit", "trip",
                            "consultation", "dialogue", "conference"),
                           Code("REJECT", "125", "meet"))
       for verb in ("postpone", "delay", "cancel", "defer", "scrap")},
    "resume": {**dict.fromkeys(("tie", "relation", "relationship"), Code("SUPPORT", "050")),
               **dict.fromkeys(("talk", "negotiation", "dialogue"), Code("CONSULT", "046"))},
    "establish": dict.fromkeys(("tie", "relation", "relationship"), Code("SUPPORT", "050")),
    "normalize": dict.fromkeys(("tie", "relation", "relationship"), Code("SUPPORT", "050")),
    "normalise": dict.fromkeys(("tie", "relation", "relationship"), Code("SUPPORT", "050")),
    "sever": dict.fromkeys(("tie", "relation", "relationship"),
                           Code("SANCTION", "161", "withdraw")),
    "break": dict.fromkeys(("tie", "relation", "relationship"),
                           Code("SANCTION", "161", "withdraw")),
    "cut": {**dict.fromkeys(("tie", "relation", "relationship"),
                            Code("SANCTION", "161", "withdraw")),
            **dict.fromkeys(("aid", "funding", "assistance", "supply"),
                            Code("SANCTION", "162", "discontinue"))},
    "downgrade": dict.fromkeys(("tie", "relation", "relationship"),
                               Code("SANCTION", "161", "withdraw")),
    "suspend": {**dict.fromkeys(("aid", "funding", "assistance", "shipment", "delivery",
                                 "cooperation", "membership", "export", "sale", "transfer"),
                                Code("SANCTION", "162", "discontinue")),
                **dict.fromkeys(("talk", "negotiation", "tie", "relation", "dialogue"),
                                Code("SANCTION", "164", "withdraw"))},
    "halt": dict.fromkeys(("aid", "funding", "assistance", "shipment", "delivery", "talk",
                           "negotiation", "export", "cooperation"),
                          Code("SANCTION", "162", "discontinue")),
    "freeze": dict.fromkeys(("aid", "funding", "asset", "account", "tie", "relation", "talk"),
                            Code("SANCTION", "162", "discontinue")),
    "recall": dict.fromkeys(("ambassador", "envoy", "diplomat"),
                            Code("SANCTION", "161", "withdraw")),
    "expel": {**dict.fromkeys(("ambassador", "envoy", "diplomat", "inspector", "observer",
                               "peacekeeper", "agency", "group"), Code("SANCTION", "166", "expel")),
              **dict.fromkeys(("migrant", "refugee", "journalist", "national", "citizen",
                               "foreigner", "worker", "people", "family"),
                              Code("COERCE", "174", "deport"))},
    "impose": {**dict.fromkeys(("sanction", "embargo", "tariff"),
                               Code("SANCTION", "163", "discontinue")),
               **dict.fromkeys(("curfew",), Code("COERCE", "1723", "curfew")),
               **dict.fromkeys(("ban", "restriction", "blockade", "lockdown", "siege"),
                               Code("COERCE", "172", "restrict")),
               **dict.fromkeys(("emergency", "law"), Code("COERCE", "1724", "martial-law"))},
    # easing a restriction laid on others is a concession (CAMEO 081, PLOVER CONCEDE)
    **{verb: dict.fromkeys(EASED_RESTRICTIONS, Code("CONCEDE", "081"))
       for verb in EASING_VERBS},
    # CAMEO2PLOVER-2021: 0871 "declare truce, ceasefire" is RETREAT, mode ceasefire
    "declare": {**dict.fromkeys(("ceasefire", "cease-fire", "truce"),
                                Code("RETREAT", "0871", "ceasefire")),
                **dict.fromkeys(("curfew",), Code("COERCE", "1723", "curfew")),
                **dict.fromkeys(("emergency", "law", "siege"),
                                Code("COERCE", "1724", "martial-law")),
                **dict.fromkeys(("war",), Code("THREATEN", "138", "violence"))},
    # ordering patrols or a deployment raises police or armed power (CAMEO 153 / 154)
    "order": {**dict.fromkeys(("patrol",), Code("MOBILIZE", "153", "police")),
              **dict.fromkeys(("deployment", "mobilization", "mobilisation"),
                              Code("MOBILIZE", "154", "troops"))},
    "release": dict.fromkeys(("prisoner", "hostage", "detainee", "captive", "inmate", "soldier",
                              "activist", "journalist", "people", "civilian", "child", "woman",
                              "rebel", "fighter", "militant", "member", "protester",
                              "demonstrator"), Code("RETREAT", "0841", "release")),
    # a prisoner exchange releases prisoners on both sides (PLOVER RETREAT 'release')
    **{verb: dict.fromkeys(("prisoner", "hostage", "detainee", "captive", "body", "remains"),
                           Code("RETREAT", "0841", "release")) for verb in ("exchange", "swap")},
    # announcing a ceasefire declares it (0871, RETREAT as above); announcing a withdrawal
    # stays CONCEDE
    "announce": {**dict.fromkeys(("ceasefire", "cease-fire", "truce"),
                                 Code("RETREAT", "0871", "ceasefire")),
                 **dict.fromkeys(("withdrawal", "pullout"), Code("CONCEDE", "0871"))},
    "free": dict.fromkeys(("prisoner", "hostage", "detainee", "captive", "inmate"),
                          Code("RETREAT", "0841", "release")),
    "withdraw": {**dict.fromkeys(("troop", "force", "soldier", "unit", "army", "tank"),
                                 Code("RETREAT", "0872", "withdraw")),
                 # CAMEO 166: withdrawing those who help or watch (peacekeepers,
                 # inspectors, aid workers) reduces relations, it is no retreat
                 **dict.fromkeys(("ambassador", "envoy", "aid", "support", "funding",
                                  "recognition", "observer", "peacekeeper", "inspector",
                                  "monitor", "diplomat", "mission", "peacekeeping force",
                                  "aid worker", "humanitarian worker", "relief worker"),
                                 Code("SANCTION", "166", "withdraw"))},
    "send": {**dict.fromkeys(("troop", "force", "soldier", "warship", "reinforcement",
                              "police", "tank"), Code("MOBILIZE", "154", "troops")),
             **dict.fromkeys(("aid", "assistance", "food", "medicine", "supply", "relief"),
                             Code("AID", "073")),
             **dict.fromkeys(("weapon", "arm", "ammunition", "missile"), Code("AID", "072"))},
    "provide": {**dict.fromkeys(("aid", "assistance", "food", "medicine", "supply", "relief",
                                 "shelter", "fund", "funding", "loan", "grant"),
                                Code("AID", "070")),
                **dict.fromkeys(("weapon", "arm", "ammunition"), Code("AID", "072"))},
    "deliver": dict.fromkeys(("aid", "assistance", "food", "medicine", "supply", "relief",
                              "weapon", "arm"), Code("AID", "070")),
    "give": dict.fromkeys(("aid", "assistance", "money", "loan", "grant", "asylum"),
                          Code("AID", "070")),
    "grant": {"asylum": Code("AID", "075"), "access": Code("RETREAT", "086", "access"),
              "aid": Code("AID", "070"), "loan": Code("AID", "071")},
    "allow": {"access": Code("RETREAT", "086", "access"), "aid": Code("RETREAT", "0863", "access"),
              "inspector": Code("RETREAT", "0862", "access")},
    "contribute": dict.fromkeys(("money", "fund", "aid", "troop", "dollar"), Code("AID", "070")),
    "fire": {**dict.fromkeys(("shell", "rocket", "missile", "mortar", "artillery"),
                             Code("ASSAULT", "194", "heavy-weapons")),
             **dict.fromkeys(("shot", "bullet", "round", "gun"),
                             Code("ASSAULT", "193", "firearms")),
             **dict.fromkeys(("gas", "canister", "cannon"),
                             Code("ASSAULT", "175", "crowd-control"))},
    "launch": dict.fromkeys(("rocket", "missile", "drone", "fire", "barrage", "salvo"),
                            Code("ASSAULT", "194", "heavy-weapons")),
    "drop": {**dict.fromkeys(("bomb", "barrel"), Code("ASSAULT", "195", "aerial")),
             **dict.fromkeys(("container", "canister", "gas", "chlorine", "munition"),
                             Code("ASSAULT", "204", "unconventional"))},
    "suppress": dict.fromkeys(("protest", "demonstration", "rally", "march", "protester",
                               "demonstrator", "crowd", "uprising", "dissent"),
                              Code("ASSAULT", "175", "crowd-control")),
    "throw": dict.fromkeys(("stone", "rock", "bottle", "brick", "molotov", "grenade", "bomb"),
                           Code("ASSAULT", "180", "primitive")),
    "hurl": dict.fromkeys(("stone", "rock", "bottle", "brick", "molotov", "grenade", "bomb"),
                          Code("ASSAULT", "180", "primitive")),
    "burn": dict.fromkeys(("house", "home", "building", "car", "vehicle", "shop", "church",
                           "mosque", "office", "village", "tyre", "tire", "property"),
                          Code("ASSAULT", "1712", "destroy")),
    "block": dict.fromkeys(("road", "highway", "street", "entrance", "traffic", "bridge",
                            "railway", "access", "route"), Code("PROTEST", "144", "obstruct")),
    "disperse": dict.fromkeys(("protester", "demonstrator", "crowd", "rally", "protest",
                               "demonstration", "mob", "gathering"),
                              Code("ASSAULT", "175", "crowd-control")),
    "mass": dict.fromkeys(("troop", "force", "soldier", "tank"), Code("MOBILIZE", "154", "troops")),
    "accept": dict.fromkeys(("proposal", "plan", "offer", "demand", "deal", "ceasefire", "truce",
                             "mediation", "term", "request", "invitation"), Code("AGREE", "030")),
    "reach": dict.fromkeys(("agreement", "deal", "accord", "settlement", "compromise",
                            "understanding", "ceasefire", "truce"), Code("AGREE", "030")),
    "strike": dict.fromkeys(("deal", "agreement", "accord", "bargain"), Code("AGREE", "030")),
    "clinch": dict.fromkeys(("deal", "agreement", "accord"), Code("AGREE", "030")),
    "seal": dict.fromkeys(("deal", "agreement", "accord"), Code("AGREE", "030")),
    "broker": dict.fromkeys(("deal", "agreement", "accord", "ceasefire", "truce"),
                            Code("CONSULT", "045")),
    "share": dict.fromkeys(("intelligence", "information", "data", "expertise", "technology",
                            "know-how"), Code("COOPERATE", "064")),
    "hold": {**dict.fromkeys(("talk", "meeting", "negotiation", "consultation", "discussion",
                              "summit"), Code("CONSULT", "040")),
             **dict.fromkeys(("exercise", "drill", "maneuver", "manoeuvre"),
                             Code("MOBILIZE", "150"))},
}

# recognising a state or its government is diplomatic recognition (CAMEO 054)
for _verb in ("recognise", "recognize"):
    OBJECT_VERBS[_verb] = dict.fromkeys(
        ("independence", "sovereignty", "government", "state", "statehood", "regime",
         "republic", "junta"), Code("SUPPORT", "054"))
# asking for help, asylum or protection from another party (CAMEO 10)
OBJECT_VERBS["seek"] = dict.fromkeys(
    ("help", "aid", "assistance", "support", "asylum", "protection", "extradition",
     "mediation", "refuge", "clemency"), Code("REQUEST", "100"))
# doubting a party's fairness or honesty in words is disapproval (CAMEO 111)
OBJECT_VERBS["question"] = dict.fromkeys(
    ("fairness", "legitimacy", "integrity", "credibility", "competence", "motive", "honesty",
     "impartiality", "neutrality", "judgment", "judgement", "loyalty", "sincerity",
     "patriotism", "independence", "objectivity"), Code("ACCUSE", "111", "disapprove"))
# a promise or an assurance given to a party is an agreement in words (CAMEO 03)
for _verb in ("make", "give", "offer"):
    OBJECT_VERBS[_verb] = {**OBJECT_VERBS.get(_verb, {}), **dict.fromkeys(
        ("promise", "pledge", "assurance", "guarantee", "commitment", "vow"),
        Code("AGREE", "030"))}
# money given, sent or steered to a party is material aid (CAMEO 070): "gave $2 million to X"
MONEY_WORDS = ("$", "million", "billion", "dollar")
for _verb in ("give", "direct", "contribute", "funnel", "channel", "steer", "send"):
    OBJECT_VERBS[_verb] = {**OBJECT_VERBS.get(_verb, {}),
                           **dict.fromkeys(MONEY_WORDS, Code("AID", "070"))}
# searching premises is the codebook's COERCE 'seize' ("execute search, confiscate property,
# raid"); only security forces search so (screen.py)
OBJECT_VERBS["search"] = dict.fromkeys(
    ("home", "house", "office", "premise", "premises", "headquarters", "residence",
     "apartment", "flat", "compound"), Code("COERCE", "171", "seize"))
#: Exchanges between parties whose cutting reduces relations when a party is named.
EXCHANGE_LINKS = ("link", "flight", "trade", "contact", "service", "exchange")
# links, flights and trade cut with a party reduce relations (CAMEO 16); only with the
# party named ("suspended flights to Syldavia"; not "suspended flights for the storm",
# screen.py)
for _verb in ("suspend", "halt", "cut", "sever", "freeze"):
    OBJECT_VERBS[_verb] = {**dict.fromkeys(EXCHANGE_LINKS, Code("SANCTION", "160",
                                                                 "discontinue")),
                           **OBJECT_VERBS[_verb]}
# summoning another state's envoy is a formal protest to that state (CAMEO 114)
OBJECT_VERBS["summon"] = dict.fromkeys(("ambassador", "envoy", "diplomat", "charge",
                                        "chargé", "representative"),
                                       Code("ACCUSE", "114", "disapprove"))
# shortening a sentence is a concession of the authority that imposed it (CAMEO 08)
OBJECT_VERBS["commute"] = dict.fromkeys(("sentence", "penalty"), Code("CONCEDE", "080"))
# dropping legal action against a party eases it (CAMEO 08, yield): "dropped the charges"
OBJECT_VERBS["drop"] = {**OBJECT_VERBS["drop"], **dict.fromkeys(
    ("charge", "lawsuit", "suit", "prosecution", "indictment"), Code("CONCEDE", "080"))}
# military exercises show military power (CAMEO 150)
for _verb in ("conduct", "stage"):
    OBJECT_VERBS[_verb] = dict.fromkeys(("exercise", "drill", "maneuver", "manoeuvre",
                                         "war game"), Code("MOBILIZE", "150"))
#: Dissent that is called off or ended: easing it is a concession (CAMEO 082).
DISSENT_NOUNS = ("strike", "protest", "demonstration", "boycott", "rally", "march", "sit-in",
                 "walkout", "hunger strike", "blockade")
#: Protests that are stopped from taking place: repression (CAMEO 172, PLOVER COERCE).
_PREVENTED_PROTEST = dict.fromkeys(("protest", "demonstration", "rally", "march", "sit-in"),
                                   Code("COERCE", "172", "restrict"))
OBJECT_VERBS["end"] = dict.fromkeys(DISSENT_NOUNS, Code("CONCEDE", "082"))
for _verb in ("cancel", "scrap"):
    OBJECT_VERBS[_verb] = {**OBJECT_VERBS[_verb],
                           **dict.fromkeys(EASED_RESTRICTIONS, Code("CONCEDE", "081"))}
OBJECT_VERBS["prevent"] = _PREVENTED_PROTEST
OBJECT_VERBS["block"] = {**OBJECT_VERBS["block"], **_PREVENTED_PROTEST}
OBJECT_VERBS["suspend"] = {**OBJECT_VERBS["suspend"],
                           **dict.fromkeys(DISSENT_NOUNS, Code("CONCEDE", "082"))}
#: What one party puts to another and the other may turn down or rule out.
PROPOSAL_NOUNS = ("offer", "proposal", "request", "demand", "plan", "invitation", "appeal",
                  "bid", "plea", "ultimatum", "call", "deal", "agreement", "compromise",
                  "ceasefire", "cease-fire", "truce", "mediation", "initiative", "settlement",
                  "concession", "resolution")
#: Meetings whose refusal is a refusal to meet (CAMEO 125).
MEETING_NOUNS = ("talk", "negotiation", "meeting", "dialogue", "summit", "consultation")
_REFUSED = {**dict.fromkeys(PROPOSAL_NOUNS, Code("REJECT", "120")),
            **dict.fromkeys(MEETING_NOUNS, Code("REJECT", "125", "meet"))}
#: Verbs with a particle that code an event only with certain objects: "called off the
#: walkout", "handed over the suspects" (verb, particle) -> object lemma -> code.
PARTICLE_OBJECT_VERBS: dict[tuple[str, str], dict[str, Code]] = {
    ("call", "off"): dict.fromkeys(DISSENT_NOUNS, Code("CONCEDE", "082")),
    # a proposal turned down or a meeting ruled out is refused (CAMEO 12)
    ("turn", "down"): _REFUSED, ("rule", "out"): _REFUSED,
    # breaking off talks or ties reduces relations (CAMEO 164 / 161)
    ("break", "off"): {**dict.fromkeys(MEETING_NOUNS, Code("SANCTION", "164", "withdraw")),
                       **dict.fromkeys(("tie", "relation", "relationship", "contact"),
                                       Code("SANCTION", "161", "withdraw"))},
    # laying down one's arms is disarming (CAMEO 0874)
    ("lay", "down"): dict.fromkeys(("arm", "weapon", "gun"), Code("RETREAT", "0874", "disarm")),
    # closing newspapers or broadcasters censors them (CAMEO 1721)
    ("shut", "down"): dict.fromkeys(("newspaper", "paper", "broadcaster", "station", "channel",
                                     "outlet", "website", "magazine", "radio", "television"),
                                    Code("COERCE", "1721", "censor")),
    ("hand", "over"): {
        **dict.fromkeys(("aid", "assistance", "food", "medicine", "supply", "relief",
                         "money", "fund", "weapon", "arm"), Code("AID", "070")),
        **dict.fromkeys(("suspect", "fugitive", "defendant", "accused"),
                        Code("COOPERATE", "063")),
        **dict.fromkeys(("prisoner", "hostage", "captive", "detainee", "body", "remains"),
                        Code("RETREAT", "0841", "release"))},
}
PARTICLE_OBJECT_VERBS[("hand", "back")] = PARTICLE_OBJECT_VERBS[("hand", "over")]

#: Surface forms the lemmatiser gets wrong ("raped" -> "rap", "staged" -> "stag").
LEMMA_FIXES = {"raped": "rape", "rapes": "rape", "raping": "rape", "gang-raped": "rape",
               "staged": "stage", "staging": "stage",
               "hopes": "hope", "hoped": "hope", "hoping": "hope"}  # (read as "hop")


def verb_lemma(token: Token) -> str:
    """A verb's lemma, mended where the lemmatiser is known to be wrong."""
    return LEMMA_FIXES.get(token.lower_) or token.lemma_.lower()
OBJECT_VERBS["lob"] = OBJECT_VERBS["throw"]
OBJECT_VERBS["slap"] = {"sanction": OBJECT_VERBS["impose"]["sanction"],
                        "embargo": OBJECT_VERBS["impose"]["embargo"],
                        "tariff": OBJECT_VERBS["impose"]["tariff"]}  # "slapped tariffs on"
for _verb in ("crush", "quell"):
    OBJECT_VERBS[_verb] = OBJECT_VERBS["suppress"]
for _verb in ("renew", "reestablish", "re-establish", "upgrade", "mend", "repair", "improve",
              "strengthen"):
    OBJECT_VERBS[_verb] = OBJECT_VERBS["restore"]  # CAMEO 050: diplomatic cooperation
# violating a ceasefire is fighting (CAMEO 196)
OBJECT_VERBS["violate"] = dict.fromkeys(("ceasefire", "cease-fire", "truce", "armistice"),
                                        Code("ASSAULT", "196"))
# violating an agreement, a law or a ban openly defies it (CAMEO 128, defy norms, law)
OBJECT_VERBS["violate"] = {**dict.fromkeys(
    ("agreement", "accord", "treaty", "pact", "deal", "resolution", "ban", "embargo",
     "sanction", "convention", "curfew"),
    Code("REJECT", "128")), **OBJECT_VERBS["violate"]}
OBJECT_VERBS["break"] = {**OBJECT_VERBS["break"], **{
    word: code for word, code in OBJECT_VERBS["violate"].items() if code.type == "ASSAULT"}}
OBJECT_VERBS["break"] = {**OBJECT_VERBS["break"], **dict.fromkeys(
    ("protest", "demonstration", "rally", "crowd"), Code("ASSAULT", "175", "crowd-control"))}
#: Weapons that, used by someone, make the use an attack: "used chlorine against the town",
#: "employed live rounds against the crowd" (tear gas and water cannon are not listed: on the
#: CASE check half they only added the crowd control that a protest's row already tells).
OBJECT_VERBS["use"] = {
    **dict.fromkeys(("chemical weapon", "chemical agent", "chlorine", "chlorine gas", "sarin",
                     "nerve agent", "poison gas", "poisonous gas", "toxic gas", "mustard gas",
                     "nerve gas"), Code("ASSAULT", "204", "unconventional")),
    **dict.fromkeys(("live ammunition", "live fire", "live round", "live bullet"),
                    Code("ASSAULT", "193", "firearms")),
    **dict.fromkeys(("barrel bomb", "cluster munition", "cluster bomb"),
                    Code("ASSAULT", "195", "aerial")),
}
OBJECT_VERBS["employ"] = OBJECT_VERBS["use"]

#: Verbs whose noun object carries the event: "carried out strikes", "held a protest".
LIGHT_VERBS = frozenset("""
carry conduct launch stage mount wage hold organise organize begin start continue resume step
intensify escalate unleash commit perpetrate make issue hold lead join orchestrate announce
impose declare pay file lodge
""".split())

#: Verbs that code an event only when their subject is an armed actor or a weapon.
ARMED_VERBS = {
    "hit": Code("ASSAULT", "190"), "target": Code("ASSAULT", "190"),
    "strike": Code("ASSAULT", "190"), "blast": Code("ASSAULT", "190"),
    "rock": Code("ASSAULT", "183", "explosives"), "fire": Code("ASSAULT", "193", "firearms"),
    "capture": Code("COERCE", "173", "arrest"), "seize": Code("COERCE", "171", "seize"),
    "besiege": Code("COERCE", "191", "restrict"), "encircle": Code("COERCE", "191", "restrict"),
    # a military move short of force is MOBILIZE (PLOVER); fighting is coded on its own
    "enter": Code("MOBILIZE", "154", "troops"), "advance": Code("MOBILIZE", "154", "troops"),
}

#: Movement verbs that code a visit when their subject is a delegation or an envoy.
VISIT_VERBS = frozenset("arrive travel fly leave head go land depart come".split())
DELEGATE_NOUNS = frozenset("""
delegation delegate envoy negotiator mediator diplomat emissary ambassador minister secretary
president premier chancellor
""".split())

#: Nouns of an exchange: with prisoners or hostages, a release on both sides.
EXCHANGE_NOUNS = frozenset("exchange swap".split())
#: Noun events that count only after a verb that makes them happen ("reached a deal"),
#: or when negated ("without a deal"); on their own they name a plan.
AGREEMENT_NOUNS = frozenset("agreement deal accord pact treaty settlement".split())
AID_NOUNS = frozenset("aid assistance relief".split())

#: Words that make an "explosion" an attack rather than an accident.
ATTACK_CONTEXT = frozenset("""
bomb bomber ied explosive device grenade mine limpet militant suicide attack attacker terrorist
insurgent rebel jihadist gunman gunmen blast car-bomb landmine rocket missile shell drone claim
""".split())
EXPLOSION_NOUNS = frozenset("explosion blast".split())

#: Subjects and causes that make "killed", "destroyed" a disaster, not an assault.
DISASTER_WORDS = frozenset("""
earthquake quake flood flooding storm cyclone hurricane typhoon tornado fire blaze wildfire
landslide mudslide avalanche accident crash collision collapse virus covid disease outbreak
epidemic pandemic lightning tsunami stampede heatwave drought cold heat illness cancer
eruption rain rainfall snow explosion leak derailment explode erupt volcano boiler
""".split())

#: Modifier words that give an ASSAULT its PLOVER mode.
ASSAULT_MODE_WORDS = {
    **dict.fromkeys("air aerial airstrike warplane jet aircraft helicopter bomber plane "
                    "airplane fighter-jet chopper gunship".split(), "aerial"),
    **dict.fromkeys("drone uav".split(), "drone"),
    **dict.fromkeys("artillery tank rocket missile mortar shell howitzer shelling "
                    "bombardment".split(), "heavy-weapons"),
    **dict.fromkeys("gun gunfire rifle firearm bullet pistol gunman gunmen sniper "
                    "shooting".split(), "firearms"),
    **dict.fromkeys("bomb ied explosive grenade landmine mine limpet device".split(),
                    "explosives"),
    **dict.fromkeys("suicide".split(), "suicide-attack"),
    **dict.fromkeys("sexual".split(), "sexual"),
    **dict.fromkeys("knife machete axe stone rock sword arson spear stick club".split(),
                    "primitive"),
    **dict.fromkeys("chemical chlorine sarin nerve toxic biological nuclear".split(),
                    "unconventional"),
    **dict.fromkeys("tear water-cannon baton pellet rubber".split(), "crowd-control"),
}

# -- irrealis -------------------------------------------------------------------------

#: Verbs whose infinitive or clause complement has not happened (yet).
INTENT_GOVERNORS = frozenset("""
plan intend aim want wish hope seek try attempt struggle strive prepare threaten vow swear
promise pledge offer
agree decide expect propose need plot mull consider weigh aspire push urge ask call demand
order tell warn press plead appeal request encourage invite must mean seem vote move
beg implore beseech exhort pressure instruct direct
""".split())
#: Verbs that assert their complement happened: "continued to bombard".
IMPLICATIVE_VERBS = frozenset("""
continue begin start resume manage keep proceed go escalate step intensify
""".split())
#: Verbs that deny their complement: "refused to withdraw", "failed to agree".
NEGATIVE_GOVERNORS = frozenset("refuse decline fail reject deny avoid stop halt cease".split())
#: Nouns whose complement names a plan, not a happening: "a plan to stop the strikes".
PLAN_NOUNS = frozenset("""
plan goal aim bid effort attempt push proposal call demand threat deal agreement offer
promise pledge pressure plot intention intent order ultimatum request appeal warning
readiness possibility prospect risk fear danger option scenario preparation talk negotiation
""".split())
HYPOTHETICAL_MODALS = frozenset("would could might may should ought".split())
FUTURE_MODALS = frozenset("will shall 'll wo".split())
CONDITIONAL_MARKS = frozenset("if unless whether lest".split())

#: Reporting verbs: flags do not pass up through "said that ...".
REPORTING_VERBS = frozenset("""
say tell add report state announce claim note explain insist confirm write tweet post
""".split())

# -- actors ---------------------------------------------------------------------------

#: Demonyms and short country words -> ISO 3166-1 alpha-3.
DEMONYMS = {
    "afghan": "AFG", "albanian": "ALB", "algerian": "DZA", "american": "USA", "angolan": "AGO",
    "argentine": "ARG", "argentinian": "ARG", "armenian": "ARM", "australian": "AUS",
    "austrian": "AUT", "azerbaijani": "AZE", "azeri": "AZE", "bahraini": "BHR",
    "bangladeshi": "BGD", "belarusian": "BLR", "belgian": "BEL", "bolivian": "BOL",
    "bosnian": "BIH", "brazilian": "BRA", "british": "GBR", "bulgarian": "BGR",
    "burmese": "MMR", "burundian": "BDI", "cambodian": "KHM", "cameroonian": "CMR",
    "canadian": "CAN", "chadian": "TCD", "chilean": "CHL", "chinese": "CHN",
    "colombian": "COL", "congolese": "COD", "croatian": "HRV", "cuban": "CUB",
    "cypriot": "CYP", "czech": "CZE", "danish": "DNK", "dutch": "NLD", "ecuadorian": "ECU",
    "egyptian": "EGY", "emirati": "ARE", "eritrean": "ERI", "estonian": "EST",
    "ethiopian": "ETH", "filipino": "PHL", "finnish": "FIN", "french": "FRA",
    "georgian": "GEO", "german": "DEU", "ghanaian": "GHA", "greek": "GRC",
    "guatemalan": "GTM", "haitian": "HTI", "honduran": "HND", "hungarian": "HUN",
    "indian": "IND", "indonesian": "IDN", "iranian": "IRN", "iraqi": "IRQ", "irish": "IRL",
    "israeli": "ISR", "italian": "ITA", "ivorian": "CIV", "jamaican": "JAM",
    "japanese": "JPN", "jordanian": "JOR", "kazakh": "KAZ", "kenyan": "KEN",
    "korean": "KOR", "kuwaiti": "KWT", "kyrgyz": "KGZ", "lao": "LAO", "latvian": "LVA",
    "lebanese": "LBN", "liberian": "LBR", "libyan": "LBY", "lithuanian": "LTU",
    "malagasy": "MDG", "malawian": "MWI", "malaysian": "MYS", "malian": "MLI",
    "mauritanian": "MRT", "mexican": "MEX", "moldovan": "MDA", "mongolian": "MNG",
    "montenegrin": "MNE", "moroccan": "MAR", "mozambican": "MOZ", "namibian": "NAM",
    "nepalese": "NPL", "nepali": "NPL", "nicaraguan": "NIC", "nigerian": "NGA",
    "nigerien": "NER", "norwegian": "NOR", "omani": "OMN", "pakistani": "PAK",
    "palestinian": "PSE", "panamanian": "PAN", "paraguayan": "PRY", "peruvian": "PER",
    "polish": "POL", "portuguese": "PRT", "qatari": "QAT", "romanian": "ROU",
    "russian": "RUS", "rwandan": "RWA", "saudi": "SAU", "senegalese": "SEN",
    "serbian": "SRB", "sierra leonean": "SLE", "singaporean": "SGP", "slovak": "SVK",
    "slovenian": "SVN", "somali": "SOM", "somalian": "SOM", "south african": "ZAF",
    "south korean": "KOR", "north korean": "PRK", "south sudanese": "SSD", "spanish": "ESP",
    "sri lankan": "LKA", "sudanese": "SDN", "swedish": "SWE", "swiss": "CHE", "syrian": "SYR",
    "taiwanese": "TWN", "tajik": "TJK", "tanzanian": "TZA", "thai": "THA", "togolese": "TGO",
    "tunisian": "TUN", "turkish": "TUR", "turkmen": "TKM", "ugandan": "UGA",
    "ukrainian": "UKR", "uruguayan": "URY", "uzbek": "UZB", "venezuelan": "VEN",
    "vietnamese": "VNM", "yemeni": "YEM", "zambian": "ZMB", "zimbabwean": "ZWE",
    "kurdish": "IRQ", "gazan": "PSE", "us": "USA", "u.s.": "USA", "uk": "GBR", "u.k.": "GBR",
    "un": None, "eu": None,
}

#: Names and metonyms with a fixed code: (country, sector).
NAMED_ACTORS: dict[str, tuple[str | None, str]] = {
    "white house": ("USA", "GOV"), "pentagon": ("USA", "MIL"), "state department": ("USA", "GOV"),
    "congress": ("USA", "LEG"), "kremlin": ("RUS", "GOV"), "downing street": ("GBR", "GOV"),
    "whitehall": ("GBR", "GOV"), "elysee": ("FRA", "GOV"), "élysée": ("FRA", "GOV"),
    "knesset": ("ISR", "LEG"), "idf": ("ISR", "MIL"), "israel defense forces": ("ISR", "MIL"),
    "cia": ("USA", "SPY"), "fbi": ("USA", "COP"), "mossad": ("ISR", "SPY"),
    "hamas": ("PSE", "REB"), "islamic jihad": ("PSE", "REB"), "fatah": ("PSE", "PTY"),
    "palestinian authority": ("PSE", "GOV"), "hezbollah": ("LBN", "REB"),
    "houthis": ("YEM", "REB"), "houthi": ("YEM", "REB"), "taliban": ("AFG", "REB"),
    "al-shabaab": ("SOM", "REB"), "al shabaab": ("SOM", "REB"), "boko haram": ("NGA", "REB"),
    "isis": (None, "REB"), "islamic state": (None, "REB"), "isil": (None, "REB"),
    "al-qaeda": (None, "REB"), "al qaeda": (None, "REB"), "pkk": ("TUR", "REB"),
    "ypg": ("SYR", "REB"), "sdf": ("SYR", "REB"), "wagner": ("RUS", "MIL"),
    "united nations": (None, "IGO"), "un": (None, "IGO"), "nato": (None, "IGO"),
    "european union": (None, "IGO"), "eu": (None, "IGO"), "african union": (None, "IGO"),
    "arab league": (None, "IGO"), "world health organization": (None, "IGO"),
    "who": (None, "IGO"), "unicef": (None, "IGO"), "unrwa": (None, "IGO"),
    "world bank": (None, "IGO"), "international monetary fund": (None, "IGO"),
    "imf": (None, "IGO"), "international criminal court": (None, "IGO"), "icc": (None, "IGO"),
    "opec": (None, "IGO"), "asean": (None, "IGO"), "ecowas": (None, "IGO"),
    "security council": (None, "IGO"), "red cross": (None, "NGO"),
    "red crescent": (None, "NGO"), "amnesty international": (None, "NGO"),
    "human rights watch": (None, "NGO"), "doctors without borders": (None, "NGO"),
    "msf": (None, "NGO"), "oxfam": (None, "NGO"), "save the children": (None, "NGO"),
}

#: Head and modifier words -> CAMEO-style sector code.
SECTOR_WORDS = {
    **dict.fromkeys("""force troop army military soldier navy marine airforce commander general
        officer-military paratrooper warplane jet tank battalion brigade regiment infantry
        sailor pilot warship artillery defense defence reservist conscript guardsman
        serviceman servicemen""".split(), "MIL"),
    **dict.fromkeys("""government ministry minister president premier chancellor cabinet
        administration official spokesman spokeswoman spokesperson diplomat ambassador
        envoy embassy authority regime king queen prince governor mayor secretary state
        leader delegation negotiator junta""".split(), "GOV"),
    **dict.fromkeys("""parliament lawmaker legislator senator congressman congresswoman mp
        legislature senate assembly""".split(), "LEG"),
    **dict.fromkeys("police policeman policemen cop officer gendarme constable".split(), "COP"),
    **dict.fromkeys("""rebel militant insurgent guerrilla guerilla fighter gunman gunmen
        jihadist separatist terrorist militia militiaman extremist""".split(), "REB"),
    **dict.fromkeys("""protester protestor demonstrator activist crowd resident villager
        civilian people citizen man woman child family passenger pedestrian farmer
        villagers""".split(), "CVL"),
    **dict.fromkeys("opposition dissident".split(), "OPP"),
    **dict.fromkeys("journalist reporter media newspaper broadcaster press".split(), "MED"),
    **dict.fromkeys("court judge prosecutor tribunal judiciary".split(), "JUD"),
    **dict.fromkeys("company firm business corporation bank investor".split(), "BUS"),
    **dict.fromkeys("refugee migrant asylum-seeker displaced".split(), "REF"),
    **dict.fromkeys("union worker employee labour labor".split(), "LAB"),
    **dict.fromkeys("student teacher university school".split(), "EDU"),
    **dict.fromkeys("cleric imam priest church mosque bishop rabbi".split(), "REL"),
    **dict.fromkeys("doctor nurse hospital medic physician".split(), "HLH"),
    **dict.fromkeys("party".split(), "PTY"),
    **dict.fromkeys("ngo charity".split(), "NGO"),
}
#: "aid groups", "rights groups": a modifier that makes a group an NGO.
NGO_MODIFIERS = frozenset("aid humanitarian relief rights charity advocacy".split())
GROUP_NOUNS = frozenset("group organization organisation agency worker charity".split())

#: Nouns that stand for the place they are in: "areas of Mosul" -> Mosul.
PLACE_PART_NOUNS = frozenset("""
area part city town village district neighborhood neighbourhood outskirts region province
camp border suburb center centre north south east west
""".split())
#: Prepositions that put an event somewhere.
PLACE_PREPOSITIONS = frozenset("in at near outside inside across around throughout into".split())
#: Prepositions whose object is the target of an event.
TARGET_PREPOSITIONS = frozenset("against on at upon toward towards into with to".split())
#: Words that make a subject a group of protesters.
PROTESTER_WORDS = frozenset("protester protestor demonstrator rioter".split())
#: Words that make a labour strike.
LABOUR_WORDS = frozenset("""
worker union employee staff teacher doctor nurse driver labour labor wage pay salary
general trucker miner pilot
""".split())
#: Verbs that make a protest when protesters are their subject.
PROTEST_ACTION_VERBS = frozenset("gather march assemble chant converge rally protest".split())
FIRST_PERSON = frozenset("i we me us my our".split())
