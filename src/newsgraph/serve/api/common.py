"""What every API router shares: parameter aliases, the dependencies that hand a route its
queries under the request's time limit, and the JSON/CSV list response."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

import anyio
from fastapi import Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from newsgraph.export.spreadsheet import csv_text
from newsgraph.serve.readonly import QueryTimeout, time_limit
from newsgraph.store.browse import PageQueries
from newsgraph.store.queries import Page, Queries

T = TypeVar("T")

#: Most rows one page may hold.
MAX_LIMIT = 500
#: Longest cursor accepted (the ones handed out are far shorter).
MAX_CURSOR = 1000

Format = Annotated[Literal["json", "csv"] | None, Query(
    alias="format", description="json (default) or csv; `Accept: text/csv` also gives CSV.")]
Cursor = Annotated[str | None, Query(max_length=MAX_CURSOR,
                                     description="The `next` cursor of the previous page.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")]
Since = Annotated[date | None, Query(description="On or after this day (YYYY-MM-DD).")]
Until = Annotated[date | None, Query(description="On or before this day (YYYY-MM-DD).")]
Text = Annotated[str | None, Query(max_length=500)]


class Limited:
    """Runs queries under the request's time limit (`QueryTimeout` past it). The limit counts
    from `started` (when the request began waiting, e.g. for a search slot)."""

    def __init__(self, seconds: float, started: float | None = None) -> None:
        self.seconds = seconds
        self.started = time.monotonic() if started is None else started

    def __call__(self, query: Callable[[], T]) -> T:
        left = self.seconds - (time.monotonic() - self.started)
        if left <= 0:
            raise QueryTimeout(f"the request took longer than {self.seconds:g} s")
        with time_limit(left, stated=self.seconds):
            return query()


def limited(request: Request) -> Limited:
    return Limited(request.app.state.time_limit, getattr(request.state, "started", None))


def api_queries(request: Request) -> Queries:
    return request.app.state.queries


def page_queries(request: Request) -> PageQueries:
    return request.app.state.page_queries


async def search_slot(request: Request) -> AsyncIterator[None]:
    """Hold one of the app's few search slots while the route runs. Searches are the costly
    requests a visitor controls: however many arrive at once, only `search_slots` run and
    the rest wait (up to half the time limit, then 503; the wait counts towards the limit),
    so they can neither take every database connection nor every worker thread from the
    other pages."""
    state = request.app.state
    request.state.started = time.monotonic()
    slots: anyio.Semaphore | None = getattr(state, "search_slots_held", None)
    if slots is None:  # made in the event loop, where every request runs this
        slots = state.search_slots_held = anyio.Semaphore(state.search_slots)
    with anyio.move_on_after(state.time_limit / 2) as waiting:
        await slots.acquire()
    if waiting.cancelled_caught:
        raise QueryTimeout("the server is busy with other searches; try again in a moment")
    try:
        yield
    finally:
        slots.release()


Run = Annotated[Limited, Depends(limited)]
ApiQueries = Annotated[Queries, Depends(api_queries)]
BrowseQueries = Annotated[PageQueries, Depends(page_queries)]
SearchSlot = Depends(search_slot)


def day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def wants_csv(request: Request, output_format: str | None) -> bool:
    if output_format is not None:
        return output_format == "csv"
    return "text/csv" in request.headers.get("accept", "")


def cell(value: Any) -> Any:
    """A CSV cell: lists joined with "; " (entities by their id), None as empty."""
    if isinstance(value, list):
        return "; ".join(str(item["id"] if isinstance(item, dict) and "id" in item else item)
                         for item in value)
    return "" if value is None else value


def list_response(request: Request, page: Page, columns: list[str],
                  output_format: str | None) -> Response:
    """A page as JSON `{"items", "next"}` or, when asked for, as CSV (formula-safe cells)."""
    if not wants_csv(request, output_format):
        return JSONResponse({"items": page.items, "next": page.next})
    rows = [[cell(item.get(column)) for column in columns] for item in page.items]
    headers = {"X-Next-Cursor": page.next} if page.next else {}
    return Response(csv_text(columns, rows, lineterminator="\r\n"),
                    media_type="text/csv; charset=utf-8", headers=headers)
