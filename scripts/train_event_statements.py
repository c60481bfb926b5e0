"""Train the learned event model (`newsgraph.stages.events.learned`) on our own annotations of
NewsMTSC training sentences, choose its threshold by cross-validation, and write the weights.

Run from the repository root:

    nice python scripts/train_event_statements.py --cache /tmp/NAME/train-parses \
        [--extra-tune] [--folds 5] [--seed 14] [--out src/newsgraph/data/event_model.npz]

The annotations are every `data/events_sentences_newsmtsc_train_*.jsonl` (our labels, MIT) and
with `--extra-tune` also the tune part of the dev sentences (`..._tune.jsonl`); the texts are
read from NewsMTSC (MIT) outside the repository (`../shared/eval/sentiment/`). Never the check
part, and no text of an evaluation-only set. Every sentence is analysed by the default pipeline
with the learned model switched off, so the features see the quotes stage's output and the
cross-validation sees what the rules code. Each candidate trigger (`learned_features`) is a
row labelled with the type of the annotated trigger holding it, else "none". A multinomial
logistic regression (L2, L-BFGS) is fitted fold by fold; the held-out probabilities give the
curve of (threshold -> precision, recall, F1 of per-sentence label sets, the rules' labels plus
the model's added types), printed as JSON; the threshold kept is the one of best F1 among those
whose added labels are at least as precise as the rules are on the same sentences (or
`--min-precision`); then each type whose added labels at that threshold are less precise than
that floor is left out, and the threshold is chosen again on the curve of the types kept. The
final model is fitted on every sentence and saved with its provenance (data, licence, command,
seed, time).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "newsgraph" / "data"
SHARED = ROOT.parent / "shared" / "eval" / "sentiment"
#: The annotated ranges of NewsMTSC's training split (`..._train_a.jsonl`, `_b`, ... as they
#: land), and the tune part of its dev sentences (only with --extra-tune).
SETS = {path.stem.removeprefix("events_sentences_newsmtsc_"): (path.name, "newsmtsc_train.jsonl")
        for path in sorted(DATA.glob("events_sentences_newsmtsc_train_*.jsonl"))}
SETS["tune"] = ("events_sentences_newsmtsc_tune.jsonl", "newsmtsc_dev_mt.jsonl")
MIN_FEATURE_COUNT = 2


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def annotated(names: list[str]) -> list[dict]:
    """{id, text, events, set} of every annotated sentence of the named sets."""
    rows = []
    for name in names:
        annotations, texts = SETS[name]
        if not (DATA / annotations).is_file():
            print(f"{annotations}: not there yet", file=sys.stderr)
            continue
        text_of = {line["primary_gid"]: line["sentence_normalized"]
                   for line in read_jsonl(SHARED / texts)}
        for line in read_jsonl(DATA / annotations):
            rows.append({"id": line["id"], "text": text_of[line["id"]],
                         "events": line["events"], "set": name})
    return rows


def analysed(rows: list[dict], cache: Path | None):
    """(article, doc) of every sentence by the default stages, the learned model off; parses
    kept in `cache` (with the tok2vec rows the portrayal reader reads)."""
    from newsgraph.eval.events import _published, event_settings
    from newsgraph.ingest.sources import Source
    from newsgraph.pipeline import Analyzer
    from newsgraph.stages.events import learned

    learned.ENABLED = False
    analyzer = Analyzer(event_settings())
    sources = [Source(text=r["text"], origin=f"<train {n}>", id=r["id"], published=_published(r))
               for n, r in enumerate(rows, start=1)]
    articles = [analyzer.prepare(source) for source in sources]
    texts = [article.text for article in articles]
    docs = None
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        docs = _cached(analyzer, texts, cache)
    if docs is None:
        docs = list(analyzer.nlp.pipe(texts, batch_size=analyzer.settings.batch_size))
    for article, doc in zip(articles, docs, strict=True):
        analyzer.run_stages(article, doc)
    return list(zip(articles, docs, strict=True))


def _cached(analyzer, texts: list[str], cache: Path):
    from spacy.tokens import DocBin

    known: dict[str, object] = {}
    for path in sorted(cache.glob("part*.spacy")):
        docs = list(DocBin().from_disk(path).get_docs(analyzer.nlp.vocab))
        with np.load(path.with_suffix(".npz")) as kept:
            for number, doc in enumerate(docs):
                doc.tensor = kept[f"arr_{number}"]
                known[doc.text] = doc
    missing = list(dict.fromkeys(t for t in texts if t not in known))
    if missing:
        parsed = list(analyzer.nlp.pipe(missing, batch_size=analyzer.settings.batch_size))
        path = cache / f"part{len(list(cache.glob('part*.spacy'))):03d}.spacy"
        DocBin(docs=parsed).to_disk(path)
        np.savez_compressed(path.with_suffix(".npz"), *(doc.tensor for doc in parsed))
        known.update({doc.text: doc for doc in parsed})
    # a fresh copy per use: the stages annotate the doc they get
    return [_copy(known[t]) for t in texts]


def _copy(doc):
    copy = doc.copy()
    copy.tensor = doc.tensor
    return copy


def examples(rows: list[dict], analysed_rows
             ) -> tuple[list[dict], list[str], list[int], list[set[str]], list[bool], np.ndarray]:
    """Candidate rows: features, label, sentence number; the rules' labels per sentence; and
    whether the hook would read each candidate (not a word the rules screened out, not a
    material word, not the report of an act the rules coded); and the dense word-vector rows."""
    from newsgraph.eval.events import prediction_record
    from newsgraph.stages.events.learned import (
        material_word,
        ratings,
        reports_an_act,
        screened_words,
        shared_word_vectors,
    )
    from newsgraph.stages.events.learned_features import (
        candidate_rows,
        candidates,
        content_words,
        trigger_labels,
    )
    from newsgraph.stages.events.lexicon import VERBAL_TYPES
    from newsgraph.stages.events.triggers import TriggerFinder

    rating, vectors = ratings(), shared_word_vectors()
    features, labels, sentence_of, rules, eligible, dense = [], [], [], [], [], []
    for number, (row, (article, doc)) in enumerate(zip(rows, analysed_rows, strict=True)):
        if article.text != row["text"]:
            raise SystemExit(f"{row['id']}: the pipeline changed the text; offsets would drift")
        tokens = [t for sentence in doc.sents for t in candidates(sentence)]
        labels += trigger_labels(tokens, row["events"])
        for sentence in doc.sents:
            named, rows = candidate_rows(candidates(sentence), article.quotes, rating, vectors,
                                         content_words(sentence))
            features += named
            dense.append(rows)
        sentence_of += [number] * len(tokens)
        rules.append({e["type"] for e in prediction_record(article, row["id"])["events"]})
        used = {e.trigger.start for e in article.events}
        judged = screened_words(doc, TriggerFinder())
        acts = [e.trigger.start for e in article.events if e.type not in VERBAL_TYPES]
        eligible += [t.idx not in used and t.i not in judged and not material_word(t)
                     and not reports_an_act(t, acts) for t in tokens]
    return features, labels, sentence_of, rules, eligible, np.vstack(dense)


def matrix(features: list[dict], columns: dict[str, int], dense: np.ndarray | None = None):
    """The named features as sparse columns, the dense rows (if any) after them."""
    from scipy.sparse import csr_matrix, hstack

    data, indices, pointers = [], [], [0]
    for row in features:
        for name, value in row.items():
            column = columns.get(name)
            if column is not None:
                indices.append(column)
                data.append(value)
        pointers.append(len(indices))
    named = csr_matrix((data, indices, pointers), shape=(len(features), len(columns)))
    return named if dense is None else hstack([named, csr_matrix(dense)]).tocsr()


def vocabulary(features: list[dict], dropped: tuple[str, ...] = ()) -> dict[str, int]:
    """The features seen at least `MIN_FEATURE_COUNT` times, but those of the families
    (name prefixes) in `dropped`."""
    counts: dict[str, int] = {}
    for row in features:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    kept = sorted(name for name, count in counts.items() if count >= MIN_FEATURE_COUNT
                  and not (dropped and _family(name) in dropped))
    return {name: i for i, name in enumerate(kept)}


def _family(name: str) -> str:
    """A feature's family: the part before "=", or the letters of a vector feature ("cv")."""
    return name.split("=", 1)[0] if "=" in name else name.rstrip("0123456789")


