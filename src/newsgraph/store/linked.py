"""Reads over the tables `newsgraph link` and ingest keep for entities: aliases
(`resolve_entity`), who talks about whom (`related`), and per-day counts (`daily_counts`,
`count_by_period`). `newsgraph.link` builds those tables; the web pages and `link`'s own
commands read them through here, so no store module needs `link/`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Integer, String, and_, cast, func, null, select

from newsgraph.store import schema
from newsgraph.store.totals import day_of

if TYPE_CHECKING:
    from newsgraph.store.database import Store

Period = Literal["day", "week", "month"]
Relation = Literal["talks-about", "talked-about-by", "named-with"]
RELATIONS: tuple[Relation, ...] = ("talks-about", "talked-about-by", "named-with")


class EntityNotFound(LookupError):
    """No stored entity has this name or alias."""


def resolve_entity(store: Store, name: str) -> tuple[str, str, list[str]]:
    """The canonical name, type and all aliases of the entity `name` names (case-insensitive).

    When several canonical entities match, the one in most articles wins.
    """
    al = schema.entity_aliases
    wanted = name.strip().lower()
    with store.engine.connect() as connection:
        matches = connection.execute(
            select(al.c.canonical, al.c.type, func.sum(al.c.articles).label("n"))
            .where((func.lower(al.c.alias) == wanted) | (func.lower(al.c.canonical) == wanted))
            .group_by(al.c.canonical, al.c.type)
        ).all()
        if not matches:
            raise EntityNotFound(name)
        best = min(matches, key=lambda r: (-int(r.n or 0), r.canonical != name, r.canonical,
                                           r.type))
        aliases = sorted(connection.execute(
            select(al.c.alias).where((al.c.canonical == best.canonical) & (al.c.type == best.type))
        ).scalars())
    return best.canonical, best.type, aliases


def period_start(day: date, by: Period) -> date:
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return day


def _next(start: date, by: Period) -> date:
    if by == "week":
        return start + timedelta(days=7)
    if by == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start + timedelta(days=1)


def _label(start: date, by: Period) -> str:
    return start.strftime("%Y-%m") if by == "month" else start.isoformat()


def count_by_period(days: dict[str, list[tuple[date, int]]], by: Period
                    ) -> list[dict[str, Any]]:
    """Zero-filled rows from `{"mentions": [(day, n)...], "quotes": [...], "articles": [...]}`."""
    totals: dict[date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(days, 0))
    for column, values in days.items():
        for day, n in values:
            totals[period_start(day, by)][column] += n
    if not totals:
        return []
    rows: list[dict[str, Any]] = []
    start, last = min(totals), max(totals)
    while start <= last:
        counts = totals.get(start) or dict.fromkeys(days, 0)
        rows.append({"period": _label(start, by), **counts})
        start = _next(start, by)
    return rows


def daily_counts(store: Store, names: list[str], entity_type: str
                 ) -> dict[str, list[tuple[date, int]]]:
    """Articles naming the entity, its mentions and its quotes, per publish day, summed over
    its `names` from the per-day totals kept at ingest (`entity_days`, `speaker_days`): an
    article that names it under two names counts twice."""
    d, s = schema.entity_days, schema.speaker_days
    mention_counts = (
        select(d.c.day, func.sum(d.c.articles).label("articles"),
               func.sum(d.c.mentions).label("mentions"))
        .where(d.c.name.in_(names), d.c.type == entity_type)
        .group_by(d.c.day)
    )
    quote_counts = (select(s.c.day, func.sum(s.c.quotes).label("quotes"))
                    .where(s.c.name.in_(names)).group_by(s.c.day))
    days: dict[str, list[tuple[date, int]]] = {"articles": [], "mentions": [], "quotes": []}
    with store.engine.connect() as connection:
        for row in connection.execute(mention_counts):
            if (day := day_of(row.day)) is not None:
                days["articles"].append((day, int(row.articles)))
                days["mentions"].append((day, int(row.mentions)))
        for row in connection.execute(quote_counts):
            if (day := day_of(row.day)) is not None:
                days["quotes"].append((day, int(row.quotes)))
    return days


def _canonical(name: Any) -> tuple[Any, Any]:
    """A copy of the alias table (to join on name and type) and the linked name of `name`."""
    al = schema.entity_aliases.alias()
    return al, func.coalesce(al.c.canonical, name)


def related(store: Store, aliases: list[str], entity_type: str | None,
            relation: Relation, limit: int = 20) -> list[dict[str, Any]]:
    """`neighbours` of the entity with these names (all of `entity_type`; for
    "talks-about" the type may be None: the names are speakers). Unnamed sources ("a senior
    official") are left out: the same words in two articles are not one person."""
    e, qs = schema.entities, schema.quote_subjects
    if relation == "talks-about":
        al, linked = _canonical(qs.c.name)
        query = (select(linked.label("name"), qs.c.type, func.sum(qs.c.quotes).label("quotes"),
                        func.sum(qs.c.articles).label("articles"))
                 .select_from(qs.outerjoin(al, and_(al.c.alias == qs.c.name,
                                                    al.c.type == qs.c.type)))
                 .where(qs.c.speaker.in_(aliases),
                        _not_itself(linked, qs.c.type, aliases, entity_type))
                 .group_by(linked, qs.c.type))
    elif relation == "talked-about-by":
        al, linked = _canonical(qs.c.speaker)
        query = (select(linked.label("name"), cast(null(), String).label("type"),
                        func.sum(qs.c.quotes).label("quotes"),
                        func.sum(qs.c.articles).label("articles"))
                 .select_from(qs.outerjoin(al, and_(al.c.alias == qs.c.speaker,
                                                    al.c.type == "PERSON")))
                 .where(qs.c.name.in_(aliases), qs.c.type == entity_type,
                        qs.c.speaker.not_in(aliases))
                 .group_by(linked))
    elif relation == "named-with":
        other = e.alias("other")
        al, linked = _canonical(other.c.name)
        query = (select(linked.label("name"), other.c.type,
                        cast(null(), Integer).label("quotes"),
                        func.count(func.distinct(other.c.article_id)).label("articles"))
                 .select_from(e.join(other, other.c.article_id == e.c.article_id).outerjoin(
                     al, and_(al.c.alias == other.c.name, al.c.type == other.c.type)))
                 .where(e.c.name.in_(aliases), e.c.type == entity_type,
                        other.c.anonymous.is_(False),
                        _not_itself(linked, other.c.type, aliases, entity_type))
                 .group_by(linked, other.c.type))
    else:
        raise ValueError(f"relation must be one of {', '.join(RELATIONS)}")
    columns = query.selected_columns
    ranked = query.order_by(columns.quotes.desc(), columns.articles.desc(),
                            columns.name).limit(limit)
    with store.engine.connect() as connection:
        return [{"name": row.name, "type": row.type, "quotes": row.quotes,
                 "articles": row.articles} for row in connection.execute(ranked)]


def _not_itself(name: Any, entity_type: Any, aliases: list[str], wanted: str | None) -> Any:
    """The row is not the entity itself (any of its names; of its type when known)."""
    itself = name.in_(aliases)
    return ~itself if wanted is None else ~and_(itself, entity_type == wanted)


def story_coverage(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """Who covered a story (articles per outlet, most first), who broke it (the first of
    `articles`, which are oldest first) and its articles per day."""
    from collections import Counter

    outlets = Counter(a.get("site") or "(unknown outlet)" for a in articles)
    days = Counter((a["published"] or "")[:10] for a in articles if a.get("published"))
    return {"outlets": [{"site": site, "articles": n}
                        for site, n in sorted(outlets.items(), key=lambda i: (-i[1], i[0]))],
            "first": articles[0] if articles else None,
            "timeline": [{"day": day, "articles": n} for day, n in sorted(days.items())]}
