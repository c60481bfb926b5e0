"""When a place name is part of another name: a person's, an organisation's, a title.

A reader never takes "Sen. Rubio" for Senegal, "Vladimir Putin" for the Russian town, the
"New York Times" for the city or "West Nile virus" for a river valley. These are the
general cues behind that reading, used by `newsgraph.geo.resolve.recognise`:

* words an organisation's name ends with when it is not the place's own authority
  (newspapers, universities, companies, associations, teams' leagues): "Ohio State
  University", "USA Today"; a place's own government keeps its place ("Tulsa Police
  Department", "U.S. Court of Appeals"), as a reader still learns where it acts;
* "University of X", "Bank of X": the same words before "of";
* a person's title or first name beside the name ("Mr. Jordan", "Georgia Stevens"), and
  a name the article gives a person elsewhere ("Kevin McKinley" ... "McKinley said");
* title abbreviations before a name ("Sen. Rubio", "Del. Price");
* the words after a disease or time zone ("Ebola virus", "Eastern Time").
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: Common given names (scripts/build_given_names.py; US Census 1990 via `names` 0.3.0).
GIVEN_NAMES_FILE = Path(__file__).resolve().parent.parent / "data" / "given_names.txt"

#: Last words of names of organisations that are not a place's own authority.
NON_PLACE_HEADS = frozenset({
    # news media
    "times", "post", "today", "tribune", "herald", "journal", "gazette", "globe", "chronicle",
    "telegraph", "observer", "guardian", "mail", "express", "daily", "news", "press", "star",
    "sun", "examiner", "inquirer", "courier", "dispatch", "magazine", "radio", "television",
    "tv", "broadcasting", "network", "bulletin", "register", "bee",
    # education and research
    "university", "universities", "college", "school", "schools", "academy", "institute",
    "seminary", "polytechnic", "zoo", "museum",
    # companies
    "inc", "ltd", "corp", "corporation", "company", "llc", "plc", "holdings", "bank",
    "airlines", "airways", "hydro", "motors", "mining", "industries", "enterprises",
    "technologies", "pharmaceuticals", "brewery", "exchange",
    # associations, parties, movements, events, treaties
    "association", "society", "foundation", "league", "union", "federation", "conference",
    "fund", "club", "party", "alliance", "coalition", "caucus", "movement", "cross",
    "agreement", "treaty", "accord", "games", "olympics", "team",
    # commodities and indices
    "intermediate", "crude", "futures", "index",
    "cavaliers", "fc", "afl", "cio", "workers", "action",
})
#: Words of a place's own authorities: the place is still where they act.
GOVERNMENT_HEADS = frozenset({
    "police", "department", "dept", "court", "courts", "council", "sheriff", "coroner",
    "government", "ministry", "embassy", "consulate", "parliament", "senate", "assembly",
    "legislature", "congress", "army", "navy", "military", "forces", "guard", "patrol",
    "attorney", "prosecutor", "prosecutors", "district", "county", "authority", "commission",
    "board", "office", "service", "services", "administration", "fire", "ems", "jail",
    "prison", "detention", "corrections", "health", "transit", "mayor", "governor",
    "gov", "state", "city", "province", "region", "citizenship", "immigration", "customs",
    "agency", "bureau", "cabinet", "presidency", "coast", "minister", "ministers",
})
#: Words before "of" that make "X of <place>" an institution's name.
INSTITUTION_OF = frozenset({"university", "college", "bank", "museum", "institute", "school",
                            "academy", "archdiocese", "diocese"})
#: Titles and honorifics written before a person's name (lower case, no dot).
TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "sen", "senator",
    "rep", "representative", "del", "delegate", "gov", "governor", "gen", "general", "lt",
    "col", "colonel", "maj", "major", "capt", "captain", "sgt", "sergeant", "cpl", "pvt",
    "adm", "admiral", "cmdr", "commander", "insp", "inspector", "det", "detective", "supt",
    "prof", "professor", "rev", "reverend", "fr", "father", "pastor", "rabbi", "imam",
    "bishop", "cardinal", "pope", "president", "pres", "vice", "premier", "chancellor",
    "minister", "secretary", "ambassador", "amb", "judge", "justice", "chief", "mayor",
    "king", "queen", "prince", "princess", "sheikh", "emir", "coach", "officer", "deputy",
    "atty", "hon", "councillor", "councilman", "councilwoman", "alderman", "trooper",
    "sister", "brother", "uncle", "aunt", "mother", "grandmother", "grandfather", "wife",
    "husband", "daughter", "son",
})
#: Words after a name that make it a disease or a strain ("West Nile virus").
DISEASE_WORDS = frozenset({"virus", "viruses", "ebolavirus", "fever", "flu", "influenza",
                           "disease", "strain", "syndrome", "encephalitis"})
#: Words after a name that make it a time zone ("Eastern Time", "Pacific Standard").
TIME_ZONE_WORDS = frozenset({"time", "standard", "daylight"})
#: Words after a name that make it a grade of oil or a market ("Dubai crude").
COMMODITY_WORDS = frozenset({"crude", "futures", "blend", "benchmark"})
#: Words of a clock time before a time zone ("8 p.m. Eastern").
CLOCK_WORDS = frozenset({"a.m.", "p.m.", "am", "pm", "noon", "midnight", "o'clock"})
#: Names of time zones that are also names of places ("Pacific", "Mountain").
ZONE_NAMES = frozenset({"eastern", "central", "mountain", "pacific", "atlantic", "alaska",
                        "hawaii", "arabia", "moscow", "india", "china", "japan", "korea"})
#: Words naming a direction or part, that alone name no place ("the West", "Eastern").
DIRECTION_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "centre", "center", "northeast", "northwest", "southeast", "southwest", "middle",
    "upper", "lower", "mid", "interior"})
PERSON_LABEL = "PERSON"


def _lower_word(token) -> str:
    return token.lower_.rstrip(".")


def organisation_tail(doc: Doc, end: int, limit: int = 6) -> str | None:
    """"times" when the capitalised words after token `end` name a non-place organisation.

    The run stops at a lower-case word (other than "of", "and", "for", "&") or at
    punctuation; a government word in the run ("Police", "Court") keeps the place.
    """
    found = None
    for token in doc[end:end + limit]:
        word = _lower_word(token)
        if (token.is_punct and token.text not in {"-", "&"}) or token.tag_ == "POS":
            break
        if token.text[:1].islower() and word not in {"of", "and", "for", "&"}:
            break
        if word in GOVERNMENT_HEADS:
            return None
        if word in NON_PLACE_HEADS and found is None:
            found = word
    return found


def institution_before(doc: Doc, start: int) -> bool:
    """"University of Iowa", "Bank of America": an institution named after the place."""
    return start >= 2 and doc[start - 1].lower_ == "of" \
        and doc[start - 2].text[:1].isupper() and doc[start - 2].lower_ in INSTITUTION_OF


def organisation_is_foreign_to_place(span: Span) -> bool:
    """Whether an NER organisation whose name starts with a place is not that place's body.

    "New York Times", "Virginia AFL-CIO": the place is not where anything happens;
    "Tulsa Police Department", "Enfield Council": it is.
    """
    words = {_lower_word(t) for t in span[1:]}
    return bool(words & NON_PLACE_HEADS) and not words & GOVERNMENT_HEADS


#: Titles of peerage: "the Duchess of Cornwall", "the Earl of Essex" name a person, not the
#: place (an office, "the Governor of Texas", still names its place).
PEERAGE = frozenset({"prince", "princess", "duke", "duchess", "earl", "countess", "marquess",
                     "marchioness", "viscount", "viscountess", "baron", "baroness"})


def peerage_title(doc: Doc, start: int) -> bool:
    """A name right after a capitalised title of peerage and "of": "Duke of Cornwall"."""
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in PEERAGE \
        and doc[start - 2].text[:1].isupper()


def beside_person(doc: Doc, start: int, end: int) -> bool:
    """A title before the name ("Mr. Jordan") or a person's name right beside it.

    "Vladimir Putin", "Georgia Stevens": a one-word name before a capitalised word of a
    person's name, on the same line and not after a preposition ("the envoy for South
    Sudan David Shearer"), is a first name. A dateline in capitals is not.
    """
    first = doc[start]
    if first.text.isupper() and len(first.text) > 2:
        return False
    if start and _lower_word(doc[start - 1]) in TITLES and doc[start - 1].text[:1].isupper():
        return True
    if end - start != 1 or end >= len(doc) or (start and doc[start - 1].pos_ == "ADP"):
        return False
    after = doc[end]
    return after.ent_type_ == PERSON_LABEL and after.is_title and after.is_alpha \
        and _lower_word(after) not in TITLES and "\n" not in first.whitespace_ \
        and bool(first.whitespace_)


@cache
def given_names() -> frozenset[str]:
    """The packaged list of common given names ("Mary", "Georgia"); empty if absent."""
    if not GIVEN_NAMES_FILE.exists():
        return frozenset()
    return frozenset(line.strip() for line in GIVEN_NAMES_FILE.read_text("utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def given_name_before_surname(doc: Doc, start: int, end: int,
                              is_place: Callable[[str], bool]) -> bool:
    """"Mary J. Blige", "Georgia Stevens": a one-word name that is a common given name,
    right before a capitalised word (or an initial) that is no place, kind-of-place or
    organisation word, reads as a person's first name."""
    if end - start != 1 or end >= len(doc) or doc[start].text not in given_names() \
            or not doc[start].whitespace_ or "\n" in doc[start].whitespace_:
        return False
    after = doc[end]
    initial = len(after.text) == 2 and after.text[0].isupper() and after.text[1] == "."
    if not initial and not (after.is_alpha and after.is_title and after.tag_ == "NNP"
                            and after.ent_type_ in {"", PERSON_LABEL}):
        return False  # "Virginia Democrats", "Georgia Tech's": no surname
    word = _lower_word(after)
    return initial or not (word in PLACE_HEADS or word in GOVERNMENT_HEADS
                           or word in NON_PLACE_HEADS or word in TITLES
                           or word in _CALENDAR_WORDS or is_place(after.text))


