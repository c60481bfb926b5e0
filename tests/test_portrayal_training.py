"""The build-time training scripts of the portrayal model: the parts that need no torch."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import SimpleNamespace

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)  # dataclasses look their module up there
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


def test_soft_targets_mix_the_teachers_probabilities_into_the_gold_ones() -> None:
    import numpy as np

    training = _script("portrayal_net_training")
    labels = np.array([0, 2, -1])
    teacher = np.array([[0.2, 0.6, 0.2], [0.1, 0.1, 0.8], [0.7, 0.2, 0.1]])
    assert np.allclose(training.target_distributions(labels), np.eye(3)[[0, 2, 0]])
    mixed = training.target_distributions(labels, teacher, 0.25)
    assert np.allclose(mixed[0], [0.8, 0.15, 0.05])
    assert np.allclose(mixed[1], [0.025, 0.025, 0.95])
    assert np.allclose(mixed[2], teacher[2])  # no gold: the teacher's alone
    assert np.allclose(training.class_weights(mixed), 3 / (3 * np.array([2, 1, 1])))


def test_the_regression_learns_a_distribution_and_one_hot_rows_equal_labels() -> None:
    import numpy as np
    from scipy.sparse import csr_matrix

    training = _script("train_portrayal")
    x = csr_matrix(np.array([[1, 0], [1, 1], [0, 1], [0, 1], [1, 0], [1, 1]], float))
    y = np.array([0, 1, 2, 2, 0, 1])
    as_labels, as_onehot = training.fit(x, y, 1e-3), training.fit(x, np.eye(3)[y], 1e-3)
    assert np.allclose(as_labels[0], as_onehot[0]) and np.allclose(as_labels[1], as_onehot[1])
    softer = np.eye(3)[y] * 0.5 + 0.5 / 3
    weights, _ = training.fit(x, softer, 1e-3)
    assert np.abs(weights).max() < np.abs(as_labels[0]).max()


def test_extra_rows_follow_the_gold_ones_without_a_label(monkeypatch) -> None:
    import numpy as np

    monkeypatch.syspath_prepend(str(SCRIPTS))
    training = _script("train_portrayal")
    extra = ([{"b": 1.0}], ["s2"], ["view"], np.array([[0.1, 0.1, 0.8]]))
    data = training.training_set([{"a": 1.0}, {"a": 2.0}], np.array([1, 0]), ["s1", "s1"],
                                 ["v1", "v2"], np.full((2, 3), 1 / 3), 0.5, extra)
    assert list(data.labels) == [1, 0, -1] and list(data.gold) == [True, True, False]
    assert data.sentences == ["s1", "s1", "s2"] and data.views[-1] == "view"
    assert np.allclose(data.targets[0], [1 / 6, 2 / 3, 1 / 6])
    assert np.allclose(data.targets[2], [0.1, 0.1, 0.8])


def test_teacher_batches_cover_every_row_once_and_group_similar_lengths() -> None:
    import numpy as np

    teacher = _script("train_portrayal_teacher")
    rows = [{"text": "x" * ((k * 37) % 101)} for k in range(500)]
    batches = teacher.length_batches(rows, 8, seed=3, pool=5)
    assert sorted(np.concatenate(batches).tolist()) == list(range(500))
    assert all(len(batch) <= 8 for batch in batches)
    spread = np.mean([np.ptp([len(rows[i]["text"]) for i in b]) for b in batches])
    shuffled = np.random.default_rng(0).permutation(500)
    random_spread = np.mean([np.ptp([len(rows[i]["text"]) for i in shuffled[k:k + 8]])
                             for k in range(0, 500, 8)])
    assert spread < random_spread / 2
    again = teacher.length_batches(rows, 8, seed=3, pool=5)
    assert all((a == b).all() for a, b in zip(batches, again, strict=True))


class _Entity:
    def __init__(self, sentence: str, text: str, label: str) -> None:
        self.start_char = sentence.index(text)
        self.end_char, self.text, self.label_ = self.start_char + len(text), text, label


def test_further_targets_are_unannotated_entities_of_the_portrayed_kinds() -> None:
    extra = _script("train_portrayal_extra")
    sentence = "Senator Okafor praised the Harbour Trust in Lisbon on Monday, and she left."
    record = {"primary_gid": "g1", "sentence_normalized": sentence, "targets": [
        {"from": sentence.index("Okafor"), "to": sentence.index("Okafor") + 6,
         "further_mentions": [{"from": sentence.index("she"), "to": sentence.index("she") + 3}]}]}

    doc = SimpleNamespace(ents=[_Entity(sentence, "Senator Okafor", "PERSON"),
                                _Entity(sentence, "the Harbour Trust", "ORG"),
                                _Entity(sentence, "Lisbon", "GPE"),
                                _Entity(sentence, "Monday", "DATE")])
    found = extra.further_targets(record, doc)
    assert [t["mention"] for t in found] == ["the Harbour Trust", "Lisbon"]
    assert [t["Input.gid"] for t in found] == ["g1#extra0", "g1#extra1"]
    assert sentence[found[1]["from"]:found[1]["to"]] == "Lisbon"


def test_a_row_counted_twice_fits_as_the_row_repeated() -> None:
    import numpy as np
    from scipy.sparse import csr_matrix, vstack

    training = _script("train_portrayal")
    x = csr_matrix(np.array([[1, 0, 1], [1, 1, 0], [0, 1, 0], [0, 1, 1], [1, 0, 0],
                             [0, 0, 1], [1, 1, 1], [0, 1, 0]], float))
    y = np.array([0, 0, 1, 1, 2, 2, 0, 1])
    times = np.array([3, 1, 1, 2, 1, 1, 1, 1])
    counted = training.fit(x, y, 1e-3, times)
    rows = np.repeat(np.arange(8), times)
    repeated = training.fit(vstack([x[i] for i in rows]), y[rows], 1e-3)
    assert np.allclose(counted[0], repeated[0], atol=1e-4)
    assert np.allclose(counted[1], repeated[1], atol=1e-4)
    once = training.fit(x, y, 1e-3)
    assert not np.allclose(counted[0], once[0], atol=1e-3)
    assert np.allclose(training.fit(x, y, 1e-3, np.ones(8, int))[0], once[0])


def test_targets_of_sentences_portraying_them_differently_count_more() -> None:
    import numpy as np

    training = _script("train_portrayal")
    labels = np.array([0, 2, 1, 1, 0, 1])
    sentences = ["praise and blame", "praise and blame", "two alike", "two alike", "alone",
                 "mixed"]
    assert list(training.contrast_times(labels, sentences, 3)) == [3, 3, 1, 1, 1, 1]
    assert list(training.repeated(np.array([0, 2, 1]), np.array([2, 1, 3]))) == [0, 0, 2, 2, 2, 1]
    assert list(training.repeated(np.array([4, 5]), None)) == [4, 5]
