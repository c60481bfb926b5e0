"""Quote provenance: one quotation carried by several articles, first appearance first.

Two quotes are the same quotation when their words are the same once case, punctuation and
quotation marks are set aside ("re-punctuated"), or when the words of one run inside the
other's and it has at least `MIN_SHARED_WORDS` of them ("trimmed"). The earliest article
(publish date, then id) printed it first; the others repeated it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

#: A trimmed quote must keep at least this many words to be the same quotation.
MIN_SHARED_WORDS = 6
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def quote_words(text: str) -> tuple[str, ...]:
    """The quote's words, lower-cased, without punctuation (apostrophes kept inside words)."""
    return tuple(w.replace("’", "'") for w in _WORDS.findall(text.lower()))


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    if len(short) < MIN_SHARED_WORDS or len(short) > len(long):
        return False
    return f" {' '.join(short)} " in f" {' '.join(long)} "


def group_quotes(quotes: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Quotes (each with `text`, `article_id`, `published`, …) grouped into quotations:
    `{"text", "speaker", "first", "repeats"}`, the longest wording as `text`, most-carried
    first. A quote joins the first group (in order of appearance) it matches."""
    ordered = sorted(quotes, key=lambda q: ((q.get("published") or "")[:10], q["article_id"],
                                            q.get("start") or 0))
    groups: list[list[tuple[tuple[str, ...], Mapping[str, Any]]]] = []
    for quote in ordered:
        words = quote_words(quote["text"])
        if not words:
            continue
        for group in groups:
            if any(words == other or _inside(words, other) or _inside(other, words)
                   for other, _ in group):
                group.append((words, quote))
                break
        else:
            groups.append([(words, quote)])
    found = []
    for group in groups:
        first = group[0][1]
        longest = max(group, key=lambda item: len(item[0]))[1]
        speaker = next((q.get("speaker_name") for _, q in group if q.get("speaker_name")), None)
        found.append({"text": longest["text"], "speaker": speaker, "first": dict(first),
                      "repeats": [dict(q) for _, q in group[1:]]})
    return sorted(found, key=lambda g: -len({q["article_id"] for q in [g["first"],
                                                                        *g["repeats"]]}))
