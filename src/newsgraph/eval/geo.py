"""Scoring toponym recognition and resolution against a gold JSONL (TR-News, GeoVirus).

Gold lines: ``{"id", "text", "toponyms": [{"start", "end", "text", "lat", "lon", ...}]}``;
prediction lines: ``{"id", "toponyms": [{"start", "end", "lat", "lon"}]}``. The semantics
follow the gold sets' reference scorer (``score_geo.py``), re-implemented here:

* **recognition**: a prediction matches a gold toponym when the spans overlap; pairs are
  one-to-one, exact matches first, then by overlap size, then by gold and prediction order.
  Recall counts every gold toponym, with or without coordinates.
* **resolution**, over matched gold toponyms that have coordinates: acc@161 km, mean and
  median error, and the AUC of sorted ln(1 + km) / ln(20039); a match without predicted
  coordinates counts 20,039 km.
* **e2e_acc161**: matched and within 161 km, over all gold toponyms with coordinates.

`predict` runs newsgraph's places stage (names and group words, as the article output holds
them; names only on request) and, in the same run on the same parse, the usual baseline:
spaCy GPE/LOC spans, each given its most populous gazetteer entry.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.eval.runs import record_text

MAX_ERR_KM = 20039.0
ACC_KM = 161.0


class ScoringError(ValueError):
    """A gold or prediction file cannot be scored; the message says which and why."""


def read_jsonl(path: Path, limit: int | None = None) -> list[dict]:
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ScoringError(f"{path}:{number}: invalid JSON: {error}") from error
            if not isinstance(record, dict) or "id" not in record:
                raise ScoringError(f"{path}:{number}: record has no 'id'")
            records.append(record)
            if limit is not None and len(records) >= limit:
                break
    return records


def join_texts(records: list[dict], texts_path: Path) -> list[dict]:
    """Gold records that store offsets only, given their texts from another JSONL.

    Each line of `texts_path` has an ``id`` and the article as ``text`` or ``body`` (the
    fundus extraction gold's field). Every toponym's ``text``, when given, must equal its
    span of the joined text, so a gold file can never be scored against the wrong article.
    """
    texts = {str(row["id"]): text for row in read_jsonl(texts_path)
             if (text := record_text(row)) is not None}
    joined = []
    for record in records:
        text = texts.get(str(record["id"]))
        if text is None:
            raise ScoringError(f"{texts_path}: no text for gold id {record['id']!r}")
        for t in record.get("toponyms", []):
            if "text" in t and text[t["start"]:t["end"]] != t["text"]:
                raise ScoringError(f"{record['id']}: {t['start']}-{t['end']} is "
                                   f"{text[t['start']:t['end']]!r}, gold says {t['text']!r}")
        joined.append(dict(record, text=text))
    return joined


def with_demonyms(records: list[dict], demonyms: bool) -> list[dict]:
    """The gold toponyms to score: those marked ``"kind": "demonym"`` ("Turkish") only when
    group words are scored (the default; not with ``--names-only``). Sets that annotate group
    words without marking them (TR-News) are returned as they are."""
    if demonyms:
        return records
    return [dict(r, toponyms=[t for t in r.get("toponyms", []) if t.get("kind") != "demonym"])
            for r in records]


def _has_coords(t: dict) -> bool:
    return t.get("lat") is not None and t.get("lon") is not None


def _overlap(a: dict, b: dict) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def match_spans(gold: list[dict], pred: list[dict]) -> dict[int, int]:
    """One-to-one greedy matching of overlapping spans: {gold index: prediction index}."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            shared = _overlap(g, p)
            if shared > 0:
                exact = g["start"] == p["start"] and g["end"] == p["end"]
                pairs.append((-int(exact), -shared, i, j))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, _, i, j in sorted(pairs):
        if i not in matched and j not in used:
            matched[i] = j
            used.add(j)
    return matched


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
        math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def auc_log_error(errors: list[float]) -> float | None:
    if not errors:
        return None
    logs = sorted(math.log(1.0 + e) for e in errors)
    if len(logs) == 1:
        return logs[0] / math.log(MAX_ERR_KM)
    area = sum((logs[k] + logs[k + 1]) / 2.0 for k in range(len(logs) - 1))
    return area / ((len(logs) - 1) * math.log(MAX_ERR_KM))


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def score_geo(gold: Iterable[dict], pred: Iterable[dict]) -> dict[str, Any]:
    """All metrics of `score_geo.py` (default mode) for gold and prediction records."""
    predictions = {str(r["id"]): r for r in pred}
    n_gold = n_geo = n_pred = tp = tp_exact = correct = unresolved = 0
    errors: list[float] = []
    docs = 0
    for record in gold:
        docs += 1
        gold_spans = list(record.get("toponyms", []))
        pred_spans = []
        for t in predictions.get(str(record["id"]), {}).get("toponyms", []) or []:
            try:
                if int(t["start"]) < int(t["end"]):
                    pred_spans.append(dict(t, start=int(t["start"]), end=int(t["end"])))
            except (KeyError, TypeError, ValueError):
                continue
        matched = match_spans(gold_spans, pred_spans)
        n_gold += len(gold_spans)
        n_pred += len(pred_spans)
        tp += len(matched)
        for i, j in matched.items():
            g, p = gold_spans[i], pred_spans[j]
            tp_exact += g["start"] == p["start"] and g["end"] == p["end"]
        for i, t in enumerate(gold_spans):
            if not _has_coords(t):
                continue
            n_geo += 1
            if i not in matched:
                continue
            p = pred_spans[matched[i]]
            if _has_coords(p):
                error = haversine_km(float(t["lat"]), float(t["lon"]), float(p["lat"]),
                                     float(p["lon"]))
            else:
                error, unresolved = MAX_ERR_KM, unresolved + 1
            errors.append(error)
            correct += error <= ACC_KM
    precision, recall = _ratio(tp, n_pred), _ratio(tp, n_gold)
    exact_p, exact_r = _ratio(tp_exact, n_pred), _ratio(tp_exact, n_gold)
    return {
        "docs": docs, "n_gold": n_gold, "n_gold_with_coords": n_geo, "n_pred": n_pred,
        "recognition": {"tp": tp, "precision": precision, "recall": recall,
                        "f1": _ratio(2 * precision * recall, precision + recall)},
        "recognition_exact": {"tp": tp_exact, "precision": exact_p, "recall": exact_r,
                              "f1": _ratio(2 * exact_p * exact_r, exact_p + exact_r)},
        "resolution": {
            "n": len(errors), "n_unresolved": unresolved,
            "acc161": correct / len(errors) if errors else None,
            "mean_km": statistics.fmean(errors) if errors else None,
            "median_km": statistics.median(errors) if errors else None,
            "auc": auc_log_error(errors),
        },
        "e2e_acc161": correct / n_geo if n_geo else None,
    }


# -- predictions ------------------------------------------------------------------------


@dataclass
class GeoRun:
    newsgraph: list[dict] = field(default_factory=list)
    baseline: list[dict] = field(default_factory=list)
    seconds_parse: float = 0.0
    seconds_places: float = 0.0
    seconds_baseline: float = 0.0
    seconds_gazetteer: float = 0.0


def _toponym(start: int, end: int, lat: float | None, lon: float | None) -> dict:
    return {"start": start, "end": end, "lat": lat, "lon": lon}


def baseline_toponyms(doc: Any, gazetteer: Any) -> list[dict]:
    """spaCy GPE/LOC spans, each resolved to its most populous gazetteer entry."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "LOC"}:
            continue
        text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        start = ent.end_char - len(text)
        candidates = gazetteer.candidates(text)
        best = max(candidates, key=lambda c: c.place.population, default=None)
        if best is None:
            out.append(_toponym(start, ent.end_char, None, None))
        else:
            out.append(_toponym(start, ent.end_char, best.place.lat, best.place.lon))
    return out


def predict(records: list[dict], model: str | None = None, groups: bool = True) -> GeoRun:
    """newsgraph's and the baseline's toponyms for every gold text, from one parse.

    newsgraph's are the places stage's names and group words ("Turkish", at their country),
    as the article output holds them; `groups=False`: names only (descriptions such as
    "the enclave" are never scored: no gold set annotates them).
    """
    from newsgraph.geo.gazetteer import load_gazetteer
    from newsgraph.geo.resolve import find_places
    from newsgraph.nlp import load_model
    from newsgraph.stages.places import places_of

    kinds = {"name", "group"} if groups else {"name"}
    nlp = load_model(model)
    run = GeoRun()
    clock = time.perf_counter()
    gazetteer = load_gazetteer()
    run.seconds_gazetteer = time.perf_counter() - clock
    clock = time.perf_counter()
    docs = list(nlp.pipe((r.get("text", "") for r in records), batch_size=32))
    run.seconds_parse = time.perf_counter() - clock
    for record, doc in zip(records, docs, strict=True):
        clock = time.perf_counter()
        toponyms = [_toponym(p.start, p.end, p.lat, p.lon)
                    for p in places_of(doc, find_places(doc, gazetteer), {})
                    if p.kind in kinds]
        run.seconds_places += time.perf_counter() - clock
        run.newsgraph.append({"id": record["id"], "toponyms": toponyms})
        clock = time.perf_counter()
        run.baseline.append({"id": record["id"], "toponyms": baseline_toponyms(doc, gazetteer)})
        run.seconds_baseline += time.perf_counter() - clock
    return run
