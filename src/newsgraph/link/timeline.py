"""Entity timelines: how often one (linked) entity is mentioned and quoted per day, week, month.

Articles are placed on their publish day. Periods run zero-filled from the first to the
last period with any mention or quote; a week is labelled by its Monday, a month `YYYY-MM`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsgraph.store.linked import (
    EntityNotFound,
    Period,
    count_by_period,
    daily_counts,
    period_start,
    resolve_entity,
)

if TYPE_CHECKING:
    from newsgraph.store import Store

__all__ = ["EntityNotFound", "Period", "count_by_period", "daily_counts", "period_start",
           "resolve_entity", "timeline"]


def timeline(store: Store, name: str, by: Period = "day") -> list[dict[str, Any]]:
    """Per period: articles naming the entity (any alias), its mentions, and quotes it is
    the speaker of (see `daily_counts`)."""
    canonical, entity_type, aliases = resolve_entity(store, name)
    return [{"entity": canonical, "type": entity_type, **row}
            for row in count_by_period(daily_counts(store, aliases, entity_type), by)]
