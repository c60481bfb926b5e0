"""The read API: JSON (and CSV) over a read-only store, with OpenAPI docs at `/api/docs`.

Every list answers `{"items": [...], "next": cursor-or-null}`; pass `cursor=<next>` for the
following page. `?format=csv` or `Accept: text/csv` gives the same page as CSV, with the next
cursor in the `X-Next-Cursor` header. Errors are `{"error": message}` with a fitting status:
404 unknown article or path, 422 bad parameters or cursor, 503 a query over the time limit.
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from fastapi import FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from newsgraph import __version__
from newsgraph.serve.readonly import QueryTimeout, open_readonly, time_limit
from newsgraph.store.queries import CursorError, Page, Queries

#: Seconds a request's queries may run before they are stopped.
DEFAULT_TIME_LIMIT = 10.0
#: Most rows one page may hold.
MAX_LIMIT = 500

T = TypeVar("T")

Format = Annotated[Literal["json", "csv"] | None, Query(
    alias="format", description="json (default) or csv; `Accept: text/csv` also gives CSV.")]
Cursor = Annotated[str | None, Query(description="The `next` cursor of the previous page.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")]
Since = Annotated[date | None, Query(description="On or after this day (YYYY-MM-DD).")]
Until = Annotated[date | None, Query(description="On or before this day (YYYY-MM-DD).")]
Text = Annotated[str | None, Query(max_length=500)]

ARTICLE_COLUMNS = ["id", "title", "published", "site", "url", "language", "authors"]
ENTITY_COLUMNS = ["name", "type", "articles", "mentions", "roles"]
QUOTE_COLUMNS = ["article_id", "published", "title", "site", "start", "end", "text", "direct",
                 "partial", "speaker", "cue", "addressee", "date"]
EVENT_COLUMNS = ["article_id", "published", "date", "type", "cameo", "mode", "actor",
                 "actor_country", "target", "target_country", "place", "trigger", "start", "end",
                 "negated", "hypothetical", "intended"]
SEARCH_COLUMNS = ["id", "title", "snippet"]
COUNT_COLUMNS = ["day", "articles"]


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _wants_csv(request: Request, output_format: str | None) -> bool:
    if output_format is not None:
        return output_format == "csv"
    return "text/csv" in request.headers.get("accept", "")


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return "" if value is None else value


def _list_response(request: Request, page: Page, columns: list[str],
                   output_format: str | None) -> Response:
    """A page as JSON `{"items", "next"}` or, when asked for, as CSV."""
    if not _wants_csv(request, output_format):
        return JSONResponse({"items": page.items, "next": page.next})
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for item in page.items:
        writer.writerow([_cell(item.get(column)) for column in columns])
    headers = {"X-Next-Cursor": page.next} if page.next else {}
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


def create_app(db_url: str, *, time_limit_seconds: float = DEFAULT_TIME_LIMIT) -> FastAPI:
    """The API over the store at `db_url` (a path or URL), opened read-only.

    Raises `StoreNotFound`/`StoreError` when there is no usable store there.
    """
    store = open_readonly(db_url, time_limit_seconds)
    queries = Queries(store)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="newsgraph", version=__version__, lifespan=lifespan,
                  docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json",
                  description="Read API over a newsgraph store: articles, entities, quotes, "
                              "events, full-text search and counts over time.")
    app.state.store = store
    app.state.time_limit = time_limit_seconds

    def run(query: Callable[[], T]) -> T:
        with time_limit(app.state.time_limit):
            return query()

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for problem in exc.errors():
            where = ".".join(str(part) for part in problem.get("loc", ()) if part != "query")
            problems.append(f"{where}: {problem.get('msg')}" if where else problem.get("msg"))
        return _error(422, "; ".join(problems) or "bad parameters")

    @app.exception_handler(CursorError)
    async def cursor_error(_request: Request, exc: CursorError) -> JSONResponse:
        return _error(422, f"cursor: {exc} (use the `next` value of the previous page)")

    @app.exception_handler(QueryTimeout)
    async def timeout_error(_request: Request, exc: QueryTimeout) -> JSONResponse:
        return _error(503, str(exc))

    @app.get("/api/articles", tags=["articles"])
    def list_articles(request: Request, since: Since = None, until: Until = None,
                      site: Text = None, limit: Limit = 50, cursor: Cursor = None,
                      output_format: Format = None) -> Response:
        """Stored articles, newest first (undated last)."""
        page = run(lambda: queries.articles(since=_day(since), until=_day(until), site=site,
                                            limit=limit, cursor=cursor))
        return _list_response(request, page, ARTICLE_COLUMNS, output_format)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def get_article(article_id: Annotated[str, Path(max_length=200)]) -> Response:
        """One analysed article: its text and every annotation, as stored."""
        article = run(lambda: store.get(article_id))
        if article is None:
            return _error(404, f"no article with id {article_id!r}")
        return JSONResponse(article.model_dump(mode="json"))

    @app.get("/api/entities", tags=["entities"])
    def list_entities(request: Request,
                      type: Annotated[str | None, Query(
                          max_length=50, description="PERSON, ORG, GPE, ... (any case)")] = None,
                      limit: Limit = 50, cursor: Cursor = None,
                      output_format: Format = None) -> Response:
        """Entities over all articles, most widespread first."""
        page = run(lambda: queries.entities(type=type, limit=limit, cursor=cursor))
        return _list_response(request, page, ENTITY_COLUMNS, output_format)

    @app.get("/api/quotes", tags=["quotes"])
    def list_quotes(request: Request,
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
            speaker=speaker, about=about, since=_day(since), until=_day(until), direct=direct,
            anonymous=anonymous, site=site, limit=limit, cursor=cursor))
        return _list_response(request, page, QUOTE_COLUMNS, output_format)

    @app.get("/api/events", tags=["events"])
    def list_events(request: Request,
                    type: Annotated[str | None, Query(
                        max_length=50, description="PLOVER type, e.g. ASSAULT.")] = None,
                    actor: Annotated[str | None, Query(
                        max_length=200, description="Country/sector code or word.")] = None,
                    target: Annotated[str | None, Query(
                        max_length=200, description="Country/sector code or word.")] = None,
                    place: Text = None, since: Since = None,
                    all: Annotated[bool, Query(
                        description="Also negated, hypothetical and intended events.")] = False,
                    limit: Limit = 50, cursor: Cursor = None,
                    output_format: Format = None) -> Response:
        """Who did what to whom, newest article first."""
        page = run(lambda: queries.events(type=type, actor=actor, target=target, place=place,
                                          since=_day(since), include_unreal=all, limit=limit,
                                          cursor=cursor))
        return _list_response(request, page, EVENT_COLUMNS, output_format)

    @app.get("/api/search", tags=["search"])
    def search(request: Request,
               q: Annotated[str, Query(min_length=1, max_length=500,
                                       description="Words that must all occur.")],
               limit: Limit = 20, cursor: Cursor = None,
               output_format: Format = None) -> Response:
        """Full-text search over title and text, best match first. The snippet marks matches
        with `<mark>`; the rest of it is the article's text, not HTML."""
        page = run(lambda: queries.search(q, limit=limit, cursor=cursor))
        return _list_response(request, page, SEARCH_COLUMNS, output_format)

    @app.get("/api/counts", tags=["counts"])
    def counts(request: Request, since: Since = None, until: Until = None,
               output_format: Format = None) -> Response:
        """Articles per publish day, oldest first."""
        page = run(lambda: queries.counts(since=_day(since), until=_day(until)))
        return _list_response(request, page, COUNT_COLUMNS, output_format)

    return app