#: Verbs of speech whose subject is a person ("Brent told", "Georgia said").
SPEECH_VERBS = frozenset({"say", "tell", "add", "explain", "note", "recall", "ask", "reply",
                          "write", "insist", "admit", "laugh", "smile", "recount"})


def given_name_speaking(doc: Doc, start: int, end: int) -> bool:
    """"Brent told CTV": a common given name alone as the subject of a verb of speech."""
    if end - start != 1 or doc[start].text not in given_names():
        return False
    token = doc[start]
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in SPEECH_VERBS


_CALENDAR_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december"})


def title_abbreviation(doc: Doc, start: int, end: int) -> bool:
    """"Sen. Rubio", "Del. Price": a dotted title before a capitalised name."""
    if end - start != 1 and not (end - start == 2 and doc[end - 1].text == "."):
        return False
    word = doc[start].lower_.rstrip(".")
    dotted = doc[start].text.endswith(".") or (end < len(doc) and doc[end].text == ".")
    nxt = end + (1 if end < len(doc) and doc[end].text == "." else 0)
    return dotted and word in TITLES and nxt < len(doc) and doc[nxt].text[:1].isupper() \
        and doc[nxt].is_alpha


def followed_by(doc: Doc, end: int, words: frozenset[str]) -> bool:
    """Whether the word right after token `end` is one of `words` ("virus", "Time")."""
    return end < len(doc) and doc[end].lower_ in words


