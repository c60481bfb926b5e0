"""`/api/docs`: Swagger UI from the vendored files, so the docs work offline under the CSP
(FastAPI's own page loads it from a CDN and starts it with an inline script)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from newsgraph.serve.templating import templates

router = APIRouter()


@router.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs(request: Request) -> HTMLResponse:
    """Interactive API documentation over `/api/openapi.json`."""
    return templates.TemplateResponse(request, "api_docs.html",
                                      {"openapi_url": request.app.openapi_url})
