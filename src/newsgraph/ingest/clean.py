"""Text-level page chrome removal (placeholder: keeps everything)."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.model import RemovedText


@dataclass
class Cleaned:
    text: str
    removed: list[RemovedText] = field(default_factory=list)


def repeated_lines(texts: list[str], min_docs: int = 3) -> frozenset[str]:
    return frozenset()


def clean_text(text: str, repeated: frozenset[str] = frozenset()) -> Cleaned:
    return Cleaned(text)
