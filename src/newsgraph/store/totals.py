"""Running totals kept at ingest, in the transaction that stores the articles.

Lists that would otherwise aggregate the whole store read these instead: `speakers`
(quote filters by part of a name), `entity_totals` (the entity list), `entity_days` and
`speaker_days` (timelines), `place_totals` (the map), `article_days` (attention shares) and
`quote_subjects` (who talks about whom).
Counts are added with upserts, rows in key order so that concurrent PostgreSQL writers lock
them alike. Migrations 0004, 0008 and 0009 fill them for older stores.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, select, tuple_

from newsgraph.store import schema
from newsgraph.store.keys import select_in

Rows = dict[str, list[dict[str, Any]]]
#: Columns that hold counts (or sums), not keys.
COUNTED = frozenset({"quotes", "articles", "mentions", "lat_sum", "lon_sum"})
#: Makes an INSERT that supports `on_conflict_do_update` in the store's dialect.
InsertFor = Callable[[Table], Any]


@dataclass
class Totals:
    """Counts over a batch of new articles, keyed like the tables' primary keys."""

    speakers: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(name, "quotes" | "articles") → count."""
    entities: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    """(name, type, "articles" | "mentions") → count."""
    entity_days: Counter[tuple[str, str, str, str]] = field(default_factory=Counter)
    speaker_days: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    roles: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    places: Counter[tuple[str, str, str, str]] = field(default_factory=Counter)
    """(name, country, admin1, "articles" | "mentions" | "lat_sum" | "lon_sum") → value."""
    days: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(day, "articles") → articles published that day."""
    subjects: Counter[tuple[str, str, str, str]] = field(default_factory=Counter)
    """(speaker, name, type, "quotes" | "articles") → count."""


def day_of(published: str | None) -> date | None:
    """The day of a stored `published` value (a date or an ISO timestamp); None if unreadable."""
    try:
        return date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


def count(added: list[tuple[str | None, Rows]]) -> Totals:
    """Totals over new articles, given as (published, child rows) pairs."""
    totals = Totals()
    for published, rows in added:
        day = published_on.isoformat() if (published_on := day_of(published)) else None
        if day:
            totals.days[day, "articles"] += 1
        _count_places(totals.places, rows["places"])
        _count_subjects(totals.subjects, rows)
        spoken = Counter(q["speaker_name"] for q in rows["quotes"] if q["speaker_name"])
        for name, n in spoken.items():
            totals.speakers[name, "quotes"] += n
            totals.speakers[name, "articles"] += 1
            if day:
                totals.speaker_days[name, day, "quotes"] += n
        mentions = Counter(m["entity_id"] for m in rows["mentions"])
        seen: set[tuple[str, str]] = set()
        for entity in rows["entities"]:
            name, kind = entity["name"], entity["type"]
            n = mentions[entity["entity_id"]]
            first = (name, kind) not in seen
            seen.add((name, kind))
            totals.entities[name, kind, "articles"] += first
            totals.entities[name, kind, "mentions"] += n
            if day:
                totals.entity_days[name, kind, day, "articles"] += first
                totals.entity_days[name, kind, day, "mentions"] += n
            known = totals.roles.setdefault((name, kind), [])
            known.extend(r for r in json.loads(entity["roles"] or "[]") if r not in known)
    return totals


def _count_places(counts: Counter[tuple[str, str, str, str]],
                  places: list[dict[str, Any]]) -> None:
    """Add one article's resolved places (those with a name and coordinates)."""
    seen: set[tuple[str, str, str]] = set()
    for place in places:
        if place["name"] is None or place["lat"] is None or place["lon"] is None:
            continue
        key = (place["name"], place["country"] or "", place["admin1"] or "")
        counts[(*key, "articles")] += key not in seen
        seen.add(key)
        counts[(*key, "mentions")] += 1
        counts[(*key, "lat_sum")] += place["lat"]
        counts[(*key, "lon_sum")] += place["lon"]


def _count_subjects(counts: Counter[tuple[str, str, str, str]], rows: Rows) -> None:
    """Add one article's quotes: per speaker, the named entities (not by a pronoun, not
    unnamed sources) with a mention inside the quote."""
    named = {e["entity_id"]: (e["name"], e["type"]) for e in rows["entities"]
             if not e["anonymous"]}
    seen: set[tuple[str, str, str]] = set()
    for quote in rows["quotes"]:
        speaker = quote["speaker_name"]
        if not speaker:
            continue
        inside = {named[m["entity_id"]] for m in rows["mentions"]
                  if m["entity_id"] in named and m["kind"] != "pronoun"
                  and m["start"] >= quote["start"] and m["end"] <= quote["end"]}
        for name, kind in inside:
            counts[speaker, name, kind, "quotes"] += 1
            counts[speaker, name, kind, "articles"] += (speaker, name, kind) not in seen
            seen.add((speaker, name, kind))


