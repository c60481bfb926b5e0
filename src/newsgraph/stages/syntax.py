"""Parse helpers shared by the stages and the place resolver (`newsgraph.geo`).

Only rules that more than one module applies live here, each once: the text of a name
inside an NER span (and where it starts), the trimming of span edges, and "one sense per
article" (every later occurrence of a name found once).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from newsgraph.stages.doc_tables import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: A trailing possessive: "Merkel's", "the Joneses'".
POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def strip_possessive(text: str) -> str:
    """`text` without a trailing possessive and surrounding whitespace."""
    return POSSESSIVE.sub("", text).strip()


def name_text(span: Span) -> tuple[int, str]:
    """The name a span holds (`strip_possessive` of its text) and its start character.

    The start moves past whitespace that the span begins with (an NER span may start
    with a whitespace token: a blank line, a no-break space), so that
    `doc.text[start:start + len(text)] == text`.
    """
    raw = POSSESSIVE.sub("", span.text)
    return span.start_char + len(raw) - len(raw.lstrip()), raw.strip()


def trim_span(span: Span, drop_first: Callable[[Token], bool],
              drop_last: Callable[[Token], bool]) -> Span | None:
    """`span` without the tokens at its start that `drop_first` and at its end that
    `drop_last` accepts; None when nothing is left."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and drop_first(doc[start]):
        start += 1
    while end > start and drop_last(doc[end - 1]):
        end -= 1
    return doc[start:end] if start < end else None


class Occurrence(NamedTuple):
    """One whole-word occurrence of a name: its characters [start, end) and the name."""

    start: int
    end: int
    name: str


def occurrences(doc: Doc, names: Iterable[str], text: str | None = None
                ) -> Iterator[tuple[Occurrence, Span]]:
    """One sense per article: every whole-word occurrence of any of `names` in the text
    (`doc.text`, or `text` when the caller has it), the longest name first, with its
    tokens; occurrences that do not fall on token boundaries are left out."""
    full = doc_text(doc) if text is None else text
    for found in whole_word_matches(full, names):
        span = doc.char_span(found.start, found.end)
        if span is not None:
            yield found, span


def _word_char(char: str) -> bool:
    """A character that continues a word: a letter, digit, underscore or hyphen (the
    regular expression class `[\\w-]`)."""
    return char.isalnum() or char in "_-"


def whole_word_matches(text: str, names: Iterable[str]) -> list[Occurrence]:
    """The matches, in text order, that `re.finditer` gives for the pattern
    `(?<![\\w-])(?:n1|n2|...)(?![\\w-])` over `names` sorted longest first (ties in the
    order given, repeats and empty names dropped): at each position the first name that
    fits, the search going on after it. Found with `str.find` per name rather than by
    compiling that pattern, which took most of the time for a new article's names."""
    ordered = sorted(filter(None, dict.fromkeys(names)), key=len, reverse=True)
    best: dict[int, str] = {}  # start -> the first name (in that order) that fits there
    for name in ordered:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if (at not in best and (at == 0 or not _word_char(text[at - 1]))
                    and (end == len(text) or not _word_char(text[end]))):
                best[at] = name
            at = text.find(name, at + 1)
    found, resume = [], 0
    for start in sorted(best):
        if start >= resume:
            name = best[start]
            found.append(Occurrence(start, start + len(name), name))
            resume = start + len(name)
    return found
