"""How the store's articles portray one entity, by outlet and period (the `portrayal` stage's
per-article `Entity.portrayal`, summed)."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from newsgraph.store import schema
from newsgraph.store.linked import Period, period_start
from newsgraph.store.totals import day_of

if TYPE_CHECKING:
    from newsgraph.store.database import Store

LABELS = ("negative", "neutral", "positive")


def _portrayals(analysed: str, names: set[str], type: str) -> list[dict[str, Any]]:
    """The portrayal of each entity of the article called one of `names` (with that type)."""
    entities = json.loads(analysed).get("entities") or []
    return [e["portrayal"] for e in entities
            if e.get("name") in names and e.get("type") == type and e.get("portrayal")]


def entity_portrayal(store: Store, names: list[str], type: str,
                     by: Period = "month") -> list[dict[str, Any]]:
    """One row per (period, site): articles, mentions by polarity, and the mean score per
    mention (P(positive) - P(negative)); undated articles under period None; oldest first."""
    a, e = schema.articles, schema.entities
    query = (select(a.c.id, a.c.site, a.c.published, a.c.analysed)
             .where(a.c.id.in_(select(e.c.article_id)
                               .where(e.c.name.in_(names), e.c.type == type)))
             .order_by(a.c.id))
    totals: dict[tuple[str | None, str], dict[str, Any]] = defaultdict(
        lambda: {"articles": 0, "negative": 0, "neutral": 0, "positive": 0, "weighted": 0.0})
    with store.engine.connect() as connection:
        for row in connection.execute(query):
            found = _portrayals(row.analysed, set(names), type)
            if not found:
                continue
            day = day_of(row.published)
            key = (period_start(day, by).isoformat() if day else None, row.site or "")
            total = totals[key]
            total["articles"] += 1
            for portrayal in found:
                mentions = sum(portrayal.get(label, 0) for label in LABELS)
                for label in LABELS:
                    total[label] += portrayal.get(label, 0)
                total["weighted"] += portrayal.get("score", 0.0) * mentions
    return [_row(period, site, total) for (period, site), total in
            sorted(totals.items(), key=lambda item: (item[0][0] is None, item[0]))]


def _row(period: str | None, site: str, total: dict[str, Any]) -> dict[str, Any]:
    mentions = sum(total[label] for label in LABELS)
    return {"period": period, "site": site or None, "articles": total["articles"],
            "mentions": mentions, **{label: total[label] for label in LABELS},
            "score": round(total["weighted"] / mentions, 4) if mentions else 0.0}
