"""Event scores by halves, for tuning on one half and checking on the other.

Run from the repository root, on prediction files written by `newsgraph eval events
--predictions` and `newsgraph eval events-news --predictions`:

    python benchmarks/events_halves.py --gsr gsr.jsonl --case case.jsonl --news news.jsonl

With `--main-events`, GSR and CASE are also scored on each record's main event(s) only.
Halves: PLOVER GSR dev by position in the file (even positions "A", odd "B"); CASE 2021 by
the parity of its snippet number (within its four PLOVER labels); our news set as in
docs/benchmarks.md (article 2 of every 5 in `polnear_dev` id order is the dev half, article
3 the unseen half). The gold sets are read from ../shared/eval; only figures are printed.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
CASE_LABELS = {"ASSAULT", "PROTEST", "COERCE", "AGREE"}


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def sentence_halves(gold: list[dict], predicted: list[dict], name: str,
                    half_of, type_field: str = "type", labels: set[str] | None = None,
                    main_only: bool = False) -> None:
    """Print micro P/R/F1 and actor/target match of each half (of the main events only,
    with `main_only`)."""
    from newsgraph.eval.events import score_events

    for half in sorted({half_of(n, record) for n, record in enumerate(gold)}):
        records = [r for n, r in enumerate(gold) if half_of(n, r) == half]
        scores = score_events(records, predicted, type_field=type_field, labels=labels,
                              main_only=main_only)
        p, r, f = scores.micro
        actor, target = scores.match_rate("actor"), scores.match_rate("target")
        roles = "" if actor is None else f"  actor {100 * actor:.1f}  target {100 * target:.1f}"
        label = f"{name} main" if main_only else name
        print(f"{label} {half} ({len(records)}): P/R/F1 {100 * p:.1f} / {100 * r:.1f} / "
              f"{100 * f:.1f}{roles}")


def news_halves(predicted: list[dict]) -> None:
    """Print precision and recall of (type, actor, target) on each half of our news set."""
    from newsgraph.eval.events import news_annotations, score_news

    annotations = news_annotations()
    ids = sorted(json.loads(line)["id"] for line in
                 (SHARED / "quotes" / "polnear_dev.jsonl").open(encoding="utf-8"))
    position = {article: n for n, article in enumerate(ids)}
    for name, rest in (("dev", 2), ("unseen", 3)):
        keep = {a["article"] for a in annotations if position[a["article"]] % 5 == rest}
        scores = score_news([a for a in annotations if a["article"] in keep],
                            [p for p in predicted if p["id"] in keep])
        print(f"news {name} ({len(keep)} articles): P/R {100 * scores.precision:.1f} / "
              f"{100 * scores.recall:.1f} ({scores.predicted_right}/{scores.predicted}, "
              f"{scores.gold_found}/{scores.gold}; one to one P "
              f"{100 * scores.precision_once:.1f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gsr", type=Path, help="predictions on plover_gsr_dev.jsonl")
    parser.add_argument("--case", type=Path, help="predictions on case2021_task2.jsonl")
    parser.add_argument("--news", type=Path, help="predictions of `eval events-news`")
    parser.add_argument("--main-events", action="store_true",
                        help="also score GSR and CASE on each record's main event(s) only")
    args = parser.parse_args()
    events = SHARED / "events"
    for main_only in (False, True) if args.main_events else (False,):
        if args.gsr:
            for half_of in (lambda n, _: "AB"[n % 2], lambda n, _: "all"):
                sentence_halves(read(events / "plover_gsr_dev.jsonl"), read(args.gsr), "GSR",
                                half_of, main_only=main_only)
        if args.case:
            sentence_halves(read(events / "case2021_task2.jsonl"), read(args.case), "CASE",
                            lambda _, r: ("even", "odd")[int(r["id"].split("-")[1]) % 2],
                            type_field="plover_approx", labels=CASE_LABELS, main_only=main_only)
    if args.news:
        news_halves(read(args.news))


if __name__ == "__main__":
    main()
