"""GDELT Events 2.0: one tab-separated row of 61 columns per stored event.

Filled from our events: the date (the event's own day, else the article's),
actor codes (ISO-3 country + sector, e.g. `ISRGOV`), names, countries and
types, IsRootEvent (the article's main event, `Event.main`: the asserted act of the lead's
main clause, not its background or the reactions to it; for articles analysed before events
had one, the trigger in the lead paragraph), the CAMEO code with its
base and root codes, QuadClass (from the CAMEO root code) and the GoldsteinScale (the
CAMEO codebook's fixed value of the code, `events.goldstein`; the PLOVER type's
score when an event has no CAMEO code), NumMentions (the
sentences that report the event), the action geography from the event's place
(FIPS country codes as in GDELT; type 0 when the event has no resolved place), the actor
geography when the actor is itself a resolved place ("Israel"; else type 0), AvgTone (the
article's tone, `newsgraph.stages.tone`, as our rows have one article each; 0 without one),
DATEADDED (the 15-minute update, UTC, in which the store took the article in, as GDELT 2.0
stamps it; the export's own time for articles not read from a store) and SOURCEURL. The
sentences behind NumMentions are the rows of the Mentions table (`gdelt_mentions`). Negated
and hypothetical events ("no truce", "if they invade") are not written: a GDELT row states
that something happened or was threatened. GlobalEventID is a stable number derived from the
article id and the event's index. Like GDELT's files, the output
has no header row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO

from newsgraph.export import text_output
from newsgraph.export.gdelt import (
    added_stamp,
    article_day,
    clean,
    document_identifier,
    location_fields,
    number,
    parse_day,
)
from newsgraph.model import Article, Event, EventArgument, Place
from newsgraph.stages.events import goldstein
from newsgraph.stages.events.lexicon import intensity, quad_class

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{name}" for name in _ACTOR), *(f"Actor2{name}" for name in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{name}" for name in _GEO), *(f"Actor2Geo_{name}" for name in _GEO),
    *(f"ActionGeo_{name}" for name in _GEO), "DATEADDED", "SOURCEURL",
)
assert len(COLUMNS) == 61
#: The geography type GDELT writes when an actor or action has no place.
NO_PLACE = "0"


def event_id(article_id: str, index: int) -> int:
    """A stable GlobalEventID (below 2**60) for the `index`-th event of an article."""
    return int(hashlib.sha256(f"{article_id}:{index}".encode()).hexdigest()[:15], 16)


def _lead_end(text: str) -> int:
    """End of the lead paragraph: the first blank line, else the first line break."""
    body = len(text) - len(text.lstrip())
    for mark in ("\n\n", "\n"):
        found = text.find(mark, body)
        if found >= 0:
            return found
    return len(text)


def _root(article: Article, event: Event) -> bool:
    """GDELT's IsRootEvent: the article's main event; an article analysed before events had a
    salience order falls back to GDELT's own proxy, a trigger in the lead paragraph."""
    if event.salience is not None:
        return event.main
    return event.trigger.start < _lead_end(article.text)


def _actor(argument: EventArgument | None, names: dict[str, str]) -> dict[str, str]:
    if argument is None:
        return {}
    code = (argument.country or "") + (argument.sector or "")
    name = names.get(argument.entity or "") or argument.text
    return {"Code": clean(code), "Name": clean(name).upper(),
            "CountryCode": clean(argument.country), "Type1Code": clean(argument.sector)}


def _place(article: Article, name: str | None) -> Place | None:
    """The article's resolved place the event's `place` names (by name, then by text)."""
    if not name:
        return None
    for attribute in ("name", "text"):
        for place in article.places:
            if getattr(place, attribute) == name and location_fields(place):
                return place
    return None


def _fraction(day: date) -> str:
    """GDELT's FractionDate: the year plus ((month - 1) * 30 + day) / 365, as GDELT computes it
    (1 January 1979 is 1979.0027), not the exact day of the year."""
    return f"{day.year + ((day.month - 1) * 30 + day.day) / 365:.4f}"


