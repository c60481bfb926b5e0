"""The shared sentence look-up (`doc_tables.sentence_bounds`, `sentence_of`) must give what
spaCy's `Token.sent` gives, for every token, on texts written for these tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from newsgraph.stages.doc_tables import sentence_bounds, sentence_of

TEXT = (
    "Harbour fees rise\n\n"
    "The ferry company raised its fares on Monday. “We had no choice,” a spokeswoman said, "
    "adding that fuel costs had doubled.\n\n"
    "Passengers were unhappy. One of them, a nurse who crosses daily, said: “It's too much.”\n"
    "The council will meet again in June."
)


def test_sentence_bounds_match_token_sent_for_every_token(nlp) -> None:
    doc = nlp(TEXT)
    assert len(list(doc.sents)) > 3
    for token in doc:
        expected = token.sent
        assert sentence_bounds(doc, token.i) == (expected.start, expected.end)
        found = sentence_of(token)
        assert (found.start, found.end, found.text) == (expected.start, expected.end,
                                                        expected.text)


def test_one_token_and_first_and_last_tokens(nlp) -> None:
    single = nlp("Hello")
    assert sentence_bounds(single, 0) == (0, 1)
    doc = nlp("The boat left. It came back.")
    assert sentence_bounds(doc, 0) == (doc[0].sent.start, doc[0].sent.end)
    assert sentence_bounds(doc, len(doc) - 1) == (doc[-1].sent.start, len(doc))


def test_a_parse_without_sentence_bounds_raises_as_spacy_does(nlp) -> None:
    doc = Doc(nlp.vocab, words=["boats", "sail", "at", "dawn"])
    with pytest.raises(ValueError):
        _ = doc[1].sent
    with pytest.raises(ValueError):
        sentence_bounds(doc, 1)


def test_sentence_hooks_are_honoured(nlp) -> None:
    doc = nlp("The boat left. It came back.")
    doc.user_token_hooks["sent"] = lambda token: token.doc[0:len(token.doc)]
    assert sentence_bounds(doc, 0) == (0, len(doc))


def test_span_sentence_hooks_are_honoured(nlp) -> None:
    doc = nlp("The boat left. It came back.")
    doc.user_span_hooks["sent"] = lambda span: span.doc[0:len(span.doc)]
    assert sentence_bounds(doc, 0) == (0, len(doc)) == (doc[0].sent.start, doc[0].sent.end)
