"""The amounts stage (placeholder)."""

from __future__ import annotations

from newsgraph.pipeline import Document


def add_amounts(document: Document) -> None:
    return None
