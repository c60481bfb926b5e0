"""The learned event model: candidate features, gold labels of candidates, the model file,
and the hook that adds only types the rules did not code (sentences written for these tests)."""

from __future__ import annotations

import numpy as np
import pytest

from newsgraph.model import Cue, Quote, SpeakerRef
from newsgraph.stages.events.learned import EventModel, load_event_model
from newsgraph.stages.events.learned_features import (
    WordVectors,
    candidate_features,
    candidates,
    quote_role,
    trigger_labels,
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


def test_features_read_word_vectors_when_given(nlp):
    doc = nlp("The union praised the deal.")
    verb = next(t for t in doc if t.lemma_ == "praise")
    vectors = WordVectors({"praised": 0, "deal": 1, "union": 2},
                          np.array([[3.0, 4.0], [1.0, 0.0], [0.0, 1.0]]))
    features = candidate_features(verb, [], None, vectors)
    assert features["v0"] == pytest.approx(0.6) and features["v1"] == pytest.approx(0.8)
    assert features["cv0"] == pytest.approx(features["cv1"])  # the mean of deal and union


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
                      frozenset(labels[1:]), {"data": "test"})


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
