"""Speed-ups that must not change any output: each fast path against the plain reading it
replaces, on sentences written for these tests."""

from __future__ import annotations

import gc

import pytest

from newsgraph import pipeline
from newsgraph.model import Source
from newsgraph.pipeline import Analyzer
from newsgraph.settings import Settings
from newsgraph.stages import amounts

NUMBER_TEXT = (
    "Up to 40 boats left the harbour. About a dozen fishermen stayed, and half a million "
    "dollars went missing. Between 20 and 30 villagers, roughly 1,200 in all, met at 7.30 pm; "
    "the 3-1 score and $4bn deal came later, with some 2.5 million euros and a hundred more."
)


def test_versions_read_once_and_copied(monkeypatch) -> None:
    analyzer = Analyzer(Settings(stages=("dates",)))
    calls = []
    read = analyzer._read_versions
    monkeypatch.setattr(analyzer, "_read_versions", lambda: calls.append(1) or read())
    first = analyzer.versions()
    first["model"] = "changed by a caller"
    second = analyzer.versions()
    assert len(calls) == 1
    assert second["model"] != "changed by a caller"
    assert set(second) == {"newsgraph", "spacy", "model", "schema"}


def test_loaded_objects_settled_once_after_first_batch(monkeypatch) -> None:
    frozen = []
    monkeypatch.setattr(pipeline, "_settled", False)
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1))
    analyzer = Analyzer(Settings(stages=("dates",)))
    analyzer.analyze_batch([])  # nothing analysed: nothing loaded yet, nothing settled
    assert frozen == []
    source = Source(text="The mayor spoke on Monday about the new bridge.", origin="test")
    analyzer.analyze_batch([source])
    analyzer.analyze_batch([source])
    assert frozen == [1]


def _plain_looks_english(doc) -> bool:
    words = [token for token in doc if token.is_alpha]
    if len(words) < 8:
        return True
    return sum(token.is_stop for token in words) / len(words) >= amounts.MIN_ENGLISH_STOP_SHARE


@pytest.mark.parametrize("text", [
    NUMBER_TEXT,
    "Short one.",
    "Lorem ipsum dolor sit amet consectetur adipiscing elit sed eiusmod tempor incididunt",
    "Bonjour madame, voici quelques mots choisis pour ce petit essai du module de nombres",
])
def test_english_share_read_from_arrays(nlp, text: str) -> None:
    doc = nlp(text)
    assert amounts._looks_english(doc) == _plain_looks_english(doc)


def test_possible_starts_cover_every_number_start(nlp) -> None:
    doc = nlp(NUMBER_TEXT)
    starts = amounts._possible_starts(doc)
    found = [i for i in range(len(doc)) if amounts._starts_number(doc, i)]
    assert found and all(starts[i] for i in found)
    assert not all(starts)


def _plain_qualifier(doc, first: int):
    for phrase in amounts._QUALIFIERS:
        start = first - len(phrase)
        if start >= 0 and tuple(t.lower_ for t in doc[start:first]) == phrase:
            return start, " ".join(phrase)
    return first, None


def test_qualifier_same_at_every_position(nlp) -> None:
    doc = nlp(NUMBER_TEXT)
    for first in range(len(doc) + 1):
        assert amounts._qualifier(doc, first) == _plain_qualifier(doc, first)
    assert amounts._qualifier(doc, 2) == (0, "up to")  # a phrase at the very start


def test_run_text_is_the_span_text(nlp) -> None:
    from newsgraph.geo.resolve import run_text

    doc = nlp("Crews from  New South Wales flew to Port-au-Prince, Haiti.\n\nThen Lake Como.")
    texts, spaces = [t.text for t in doc], [t.whitespace_ for t in doc]
    for start in range(len(doc)):
        for end in range(start + 1, min(start + 5, len(doc)) + 1):
            assert run_text(texts, spaces, start, end) == doc[start:end].text
