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


def test_a_batch_raises_the_first_collection_threshold_and_puts_it_back() -> None:
    seen = []
    analyzer = Analyzer(Settings(stages=("dates",)))
    before = gc.get_threshold()
    analyzer.run_stages = lambda article, doc, **_: seen.append(gc.get_threshold()) or article
    source = Source(text="The council met on Tuesday about the flooded road.", origin="test")
    analyzer.analyze_batch([source])
    assert seen == [(pipeline.BATCH_GC_THRESHOLD, *before[1:])]
    assert gc.get_threshold() == before


def test_nested_batches_share_one_raise_and_a_disabled_threshold_stays_off() -> None:
    before = gc.get_threshold()
    with pipeline.fewer_young_collections():
        with pipeline.fewer_young_collections():
            assert gc.get_threshold()[0] == pipeline.BATCH_GC_THRESHOLD
        assert gc.get_threshold()[0] == pipeline.BATCH_GC_THRESHOLD
    assert gc.get_threshold() == before
    try:
        gc.set_threshold(0)
        with pipeline.fewer_young_collections():
            assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*before)


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


TABLE_TEXT = ("Ms. Okafor didn't approve the 12 new ferries.\n\n  The council, meeting late, "
              "voted 7-2 against her plan; critics called it wasteful.")


def test_token_table_columns_are_the_token_attributes(nlp) -> None:
    from newsgraph.stages.doc_tables import doc_text, token_table

    doc = nlp(TABLE_TEXT)
    table = token_table(doc)
    assert table.texts == [t.text for t in doc]
    assert table.lowers == [t.lower_ for t in doc]
    assert table.lemmas == [t.lemma_ for t in doc]
    assert table.tags == [t.pos_ for t in doc]
    assert table.spaces == [t.whitespace_ for t in doc]
    assert table.starts == [t.idx for t in doc]
    assert table.heads == [t.head.i for t in doc]  # heads before and after each token
    assert table.blanks == [t.is_space for t in doc] and any(table.blanks)
    assert table.puncts == [t.is_punct for t in doc]
    assert doc_text(doc) == doc.text == TABLE_TEXT
    assert token_table(doc) is table  # read once per parse
    empty = nlp("")
    assert token_table(empty).texts == [] and doc_text(empty) == ""


def test_token_table_lives_no_longer_than_its_parse(nlp) -> None:
    from newsgraph.stages import doc_tables

    doc = nlp("A short note about the harbour.")
    table = doc_tables.token_table(doc)
    assert doc in doc_tables._tables
    del doc
    gc.collect()
    assert all(kept is not table for kept in doc_tables._tables.values())
    with pytest.raises(ReferenceError):
        table.texts  # noqa: B018 - the parse is gone


def test_sentence_tone_reads_the_sentence_text(nlp) -> None:
    from newsgraph.stages.tone import load_tone_lexicon, sentence_tone

    lexicon = load_tone_lexicon()
    doc = nlp(TABLE_TEXT)
    for sentence in doc.sents:
        scored, counts = sentence_tone(sentence, lexicon)
        words = [t for t in sentence if any(c.isalpha() for c in t.text)]
        assert counts.words == len(words)
        assert counts.verbs == sum(t.pos_ == "VERB" for t in words)
        if words:
            assert scored.compound == lexicon.compound(sentence.text)


def test_lemma_positions_are_the_tokens_with_those_lemmas(nlp) -> None:
    from newsgraph.stages.entities import _lemma_positions

    doc = nlp("Two officials met the Governor; the governors and an official later spoke.")
    wanted = {"official", "governor"}
    assert _lemma_positions(doc, wanted) == [t.i for t in doc if t.lemma_.lower() in wanted]
    assert len(_lemma_positions(doc, wanted)) >= 3


def test_a_sentence_reading_from_the_table_is_the_token_reading(nlp) -> None:
    from newsgraph.stages.portrayal_features import QUOTE_MARKS, SentenceReading
    from newsgraph.stages.tone_lexicon import load_tone_lexicon

    doc = nlp("The mayor  said: “We won’t back down.” Critics were furious.\n\nShe left.")
    for sentence in doc.sents:
        reading = SentenceReading.of(sentence, load_tone_lexicon())
        tokens = list(sentence)
        assert reading.words == [t.lower_ for t in tokens]
        assert reading.lemmas == [t.lemma_.lower() for t in tokens]
        assert reading.skipped == [t.is_space or t.is_punct for t in tokens]
        assert reading.heads == [t.head.i for t in tokens]
        assert reading.ends == [t.idx + len(t.text) for t in tokens]
        marks = [sum(c in QUOTE_MARKS for c in t.text) for t in tokens]
        assert reading.marks_before == [sum(marks[:k]) for k in range(len(tokens))]


def test_the_entity_around_a_token_is_the_one_doc_ents_holds(nlp) -> None:
    from newsgraph.stages.amounts import _entity_around

    doc = nlp("On Monday, March 3, the Port of Lisbon Authority fined 12 ships by 5 p.m. "
              "local time, and New York followed.")
    for ent in doc.ents:
        for index in range(ent.start, ent.end):
            assert (_entity_around(doc, index).start, _entity_around(doc, index).end) == \
                (ent.start, ent.end)


def test_a_sentence_reading_walks_the_tree_like_the_tokens(nlp) -> None:
    """The portrayal features read heads, children, subtrees and labels by position from the
    shared table; each must equal what spaCy's tokens give."""
    from newsgraph.stages.doc_tables import token_table
    from newsgraph.stages.portrayal_features import SentenceReading
    from newsgraph.stages.tone_lexicon import load_tone_lexicon

    doc = nlp("The weary clerk, whom nobody thanked, filed the last report and quietly left "
              "the building.\n\nHer manager and two cautious aides were praised by the board.")
    assert token_table(doc).deps == [t.dep_ for t in doc]
    for sentence in doc.sents:
        reading = SentenceReading.of(sentence, load_tone_lexicon())
        assert reading.closed
        assert reading.kept == [t.i - sentence.start for t in sentence
                                if not (t.is_space or t.is_punct)]
        for token in sentence:
            assert reading.children_of(token.i) == [c.i for c in token.children]
            assert reading.subtree_at(token.i) == [t.i for t in token.subtree]
