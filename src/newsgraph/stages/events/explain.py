"""Why each candidate trigger was coded or dropped: a trace of the events stage.

Off by default and free when off. Inside `with explaining() as trace:` the events stage
records, for every token that can start a trigger, what became of it: no frame (the word
is in the lexicon but not in a sense or construction that codes), screened (its context
shows no such event), consumed by an earlier trigger, folded into another act, a mention
with its flags, dropped by a later filter (a statement's content, a topic, fighting
context, no one named) or coded. Where a rule dropped it, the trace names the rule: the
function and line of the `return` that decided, and that line's comment, found with
Python's profiling hook while the trigger is coded (only when tracing).
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsgraph.stages.events.mentions import EventMention

PACKAGE = str(Path(__file__).resolve().parent)
#: Outcomes, in the order the stage reaches them.
OUTCOMES = ("consumed", "no frame", "screened", "same act", "filtered", "merged", "coded")


@dataclass
class Candidate:
    """One token that could start a trigger, and what became of it."""

    start: int
    end: int
    text: str
    lemma: str
    outcome: str = "no frame"
    type: str | None = None
    cameo: str | None = None
    flags: list[str] = field(default_factory=list)
    rule: str | None = None

    def row(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "lemma": self.lemma,
                "outcome": self.outcome, "type": self.type, "cameo": self.cameo,
                "flags": self.flags, "rule": self.rule}


class Trace:
    """The candidates of one run of the events stage, by token offset."""

    def __init__(self) -> None:
        self.documents: list[dict[int, Candidate]] = []
        self.candidates: dict[int, Candidate] = {}
        self.by_mention: dict[int, Candidate] = {}

    def begin(self) -> None:
        """A new document: its candidates are kept apart from the last one's."""
        self.candidates = {}
        self.by_mention = {}
        self.documents.append(self.candidates)

    def candidate(self, token: Token, lemma: str) -> Candidate:
        found = self.candidates.get(token.idx)
        if found is None:
            found = Candidate(token.idx, token.idx + len(token.text), token.text, lemma)
            self.candidates[token.idx] = found
        return found

    def mention(self, token: Token, mention: EventMention) -> None:
        """A trigger became a mention: its type and flags (negated, hypothetical, intended)."""
        found = self.candidates.get(token.idx)
        if found is None:
            return
        found.outcome, found.type, found.cameo = "coded", mention.code.type, mention.code.cameo
        found.flags = [name for name in ("negated", "hypothetical", "intended")
                       if getattr(mention, name)]
        self.by_mention[id(mention)] = found

    def dropped(self, before: list, after: list, rule: str, outcome: str = "filtered") -> None:
        """Mentions in `before` but not in `after` were dropped by `rule`."""
        kept = {id(m) for m in after}
        for mention in before:
            found = self.by_mention.get(id(mention))
            if id(mention) not in kept and found is not None and found.outcome == "coded":
                found.outcome, found.rule = outcome, rule

    def rows(self, document: int = -1) -> list[dict[str, Any]]:
        """The candidates of one document (the last one by default), in text order."""
        if not self.documents:
            return []
        return [c.row() for _, c in sorted(self.documents[document].items())]


_TRACE: ContextVar[Trace | None] = ContextVar("newsgraph_events_trace", default=None)


def current() -> Trace | None:
    """The trace being recorded, if any (None: tracing is off)."""
    return _TRACE.get()


@contextmanager
def explaining() -> Iterator[Trace]:
    """Record the events stage's decisions while the block runs."""
    trace = Trace()
    token = _TRACE.set(trace)
    try:
        yield trace
    finally:
        _TRACE.reset(token)


def deciding_rule(call: Callable[..., Any], *args: Any) -> tuple[Any, str | None]:
    """Run `call(*args)` and, when it returns None, name the rule that decided: the chain of
    `return`s in this package that led to it ("screen:75 <- literal:90 <- _market_move:104")
    and the comment on the first one's line."""
    returns: list[tuple[int, str, str, int, Any]] = []
    depth = 0

    def hook(frame: Any, event: str, arg: Any) -> None:
        nonlocal depth
        if event == "call":
            depth += 1
        elif event == "return":
            code = frame.f_code
            if code.co_filename.startswith(PACKAGE):
                returns.append((depth, code.co_name, code.co_filename, frame.f_lineno, arg))
            depth -= 1

    previous = sys.getprofile()
    sys.setprofile(hook)
    try:
        result = call(*args)
    finally:
        sys.setprofile(previous)
    return result, (None if result is not None else _chain(returns))


def _chain(returns: list[tuple[int, str, str, int, Any]]) -> str | None:
    """From the traced call's own `return`, down through each callee that its deciding line
    calls, the last return inside it (the test that decided); the traced call itself is
    left out when a callee decided."""
    end = next((n for n in range(len(returns) - 1, -1, -1) if returns[n][0] == 1), None)
    links = []
    while end is not None and len(links) < 5:
        depth, name, path, line, _ = returns[end]
        links.append((name, path, line))
        begin = next((n for n in range(end - 1, -1, -1) if returns[n][0] <= depth), -1)
        end = next((n for n in range(end - 1, begin, -1) if returns[n][0] == depth + 1), None)
        if end is not None and returns[end][4] is not None and not _calls(
                path, line, returns[end][1]):
            break  # the deciding line does not call it: the test was made right there
    links = links[1:] or links
    if not links:
        return None
    _, path, line = links[0]
    source = linecache.getline(path, line)
    comment = "  #" + source.split("#", 1)[1].rstrip() if "#" in source else ""
    return " <- ".join(f"{name}:{line}" for name, _, line in links) + comment


def _calls(path: str, line: int, function: str) -> bool:
    """Does the `return` at `line`, or the test just above it, call `function`?"""
    source = "".join(linecache.getline(path, n) for n in range(max(1, line - 3), line + 1))
    return f"{function}(" in source
