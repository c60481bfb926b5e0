"""Pairing quotation marks: which stretches of a text stand in double quotation marks.

Curly marks open and close unambiguously; a straight mark opens when it follows a
space or bracket and precedes a word. Two apostrophes (''), the typewriter form of a
double mark that some archives keep, count as one straight mark. News style runs a
quote over several
paragraphs by opening each one with a mark and closing only the last, so an open
quote continues when the next paragraph starts with a mark; otherwise an unclosed
mark ends at its paragraph and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPENING = {"“", "„", "«"}
CLOSING = {"”", "»"}
STRAIGHT = '"'
#: Two apostrophes standing for a straight double mark.
DOUBLED = "''"
#: The only characters at which `find_marked` can act (marks, the apostrophe of '', line
#: breaks); the scan jumps from one to the next.
_MAY_ACT = re.compile("[\n\"'" + "".join(sorted(OPENING | CLOSING)) + "]")


@dataclass
class Marked:
    """A stretch of text in double quotation marks; `pieces` are its per-paragraph parts."""

    start: int
    end: int
    pieces: list[tuple[int, int]] = field(default_factory=list)
    #: Width of the opening and closing marks (2 for '').
    left: int = 1
    right: int = 1


def _opens(text: str, i: int, width: int = 1) -> bool:
    """Whether a straight mark at `i` opens: nothing or space/bracket before, a word after."""
    before = text[i - 1] if i else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def _starts_paragraph(text: str, i: int) -> bool:
    """Whether only spaces stand between the last line break and `i`: a closing curly
    mark there opens a quote (a common typing slip: ”Yes,” she said)."""
    before = text[text.rfind("\n", 0, i) + 1:i]
    return not before.strip()


def _width(text: str, i: int) -> int:
    """How many characters the mark at `i` takes: 2 for '', else 1."""
    return 2 if text.startswith(DOUBLED, i) else 1


def _straight_at(text: str, i: int) -> bool:
    """A straight double mark starts at `i`: " or ''."""
    return text[i] == STRAIGHT or text.startswith(DOUBLED, i)


def find_marked(text: str) -> list[Marked]:
    """Pair the double quotation marks of `text`; quotes may continue over paragraphs
    when the next paragraph opens with a mark, as news style writes them."""
    found: list[Marked] = []
    open_at: int | None = None
    pieces: list[tuple[int, int]] = []
    piece_start = left = 0
    i, n = 0, len(text)
    while i < n:
        at = _MAY_ACT.search(text, i)
        if at is None:
            break
        i = at.start()
        ch = text[i]
        if ch == "\n" and open_at is not None:
            nxt = i
            while nxt < n and text[nxt].isspace():
                nxt += 1
            if nxt < n and (text[nxt] in OPENING or _straight_at(text, nxt)):
                pieces.append((piece_start, i))
                piece_start = nxt + _width(text, nxt)
                i = piece_start
                continue
            open_at, pieces = None, []  # unclosed at the paragraph end: not a quote
        elif ch in OPENING or (open_at is None and _straight_at(text, i)
                               and _opens(text, i, _width(text, i))) \
                or (open_at is None and ch in CLOSING and _starts_paragraph(text, i)):
            left = _width(text, i)
            open_at, pieces, piece_start = i, [], i + left
            i += left
            continue
        elif open_at is not None and (ch in CLOSING or _straight_at(text, i)):
            if text.startswith("'" + DOUBLED, i):
                i += 1  # a single mark closing inside the double one: '''
            right = _width(text, i)
            pieces.append((piece_start, i))
            start, end = pieces[0][0], i
            if text[start:end].strip():
                found.append(Marked(start, end, [p for p in pieces if p[1] > p[0]], left, right))
            open_at, pieces = None, []
            i += right
            continue
        i += 1
    return found
