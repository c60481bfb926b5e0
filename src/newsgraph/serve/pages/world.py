"""`/events` (table with filters), `/map` (places on a world map; a place's articles) and
`/stories` (story clusters) and `/stories/{id}` (what one story shows)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

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

Text = Annotated[str | None, Query(max_length=200)]


@router.get("/events", response_class=HTMLResponse, include_in_schema=False)
def events_page(request: Request, type: Text = None, actor: Text = None, target: Text = None,
                place: Text = None, since: date | None = None, all: bool = False,
                main: bool = False, cursor: Text = None) -> HTMLResponse:
    """Who did what to whom, newest first, filterable; negated/hypothetical ones on request,
    or each article's main event alone."""
    params = {"type": type, "actor": actor, "target": target, "place": place,
              "since": since.isoformat() if since else None, "all": "true" if all else None,
              "main": "true" if main else None}
    page = run(request, lambda: queries(request).events(
        type=type, actor=actor, target=target, place=place, since=params["since"],
        include_unreal=all, main_only=main, limit=50, cursor=cursor))
    return render(request, "events.html", {
        "events": page.items, "params": params,
        "next_url": query_url("/events", {**params, "cursor": page.next}) if page.next else None,
        "exports": exports("/api/events", params),
    })


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(request: Request, place: Text = None) -> HTMLResponse:
    """Places on a world map; with `place`, the articles that name it."""
    places = run(request, lambda: queries(request).places(limit=500)).items
    articles = (run(request, lambda: queries(request).place_articles(place))
                if place else None)
    return render(request, "map.html", {
        "places": places, "place": place, "articles": articles,
        "exports": exports("/api/places", {}),
        "place_exports": exports("/api/places/articles", {"name": place}) if place else None,
    })


@router.get("/stories", response_class=HTMLResponse, include_in_schema=False)
def stories_page(request: Request, since: date | None = None,
                 cursor: Text = None) -> HTMLResponse:
    """Story clusters (built by `newsgraph link`), latest first."""
    day = since.isoformat() if since else None
    page = run(request, lambda: queries(request).stories(since=day, limit=30, cursor=cursor))
    loose = [] if cursor else run(request, lambda: queries(request).unclustered(limit=20))
    return render(request, "stories.html", {
        "stories": page.items, "since": day, "unclustered": loose,
        "next_url": query_url("/stories", {"since": day, "cursor": page.next})
        if page.next else None,
        "exports": exports("/api/stories", {"since": day}),
    })


@router.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
def story_page(request: Request,
               story_id: Annotated[str, Path(max_length=200)]) -> HTMLResponse:
    """One story: who broke it, its outlets, the people quoted and their quotations, its
    events and places, day by day."""
    from newsgraph.link.story_view import story_detail

    story = run(request, lambda: story_detail(queries(request).store, story_id))
    if story is None:
        return not_found(request, f"There is no story with id “{story_id}”.")
    return render(request, "story.html", {
        "story": story, "json_url": f"/api/stories/{segment(story_id)}"})
