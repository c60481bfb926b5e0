"""Score article extraction against a gold set (`../shared/eval/extract/<set>/`).

A gold folder holds `gold.jsonl` and `pages/<id>.html.gz`. The metrics follow
`score_extract.py` of those sets exactly (a test checks this against the script
when it is present):

* body: per-page precision/recall/F1 over word 4-gram shingles counted as
  multisets (NFKC, lowercase, format characters dropped, whitespace split; a
  text of 1-3 tokens is one shingle), averaged over pages;
* snippets: micro P/R/F1 of "with"/"without" snippets found in the body;
* title: exact match after normalisation; date: exact `YYYY-MM-DD` prefix;
* authors: per-page set F1 of normalised names, over pages whose gold has one.

Also reported: `invented_authors`, pages with a gold body but no gold byline for
which authors were predicted.
"""

from __future__ import annotations

import gzip
import json
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NGRAM = 4

#: An extractor: (page bytes, url) -> {"body", "title"?, "date"?, "authors"?}.
Extractor = Callable[[bytes, str | None], dict[str, Any]]


# -- normalisation, as score_extract.py ------------------------------------------

def _drop_format_chars(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def tokens(text: object) -> list[str]:
    if not text or not isinstance(text, str):
        return []
    return _drop_format_chars(unicodedata.normalize("NFKC", text).lower()).split()


def shingles(text: object, n: int = NGRAM) -> Counter:
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


_PUNCT = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
    "\u2014": "-", "\u2015": "-", "\u2212": "-",
})
_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|\||&|\band\b|\bund\b)\s*", re.IGNORECASE)


def norm_text(value: object) -> str:
    if not isinstance(value, str):
        return ""
    value = _drop_format_chars(unicodedata.normalize("NFKC", value)).translate(_PUNCT)
    return re.sub(r"\s+", " ", value).strip().casefold()


def norm_date(value: object) -> str | None:
    match = _DATE.match(value) if isinstance(value, str) else None
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def norm_authors(value: object) -> set[str]:
    if value is None:
        return set()
    items = [value] if isinstance(value, str) else value
    names: set[str] = set()
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, str):
            continue
        for part in _AUTHOR_SPLIT.split(norm_text(item)):
            part = re.sub(r"^by\s+", "", part).replace(".", " ")
            part = re.sub(r"\s+", " ", part).strip(" :-")
            if part:
                names.add(part)
    return names


def prf(gold: Counter, pred: Counter) -> tuple[float, float, float]:
    """Multiset precision, recall and F1 (both empty: 1; one empty: 0)."""
    if not gold and not pred:
        return 1.0, 1.0, 1.0
    if not gold or not pred:
        return 0.0, 0.0, 0.0
    hits = sum((gold & pred).values())
    precision, recall = hits / sum(pred.values()), hits / sum(gold.values())
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def set_f1(gold: set[str], pred: set[str]) -> float:
    if not gold and not pred:
        return 1.0
    if not gold or not pred or not gold & pred:
        return 0.0
    hits = len(gold & pred)
    precision, recall = hits / len(pred), hits / len(gold)
    return 2 * precision * recall / (precision + recall)


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _has(record: dict, key: str) -> bool:
    return record.get(key) not in (None, "", [], {})


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


# -- scoring -----------------------------------------------------------------------

