"""The read API: one router per resource (`articles`, `entities`, `quotes`, `events`,
`search`, `places`, `status`), sharing the dependencies and list responses of `common`."""

from __future__ import annotations

from fastapi import APIRouter

from newsgraph.serve.api import articles, entities, events, places, quotes, search, status

ROUTERS: tuple[APIRouter, ...] = (articles.router, entities.router, quotes.router,
                                  events.router, search.router, places.router,
                                  places.stories_router, status.router)

__all__ = ["ROUTERS"]
