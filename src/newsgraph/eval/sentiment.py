"""Target-dependent sentiment on NewsMTSC-format JSONL: predict and score.

Input lines: `{"sentence_normalized", "primary_gid", "targets": [{"Input.gid", "from", "to",
"further_mentions"?, "polarity"?}]}`; a gold `polarity` is ignored when predicting. Output: one
`{"id": Input.gid, "polarity": "negative" | "neutral" | "positive"}` per target. Scores are
those of NewsMTSC's scorer: accuracy and F1m, the macro F1 over the three classes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.stages.portrayal_model import LABELS

GOLD_LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
#: VADER's usual neutral band for the whole-sentence baseline.
VADER_NEUTRAL = 0.05


class SentimentInputError(ValueError):
    """A line that is not a NewsMTSC record; the message names the line."""


def read_records(path: Path) -> list[dict]:
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record["sentence_normalized"], str) or \
                        not isinstance(record["targets"], list):
                    raise TypeError("sentence_normalized must be text, targets a list")
            except (ValueError, KeyError, TypeError) as error:
                raise SentimentInputError(
                    f"{path}:{number}: not a NewsMTSC record (needs sentence_normalized and "
                    f"targets): {error}") from error
            records.append(record)
    return records


def predict(records: list[dict], model_path: Path | None = None) -> Iterator[dict]:
    """One `{"id", "polarity", "score"}` per target, in input order."""
    from newsgraph.nlp import load_model
    from newsgraph.stages.portrayal import reader_context, target_features, target_view
    from newsgraph.stages.portrayal_model import load_portrayal_model
    from newsgraph.stages.tone_lexicon import load_tone_lexicon

    nlp, lexicon, model = load_model(), load_tone_lexicon(), load_portrayal_model(model_path)
    docs = nlp.pipe((r["sentence_normalized"] for r in records), batch_size=64)
    for record, doc in zip(records, docs, strict=True):
        compound = lexicon.compound(doc.text)
        batch = [target_features(doc[:], _spans(target), lexicon, compound)
                 for target in record["targets"]]
        context = reader_context(doc, model)
        readable = model.net is not None and (context is not None or not model.net.reads_context)
        views = [target_view(doc[:], target["from"], target["to"], lexicon, context=context)
                 for target in record["targets"]] if readable else None
        predicted = model.predict(batch, views)
        for target, (label, score) in zip(record["targets"], predicted, strict=True):
            yield {"id": target["Input.gid"], "polarity": label, "score": round(score, 4)}


def _spans(target: dict) -> list[tuple[int, int]]:
    return [(target["from"], target["to"])] + [
        (more["from"], more["to"]) for more in target.get("further_mentions") or ()]


def vader_baseline(records: list[dict]) -> Iterator[dict]:
    """VADER's compound score of the whole sentence, for every target in it."""
    from newsgraph.stages.tone_lexicon import load_tone_lexicon

    lexicon = load_tone_lexicon()
    for record in records:
        compound = lexicon.compound(record["sentence_normalized"])
        label = "positive" if compound >= VADER_NEUTRAL else \
            "negative" if compound <= -VADER_NEUTRAL else "neutral"
        for target in record["targets"]:
            yield {"id": target["Input.gid"], "polarity": label}


def score(records: list[dict], predictions: Iterable[dict]) -> dict:
    """Accuracy, F1m and per-class precision / recall / F1 (a missing prediction is wrong)."""
    gold = {t["Input.gid"]: GOLD_LABELS.get(t.get("polarity")) for r in records
            for t in r["targets"]}
    predicted = {p["id"]: p["polarity"] for p in predictions}
    per_class = {}
    for label in LABELS:
        tp = sum(1 for k, g in gold.items() if g == label and predicted.get(k) == label)
        fp = sum(1 for k, p in predicted.items() if k in gold and p == label and gold[k] != label)
        fn = sum(1 for k, g in gold.items() if g == label and predicted.get(k) != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": round(precision, 4), "recall": round(recall, 4),
                            "f1": round(f1, 4), "support": tp + fn}
    accuracy = sum(1 for k, g in gold.items() if predicted.get(k) == g) / max(1, len(gold))
    return {"targets": len(gold), "accuracy": round(accuracy, 4),
            "f1m": round(sum(c["f1"] for c in per_class.values()) / len(LABELS), 4),
            "per_class": per_class}