def person_words(doc: Doc, no_one: Callable[[Span], bool] | None = None) -> set[str]:
    """Words of the article's names of persons of two or more words ("Kevin McKinley");
    `no_one` tells a PERSON entity that is not a name ("Landlocked Bhutan")."""
    found = set()
    for ent in doc.ents:
        if no_one is not None and ent.label_ == PERSON_LABEL and no_one(ent):
            continue
        # "Village Malakal", "Trump - Wisconsin" are no one's names
        if ent.label_ == PERSON_LABEL and 1 < len(ent) <= 4 and all(
                t.text[:1].isupper() and not t.text.isupper()
                and (t.is_alpha or t.text.endswith(".")) and _lower_word(t) not in PLACE_HEADS
                for t in ent):
            found.update(t.text for t in ent if t.is_alpha and t.text[:1].isupper()
                         and len(t.text) > 2 and not t.text.isupper())
    return found


#: Words that name a kind of place, as the last word of a name ("Baltic Sea", "Fore Street").
PLACE_HEADS = frozenset({
    "street", "st", "road", "rd", "avenue", "ave", "boulevard", "lane", "close", "crescent",
    "way", "drive", "highway", "square", "place", "bridge", "park", "airport", "station",
    "port", "harbour", "harbor", "canal", "sea", "ocean", "gulf", "bay", "strait", "lake",
    "river", "valley", "delta", "basin", "desert", "mountains", "mountain", "hills", "hill",
    "plateau", "peninsula", "island", "islands", "coast", "forest", "province", "county",
    "district", "region", "state", "territory", "village", "town", "city", "borough",
    "parish", "prefecture", "governorate", "municipality", "camp", "strip", "heights",
    "plains", "range", "reef", "falls", "glacier", "neighbourhood", "neighborhood",
    "quarter", "market", "castle", "palace", "cathedral", "church", "mosque", "temple",
    "hospital", "area", "zone", "belt", "corridor", "border", "frontier", "arctic",
    "antarctic", "americas", "pole", "slum", "slums", "pond", "beach", "memorial",
    "springs", "creek",
})
#: First words of place names ("Mount Kenya", "Lake Erie", "Fort Detrick").
PLACE_OPENERS = frozenset({"mount", "mt", "lake", "fort", "ft", "port", "cape", "gulf", "bay",
                           "isle", "isla", "rio", "sierra", "monte", "wadi", "jebel", "tel",
                           "kfar", "al", "el"})


