"""`/api/articles`: stored articles, one article with its annotations, counts per day."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse, Response

from newsgraph.serve.api.common import (
    ApiQueries,
    Cursor,
    Format,
    Limit,
    Run,
    Since,
    Text,
    Until,
    day,
    error,
    list_response,
)

router = APIRouter(tags=["articles"])

ARTICLE_COLUMNS = ["id", "title", "published", "site", "url", "language", "authors"]
COUNT_COLUMNS = ["day", "articles"]


@router.get("/api/articles")
def list_articles(request: Request, queries: ApiQueries, run: Run, since: Since = None,
                  until: Until = None, site: Text = None, limit: Limit = 50,
                  cursor: Cursor = None, output_format: Format = None) -> Response:
    """Stored articles, newest first (undated last)."""
    page = run(lambda: queries.articles(since=day(since), until=day(until), site=site,
                                        limit=limit, cursor=cursor))
    return list_response(request, page, ARTICLE_COLUMNS, output_format)


@router.get("/api/articles/{article_id}")
def get_article(request: Request, run: Run,
                article_id: Annotated[str, Path(max_length=200)]) -> Response:
    """One analysed article: its text and every annotation, as stored."""
    store = request.app.state.store
    article = run(lambda: store.get(article_id))
    if article is None:
        return error(404, f"no article with id {article_id!r}")
    return JSONResponse(article.model_dump(mode="json"))


@router.get("/api/articles/{article_id}/quotations")
def article_quotations(request: Request, run: Run,
                       article_id: Annotated[str, Path(max_length=200)]) -> Response:
    """The article's quotes that other stored articles carry too (the same words, or
    trimmed or re-punctuated): per quote (`seq`), who said it, the article that printed it
    first and the ones that repeated it."""
    from newsgraph.link.provenance import article_quotations as carried

    store = request.app.state.store
    if run(lambda: store.get(article_id)) is None:
        return error(404, f"no article with id {article_id!r}")
    found = run(lambda: carried(store, article_id))
    return JSONResponse({"items": [{"seq": seq, **quotation}
                                   for seq, quotation in sorted(found.items())]})


@router.get("/api/counts", tags=["counts"])
def counts(request: Request, queries: ApiQueries, run: Run, since: Since = None,
           until: Until = None, output_format: Format = None) -> Response:
    """Articles per publish day, oldest first."""
    page = run(lambda: queries.counts(since=day(since), until=day(until)))
    return list_response(request, page, COUNT_COLUMNS, output_format)
