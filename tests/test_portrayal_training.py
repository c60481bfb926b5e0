"""The build-time training scripts of the portrayal model: the parts that need no torch."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write_targets(path: Path, sentences: list[tuple[str, list[str]]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for number, (sentence, names) in enumerate(sentences):
            targets = [{"Input.gid": f"s{number}-{name}", "from": sentence.index(name),
                        "to": sentence.index(name) + len(name), "polarity": 4.0}
                       for name in names]
            out.write(json.dumps({"primary_gid": f"s{number}", "sentence_normalized": sentence,
                                  "targets": targets}) + "\n")


def test_the_teacher_and_the_cross_validation_use_the_same_folds(tmp_path: Path) -> None:
    teacher, training = _script("train_portrayal_teacher"), _script("train_portrayal")
    sentences = [(f"Councillor Number{k} opened the library while Mayor Gray watched.",
                  [f"Number{k}", "Gray"] if k % 3 else [f"Number{k}"]) for k in range(40)]
    _write_targets(tmp_path / "t.jsonl", sentences)
    rows = teacher.targets(tmp_path / "t.jsonl")
    folds = teacher.fold_of(rows)
    assert list(folds) == list(training.fold_numbers([r["sentence"] for r in rows], 7, 7))
    assert len(set(folds)) == 7
    by_sentence = {}
    for row, fold in zip(rows, folds, strict=True):  # a sentence's targets share a fold
        assert by_sentence.setdefault(row["sentence"], fold) == fold


def test_the_teacher_marks_the_target_and_cuts_long_sentences_around_it(
        tmp_path: Path) -> None:
    teacher = _script("train_portrayal_teacher")
    long = " ".join(["word"] * 80) + " the union thanked Rivera warmly " + \
        " ".join(["more"] * 80)
    _write_targets(tmp_path / "t.jsonl", [("Critics blamed Rivera for the delay.", ["Rivera"]),
                                         (long, ["Rivera"])])
    short, cut = teacher.targets(tmp_path / "t.jsonl")
    assert short["text"] == "Critics blamed" + teacher.OPEN + "Rivera" + teacher.CLOSE + \
        "for the delay."
    assert short["target"] == "Rivera" and short["label"] == 1
    words = cut["text"].split()
    assert len(words) <= teacher.MAX_WORDS + 3 and "thanked" in words and "warmly" in words