def fit(x, y: np.ndarray, classes: int, l2: float) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression: mean cross-entropy + l2/2 |W|^2 by L-BFGS."""
    from scipy.optimize import minimize

    n, width = x.shape
    onehot = np.zeros((n, classes))
    onehot[np.arange(n), y] = 1.0

    def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
        weights = flat[:width * classes].reshape(width, classes)
        bias = flat[width * classes:]
        scores = x @ weights + bias
        scores -= scores.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(scores).sum(axis=1, keepdims=True))
        log_p = scores - log_norm
        value = -(onehot * log_p).sum() / n + l2 / 2 * (weights ** 2).sum()
        delta = (np.exp(log_p) - onehot) / n
        grad_w = np.asarray(x.T @ delta) + l2 * weights
        return value, np.concatenate([grad_w.ravel(), delta.sum(axis=0)])

    start = np.zeros(width * classes + classes)
    found = minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 300})
    flat = found.x
    return flat[:width * classes].reshape(width, classes), flat[width * classes:]


def probabilities(x, weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
    scores = x @ weights + bias
    scores -= scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


def added_types(probs: np.ndarray, sentence_of: list[int], labels: tuple[str, ...],
                types: set[str], threshold: float, eligible: list[bool]) -> dict[int, set[str]]:
    """Per sentence, the types some eligible candidate has with at least the threshold's
    probability."""
    added: dict[int, set[str]] = {}
    columns = [n for n, label in enumerate(labels) if label in types]
    for row, sentence in enumerate(sentence_of):
        if not eligible[row]:
            continue
        for column in columns:
            if probs[row, column] >= threshold:
                added.setdefault(sentence, set()).add(labels[column])
    return added


def curve(probs, sentence_of, labels, types, rules, gold, eligible) -> list[dict]:
    """Micro P/R/F1 of per-sentence label sets, rules alone and rules plus the model's types,
    and the precision of the labels the model adds, for a range of thresholds."""
    points = []
    for threshold in [round(0.1 + 0.05 * k, 2) for k in range(17)]:
        added = added_types(probs, sentence_of, labels, types, threshold, eligible)
        tp = fp = fn = new_tp = new_fp = 0
        for sentence, (ruled, truth) in enumerate(zip(rules, gold, strict=True)):
            extra = added.get(sentence, set()) - ruled
            predicted = ruled | extra
            tp += len(predicted & truth)
            fp += len(predicted - truth)
            fn += len(truth - predicted)
            new_tp += len(extra & truth)
            new_fp += len(extra - truth)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        points.append({"threshold": threshold, "precision": round(p, 4), "recall": round(r, 4),
                       "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
                       "added": new_tp + new_fp,
                       "added_precision": round(new_tp / (new_tp + new_fp), 4)
                       if new_tp + new_fp else None})
    return points


def added_by_type(probs, sentence_of, labels, types, rules, gold, eligible,
                  threshold: float) -> dict[str, dict[str, int]]:
    """Right and wrong labels each type adds at a threshold."""
    added = added_types(probs, sentence_of, labels, types, threshold, eligible)
    counts = {label: {"right": 0, "wrong": 0} for label in sorted(types)}
    for sentence, (ruled, truth) in enumerate(zip(rules, gold, strict=True)):
        for label in added.get(sentence, set()) - ruled:
            counts[label]["right" if label in truth else "wrong"] += 1
    return counts


def lemma_of(features: dict) -> str:
    """The candidate's lemma, from its named features."""
    return next((name[6:] for name in features if name.startswith("lemma=")), "")


