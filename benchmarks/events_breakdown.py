"""Where the event coder's misses and false positives come from, by cause, on a gold set.

Run from the repository root, on the files `benchmarks/events_cached.py --explain` writes:

    python benchmarks/events_breakdown.py GOLD.jsonl DIR/SET.jsonl DIR/SET.explain.jsonl \
        [--halves] [--type-field type] [--labels A,B]

A miss (a gold type the sentence's predictions lack) is put in the first cause that fits:
the type was coded but flagged (negated, hypothetical, intended: not scored) or dropped by a
later filter (named); else, when the gold record names its trigger, what became of the
trigger's words: coded with another type, screened by a context rule, no frame (the word is
in the lexicon, the construction is not), consumed or folded into another act, or no
candidate at all (not in the lexicon); without a named trigger, "another type coded" or
"nothing coded". A false positive is counted by its type and whether the sentence's gold
has another type ("wrong type") or nothing ("extra"). Rules are counted by function and
line (`newsgraph.stages.events.explain`). Only counts are printed, never text.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

#: PLOVER types of the WEIS event codes' roots (McClelland's 22 categories), for
#: `--weis`: PETRARCH2's unit-test verb dictionary says most of its codes are WEIS, not
#: CAMEO ("started out as part of a KEDS dictionary -- hence most of the codes are WEIS").
WEIS_ROOTS = {"01": "CONCEDE", "03": "CONSULT", "04": "SUPPORT", "05": "AGREE", "06": "CONCEDE",
              "07": "AID", "08": "AGREE", "09": "REQUEST", "10": "REQUEST", "11": "REJECT",
              "12": "ACCUSE", "13": "ACCUSE", "14": "REJECT", "15": "REQUEST",
              "16": "THREATEN", "17": "THREATEN", "18": "PROTEST", "19": "SANCTION",
              "20": "SANCTION", "21": "COERCE", "22": "ASSAULT"}


def weis_type(code: str | None) -> str | None:
    """The PLOVER type of an event code read as WEIS (066 release: RETREAT; 182 armed
    demonstration: MOBILIZE)."""
    code = str(code or "")
    if code.startswith("066"):
        return "RETREAT"
    if code.startswith("182"):
        return "MOBILIZE"
    return WEIS_ROOTS.get(code[:2])


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def trigger_words(event: dict) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", str(event.get("trigger") or "").lower()) if w}


def cause_of_miss(label: str, event: dict, candidates: list[dict]) -> tuple[str, str | None]:
    """The first cause that fits a missed gold event (see the module docstring)."""
    same = [c for c in candidates if str(c.get("type") or "").upper() == label]
    for candidate in same:
        if candidate["outcome"] == "coded" and candidate["flags"]:
            return "coded, flagged " + "+".join(candidate["flags"]), None
    for candidate in same:
        if candidate["outcome"] in {"filtered", "merged"}:
            return "coded, dropped by a filter", candidate["rule"]
    words = trigger_words(event)
    if words:
        mine = [c for c in candidates if c["text"].lower() in words or c["lemma"] in words]
        if not mine:
            return "trigger not a candidate (lexicon)", None
        for outcome, cause in (("coded", "trigger coded as another type"),
                               ("screened", "trigger screened"), ("no frame", "trigger: no frame"),
                               ("same act", "trigger folded into another act"),
                               ("consumed", "trigger consumed by another trigger")):
            hit = next((c for c in mine if c["outcome"] == outcome), None)
            if hit is not None:
                return cause, hit["rule"] if outcome != "coded" else hit["type"]
        return "trigger: " + mine[0]["outcome"], mine[0]["rule"]
    if any(c["outcome"] == "coded" and not c["flags"] for c in candidates):
        return "another type coded (no gold trigger)", None
    return "nothing coded (no gold trigger)", None


def breakdown(gold: list[dict], predicted: dict[str, dict], explained: dict[str, list],
              type_field: str, labels: set[str] | None) -> tuple[Counter, Counter, Counter]:
    misses: Counter = Counter()
    rules: Counter = Counter()
    false: Counter = Counter()
    for record in gold:
        events = [(str(e.get(type_field) or "").upper(), e) for e in record.get("events") or []]
        events = [(label, e) for label, e in events if label and (not labels or label in labels)]
        got = {str(e.get("type") or "").upper() for e in predicted.get(str(record["id"]), [])}
        got = {label for label in got if not labels or label in labels}
        wanted = {label for label, _ in events}
        candidates = explained.get(str(record["id"]), [])
        seen = set()
        for label, event in events:
            if label in got or label in seen:
                continue
            seen.add(label)
            cause, rule = cause_of_miss(label, event, candidates)
            misses[cause] += 1
            if rule:
                rules[f"{cause}: {rule.split('  #')[0]}"] += 1
        for label in got - wanted:
            false[f"{label} ({'wrong type' if wanted else 'extra'})"] += 1
    return misses, rules, false


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("predictions", type=Path)
    parser.add_argument("explained", type=Path)
    parser.add_argument("--halves", action="store_true", help="GSR halves A (even), B (odd)")
    parser.add_argument("--type-field", default="type")
    parser.add_argument("--labels", default="")
    parser.add_argument("--rules", type=int, default=12, help="how many rules to list")
    parser.add_argument("--weis", action="store_true",
                        help="read the gold `cameo` codes as WEIS codes (PETRARCH2 unit tests)")
    args = parser.parse_args()
    gold = read(args.gold)
    if args.weis:
        from newsgraph.eval.events import score_events

        gold = [dict(r, events=[dict(e, type=weis_type(e.get("cameo"))) for e in r["events"]])
                for r in gold]
        scores = score_events(gold, read(args.predictions))
        print("gold codes read as WEIS: micro P/R/F1 " +
              " / ".join(f"{100 * x:.1f}" for x in scores.micro))
    predicted = {str(r["id"]): r.get("events") or [] for r in read(args.predictions)}
    explained = {str(r["id"]): r["candidates"] for r in read(args.explained)}
    labels = set(args.labels.split(",")) - {""} or None
    parts = {"all": gold}
    if args.halves:
        parts = {"A": gold[0::2], "B": gold[1::2], "all": gold}
    for name, records in parts.items():
        misses, rules, false = breakdown(records, predicted, explained, args.type_field, labels)
        print(f"== {name} ({len(records)} records): {sum(misses.values())} misses, "
              f"{sum(false.values())} false positives")
        for cause, count in misses.most_common():
            print(f"  miss  {count:3d}  {cause}")
        for rule, count in rules.most_common(args.rules):
            print(f"  rule  {count:3d}  {rule}")
        for kind, count in false.most_common():
            print(f"  fp    {count:3d}  {kind}")


if __name__ == "__main__":
    main()
