"""Choose the NewsMTSC sentences of the sentence-level events sets, before any is read.

The rule, fixed before annotation: every line of NewsMTSC's ``dev_mt`` split, keyed by
its ``primary_gid``, ordered by the SHA-1 hex digest of that key; the *tune* part takes
the first N whose digest ends in an even hex digit, the *check* part the first N whose
digest ends in an odd one. Annotators take each part as a prefix of its list (no
sentence skipped, none dropped once read).

Training sets (NewsMTSC's ``train`` split, whose sentences are disjoint from ``dev_mt``):
``--part all`` lists every key in the same SHA-1 order, and ``--skip`` starts the list
further on, so that annotators can take consecutive ranges of it.

Keys are printed as JSON strings, one per line (a few keys hold a line break).

    python scripts/select_events_newsmtsc.py ../shared/eval/sentiment/newsmtsc_dev_mt.jsonl \
        --part tune --count 160
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path


def ordered_keys(path: Path) -> list[str]:
    """The file's sentence keys in SHA-1 order of the key."""
    with path.open(encoding="utf-8") as lines:
        keys = [json.loads(line)["primary_gid"] for line in lines if line.strip()]
    return sorted(keys, key=lambda key: hashlib.sha1(key.encode("utf-8")).hexdigest())


def part_of(key: str) -> str:
    """'tune' or 'check': the parity of the last hex digit of the key's SHA-1."""
    return "tune" if int(hashlib.sha1(key.encode("utf-8")).hexdigest()[-1], 16) % 2 == 0 \
        else "check"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev_mt", type=Path)
    parser.add_argument("--part", choices=("tune", "check", "all"), required=True)
    parser.add_argument("--count", type=int, default=160)
    parser.add_argument("--skip", type=int, default=0, help="Leave out the first N keys.")
    args = parser.parse_args()
    chosen = [key for key in ordered_keys(args.dev_mt)
              if args.part == "all" or part_of(key) == args.part]
    for key in chosen[args.skip:args.skip + args.count]:
        print(json.dumps(key, ensure_ascii=False))


if __name__ == "__main__":
    main()
