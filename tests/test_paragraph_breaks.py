"""A blank line always ends a sentence, whatever the parser would make of it."""

from __future__ import annotations

import newsgraph


def test_a_headline_without_a_full_stop_is_its_own_sentence(nlp):
    text = ("Council weighs new bus lanes despite budget worries\n\n"
            "Mayor Lina Ortiz asked the council on Monday to approve the lanes.")
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert sentences == ["Council weighs new bus lanes despite budget worries",
                         "Mayor Lina Ortiz asked the council on Monday to approve the lanes."]


def test_indented_paragraphs_and_windows_line_ends_split_too(nlp):
    doc = nlp("Rain closes the ferry\r\n\r\n    Harbour officials said the ferry would stay shut.")
    harbour = next(t for t in doc if t.text == "Harbour")
    assert harbour.is_sent_start


def test_a_single_line_break_inside_a_paragraph_does_not_split(nlp):
    text = "Officials said the ferry would stay\nshut until Friday."
    assert len(list(nlp(text).sents)) == 1


def test_an_event_actor_never_reaches_into_the_headline_above():
    article = newsgraph.analyze("Rivals push back as the ferry budget slips\n\n"
                                "President Ana Ruiz called on employers to treat workers "
                                "fairly on Thursday.")
    actors = [e.actor.text for e in article.events if e.actor is not None]
    assert actors and all("\n" not in a and "slips" not in a for a in actors)
