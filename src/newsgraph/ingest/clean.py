"""Text-level page-chrome removal: UI leftovers of scraped news pages.

Scraped article text often starts with navigation ("Skip to content", menus)
and ends with widgets (contact boxes, login forms, newsletter and cookie
notices, copyright footers). The cleaner works line by line, in one linear
pass, and never edits inside a line: the body keeps its exact characters and
paragraph breaks. It reads one text alone: what is removed never depends on the
other articles of a batch (a rule that removed lines repeated across a batch made
the output change with the batch size and the number of workers).

Rules, with the `reason` recorded on each `RemovedText`:

* ``markup`` - anywhere: raw HTML/JS (``<script>`` blocks, ``window.x = ...``).
* ``ui-phrase`` - anywhere: a line that is *entirely* a strong UI phrase
  ("Advertisement", "Skip to content", "Share this article", a copyright
  footer). At the start and end of the text, also a line that merely contains
  an account/contact/subscription/cookie/social phrase, as long as it is short
  or addresses the reader ("your", "us") and does not report speech.
* ``menu`` - anywhere: a line of short items joined by separators ("Home | World").
* ``no-sentence-structure`` - at the end only: a short line with no final
  punctuation. At the start such a line is usually the headline, so it stays.

The edge passes stop at the first body line from each end; the end pass never
goes above the first body line found from the start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsgraph.model import RemovedText

#: A line that is one of these phrases, and nothing else, is chrome anywhere.
_STRONG_UI = re.compile(
    r"""^[\W_]*(?:
        advertisements?|advert|ad|sponsored(?:\ content)?|promoted(?:\ content)?
      | (?:story|article)\ continues\ (?:below|after)(?:\ (?:this\ )?(?:advertisement|ad))?
      | scroll\ (?:down\ )?to\ continue(?:\ reading)?|continue\ reading
      | skip\ to\ (?:main\ )?(?:content|navigation|search|footer)
      | (?:toggle|open|close)\ (?:navigation|menu|search)|menu|search|close|back\ to\ top
      | share(?:\ this)?(?:\ (?:article|story|page|post|on\ \w+))?|share\ via\ \w+
      | (?:copy|copied)\ (?:link|url)|print(?:\ this\ (?:article|page))?|e-?mail\ this\ article
      | read\ more|read\ (?:the\ )?full\ (?:article|story)|more\ (?:on\ this\ )?(?:stories|news)
      | related(?:\ (?:articles?|stories|content|news|topics|coverage|links))?
      | (?:most\ )?(?:read|popular|trending)(?:\ (?:now|stories|articles))?
      | recommended(?:\ for\ you)?|you\ may\ also\ like|more\ from\ .{1,40}
      | (?:view|show|load|hide)\ (?:all\ )?(?:\d+\ )?comments?|comments?(?:\ \(\d+\))?
      | (?:follow|like)\ us(?:\ on\ .{1,40})?|(?:watch|listen)(?:\ now|\ live)?
      | image\ (?:source|caption)|getty\ images|photo\ gallery|(?:enlarge\ )?image
      | (?:click|tap)\ here\b.{0,80}
      | (?:sign\ up|subscribe)\b.{0,80}|(?:log|sign)\ ?(?:in|out)|register
      | (?:accept|reject|manage)\ (?:all\ )?cookies.{0,40}|cookie\ (?:settings|policy|preferences)
      | privacy\ policy|terms\ (?:of\ (?:use|service)|and\ conditions)|contact\ us|about\ us
      | (?:©|\(c\)|copyright\s+(?:©\s*)?\d{4}).{0,120}
    )[\W_]*$""",
    re.IGNORECASE | re.VERBOSE,
)

#: Account, contact, subscription, cookie and social phrases; chrome only at the edges.
_WEAK_UI = re.compile(
    r"""\b(?:
        (?:log\ ?in|sign\ ?in|sign\ up|register)\b.*\b(?:account|credentials|e-?mail|password)
      | (?:account|credentials|password)\b.*\b(?:log\ ?in|sign\ ?in)
      | forgot(?:ten)?\ (?:your\ )?(?:password|details|username|login)
      | (?:reset|change)\ (?:your\ )?password|create\ (?:an|your)\ account|remember\ me
      | (?:send|e-?mail|message|contact|call|write\ to)\ us|get\ back\ to\ you
      | leave\ (?:us\ )?a\ message|(?:we're|we\ are)\ (?:offline|away|not\ available)
      | reply\ (?:soon|shortly|as\ soon)|chat\ with\ us|live\ chat|how\ can\ we\ help
      | newsletters?|subscribe|subscription|subscribers?\ only|sign\ up\ for
      | cookies?\b.*\b(?:accept|consent|settings|preferences|policy|use)
      | (?:accept|consent|use)\b.*\bcookies?
      | (?:follow|find|like|join)\ us\ on|share\ (?:this|on|via)
      | (?:facebook|twitter|instagram|whatsapp|telegram|linkedin|youtube|tiktok)
      | (?:click|tap)\ here|download\ (?:our|the)\ app|all\ rights\ reserved|©
      | \d+\ min(?:ute)?s?\ read|(?:published|updated)\b.{0,40}\bago
      | enable\ javascript|(?:your\ )?browser\ (?:does\ not|doesn't)\ support
    )""",
    re.IGNORECASE | re.VERBOSE,
)

#: The reader addressed: UI text speaks to "you", or as "us"/"our".
_ADDRESSES_READER = re.compile(r"\b(?:you|your|yours|we|we're|we'll|us|our)\b", re.IGNORECASE)
#: Reported speech and quotation marks mark a body sentence, never UI.
_REPORTS_SPEECH = re.compile(r"[“”„]|\"[^\"]+\"|\b(?:said|says|told|according to)\b",
                             re.IGNORECASE)

_MENU_SEPARATOR = re.compile(r"\s+[|•·»›/>]\s+|\s*[|•·]\s*")
_MARKUP = re.compile(
    r"""^\s*(?:
        <!--.*|.*-->\s*$
      | (?:window|document)\.\w+.*|(?:var|let|const)\s+\w+\s*=.*
      | \(?function\s*\w*\s*\(.*|[\w.$]+\(.*\)\s*;\s*$
      | \{\s*"[^"]+"\s*:.*\}\s*$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_LEADING_BLANKS = re.compile(r"^(?:[ \t]*(?:\r\n|\r|\n))+")
_TAG = re.compile(r"<[^<>]*>")
_LETTER = re.compile(r"[^\W\d_]")
_SCRIPT_OPEN = re.compile(r"<(script|style|noscript)\b[^>]*>", re.IGNORECASE)
_SCRIPT_CLOSE = re.compile(r"</(?:script|style|noscript)\s*>", re.IGNORECASE)
_FINAL_PUNCT = re.compile(r"[.!?…:;][\"'”’»)\]]*$")

#: Lines longer than this are body text even when they contain a UI phrase.
MAX_UI_WORDS = 40
#: Unpunctuated lines up to this many words have no sentence structure.
MAX_FRAGMENT_WORDS = 12


@dataclass
class Cleaned:
    """The cleaned text and every removed block (offsets into the original)."""

    text: str
    removed: list[RemovedText] = field(default_factory=list)


@dataclass
class _Line:
    start: int  # offset of the stripped content in the original text
    end: int
    text: str  # stripped content; "" for a blank line
    full_end: int  # end including the line break


def _split_lines(text: str) -> list[_Line]:
    """The lines of `text` with the offsets of their stripped content."""
    lines: list[_Line] = []
    position = 0
    for raw in text.splitlines(keepends=True):
        content = raw.strip()
        start = position + (len(raw) - len(raw.lstrip())) if content else position
        lines.append(_Line(start, start + len(content), content, position + len(raw)))
        position += len(raw)
    return lines


def _is_menu(line: str) -> bool:
    """Three or more short items joined by separators: "Home | World | Politics"."""
    items = [item for item in _MENU_SEPARATOR.split(line) if item.strip()]
    return len(items) >= 3 and all(len(item.split()) <= 3 for item in items) \
        and not _FINAL_PUNCT.search(line)


def _has_sentence_structure(line: str) -> bool:
    """Final punctuation, or too long to be a UI fragment."""
    return bool(_FINAL_PUNCT.search(line)) or len(line.split()) > MAX_FRAGMENT_WORDS


def _anywhere_reason(line: str) -> str | None:
    """Why a line is chrome wherever it stands, or None."""
    if _MARKUP.match(line) or (line.startswith("<") and not _LETTER.search(_TAG.sub("", line))):
        return "markup"
    if _STRONG_UI.match(line) and not _REPORTS_SPEECH.search(line):
        return "ui-phrase"
    if _is_menu(line):
        return "menu"
    return None


def _edge_ui(line: str) -> bool:
    """A UI phrase that makes a line chrome when it stands at the start or end."""
    words = len(line.split())
    if words > MAX_UI_WORDS or _REPORTS_SPEECH.search(line) or not _WEAK_UI.search(line):
        return False
    return words <= 6 or not _has_sentence_structure(line) or bool(_ADDRESSES_READER.search(line))


def _edge_reason(line: str, at_end: bool) -> str | None:
    """Why a line at the start (or end) of the text is chrome, or None."""
    if _edge_ui(line):
        return "ui-phrase"
    if at_end and not _has_sentence_structure(line):
        return "no-sentence-structure"
    return None


def _line_reasons(lines: list[_Line]) -> list[str | None]:
    """Reasons that hold anywhere: markup (incl. script blocks), strong UI, menus."""
    reasons: list[str | None] = []
    in_script = False
    for line in lines:
        text = line.text
        reason: str | None = None
        if text:
            if in_script or _SCRIPT_OPEN.search(text):
                reason = "markup"
                opened = _SCRIPT_OPEN.search(text)
                tail = text[opened.end():] if opened else text
                in_script = not _SCRIPT_CLOSE.search(tail)
            else:
                reason = _anywhere_reason(text)
        reasons.append(reason)
    return reasons


def _mark_edges(lines: list[_Line], reasons: list[str | None]) -> None:
    """Extend removal from each end up to the first body line."""
    first_body = len(lines)
    for i, line in enumerate(lines):
        if not line.text or reasons[i]:
            continue
        reasons[i] = _edge_reason(line.text, at_end=False)
        if reasons[i] is None:
            first_body = i
            break
    for i in range(len(lines) - 1, first_body, -1):
        if not lines[i].text or reasons[i]:
            continue
        reasons[i] = _edge_reason(lines[i].text, at_end=True)
        if reasons[i] is None:
            break


def _assemble(text: str, lines: list[_Line], reasons: list[str | None]) -> Cleaned:
    """Cut the removed lines (and the blank lines after them) out of `text`."""
    pieces: list[str] = []
    removed: list[RemovedText] = []
    skipping_blanks = False
    position = 0
    for line, reason in zip(lines, reasons, strict=True):
        if reason:
            removed.append(RemovedText(start=line.start, end=line.end, text=line.text,
                                       reason=reason))
            skipping_blanks = True
        elif line.text or not skipping_blanks:
            pieces.append(text[position:line.full_end])
            skipping_blanks = skipping_blanks and not line.text
        position = line.full_end
    cleaned = _LEADING_BLANKS.sub("", "".join(pieces)).rstrip()
    return Cleaned(cleaned, removed)


def clean_text(text: str) -> Cleaned:
    """Remove page chrome from `text`; see the module docstring for the rules."""
    lines = _split_lines(text)
    reasons = _line_reasons(lines)
    _mark_edges(lines, reasons)
    if not any(reasons):
        return Cleaned(text)
    return _assemble(text, lines, reasons)
