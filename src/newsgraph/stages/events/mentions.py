"""What the steps of the events stage hand each other: coded arguments and mentions."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.model import EventArgument
from newsgraph.stages.events.lexicon import Code


@dataclass
class Argument:
    """An actor or target: its phrase, offsets, head lemma, entity and code."""

    text: str
    start: int | None
    end: int | None
    head: str
    entity: str | None = None
    country: str | None = None
    sector: str | None = None

    @property
    def key(self) -> str | None:
        """What identifies the participant across sentences."""
        return self.country or self.entity

    def model(self) -> EventArgument:
        return EventArgument(text=self.text, entity=self.entity, country=self.country,
                             sector=self.sector, start=self.start, end=self.end)


@dataclass
class EventMention:
    """One coded statement of an event in one sentence."""

    code: Code
    trigger: tuple[int, int]
    sentence: int
    sentence_span: tuple[int, int]
    actor: Argument | None = None
    target: Argument | None = None
    negated: bool = False
    hypothetical: bool = False
    intended: bool = False
    quote: int | None = None
    place: str | None = None
    date: str | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)
    headline: bool = False
    """In the text's first line when it stands alone above the rest (a headline)."""

    @property
    def realis(self) -> bool:
        """Coded as having happened: not negated, hypothetical or intended."""
        return not (self.negated or self.hypothetical or self.intended)