def row(article: Article, index: int, event: Event, now: datetime | None = None) -> list[str]:
    """The 61 fields of one event (`now`: the export's time, for DATEADDED when the article
    was not read from a store)."""
    names = {entity.id: entity.name for entity in article.entities}
    added = added_stamp(article, now or datetime.now(UTC))
    # GDELT dates every event (clients such as gdelt-py require Day): without an event or
    # publish date, the day of the update that took the article in, as GDELT dates by its crawl.
    day = (parse_day(event.date) or article_day(article)
           or datetime.strptime(added[:8], "%Y%m%d").date())
    fields = dict.fromkeys(COLUMNS, "")
    fields["GlobalEventID"] = str(event_id(article.id, index))
    fields.update({"Day": day.strftime("%Y%m%d"), "MonthYear": day.strftime("%Y%m"),
                   "Year": str(day.year), "FractionDate": _fraction(day)})
    for number_, argument in ((1, event.actor), (2, event.target)):
        for key, value in _actor(argument, names).items():
            fields[f"Actor{number_}{key}"] = value
    cameo = clean(event.cameo)
    quad = goldstein.quad_class(event.cameo) or quad_class(event.type)
    scale = goldstein.goldstein(event.cameo)
    if scale is None:
        scale = intensity(event.type, event.mode)
    fields.update({
        "IsRootEvent": "1" if _root(article, event) else "0",
        "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2],
        "QuadClass": "" if quad is None else str(quad),
        "GoldsteinScale": number(scale, 1),
        "NumMentions": str(max(1, len(event.evidence))), "NumSources": "1",
        "NumArticles": "1",
        # GDELT always fills AvgTone and clients (gdelt-py) require it: 0 when not analysed.
        "AvgTone": number(article.tone.tone) if article.tone else "0",
        "DATEADDED": added,
        "SOURCEURL": document_identifier(article),
    })
    fields.update(_action_geo(article, event))
    for actor, argument in (("Actor1", event.actor), ("Actor2", event.target)):
        fields.update(_actor_geo(article, actor, argument))
    return [fields[column] for column in COLUMNS]


def _actor_geo(article: Article, prefix: str,
               argument: EventArgument | None) -> dict[str, str]:
    """The `prefix`Geo_ fields: the place the actor itself is (a country or city acting, as in
    "Israel said"), else type 0."""
    entity = argument.entity if argument else None
    place = next((place for place in article.places
                  if entity and place.entity == entity and location_fields(place)), None)
    geo = [clean(value) for value in location_fields(place)] if place else [NO_PLACE]
    return {f"{prefix}Geo_{key}": value for key, value in zip(_GEO, geo, strict=False)}


def _action_geo(article: Article, event: Event) -> dict[str, str]:
    """The ActionGeo_ fields: the resolved place, else type 0 (GDELT's "no place") with the
    place's name as written when the event names one we could not resolve."""
    place = _place(article, event.place)
    geo = location_fields(place) if place else None
    if geo:
        geo = [clean(value) for value in geo]
    else:
        geo = [NO_PLACE, clean(event.place), "", "", "", "", "", ""]
    return {f"ActionGeo_{key}": value for key, value in zip(_GEO, geo, strict=True)}


def asserted(article: Article) -> Iterator[tuple[int, Event]]:
    """(index, event) of each event the article asserts (not negated, not hypothetical): the
    events GDELT's tables hold, numbered as `event_id` numbers them."""
    for index, event in enumerate(article.events):
        if not (event.negated or event.hypothetical):
            yield index, event


def write(articles: Iterable[Article], output: Path | TextIO) -> int:
    """Write one row per asserted event of every article; the number of rows."""
    now = datetime.now(UTC)
    count = 0
    with text_output(output) as handle:
        for article in articles:
            for index, event in asserted(article):
                handle.write("\t".join(row(article, index, event, now)))
                handle.write("\n")
                count += 1
    return count
