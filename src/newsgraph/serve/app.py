"""The read API (JSON and CSV over a read-only store, docs at `/api/docs`) and the web pages.

Every list answers `{"items": [...], "next": cursor-or-null}`; pass `cursor=<next>` for the
following page. `?format=csv` or `Accept: text/csv` gives the same page as CSV, with the next
cursor in the `X-Next-Cursor` header. Errors are `{"error": message}` with a fitting status:
404 unknown article or path, 422 bad parameters or cursor, 503 a query over the time limit.
The same app serves the web pages (`newsgraph.serve.pages`); outside `/api/` errors are pages.
Every response carries the security headers of `newsgraph.serve.security`.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from fastapi import FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from newsgraph import __version__
from newsgraph.serve.accounts import AccountSettings, install_accounts
from newsgraph.serve.pages import install_pages
from newsgraph.serve.readonly import QueryTimeout, open_readonly, time_limit
from newsgraph.serve.security import DEFAULT_MAX_BODY, SecurityMiddleware
from newsgraph.serve.templating import templates
from newsgraph.store import default_db
from newsgraph.store.browse import PageQueries, SearchFilters
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
PLACE_COLUMNS = ["name", "country", "admin1", "lat", "lon", "articles", "mentions"]
PLACE_ARTICLE_COLUMNS = ["id", "title", "published", "site"]
STORY_COLUMNS = ["id", "first_day", "last_day", "size", "title", "top_entities", "articles"]
ATTENTION_COLUMNS = ["period", "articles", "mentions", "quotes", "all_articles", "share"]


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
        return "; ".join(str(item["id"] if isinstance(item, dict) and "id" in item else item)
                         for item in value)
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


def _wants_page(request: Request) -> bool:
    """Whether an error should be an HTML page (outside the API) rather than JSON."""
    return not request.url.path.startswith("/api/")


def _error_page(request: Request, status: int, message: str) -> HTMLResponse:
    titles = {404: "Not found", 422: "Bad request", 503: "Too slow"}
    return templates.TemplateResponse(request, "error.html", {
        "status": status, "title": titles.get(status, "Error"), "message": message},
        status_code=status)


#: Environment of the worker processes of `newsgraph serve --workers N` (see `app_from_env`).
TIME_LIMIT_ENV = "NEWSGRAPH_TIME_LIMIT"


def app_from_env() -> FastAPI:
    """The app over $NEWSGRAPH_DB with the time limit of $NEWSGRAPH_TIME_LIMIT and the
    account settings of the `NEWSGRAPH_*` variables: the factory each worker process of
    `newsgraph serve --workers N` calls (`uvicorn --factory`)."""
    limit = float(os.environ.get(TIME_LIMIT_ENV) or DEFAULT_TIME_LIMIT)
    return create_app(default_db(), time_limit_seconds=limit,
                      accounts=AccountSettings.from_env())


def create_app(db_url: str, *, time_limit_seconds: float = DEFAULT_TIME_LIMIT,
               max_body: int = DEFAULT_MAX_BODY,
               accounts: AccountSettings | None = None) -> FastAPI:
    """The API and web pages over the store at `db_url` (a path or URL), opened read-only.

    Raises `StoreNotFound`/`StoreError` when there is no usable store there.
    """
    store = open_readonly(db_url, time_limit_seconds)
    queries = Queries(store)
    page_queries = PageQueries(store)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="newsgraph", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  description="Read API over a newsgraph store: articles, entities, quotes, "
                              "events, full-text search and counts over time.")
    app.state.store = store
    app.state.time_limit = time_limit_seconds

    def run(query: Callable[[], T]) -> T:
        with time_limit(app.state.time_limit):
            return query()

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if _wants_page(request) and exc.status_code in (404, 405):
            return _error_page(request, exc.status_code, "There is no page at this address.")
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for problem in exc.errors():
            where = ".".join(str(part) for part in problem.get("loc", ()) if part != "query")
            problems.append(f"{where}: {problem.get('msg')}" if where else problem.get("msg"))
        message = "; ".join(problems) or "bad parameters"
        if _wants_page(request):
            return _error_page(request, 422, message)
        return _error(422, message)

    @app.exception_handler(CursorError)
    async def cursor_error(request: Request, exc: CursorError) -> Response:
        message = f"cursor: {exc} (use the `next` value of the previous page)"
        return _error_page(request, 422, message) if _wants_page(request) \
            else _error(422, message)

    @app.exception_handler(QueryTimeout)
    async def timeout_error(request: Request, exc: QueryTimeout) -> Response:
        return _error_page(request, 503, str(exc)) if _wants_page(request) \
            else _error(503, str(exc))

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
               q: Annotated[str | None, Query(
                   max_length=500, description="Words that must all occur (may be left out "
                                               "when a facet filter is given).")] = None,
               site: Text = None,
               type: Annotated[str | None, Query(
                   max_length=50, description="Articles with an entity of this type.")] = None,
               quote: Annotated[Literal["direct", "indirect"] | None, Query(
                   description="Articles with a direct quote or with reported speech.")] = None,
               year: Annotated[str | None, Query(pattern=r"^\d{4}$")] = None,
               month: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}$",
                                                  description="YYYY-MM")] = None,
               speaker: Annotated[str | None, Query(
                   max_length=200, description="Articles quoting this speaker.")] = None,
               limit: Limit = 20, cursor: Cursor = None,
               output_format: Format = None) -> Response:
        """Full-text search over title and text, best match first. The snippet marks matches
        with `<mark>`; the rest of it is the article's text, not HTML. The facet filters are
        those of the search page; with any of them the snippet is the best matching sentence."""
        facets = any((site, type, quote, year, month, speaker))
        if not q and not facets:
            return _error(422, "q: give the words to search for (or a facet filter)")
        if not facets:
            page = run(lambda: queries.search(q or "", limit=limit, cursor=cursor))
            return _list_response(request, page, SEARCH_COLUMNS, output_format)
        from newsgraph.serve.pages.query import best_sentence

        filters = SearchFilters(words=q or "", site=site, type=type, quote=quote, year=year,
                                month=month, speaker=speaker)
        found = run(lambda: page_queries.find(filters, limit=limit, cursor=cursor))
        items = [{"id": item["id"], "title": item["title"], "published": item["published"],
                  "site": item["site"],
                  "snippet": "".join(f"<mark>{piece}</mark>" if hit else piece for piece, hit
                                     in best_sentence(item["text"], found.terms))}
                 for item in found.items]
        return _list_response(request, Page(items, found.next), SEARCH_COLUMNS, output_format)

    @app.get("/api/counts", tags=["counts"])
    def counts(request: Request, since: Since = None, until: Until = None,
               output_format: Format = None) -> Response:
        """Articles per publish day, oldest first."""
        page = run(lambda: queries.counts(since=_day(since), until=_day(until)))
        return _list_response(request, page, COUNT_COLUMNS, output_format)

    @app.get("/api/places", tags=["places"])
    def list_places(request: Request, limit: Limit = 500, cursor: Cursor = None,
                    output_format: Format = None) -> Response:
        """Resolved places with coordinates, by the number of articles that name them."""
        page = run(lambda: page_queries.places(limit=limit, cursor=cursor))
        return _list_response(request, page, PLACE_COLUMNS, output_format)

    @app.get("/api/places/articles", tags=["places"])
    def place_articles(request: Request,
                       name: Annotated[str, Query(min_length=1, max_length=200,
                                                  description="The place's resolved name.")],
                       limit: Limit = 50, output_format: Format = None) -> Response:
        """Articles naming one place, newest first."""
        items = run(lambda: page_queries.place_articles(name, limit=limit))
        return _list_response(request, Page(items), PLACE_ARTICLE_COLUMNS, output_format)

    @app.get("/api/stories", tags=["stories"])
    def list_stories(request: Request, since: Since = None, limit: Limit = 50,
                     cursor: Cursor = None, output_format: Format = None) -> Response:
        """Story clusters (built by `newsgraph link`), latest first, with their articles."""
        page = run(lambda: page_queries.stories(since=_day(since), limit=limit, cursor=cursor))
        return _list_response(request, page, STORY_COLUMNS, output_format)

    @app.get("/api/entities/{name}/attention", tags=["entities"])
    def attention(request: Request, name: Annotated[str, Path(max_length=200)],
                  by: Annotated[Literal["day", "week", "month"], Query(
                      description="Length of a period (weeks start on Monday).")] = "week",
                  output_format: Format = None) -> Response:
        """Per period, zero-filled: articles naming the entity, its mentions, quotes by it,
        all articles, and the share of all articles that name it."""
        found = run(lambda: page_queries.entity_names(name))
        if found is None:
            return _error(404, f"no entity called {name!r}")
        rows = run(lambda: page_queries.attention(found[2], found[1], by))
        return _list_response(request, Page(rows), ATTENTION_COLUMNS, output_format)

    install_pages(app, page_queries)
    # Accounts (their own writable engine); settings from NEWSGRAPH_* unless given.
    install_accounts(app, db_url=db_url, settings=accounts or AccountSettings.from_env())
    # The security middleware wraps the whole stack (error pages and any middleware added
    # later included), so every response gets the headers and the body cap.
    build_stack = app.build_middleware_stack
    app.build_middleware_stack = lambda: SecurityMiddleware(build_stack(), max_body)  # type: ignore[method-assign]
    return app
