"""`newsgraph events`: who did what to whom, from the store, with the evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsgraph.cli.base import app
from newsgraph.cli.options import DbOption, check_day, open_store
from newsgraph.cli.store_cmds import ListFormat, _print_rows

if TYPE_CHECKING:
    from newsgraph.model import Event
    from newsgraph.store import Store

COLUMNS = ["date", "type", "mode", "actor", "target", "place", "trigger", "article_id", "start",
           "end"]


def stored_events(store: Store, event_type: str | None = None, actor: str | None = None,
                  target: str | None = None, place: str | None = None, since: str | None = None,
                  include_unreal: bool = False, limit: int = 50,
                  main_only: bool = False) -> list[dict[str, Any]]:
    """Stored events, newest article first, filtered as the API filters them, each with its
    evidence sentences and whether it is its article's main event (`main`, `salience`);
    negated, hypothetical and intended events only with `include_unreal`, each article's
    main event alone with `main_only`."""
    from newsgraph.store.queries import Queries

    page = Queries(store).events(type=event_type, actor=actor, target=target, place=place,
                                 since=since, include_unreal=include_unreal,
                                 main_only=main_only, limit=limit)
    articles: dict[str, list[Event]] = {}
    rows = []
    for item in page.items:
        if item["article_id"] not in articles:
            article = store.get(item["article_id"])
            articles[item["article_id"]] = article.events if article is not None else []
        events = articles[item["article_id"]]
        event = events[item["seq"]] if item["seq"] < len(events) else None
        rows.append({**item,
                     "actor": _label(item["actor"], item["actor_country"], item["actor_sector"]),
                     "target": _label(item["target"], item["target_country"],
                                      item["target_sector"]),
                     "evidence": [s.text for s in event.evidence] if event is not None else []})
    return rows


def _label(text: str | None, country: str | None, sector: str | None) -> str | None:
    code = "/".join(part for part in (country, sector) if part)
    return f"{text} ({code})" if code and text else text or code or None


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
    main_only: Annotated[bool, typer.Option(
        "--main", help="Only each article's main event (GDELT's IsRootEvent).")] = False,
    limit: Annotated[int, typer.Option(min=1, help="At most this many events.")] = 50,
    output_format: Annotated[ListFormat, typer.Option(
        "--format", help="table, json or csv.")] = ListFormat.table,
    explain: Annotated[str | None, typer.Option(
        help="Instead of the store: analyse this text (or the text file at this path) and "
             "show why each candidate trigger word was coded or dropped, and by which rule.")
    ] = None,
) -> None:
    """Who did what to whom: stored PLOVER events, newest first, with their trigger."""
    if explain is not None:
        from newsgraph import AnalysisError

        try:
            rows = explained_candidates(explain)
        except AnalysisError as error:  # empty, too long: say why, no traceback
            raise typer.BadParameter(str(error), param_hint="--explain") from error
        _print_rows(rows, output_format, "candidate triggers", EXPLAIN_COLUMNS)
        return
    check_day(since, "--since")
    with open_store(db, create=False, read_only=True) as store:
        rows = stored_events(store, event_type, actor, target, place, since, all_events, limit,
                             main_only)
    columns = list(COLUMNS)
    if output_format is not ListFormat.table:
        columns += ["cameo", "negated", "hypothetical", "intended", "main", "salience",
                    "evidence"]
    _print_rows(rows, output_format, f"{len(rows)} event(s)", columns)


EXPLAIN_COLUMNS = ["start", "text", "outcome", "type", "cameo", "flags", "rule"]


def explained_candidates(text_or_path: str) -> list[dict[str, Any]]:
    """Every candidate trigger of one analysed text and what became of it (see
    `newsgraph.stages.events.explain`)."""
    from pathlib import Path

    from newsgraph import analyze
    from newsgraph.stages.events.explain import explaining

    path = Path(text_or_path)
    try:  # a long text is no file name (the system refuses names over 255 bytes)
        is_file = len(text_or_path) < 4096 and path.is_file()
    except OSError:
        is_file = False
    text = path.read_text(encoding="utf-8") if is_file else text_or_path
    with explaining() as trace:
        analyze(text)
    return trace.rows()
