"""Find place mentions in a parsed text and resolve each to one gazetteer entry.

Recognition
1. spaCy GPE/LOC/FAC spans (trimmed like entity names; "eastern" and other compass
   words before a name join its span).
2. What NER missed: proper-noun runs that name a country, first-level area, continent,
   region or a town of 100,000+ people, and abbreviations after a comma ("Lexington, Ky.").
3. One sense per article: every other occurrence of a recognised name counts too.
4. Group words (NORP: "Israeli forces") map to their country but are not places.
5. Phrases that refer back ("the enclave", "the coastal city") take the
   latest named place of a fitting kind.

Resolution: each name's candidates get a prior from feature type and population, then
article context: the countries and areas the other mentions point to, an explicit
container ("Paris, Texas"), and nearness to the other places. All mentions of one name
share one reading. The top three readings are kept with scores; a small margin marks
the choice as low confidence.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

from newsgraph.geo import cues
from newsgraph.geo.gazetteer import (
    ABBREVIATION,
    ALTERNATE,
    COUNTRY_ALIASES,
    GENERIC_AREA_WORDS,
    Candidate,
    Gazetteer,
    GeoPlace,
    haversine_km,
    name_key,
)
from newsgraph.geo.mentions import DemonymRef, Found, PlaceMention, Reading
from newsgraph.stages.doc_tables import doc_text, token_table
from newsgraph.stages.syntax import name_text, occurrences, strip_possessive, trim_span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PLACE_LABELS = {"GPE", "LOC", "FAC"}
COMPASS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
    "northwestern", "southeastern", "southwestern", "upstate", "downtown",
}
#: Head nouns of phrases that refer back to a place, with the features they may name,
#: most likely first ("the enclave" is a region before it is a country).
DESCRIPTIONS = {
    "city": ("city",), "town": ("city",), "village": ("city",), "capital": ("city",),
    "country": ("country",), "nation": ("country",), "county": ("admin2",),
    "state": ("admin1",), "province": ("admin1", "admin"),
    "enclave": ("region", "admin", "admin1", "country"),
    "strip": ("region",), "territory": ("region", "admin", "admin1", "country"),
    "region": ("region", "admin", "admin1"), "island": ("region", "admin", "admin1", "country"),
}
#: Words after a name that say what kind of area it is ("Yunnan province").
AREA_WORDS = {"region", "province", "state", "county", "district", "department", "prefecture",
              "governorate", "area", "municipality", "oblast", "territory", "city"}
#: Lower-case last words for the edge of a place, read by the place ("Indian Ocean coast").
EDGE_WORDS = {"coast", "coastline", "shore", "shores", "border", "borderlands"}
#: Last words of names of parts of a town, read by the town ("Las Vegas Strip").
PART_OF_TOWN = {"strip", "valley", "metro", "suburbs", "outskirts", "downtown"}
#: Features that NER-missed proper nouns may be read as, without a population floor.
BROAD_FEATURES = {"country", "admin1", "continent", "region", "water"}
GAZETTEER_MIN_POPULATION = 100_000
PLACE_PREPOSITIONS = {"in", "into", "from", "to", "near", "toward", "towards", "outside",
                      "across", "throughout"}
#: Prepositions after which a one-word name is a place even when NER called it otherwise.
STRONG_PLACE_PREPOSITIONS = {"in", "near", "outside", "from", "into", "towards", "toward"}
LOW_MARGIN = 1.0
SIBLING_BONUS = 1.0
#: Other countries an article must name before a name's country reading gains as a sibling.
NATIONS_FOR_BONUS = 3
DATELINE_BONUS = 3.0
#: What "<name> Council" adds to the readings of a name that are local-government areas.
COUNCIL_BONUS = 1.5
#: A town named as the container of a place this near it ("Harlem, New York") is the town.
CITY_PART_KM = 15.0
CITY_PART_BONUS = 4.0
DWARFING_CITY = 100_000
_WORD = re.compile(r"\w")


# -- recognition --------------------------------------------------------------------------


def _trim(span: Span) -> Span | None:
    """The place name inside an NER span: no leading "the" or punctuation, no trailing
    possessive or punctuation other than a full stop ("Ky.")."""
    return trim_span(span, lambda t: t.lower_ == "the" or t.is_punct,
                     lambda t: t.tag_ == "POS" or (t.is_punct and t.text != "."))


def _with_compass(doc: Doc, span: Span, gazetteer: Gazetteer) -> int:
    """The start character of `span`, moved back over a lower-case compass word."""
    if span.start and doc[span.start - 1].lower_ in COMPASS and doc[span.start - 1].is_lower \
            and not gazetteer.candidates(doc[span.start - 1:span.end].text):
        return doc[span.start - 1].idx
    return span.start_char


def recognise(doc: Doc, gazetteer: Gazetteer, full_text: str | None = None
              ) -> tuple[list[PlaceMention], list[DemonymRef]]:
    """Place mentions and group words of a parsed text, in text order.

    `full_text`: `doc.text` when the caller has it (spaCy joins the tokens on each access).
    """
    mentions: list[PlaceMention] = []
    demonyms: list[DemonymRef] = []
    taken: set[int] = set()
    other_names: set[int] = set()
    def is_country(word: str) -> bool:
        return any(c.kind != ALTERNATE and c.place.feature == "country"
                   and name_key(c.place.name) == name_key(word)
                   for c in gazetteer.candidates(word))

    def no_one(ent: Span) -> bool:
        return cues.adjective_before_country(ent, is_country)

    persons = cues.person_words(doc, no_one)
    full_text = doc_text(doc) if full_text is None else full_text

    def add(span: Span, source: str, candidates: tuple[Candidate, ...]) -> None:
        first, text = name_text(span)
        if not text or not _WORD.search(text):
            return
        if _inside_other_name(doc, span.start, span.end, persons, gazetteer):
            other_names.update(range(span.start, span.end))
            return
        compass = _with_compass(doc, span, gazetteer)
        start = compass if compass < span.start_char else first
        end = first + len(text)
        mentions.append(PlaceMention(start, end, full_text[start:end], candidates, source,
                                token=span.start))
        taken.update(range(span.start, span.end))

    # 1. NER; one label per surface form: a name tagged as a place anywhere is a place.
    place_texts = {strip_possessive(ent.text) for ent in doc.ents if ent.label_ in PLACE_LABELS}
    for ent_label, ent in _joined_entities(doc, gazetteer):
        span = _trim(ent)
        if span is None:
            continue
        if ent_label in PLACE_LABELS:
            span = _extended(span, gazetteer)
        label = _place_label(ent_label, span, place_texts, persons, gazetteer)
        if label == "NORP":
            country = gazetteer.demonym(name_key(span.text))
            if country is not None:
                demonyms.append(DemonymRef(span.start_char, span.end_char, span.text, country))
            other_names.update(range(span.start, span.end))
            continue
        if label in {"ORG", "PRODUCT"} and (governed := _governed_place(span, gazetteer)):
            # "the Waterbury Police Department", "Grant County Detention Center",
            # "Salem police": the town or county whose own body it is
            add(governed[0], "ner", governed[1])
            if mentions and governed[0].end < len(doc) \
                    and doc[governed[0].end].lower_ == "council":
                mentions[-1].council = True
            other_names.update(range(governed[0].end, span.end))
            continue
        if label == "PERSON" and no_one(span):
            other_names.add(span.start)  # "Landlocked Bhutan": the country stays free
            continue
        if label not in PLACE_LABELS:
            # "Winnipeg Police Service": the place at the start of an organisation's
            # name is still a place; a person's name is not.
            first = span.start + 1 if label == "ORG" and len(span) > 1 \
                and not cues.organisation_is_foreign_to_place(span) else span.start
            other_names.update(range(first, span.end))
            continue
        candidates = gazetteer.candidates(strip_possessive(span.text))
        if len(span) == 1 and (compound := _hyphen_compound(doc, span.start, gazetteer)):
            span, candidates = compound  # NER kept one part of "Nord-Kivu"
        if dotted := _dotted_abbreviation(doc, span.start, span.end, gazetteer):
            span, candidates = dotted  # "Man." that the tokenizer split off its dot
        if not candidates and span[0].is_lower:
            continue
        if not candidates and (country := gazetteer.demonym(name_key(span.text))) is not None:
            # "Nepali airspace" (NER: a place): a group word, its country's adjective
            demonyms.append(DemonymRef(span.start_char, span.end_char, span.text, country))
            other_names.update(range(span.start, span.end))
            continue
        if label == "FAC" and not candidates:
            continue
        if not candidates and label in {"GPE", "LOC"}:
            candidates = _head_candidates(span, gazetteer)
        if not candidates and len(span) == 1 and span.text.isalpha() and span.text.isupper():
            other_names.add(span.start)
            continue  # "VR", "EV": an acronym the gazetteer has no place for
        if not candidates and not cues.after_place_noun_of(span) \
                and not _shared_head(span, gazetteer) \
                and not cues.looks_like_place(span, STRONG_PLACE_PREPOSITIONS | {"at"},
                                              weak=False):
            # "compared to Marlowe's", "a blend of Tarvino": a name we cannot place
            # needs more than a weak preposition to be a place
            other_names.update(range(span.start, span.end))
            continue  # "Future45", "Green Party": a name we cannot place, and nothing says place
        add(span, "ner", candidates)

    # 2. proper-noun runs NER missed, longest first
    _missed_runs(doc, gazetteer, taken, other_names, add)

    # 2b. "U.S.-led", "Paris-based" kept as one token
    mentions.extend(_affixed_names(doc, gazetteer, taken))

    # 3. one sense per article
    names = {m.text: m for m in mentions if m.source != "repeat" and m.text[:1].isupper()}
    covered = [(m.start, m.end) for m in mentions]
    for match, span in occurrences(doc, names, full_text):
        if any(s < match.end and match.start < e for s, e in covered) \
                or any(t.i in other_names for t in span) \
                or _inside_other_name(doc, span.start, span.end, persons, gazetteer):
            continue
        first = names[match.name]
        mentions.append(PlaceMention(match.start, match.end, match.name,
                                     first.candidates, "repeat", token=span.start))
    mentions.sort(key=lambda m: m.start)
    _link_containers(full_text, mentions)
    _mark_datelines(full_text, mentions)
    return mentions, demonyms


def _place_label(ent_label: str, span: Span, place_texts: set[str], persons: set[str],
                 gazetteer: Gazetteer) -> str:
    """NER's label of a span, or GPE where the name is a place all the same: one label per
    surface form (tagged as a place elsewhere in the article), a first-level area or a
    town that NER called an organisation or a person."""
    label = "GPE" if ent_label in {"ORG", "PERSON"} and strip_possessive(span.text) in \
        place_texts and strip_possessive(span.text) not in persons else ent_label
    if label == "ORG" and _names_an_area(strip_possessive(span.text), gazetteer):
        label = "GPE"  # "Nord-Kivu" tagged as an organisation is the province
    if label in {"ORG", "PERSON", "PRODUCT"} and _names_a_town(span, label, gazetteer,
                                                               persons):
        label = "GPE"  # "a Calgary school", "born in Lincoln" tagged otherwise
    if (label in {"ORG", "PERSON", "FAC"} or (
            label == "NORP" and gazetteer.demonym(name_key(span.text)) is None)) and (
            _after_kind_of_place(span, gazetteer.candidates(strip_possessive(span.text)))
            or _before_place_noun(span, gazetteer.candidates(span.text))
            or _coded_area(span, label, gazetteer)
            or _named_as_division(span, gazetteer)):
        label = "GPE"
    return label


#: Nouns of kinds of places before "of" that make the name after them a place of that
#: kind ("the island of Java", "the state of Texas", "the town of Lincoln").
KIND_OF_PLACE = {
    "island": BROAD_FEATURES | {"admin", "admin2", "city"}, "state": {"admin1", "country"},
    "province": {"admin1", "admin"}, "region": BROAD_FEATURES | {"admin"},
    "county": {"admin2"}, "parish": {"admin2"}, "city": {"city"}, "town": {"city"},
    "village": {"city"}, "port": {"city"}, "capital": {"city"}, "suburb": {"city"},
    "country": {"country"}, "republic": {"country"}, "kingdom": {"country"},
    "emirate": {"admin1", "country"}, "district": {"admin", "admin1", "admin2"},
    "territory": BROAD_FEATURES | {"admin"}, "governorate": {"admin1", "admin"},
    "prefecture": {"admin1", "admin"}}
#: Last words of names of US counties and their kind ("Grant County", "St. Bernard Parish").
DIVISION_WORDS = {"county", "parish", "borough"}


#: Words of a town's or county's own bodies, right after its name ("Salem police"); not
#: "Department" alone, as "Commerce Department" is a ministry, not Commerce, Texas.
LOCAL_BODY_WORDS = frozenset({"police", "sheriff", "coroner", "council", "fire", "ems", "jail",
                              "detention", "corrections", "mayor", "township", "borough"})


def _governed_place(span: Span, gazetteer: Gazetteer
                    ) -> tuple[Span, tuple[Candidate, ...]] | None:
    """The place at the start of an organisation that is its own body, with candidates.

    The longest run of up to four capitalised words at the start of `span` that is a
    place's own name (a county's, or a town's) and that a local body word follows, inside
    the organisation or right after it; or a county's or parish's name ("Grant County
    Detention Center"). None when the organisation is not the place's ("Ohio State
    University") or the run is a common word ("Justice Department").
    """
    doc = span.doc
    if cues.organisation_is_foreign_to_place(span):
        return None
    for end in range(min(span.end, span.start + 4), span.start, -1):
        run = doc[span.start:end]
        if not all(t.text[:1].isupper() and t.is_alpha for t in run) \
                or (len(run) == 1 and cues.common_word(run.text)):
            continue
        found = tuple(c for c in gazetteer.candidates(run.text) if c.kind != ALTERNATE
                      and name_key(c.place.name) == name_key(run.text))
        if not found:
            continue
        division = run[-1].lower_ in DIVISION_WORDS and any(
            c.place.feature == "admin2" for c in found)
        body = end < len(doc) and cues._lower_word(doc[end]) in LOCAL_BODY_WORDS
        if division or (body and any(c.place.feature in {"city", "admin2"} for c in found)):
            return run, found
    return None


def _after_kind_of_place(span: Span, candidates: tuple[Candidate, ...]) -> bool:
    """"the island of Java" (NER: a person), "the village of Ashby" (no tag): a name
    after "<kind of place> of" is a place of that kind by one of its names."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ != "of" \
            or not doc[span.start - 2].is_lower:
        return False
    kinds = KIND_OF_PLACE.get(doc[span.start - 2].lower_) \
        or KIND_OF_PLACE.get(doc[span.start - 2].lemma_.lower())  # "villages of"
    return bool(kinds) and any(c.kind != ABBREVIATION and c.place.feature in kinds
                               for c in candidates)


#: Lower-case nouns after a name that make it a place ("Talavera farms", "Dadaab camps").
PLACE_NOUNS_AFTER = frozenset({
    "district", "province", "county", "region", "township", "village", "town", "city",
    "municipality", "prefecture", "governorate", "suburb", "camp", "camps", "farm", "farms",
    "racecourse", "airport", "area"})


def _before_place_noun(span: Span, candidates: tuple[Candidate, ...]) -> bool:
    """"Chester farms", "the Harlow district": a name before a lower-case noun of a kind
    of place is a place, when the gazetteer has a town or area by that own name."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].is_lower \
        and doc[span.end].lower_ in PLACE_NOUNS_AFTER and any(
            c.kind != ALTERNATE and name_key(c.place.name) == name_key(span.text)
            and c.place.feature in {"city", "admin", "admin1", "admin2", "region"}
            for c in candidates)


def _coded_area(span: Span, label: str, gazetteer: Gazetteer) -> bool:
    """"DRC", "NSW" tagged as an organisation: a code of three or four capitals that is a
    first-level area's abbreviation or a country's usual short name, in running (not
    capitalised) text."""
    text = strip_possessive(span.text)
    if label != "ORG" or len(span) != 1 or not text.isalpha() or not text.isupper() \
            or not 3 <= len(text) <= 4 or span.sent.text.isupper():
        return False
    alias = name_key(text) in COUNTRY_ALIASES  # "DRC", "UAE"; not an ISO code ("MAC", "UGA")
    return any(c.kind == ABBREVIATION and (c.place.feature == "admin1" or (
        alias and c.place.feature == "country")) for c in gazetteer.candidates(text))


def _named_as_division(span: Span, gazetteer: Gazetteer) -> bool:
    """"Jefferson Parish" tagged as a person: a name that ends in "County", "Parish" or
    "Borough" and that the gazetteer has as such."""
    text = strip_possessive(span.text)
    return len(span) > 1 and span[-1].lower_ in DIVISION_WORDS and any(
        c.place.feature == "admin2" for c in gazetteer.candidates(text))


#: The token after a word that `_hyphen_compound` or `_dotted_abbreviation` needs.
_JOINERS_AFTER = frozenset({"-", "‐", "."})


def run_text(texts: list[str], spaces: list[str], start: int, end: int) -> str:
    """`doc[start:end].text` from the tokens' texts and trailing spaces, without making the
    span (`texts`, `spaces`: each token's `text` and `whitespace_`)."""
    return "".join(texts[k] + spaces[k] for k in range(start, end - 1)) + texts[end - 1]


_ELIDED = re.compile(r"[dl][’'][A-Z]")


def _missed_runs(doc: Doc, gazetteer: Gazetteer, taken: set[int], other_names: set[int],
                 add: Callable[[Span, str, tuple[Candidate, ...]], None]) -> None:
    """Recognition step 2: runs of capitalised words that NER missed and the gazetteer
    knows, longest first (and hyphenated or dotted names), each passed to `add`."""
    table = token_table(doc)
    texts, spaces = table.texts, table.spaces
    capital = [text[:1].isupper() for text in texts]
    # A run of a name: capitalised words, or the "of", "de", "del" inside one, or a French
    # elided article before a capital ("d’Alene", "d'Ivoire").
    in_run = [upper or lower in {"of", "de", "del"} or bool(_ELIDED.match(text))
              for upper, lower, text in zip(capital, table.lowers, texts, strict=True)]

    i, size_of_doc = 0, len(texts)
    while i < size_of_doc:
        if i in taken or not capital[i]:
            i += 1
            continue
        # Both need a hyphen or a dot right after the word: other words skip them unread.
        compound = None if i + 1 >= len(texts) or texts[i + 1] not in _JOINERS_AFTER else \
            _hyphen_compound(doc, i, gazetteer) or _dotted_abbreviation(doc, i, i + 1, gazetteer)
        if compound is not None and not any(t.i in taken or t.i in other_names
                                            for t in compound[0]):
            add(compound[0], "gazetteer", compound[1])
            i = compound[0].end
            continue
        for size in (4, 3, 2, 1):
            if i + size > size_of_doc or not taken.isdisjoint(range(i, i + size)):
                continue
            if not all(in_run[i:i + size]):
                continue
            candidates = gazetteer.candidates(run_text(texts, spaces, i, i + size))
            if not candidates:
                continue
            span = doc[i:i + size]
            after_comma = i >= 2 and texts[i - 1] == "," and i - 2 in taken
            if _worth_taking(span, candidates, after_comma, other_names, gazetteer):
                add(span, "gazetteer", candidates)
                i += size - 1
                break
        i += 1


#: "<place>-based", "<place>-led": a place name joined to a participle in one token.
_AFFIXED = re.compile(r"([A-Z][\w.'’]*)[-‐](?:based|led|backed|born|bred|owned|run|funded|"
                      r"brokered|sponsored|supported|controlled|held|occupied|made|bound)")


def _affixed_names(doc: Doc, gazetteer: Gazetteer, taken: set[int]) -> list[PlaceMention]:
    """Place names inside single tokens such as "U.S.-led" or "Iran-backed": a country's,
    first-level area's or large town's name before the hyphen."""
    found = []
    table = token_table(doc)
    for i, text in enumerate(table.texts):
        match = _AFFIXED.fullmatch(text)
        if match is None or i in taken:
            continue
        candidates = gazetteer.candidates(match.group(1))
        if _is_area(candidates) and any(
                c.kind != ALTERNATE or c.place.feature in BROAD_FEATURES for c in candidates):
            start = table.starts[i]
            found.append(PlaceMention(start, start + len(match.group(1)),
                                      match.group(1), candidates, "gazetteer", token=i))
            taken.add(i)
    return found


def _town_before_its_area(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """"Ada, Oklahoma", "HOLLIDAY, Mo.", "Wainwright, Alta.": a name followed by a comma and
    the first-level area (or country) that one of its towns lies in is that town, even
    when it is also a first name."""
    if end + 1 >= len(doc) or doc[end].text != "," or "\n" in doc[end].whitespace_:
        return False
    towns = [c.place for c in gazetteer.candidates(doc[start:end].text)
             if c.place.feature == "city" and c.kind != ALTERNATE]
    if not towns:
        return False
    for size in (3, 2, 1):
        after = doc[end + 1:end + 1 + size]
        if len(after) < size or not after[0].text[:1].isupper():
            continue
        text = after.text + ("." if after.end < len(doc) and doc[after.end].text == "."
                             and not after.text.endswith(".") else "")
        for candidate in gazetteer.candidates(text) or gazetteer.candidates(after.text):
            area = candidate.place
            if area.feature == "admin1" and any(
                    t.admin1 == area.name and t.country == area.country for t in towns):
                return True
            if area.feature == "country" and any(t.country == area.country for t in towns):
                return True
    return False


def _inside_other_name(doc: Doc, start: int, end: int, persons: set[str],
                       gazetteer: Gazetteer) -> bool:
    """Whether tokens `start:end` are part of a person's, organisation's or title's name."""
    if _town_before_its_area(doc, start, end, gazetteer):
        return False
    if cues.title_abbreviation(doc, start, end) or cues.beside_person(doc, start, end) \
            or cues.peerage_title(doc, start):
        return True
    if cues.given_name_before_surname(doc, start, end, lambda word: _is_area(
            gazetteer.candidates(word))) or cues.given_name_speaking(doc, start, end):
        return True
    if cues.organisation_tail(doc, end) or cues.institution_before(doc, start):
        return True
    if cues.direction_alone(doc, start, end) or cues.after_clock(doc, start) \
            or cues.currency_code(doc, start, end):
        return True
    if cues.followed_by(doc, end, cues.TIME_ZONE_WORDS | cues.COMMODITY_WORDS) or (
            cues.followed_by(doc, end, cues.DISEASE_WORDS) and not any(
                c.place.feature == "country" for c in gazetteer.candidates(doc[start:end].text))):
        return True
    if end - start == 1 and doc[start].text.capitalize() in persons | {
            w.capitalize() for w in persons}:
        # A word of a person's name elsewhere in the article: that person, unless the
        # text puts it where a place goes ("fled to Jordan") and it names a place at all.
        return not cues.place_context(doc[start:end], PLACE_PREPOSITIONS) \
            or not gazetteer.candidates(doc[start].text)
    return False


def _shared_head(span: Span, gazetteer: Gazetteer) -> bool:
    """"Central and South America", "North and South Korea": modifiers joined by "and"
    before one place name, the last conjunct a name the gazetteer has."""
    words = [t.lower_ for t in span]
    if "and" not in words[1:-1]:
        return False
    last = len(words) - 1 - words[::-1].index("and")
    return bool(gazetteer.candidates(span[last + 1:].text))


def _head_candidates(span: Span, gazetteer: Gazetteer) -> tuple[Candidate, ...]:
    """Candidates of the place a longer unknown name is built on.

    "Yunnan province" and "Aomori Prefecture" name Yunnan and Aomori, "the Adriatic
    coast" the Adriatic; "Northern Gansu"
    and "South-Western Spokane" lie in Gansu and Spokane ("northern" before a name is
    part of the mention, see `_with_compass`); "City of Tacoma" is Tacoma; "North and
    South Korea", South Korea. Only names of areas or of towns of
    `GAZETTEER_MIN_POPULATION` people count, so that a stray word is no place.
    """
    i, j = span.start, span.end
    doc = span.doc
    while j - i > 1 and (doc[j - 1].lower_ in AREA_WORDS or doc[j - 1].lower_ in PART_OF_TOWN
                         or (doc[j - 1].lower_ in EDGE_WORDS and doc[j - 1].is_lower)):
        j -= 1
    if j - i > 2 and doc[i].lower_ in {"city", "town"} and doc[i + 1].lower_ == "of":
        i += 2
    while j - i > 1 and (doc[i].lower_ in COMPASS or doc[i].text in {"-", "‐"}
                         or doc[i].lower_ in {"and", "&"}):
        i += 1
    for start in range(i, j):  # the whole rest first, then its tail ("South Korea")
        tail = start > i
        if tail and (not doc[start].text[:1].isupper() or any(
                t.lower_ in GENERIC_AREA_WORDS or t.lower_ in AREA_WORDS for t in doc[start:j])):
            continue
        found = gazetteer.candidates(strip_possessive(doc[start:j].text))
        if any((c.kind != ALTERNATE or c.place.feature in {"water", "region"}) and (
                c.place.feature in BROAD_FEATURES or (
                not tail and c.place.feature in {"admin", "admin2"})
                or c.place.population >= GAZETTEER_MIN_POPULATION) for c in found):
            return found
    return ()


def _hyphen_compound(doc: Doc, i: int, gazetteer: Gazetteer
                     ) -> tuple[Span, tuple[Candidate, ...]] | None:
    """A hyphenated name at token `i` ("Nord-Trøndelag") and its candidates.

    The whole name's own entries if it has any, else those of the first-level area it is
    built on (its last part), so that neither part is read as a place of its own.
    """
    if i + 2 >= len(doc) or doc[i + 1].text not in {"-", "‐"} or doc[i].whitespace_ \
            or doc[i + 1].whitespace_ or not doc[i + 2].text[:1].isupper() \
            or not doc[i].is_alpha or not doc[i + 2].is_alpha:
        return None
    span = doc[i:i + 3]
    found = gazetteer.candidates(span.text)
    if found:
        return (span, found) if _is_area(found) else None
    head = tuple(c for c in gazetteer.candidates(doc[i + 2].text)
                 if c.kind != ALTERNATE and c.place.feature in {"admin1", "admin"})
    return (span, head) if head else None


def _dotted_abbreviation(doc: Doc, start: int, end: int, gazetteer: Gazetteer
                         ) -> tuple[Span, tuple[Candidate, ...]] | None:
    """"Thompson, Man.": a one-word name after a comma whose dot the tokenizer split off,
    when the dotted form is an area's abbreviation; the span with the dot, its candidates."""
    if end - start != 1 or end >= len(doc) or doc[end].text != "." or doc[start].whitespace_ \
            or start < 2 or doc[start - 1].text != ",":
        return None
    span = doc[start:end + 1]
    found = tuple(c for c in gazetteer.candidates(span.text) if c.kind == ABBREVIATION)
    return (span, found) if found else None


def _names_a_town(span: Span, label: str, gazetteer: Gazetteer, persons: set[str]) -> bool:
    """Whether a one-word organisation, person or product (NER's `label`; a trimmed span
    has none) is a town's own name.

    A town of `GAZETTEER_MIN_POPULATION` people counts as an organisation; a product
    before a noun for its residents; any town, and a person's name, only where the text
    puts a place ("born in Lincoln").
    """
    text = strip_possessive(span.text)
    if len(span) != 1 or text in persons or not text[:1].isupper() \
            or cues.common_word(text):
        return False  # "Congress", "Church", "King": the institution, not the town
    towns = [c.place for c in gazetteer.candidates(text) if c.kind != ALTERNATE
             and c.place.feature == "city" and name_key(c.place.name) == name_key(text)]
    if not towns:
        return False
    if label == "ORG" and max(t.population for t in towns) >= GAZETTEER_MIN_POPULATION:
        return True
    if label == "PRODUCT" and _resident_of(span):
        return True  # "a Temecula man" (NER: a product); "the new Durango" stays a car
    # "at Church", "of King": a town named like a word needs a stronger cue
    return cues.place_context(span, STRONG_PLACE_PREPOSITIONS, weak=False)



#: Nouns for the people of a town after its name: "a Temecula man", "two Fresno teens".
RESIDENT_NOUNS = frozenset({"man", "woman", "men", "women", "boy", "girl", "teen", "teens",
                            "teenager", "resident", "residents", "family", "couple",
                            "native", "mother", "father", "student", "students"})


def _resident_of(span: Span) -> bool:
    """A name right before a lower-case noun for its residents ("a Temecula woman")."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].is_lower \
        and doc[span.end].text in RESIDENT_NOUNS


def _names_an_area(text: str, gazetteer: Gazetteer) -> bool:
    """Whether `text` is the own name (not another name) of a country or first-level area."""
    return any(c.kind != ALTERNATE and c.place.feature in {"country", "admin1"}
               and name_key(c.place.name) == name_key(text)
               for c in gazetteer.candidates(text))


def _is_area(candidates: tuple[Candidate, ...]) -> bool:
    """Whether some candidate is an area or a town of `GAZETTEER_MIN_POPULATION` people."""
    return any(c.place.feature in BROAD_FEATURES or c.place.feature in {"admin", "admin2"}
               or c.place.population >= GAZETTEER_MIN_POPULATION for c in candidates)


#: Lower-case words inside place names ("Rio Grande do Sul", "Trinidad and Tobago").
NAME_CONNECTORS = {"do", "da", "de", "del", "du", "des", "of", "and"}


def _extended(span: Span, gazetteer: Gazetteer, most: int = 2) -> Span:
    """`span` with capitalised words beside it that NER left out, when the whole is a name.

    "DR" + "Congo", "North" + "Sumatra", "Matabeleland" + "North", "Ras" + "Tanura": up to
    `most` words on either side, outside any other entity, longest name first; on the
    right also after a lower-case word of a name ("Mato Grosso" + "do Sul"); the whole
    must be an area, a large town or the own name of a place.
    """
    doc = span.doc

    def free(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].ent_iob_ == "O" and doc[i].text[:1].isupper() \
            and doc[i].is_alpha and doc[i].pos_ == "PROPN"

    def rights() -> list[int]:
        """How many tokens each right extension takes."""
        plain = [r for r in range(1, most + 1) if all(free(span.end + k) for k in range(r))]
        after = span.end
        if after < len(doc) and doc[after].ent_iob_ == "O" and doc[after].is_lower \
                and doc[after].lower_ in NAME_CONNECTORS:
            plain += [1 + r for r in range(1, most + 1)
                      if all(free(after + 1 + k) for k in range(r))]
        return [0, *plain]

    options = []
    for left in range(most + 1):
        if left and not free(span.start - left):
            break
        for right in rights():
            if left or right:
                options.append((left + right, left, right))
    for _, left, right in sorted(options, reverse=True):
        wider = doc[span.start - left:span.end + right]
        found = gazetteer.candidates(strip_possessive(wider.text))
        if _is_area(found) or any(c.kind != ALTERNATE for c in found):
            return wider
    return span


def _joined_entities(doc: Doc, gazetteer: Gazetteer) -> list[tuple[str, Span]]:
    """The entities as (label, span), with a place name NER split in two joined again.

    "Democratic Republic" + "of" + "Congo", "the Democratic Republic of the" + "Congo": two
    place entities with nothing but "of"/"the" between them become one when the whole
    run is a gazetteer name.
    """
    ents = list(doc.ents)
    out: list[tuple[str, Span]] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        if i + 1 < len(ents) and ent.label_ in PLACE_LABELS and ents[i + 1].label_ in PLACE_LABELS \
                and all(t.lower_ in {"of", "the"} for t in doc[ent.end:ents[i + 1].start]):
            joined = _trim(doc[ent.start:ents[i + 1].end])
            if joined is not None and any(
                    c.place.feature in BROAD_FEATURES for c in
                    gazetteer.candidates(strip_possessive(joined.text))):
                out.append((ent.label_, joined))
                i += 2
                continue
        out.append((ent.label_, ent))
        i += 1
    return out


def _worth_taking(span: Span, candidates: tuple[Candidate, ...], after_comma: bool,
                  other_names: set[int], gazetteer: Gazetteer) -> bool:
    """Whether a proper-noun run NER did not tag is a place name."""
    doc = span.doc
    whole_entity = doc[span.start].ent_iob_ == "B" and (
        span.end == len(doc) or doc[span.end].ent_iob_ != "I")
    if (whole_entity or not any(t.i in other_names for t in span)) \
            and _town_before_its_area(doc, span.start, span.end, gazetteer):
        return True  # "Ada, Oklahoma" (NER: a person)
    if _opens_dateline(span) and any(c.kind != ALTERNATE and c.place.feature == "city"
                                     for c in candidates):
        return True  # "WINSTED — Mayor …": a town of any size, whatever NER called it
    if any(t.i in other_names for t in span):
        # NER called it a person or organisation: a town after a place preposition
        # ("fled to Kherson") or a whole country or state name still wins.
        before = span.doc[span.start - 1].lower_ if span.start else ""
        if before in PLACE_PREPOSITIONS and len(span) == len(span.doc[span.start:span.end]) \
                and any((c.kind != ALTERNATE or (len(span) > 1 and c.place.feature in {
                    "country", "admin1"})) and (c.place.feature in BROAD_FEATURES or
                        c.place.population >= GAZETTEER_MIN_POPULATION) for c in candidates):
            return True  # also a country's other name of two words or more ("in Côte d’Ivoire")
        whole = len(span) == len(span.doc[span.start:span.end])
        if after_comma and whole and len(span) > 1 and any(
                c.place.feature in {"country", "admin1"} for c in candidates):
            return True  # "Abidjan, Ivory Coast": a container NER called an organisation
        return any(c.place.feature in {"country", "admin1"} and c.kind != ALTERNATE
                   and name_key(c.place.name) == name_key(span.text) for c in candidates) \
            and whole
    if len(span) == 1 and span.end < len(doc) and doc[span.end].lower_ in cues.PORTFOLIO_TITLES \
            and not _names_an_area(span.text, gazetteer):
        return False  # "Trade Minister", also after a comma: a portfolio, not a town
    if after_comma:
        return True
    if _after_kind_of_place(span, candidates) or _before_place_noun(span, candidates):
        return True
    if len(span) == 1 and span[0].is_sent_start and span[0].pos_ != "PROPN":
        return False
    if span[0].pos_ not in {"PROPN"} and not span.text.endswith("."):
        return False
    # Other names of areas count when they are longer than one word ("North Sumatra").
    return any((c.kind != ALTERNATE or (len(span) > 1 and c.place.feature in BROAD_FEATURES))
               and (c.place.feature in BROAD_FEATURES
                    or c.place.population >= GAZETTEER_MIN_POPULATION) for c in candidates)


def _opens_dateline(span: Span) -> bool:
    """A name in capitals opening a line, before a dash or "(", perhaps after a date
    ("SPOKANE —", "TACOMA (AP)", "OSLO, March 3 (Reuters) -")."""
    doc = span.doc
    if not span.text.isupper() or len(span.text) < 3 or span.end >= len(doc):
        return False
    tail = span[-1].whitespace_ + doc[span.end:min(len(doc), span.end + 8)].text
    if not _DATELINE_AFTER.match(tail):
        return False
    return span.start == 0 or "\n" in doc[span.start - 1].text_with_ws \
        or (doc[span.start - 1].is_space and "\n" in doc[span.start - 1].text)


#: What follows a dateline's town: its area or country, a date ("May 3", "Jan. 14"),
#: then the agency in brackets or a dash.
_DATELINE_AFTER = re.compile(
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?"
    r"(?:,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?"
    r"\s*(?:\(|[-—–]{1,2}\s)")


def _mark_datelines(text: str, mentions: list[PlaceMention]) -> None:
    """Names that open a line as a dateline: "SPOKANE —", "Tacoma (AP)"."""
    for mention in mentions:
        line_start = text.rfind("\n", 0, mention.start) + 1
        if text[line_start:mention.start].strip():
            continue
        letters = [ch for ch in mention.text if ch.isalpha()]
        shouting = len(letters) > 2 and all(ch.isupper() for ch in letters)
        if shouting or _DATELINE_AFTER.match(text, mention.end):
            mention.dateline = True


_LIST_GOES_ON = re.compile(r",?\s*(?:(?:and|or)\s+)?(?:the\s+)?$", re.IGNORECASE)


def _link_containers(text: str, mentions: list[PlaceMention]) -> None:
    """"Paris, Texas": the second name is the first one's container; not in a list of
    areas ("Vermont, Ohio and Utah"), where a first name that is an area is one of them."""
    for index, (first, second) in enumerate(pairwise(mentions)):
        between = text[first.end:second.start]
        if between.strip() != "," or len(between) > 3:
            continue
        after = mentions[index + 2] if index + 2 < len(mentions) else None
        if after is not None and after.start - second.end <= 10 \
                and _LIST_GOES_ON.fullmatch(text[second.end:after.start]) \
                and text[second.end:after.start].strip() \
                and any(c.place.feature in {"admin1", "country"} for c in first.candidates):
            continue
        first.container = second.text


# -- resolution ---------------------------------------------------------------------------


def prior(candidate: Candidate) -> float:
    """How likely a bare name means this place: feature type and population (log10)."""
    place = candidate.place
    pop = math.log10(max(place.population, 1))
    feature = place.feature
    if feature == "continent":
        score = 9.5
    elif feature == "country":
        score = max(pop, 6.0) + 2.5
    elif feature in {"region", "water"}:
        score = 8.0
    elif feature == "admin1":
        # An area without towns in the gazetteer gets a floor; one whose towns are known
        # ranks by them, so a parish of a few thousand does not beat a city of half a million.
        score = (pop if place.population > 0 else 5.0) + 1.0
    elif feature == "admin":
        score = 5.0
    elif feature == "admin2":
        score = 4.0 + 0.5 * pop
    else:
        score = pop + (2.5 if place.capital else 0.0)
    if candidate.kind == ALTERNATE and feature not in {"water", "region"}:
        score -= 1.5  # a sea's or region's short name ("Atlantic") is its usual name
    return score


def _contains(outer: GeoPlace, inner: GeoPlace) -> bool:
    if outer.feature == "country":
        return inner.country == outer.country and inner.id != outer.id
    if outer.feature in {"admin1", "admin"}:
        return inner.country == outer.country and inner.admin1 == outer.name \
            and inner.id != outer.id
    return False


def _enclosing_towns(parts: tuple[Candidate, ...], containers: tuple[Candidate, ...]
                     ) -> set[int]:
    """Ids of the container's towns that some reading of the contained name lies in.

    "Harlem, New York": a Harlem within `CITY_PART_KM` of the city of New York is one
    of its parts, so the container names the city, not the state.
    """
    found = set()
    for town in containers:
        place = town.place
        if place.feature != "city" or place.lat is None or place.lon is None:
            continue
        if any(p.place.id != place.id and p.place.feature == "city" and p.kind != ALTERNATE
               and p.place.lat is not None
               and haversine_km(p.place.lat, p.place.lon, place.lat, place.lon) < CITY_PART_KM
               for p in parts):
            found.add(place.id)
    return found


def resolve(mentions: list[PlaceMention], demonyms: list[DemonymRef] | None = None,
            rounds: int = 2) -> list[Reading]:
    """One reading per mention, all mentions of a name sharing it."""
    groups: dict[str, list[PlaceMention]] = defaultdict(list)
    for mention in mentions:
        groups[name_key(mention.text)].append(mention)
    containers: dict[str, list[Candidate]] = {}
    city_parts: dict[str, set[int]] = defaultdict(set)  # container key -> its towns' ids
    for key, group in groups.items():
        for mention in group:
            if mention.container:
                container_group = groups.get(name_key(mention.container))
                if container_group:
                    containers.setdefault(key, []).extend(container_group[0].candidates)
                    city_parts[name_key(mention.container)].update(
                        _enclosing_towns(mention.candidates, container_group[0].candidates))

    base: dict[str, list[tuple[GeoPlace, float]]] = {}
    for key, group in groups.items():
        seen: dict[int, tuple[GeoPlace, float]] = {}
        for candidate in group[0].candidates:
            score = prior(candidate)
            if candidate.place.id not in seen or seen[candidate.place.id][1] < score:
                seen[candidate.place.id] = (candidate.place, score)
        # A city named like the area it lies in ("Aleppo", "New York") is what a bare
        # name most often means.
        areas = {(p.country, p.name) for p, _ in seen.values() if p.feature == "admin1"}
        for pid, (place, score) in list(seen.items()):
            if place.feature == "city" and (place.country, place.admin1) in areas \
                    and name_key(place.admin1 or "") == name_key(place.name):
                seen[pid] = (place, score + 1.5)
        _seat_over_district(seen)
        if any(m.council for m in group):  # "Ashdale Council": the council's area
            for pid, (place, score) in list(seen.items()):
                if place.feature in {"admin", "admin2"}:
                    seen[pid] = (place, score + COUNCIL_BONUS)
        if any(m.dateline for m in group):  # datelines name towns
            for pid, (place, score) in list(seen.items()):
                if place.feature == "city":
                    seen[pid] = (place, score + DATELINE_BONUS)
        ranked = []
        for place, score in seen.values():
            if any(_contains(c.place, place) for c in containers.get(key, ())):
                score += 6.0
            if place.id in city_parts.get(key, ()):  # "Harlem, New York": the city
                score += CITY_PART_BONUS
            ranked.append((place, score))
        base[key] = sorted(ranked, key=lambda pair: -pair[1])

    scored = base
    for round_ in range(rounds):
        # In the first round only a name whose reading is clear votes for the others: two
        # uncertain first guesses (two towns, each read in the same wrong state) must not confirm
        # each other before the article's countries have been heard.
        best = {key: ranked[0][0] for key, ranked in scored.items()
                if ranked and (round_ or _clear(ranked))}
        scored = {key: _with_context(key, ranked, best, groups, demonyms or [])
                  for key, ranked in base.items()}

    readings = []
    for mention in mentions:
        ranked = scored[name_key(mention.text)]
        if not ranked:
            readings.append(Reading(mention, None, None, [], True))
            continue
        top, score = ranked[0]
        margin = score - ranked[1][1] if len(ranked) > 1 else 99.0
        readings.append(Reading(mention, top, round(score, 3), ranked[:3], margin < LOW_MARGIN))
    return readings


SEAT_KM = 60.0


def _clear(ranked: list[tuple[GeoPlace, float]]) -> bool:
    """Whether a name's best reading leads its next one by `LOW_MARGIN` or more."""
    return len(ranked) < 2 or ranked[0][1] - ranked[1][1] >= LOW_MARGIN


def _seat_over_district(seen: dict[int, tuple[GeoPlace, float]]) -> None:
    """An uncoded area of unknown size named like a town at its centre ("Jenin", the
    governorate and its seat) ranks just below that town: the bare name means the town."""
    towns = [(p, s) for p, s in seen.values() if p.feature == "city" and p.lat is not None]
    for pid, (area, score) in list(seen.items()):
        if area.feature != "admin" or area.population or area.lat is None:
            continue
        seats = [s for p, s in towns if p.country == area.country
                 and haversine_km(p.lat, p.lon, area.lat, area.lon) < SEAT_KM]
        if seats and max(seats) < score:
            seen[pid] = (area, max(seats) - 0.1)


def _with_context(key: str, ranked: list[tuple[GeoPlace, float]], best: dict[str, GeoPlace],
                  groups: dict[str, list[PlaceMention]], demonyms: list[DemonymRef]
                  ) -> list[tuple[GeoPlace, float]]:
    """Re-score one name's candidates by what the article's other names point to."""
    countries: Counter = Counter()
    areas: Counter = Counter()
    siblings: Counter = Counter()  # first-level areas named, by country
    inside: Counter = Counter()  # places named inside each first-level area
    anchors: list[GeoPlace] = []
    nations = set()  # the other countries named
    for other, place in best.items():
        if other == key:
            continue
        if place.feature == "country":
            nations.add(place.id)
        weight = len(groups[other])
        if place.country:
            countries[place.country] += weight * (2 if place.feature == "country" else 1)
        if place.feature in {"admin1", "admin"}:
            areas[place.country, place.name] += weight
            siblings[place.country] += 1
        elif place.admin1:
            areas[place.country, place.admin1] += 0.5 * weight
            inside[place.country, place.admin1] += 1
        if place.feature in {"city", "admin", "admin2", "region"} and place.lat is not None:
            anchors.append(place)
    for ref in demonyms:
        countries[ref.country.country] += 1
    # A village named like a known city needs an explicit cue ("Fairview, W.Va.", a
    # dateline) or a story about its own area; a town elsewhere in the article is not one.
    explicit = any(m.container or m.dateline for m in groups[key])
    largest = 0 if explicit else max(
        (p.population for p, _ in ranked if p.feature == "city"), default=0)
    out = []
    for place, score in ranked:
        votes = countries.get(place.country, 0)
        if votes:
            score += 1.5 + 0.5 * math.log2(1 + votes)
        if _dwarfed(place, largest) and not _main_area(place, areas):
            out.append((place, score))  # no local cue lifts a village over a known city
            continue
        if place.feature != "admin1" and areas.get((place.country, place.admin1)):
            score += 1.5
        if place.feature == "country" and len(nations) >= NATIONS_FOR_BONUS:
            # "Armenia, Moldova and Georgia": among many countries a name is a country too
            score += SIBLING_BONUS + 0.5 * math.log2(len(nations))
        if place.feature == "admin1":
            # "Oregon, Idaho and Washington": a name among other states is a state too;
            # so is the state the article's towns lie in.
            if siblings.get(place.country):
                score += SIBLING_BONUS + 0.5 * math.log2(siblings[place.country])
            if inside.get((place.country, place.name)):
                score += 1.5
        if place.feature in {"city", "admin", "admin2"} and place.lat is not None and anchors:
            near = min(haversine_km(place.lat, place.lon, a.lat, a.lon) for a in anchors
                       if a.id != place.id) if any(a.id != place.id for a in anchors) else 1e9
            if near < 50:
                score += 2.0
            elif near < 300:
                score += 1.0
        out.append((place, score))
    return sorted(out, key=lambda pair: -pair[1])


def _dwarfed(place: GeoPlace, largest: int) -> bool:
    """A town with under 10% of the people of a namesake city of `DWARFING_CITY` or more."""
    return place.feature == "city" and largest >= DWARFING_CITY \
        and place.population * 10 < largest


def _main_area(place: GeoPlace, areas: Counter) -> bool:
    """Whether the place's first-level area has most of the article's area votes in its
    country: a local story, not one that names towns of several states."""
    own = areas.get((place.country, place.admin1), 0)
    total = sum(n for (country, _), n in areas.items() if country == place.country)
    return own > 0 and own * 2 > total


# -- descriptions ------------------------------------------------------------------------


def descriptions(doc: Doc, readings: list[Reading], text: str | None = None
                 ) -> list[Reading]:
    """"the enclave", "the crowded northern port": the latest fitting named place."""
    named = sorted((r for r in readings if r.place is not None), key=lambda r: r.mention.start)
    taken = {(r.mention.start, r.mention.end) for r in readings}
    found = []
    text = doc_text(doc) if text is None else text
    for i, lemma in enumerate(token_table(doc).folded_lemmas):
        fits = DESCRIPTIONS.get(lemma)
        if fits is None:
            continue
        token = doc[i]
        if token.pos_ != "NOUN" or token.dep_ == "compound" \
                or token.tag_ not in {"NN"}:
            continue
        left = list(token.lefts)
        if not left or left[0].lower_ != "the" or any(
                t.pos_ in {"PROPN", "NUM"} or t.dep_ in {"poss", "compound"} for t in left):
            continue
        if any(child.dep_ == "prep" and child.lower_ == "of" for child in token.rights):
            continue  # "the city of Kherson" names its place itself
        start = left[0].idx
        end = token.idx + len(token.text)
        if any(s < end and start < e for s, e in taken):
            continue
        earlier = [r for r in named if r.mention.start < start and r.place is not None]
        referent = next((r for feature in fits for r in reversed(earlier)
                         if r.place.feature == feature), None)
        if referent is None:
            continue
        mention = PlaceMention(start, end, text[start:end], (), "description", token=token.i)
        found.append(Reading(mention, referent.place, referent.score, referent.ranked,
                             referent.low_confidence, kind="description"))
    return found


def find_places(doc: Doc, gazetteer: Gazetteer) -> Found:
    """Recognise, resolve and link every place of a parsed text."""
    from newsgraph.geo.senses import city_or_area

    text = doc_text(doc)
    mentions, demonyms = recognise(doc, gazetteer, text)
    readings = resolve(mentions, demonyms)
    city_or_area(doc, readings, text)
    readings.extend(descriptions(doc, readings, text))
    readings.sort(key=lambda r: r.mention.start)
    return Found(readings, demonyms)
