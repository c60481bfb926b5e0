"""One entity's neighbours across the store: who it talks about in its quotes, who talks
about it, and what it is named together with.

Entities are linked first (`resolve_entity`: every alias of the canonical name counts).
"Talks about" counts the non-pronoun mentions that lie inside a quote's span (kept at ingest
in `quote_subjects`, per speaker and name); "named with" counts the articles that name both.
`export --format graphml` writes the whole network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Integer, String, and_, cast, func, null, select

from newsgraph.link.timeline import resolve_entity
from newsgraph.store import schema

if TYPE_CHECKING:
    from newsgraph.store import Store

Relation = Literal["talks-about", "talked-about-by", "named-with"]
RELATIONS: tuple[Relation, ...] = ("talks-about", "talked-about-by", "named-with")


def _canonical(name: Any) -> tuple[Any, Any]:
    """A copy of the alias table (to join on name and type) and the linked name of `name`."""
    al = schema.entity_aliases.alias()
    return al, func.coalesce(al.c.canonical, name)


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
