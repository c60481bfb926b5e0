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
    story_id: Annotated[str | None, typer.Argument(
        help="One story's id (from the list): everything it shows.")] = None,
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(
        help="Only stories with an article on or after this day, YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many stories.")] = 50,
    output_format: Annotated[ListFormat, typer.Option(
        "--format", help="table, json or csv.")] = ListFormat.table,
) -> None:
    """Stories: articles about one happening, published within a few days, newest first.
    With a story's id: its outlets, who broke it, the people quoted and their quotations
    (first printed by, repeated by), its events, places and days."""
    from newsgraph.link import stored_stories

    check_day(since, "--since")
    with open_store(db, create=False) as store:
        _up_to_date(store)
        if story_id is not None:
            return _one_story(store, story_id, output_format)
        rows = stored_stories(store, since, limit)
    if output_format is not ListFormat.json:
        for row in rows:
            row["articles"] = [f"{a['id']} ({(a['published'] or '')[:10]})"
                               for a in row["articles"]]
            row["outlets"] = [f"{o['site']} {o['articles']}" for o in row["outlets"]]
    _print_rows(rows, output_format, f"{len(rows)} story(ies)",
                ["id", "first_day", "last_day", "size", "title", "outlets", "top_entities",
                 "articles"])


def _one_story(store: Store, story_id: str, output_format: ListFormat) -> None:
    """Print what one story shows: as JSON, or as sections of plain text."""
    import json

    from newsgraph.link.story_view import story_detail

    story = story_detail(store, story_id)
    if story is None:
        raise fail(f"no story has the id {story_id!r} (see `newsgraph stories`)")
    if output_format is ListFormat.json:
        typer.echo(json.dumps(story, ensure_ascii=False, indent=2))
        return
    for line in story_lines(story):
        typer.echo(line)


def story_lines(story: dict[str, Any]) -> list[str]:
    """A story as lines of text: title, who broke it, outlets, people and their quotations,
    events, places, day by day."""
    def article(a: dict[str, Any], key: str = "id") -> str:
        return f"{a[key]} ({a.get('site') or 'unknown outlet'}, {(a.get('published') or '')[:10]})"

    first = story["first"]
    lines = [f"{story['title'] or '(untitled story)'}  [{story['id']}]",
             f"{story['first_day']} to {story['last_day']}, {story['size']} articles",
             f"Broke it: {first['title'] or first['id']} — {article(first)}",
             "Outlets: " + ", ".join(f"{o['site']} {o['articles']}" for o in story["outlets"]),
             "", "People quoted:"]
    for person in story["people"]:
        lines.append(f"  {person['name']}: {len(person['quotations'])} quotation(s) in "
                     f"{person['articles']} article(s)")
        for quotation in person["quotations"]:
            lines.append(f"    {quotation['text']}")
            lines.append(f"      first: {article(quotation['first'], 'article_id')}")
            lines += [f"      again: {article(r, 'article_id')}" for r in quotation["repeats"]]
    lines += ["", "Events:"] + [
        f"  {e['type']}: {e['actor'] or '-'} -> {e['target'] or '-'}"
        f"{' in ' + e['place'] if e['place'] else ''}{' on ' + e['date'] if e['date'] else ''}"
        f"; first {article(e['first'], 'article_id')}, {e['articles']} article(s)"
        for e in story["events"]]
    lines += ["", "Places:"] + [f"  {p['name']}: {p['articles']} article(s), "
                                f"{p['mentions']} mention(s)" for p in story["places"]]
    lines += ["", "Day by day:"]
    for day in story["days"]:
        lines.append(f"  {day['day']}: {len(day['articles'])} article(s), "
                     f"{len(day['new_quotes'])} new quotation(s), "
                     f"{len(day['new_events'])} new event(s)")
        lines += [f"    {a['title'] or a['id']} — {article(a)}" for a in day["articles"]]
    return lines


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
