"""Parquet: a folder with one table (`KIND.parquet`) per annotation kind, keyed by article id.

Tables: articles, entities, mentions, quotes, dates, amounts, places, events.
Every row of an annotation table carries `article_id` and, where the kind has
them, the `start`/`end` offsets into that article's `text`. Lists inside a row
(roles, authors, quote fragments, place candidates, event evidence) are kept
as Parquet lists or, for nested objects, as JSON text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsgraph.model import Article

#: Rows buffered per table before they are written as one row group.
FLUSH_ROWS = 5000

_STR, _INT, _BOOL, _FLOAT = pa.string(), pa.int64(), pa.bool_(), pa.float64()
_SPAN = [("start", _INT), ("end", _INT), ("text", _STR)]

#: The article's V2Tone numbers, as columns `tone_<name>` (null when not analysed for tone).
TONE_FIELDS = ("tone", "positive", "negative", "polarity", "activity", "self_group", "words")

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("article_id", _STR), ("url", _STR), ("title", _STR), ("published", _STR),
        ("site", _STR), ("authors", pa.list_(_STR)), ("language", _STR), ("text", _STR),
        ("canonical_url", _STR), ("duplicate_of", _STR), ("warnings", pa.list_(_STR)),
        ("versions", _STR), *((f"tone_{name}", _FLOAT) for name in TONE_FIELDS),
        ("tags", pa.list_(_STR)),
    ]),
    "entities": pa.schema([
        ("article_id", _STR), ("entity_id", _STR), ("name", _STR), ("type", _STR),
        ("roles", pa.list_(_STR)), ("anonymous", _BOOL), ("mentions", _INT),
    ]),
    "mentions": pa.schema([("article_id", _STR), ("entity_id", _STR), *_SPAN, ("kind", _STR)]),
    "quotes": pa.schema([
        ("article_id", _STR), ("quote_index", _INT), *_SPAN, ("direct", _BOOL),
        ("partial", _BOOL), ("speaker_entity", _STR), ("speaker", _STR),
        ("speaker_start", _INT), ("speaker_end", _INT), ("cue", _STR), ("cue_start", _INT),
        ("cue_end", _INT), ("addressee", _STR), ("date", _STR),
        ("fragments", pa.list_(pa.list_(_INT))),
    ]),
    "dates": pa.schema([
        ("article_id", _STR), *_SPAN, ("value", _STR), ("range_first", _STR),
        ("range_last", _STR), ("granularity", _STR),
    ]),
    "amounts": pa.schema([
        ("article_id", _STR), *_SPAN, ("value", _FLOAT), ("qualifier", _STR), ("unit", _STR),
    ]),
    "places": pa.schema([
        ("article_id", _STR), *_SPAN, ("name", _STR), ("geonameid", _INT), ("lat", _FLOAT),
        ("lon", _FLOAT), ("country", _STR), ("admin1", _STR), ("feature", _STR),
        ("kind", _STR), ("entity_id", _STR), ("score", _FLOAT), ("low_confidence", _BOOL),
        ("candidates", _STR),
    ]),
    "events": pa.schema([
        ("article_id", _STR), ("event_index", _INT), ("event_id", _STR), ("type", _STR),
        ("cameo", _STR), ("mode", _STR), ("trigger_start", _INT), ("trigger_end", _INT),
        ("trigger", _STR), ("actor", _STR), ("actor_entity", _STR), ("actor_country", _STR),
        ("actor_sector", _STR), ("target", _STR), ("target_entity", _STR),
        ("target_country", _STR), ("target_sector", _STR), ("place", _STR), ("date", _STR),
        ("negated", _BOOL), ("hypothetical", _BOOL), ("intended", _BOOL), ("quote_index", _INT),
        ("evidence", _STR), ("salience", _INT), ("main", _BOOL),
    ]),
}


def _span(item: Any) -> dict[str, Any]:
    return {"start": item.start, "end": item.end, "text": item.text}


def _article_rows(article: Article) -> dict[str, list[dict[str, Any]]]:
    """The rows each table gets from one article."""
    aid = article.id
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMAS}
    rows["articles"].append({
        "article_id": aid, "url": article.url, "title": article.title,
        "published": article.published, "site": article.site, "authors": article.authors,
        "language": article.language, "text": article.text,
        "canonical_url": article.canonical_url, "duplicate_of": article.duplicate_of,
        "warnings": article.warnings, "versions": json.dumps(article.versions),
        **{f"tone_{name}": getattr(article.tone, name) if article.tone else None
           for name in TONE_FIELDS},
        "tags": article.tags,
    })
    for entity in article.entities:
        rows["entities"].append({
            "article_id": aid, "entity_id": entity.id, "name": entity.name,
            "type": entity.type, "roles": entity.roles, "anonymous": entity.anonymous,
            "mentions": len(entity.mentions),
        })
        rows["mentions"].extend({"article_id": aid, "entity_id": entity.id, **_span(mention),
                                 "kind": mention.kind} for mention in entity.mentions)
    for index, quote in enumerate(article.quotes):
        speaker, cue = quote.speaker, quote.cue
        rows["quotes"].append({
            "article_id": aid, "quote_index": index, **_span(quote), "direct": quote.direct,
            "partial": quote.partial, "speaker_entity": speaker and speaker.entity,
            "speaker": speaker and speaker.text, "speaker_start": speaker and speaker.start,
            "speaker_end": speaker and speaker.end, "cue": cue and cue.lemma,
            "cue_start": cue and cue.start, "cue_end": cue and cue.end,
            "addressee": quote.addressee, "date": quote.date, "fragments": quote.fragments,
        })
    for ref in article.dates:
        first, last = ref.range or (None, None)
        rows["dates"].append({"article_id": aid, **_span(ref), "value": ref.value,
                              "range_first": first, "range_last": last,
                              "granularity": ref.granularity})
    rows["amounts"].extend(
        {"article_id": aid, **_span(amount),
         "value": None if amount.value is None else float(amount.value),
         "qualifier": amount.qualifier, "unit": amount.unit}
        for amount in article.amounts)
    rows["places"].extend(
        {"article_id": aid, **_span(place), "name": place.name, "geonameid": place.geonameid,
         "lat": place.lat, "lon": place.lon, "country": place.country, "admin1": place.admin1,
         "feature": place.feature, "kind": place.kind, "entity_id": place.entity,
         "score": place.score, "low_confidence": place.low_confidence,
         "candidates": json.dumps([c.model_dump(mode="json") for c in place.candidates],
                                  ensure_ascii=False)}
        for place in article.places)
    for index, event in enumerate(article.events):
        row: dict[str, Any] = {
            "article_id": aid, "event_index": index, "event_id": event.id, "type": event.type,
            "cameo": event.cameo, "mode": event.mode, "trigger_start": event.trigger.start,
            "trigger_end": event.trigger.end, "trigger": event.trigger.text,
            "place": event.place, "date": event.date, "negated": event.negated,
            "hypothetical": event.hypothetical, "intended": event.intended,
            "quote_index": event.quote,
            "evidence": json.dumps([_span(span) for span in event.evidence], ensure_ascii=False),
            "salience": event.salience, "main": event.main,
        }
        for role in ("actor", "target"):
            argument = getattr(event, role)
            row[role] = argument and argument.text
            row[f"{role}_entity"] = argument and argument.entity
            row[f"{role}_country"] = argument and argument.country
            row[f"{role}_sector"] = argument and argument.sector
        rows["events"].append(row)
    return rows


def write(articles: Iterable[Article], output: Path,
          on_table: Callable[[str, int], None] | None = None) -> int:
    """Write the tables into the folder `output` (created); the number of articles."""
    output.mkdir(parents=True, exist_ok=True)
    writers = {name: pq.ParquetWriter(output / f"{name}.parquet", schema)
               for name, schema in SCHEMAS.items()}
    buffers: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMAS}
    totals = dict.fromkeys(SCHEMAS, 0)

    def flush(name: str) -> None:
        if buffers[name]:
            writers[name].write_table(pa.Table.from_pylist(buffers[name], schema=SCHEMAS[name]))
            totals[name] += len(buffers[name])
            buffers[name].clear()

    count = 0
    try:
        for article in articles:
            count += 1
            for name, rows in _article_rows(article).items():
                buffers[name].extend(rows)
                if len(buffers[name]) >= FLUSH_ROWS:
                    flush(name)
        for name in SCHEMAS:
            flush(name)
    finally:
        for writer in writers.values():
            writer.close()
    if on_table:
        for name, total in totals.items():
            on_table(name, total)
    return count
