"""The server-rendered web pages (Jinja2, htmx for small interactions, Plot for charts).

`install_pages(app, queries)` mounts `/static` and adds the page routes: `/` search,
`/articles/{id}`, `/speakers/{name}`, `/entities/{name}`, `/events`, `/map`, `/stories`,
and the offline `/api/docs`. One module per page family; `spans` draws highlighted text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi.staticfiles import StaticFiles

from newsgraph.serve.templating import STATIC_DIR

if TYPE_CHECKING:
    from fastapi import FastAPI

    from newsgraph.store.browse import PageQueries


def install_pages(app: FastAPI, queries: PageQueries) -> None:
    """Add the static files, the page routes and the offline API docs to `app`; the pages
    read the store through `queries` (shared with the API, so with its facet cache)."""
    from newsgraph.serve.pages import article, docs, people, search, world

    app.state.page_queries = queries
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for module in (docs, search, article, people, world):
        app.include_router(module.router)
