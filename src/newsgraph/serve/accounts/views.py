"""Rendering account pages with the shared Jinja2 templates (`templates/accounts/`)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response


def render(request: Request, name: str, context: dict[str, Any] | None = None,
           status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """The page `accounts/<name>` with `context`; no caching (it carries a CSRF token)."""
    from newsgraph.serve.templating import templates

    response = templates.TemplateResponse(request, f"accounts/{name}", context or {},
                                          status_code=status, headers=headers)
    response.headers["cache-control"] = "no-store"
    return response


def render_error(request: Request, status: int, message: str) -> Response:
    """A short HTML page for a refused request (403, 413, 429)."""
    titles = {401: "Sign in first", 403: "Not allowed", 413: "Too large",
              429: "Too many attempts"}
    return render(request, "message.html", {"heading": titles.get(status, "Error"),
                                            "message": message, "error": True}, status)


def redirect(target: str) -> RedirectResponse:
    """See other (303): after a POST, the browser GETs `target`."""
    return RedirectResponse(target, status_code=303)


def safe_next(target: str | None, default: str = "/account") -> str:
    """A local path to go to after signing in; anything else (other hosts, `//x`, `\\x`)
    gives `default`, so the parameter cannot send anyone off-site."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    if any(ord(char) < 32 for char in target):
        return default
    return target
