"""The learned event model: candidate features, gold labels of candidates, the model file,
and the hook that adds only types the rules did not code (sentences written for these tests)."""

from __future__ import annotations

import numpy as np
import pytest

from newsgraph.model import Cue, Quote, SpeakerRef
from newsgraph.stages.events import learned
from newsgraph.stages.events.learned import EventModel, load_event_model
from newsgraph.stages.events.learned_features import (
    WordVectors,
    candidate_features,
    candidate_rows,
    candidates,
    clause_words,
    quote_role,
    trigger_labels,
    vector_features,
)


def test_candidates_are_content_verbs_and_nouns_outside_names(nlp):
    doc = nlp("Senator Alvarez sharply criticized the governor's budget plan on Monday.")
    words = [t.text for t in candidates(next(doc.sents))]
    assert "criticized" in words and "plan" in words
    assert "Alvarez" not in words and "Monday" not in words and "on" not in words


def test_features_name_the_word_its_clause_and_ratings(nlp):
    doc = nlp("The mayor criticized the council for its terrible decision.")
    verb = next(t for t in doc if t.lemma_ == "criticize")
    features = candidate_features(verb, [], {"terrible": -2.5})
    assert features["lemma=criticize"] == 1.0
    assert features["subject=NOUN"] == 1.0
    assert any(name.startswith("clause=council") for name in features)
    assert features["clause_negative"] == pytest.approx(2.5 / 4)
    assert "clause_positive" not in features  # zero values are left out


def test_vector_features_are_the_word_and_its_clause_scaled(nlp):
    doc = nlp("The union praised the deal.")
    verb = next(t for t in doc if t.lemma_ == "praise")
    vectors = WordVectors({"praised": 0, "deal": 1, "union": 2},
                          np.array([[3.0, 4.0], [1.0, 0.0], [0.0, 1.0]]))
    found = vector_features(verb, clause_words(verb), vectors)
    assert found[:2] == pytest.approx([0.6, 0.8])
    assert found[2] == pytest.approx(found[3])  # the mean of deal and union, unit length
    named, rows = candidate_rows([verb], [], None, vectors)
    assert rows.shape == (1, 4) and named[0]["lemma=praise"] == 1.0


def test_quote_roles_tell_the_cue_from_the_words_inside(nlp):
    text = 'The minister said the plan "will fail".'
    doc = nlp(text)
    start = text.index("the plan")
    cue_at = text.index("said")
    quote = Quote(start=start, end=len(text) - 1, text=text[start:-1], direct=False,
                  speaker=SpeakerRef(start=0, end=12, text="The minister"),
                  cue=Cue(start=cue_at, end=cue_at + 4, text="said", lemma="say"))
    said = next(t for t in doc if t.text == "said")
    plan = next(t for t in doc if t.text == "plan")
    assert quote_role(said, [quote]) == ("cue", "cue_reported", "cue_speaker")
    assert quote_role(plan, [quote]) == ("inside", "inside_reported")
    assert "quote=cue" in candidate_features(said, [quote])


def test_a_trigger_of_several_words_labels_its_head(nlp):
    text = "Outside groups began running ads for the candidate."
    doc = nlp(text)
    tokens = candidates(next(doc.sents))
    start = text.index("running ads")
    labels = trigger_labels(tokens, [{"start": start, "end": start + len("running ads"),
                                      "type": "SUPPORT"}])
    labelled = [t.text for t, label in zip(tokens, labels, strict=True) if label != "none"]
    assert labelled == ["running"] and labels.count("SUPPORT") == 1


def model_for(feature: str, label: str, weight: float = 12.0,
              threshold: float = 0.5) -> EventModel:
    labels = ("none", "ACCUSE", "REQUEST")
    weights = np.zeros((1, len(labels)))
    weights[0, labels.index(label)] = weight
    return EventModel(labels, {feature: 0}, weights, np.array([2.0, 0.0, 0.0]), threshold,
                      frozenset(labels[1:]), {"data": "test"}, np.zeros((128, len(labels))))


def test_model_file_round_trip(tmp_path):
    model = model_for("lemma=write", "REQUEST")
    path = tmp_path / "model.npz"
    model.save(path)
    loaded = load_event_model(path)
    assert loaded.labels == model.labels and loaded.threshold == 0.5
    assert loaded.types == {"ACCUSE", "REQUEST"} and loaded.provenance == {"data": "test"}
    found = loaded.probabilities([{"lemma=write": 1.0}, {"lemma=other": 1.0}])
    assert found[0].argmax() == 2 and found[1].argmax() == 0
    assert np.allclose(found.sum(axis=1), 1.0)
    assert loaded.dense is not None and loaded.dense.shape == (128, 3)


@pytest.fixture
def with_model(monkeypatch):
    def use(model: EventModel | None) -> None:
        monkeypatch.setattr(learned, "shared_event_model", lambda: model)

    return use


def analyzed(text: str):
    import newsgraph

    return newsgraph.analyze(text, published="2024-05-10").events


def test_the_model_adds_a_type_the_rules_missed(with_model):
    text = "Senator Alvarez wrote to the Energy Department on Tuesday."
    with_model(None)
    assert "REQUEST" not in {e.type for e in analyzed(text)}
    with_model(model_for("lemma=write", "REQUEST"))
    added = [e for e in analyzed(text) if e.type == "REQUEST"]
    assert len(added) == 1 and added[0].trigger.text == "wrote"
    assert added[0].actor is not None and "Alvarez" in added[0].actor.text


def test_the_model_never_repeats_a_type_the_rules_coded(with_model):
    text = "The opposition leader accused the interior minister of lying to parliament."
    with_model(None)
    before = [e.type for e in analyzed(text)].count("ACCUSE")
    assert before == 1
    with_model(model_for("lemma=lie", "ACCUSE"))
    assert [e.type for e in analyzed(text)].count("ACCUSE") == 1


def test_below_the_threshold_nothing_is_added(with_model):
    text = "Senator Alvarez wrote to the Energy Department on Tuesday."
    with_model(model_for("lemma=write", "REQUEST", weight=2.0, threshold=0.9))
    assert "REQUEST" not in {e.type for e in analyzed(text)}


def test_words_of_material_acts_are_left_to_the_rules(nlp):
    from newsgraph.stages.events.learned import material_word

    doc = nlp("Troops fired on the crowd after the governor criticized the mayor.")
    assert material_word(next(t for t in doc if t.text == "fired"))
    assert not material_word(next(t for t in doc if t.text == "criticized"))


def test_a_report_of_a_coded_act_is_no_statement(with_model):
    text = "The agency said soldiers shelled the village of Tarvo on Monday."
    with_model(model_for("lemma=say", "ACCUSE"))
    assert [e.type for e in analyzed(text)] == ["ASSAULT"]


def test_only_the_lemmas_seen_as_triggers_are_read(with_model, tmp_path):
    from dataclasses import replace

    text = "Senator Alvarez wrote to the Energy Department on Tuesday."
    model = replace(model_for("lemma=write", "REQUEST"), lemmas=frozenset({"tell"}))
    model.save(tmp_path / "model.npz")
    assert load_event_model(tmp_path / "model.npz").lemmas == {"tell"}
    with_model(model)
    assert "REQUEST" not in {e.type for e in analyzed(text)}
    with_model(replace(model, lemmas=frozenset({"write"})))
    assert "REQUEST" in {e.type for e in analyzed(text)}