def score(gold: list[dict], predictions: dict[str, dict]) -> dict[str, Any]:
    """The metrics of `score_extract.py` (plus `invented_authors`) for predictions by id."""
    body_p: list[float] = []
    body_r: list[float] = []
    body_f: list[float] = []
    snippets = [0, 0, 0, 0]  # tp, fp, fn, tn
    titles: list[float] = []
    dates: list[float] = []
    authors: list[float] = []
    no_byline = invented = 0
    for record in gold:
        pred = predictions.get(str(record["id"]))
        if _has(record, "body"):
            p, r, f = (0.0, 0.0, 0.0) if pred is None else \
                prf(shingles(record["body"]), shingles(pred.get("body") or ""))
            body_p.append(p)
            body_r.append(r)
            body_f.append(f)
            if not norm_authors(record.get("authors")):
                no_byline += 1
                invented += bool(pred and norm_authors(pred.get("authors")))
        if _has(record, "with") or _has(record, "without"):
            text = _ws(pred.get("body") or "") if pred is not None else None
            withs, withouts = record.get("with") or [], record.get("without") or []
            tp = sum(1 for s in withs if _ws(s) in text) if text is not None else 0
            fp = sum(1 for s in withouts if _ws(s) in text) if text is not None else 0
            for i, value in enumerate((tp, fp, len(withs) - tp, len(withouts) - fp)):
                snippets[i] += value
        if _has(record, "title"):
            titles.append(float(pred is not None and
                                norm_text(pred.get("title")) == norm_text(record["title"]) != ""))
        if _has(record, "date"):
            dates.append(float(pred is not None and
                               norm_date(pred.get("date")) == norm_date(record["date"])
                               is not None))
        if _has(record, "authors") and norm_authors(record["authors"]):
            authors.append(set_f1(norm_authors(record["authors"]),
                                  norm_authors(None if pred is None else pred.get("authors"))))
    result: dict[str, Any] = {"n_gold": len(gold),
                              "n_missing": sum(str(g["id"]) not in predictions for g in gold)}
    if body_f:
        result.update(n_body=len(body_f), body_precision=_mean(body_p),
                      body_recall=_mean(body_r), body_f1=_mean(body_f),
                      no_byline_pages=no_byline, invented_authors=invented)
    tp, fp, fn, tn = snippets
    if tp + fp + fn + tn:
        result.update(snippet_precision=tp / (tp + fp) if tp + fp else 0.0,
                      snippet_recall=tp / (tp + fn) if tp + fn else 0.0,
                      snippet_f1=2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    if titles:
        result.update(n_title=len(titles), title_acc=_mean(titles))
    if dates:
        result.update(n_date=len(dates), date_acc=_mean(dates))
    if authors:
        result.update(n_authors=len(authors), authors_f1=_mean(authors))
    return result


# -- running an extractor over a gold set -------------------------------------------

@dataclass
class Run:
    """Predictions of one extractor on one gold set, with timing and failures."""

    name: str
    predictions: dict[str, dict] = field(default_factory=dict)
    seconds: float = 0.0
    failures: dict[str, str] = field(default_factory=dict)

    @property
    def pages_per_second(self) -> float:
        return len(self.predictions) / self.seconds if self.seconds else 0.0


def load_gold(gold_dir: Path) -> list[dict]:
    """The gold lines of a set; a missing folder raises `FileNotFoundError`."""
    path = gold_dir / "gold.jsonl" if gold_dir.is_dir() else gold_dir
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_pages(gold_dir: Path, gold: list[dict], limit: int | None = None
               ) -> Iterator[tuple[dict, bytes]]:
    """(gold line, page bytes) for the set's pages, in gold order."""
    for record in gold[:limit]:
        path = gold_dir / "pages" / f"{record['id']}.html.gz"
        if path.exists():
            yield record, gzip.decompress(path.read_bytes())


def run_extractor(name: str, extractor: Extractor, pages: list[tuple[dict, bytes]]) -> Run:
    """Time `extractor` over `pages`; an exception counts as an empty prediction."""
    run = Run(name)
    for record, page in pages:
        started = time.perf_counter()
        try:
            prediction = extractor(page, record.get("url"))
        except Exception as error:  # one bad page must not end the evaluation
            run.failures[str(record["id"])] = f"{type(error).__name__}: {error}"
            prediction = {"body": ""}
        run.seconds += time.perf_counter() - started
        run.predictions[str(record["id"])] = prediction
    return run


def newsgraph_extractor(page: bytes, url: str | None) -> dict[str, Any]:
    """newsgraph's own extraction as a prediction line."""
    from newsgraph.ingest.html import ExtractionError, extract_html

    try:
        result = extract_html(page, url=url)
    except ExtractionError as error:
        # no article body, but the page's title and date still count for those metrics
        partial = error.partial
        return {"body": "", "title": partial.title if partial else None,
                "date": partial.published if partial else None}
    return {"body": result.text, "title": result.title, "date": result.published,
            "authors": result.authors}


METRICS = (
    ("body F1", "body_f1"), ("body precision", "body_precision"),
    ("body recall", "body_recall"), ("snippet F1", "snippet_f1"),
    ("title accuracy", "title_acc"), ("date accuracy", "date_acc"),
    ("authors F1", "authors_f1"),
)
