"""The learned pair scorer's measurement (`scripts/story_pairs.py`) and what it reads:
`story_docs`, the articles as a full link clusters them."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from newsgraph.link import cluster, rebuild, stored_stories
from newsgraph.link.build import story_docs
from newsgraph.link.stories import StoryDoc
from newsgraph.link.terms import TermWeights
from newsgraph.model import Article
from newsgraph.store import Store

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "story_pairs.py"


@pytest.fixture(scope="module")
def pairs_script():
    spec = importlib.util.spec_from_file_location("story_pairs", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["story_pairs"] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


FERRY = ("The harbour ferry Morning Gull ran aground off Kestrel Point on Tuesday, and the "
         "coast guard lifted forty passengers from its deck before the tide turned. ")
MARKET = ("The city market on Alder Street reopened after the flood with new stalls for "
          "bakers, fishmongers and the cheese sellers who had waited since spring. ")


def test_story_docs_are_what_a_full_link_clusters(store_url: str) -> None:
    with Store.open(store_url) as store:
        store.add_many([
            Article(id="f1", published="2031-03-04", title="Ferry aground off Kestrel Point",
                    text=FERRY * 3),
            Article(id="f2", published="2031-03-05", title="Kestrel Point ferry aground",
                    text=FERRY * 2),
            Article(id="m1", published="2031-03-05", title="Alder Street market reopens",
                    text=MARKET * 3),
            Article(id="u1", published=None, title="Undated", text=MARKET),
        ])
        rebuild(store, refit=True)
        stored = sorted(sorted(a["id"] for a in s["articles"]) for s in stored_stories(store))
        docs, weights = story_docs(store)
    assert [doc.id for doc in docs] == ["f1", "f2", "m1"]  # dated, by day then id
    assert all(doc.text == "" and doc.vector for doc in docs)  # weighed, texts let go
    assert weights.articles == 4  # the undated article counts in the weights too
    assert stored == [["f1", "f2"]]
    assert [[doc.id for doc in story] for story in cluster(docs, weights=weights)] == stored


def test_headline_vector_and_name_overlap(pairs_script) -> None:
    weights = TermWeights(10, {"ferry": 5, "E:ORG:Coast Guard": 2, "E:GPE:Kestrel": 8})
    doc = StoryDoc("a", date(2031, 3, 4), "", "Ferry aground",
                   frozenset({"ORG:Coast Guard", "GPE:Kestrel"}))
    doc.lead = frozenset({"ferry", "tide"})
    vector = pairs_script.headline_vector(doc, weights)
    assert set(vector) == {"ferry", "aground", "tide"}
    assert vector["ferry"] > vector["tide"]  # a headline word counts twice
    assert abs(sum(w * w for w in vector.values()) - 1.0) < 1e-9
    other = StoryDoc("b", date(2031, 3, 4), "", None, frozenset({"GPE:Kestrel"}))
    rare, common = weights.idf("E:ORG:Coast Guard"), weights.idf("E:GPE:Kestrel")
    assert pairs_script.name_overlap(doc, other, weights) == pytest.approx(
        common / (rare + common))


def _window(pairs_script, name: str, signal: np.ndarray, labels: np.ndarray):
    ids = [f"{name}{n}" for n in range(len(signal) + 1)]
    window = pairs_script.Window(name, {i: i for i in ids}, ids)
    window.pairs = [(ids[0], ids[n + 1]) for n in range(len(signal))]
    window.features = {"signal": signal, "noise": np.cos(np.arange(len(signal)))}
    window.labels = labels
    window.copies = np.zeros(len(signal), dtype=bool)
    return window


def test_pair_scorer_learns_which_feature_separates(pairs_script) -> None:
    rng = np.random.default_rng(7)
    windows = []
    for name in "PQ":
        signal = rng.normal(size=60)
        windows.append(_window(pairs_script, name, signal, (signal > 0.8).astype(int)))
    scorer = pairs_script.PairScorer(["signal", "noise"]).fit(windows)
    assert scorer.coef[0] > 1.0 > abs(scorer.coef[1])
    probability = scorer.probability(windows[0])
    positive = windows[0].labels == 1
    assert probability[positive].mean() > 0.5 > probability[~positive].mean()


def test_clustered_is_single_link_over_kept_pairs(pairs_script) -> None:
    window = _window(pairs_script, "R", np.zeros(3), np.zeros(3, dtype=int))
    window.gold = {"R0": "x", "R1": "x", "R2": "x", "R3": "y"}
    scores = pairs_script.clustered(window, np.array([0.9, 0.8, 0.1]), 0.5)
    assert (scores.pred_pairs, scores.pair_precision, scores.pair_recall) == (3, 1.0, 1.0)
    window.copies[2] = True  # a near-copy joins whatever its probability
    assert pairs_script.clustered(window, np.array([0.9, 0.8, 0.1]), 0.5).pred_pairs == 6


def test_mutual_nearest_pairs_are_each_others_closest_and_close_in_days(pairs_script) -> None:
    day = date(2024, 5, 1)

    def doc(article_id: str, shift: int, vector: dict[str, float]) -> StoryDoc:
        found = StoryDoc(article_id, date.fromordinal(day.toordinal() + shift), "")
        found.vector = vector
        return found

    # a and b are each other's nearest; c's nearest is b, but b's is a; d and e are each
    # other's nearest but two days apart; f's nearest is g at a cosine below the floor.
    docs = [doc("a", 0, {"x": 1.0}), doc("b", 1, {"x": 0.8, "y": 0.6}),
            doc("c", 1, {"y": 1.0}), doc("d", 10, {"z": 1.0}), doc("e", 12, {"z": 1.0}),
            doc("f", 20, {"w": 1.0}), doc("g", 20, {"w": 0.05, "v": 0.99})]
    assert pairs_script.mutual_nearest(docs, 0.10, 1) == {("a", "b")}
    assert pairs_script.mutual_nearest(docs, 0.10, 2) == {("a", "b"), ("d", "e")}
    assert pairs_script.mutual_nearest(docs, 0.01, 1) == {("a", "b"), ("f", "g")}
