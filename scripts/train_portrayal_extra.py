"""Further targets for the portrayal teacher to label: the named entities of the training
sentences that NewsMTSC did not annotate (build time only).

    PYTHONPATH=src:scripts nice python scripts/train_portrayal_extra.py \\
        ../shared/eval/sentiment/newsmtsc_train.jsonl --cache /tmp/parses --out /tmp/extra.jsonl

Each training sentence's entity mentions (the pipeline's spaCy model: people, organisations,
groups and places) that overlap none of its annotated targets (nor their further mentions)
become targets without a polarity, in NewsMTSC's format (one record per sentence that has
any, the sentence's `primary_gid` kept, so that the folds of `train_portrayal.py` and of the
teacher put them with their sentence). `train_portrayal_teacher.py label` gives them the
teacher's probabilities and `train_portrayal.py --extra` trains the readers on them. Only
training sentences are read (NewsMTSC, MIT).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

#: The entity types whose mentions the pipeline gives a portrayal to, as NewsMTSC's targets.
KINDS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def annotated_spans(record: dict) -> list[tuple[int, int]]:
    """The character spans of a record's targets and their further mentions."""
    spans = []
    for target in record["targets"]:
        spans.append((target["from"], target["to"]))
        spans += [(more["from"], more["to"]) for more in target.get("further_mentions") or ()]
    return spans


def further_targets(record: dict, doc) -> list[dict]:
    """The record's sentence's entity mentions that overlap no annotated span, as targets."""
    taken = annotated_spans(record)
    found = []
    for entity in doc.ents:
        start, end = entity.start_char, entity.end_char
        if entity.label_ not in KINDS or any(start < b and a < end for a, b in taken):
            continue
        found.append({"Input.gid": f"{record['primary_gid']}#extra{len(found)}",
                      "from": start, "to": end, "mention": entity.text})
        taken.append((start, end))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("--cache", type=Path, help="the parses of train_portrayal.py --cache")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    from train_portrayal import parse

    from newsgraph.nlp import load_model

    records, docs = parse(args.train, load_model(), args.cache)
    written = 0
    with args.out.open("w", encoding="utf-8") as out:
        for record, doc in zip(records, docs, strict=True):
            targets = further_targets(record, doc)
            if targets:
                out.write(json.dumps({"primary_gid": record["primary_gid"],
                                      "sentence_normalized": record["sentence_normalized"],
                                      "targets": targets}) + "\n")
                written += len(targets)
    print(f"{written} further targets in {len(records)} training sentences -> {args.out}")


if __name__ == "__main__":
    main()
