"""`/`: search with the parsed query shown, facets with counts (state in the URL), results
with their best matching sentence."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from newsgraph.serve.api.common import SearchSlot
from newsgraph.serve.pages.common import exports, queries, query_url, render, run
from newsgraph.serve.pages.query import best_sentence, describe, parse_query
from newsgraph.store.browse import SearchFilters
from newsgraph.store.queries import RANK_CANDIDATES

router = APIRouter()

#: Facets in the order the page shows them, with their headings.
FACETS = {"site": "Site", "type": "Entity type", "quote": "Quotes", "year": "Year",
          "month": "Month"}
FACET_KEYS = (*FACETS, "speaker")
Param = Annotated[str | None, Query(max_length=200)]


def _state(q: str, values: dict[str, str | None]) -> dict[str, Any]:
    return {"q": q, **{key: value for key, value in values.items() if value}}


def facet_links(q: str, values: dict[str, str | None], facets: dict[str, list[tuple[str, int]]]
                ) -> list[dict[str, Any]]:
    """Per facet: its values with counts, each with the URL that toggles it."""
    state = _state(q, values)
    groups = []
    for key, heading in FACETS.items():
        options = []
        for value, count in facets.get(key, []):
            active = (values.get(key) or "").lower() == value.lower()
            changed = {**state, key: None if active else value}
            if key == "year":
                changed["month"] = None
            options.append({"value": value, "count": count, "active": active,
                            "url": query_url("/", changed)})
        if options:
            groups.append({"key": key, "heading": heading, "options": options})
    return groups


def export_params(filters: SearchFilters) -> tuple[str, dict[str, Any]]:
    """The API list matching the search: search with words or facets, else all articles."""
    params = {"q": filters.words, "site": filters.site, "type": filters.type,
              "quote": filters.quote, "year": filters.year, "month": filters.month,
              "speaker": filters.speaker}
    if any(value for value in params.values()):
        return "/api/search", params
    return "/api/articles", {}


@router.get("/", response_class=HTMLResponse, include_in_schema=False,
            dependencies=[SearchSlot])
def search_page(request: Request, q: Annotated[str, Query(max_length=500)] = "",
                site: Param = None, type: Param = None, quote: Param = None,
                year: Param = None, month: Param = None, speaker: Param = None,
                cursor: Param = None) -> HTMLResponse:
    """The search page (every article, newest first, when nothing is asked)."""
    values = {"site": site, "type": type, "quote": quote, "year": year, "month": month,
              "speaker": speaker}
    filters = parse_query(q, values)
    found = run(request, lambda: queries(request).find(filters, limit=20, cursor=cursor))
    results = [{**item, "sentence": best_sentence(item["text"], found.terms)}
               for item in found.items]
    applied = {key: getattr(filters, key) for key in FACET_KEYS}
    path, params = export_params(filters)
    return render(request, "search.html", {
        "q": q, "filters": filters, "parsed": describe(filters, found.terms),
        "results": results, "total": found.total, "newest_only": found.facets_of_newest,
        "rank_candidates": RANK_CANDIDATES,
        "facets": facet_links(q, applied, found.facets),
        "active": [(key, value, query_url("/", {**_state(q, values), key: None}))
                   for key, value in values.items() if value],
        "next_url": query_url("/", {**_state(q, values), "cursor": found.next})
        if found.next else None,
        "exports": exports(path, params),
    })
