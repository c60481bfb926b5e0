"""JSON Lines: one article's JSON (schema 1, as `newsgraph show` prints it) per line."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from newsgraph.export import text_output
from newsgraph.model import Article


def write(articles: Iterable[Article], output: Path | TextIO) -> int:
    """Write one compact JSON object per line (UTF-8); the number of articles."""
    count = 0
    with text_output(output) as handle:
        for article in articles:
            handle.write(article.model_dump_json())
            handle.write("\n")
            count += 1
    return count
