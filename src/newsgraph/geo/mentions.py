"""What the place resolver finds: place mentions, their readings and group words."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.geo.gazetteer import Candidate, GeoPlace


@dataclass
class PlaceMention:
    """A place name (or a phrase referring to one) in the text, with its candidates."""

    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...]
    source: str = "ner"
    """ner, gazetteer or repeat."""
    container: str | None = None
    """The name right after a comma ("Texas" in "Paris, Texas")."""
    token: int = 0
    dateline: bool = False
    """The name opens a line as a dateline ("SPOKANE (Reuters) -"): a town."""
    council: bool = False
    """The name comes before "Council" ("Ashdale Council"): a local authority's area."""


@dataclass
class Reading:
    """A resolved mention: the chosen place (or None) and its scored alternatives."""

    mention: PlaceMention
    place: GeoPlace | None
    score: float | None
    ranked: list[tuple[GeoPlace, float]] = field(default_factory=list)
    low_confidence: bool = False
    kind: str = "name"


@dataclass
class DemonymRef:
    """A group word ("Israeli") and the country it belongs to; not itself a place."""

    start: int
    end: int
    text: str
    country: GeoPlace


@dataclass
class Found:
    """What `find_places` found in one text."""

    places: list[Reading]
    demonyms: list[DemonymRef]
