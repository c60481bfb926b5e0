"""`newsgraph eval entities`: the scorer on hand-made cases, the shipped annotation, the
command on the development set when it is present."""

from __future__ import annotations

import itertools
import json

import pytest
from typer.testing import CliRunner

from newsgraph.eval.entities import (
    ANNOTATIONS,
    EntityScores,
    GoldEntity,
    align_mentions,
    annotation_path,
    read_annotation,
    score_article,
    score_entities,
    shipped_annotation_for,
)
from tests.conftest import EVAL

GOLD = [GoldEntity("Ana Lima", "PERSON", [(0, 8), (20, 24), (40, 44)]),
        GoldEntity("Porto", "GPE", [(60, 65)])]


def scored(predicted) -> EntityScores:
    scores = EntityScores()
    score_article(GOLD, predicted, scores)
    return scores


def test_perfect_prediction_scores_one():
    scores = scored([{"name": "Ana Lima", "type": "PERSON",
                      "mentions": [[0, 8], [20, 24], [40, 44]]},
                     {"name": "Porto", "type": "GPE", "mentions": [[60, 65]]}])
    assert (scores.precision, scores.recall, scores.b3_f1) == (1.0, 1.0, 1.0)


def test_a_person_split_in_two_loses_precision_and_b3_recall():
    scores = scored([{"name": "Ana Lima", "type": "PERSON", "mentions": [[0, 8], [20, 24]]},
                     {"name": "Lima", "type": "ORG", "mentions": [[40, 44]]},
                     {"name": "Porto", "type": "LOC", "mentions": [[60, 65]]}])
    assert scores.matched_entities == 2 and scores.predicted_entities == 3
    assert scores.recall == 1.0 and scores.precision == pytest.approx(2 / 3)
    assert scores.b3_precision == 1.0
    assert scores.b3_recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)


def test_wrong_type_does_not_count_and_out_of_scope_types_are_left_out():
    scores = scored([{"name": "Ana Lima", "type": "ORG", "mentions": [[0, 8]]},
                     {"name": "Portuguese", "type": "NORP", "mentions": [[70, 80]]}])
    assert scores.matched_entities == 0 and scores.predicted_entities == 1
    assert scores.missed and scores.spurious


def test_mentions_align_one_to_one_by_overlap():
    # (3, 12) shares 5 characters with (0, 8), more than (0, 4) does; (10, 14) is exact.
    assert align_mentions([(0, 8), (10, 14)], [(0, 4), (3, 12), (10, 14)]) == {1: 0, 2: 1}


def test_missing_article_counts_as_nothing_found():
    scores = score_entities({"a": GOLD}, [])
    assert scores.recall == 0.0 and scores.gold_entities == 2


@pytest.mark.parametrize(("name", "size"), [("polnear_dev", 20), ("polnear_train", 10)])
def test_shipped_annotations_hold_names_without_overlaps(name, size):
    annotation = read_annotation(annotation_path(ANNOTATIONS[name]))
    assert len(annotation) == size
    for entities in annotation.values():
        assert entities and all(e.type in {"PERSON", "ORG", "GPE", "LOC", "FAC"}
                                for e in entities)
        spans = sorted(span for e in entities for span in e.mentions)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_the_two_annotations_share_no_article():
    dev, train = (set(read_annotation(annotation_path(ANNOTATIONS[name])))
                  for name in ("polnear_dev", "polnear_train"))
    assert dev and train and not dev & train


def test_the_annotation_is_chosen_by_the_gold_file_articles():
    train = read_annotation(annotation_path(ANNOTATIONS["polnear_train"]))
    chosen = shipped_annotation_for(["an-article-of-no-set", *train])
    assert chosen == annotation_path(ANNOTATIONS["polnear_train"])
    assert shipped_annotation_for(["an-article-of-no-set"]) == annotation_path()


DEV = EVAL / "quotes" / "polnear_dev.jsonl"
TRAIN = EVAL / "quotes" / "polnear_train.jsonl"


@pytest.mark.parametrize(("gold", "name"), [(DEV, "polnear_dev"), (TRAIN, "polnear_train")])
def test_annotation_offsets_hold_names_of_the_texts(gold, name):
    if not gold.exists():
        pytest.skip("shared/eval is absent")
    texts = {}
    with gold.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            texts[record["id"]] = record["text"]
    for article, entities in read_annotation(annotation_path(ANNOTATIONS[name])).items():
        for entity in entities:
            for start, end in entity.mentions:
                surface = texts[article][start:end]
                assert surface.strip() == surface and "\n" not in surface
                assert surface[0].isupper() or surface[0] in "@", (article, surface)


@pytest.mark.skipif(not DEV.exists(), reason="shared/eval is absent")
def test_eval_entities_command_reports_scores():
    from newsgraph.cli import app

    result = CliRunner().invoke(app, ["eval", "entities", str(DEV), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output.strip().splitlines()[-1])
    assert figures["articles"] == 20 and figures["gold_entities"] > 150
    assert 0.5 < figures["b3_f1"] <= 1.0 and 0.5 < figures["recall"] <= 1.0


@pytest.mark.skipif(not TRAIN.exists(), reason="shared/eval is absent")
def test_eval_entities_scores_the_second_set_from_the_training_file():
    from newsgraph.cli import app

    result = CliRunner().invoke(app, ["eval", "entities", str(TRAIN), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output.strip().splitlines()[-1])
    assert figures["articles"] == 10 and figures["gold_entities"] > 100
    assert 0.5 < figures["b3_f1"] <= 1.0
