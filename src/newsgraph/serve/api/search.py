"""`/api/search`: full-text search with the search page's facet filters.

Snippets are plain text (the article's best matching sentence) with the matched words as
`highlights`, [start, end) character offsets into the snippet: a client that renders them
escapes the text itself, so nothing in an article can script it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newsgraph.serve.api.common import (
    BrowseQueries,
    Cursor,
    Format,
    Limit,
    Run,
    SearchSlot,
    Text,
    error,
    list_response,
)
from newsgraph.serve.pages.query import best_sentence
from newsgraph.store.browse import SearchFilters, search_terms
from newsgraph.store.queries import Page

router = APIRouter(tags=["search"])

SEARCH_COLUMNS = ["id", "title", "published", "site", "snippet"]


def snippet(text: str, terms: list[str]) -> dict[str, Any]:
    """The best matching sentence of `text` as plain text with highlight offsets."""
    plain: list[str] = []
    highlights: list[list[int]] = []
    position = 0
    for piece, hit in best_sentence(text, terms):
        if hit:
            highlights.append([position, position + len(piece)])
        plain.append(piece)
        position += len(piece)
    return {"snippet": "".join(plain), "highlights": highlights}


@router.get("/api/search", dependencies=[SearchSlot])
def search(request: Request, queries: BrowseQueries, run: Run,
           q: Annotated[str | None, Query(
               max_length=500, description="Words that must all occur (may be left out "
                                           "when a facet filter is given).")] = None,
           site: Text = None,
           type: Annotated[str | None, Query(
               max_length=50, description="Articles with an entity of this type.")] = None,
           quote: Annotated[Literal["direct", "indirect"] | None, Query(
               description="Articles with a direct quote or with reported speech.")] = None,
           year: Annotated[str | None, Query(pattern=r"^\d{4}$")] = None,
           month: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}$",
                                              description="YYYY-MM")] = None,
           speaker: Annotated[str | None, Query(
               max_length=200, description="Articles quoting this speaker.")] = None,
           limit: Limit = 20, cursor: Cursor = None,
           output_format: Format = None) -> Response:
    """Full-text search over title and text, best match first (the facet filters are those
    of the search page). Each hit's `snippet` is its best matching sentence as plain text,
    and `highlights` the [start, end) offsets of the matched words in it."""
    facets = any((site, type, quote, year, month, speaker))
    if not (q and q.strip()) and not facets:
        return error(422, "q: give the words to search for (or a facet filter)")
    if not facets and not search_terms(q or ""):  # only punctuation: nothing can match
        return list_response(request, Page([]), SEARCH_COLUMNS, output_format)
    filters = SearchFilters(words=q or "", site=site, type=type, quote=quote, year=year,
                            month=month, speaker=speaker)
    found = run(lambda: queries.find(filters, limit=limit, cursor=cursor, counted=False))
    items = [{"id": item["id"], "title": item["title"], "published": item["published"],
              "site": item["site"], **snippet(item["text"], found.terms)}
             for item in found.items]
    return list_response(request, Page(items, found.next), SEARCH_COLUMNS, output_format)
