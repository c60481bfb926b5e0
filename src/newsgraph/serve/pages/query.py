"""The search box language: words plus `key:value` filters, and the sentence that matches.

    parse_query('harbour site:"City Desk" quote:direct')
    # -> SearchFilters(words="harbour", site="City Desk", quote="direct")

Keys: site, type (entity type), quote (direct|indirect), year (YYYY), month (YYYY-MM),
speaker. Unknown keys and malformed values stay in the words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import fields
from functools import lru_cache

from newsgraph.store.browse import SearchFilters

_FILTER = re.compile(r'(?<!\S)(\w+):(?:"([^"]*)"|(\S+))')
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+")
_VALID = {
    "site": re.compile(r".{1,200}"),
    "type": re.compile(r"[A-Za-z_]{1,30}"),
    "quote": re.compile(r"direct|indirect"),
    "year": re.compile(r"\d{4}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "speaker": re.compile(r".{1,200}"),
}
#: Human names of the filters, in the order the parsed query shows them.
LABELS = {"words": "words", "site": "site", "type": "entity type", "quote": "quotes",
          "year": "year", "month": "month", "speaker": "speaker"}


def valid(key: str, value: str | None) -> bool:
    """Whether `value` is a well-formed value of filter `key`."""
    pattern = _VALID.get(key)
    return bool(value) and pattern is not None and pattern.fullmatch(value or "") is not None


def parse_query(text: str, overrides: dict[str, str | None] | None = None) -> SearchFilters:
    """The filters in the search box `text`; `overrides` (facet links) win over inline ones."""
    found: dict[str, str] = {}
    kept: list[str] = []
    position = 0
    for match in _FILTER.finditer(text):
        key, value = match.group(1).lower(), match.group(2) or match.group(3) or ""
        if valid(key, value):
            kept.append(text[position:match.start()])
            position = match.end()
            found[key] = value.upper() if key == "type" else value
    kept.append(text[position:])
    for key, value in (overrides or {}).items():
        if valid(key, value):
            found[key] = value.upper() if key == "type" and value else value  # type: ignore
    words = " ".join(" ".join(kept).split())
    return SearchFilters(words=words, **found)


def describe(filters: SearchFilters, terms: list[str]) -> list[tuple[str, str]]:
    """The parsed query as (label, value) pairs: the searched words, then each filter."""
    shown: list[tuple[str, str]] = []
    if terms:
        shown.append((LABELS["words"], " AND ".join(terms)))
    for item in fields(filters):
        value = getattr(filters, item.name)
        if item.name != "words" and value:
            shown.append((LABELS[item.name], value))
    return shown


def best_sentence(text: str, terms: list[str], longest: int = 400) -> list[tuple[str, bool]]:
    """The sentence of `text` with the most search terms, as (piece, is_match) pieces
    (the first sentence when there are no terms), cut to about `longest` characters."""
    return list(_best_sentence(text, tuple(terms), longest))


@lru_cache(maxsize=1024)  # the same searches come back often, with the same results
def _best_sentence(text: str, terms: tuple[str, ...], longest: int
                   ) -> tuple[tuple[str, bool], ...]:
    text = text.strip()
    starts = [0, *(end.end() for end in _SENTENCE_END.finditer(text))]
    pattern = (re.compile("|".join(rf"\b{re.escape(t)}\b" for t in terms), re.IGNORECASE)
               if terms else None)
    # One pass over the whole text: the distinct terms found in each sentence.
    found: dict[int, set[str]] = {}
    for match in pattern.finditer(text) if pattern is not None else ():
        found.setdefault(bisect_right(starts, match.start()) - 1, set()).add(
            match.group().lower())

    def sentence(number: int) -> str:
        end = starts[number + 1] if number + 1 < len(starts) else len(text)
        return text[starts[number]:end].strip()

    best = sentence(0)
    if found:
        best = sentence(max(found, key=lambda number: (len(found[number]),
                                                       -len(sentence(number)))))
    if len(best) > longest:
        best = best[:longest].rsplit(" ", 1)[0] + " …"
    if pattern is None:
        return ((best, False),)
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in pattern.finditer(best):
        pieces.append((best[position:match.start()], False))
        pieces.append((match.group(), True))
        position = match.end()
    pieces.append((best[position:], False))
    return tuple(piece for piece in pieces if piece[0])
