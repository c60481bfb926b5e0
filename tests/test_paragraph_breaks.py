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


def test_a_dateline_is_its_own_sentence(nlp):
    doc = nlp("OSLO (Reuters) — A clerk accused of selling ferry tickets twice was detained "
              "on Tuesday, harbour police said.")
    clerk = next(t for t in doc if t.text == "A")
    assert clerk.is_sent_start
    assert [t.text for t in next(doc.sents)] == ["OSLO", "(", "Reuters", ")", "—"]


def test_a_dateline_town_is_never_an_event_argument():
    article = newsgraph.analyze(
        "BERGEN, Norway — A clerk accused of selling ferry tickets twice was detained on "
        "Tuesday, harbour police said.")
    arguments = [part.text for e in article.events for part in (e.actor, e.target) if part]
    assert article.events and not any("BERGEN" in a or "Norway" in a for a in arguments)


def test_capitals_that_open_a_sentence_without_a_dash_are_no_dateline(nlp):
    doc = nlp("NATO leaders met in Riga on Monday.")
    assert len(list(doc.sents)) == 1
