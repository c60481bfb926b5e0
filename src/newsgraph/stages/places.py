"""The places stage: every place named or referred to, resolved offline to the map.

Reads the spaCy parse and the entities stage's token map; adds `article.places`. The work
is in `newsgraph.geo.resolve`; the gazetteer index comes from the runner's `Resources`,
opened once per worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from newsgraph.model import Place, PlaceCandidate

if TYPE_CHECKING:
    from newsgraph.geo.gazetteer import Gazetteer
    from newsgraph.geo.mentions import Reading
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


def make_places(resources: Resources) -> Callable[[Document], None]:
    """The places stage, with the places index."""
    gazetteer = resources.gazetteer
    return lambda document: add_places(document, gazetteer)


def add_places(document: Document, gazetteer: Gazetteer) -> None:
    """The places stage: fills `article.places`."""
    from newsgraph.geo.resolve import find_places

    found = find_places(document.doc, gazetteer)
    for reading in found.places:
        entity = document.entity_of_token.get(reading.mention.token)
        document.article.places.append(to_place(reading, entity))
