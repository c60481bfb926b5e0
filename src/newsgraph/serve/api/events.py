"""`/api/events`: who did what to whom."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newsgraph.serve.api.common import (
    ApiQueries,
    Cursor,
    Format,
    Limit,
    Run,
    Since,
    Text,
    day,
    list_response,
)

router = APIRouter(tags=["events"])

EVENT_COLUMNS = ["article_id", "published", "date", "type", "cameo", "mode", "actor",
                 "actor_country", "target", "target_country", "place", "trigger", "start", "end",
                 "negated", "hypothetical", "intended", "main", "salience"]


@router.get("/api/events")
def list_events(request: Request, queries: ApiQueries, run: Run,
                type: Annotated[str | None, Query(
                    max_length=50, description="PLOVER type, e.g. ASSAULT.")] = None,
                actor: Annotated[str | None, Query(
                    max_length=200, description="Country/sector code or word.")] = None,
                target: Annotated[str | None, Query(
                    max_length=200, description="Country/sector code or word.")] = None,
                place: Text = None, since: Since = None,
                all: Annotated[bool, Query(
                    description="Also negated, hypothetical and intended events.")] = False,
                main: Annotated[bool, Query(
                    description="Only each article's main event (GDELT's IsRootEvent).")] = False,
                limit: Limit = 50, cursor: Cursor = None,
                output_format: Format = None) -> Response:
    """Who did what to whom, newest article first."""
    page = run(lambda: queries.events(type=type, actor=actor, target=target, place=place,
                                      since=day(since), include_unreal=all, main_only=main,
                                      limit=limit, cursor=cursor))
    return list_response(request, page, EVENT_COLUMNS, output_format)
