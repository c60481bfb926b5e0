"""Entity timelines: how often one (linked) entity is mentioned and quoted per day, week, month.

Articles are placed on their publish day. Periods run zero-filled from the first to the
last period with any mention or quote; a week is labelled by its Monday, a month `YYYY-MM`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import func, select

from newsgraph.store import schema
from newsgraph.store.totals import day_of

if TYPE_CHECKING:
    from newsgraph.store import Store

Period = Literal["day", "week", "month"]


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


def timeline(store: Store, name: str, by: Period = "day") -> list[dict[str, Any]]:
    """Per period: articles naming the entity (any alias), its mentions, and quotes it is
    the speaker of (see `daily_counts`)."""
    canonical, entity_type, aliases = resolve_entity(store, name)
    return [{"entity": canonical, "type": entity_type, **row}
            for row in count_by_period(daily_counts(store, aliases, entity_type), by)]
