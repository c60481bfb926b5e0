"""The one Jinja2 environment of the web pages (autoescaped), shared by every page module.

    from newsgraph.serve.templating import templates

    return templates.TemplateResponse(request, "article.html", {"article": article})

Templates live in `serve/templates/`, static files in `serve/static/` (served at `/static`).
Filters: `safe_href` (a link only for http(s) URLs), `segment` (one URL path segment),
`json_island` (JSON safe inside a `<script type="application/json">` data island).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"

#: Characters replaced by JSON escapes so that data can never close or comment its script tag.
_ISLAND_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                   ord("\u2028"): "\\u2028", ord("\u2029"): "\\u2029"}


def safe_href(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) URL (so `javascript:` never becomes a link)."""
    if not url:
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ord(char) < 33 for char in text):
        return None
    return text


def json_island(value: Any) -> Markup:
    """JSON for a `<script type="application/json">` element: `<`, `>`, `&` are escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return Markup(text.translate(_ISLAND_ESCAPES))  # escaped above


def current_user(request: Any) -> Any:
    """The signed-in user set by the accounts layer (`request.state.user`), or None."""
    return getattr(request.state, "user", None)


def csrf_token(request: Any) -> str | None:
    """The CSRF token of this request's session (`request.state.csrf_token`), if any."""
    return getattr(request.state, "csrf_token", None)


def _environment() -> Environment:
    # Templates ship with the package: no need to check their files for changes per page.
    env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    env.filters["safe_href"] = safe_href
    env.filters["json_island"] = json_island
    env.globals["current_user"] = current_user
    env.globals["csrf_token"] = csrf_token
    env.filters["segment"] = lambda value: quote(str(value), safe="")
    return env


#: The shared templates: every `.html` under `serve/templates/`, always autoescaped.
templates = Jinja2Templates(env=_environment())
