"""`/api/status`: how the watchers (`newsgraph watch`) are doing, per source."""

from __future__ import annotations

import time

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from newsgraph.serve.api.common import Run
from newsgraph.watch.status import watch_status

router = APIRouter(tags=["status"])


@router.get("/api/status")
def status(request: Request, run: Run) -> JSONResponse:
    """Per watched source: last poll, last new article, errors, backoff and lag; and the
    articles stored per hour."""
    store = request.app.state.store
    return JSONResponse(run(lambda: watch_status(store, time.time())))
