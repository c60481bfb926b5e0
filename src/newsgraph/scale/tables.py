"""The output tables of a scale-out job: explicit column types and `Article` → rows.

Every annotation table is keyed by `article_id` plus the annotation's position in
its `Article` list, so rows join back to `articles` and sort deterministically.
The `articles` table keeps the whole article JSON (`json`), so an output folder
rebuilds every `Article` exactly (`newsgraph.scale.parquet.read_parquet_output`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark.sql.types import StructType

    from newsgraph.model import Article, EventArgument

S, L, D, B, LIST = "string", "long", "double", "boolean", "array<string>"
_SPAN = (("start", L), ("end", L), ("text", S))

#: Table name -> (column, type) pairs; every column is nullable.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (("id", S), ("file", S), ("offset", L), ("url", S), ("canonical_url", S),
                 ("title", S), ("published", S), ("site", S), ("language", S),
                 ("duplicate_of", S), ("warnings", LIST), ("json", S)),
    "entities": (("article_id", S), ("entity_id", S), ("name", S), ("type", S),
                 ("roles", LIST), ("anonymous", B), ("mentions", L)),
    "mentions": (("article_id", S), ("entity_id", S), ("mention_index", L), *_SPAN,
                 ("kind", S)),
    "quotes": (("article_id", S), ("quote_index", L), *_SPAN, ("direct", B), ("partial", B),
               ("speaker_text", S), ("speaker_entity", S), ("speaker_start", L),
               ("speaker_end", L), ("cue", S), ("cue_start", L), ("cue_end", L),
               ("addressee", S), ("date", S)),
    "events": (("article_id", S), ("event_index", L), ("event_id", S), ("type", S),
               ("cameo", S), ("mode", S), ("actor", S), ("actor_entity", S),
               ("actor_country", S), ("target", S), ("target_entity", S),
               ("target_country", S), ("place", S), ("date", S), ("trigger_start", L),
               ("trigger_end", L), ("trigger_text", S), ("negated", B), ("hypothetical", B),
               ("intended", B), ("quote_index", L), ("salience", L), ("main", B)),
    "places": (("article_id", S), ("place_index", L), *_SPAN, ("kind", S), ("name", S),
               ("geonameid", L), ("lat", D), ("lon", D), ("country", S), ("admin1", S),
               ("feature", S), ("entity", S), ("score", D), ("low_confidence", B)),
    "dates": (("article_id", S), ("date_index", L), *_SPAN, ("value", S), ("range_first", S),
              ("range_last", S), ("granularity", S)),
    "amounts": (("article_id", S), ("amount_index", L), *_SPAN, ("value", D),
                ("qualifier", S), ("unit", S)),
    "errors": (("file", S), ("offset", L), ("stage", S), ("message", S), ("origin", S),
               ("article_id", S)),
}

Row = tuple[Any, ...]


def spark_schema(table: str) -> StructType:
    """The Spark schema of `table` (no schema inference, so no NLP re-run for it)."""
    from pyspark.sql import types as T

    simple = {S: T.StringType(), L: T.LongType(), D: T.DoubleType(), B: T.BooleanType(),
              LIST: T.ArrayType(T.StringType(), containsNull=False)}
    return T.StructType([T.StructField(name, simple[kind], nullable=True)
                         for name, kind in TABLES[table]])


def _float(value: float | int | None) -> float | None:
    return None if value is None else float(value)


def _argument(arg: EventArgument | None) -> tuple[str | None, str | None, str | None]:
    return (arg.text, arg.entity, arg.country) if arg else (None, None, None)


def article_rows(article: Article, file: str, offset: int | None) -> dict[str, list[Row]]:
    """All rows one analysed article contributes, by table (the `errors` table excepted)."""
    aid = article.id
    rows: dict[str, list[Row]] = {name: [] for name in TABLES if name != "errors"}
    rows["articles"].append((
        aid, file, offset, article.url, article.canonical_url, article.title, article.published,
        article.site, article.language, article.duplicate_of, list(article.warnings),
        article.model_dump_json()))
    for entity in article.entities:
        rows["entities"].append((aid, entity.id, entity.name, entity.type, list(entity.roles),
                                 entity.anonymous, len(entity.mentions)))
        rows["mentions"].extend((aid, entity.id, i, m.start, m.end, m.text, m.kind)
                                for i, m in enumerate(entity.mentions))
    for i, q in enumerate(article.quotes):
        speaker, cue = q.speaker, q.cue
        rows["quotes"].append((
            aid, i, q.start, q.end, q.text, q.direct, q.partial,
            speaker.text if speaker else None, speaker.entity if speaker else None,
            speaker.start if speaker else None, speaker.end if speaker else None,
            cue.lemma if cue else None, cue.start if cue else None, cue.end if cue else None,
            q.addressee, q.date))
    for i, e in enumerate(article.events):
        rows["events"].append((
            aid, i, e.id, e.type, e.cameo, e.mode, *_argument(e.actor), *_argument(e.target),
            e.place, e.date, e.trigger.start, e.trigger.end, e.trigger.text, e.negated,
            e.hypothetical, e.intended, e.quote, e.salience, e.main))
    for i, p in enumerate(article.places):
        rows["places"].append((
            aid, i, p.start, p.end, p.text, p.kind, p.name, p.geonameid, _float(p.lat),
            _float(p.lon), p.country, p.admin1, p.feature, p.entity, _float(p.score),
            p.low_confidence))
    for i, t in enumerate(article.dates):
        first, last = t.range if t.range else (None, None)
        rows["dates"].append((aid, i, t.start, t.end, t.text, t.value, first, last,
                              t.granularity))
    for i, a in enumerate(article.amounts):
        rows["amounts"].append((aid, i, a.start, a.end, a.text, _float(a.value), a.qualifier,
                                a.unit))
    return rows


def error_row(file: str, offset: int | None, stage: str, message: str, origin: str,
              article_id: str | None = None) -> Row:
    """One row of the `errors` table: where (file, record offset), which stage, why."""
    return (file, offset, stage, message, origin, article_id)