def _grouped(counts: Counter[Any], columns: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows of `columns` (keys…, then counted columns) from (key…, column) → count."""
    keys = [c for c in columns if c not in COUNTED]
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for (*key, column), n in counts.items():
        row = rows.setdefault(tuple(key), {**dict(zip(keys, key, strict=True)),
                                           **{c: 0 for c in columns if c not in keys}})
        row[column] += n
    return [rows[key] for key in sorted(rows)]


def _add(connection: Connection, insert_for: InsertFor, table: Table,
         rows: list[dict[str, Any]]) -> None:
    """Upsert `rows`: new keys are inserted, their `COUNTED` columns added to stored ones."""
    if not rows:
        return
    statement = insert_for(table)
    statement = statement.on_conflict_do_update(
        index_elements=list(table.primary_key.columns),
        set_={c: table.c[c] + statement.excluded[c] for c in rows[0] if c in COUNTED})
    connection.execute(statement, rows)


def write(connection: Connection, insert_for: InsertFor, totals: Totals) -> None:
    """Add `totals` to the totals tables (in the caller's transaction)."""
    _add(connection, insert_for, schema.speakers,
         _grouped(totals.speakers, ("name", "quotes", "articles")))
    entity_rows = _grouped(totals.entities, ("name", "type", "articles", "mentions"))
    for row in entity_rows:
        row["roles"] = json.dumps(totals.roles.get((row["name"], row["type"]), []))
    _add(connection, insert_for, schema.entity_totals, entity_rows)
    _add(connection, insert_for, schema.entity_days,
         _grouped(totals.entity_days, ("name", "type", "day", "articles", "mentions")))
    _add(connection, insert_for, schema.speaker_days,
         _grouped(totals.speaker_days, ("name", "day", "quotes")))
    _add(connection, insert_for, schema.place_totals,
         _grouped(totals.places, ("name", "country", "admin1", "articles", "mentions",
                                  "lat_sum", "lon_sum")))
    _add(connection, insert_for, schema.article_days,
         _grouped(totals.days, ("day", "articles")))
    _add(connection, insert_for, schema.quote_subjects,
         _grouped(totals.subjects, ("speaker", "name", "type", "quotes", "articles")))
    _merge_roles(connection, totals.roles)


def negated(totals: Totals) -> Totals:
    """The same counts, negative: written with `write`, they take articles off the totals
    (roles stay listed: which article gave a role is not kept)."""
    flipped = Totals()
    for name in ("speakers", "entities", "entity_days", "speaker_days", "places", "days",
                 "subjects"):
        counts: Counter[Any] = getattr(flipped, name)
        for key, n in getattr(totals, name).items():
            counts[key] = -n
    return flipped


#: Totals tables and the count that is zero once no stored article adds to a row.
_EMPTY_WHEN_ZERO = ((schema.speakers, "quotes"), (schema.entity_totals, "articles"),
                    (schema.entity_days, "articles"), (schema.speaker_days, "quotes"),
                    (schema.place_totals, "articles"), (schema.article_days, "articles"),
                    (schema.quote_subjects, "quotes"))


def drop_empty(connection: Connection) -> None:
    """Delete totals rows that no stored article counts in any more (after `negated`)."""
    for table, counted in _EMPTY_WHEN_ZERO:
        connection.execute(table.delete().where(table.c[counted] <= 0))


def _merge_roles(connection: Connection, roles: dict[tuple[str, str], list[str]]) -> None:
    """Append roles not yet listed for their entity (the upsert kept the stored list)."""
    table = schema.entity_totals
    wanted = sorted(key for key, found in roles.items() if found)
    for name, kind, listed in select_in(connection, select(table.c.name, table.c.type,
                                                          table.c.roles),
                                        tuple_(table.c.name, table.c.type), wanted):
        merged = json.loads(listed or "[]")
        new = [r for r in roles[name, kind] if r not in merged]
        if new:
            connection.execute(table.update()
                               .where(table.c.name == name, table.c.type == kind)
                               .values(roles=json.dumps(merged + new)))
