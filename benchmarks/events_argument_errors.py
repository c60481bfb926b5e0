"""Argument errors of the events stage on our news set, by automatic category and half.

Run from the repository root on a prediction file of `newsgraph eval events-news
--predictions` (or `benchmarks/events_cached.py --sets news`):

    python benchmarks/events_argument_errors.py news.jsonl [--rows dev]

A wrong row (no annotated event of the article has its type, actor and target, as the
scorer's `argument_matches` judges them) falls into the first category that fits, against
the article's annotated events of its type: none of that type; the actor right and the
target left empty; the actor right and the target another; the target right and the actor
empty; the target right and the actor another; both wrong. A missed event is counted the
same way against the article's predicted rows of its type (an argument "empty" when those rows
left it empty). Halves as in
`events_halves.py`: article 2 of every 5 in `polnear_dev` id order is the dev half, article
3 the unseen half. `--rows dev` prints the dev half's wrong rows and misses with the
annotated candidates (the unseen half is only ever counted, never printed).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
CATEGORIES = ("no event of that type", "actor right, target empty",
              "actor right, target another", "target right, actor empty",
              "target right, actor another", "both wrong")
HALVES = {"dev": 2, "unseen": 3}


def category(row: dict, others: list[dict]) -> str:
    """The first category of CATEGORIES a wrong `row` fits, against `others` of the article
    (the annotated events for a prediction, the predictions for an annotated event)."""
    from newsgraph.eval.events import argument_matches

    same_type = [o for o in others if str(o.get("type")).upper() == str(row["type"]).upper()]
    if not same_type:
        return CATEGORIES[0]

    def matches(role: str, other: dict) -> bool:
        gold, predicted = (other, row) if row.get("kind") != "missed" else (row, other)
        return argument_matches(gold.get(role), predicted.get(role))

    def empty(role: str, candidates: list[dict]) -> bool:
        if row.get("kind") != "missed":
            return row.get(role) is None
        return all(o.get(role) is None for o in candidates)  # the predictions left it empty

    actor_right = [o for o in same_type if matches("actor", o)]
    if actor_right:
        return CATEGORIES[1] if empty("target", actor_right) else CATEGORIES[2]
    target_right = [o for o in same_type if matches("target", o)]
    if target_right:
        return CATEGORIES[3] if empty("actor", target_right) else CATEGORIES[4]
    return CATEGORIES[5]


def halves_of(annotations: list[dict]) -> dict[str, set[str]]:
    """The article ids of each half."""
    with (SHARED / "quotes" / "polnear_dev.jsonl").open(encoding="utf-8") as lines:
        ids = sorted(json.loads(line)["id"] for line in lines if line.strip())
    position = {article: n for n, article in enumerate(ids)}
    return {half: {a["article"] for a in annotations if position[a["article"]] % 5 == rest}
            for half, rest in HALVES.items()}


def categorised(annotations: list[dict], predicted: list[dict], keep: set[str]
                ) -> list[tuple[str, str, dict, list[dict]]]:
    """(kind, category, row, candidates of its type) for every error in the articles kept."""
    from newsgraph.eval.events import score_news

    gold_of = {a["article"]: a["events"] for a in annotations}
    pred_of = {p["id"]: p.get("events") or [] for p in predicted}
    scores = score_news([a for a in annotations if a["article"] in keep],
                        [p for p in predicted if p["id"] in keep])
    found = []
    for error in scores.errors:
        others = gold_of[error["article"]] if error["kind"] == "wrong" else \
            pred_of.get(error["article"], [])
        kind = category(error, others)
        candidates = [o for o in others
                      if str(o.get("type")).upper() == str(error["type"]).upper()]
        found.append((error["kind"], kind, error, candidates))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("predictions", type=Path)
    parser.add_argument("--rows", choices=["dev"], help="print the dev half's errors")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: gold sets not found at {SHARED}")
        return
    from newsgraph.eval.events import news_annotations

    annotations = news_annotations()
    with args.predictions.open(encoding="utf-8") as lines:
        predicted = [json.loads(line) for line in lines if line.strip()]
    for half, keep in halves_of(annotations).items():
        errors = categorised(annotations, predicted, keep)
        for kind in ("wrong", "missed"):
            counts = Counter(c for k, c, _, _ in errors if k == kind)
            total = sum(counts.values())
            parts = ", ".join(f"{name} {counts[name]}" for name in CATEGORIES)
            print(f"{half} {kind} {total}: {parts}")
        if args.rows == half:
            for kind, name, row, candidates in errors:
                print(f"  [{kind}: {name}] {row['article'][:40]} {row['type']} "
                      f"{row.get('trigger', '')!r} actor={row.get('actor')!r} "
                      f"target={row.get('target')!r}")
                for other in candidates:
                    print(f"      vs {other.get('trigger', '')!r} actor={other.get('actor')!r} "
                          f"target={other.get('target')!r}")


if __name__ == "__main__":
    main()
