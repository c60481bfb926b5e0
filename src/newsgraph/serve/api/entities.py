"""`/api/entities`: entities over all articles, and the attention one entity got over time."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from newsgraph.serve.api.common import (
    ApiQueries,
    BrowseQueries,
    Cursor,
    Format,
    Limit,
    Run,
    error,
    list_response,
)
from newsgraph.store.queries import Page

router = APIRouter(tags=["entities"])

ENTITY_COLUMNS = ["name", "type", "articles", "mentions", "roles"]
ATTENTION_COLUMNS = ["period", "articles", "mentions", "quotes", "all_articles", "share"]


@router.get("/api/entities")
def list_entities(request: Request, queries: ApiQueries, run: Run,
                  type: Annotated[str | None, Query(
                      max_length=50, description="PERSON, ORG, GPE, ... (any case)")] = None,
                  limit: Limit = 50, cursor: Cursor = None,
                  output_format: Format = None) -> Response:
    """Entities over all articles, most widespread first."""
    page = run(lambda: queries.entities(type=type, limit=limit, cursor=cursor))
    return list_response(request, page, ENTITY_COLUMNS, output_format)


@router.get("/api/entities/{name}/attention")
def attention(request: Request, queries: BrowseQueries, run: Run,
              name: Annotated[str, Path(max_length=200)],
              by: Annotated[Literal["day", "week", "month"], Query(
                  description="Length of a period (weeks start on Monday).")] = "week",
              output_format: Format = None) -> Response:
    """Per period, zero-filled: articles naming the entity, its mentions, quotes by it,
    all articles, and the share of all articles that name it."""
    found = run(lambda: queries.entity_names(name))
    if found is None:
        return error(404, f"no entity called {name!r}")
    rows = run(lambda: queries.attention(found[2], found[1], by))
    return list_response(request, Page(rows), ATTENTION_COLUMNS, output_format)


PORTRAYAL_COLUMNS = ["period", "site", "articles", "mentions", "negative", "neutral",
                     "positive", "score"]


@router.get("/api/entities/{name}/portrayal")
def portrayal(request: Request, queries: BrowseQueries, run: Run,
              name: Annotated[str, Path(max_length=200)],
              by: Annotated[Literal["day", "week", "month"], Query(
                  description="Length of a period (weeks start on Monday).")] = "month",
              output_format: Format = None) -> Response:
    """How the articles portray the entity, per period and outlet: its mentions by polarity
    and the mean score per mention, P(positive) - P(negative) (-1 hostile, +1 favourable)."""
    from newsgraph.store.portrayal import entity_portrayal

    found = run(lambda: queries.entity_names(name))
    if found is None:
        return error(404, f"no entity called {name!r}")
    rows = run(lambda: entity_portrayal(queries.store, found[2], found[1], by))
    return list_response(request, Page(rows), PORTRAYAL_COLUMNS, output_format)
