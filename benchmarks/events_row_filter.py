"""Would a small learned filter over coded event rows beat the rules on news nobody tuned for?

Run from the repository root (parses cached as in `benchmarks/events_cached.py`):

    nice python benchmarks/events_row_filter.py [--cache DIR]

Every row the events stage codes as having happened in our news set and in the 16 audited
`polnear_dev` articles becomes a feature set: its type, the trigger's part of speech and
clause (its governing verb's dependency), tense, whether its actor and target are an entity,
a sector noun, a resolved or unresolved pronoun, another noun or nothing, whether it is in
a quote, in a headline, and how early in the article. Labels are ours: a row of the news
set's dev half is right when it matches our annotation (type, actor and target); an audited
row is wrong when the audit judged its trigger no event, right or wrong as the audit judged
it when its type and arguments are those judged, else unlabelled. A logistic regression
(numpy, L2) is trained on the dev half and the audit; the cut is chosen by five-fold
cross-validation over training articles (the score below which 5% of the right rows fall),
and the filter is then checked once on the unseen half. Only counts are printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import events_cached

SHARED = events_cached.SHARED
AUDIT = SHARED / "events" / "audit_polnear_dev.jsonl"
PRONOUNS = frozenset("he she it they we i him her them his its their you us who".split())


def argument_kind(argument, names: dict[str, str]) -> str:
    if argument is None:
        return "none"
    if argument.text.lower() in PRONOUNS:
        return "pronoun-resolved" if argument.entity in names else "pronoun"
    if argument.entity:
        return "entity"
    return "sector" if argument.sector or argument.country else "noun"


def features(event, doc, names: dict[str, str], length: int) -> list[str]:
    """The row's features as "name=value" strings."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    token = span.root if span is not None else doc[0]
    verb = token
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    tense = "+".join(sorted({t for c in [verb, *verb.children] if c.dep_ in {
        "aux", "auxpass"} or c is verb for t in c.morph.get("Tense")})) or "none"
    actor, target = argument_kind(event.actor, names), argument_kind(event.target, names)
    return [f"type={event.type}", f"pos={token.pos_}", f"clause={verb.dep_}",
            f"tense={tense}", f"actor={actor}", f"target={target}",
            f"actor*pos={actor}*{token.pos_}", f"target*pos={target}*{token.pos_}",
            f"quote={event.quote is not None}", f"early={event.trigger.start < 0.15 * length}",
            f"first_sentence={token.sent.start == 0}"]


def audit_label(event, record, judged: list[dict]) -> bool | None:
    for row in judged:
        t = row["trigger"]
        if not (t["start"] < event.trigger.end and event.trigger.start < t["end"]):
            continue
        if not row["is_event"]:
            return False
        if row["type"] == event.type and (row["actor"] or "").lower() == (
                record["actor"] or "").lower() and (row["target"] or "").lower() == (
                record["target"] or "").lower():
            return bool(row["full_ok"])
    return None


def labelled_rows(cache: Path) -> list[dict]:
    """Every asserted row of the news set and the audited articles, with group and label."""
    from newsgraph.eval.events import (
        event_matches,
        event_record,
        event_settings,
        news_annotations,
        read_jsonl,
    )
    from newsgraph.pipeline import Analyzer

    analyzer = Analyzer(event_settings())
    gold = {a["article"]: a["events"] for a in news_annotations()}
    ids = sorted(r["id"] for r in read_jsonl(str(SHARED / "quotes" / "polnear_dev.jsonl")))
    position = {article: n for n, article in enumerate(ids)}
    judged = [r for r in read_jsonl(str(AUDIT)) if r["kind"] == "event"]
    rows = []
    for name in ("news", "audit"):
        records = events_cached.records_of(name)
        articles = [analyzer.prepare(s) for s in events_cached.sources_of(name, records)]
        docs = events_cached.parses(analyzer, name, [a.text for a in articles], cache)
        for article, doc in zip(articles, docs, strict=True):
            analyzer.run_stages(article, doc)
            names = {entity.id: entity.name for entity in article.entities}
            group = "audit" if name == "audit" else {2: "dev", 3: "unseen"}.get(
                position[article.id] % 5, "other")
            for event in article.events:
                if event.negated or event.hypothetical or event.intended:
                    continue
                record = event_record(event, names)
                label = any(event_matches(g, record) for g in gold[article.id]) if (
                    name == "news") else audit_label(event, record, [
                        r for r in judged if r["article"] == article.id])
                rows.append({"group": group, "article": article.id, "label": label,
                             "features": features(event, doc, names, len(article.text))})
    return rows


def fit(matrix, labels, l2: float):
    import numpy as np

    weights = np.zeros(matrix.shape[1])
    for _ in range(3000):
        p = 1 / (1 + np.exp(-matrix @ weights))
        weights -= 0.5 * (matrix.T @ (p - labels) / len(labels) + l2 * weights / len(labels))
    return weights


def evaluate(rows: list[dict]) -> None:
    import numpy as np

    train = [r for r in rows if r["group"] in {"dev", "audit"} and r["label"] is not None]
    test = [r for r in rows if r["group"] == "unseen"]
    vocabulary = {f: n for n, f in enumerate(sorted({f for r in train for f in r["features"]}))}

    def matrix(items):
        m = np.zeros((len(items), len(vocabulary) + 1))
        m[:, -1] = 1
        for i, r in enumerate(items):
            for f in r["features"]:
                if f in vocabulary:
                    m[i, vocabulary[f]] = 1
        return m

    x, y = matrix(train), np.array([r["label"] for r in train], float)
    x_test, y_test = matrix(test), np.array([r["label"] for r in test], float)
    articles = sorted({r["article"] for r in train})
    print(f"training rows {len(train)} ({int(y.sum())} right); unseen rows {len(test)} "
          f"({int(y_test.sum())} right, precision {100 * y_test.mean():.1f})")
    for l2 in (1.0, 3.0, 10.0):
        held_out = np.zeros(len(train))
        for fold in range(5):
            out = np.array([articles.index(r["article"]) % 5 == fold for r in train])
            held_out[out] = 1 / (1 + np.exp(-x[out] @ fit(x[~out], y[~out], l2)))
        cut = np.quantile(held_out[y == 1], 0.05)
        dropped = held_out < cut
        keep = 1 / (1 + np.exp(-x_test @ fit(x, y, l2))) >= cut
        print(f"L2 {l2:g}: cross-validated, drops {int((dropped & (y == 0)).sum())} of "
              f"{int((y == 0).sum())} wrong and {int((dropped & (y == 1)).sum())} right rows; "
              f"unseen: keeps {int(keep.sum())} rows, {int(y_test[keep].sum())} right, "
              f"precision {100 * y_test[keep].mean():.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsgraph-event-parses"))
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: gold sets not found at {SHARED}")
        return
    args.cache.mkdir(parents=True, exist_ok=True)
    evaluate(labelled_rows(args.cache))


if __name__ == "__main__":
    main()
