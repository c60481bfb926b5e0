"""Highlighted article text: every annotation span as an inline element, nested and stacked.

Spans come from the stored offsets (quotes, entity mentions, places, dates, amounts, event
triggers, speech cues). They are laid out as a tree, like displaCy's span view: a span inside
another becomes a child element; a span that crosses the end of an open one is drawn in
pieces (each piece marked `data-part`, with `data-span-start`/`data-span-end` giving the whole
span). Each element carries `data-start`/`data-end`, and its text is exactly
`text[start:end]`, so highlighting adds markup and never changes a character. A `lvl-N` class
gives the nesting height, which the stylesheet turns into stacked underlines. Every piece of
text and every attribute value is escaped.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from newsgraph.model import Article

#: Order of kinds for spans with the same offsets: the first one wraps the others.
KIND_ORDER = ("quote", "entity", "place", "group", "event", "date", "amount", "cue")
#: Speaker colours available in the stylesheet (`spk-0` ...).
SPEAKER_COLOURS = 8
#: Highest stacking level with its own style.
MAX_LEVEL = 5


@dataclass
class Highlight:
    """One span to highlight: offsets, kind, a short label and extra data attributes."""

    start: int
    end: int
    kind: str
    label: str
    attrs: dict[str, str] = field(default_factory=dict)
    classes: tuple[str, ...] = ()
    element_id: str | None = None


@dataclass
class _Node:
    highlight: Highlight
    start: int
    end: int
    part: bool = False
    children: list[_Node] = field(default_factory=list)

    @property
    def level(self) -> int:
        return 1 + max((child.level for child in self.children), default=-1)


def quote_speakers(article: Article) -> list[str | None]:
    """The speaker of each quote: its entity's name, else the span's text (None: unknown)."""
    names = {entity.id: entity.name for entity in article.entities}
    return [None if quote.speaker is None
            else names.get(quote.speaker.entity or "", quote.speaker.text)
            for quote in article.quotes]


def speaker_colours(speakers: list[str | None]) -> dict[str, int]:
    """A colour index per speaker, in order of their first quote."""
    colours: dict[str, int] = {}
    for name in speakers:
        if name and name not in colours:
            colours[name] = len(colours) % SPEAKER_COLOURS
    return colours


def collect(article: Article) -> list[Highlight]:
    """Every highlightable span of `article` with valid offsets."""
    speakers = quote_speakers(article)
    colours = speaker_colours(speakers)
    found: list[Highlight] = []
    for index, (quote, speaker) in enumerate(zip(article.quotes, speakers, strict=True)):
        colour = f"spk-{colours[speaker]}" if speaker else "spk-none"
        kind_text = "direct quote" if quote.direct else "reported speech"
        found.append(Highlight(
            quote.start, quote.end, "quote", f"{kind_text} — {speaker or 'unknown speaker'}",
            {"speaker": speaker or "", "direct": "true" if quote.direct else "false",
             "quote": str(index)}, (colour,), f"q{index}"))
        if quote.cue is not None:
            found.append(Highlight(quote.cue.start, quote.cue.end, "cue",
                                   f"speech cue: {quote.cue.lemma}", {"quote": str(index)}))
    for entity in article.entities:
        for mention in entity.mentions:
            found.append(Highlight(mention.start, mention.end, "entity",
                                   f"{entity.type}: {entity.name}",
                                   {"entity": entity.name, "type": entity.type,
                                    "mention": mention.kind},
                                   (f"ent-{entity.type.lower()}",)))
    for place in article.places:
        if place.kind == "group":  # "Turkish": a country's people or things, not a location
            found.append(Highlight(place.start, place.end, "group",
                                   f"group word: of {place.name or place.text}",
                                   {"place": place.name or ""}))
            continue
        found.append(Highlight(place.start, place.end, "place",
                               f"place: {place.name or place.text}",
                               {"place": place.name or ""}))
    for time in article.dates:
        found.append(Highlight(time.start, time.end, "date",
                               f"date: {time.value or time.granularity}",
                               {"value": time.value or ""}))
    for amount in article.amounts:
        found.append(Highlight(amount.start, amount.end, "amount", "amount"))
    for index, event in enumerate(article.events):
        found.append(Highlight(event.trigger.start, event.trigger.end, "event",
                               f"event: {event.type}", {"type": event.type,
                                                        "event": str(index)}))
    size = len(article.text)
    return [h for h in found if 0 <= h.start < h.end <= size]


def _sort_key(node: _Node) -> tuple[int, int, int]:
    return (node.start, -node.end, KIND_ORDER.index(node.highlight.kind)
            if node.highlight.kind in KIND_ORDER else len(KIND_ORDER))


class _Queue:
    """Nodes by (start, longest first, kind order); pieces pushed back keep that order."""

    def __init__(self, nodes: list[_Node]) -> None:
        self._heap = [(_sort_key(node), n, node) for n, node in enumerate(nodes)]
        heapq.heapify(self._heap)
        self._count = len(nodes)

    def __bool__(self) -> bool:
        return bool(self._heap)

    def pop(self) -> _Node:
        return heapq.heappop(self._heap)[2]

    def push(self, node: _Node) -> None:
        self._count += 1
        heapq.heappush(self._heap, (_sort_key(node), self._count, node))


def layout(highlights: list[Highlight]) -> list[_Node]:
    """The highlights as a forest of properly nested nodes (crossing spans split in pieces)."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    queue = _Queue([_Node(h, h.start, h.end) for h in highlights])
    while queue:
        node = queue.pop()
        while stack and stack[-1].end <= node.start:
            stack.pop()
        if stack and node.end > stack[-1].end:
            cut = stack[-1].end
            queue.push(_Node(node.highlight, cut, node.end, part=True))
            node = _Node(node.highlight, node.start, cut, part=True)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _open_tag(node: _Node) -> str:
    h = node.highlight
    classes = " ".join(("hl", f"hl-{h.kind}", f"lvl-{min(node.level, MAX_LEVEL)}", *h.classes))
    tag = [f'<mark class="{escape(classes)}" data-kind="{escape(h.kind)}" '
           f'data-start="{node.start}" data-end="{node.end}" title="{escape(h.label)}"']
    if node.part:
        tag.append(f' data-part="true" data-span-start="{h.start}" data-span-end="{h.end}"')
    elif h.element_id:
        tag.append(f' id="{escape(h.element_id)}"')
    tag.extend(f' data-{name}="{escape(value)}"' for name, value in h.attrs.items())
    tag.append(">")
    return "".join(tag)


def _render(nodes: list[_Node], text: str, start: int, end: int, out: list[str]) -> None:
    position = start
    for node in nodes:
        out.append(str(escape(text[position:node.start])))
        out.append(_open_tag(node))
        _render(node.children, text, node.start, node.end, out)
        out.append("</mark>")
        position = node.end
    out.append(str(escape(text[position:end])))


def highlight(text: str, highlights: list[Highlight]) -> Markup:
    """`text` as escaped HTML with every highlight as a nested `<mark>` element."""
    out: list[str] = []
    _render(layout(highlights), text, 0, len(text), out)
    return Markup("".join(out))  # every piece was escaped above
