"""Pairing quotation marks: which stretches of a text stand in double quotation marks.

Curly marks open and close unambiguously; a straight mark opens when it follows a
space or bracket and precedes a word. News style runs a quote over several
paragraphs by opening each one with a mark and closing only the last, so an open
quote continues when the next paragraph starts with a mark; otherwise an unclosed
mark ends at its paragraph and is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

OPENING = {"“", "„", "«"}
CLOSING = {"”", "»"}
STRAIGHT = '"'


@dataclass
class Marked:
    """A stretch of text in double quotation marks; `pieces` are its per-paragraph parts."""

    start: int
    end: int
    pieces: list[tuple[int, int]] = field(default_factory=list)


def _opens(text: str, i: int) -> bool:
    """Whether a straight mark at `i` opens: nothing or space/bracket before, a word after."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:") and not after.isspace()


def find_marked(text: str) -> list[Marked]:
    """Pair the double quotation marks of `text`; quotes may continue over paragraphs
    when the next paragraph opens with a mark, as news style writes them."""
    found: list[Marked] = []
    open_at: int | None = None
    pieces: list[tuple[int, int]] = []
    piece_start = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n" and open_at is not None:
            nxt = i
            while nxt < n and text[nxt].isspace():
                nxt += 1
            if nxt < n and (text[nxt] in OPENING or text[nxt] == STRAIGHT):
                pieces.append((piece_start, i))
                piece_start = nxt + 1
                i = nxt + 1
                continue
            open_at, pieces = None, []  # unclosed at the paragraph end: not a quote
        elif ch in OPENING or (ch == STRAIGHT and open_at is None and _opens(text, i)):
            open_at, pieces, piece_start = i, [], i + 1
        elif (ch in CLOSING or ch == STRAIGHT) and open_at is not None:
            pieces.append((piece_start, i))
            start, end = pieces[0][0], i
            if text[start:end].strip():
                found.append(Marked(start, end, [p for p in pieces if p[1] > p[0]]))
            open_at, pieces = None, []
        i += 1
    return found
