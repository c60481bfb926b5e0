"""The headline an article's text starts with, for inputs that give no title.

Plain text and JSONL articles often begin with their headline on a line of its own ("Harbour
Plan Stalls: Council Puts Off the Bridge Vote.\\n\\nThe city council said …"). A first
line is taken as the headline when it is short, is followed by more text, and reads as a
heading: no sentence-final punctuation, or a single closing full stop on a title-cased line.
A lead sentence that happens to open the text ("The president resigned on Monday.") is not.
"""

from __future__ import annotations

import re

#: A headline has at most this many words and characters.
MAX_WORDS = 25
MAX_CHARS = 200
_SENTENCE_INSIDE = re.compile(r"[.!?][\"'”’)]?\s+[A-Z]")
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or over the to up via vs with".split())


def _title_cased(words: list[str]) -> bool:
    """Most words that are not small words start with a capital (or a digit)."""
    content = [w for w in words if w.lower().strip("‘'\"“(") not in _SMALL_WORDS]
    capital = sum(1 for w in content if w.lstrip("‘'\"“(")[:1].isupper()
                  or w.lstrip("‘'\"“(")[:1].isdigit())
    return bool(content) and capital >= 0.75 * len(content)


def headline_of(text: str) -> str | None:
    """The headline `text` starts with (its first line), or None when it has none."""
    first, _, rest = text.lstrip().partition("\n")
    first = " ".join(first.split())
    words = first.split()
    if not rest.strip() or not 2 <= len(words) <= MAX_WORDS or len(first) > MAX_CHARS:
        return None
    if _SENTENCE_INSIDE.search(first) or first.endswith((":", ",", ";")):
        return None
    if first.endswith("."):
        if first.endswith("..") or not _title_cased(words):
            return None
        return first[:-1]
    return None if first.endswith(("!", "?")) and not _title_cased(words) else first
