"""Shared fixtures: the loaded spaCy model and the paths of the shared reference data."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_TEXT = SHARED / "seed" / "rafah.txt"
SEED_GOLD = SHARED / "seed" / "rafah.gold.json"
EVAL = SHARED / "eval"


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def parse(nlp):
    """Parse a text and wrap it as a pipeline `Document`, like the runner does."""
    from datetime import date

    from newsgraph.model import Article
    from newsgraph.pipeline import Document

    def make(text: str, published: date | None = None) -> Document:
        return Document(Article(id="test", text=text), nlp(text), published)

    return make