def choose(points: list[dict], floor: float) -> dict | None:
    """The point of best F1 whose added labels are at least as precise as `floor`."""
    passing = [p for p in points if p["added_precision"] is not None
               and p["added_precision"] >= floor]
    return max(passing, key=lambda p: (p["f1"], p["threshold"])) if passing else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--extra-tune", action="store_true",
                        help="train on the tune part of the dev sentences too")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--min-support", type=int, default=15,
                        help="types with fewer annotated triggers are never added")
    parser.add_argument("--min-precision", type=float, default=None,
                        help="the added labels' cross-validated precision floor (default: "
                             "the rules' own precision on the same sentences)")
    parser.add_argument("--drop", default="",
                        help="feature families left out, comma-separated (e.g. clause,word; "
                             "'vectors': the dense word-vector rows)")
    parser.add_argument("--out", type=Path, default=DATA / "event_model.npz")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    started = time.time()
    dropped = tuple(family for family in args.drop.split(",") if family)
    names = [name for name in SETS if name != "tune"] + (["tune"] if args.extra_tune else [])
    rows = annotated(names)
    print(f"{len(rows)} sentences, {sum(len(r['events']) for r in rows)} events",
          file=sys.stderr)
    features, labels, sentence_of, rules, eligible, dense = examples(
        rows, analysed(rows, args.cache))
    if "vectors" in dropped:
        dense = None
    gold = [{e["type"] for e in row["events"]} for row in rows]
    label_names = ("none", *sorted({label for label in labels if label != "none"}))
    y = np.array([label_names.index(label) for label in labels])
    support = {label: labels.count(label) for label in label_names[1:]}
    from newsgraph.stages.events.lexicon import VERBAL_TYPES

    # statements only: material acts are the rules' (their screens know what no model sees)
    types = {label for label, count in support.items()
             if count >= args.min_support and label in VERBAL_TYPES}
    print(json.dumps({"candidates": len(labels), "support": support,
                      "types": sorted(types)}), file=sys.stderr)
    # cross-validation by sentence
    order = np.random.default_rng(args.seed).permutation(len(rows))
    fold_of = np.empty(len(rows), dtype=int)
    fold_of[order] = np.arange(len(rows)) % args.folds
    row_fold = fold_of[np.array(sentence_of)]
    held = np.zeros((len(labels), len(label_names)))
    lemmas = [lemma_of(f) for f in features]
    read = list(eligible)  # and, as at run time, only words seen as triggers in training
    for fold in range(args.folds):
        train, test = row_fold != fold, row_fold == fold
        known = {lemma for lemma, label, k in zip(lemmas, labels, train, strict=True)
                 if k and label in types}
        for row in np.flatnonzero(test):
            read[row] = eligible[row] and lemmas[row] in known
        columns = vocabulary([f for f, keep in zip(features, train, strict=True) if keep],
                             dropped)
        weights, bias = fit(matrix([f for f, k in zip(features, train, strict=True) if k],
                                   columns, None if dense is None else dense[train]),
                            y[train], len(label_names), args.l2)
        held[test] = probabilities(matrix([f for f, k in zip(features, test, strict=True)
                                           if k], columns,
                                          None if dense is None else dense[test]),
                                   weights, bias)
    eligible = read
    points = curve(held, sentence_of, label_names, types, rules, gold, eligible)
    rules_only = curve(np.zeros_like(held), sentence_of, label_names, set(), rules, gold,
                       eligible)[0]
    trigger_lemmas = {lemma for lemma, label in zip(lemmas, labels, strict=True)
                      if label in types}
    floor = rules_only["precision"] if args.min_precision is None else args.min_precision
    first = choose(points, floor)
    by_type = {} if first is None else added_by_type(
        held, sentence_of, label_names, types, rules, gold, eligible, first["threshold"])
    # a type whose added labels are less precise than the rules at that threshold is left out,
    # and the threshold chosen again for the types kept
    kept = {label for label, n in by_type.items()
            if n["right"] and n["right"] / (n["right"] + n["wrong"]) >= floor}
    final = curve(held, sentence_of, label_names, kept, rules, gold, eligible)
    chosen = choose(final, floor)
    types = kept
    report = {"sentences": len(rows), "sets": names, "folds": args.folds, "seed": args.seed,
              "rules_alone": {k: rules_only[k] for k in ("precision", "recall", "f1")},
              "precision_floor": floor, "curve": points, "first": first,
              "added_by_type": by_type, "types": sorted(kept), "curve_kept": final,
              "chosen": chosen}
    print(json.dumps(report, indent=1))
    if args.no_save or chosen is None:
        return
    from newsgraph.stages.events.learned import EventModel

    columns = vocabulary(features, dropped)
    weights, bias = fit(matrix(features, columns, dense), y, len(label_names), args.l2)
    named_weights = weights[:len(columns)]
    dense_weights = None if dense is None else weights[len(columns):]
    provenance = {
        "data": [SETS[name][0] for name in names], "sentences": len(rows),
        "texts": "NewsMTSC (Hamborg and Donnay 2021), MIT licence; labels ours (MIT)",
        "command": " ".join(["python", "scripts/train_event_statements.py", *sys.argv[1:]]),
        "seed": args.seed, "l2": args.l2, "folds": args.folds,
        "trained": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "seconds": round(time.time() - started), "cv": chosen,
    }
    EventModel(label_names, columns, named_weights, bias, chosen["threshold"],
               frozenset(types), provenance, dense_weights,
               frozenset(trigger_lemmas)).save(args.out)
    print(f"saved {args.out} ({args.out.stat().st_size} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
