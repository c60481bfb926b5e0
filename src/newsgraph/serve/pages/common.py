"""Helpers every page module shares: the queries, the time limit, rendering, URLs."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse

from newsgraph.serve.api.common import limited
from newsgraph.serve.templating import templates
from newsgraph.store.browse import PageQueries

T = TypeVar("T")


def queries(request: Request) -> PageQueries:
    """The page queries of this app (set up by `install_pages`)."""
    return request.app.state.page_queries


def run(request: Request, query: Callable[[], T]) -> T:
    """Run `query` under the app's per-request time limit (counted from when the request
    began waiting for a search slot, if it did)."""
    return limited(request)(query)


def render(request: Request, name: str, context: Mapping[str, Any] | None = None,
           status_code: int = 200) -> HTMLResponse:
    """The template `name` rendered for this request."""
    return templates.TemplateResponse(request, name, dict(context or {}),
                                      status_code=status_code)


def not_found(request: Request, message: str) -> HTMLResponse:
    """A 404 page saying what was not found."""
    return render(request, "error.html", {"status": 404, "title": "Not found",
                                          "message": message}, status_code=404)


def segment(value: str) -> str:
    """`value` quoted as one URL path segment."""
    return quote(value, safe="")


def query_url(path: str, params: Mapping[str, Any]) -> str:
    """`path` with the non-empty `params` as its query string."""
    kept = [(key, str(value)) for key, value in params.items()
            if value is not None and value != "" and value is not False]
    return f"{path}?{urlencode(kept)}" if kept else path


def exports(path: str, params: Mapping[str, Any]) -> dict[str, str]:
    """CSV and JSON links to the API list behind a page."""
    return {"csv": query_url(path, {**params, "format": "csv"}),
            "json": query_url(path, {**params, "format": "json"})}
