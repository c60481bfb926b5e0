"""All options of an analysis run, in one typed object."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DEFAULT_STAGES = ("entities", "dates", "amounts", "places", "quotes", "tone", "portrayal",
                  "events", "counts", "themes")


@dataclass(frozen=True)
class Settings:
    """Options for `analyze`; the CLI flags map one to one onto these fields."""

    model: str | None = None
    """spaCy package to load; None picks the first installed preferred model."""
    clean: bool = True
    """Remove page chrome (UI and account lines) before analysis."""
    stages: tuple[str, ...] = DEFAULT_STAGES
    """Stages to run, in order; see `newsgraph.pipeline.STAGES`."""
    max_chars: int = 1_000_000
    """Longer texts are rejected with a per-document error (memory stays bounded)."""
    languages: tuple[str, ...] = ("en",)
    """Languages the NLP stages run on; other articles are stored and flagged only."""
    batch_size: int = 32
    workers: int = 1
    dedup: bool = True
    """Link near-duplicates (syndicated copies, re-crawls) to one canonical copy, analysed once."""
    strict: bool = False
    """Raise on the first stage error instead of recording a warning and going on; refuse
    stages whose inputs no earlier stage assigns (otherwise: skip them with a warning)."""
    reference_date: date | None = None
    """The run's "today", for undated articles' expressions that need one ("the '90s");
    None: the day the run starts."""
