"""`newsgraph events`: who did what to whom, from the store, with the evidence."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsgraph.cli import app
from newsgraph.cli.store_cmds import DbOption, ListFormat, _open_store, _print_rows, check_day

if TYPE_CHECKING:
    from newsgraph.model import Event
    from newsgraph.store import Store

COLUMNS = ["date", "type", "mode", "actor", "target", "place", "trigger", "article_id", "start",
           "end"]


def _argument(raw: str | None) -> dict[str, Any]:
    return json.loads(raw) if raw else {}


def _matches(argument: dict[str, Any], wanted: str | None) -> bool:
    """"--actor ISR" matches a country or sector code; other words match the text."""
    if not wanted:
        return True
    codes = {str(argument.get("country") or "").upper(), str(argument.get("sector") or "").upper()}
    return wanted.upper() in codes or wanted.lower() in str(argument.get("text") or "").lower()


def _flags(store: Store, article_id: str, cache: dict[str, list[Event]]) -> list[Event]:
    if article_id not in cache:
        article = store.get(article_id)
        cache[article_id] = article.events if article is not None else []
    return cache[article_id]


def stored_events(store: Store, event_type: str | None = None, actor: str | None = None,
                  target: str | None = None, place: str | None = None, since: str | None = None,
                  include_unreal: bool = False, limit: int = 50) -> list[dict[str, Any]]:
    """Stored events, newest article first, filtered; negated, hypothetical and intended
    events only with `include_unreal` (their flags live in the article JSON)."""
    from sqlalchemy import func, select

    from newsgraph.store import schema

    e, a = schema.events, schema.articles
    query = (select(e.c.article_id, e.c.seq, e.c.type, e.c.cameo, e.c.actor, e.c.target,
                    e.c.place, e.c.date, e.c.trigger_start, e.c.trigger_end, e.c.trigger_text,
                    a.c.published)
             .select_from(e.join(a, a.c.id == e.c.article_id))
             .order_by(a.c.published.desc().nulls_last(), e.c.article_id, e.c.seq))
    if event_type:
        query = query.where(func.upper(e.c.type) == event_type.upper())
    if place:
        query = query.where(func.lower(e.c.place).contains(place.lower(), autoescape=True))
    if since:
        query = query.where(func.coalesce(e.c.date, a.c.published) >= since)
    rows: list[dict[str, Any]] = []
    cache: dict[str, list[Event]] = {}
    with store.engine.connect() as connection:
        for row in connection.execute(query):
            actor_arg, target_arg = _argument(row.actor), _argument(row.target)
            if not (_matches(actor_arg, actor) and _matches(target_arg, target)):
                continue
            events = _flags(store, row.article_id, cache)
            event = events[row.seq] if row.seq < len(events) else None
            unreal = event is not None and (event.negated or event.hypothetical or event.intended)
            if unreal and not include_unreal:
                continue
            rows.append({
                "date": row.date or row.published, "type": row.type,
                "mode": event.mode if event is not None else None,
                "actor": _label(actor_arg), "target": _label(target_arg), "place": row.place,
                "trigger": row.trigger_text, "article_id": row.article_id,
                "start": row.trigger_start, "end": row.trigger_end, "cameo": row.cameo,
                "negated": bool(event and event.negated),
                "hypothetical": bool(event and event.hypothetical),
                "intended": bool(event and event.intended),
                "evidence": [s.text for s in event.evidence] if event is not None else [],
            })
            if len(rows) >= limit:
                break
    return rows


def _label(argument: dict[str, Any]) -> str | None:
    if not argument:
        return None
    code = "/".join(part for part in (argument.get("country"), argument.get("sector")) if part)
    return f"{argument.get('text')} ({code})" if code else argument.get("text")


@app.command()
def events(
    db: DbOption = None,
    event_type: Annotated[str | None, typer.Option(
        "--type", help="Only this PLOVER type, e.g. ASSAULT, THREATEN.")] = None,
    actor: Annotated[str | None, typer.Option(
        help="Only events whose actor has this country or sector code (ISR, MIL) or word.")
    ] = None,
    target: Annotated[str | None, typer.Option(
        help="Only events whose target has this country or sector code or word.")] = None,
    place: Annotated[str | None, typer.Option(help="Only events at a place with this name.")
    ] = None,
    since: Annotated[str | None, typer.Option(
        help="Only events dated (or published) on or after this day, YYYY-MM-DD.")] = None,
    all_events: Annotated[bool, typer.Option(
        "--all", help="Also negated, hypothetical and intended events.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="At most this many events.")] = 50,
    output_format: Annotated[ListFormat, typer.Option(
        "--format", help="table, json or csv.")] = ListFormat.table,
) -> None:
    """Who did what to whom: stored PLOVER events, newest first, with their trigger."""
    check_day(since, "--since")
    with _open_store(db, create=False) as store:
        rows = stored_events(store, event_type, actor, target, place, since, all_events, limit)
    columns = list(COLUMNS)
    if output_format is not ListFormat.table:
        columns += ["cameo", "negated", "hypothetical", "intended", "evidence"]
    _print_rows(rows, output_format, f"{len(rows)} event(s)", columns)
