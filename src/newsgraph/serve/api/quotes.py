"""`/api/quotes`: who said what."""

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
    Until,
    day,
    list_response,
)

router = APIRouter(tags=["quotes"])

QUOTE_COLUMNS = ["article_id", "published", "title", "site", "start", "end", "text", "direct",
                 "partial", "speaker", "cue", "addressee", "date"]


@router.get("/api/quotes")
def list_quotes(request: Request, queries: ApiQueries, run: Run,
                speaker: Annotated[str | None, Query(
                    max_length=200, description="Part of the speaker's name.")] = None,
                about: Annotated[str | None, Query(
                    max_length=500, description="Words that must all be in the quote.")
                ] = None,
                since: Since = None, until: Until = None,
                direct: Annotated[bool | None, Query(
                    description="true: direct quotes only; false: reported speech.")] = None,
                anonymous: Annotated[bool | None, Query(
                    description="true: unnamed sources only; false: named ones.")] = None,
                site: Text = None, limit: Limit = 50, cursor: Cursor = None,
                output_format: Format = None) -> Response:
    """Who said what, newest article first."""
    page = run(lambda: queries.quotes(
        speaker=speaker, about=about, since=day(since), until=day(until), direct=direct,
        anonymous=anonymous, site=site, limit=limit, cursor=cursor))
    return list_response(request, page, QUOTE_COLUMNS, output_format)
