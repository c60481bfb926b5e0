"""Places: newsgraph's resolver against a spaCy + highest-population baseline, and its cost.

Run from the repository root:

    python benchmarks/bench_geo.py [--gold PATH ...] [--names-only] [--json OUT]

For each gold set (default: every ``*.jsonl`` in ``../shared/eval/geo/``) it runs
`newsgraph.eval.geo.predict` (one spaCy parse shared by both systems), scores both with
`newsgraph.eval.geo.score_geo`, and reports the places stage's time beside the parse's,
plus the gazetteer's open time and the process's peak RSS. Only figures are written out,
never text or ids (the gold texts are licence-restricted and stay outside the repo).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO.parent / "shared" / "eval" / "geo"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, nargs="*")
    parser.add_argument("--names-only", action="store_true",
                        help="score place names only, not group words (\"Turkish\")")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    golds = args.gold or sorted(DEFAULT_DIR.glob("*.jsonl"))
    if not golds or not all(path.exists() for path in golds):
        print(f"gold data not found ({DEFAULT_DIR}); nothing to measure")
        return 0

    from newsgraph.eval.geo import predict, read_jsonl, score_geo
    from newsgraph.geo.gazetteer import Gazetteer, ensure_index

    clock = time.perf_counter()
    index = ensure_index()
    build = time.perf_counter() - clock
    clock = time.perf_counter()
    Gazetteer(index).close()
    open_seconds = time.perf_counter() - clock
    results = {"index_bytes": index.stat().st_size, "index_ready_s": build,
               "gazetteer_open_s": open_seconds, "sets": {}}
    for gold in golds:
        records = read_jsonl(gold)
        run = predict(records, groups=not args.names_only)
        results["sets"][gold.name] = {
            "articles": len(records),
            "newsgraph": score_geo(records, run.newsgraph),
            "baseline": score_geo(records, run.baseline),
            "seconds_parse": run.seconds_parse, "seconds_places": run.seconds_places,
            "places_vs_parse": run.seconds_places / run.seconds_parse,
        }
    results["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for name, figures in results["sets"].items():
        for system in ("newsgraph", "baseline"):
            s = figures[system]
            print(f"{name:16s} {system:10s} P {s['recognition']['precision']:.3f} "
                  f"R {s['recognition']['recall']:.3f} acc161 {s['resolution']['acc161']:.3f} "
                  f"AUC {s['resolution']['auc']:.3f} e2e {s['e2e_acc161']:.3f}")
        print(f"{name:16s} places stage {figures['seconds_places']:.2f} s = "
              f"{100 * figures['places_vs_parse']:.1f}% of the spaCy parse "
              f"({figures['seconds_parse']:.2f} s)")
    print(f"gazetteer open {open_seconds * 1000:.1f} ms; index "
          f"{results['index_bytes'] / 1e6:.1f} MB; peak RSS {results['peak_rss_mb']:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
