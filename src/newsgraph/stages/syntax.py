"""Parse helpers shared by the stages and the place resolver (`newsgraph.geo`).

Only rules that more than one module applies live here, each once: the text of a name
inside an NER span (and where it starts), the trimming of span edges, and "one sense per
article" (every later occurrence of a name found once).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

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


def occurrences(doc: Doc, names: Iterable[str], text: str | None = None
                ) -> Iterator[tuple[re.Match[str], Span]]:
    """One sense per article: every whole-word occurrence of any of `names` in the text
    (`doc.text`, or `text` when the caller has it), the longest name first, with its
    tokens; occurrences that do not fall on token boundaries are left out."""
    ordered = sorted(dict.fromkeys(names), key=len, reverse=True)
    if not ordered:
        return
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in ordered)
                         + r")(?![\w-])")
    for match in pattern.finditer(doc_text(doc) if text is None else text):
        span = doc.char_span(match.start(), match.end())
        if span is not None:
            yield match, span
