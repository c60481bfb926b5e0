"""Parse helpers shared by the stages and the place resolver (`newsgraph.geo`).

Only rules that more than one module applies live here, each once: the text of a name
inside an NER span (and where it starts), and the trimming of span edges.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

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
