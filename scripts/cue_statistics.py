"""Count how often each verb lemma is an attribution cue in a PolNeAR-format training file.

    python scripts/cue_statistics.py ../shared/eval/quotes/polnear_train.jsonl [--min-count 5]

Prints `lemma  cue_count  verb_count  share` for lemmas that are cues at least
`--min-count` times and in at least `--min-share` of their uses; this is how the
verb list in `newsgraph/stages/cues.py` was chosen (training split only).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path


def cue_statistics(path: Path) -> tuple[Counter, Counter]:
    """(cue count, verb count) per lemma over all articles of `path`."""
    from newsgraph.nlp import load_model

    nlp = load_model()
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    as_cue: Counter = Counter()
    as_verb: Counter = Counter()
    texts = (record["text"] for record in records)
    for record, doc in zip(records, nlp.pipe(texts, batch_size=32), strict=True):
        cue_starts = {q["cue"]["start"] + i for q in record["quotes"] if q.get("cue")
                      for i in range(q["cue"]["end"] - q["cue"]["start"])}
        for token in doc:
            if token.pos_ in {"VERB", "AUX"}:
                lemma = token.lemma_.lower()
                as_verb[lemma] += 1
                if token.idx in cue_starts:
                    as_cue[lemma] += 1
    return as_cue, as_verb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--min-share", type=float, default=0.4)
    args = parser.parse_args()
    as_cue, as_verb = cue_statistics(args.gold)
    for lemma, count in as_cue.most_common():
        share = count / as_verb[lemma]
        if count >= args.min_count and share >= args.min_share:
            print(f"{lemma}\t{count}\t{as_verb[lemma]}\t{share:.2f}")


if __name__ == "__main__":
    main()
