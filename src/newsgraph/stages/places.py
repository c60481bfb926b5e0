"""The places stage: every place named or referred to, resolved offline to the map.

Reads the spaCy parse and the entities stage's token map; adds `article.places`: names,
descriptions ("the enclave") and group words ("Turkish", "Israelis": kind "group", placed at
their country). The work is in `newsgraph.geo.resolve`; the gazetteer index comes from the
runner's `Resources`, opened once per worker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from newsgraph.model import Place, PlaceCandidate

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsgraph.geo.gazetteer import Gazetteer
    from newsgraph.geo.mentions import DemonymRef, Found, Reading
    from newsgraph.model import Document
    from newsgraph.resources import Resources


def to_place(reading: Reading, entity: str | None = None) -> Place:
    """The article-JSON form of one resolved mention."""
    mention, place = reading.mention, reading.place
    candidates = [PlaceCandidate(name=p.name, geonameid=p.geonameid, lat=p.lat, lon=p.lon,
                                 country=p.country, admin1=p.admin1, feature=p.feature,
                                 score=round(score, 3))
                  for p, score in reading.ranked]
    if place is None:
        return Place(start=mention.start, end=mention.end, text=mention.text,
                     kind=reading.kind, entity=entity, low_confidence=True)
    return Place(
        start=mention.start, end=mention.end, text=mention.text, geonameid=place.geonameid,
        name=place.name, lat=place.lat, lon=place.lon, country=place.country,
        admin1=place.admin1 if place.feature not in {"country", "continent", "region", "water"}
        else None,
        feature=place.feature, geonames_name=place.geonames_name, adm1=place.adm1,
        kind=reading.kind, entity=entity, score=reading.score,
        low_confidence=reading.low_confidence, candidates=candidates)


def group_place(ref: DemonymRef, entity: str | None = None) -> Place:
    """The article-JSON form of a group word ("Turkish"): a place of kind "group" at its
    country, with the fields a name of that country gets."""
    country = ref.country
    return Place(
        start=ref.start, end=ref.end, text=ref.text, geonameid=country.geonameid,
        name=country.name, lat=country.lat, lon=country.lon, country=country.country,
        feature=country.feature, geonames_name=country.geonames_name, adm1=country.adm1,
        kind="group", entity=entity)


def make_places(resources: Resources) -> Callable[[Document], None]:
    """The places stage, with the places index."""
    gazetteer = resources.gazetteer
    return lambda document: add_places(document, gazetteer)


def add_places(document: Document, gazetteer: Gazetteer) -> None:
    """The places stage: fills `article.places`."""
    from newsgraph.geo.resolve import find_places

    found = find_places(document.doc, gazetteer)
    document.article.places.extend(places_of(document.doc, found, document.entity_of_token))


def places_of(doc: Doc, found: Found, entity_of_token: Mapping[int, str]) -> list[Place]:
    """The article's places, in text order: each resolved mention and each group word,
    linked to the entity of its first token. A group word may lie inside a description ("the
    Turkish capital": Ankara, and "Turkish": Turkey); a span already read as a name is not
    read again as a group word."""
    places = [to_place(reading, entity_of_token.get(reading.mention.token))
              for reading in found.places]
    named = {(p.start, p.end) for p in places}
    for ref in found.demonyms:
        if (ref.start, ref.end) in named:
            continue
        span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
        places.append(group_place(ref, entity_of_token.get(span.start) if span else None))
    return sorted(places, key=lambda p: p.start)