def looks_like_place(span: Span, prepositions: set[str], weak: bool = True) -> bool:
    """Whether a name with no gazetteer entry still reads as a place.

    Its last word names a kind of place ("Baltic Sea", "Seaton Street"), its first word
    opens place names ("Lake Erie"), or it follows a preposition of place ("villages
    of Foua", "in Kibera").
    """
    doc = span.doc
    if _lower_word(span[-1]) in PLACE_HEADS or _lower_word(span[0]) in PLACE_OPENERS:
        return True
    if span.end < len(doc) and doc[span.end].is_lower and doc[span.end].lower_ in PLACE_HEADS:
        return True  # "the Harlow district"
    return place_context(span, prepositions, weak)


def after_place_noun_of(span: Span) -> bool:
    """"the village of Saltmarsh", "the town of Kelby": after a kind of place and "of"."""
    doc, i = span.doc, span.start
    return i >= 2 and doc[i - 1].lower_ == "of" and (
        _lower_word(doc[i - 2]) in PLACE_HEADS or doc[i - 2].lemma_.lower() in PLACE_HEADS)


def currency_code(doc: Doc, start: int, end: int) -> bool:
    """"US $6.9 billion", "NZ$ 40": a country's code before a dollar sign is the currency."""
    return end - start == 1 and doc[start].text.isupper() and len(doc[start].text) <= 3 \
        and end < len(doc) and doc[end].text.startswith("$")


#: Offices a portfolio's name comes before: "Economy Minister", "Energy Secretary".
PORTFOLIO_TITLES = frozenset({"minister", "ministry", "secretary"})


def adjective_before_country(ent: Span, is_country: Callable[[str], bool]) -> bool:
    """"Landlocked Bhutan" (NER: a person): a word that is no given name before a country's
    own name that is no given name either ("Chad Ochocinco", "Kathy Ireland" stay persons)."""
    names = given_names()
    return len(ent) == 2 and ent[0].text not in names and ent[1].text not in names \
        and ent[0].text[:1].isupper() and is_country(ent[1].text)


def common_word(text: str) -> bool:
    """Whether `text` is one of the words of institutions, titles and kinds of places."""
    word = text.lower().rstrip(".")
    return word in GOVERNMENT_HEADS or word in NON_PLACE_HEADS or word in TITLES \
        or word in PLACE_HEADS


def direction_alone(doc: Doc, start: int, end: int) -> bool:
    """"the West", "Eastern" (after "8 p.m."): a direction word alone is no place."""
    return end - start == 1 and doc[start].lower_ in DIRECTION_WORDS


def after_clock(doc: Doc, start: int) -> bool:
    """"8 p.m. Eastern", "9 a.m. Pacific": a zone's name right after a clock time."""
    return doc[start].lower_ in ZONE_NAMES and start > 0 and doc[start - 1].lower_ in CLOCK_WORDS


def previous_word(doc: Doc, i: int) -> str:
    """The lower-case word before token `i`, line breaks and "the" skipped; "" at the start."""
    i -= 1
    while i >= 0 and (doc[i].is_space or doc[i].lower_ == "the"):
        i -= 1
    return doc[i].lower_ if i >= 0 else ""


def place_context(span: Span, prepositions: set[str], weak: bool = True) -> bool:
    """A preposition of place before the name ("in Karak", "town of Karak", "downtown
    Buffalo"), or a list of places it stands in ("Darfur and Malakal"). `weak`: "of" and
    "at" count too."""
    before = previous_word(span.doc, span.start)
    return before in prepositions or (weak and before in {"of", "at", "downtown"}) \
        or _listed_with_places(span)


def _listed_with_places(span: Span) -> bool:
    """"Foua and Kfraya", "Oslo, Hedmark, Oppland": in a list beside a place name."""
    doc = span.doc
    i = span.start - 1
    if i >= 1 and doc[i].lower_ in {"and", ",", "or", ";"}:
        j = i - 1 if doc[i - 1].text not in {",", ";"} else i - 2
        if j >= 0 and doc[j].ent_type_ in {"GPE", "LOC"}:
            return True
    k = span.end
    return k + 1 < len(doc) and doc[k].lower_ in {"and", ",", "or"} \
        and doc[k + 1].ent_type_ in {"GPE", "LOC"}
