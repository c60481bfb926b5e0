"""The cross-article layer: one entity across articles, entity timelines, story clusters.

    from newsgraph.link import rebuild, timeline, stored_stories

    with Store.open("news.db") as store:
        rebuild(store)                      # alias table + story clusters
        rows = timeline(store, "Merkel", by="week")
        stories = stored_stories(store, since="2024-05-01")
        people = neighbours(store, "Merkel", "talks-about")   # who he talks about

`rebuild` rewrites the `entity_aliases`, `stories` and `story_articles` tables from the
stored articles; `update` adds only the articles stored since the last run to the stories
(a full rebuild when it must); `ensure_linked` updates when articles were added since.
"""

from newsgraph.link.aliases import Alias, build_aliases
from newsgraph.link.build import LinkSummary, ensure_linked, is_stale, rebuild, update
from newsgraph.link.network import RELATIONS, neighbours
from newsgraph.link.stories import StoryDoc, cluster, stored_stories
from newsgraph.link.timeline import EntityNotFound, resolve_entity, timeline

__all__ = [
    "RELATIONS",
    "Alias",
    "EntityNotFound",
    "LinkSummary",
    "StoryDoc",
    "build_aliases",
    "cluster",
    "ensure_linked",
    "is_stale",
    "neighbours",
    "rebuild",
    "resolve_entity",
    "stored_stories",
    "timeline",
    "update",
]
