"""Verbless lead-ins of a direct quote, at the start of its paragraph.

Digests and live blogs introduce a quote without a speech verb:

- a heading in capitals that the quote then illustrates ("BRIDGE TOLLS TO RISE “The
  council voted on Monday …”"): the heading is the source;
- a name and a colon ("Morning briefing - Jane Doe: “We will win.”"): the name speaks.

Only the lead-in may stand before the opening mark in its paragraph; a "Name:" lead-in
has no verb (one with a verb is `QuoteFinder.colon_lead_in`'s). The lead-in wins over a
cue further away, but it keeps no quote that the quotes stage would otherwise drop (it
names the speaker of a quote that continues another or is a whole utterance).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: A heading: at least two words, no lower-case letter, no sentence end inside.
HEADING = re.compile(r"(?:[^\W\d_]|\d)[^a-z.!?\n]*[A-Z][^a-z.!?\n]*")
#: Separators between a digest item's parts: "Title - Name: “…”".
PART_BREAK = re.compile(r"\s[-–—]\s|[.!?]\s")


def heading_before(text: str, doc: Doc, start: int) -> Span | None:
    """The capitalised heading that opens the paragraph of the mark at `start`, when only
    the heading stands before the mark."""
    first = text.rfind("\n", 0, start) + 1
    before = text[first:start].rstrip()
    if not before or HEADING.fullmatch(before) is None or len(before.split()) < 2:
        return None
    if sum(ch.isupper() for ch in before) < 4:
        return None
    span = doc.char_span(first, first + len(before), alignment_mode="contract")
    return span if span is not None and len(span) else None


def name_before_colon(text: str, doc: Doc, start: int) -> Span | None:
    """"Jane Doe: “…”" — the name that ends a verbless lead-in with a colon, in the
    quote's paragraph ("A title - Jane Doe:" takes the part after the dash)."""
    first = text.rfind("\n", 0, start) + 1
    before = text[first:start].rstrip()
    if not before.endswith(":"):
        return None
    parts = PART_BREAK.split(before[:-1])
    lead = parts[-1].strip()
    if not lead or len(lead.split()) > 5:
        return None
    lead_start = first + before.rfind(lead, 0, len(before) - 1)
    span = doc.char_span(lead_start, lead_start + len(lead), alignment_mode="contract")
    if span is None or not len(span) or any(t.pos_ in {"VERB", "AUX"} for t in span):
        return None
    words = [t for t in span if not t.is_punct]
    if not words or not all(t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "ORG"}
                            or t.text[:1].isupper() for t in words):
        return None
    if not any(t.ent_type_ in {"PERSON", "ORG"} or t.pos_ == "PROPN" for t in words):
        return None
    return span
