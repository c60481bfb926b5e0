"""One entity's neighbours across the store: who it talks about in its quotes, who talks
about it, and what it is named together with.

Entities are linked first (`resolve_entity`: every alias of the canonical name counts).
"Talks about" counts the non-pronoun mentions that lie inside a quote's span (kept at ingest
in `quote_subjects`, per speaker and name); "named with" counts the articles that name both.
`export --format graphml` writes the whole network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsgraph.store.linked import RELATIONS, Relation, related, resolve_entity

if TYPE_CHECKING:
    from newsgraph.store import Store

__all__ = ["RELATIONS", "Relation", "neighbours", "related"]


def neighbours(store: Store, name: str, relation: Relation = "talks-about",
               limit: int = 20) -> list[dict[str, Any]]:
    """The entities most often in `relation` to the entity `name`, strongest first.

    Rows: `name` (linked: "Scholz" counts as "Olaf Scholz" once `link` joined them),
    `type` (None for speakers, whose type is not stored), `quotes` (the quote relations)
    and `articles`. Raises `EntityNotFound` for an unknown name.
    """
    canonical, entity_type, aliases = resolve_entity(store, name)
    return [{"entity": canonical, "relation": relation, **row}
            for row in related(store, aliases, entity_type, relation, limit)]
