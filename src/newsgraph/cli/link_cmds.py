"""`newsgraph link`, `timeline` and `stories`: the cross-article layer from the command line."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsgraph.cli.base import app
from newsgraph.cli.options import DbOption, check_day, fail, open_store
from newsgraph.cli.store_cmds import ListFormat, _print_rows

if TYPE_CHECKING:
    from collections.abc import Callable

    from newsgraph.store import Store


def _entity_rows(db: str | None, entity: str, query: Callable[[Store], list[dict[str, Any]]]
                 ) -> list[dict[str, Any]]:
    """`query` run on the linked store; a clear error when no entity has that name."""
    from newsgraph.link import EntityNotFound

    with open_store(db, create=False) as store:
        _up_to_date(store)
        try:
            return query(store)
        except EntityNotFound as error:
            raise fail(f"no stored entity is named {entity!r}") from error


def _up_to_date(store: Store) -> None:
    """Rebuild the cross-article tables when articles were added since, saying so."""
    from newsgraph.link import ensure_linked, is_stale

    if is_stale(store):
        typer.echo(f"Linking {store.count():,} articles (entity aliases and stories) first; "
                   "`newsgraph link` does this ahead of time.", err=True)
        ensure_linked(store)


class By(StrEnum):
    day = "day"
    week = "week"
    month = "month"


EntityArgument = Annotated[str, typer.Argument(help="A name or alias, e.g. Merkel.")]
WindowOption = Annotated[int, typer.Option(
    min=0, help="Articles at most this many days apart can be one story.")]


@app.command()
def link(
    db: DbOption = None,
    window: WindowOption = 3,
    full: Annotated[bool, typer.Option(
        "--full", help="Cluster every article again (hash every text, fit the term weights "
                       "again), not only the new ones.")] = False,
) -> None:
    """Build the entity alias table and add the articles stored since the last run to the
    story clusters (all of them with --full, or when the rules or window changed, or
    articles were deleted)."""
    from newsgraph.link.build import rebuild, update

    with open_store(db, create=False) as store:
        summary = rebuild(store, window, refit=True) if full else update(store, window)
    how = (f"full rebuild: {summary.full}" if summary.full
           else f"{summary.added} new article(s) added")
    typer.echo(f"{summary.aliases} alias(es), {summary.joined} joined to another name; "
               f"{summary.stories} story(ies) over {summary.clustered} article(s) ({how})")


@app.command()
def timeline(
    entity: EntityArgument,
    db: DbOption = None,
    by: Annotated[By, typer.Option(help="day, week (by its Monday) or month.")] = By.day,
    output_format: Annotated[ListFormat, typer.Option(
        "--format", help="table, json or csv.")] = ListFormat.table,
) -> None:
    """Mentions and quotes of one entity (all its aliases) per day, week or month."""
    from newsgraph.link import timeline as entity_timeline

    rows = _entity_rows(db, entity, lambda store: entity_timeline(store, entity, by.value))
    title = f"{rows[0]['entity']} ({rows[0]['type']}) by {by.value}" if rows else entity
    _print_rows(rows, output_format, title, ["period", "articles", "mentions", "quotes"])


@app.command()
def stories(
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(
        help="Only stories with an article on or after this day, YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many stories.")] = 50,
    output_format: Annotated[ListFormat, typer.Option(
        "--format", help="table, json or csv.")] = ListFormat.table,
) -> None:
    """Stories: articles about one happening, published within a few days, newest first."""
    from newsgraph.link import stored_stories

    check_day(since, "--since")
    with open_store(db, create=False) as store:
        _up_to_date(store)
        rows = stored_stories(store, since, limit)
    if output_format is not ListFormat.json:
        for row in rows:
            row["articles"] = [f"{a['id']} ({(a['published'] or '')[:10]})"
                               for a in row["articles"]]
            row["outlets"] = [f"{o['site']} {o['articles']}" for o in row["outlets"]]
    _print_rows(rows, output_format, f"{len(rows)} story(ies)",
                ["id", "first_day", "last_day", "size", "title", "outlets", "top_entities",
                 "articles"])


class Relation(StrEnum):
    """`newsgraph.link.network.RELATIONS` (spelled out: the CLI starts without SQLAlchemy)."""

    talks_about = "talks-about"
    talked_about_by = "talked-about-by"
    named_with = "named-with"


@app.command()
def network(
    entity: EntityArgument,
    relation: Annotated[Relation, typer.Option(
        help="talks-about: entities named in its quotes; talked-about-by: speakers who name "
             "it in quotes; named-with: entities in the same articles.")
    ] = Relation.talks_about,
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many rows.")] = 20,
    output_format: Annotated[ListFormat, typer.Option(
        "--format", help="table, json or csv.")] = ListFormat.table,
) -> None:
    """Who quotes whom and who appears with whom: one entity's neighbours, strongest first."""
    from newsgraph.link import neighbours

    rows = _entity_rows(db, entity, lambda store: neighbours(store, entity, relation.value,
                                                            limit))
    title = f"{entity}: {relation.value} ({len(rows)})"
    _print_rows(rows, output_format, title, ["name", "type", "quotes", "articles"])
