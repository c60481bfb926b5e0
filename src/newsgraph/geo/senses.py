"""Which of a name's places each mention means, when one name is a city and its area.

"New York", "Mexico", "Quebec": the city and the first-level area (or country) around it
share a name, and one article can mean both ("floods in New York and Pennsylvania", "the
mayor's office in New York"). The article-wide reading stays the default; a mention
switches by what is written around it:

* a dateline ("NEW YORK (AFP) -") names the city; so does "the city of", where "the
  state of" or "the province of" names the area;
* a list with other first-level areas ("Ohio, New York and Vermont") the area;
* an article about the city (its mayor, boroughs, city hall, or a named place inside it)
  the city.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from newsgraph.geo.gazetteer import GeoPlace, haversine_km, name_key
from newsgraph.stages.doc_tables import sentence_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsgraph.geo.mentions import Reading

#: Words that only a town's own affairs bring up.
CITY_WORDS = re.compile(
    r"\b(?:mayor(?:'s|’s)?|mayoral|boroughs?|city hall|city council|city officials|"
    r"citywide|subway|city's|city’s)\b", re.IGNORECASE)
#: A named place this near the city is part of it ("Manhattan", "Harlem").
CITY_PART_KM = 25.0
AREA_FEATURES = {"admin1", "country"}


def _twins(reading: Reading) -> tuple[GeoPlace, GeoPlace] | None:
    """(city, area) when the reading is a city inside a same-named area, or that area."""
    places = [place for place, _ in reading.ranked]
    key = name_key(reading.mention.text)
    areas = [p for p in places if p.feature in AREA_FEATURES and name_key(p.name) == key]
    for area in areas:
        for city in places:
            if city.feature == "city" and city.country == area.country and (
                    area.feature == "country" or city.admin1 == area.name) \
                    and reading.place is not None and reading.place.id in {city.id, area.id}:
                return city, area
    return None


def _around(doc: Doc, text: str, start: int) -> str:
    """The text of the sentence at character `start` and the one before it."""
    token = doc[doc.char_span(start, start + 1, alignment_mode="expand").start] \
        if doc.has_annotation("SENT_START") and start < len(text) else None
    if token is None:
        return text[max(0, start - 300):start + 150]
    sentence = sentence_of(token)
    before = sentence_of(doc[sentence.start - 1]) if sentence.start else sentence
    return text[before.start_char:sentence.end_char]


def _area_word_after(text: str, end: int) -> bool:
    """"New York Gov. Andrew Cuomo", "New York State": the area's own office or name."""
    return re.match(r"\s+(?:Gov\.|Governor|State\b|state\b|Lt\. Gov|legislature|"
                    r"Legislature|Senate|Assembly)", text[end:end + 20]) is not None


#: "the city of São Paulo", "the state of New York": the kind of place is written out.
_KIND_BEFORE = re.compile(r"\b(?:(?P<city>city|town|capital)|state|province|region)\s+of\s*$",
                          re.IGNORECASE)


def _kind_written_before(text: str, start: int) -> str | None:
    """"city" or "area" when the words before the name say which it is, else None."""
    found = _KIND_BEFORE.search(text[max(0, start - 20):start])
    if found is None:
        return None
    return "city" if found.group("city") else "area"


def _listed_with_areas(reading: Reading, readings: list[Reading], text: str) -> bool:
    """"New York and Pennsylvania": next to another first-level area in a list."""
    for other in readings:
        if other is reading or other.place is None or other.place.feature != "admin1" \
                or name_key(other.mention.text) == name_key(reading.mention.text):
            continue
        lo, hi = sorted((reading.mention, other.mention), key=lambda m: m.start)
        between = text[lo.end:hi.start]
        if len(between) <= 6 and re.fullmatch(r"\s*(?:,|and|or|,\s*and|&)\s*", between):
            return True
    return False


def _about_the_city(city: GeoPlace, readings: list[Reading], nearby: str) -> bool:
    if CITY_WORDS.search(nearby):
        return True
    return any(r.place is not None and r.place.id != city.id and r.place.feature == "city"
               and r.place.lat is not None and city.lat is not None
               and name_key(r.mention.text) == name_key(r.place.name)  # its own name
               and name_key(r.place.name) != name_key(city.name)
               and haversine_km(r.place.lat, r.place.lon, city.lat, city.lon) < CITY_PART_KM
               for r in readings)


def city_or_area(doc: Doc, readings: list[Reading], text: str | None = None) -> None:
    """Set each mention of a city-and-area name to the one its context means (in place)."""
    text = doc.text if text is None else text
    for index, reading in enumerate(readings):
        if reading.place is None or reading.kind != "name":
            continue
        twins = _twins(reading)
        if twins is None:
            continue
        city, area = twins
        mention = reading.mention
        kind = _kind_written_before(text, mention.start)
        if mention.dateline or kind == "city":
            chosen = city
        elif kind == "area" or _listed_with_areas(reading, readings, text) \
                or _area_word_after(text, mention.end):
            chosen = area
        elif text[:mention.start].rstrip().endswith(","):
            continue  # "Bronx, New York": a container keeps the article's reading
        elif _about_the_city(city, readings, _around(doc, text, mention.start)):
            chosen = city
        else:
            continue
        if chosen.id != reading.place.id:
            score = next(s for p, s in reading.ranked if p.id == chosen.id)
            readings[index] = replace(reading, place=chosen, score=round(score, 3),
                                      low_confidence=True)
