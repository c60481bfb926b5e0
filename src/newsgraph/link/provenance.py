"""Quote provenance: one quotation carried by several articles, first appearance first.

Two quotes are the same quotation when their words are the same once case, punctuation and
quotation marks are set aside ("re-punctuated"), or when the words of one run inside the
other's and it has at least `MIN_SHARED_WORDS` of them ("trimmed"). The earliest article
(publish date, then id) printed it first; the others repeated it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from contextlib import suppress
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsgraph.store import Store

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


def _matches_any(words: tuple[str, ...], others: list[tuple[str, ...]]) -> bool:
    return bool(words) and any(words == other or _inside(words, other) or _inside(other, words)
                               for other in others)


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


#: Most quotes of one speaker read to find where an article's quotations appeared too.
MAX_SPEAKER_QUOTES = 5000


def article_quotations(store: Store, article_id: str) -> dict[int, dict[str, Any]]:
    """For each quote of the article (by its `seq`) that other stored articles carry too:
    the quotation (`group_quotes`) — who said it, which article printed it first, which
    repeated it. Quotes are matched among the stored quotes of the same speaker under any
    of its names (`entity_aliases`); quotes without a speaker are not matched."""
    from sqlalchemy import select

    from newsgraph.store import schema
    from newsgraph.store.linked import EntityNotFound, resolve_entity

    q, a = schema.quotes, schema.articles
    columns = (q.c.article_id, q.c.seq, q.c.start, q.c.end, q.c.text, q.c.speaker_name,
               a.c.published, a.c.site, a.c.title)
    with store.engine.connect() as connection:
        own = connection.execute(select(*columns).join(a, a.c.id == q.c.article_id)
                                 .where(q.c.article_id == article_id)).all()
        names: set[str] = set()
        for speaker in {row.speaker_name for row in own if row.speaker_name}:
            with suppress(EntityNotFound):
                names.update(resolve_entity(store, speaker)[2])
            names.add(speaker)
        others = connection.execute(
            select(*columns).join(a, a.c.id == q.c.article_id)
            .where(q.c.speaker_name.in_(sorted(names)), q.c.article_id != article_id)
            .limit(MAX_SPEAKER_QUOTES)).all() if names else []
    own_words = [words for words in (quote_words(row.text) for row in own) if words]
    matching = [row for row in others if _matches_any(quote_words(row.text), own_words)]
    found: dict[int, dict[str, Any]] = {}
    for quotation in group_quotes([dict(row._mapping) for row in [*own, *matching]]):
        carried = [quotation["first"], *quotation["repeats"]]
        if len({quote["article_id"] for quote in carried}) < 2:
            continue
        for quote in carried:
            if quote["article_id"] == article_id:
                found[quote["seq"]] = quotation
    return found
