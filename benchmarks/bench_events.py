"""Event coding: accuracy on the development gold sets, and what the events stage costs.

Run from the repository root:

    python benchmarks/bench_events.py [--gold-dir DIR] [--timing JSONL] [--limit N] [--json OUT]

* Accuracy: `newsgraph.eval.events` on each gold file of ``shared/eval/events`` (PLOVER
  GSR dev half, PETRARCH2, CASE 2021; the
  scorer's semantics), for newsgraph and for the keyword baseline (the same lexicon as a
  bag of words: no parse, no participants, no negation or condition handling). CASE 2021
  is scored on ``plover_approx``, also restricted to the labels that field uses. "main
  events" scores only each record's main event(s) (`Event.main`), CASE's one-label sense.
* Where the false positives are: for CASE, the predicted labels on snippets whose gold
  label has no PLOVER equivalent (``plover_approx`` null), counted per CASE class; for
  PETRARCH2, the score when intended events ("is about to restore ties", "will meet")
  count as predictions too, as PETRARCH (which has no modality) codes them.
* Cost: on news articles (default: ``shared/eval/quotes/polnear_dev.jsonl``), the spaCy
  parse (one ``nlp.pipe`` pass) and then each default stage on each parsed document,
  each on its own clock; the events stage's share of parse and of all stages is reported.

Only counts and figures are written out, never gold text.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def accuracy(gold_dir: Path) -> dict:
    from newsgraph.eval.events import (
        baseline_predictions,
        predict,
        read_jsonl,
        score_events,
    )

    out: dict = {}
    runs = [("plover_gsr_dev.jsonl", "type", None),
            ("petrarch2_unittests.jsonl", "type", None),
            ("case2021_task2.jsonl", "plover_approx", None),
            ("case2021_task2.jsonl", "plover_approx", {"ASSAULT", "PROTEST", "COERCE", "AGREE"})]
    predicted: dict[str, list[dict]] = {}
    for name, field, labels in runs:
        path = gold_dir / name
        if not path.exists():
            continue
        records = read_jsonl(path)
        if name not in predicted:
            predicted[name] = predict(records).predictions
        key = f"{name}:{field}" + (":" + ",".join(sorted(labels)) if labels else "")
        out[key] = {
            "newsgraph": score_events(records, predicted[name], field, labels=labels).to_dict(),
            "main events": score_events(records, predicted[name], field, labels=labels,
                                        main_only=True).to_dict(),
            "keyword baseline": score_events(records, baseline_predictions(records), field,
                                             labels=labels).to_dict(),
        }
        if name.startswith("case") and labels is None:
            out["case2021 predictions on snippets without a PLOVER label"] = _unlabelled(
                records, predicted[name])
        if name.startswith("petrarch"):
            every = predict_all(records)
            out[f"{key}:intended counted"] = {
                "newsgraph": score_events(records, every, field).to_dict()}
    return out


def _unlabelled(records: list[dict], predictions: list[dict]) -> dict[str, dict[str, int]]:
    """Per CASE class without a PLOVER equivalent: snippets, and predicted labels."""
    by_id = {p["id"]: p for p in predictions}
    counts: dict[str, dict[str, int]] = {}
    for record in records:
        events = record.get("events") or []
        if any(e.get("plover_approx") for e in events) or not events:
            continue
        row = counts.setdefault(str(events[0].get("type")), {"snippets": 0, "predicted": 0})
        row["snippets"] += 1
        row["predicted"] += len({e["type"] for e in by_id[record["id"]]["events"]})
    return dict(sorted(counts.items()))


def predict_all(records: list[dict]) -> list[dict]:
    """Prediction lines with every coded event that is not negated, hypothetical and
    intended ones too: PETRARCH's convention (it codes "will meet" as a meeting)."""
    from newsgraph.eval.events import _published, event_record, event_settings
    from newsgraph.eval.runs import predict_records

    def line(article, doc_id) -> dict:
        names = {entity.id: entity.name for entity in article.entities}
        return {"id": str(doc_id), "events": [event_record(e, names) for e in article.events
                                              if not e.negated]}

    return predict_records(records, event_settings(), published=_published, prediction=line,
                           empty="events").predictions


def cost(path: Path, limit: int | None) -> dict:
    from newsgraph.eval.events import read_jsonl
    from newsgraph.model import Document
    from newsgraph.pipeline import Analyzer
    from newsgraph.settings import Settings

    records = read_jsonl(path, limit)
    analyzer = Analyzer(Settings(clean=False))
    texts = [r["text"] for r in records]
    list(analyzer.nlp.pipe(texts[:2]))  # warm-up
    started = time.perf_counter()
    docs = list(analyzer.nlp.pipe(texts, batch_size=32))
    parse = time.perf_counter() - started
    stage_seconds = {stage.name: 0.0 for stage, _ in analyzer.stages}
    events = 0
    for record, doc in zip(records, docs, strict=True):
        prepared = analyzer.prepare(_source(record))
        document = Document(prepared, doc, None)
        for stage, func in analyzer.stages:
            began = time.perf_counter()
            func(document)
            stage_seconds[stage.name] += time.perf_counter() - began
            document.assigned.update(stage.assigns)
        events += len(prepared.events)
    stages = sum(stage_seconds.values())
    return {
        "articles": len(records), "characters": sum(len(t) for t in texts),
        "parse_seconds": parse, "stage_seconds": stage_seconds, "events": events,
        "events_share_of_parse": stage_seconds.get("events", 0.0) / parse,
        "events_share_of_pipeline": stage_seconds.get("events", 0.0) / (parse + stages),
    }


def _source(record: dict):
    from newsgraph.model import Source

    return Source(text=record["text"], origin="<bench>", id=str(record.get("id")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold-dir", type=Path, default=SHARED / "eval" / "events")
    parser.add_argument("--timing", type=Path,
                        default=SHARED / "eval" / "quotes" / "polnear_dev.jsonl")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    result = {"accuracy": accuracy(args.gold_dir)}
    if args.timing.exists():
        result["cost"] = cost(args.timing, args.limit)
    text = json.dumps(result, indent=2)
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    for key, coders in result["accuracy"].items():
        if key.startswith("case2021 predictions"):
            print(key + ": " + ", ".join(f"{k} {v['predicted']}/{v['snippets']}"
                                         for k, v in coders.items()))
            continue
        for coder, scores in coders.items():
            micro = scores["micro"]
            print(f"{key:55s} {coder:17s} micro P {micro['precision']:.3f} R "
                  f"{micro['recall']:.3f} F1 {micro['f1']:.3f}  macro {scores['macro_f1']:.3f}")
    if "cost" in result:
        c = result["cost"]
        print(f"cost on {c['articles']} articles: parse {c['parse_seconds']:.2f} s; stages "
              + ", ".join(f"{k} {v:.2f} s" for k, v in c["stage_seconds"].items())
              + f"; events = {100 * c['events_share_of_parse']:.1f}% of parse, "
              f"{100 * c['events_share_of_pipeline']:.1f}% of the pipeline")


if __name__ == "__main__":
    main()
