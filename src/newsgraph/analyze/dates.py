"""The dates stage (placeholder)."""

from __future__ import annotations

from newsgraph.pipeline import Document


def add_dates(document: Document) -> None:
    return None
