"""`/speakers/{name}` (every quote of a person, who they talk about) and `/entities/{name}`
(attention over time: counts and share of all articles, zero-filled; how the articles
portray the entity, by outlet and period)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from newsgraph.serve.pages.common import (
    exports,
    not_found,
    queries,
    query_url,
    render,
    run,
    segment,
)

router = APIRouter()

Name = Annotated[str, Path(max_length=200)]
Period = Literal["day", "week", "month"]


@router.get("/speakers/{name:path}", response_class=HTMLResponse, include_in_schema=False)
def speaker_page(request: Request, name: Name,
                 cursor: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    """Every quote of one speaker over time, with sources, and who they talk about."""
    found = run(request, lambda: queries(request).entity_names(name))
    names = sorted({name, *(found[2] if found else [])})
    page = run(request, lambda: queries(request).speaker_quotes(names, cursor=cursor))
    if not page.items and not cursor:
        return not_found(request, f"No quotes are attributed to “{name}”.")
    about = run(request, lambda: queries(request).talked_about(names))
    months = run(request, lambda: queries(request).speaker_months(names))
    return render(request, "speaker.html", {
        "name": name, "aliases": [n for n in names if n != name], "quotes": page.items,
        "about": about, "chart": months,
        "entity": found[0] if found else None,
        "next_url": query_url(request.url.path, {"cursor": page.next}) if page.next else None,
        "exports": exports("/api/quotes", {"speaker": name}),
    })


@router.get("/entities/{name:path}", response_class=HTMLResponse, include_in_schema=False)
def entity_page(request: Request, name: Name, by: Period = "week") -> HTMLResponse:
    """One entity's attention over time and its portrayal, with its aliases."""
    from newsgraph.store.portrayal import entity_portrayal

    found = run(request, lambda: queries(request).entity_names(name))
    if found is None:
        return not_found(request, f"There is no entity called “{name}”.")
    canonical, entity_type, names = found
    rows = run(request, lambda: queries(request).attention(names, entity_type, by))
    quoted = run(request, lambda: queries(request).speaker_quotes(names, limit=1)).items
    articles = run(request, lambda: queries(request).entity_articles(names, entity_type))
    portrayal = run(request, lambda: entity_portrayal(queries(request).store, names,
                                                      entity_type, by))
    data_path = f"/api/entities/{segment(canonical)}/attention"
    portrayal_path = f"/api/entities/{segment(canonical)}/portrayal"
    return render(request, "entity.html", {
        "name": canonical, "type": entity_type, "aliases": [n for n in names if n != canonical],
        "by": by, "rows": rows, "is_speaker": bool(quoted), "articles": articles,
        "periods": ("day", "week", "month"),
        "data_url": query_url(data_path, {"by": by}),
        "exports": exports(data_path, {"by": by}),
        "portrayal": portrayal, "portrayal_total": portrayal_totals(portrayal),
        "portrayal_sites": portrayal_by_site(portrayal),
        "portrayal_exports": exports(portrayal_path, {"by": by}),
    })


PORTRAYAL_LABELS = ("negative", "neutral", "positive")


def _summed(rows: list[dict[str, Any]], site: str | None) -> dict[str, Any]:
    """`rows` of `entity_portrayal` added up: articles, mentions by polarity, the mean score
    per mention."""
    mentions = sum(row["mentions"] for row in rows)
    weighted = sum(row["score"] * row["mentions"] for row in rows)
    return {"site": site, "articles": sum(row["articles"] for row in rows),
            "mentions": mentions,
            **{label: sum(row[label] for row in rows) for label in PORTRAYAL_LABELS},
            "score": round(weighted / mentions, 4) if mentions else 0.0}


def portrayal_totals(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Every period and outlet together; None when no mention has a polarity."""
    total = _summed(rows, None)
    return total if total["mentions"] else None


def portrayal_by_site(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per outlet over all periods, most mentions first."""
    sites: dict[str | None, list[dict[str, Any]]] = {}
    for row in rows:
        sites.setdefault(row["site"], []).append(row)
    summed = [_summed(found, site) for site, found in sites.items()]
    return sorted(summed, key=lambda row: (-row["mentions"], row["site"] or ""))
