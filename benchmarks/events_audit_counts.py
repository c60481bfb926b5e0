"""Counts of a hand audit of coded events, per sample (issue 16, unseen news audit).

Each line of the audit file is one coded event judged by hand against the PLOVER reading of
its sentence: `sample`, article `id`, `event`, `type`, `trigger` (offsets and word) and a
`verdict` (right, not_event, duplicate, wrong_type, actor_wrong, actor_missing,
target_wrong, flags_wrong) with its `cause`. A line with the verdict `missed` is an event
the reader wrote down before reading the output and the output lacks (its `type` and
`cause`, no trigger): it counts towards `missed`, never towards `coded`. Run from the
repository root:

    python benchmarks/events_audit_counts.py benchmarks/data/events_audit_naeb.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

#: Verdicts for a coded event that names no event of its own.
NOT_EVENTS = {"not_event", "duplicate"}
#: The verdict of an event the output lacks.
MISSED = "missed"


def counts(rows: list[dict]) -> dict[str, dict]:
    """Per sample: coded events, the share that are events at all, the share fully right,
    and the verdicts."""
    by_sample: dict[str, list[dict]] = {}
    for row in rows:
        by_sample.setdefault(row["sample"], []).append(row)
    result = {}
    for sample, judged in by_sample.items():
        verdicts = Counter(row["verdict"] for row in judged)
        missed = verdicts.pop(MISSED, 0)
        total = len(judged) - missed
        events = total - sum(verdicts[v] for v in NOT_EVENTS)
        result[sample] = {
            "articles": len({row["id"] for row in judged}), "coded": total,
            "events": events, "events_share": round(events / total, 3) if total else 0.0,
            "right": verdicts["right"],
            "right_share": round(verdicts["right"] / total, 3) if total else 0.0,
            "verdicts": dict(verdicts.most_common())}
        if missed:  # only samples whose reader listed the events first count misses
            result[sample]["missed"] = missed
            result[sample]["found_share"] = round(events / (events + missed), 3)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("audit", type=Path)
    args = parser.parse_args()
    with args.audit.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    for sample, figures in counts(rows).items():
        print(sample)
        print("  " + json.dumps(figures))


if __name__ == "__main__":
    main()
