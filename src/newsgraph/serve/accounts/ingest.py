"""`POST /api/articles`: analyse one article with the pipeline and store it.

Allowed to an editor or admin session (with its CSRF token in `X-CSRF-Token`) or to a client
sending `Authorization: Bearer $NEWSGRAPH_TOKEN`. The body is JSON with `text` or `html`.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from newsgraph.serve.accounts.service import Accounts
from newsgraph.serve.accounts.users import Role


def encodable(value: str | None) -> str | None:
    """`value` if it can be stored as UTF-8 text; JSON may carry lone surrogates
    (`"\\ud800"`) and NUL characters (`"\\u0000"`), which no database takes (PostgreSQL
    refuses NUL): a `ValueError` (422) instead of a failure later."""
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise ValueError("contains a lone surrogate (\\ud800-\\udfff), which is not "
                             "text") from error
        if "\x00" in value:
            raise ValueError("contains a NUL character (\\u0000), which is not text")
    return value


class ArticleIn(BaseModel):
    """One article to ingest: plain `text`, or a page's `html` (its text is extracted)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="The article's text.")
    html: str | None = Field(None, description="The article's web page (instead of text).")
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, max_length=40, description="YYYY-MM-DD")

    @field_validator("text", "html", "url", "title", "published")
    @classmethod
    def _encodable(cls, value: str | None) -> str | None:
        return encodable(value)

    @model_validator(mode="after")
    def _one_body(self) -> ArticleIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give either `text` or `html`")
        return self


class Ingester:
    """Runs the analysis pipeline (loaded on first use, one article at a time) and stores."""

    def __init__(self, accounts: Accounts) -> None:
        self.accounts = accounts
        self._lock = threading.Lock()
        self._analyzer: Any = None

    def ingest(self, item: ArticleIn) -> tuple[int, dict[str, Any]]:
        from newsgraph.ingest.html import source_from_html
        from newsgraph.ingest.sources import Failure, Source
        from newsgraph.pipeline import Analyzer

        if item.html is not None:
            source = source_from_html(item.html, origin="api", url=item.url)
        else:
            source = Source(text=item.text or "", origin="api", url=item.url)
        if isinstance(source, Failure):
            return 422, {"error": source.reason}
        if item.title:
            source.title = item.title
        if item.published:
            source.published = item.published
        with self._lock:
            if self._analyzer is None:
                self._analyzer = Analyzer()
            result = self._analyzer.analyze_batch([source])[0]
        if isinstance(result, Failure):
            return 422, {"error": result.reason}
        added = self.accounts.store.add(result)
        return (201 if added else 200), {
            "id": result.id, "added": added, "title": result.title,
            "quotes": len(result.quotes), "entities": len(result.entities),
            "events": len(result.events), "warnings": result.warnings,
        }


def ingest_router(accounts: Accounts) -> APIRouter:
    router = APIRouter()
    ingester = Ingester(accounts)

    @router.post("/api/articles", tags=["articles"], status_code=201)
    def add_article(request: Request, item: Annotated[ArticleIn, Body()]) -> JSONResponse:
        """Analyse and store one article (editors, admins, or `Authorization: Bearer`).

        201 with its id when it is new, 200 when the same text was stored before.
        """
        user = getattr(request.state, "user", None)
        if not getattr(request.state, "api_client", False):
            if user is None:
                return JSONResponse({"error": "sign in as an editor, or send Authorization: "
                                              "Bearer <NEWSGRAPH_TOKEN>"}, status_code=401)
            if not user.can(Role.editor):
                return JSONResponse({"error": "only editors and admins may add articles"},
                                    status_code=403)
        status, payload = ingester.ingest(item)
        headers = {"Location": f"/api/articles/{payload['id']}"} if status < 300 else None
        return JSONResponse(payload, status_code=status, headers=headers)

    return router
