"""The read API (JSON and CSV over a read-only store, docs at `/api/docs`) and the web pages.

Every list answers `{"items": [...], "next": cursor-or-null}`; pass `cursor=<next>` for the
following page. `?format=csv` or `Accept: text/csv` gives the same page as CSV, with the next
cursor in the `X-Next-Cursor` header. Errors are `{"error": message}` with a fitting status:
404 unknown article or path, 422 bad parameters or cursor, 503 a query over the time limit
(or a server too busy to start it). The routes live in `newsgraph.serve.api`, one router per
resource; the same app serves the web pages (`newsgraph.serve.pages`), and outside `/api/`
errors are pages. Every response carries the security headers of `newsgraph.serve.security`.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy.exc import DataError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException

from newsgraph import __version__
from newsgraph.serve.accounts import AccountSettings, install_accounts
from newsgraph.serve.api import ROUTERS
from newsgraph.serve.pages import install_pages
from newsgraph.serve.readonly import (
    READ_ROLE_ENV,
    QueryTimeout,
    open_readonly,
    store_is_writable,
)
from newsgraph.serve.security import SecurityMiddleware, SecurityOptions
from newsgraph.serve.templating import templates
from newsgraph.store import Store, StoreError, default_db
from newsgraph.store.browse import PageQueries
from newsgraph.store.queries import CursorError, Queries

#: Seconds a request's queries may run before they are stopped.
DEFAULT_TIME_LIMIT = 10.0
#: Environment of the worker processes of `newsgraph serve --workers N` (see `app_from_env`).
TIME_LIMIT_ENV = "NEWSGRAPH_TIME_LIMIT"
#: Searches run at once per server process (the rest wait for a slot; `--workers N` runs
#: N at once). One: a search takes 10-50 ms, and under 50 parallel hostile searches one
#: slot served more of them than two while the other pages stayed faster (the searches'
#: Python work holds the GIL; docs/benchmarks.md, "Hostile searches").
SEARCH_SLOTS = 1


def app_from_env() -> FastAPI:
    """The app over $NEWSGRAPH_DB with the time limit of $NEWSGRAPH_TIME_LIMIT and the
    account settings of the `NEWSGRAPH_*` variables: the factory each worker process of
    `newsgraph serve --workers N` calls (`uvicorn --factory`)."""
    limit = float(os.environ.get(TIME_LIMIT_ENV) or DEFAULT_TIME_LIMIT)
    return create_app(default_db(), time_limit_seconds=limit,
                      accounts=AccountSettings.from_env())


def create_app(db_url: str, *, time_limit_seconds: float = DEFAULT_TIME_LIMIT,
               max_body: int | None = None,
               accounts: AccountSettings | None = None,
               read_role: str | None = None) -> FastAPI:
    """The API and web pages over the store at `db_url` (a path or URL), opened read-only.

    `read_role` (default: $NEWSGRAPH_READ_ROLE): a PostgreSQL role with SELECT only that
    the read connections take on (`readonly.open_readonly`).

    `max_body` caps every request body (default: the settings' `max_body_bytes`, i.e.
    $NEWSGRAPH_MAX_BODY). Raises `StoreNotFound`/`StoreError` when there is no usable store.
    """
    settings = accounts or AccountSettings.from_env()
    writable = store_is_writable(db_url)
    if writable:  # a store of an older layout is upgraded, as any writable open does
        Store.open(db_url, create=False).close()
    store = open_readonly(db_url, time_limit_seconds,
                          read_role or os.environ.get(READ_ROLE_ENV) or None)
    if not writable and settings.private:
        store.close()
        raise StoreError(f"{db_url} cannot be written here (read-only media?), so it cannot "
                         "hold accounts, which a private server needs to let anyone in; "
                         "serve it --public, or from a writable copy")

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="newsgraph", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  description="Read API over a newsgraph store: articles, entities, quotes, "
                              "events, full-text search and counts over time.")
    app.state.store = store
    app.state.queries = Queries(store)
    app.state.time_limit = time_limit_seconds
    app.state.search_slots = SEARCH_SLOTS
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    install_pages(app, PageQueries(store))
    app.state.accounts = None  # no accounts on a store that cannot be written
    if writable:
        install_accounts(app, db_url=db_url, settings=settings)
    # The security middleware wraps the whole stack (error pages and any middleware added
    # later included), so every response gets the headers and the body cap.
    options = SecurityOptions(max_body=max_body or settings.max_body_bytes,
                              hsts_seconds=settings.hsts_seconds)
    build_stack = app.build_middleware_stack
    app.build_middleware_stack = lambda: SecurityMiddleware(build_stack(), options)  # type: ignore[method-assign]
    return app


# -- errors ------------------------------------------------------------------------------------


def _wants_page(request: Request) -> bool:
    """Whether an error should be an HTML page (outside the API) rather than JSON."""
    return not request.url.path.startswith("/api/")


def _error_page(request: Request, status: int, message: str) -> HTMLResponse:
    titles = {404: "Not found", 422: "Bad request", 503: "Too slow"}
    return templates.TemplateResponse(request, "error.html", {
        "status": status, "title": titles.get(status, "Error"), "message": message},
        status_code=status)


def _answer(request: Request, status: int, message: str,
            headers: dict[str, str] | None = None) -> Response:
    """An error as a page outside `/api/`, as `{"error": message}` inside."""
    response: Response = _error_page(request, status, message) if _wants_page(request) \
        else JSONResponse({"error": message}, status_code=status)
    response.headers.update(headers or {})
    return response


def install_error_handlers(app: FastAPI) -> None:
    """Every failure a visitor can cause gets a 4xx (or 503 when the server is too busy),
    never a 500."""

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if _wants_page(request) and exc.status_code in (404, 405):
            return _error_page(request, exc.status_code, "There is no page at this address.")
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for problem in exc.errors():
            where = ".".join(str(part) for part in problem.get("loc", ()) if part != "query")
            problems.append(f"{where}: {problem.get('msg')}" if where else problem.get("msg"))
        return _answer(request, 422, "; ".join(problems) or "bad parameters")

    @app.exception_handler(CursorError)
    async def cursor_error(request: Request, exc: CursorError) -> Response:
        return _answer(request, 422,
                       f"cursor: {exc} (use the `next` value of the previous page)")

    @app.exception_handler(QueryTimeout)
    async def timeout_error(request: Request, exc: QueryTimeout) -> Response:
        return _answer(request, 503, str(exc), {"Retry-After": "5"})

    @app.exception_handler(DataError)
    async def data_error(request: Request, exc: DataError) -> Response:
        # The database refused a value the visitor sent (PostgreSQL: a NUL character in a
        # text, a number out of range); what was stored is untouched.
        return _answer(request, 422, "the request holds a value the database cannot take "
                                     "(e.g. a NUL character or a number out of range)")

    @app.exception_handler(PoolTimeout)
    async def busy_error(request: Request, exc: PoolTimeout) -> Response:
        return _answer(request, 503, "the server is busy; try again in a moment",
                       {"Retry-After": "5"})
