"""Running newsgraph over the texts of a gold file: one prediction line per record."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.model import Article
    from newsgraph.settings import Settings


def record_text(record: dict) -> str | None:
    """The text of a gold or texts record: `text` (PolNeAR, TR-News), else `body` (the
    extraction sets, naeb and fundus), else `sentence_normalized` (NewsMTSC); None when none
    is a string."""
    for field in ("text", "body", "sentence_normalized"):
        if isinstance(record.get(field), str):
            return record[field]
    return None


def record_id(record: dict) -> str | None:
    """The key of a gold or texts record: `id`, else `primary_gid` (NewsMTSC)."""
    for field in ("id", "primary_gid"):
        if record.get(field) is not None:
            return str(record[field])
    return None


@dataclass
class PredictionRun:
    """Predictions for a gold file, with what went wrong and how long analysis took."""

    predictions: list[dict]
    failures: list[str]
    seconds: float
    articles: int

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0


def predict_records(
    records: list[dict],
    settings: Settings,
    *,
    published: Callable[[dict], str | None],
    prediction: Callable[[Article, object], dict],
    empty: str,
    warm_up_text: str | None = None,
    same_text: bool = False,
) -> PredictionRun:
    """Analyse each record's `text` and turn each article into its prediction line.

    A record that cannot be analysed (or, with `same_text`, whose analysed text differs
    from the gold text, so offsets would not match) gets `{"id", empty: []}` and a failure
    line. With one worker the model is first warmed up on `warm_up_text`, so the timing
    covers analysis only.
    """
    from newsgraph import analyze_many
    from newsgraph.ingest.sources import Failure, Source

    if warm_up_text and settings.workers <= 1:
        list(analyze_many([warm_up_text], settings=settings))
    sources = [Source(text=record["text"], origin=f"<gold {number}>", id=str(record["id"]),
                      published=published(record))
               for number, record in enumerate(records, start=1)]
    predictions: list[dict] = []
    failures: list[str] = []
    started = time.perf_counter()
    for record, result in zip(records, analyze_many(sources, settings=settings), strict=True):
        reason = result.reason if isinstance(result, Failure) else None
        if reason is None and same_text and result.text != record["text"]:
            reason = "analysed text differs from the gold text; its offsets cannot be scored"
        if reason is not None:
            failures.append(f"{record['id']}: {reason}")
            predictions.append({"id": record["id"], empty: []})
            continue
        predictions.append(prediction(result, record["id"]))
    return PredictionRun(predictions, failures, time.perf_counter() - started, len(records))
