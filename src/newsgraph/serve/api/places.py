"""`/api/places` and `/api/stories`: resolved places and story clusters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from newsgraph.serve.api.common import (
    BrowseQueries,
    Cursor,
    Format,
    Limit,
    Run,
    SearchSlot,
    Since,
    day,
    error,
    list_response,
)
from newsgraph.store.queries import Page

router = APIRouter(tags=["places"])
stories_router = APIRouter(tags=["stories"])

PLACE_COLUMNS = ["name", "country", "admin1", "lat", "lon", "articles", "mentions"]
PLACE_ARTICLE_COLUMNS = ["id", "title", "published", "site"]
STORY_COLUMNS = ["id", "first_day", "last_day", "size", "title", "top_entities", "articles"]


@router.get("/api/places")
def list_places(request: Request, queries: BrowseQueries, run: Run, limit: Limit = 500,
                cursor: Cursor = None, output_format: Format = None) -> Response:
    """Resolved places with coordinates, by the number of articles that name them."""
    page = run(lambda: queries.places(limit=limit, cursor=cursor))
    return list_response(request, page, PLACE_COLUMNS, output_format)


@router.get("/api/places/articles", dependencies=[SearchSlot])
def place_articles(request: Request, queries: BrowseQueries, run: Run,
                   name: Annotated[str, Query(min_length=1, max_length=200,
                                              description="The place's resolved name.")],
                   limit: Limit = 50, output_format: Format = None) -> Response:
    """Articles naming one place, newest first. (A name that no article has costs a look
    through every place mention: these requests wait for a search slot, as searches do.)"""
    items = run(lambda: queries.place_articles(name, limit=limit))
    return list_response(request, Page(items), PLACE_ARTICLE_COLUMNS, output_format)


@stories_router.get("/api/stories")
def list_stories(request: Request, queries: BrowseQueries, run: Run, since: Since = None,
                 limit: Limit = 50, cursor: Cursor = None,
                 output_format: Format = None) -> Response:
    """Story clusters (built by `newsgraph link`), latest first, with their articles."""
    page = run(lambda: queries.stories(since=day(since), limit=limit, cursor=cursor))
    return list_response(request, page, STORY_COLUMNS, output_format)


@stories_router.get("/api/stories/{story_id}")
def get_story(request: Request, run: Run,
              story_id: Annotated[str, Path(max_length=200)]) -> Response:
    """One story: its articles, outlets, who broke it, the people quoted and their
    quotations (first appearance and repeats), its events and places, and its days."""
    from newsgraph.link.story_view import story_detail

    store = request.app.state.store
    story = run(lambda: story_detail(store, story_id))
    if story is None:
        return error(404, f"no story with id {story_id!r}")
    return JSONResponse(story)
