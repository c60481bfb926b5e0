"""Word lists shared by the analysis stages: general English and news usage, no article data."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DOUBLE_QUOTES = {'"', "“", "”", "„", "«", "»"}
OPEN_QUOTES = {'"', "“", "„", "«"}

#: When NER votes tie, the more specific reading wins.
LABEL_PRIORITY = {
    "GPE": 6, "ORG": 5, "PERSON": 4, "LOC": 3, "NORP": 2, "FAC": 1,
    "EVENT": 0, "PRODUCT": 0, "WORK_OF_ART": 0, "LAW": 0, "LANGUAGE": 0,
}

#: Folded name -> folded canonical key, for names the news writes several ways.
ALIASES = {
    "us": "united states", "usa": "united states", "america": "united states",
    "united states of america": "united states", "the states": "united states",
    "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "un": "united nations", "eu": "european union", "uae": "united arab emirates",
    "drc": "democratic republic of the congo", "dr congo": "democratic republic of the congo",
    "prc": "china", "people's republic of china": "china",
    "russian federation": "russia", "republic of korea": "south korea",
    "south korea": "south korea", "north korea": "north korea",
    "dprk": "north korea", "ussr": "soviet union", "nato": "nato",
    "who": "world health organization", "imf": "international monetary fund",
    "idf": "israel defense forces", "israel defence forces": "israel defense forces",
    "fbi": "federal bureau of investigation", "cia": "central intelligence agency",
    "gop": "republican party", "grand old party": "republican party",
}

#: Display names for canonical keys whose common written form differs from the key.
CANONICAL_NAMES = {
    "united states": "United States",
    "united kingdom": "United Kingdom",
    "united nations": "United Nations",
    "european union": "European Union",
    "united arab emirates": "United Arab Emirates",
    "democratic republic of the congo": "Democratic Republic of the Congo",
    "soviet union": "Soviet Union",
    "nato": "NATO",
    "world health organization": "World Health Organization",
    "international monetary fund": "International Monetary Fund",
    "israel defense forces": "Israel Defense Forces",
    "federal bureau of investigation": "FBI",
    "central intelligence agency": "CIA",
    "republican party": "Republican Party",
}

_FOLD = re.compile(r"[.\u00b7]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 14)
def fold(text: str) -> str:
    """Case- and punctuation-folded form of a name: "U.S." -> "us", "The  Hague" -> "the hague"."""
    text = _FOLD.sub("", text.lower().replace("’", "'"))
    text = _SPACES.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


def demonym_key(folded: str) -> str:
    """One key for singular and plural group words: "israelis" and "israeli"."""
    if folded.endswith("ies"):
        return folded
    if folded.endswith("s") and not folded.endswith("ss"):
        return folded[:-1]
    return folded


#: Head nouns of phrases that stand for an unnamed source ("a senior official said").
SOURCE_NOUNS = {
    "official", "source", "negotiator", "diplomat", "spokesperson", "spokesman",
    "spokeswoman", "aide", "adviser", "advisor", "insider", "person", "people",
    "witness", "resident", "officer", "commander", "lawmaker", "legislator", "analyst",
    "expert", "mediator", "envoy", "minister", "executive", "employee", "staffer",
    "representative", "member", "investigator", "prosecutor", "doctor", "medic",
    "activist", "researcher", "scientist", "leader", "strategist", "operative", "confidant",
}

#: Head nouns of offices held by one person at a time ("Spain's prime minister").
OFFICE_NOUNS = {
    "president", "minister", "premier", "chancellor", "secretary", "governor", "mayor",
    "king", "queen", "emperor", "pope", "ambassador", "director", "chairman", "chairwoman",
    "chairperson", "leader", "monarch", "taoiseach", "speaker", "secretary-general",
}

#: Modifiers that make an office phrase name no single current holder ("a former minister").
NOT_CURRENT_HOLDER = {"former", "ex", "late", "then", "previous", "next", "future", "new",
                      "outgoing", "incoming", "acting", "interim", "past"}

#: Nouns that name a kind of place: "the town of X" makes X a place.
PLACE_NOUNS = {
    "town", "city", "village", "capital", "province", "region", "district", "port", "state",
    "county", "island", "municipality", "suburb", "neighbourhood", "neighborhood", "township",
}

#: Capitalised words that NER sometimes takes for names; never spread as names.
NOT_NAMES = {"the", "president", "minister", "mr", "mrs", "ms", "dr", "sen", "rep", "gov"}

#: Source nouns vague enough to refer back to any earlier unnamed source.
GENERIC_SOURCE_NOUNS = {"source", "official", "person", "insider", "people"}

PRONOUN_GENDER = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}

_FEMININE_ROLES = {
    "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "woman", "mother",
    "daughter", "wife", "sister", "queen", "princess", "actress", "mrs", "ms", "madam",
    "grandmother", "girl", "councilwoman", "duchess",
}
_MASCULINE_ROLES = {
    "spokesman", "chairman", "congressman", "businessman", "man", "father", "son",
    "husband", "brother", "king", "prince", "actor", "mr", "grandfather", "boy",
    "councilman", "duke",
}


@lru_cache(maxsize=1)
def given_name_genders() -> dict[str, str]:
    """Given names that tell a sex, "f" or "m" (data/given_name_genders.txt, from the US
    Census 1990 first-name lists; scripts/build_given_names.py)."""
    path = Path(__file__).resolve().parent.parent / "data" / "given_name_genders.txt"
    if not path.exists():
        return {}
    pairs = (line.split() for line in path.read_text("utf-8").splitlines()
             if line and not line.startswith("#"))
    return {name: sex for name, sex in pairs}


def gender_of_name(name: str) -> str | None:
    """"f"/"m" when a person's full name starts with a given name that tells a sex
    ("Maria Lopez" f), else None (a surname alone, "Jordan Lee", a title)."""
    words = name.split()
    while words and (words[0].endswith(".") or words[0].lower() in NOT_NAMES):
        words = words[1:]  # "Sen. Ana Ruiz", "President Ana Ruiz"
    if len(words) < 2:
        return None
    return given_name_genders().get(words[0].title())


def gender_of_role(word: str) -> str | None:
    """"f"/"m" when a role word implies a gender ("spokeswoman"), else None."""
    word = word.lower().rstrip(".")
    if word in _FEMININE_ROLES:
        return "f"
    if word in _MASCULINE_ROLES:
        return "m"
    return None
