"""The entities stage (placeholder)."""

from __future__ import annotations

from newsgraph.pipeline import Document


def add_entities(document: Document) -> None:
    return None
