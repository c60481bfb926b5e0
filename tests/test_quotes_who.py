"""Issue 17, fifth pass: who speaks in reported speech — the one asked is not the asker,
a speech act coordinated after a reported clause is the reporter's own. Fixture sentences
of our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Asked whether the ferry would run in winter, Ingrid Solberg smiled and left the room.",
    "Asked if the harbour tax would rise, Councillor Ingrid Solberg said she had not "
    "seen the plan.",
])
def test_the_one_asked_is_not_the_asker(text, attributed):
    (asked,) = [q for q in attributed(text).quotes if q.cue and q.cue.text == "Asked"]
    assert asked.speaker is None


def test_a_question_put_by_a_named_asker_keeps_the_asker(attributed):
    text = "Ingrid Solberg asked whether the ferry would run in winter."
    (quote,) = attributed(text).quotes
    assert quote.speaker is not None and quote.speaker.text == "Ingrid Solberg"


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("I believe the council will lose the vote on the harbour.",
     "the council will lose the vote on the harbour", "I"),
    ("We think the ferry should run all year, whatever it costs.",
     "the ferry should run all year, whatever it costs", "We"),
])
def test_the_writer_holding_a_view_is_an_attribution(attributed, text, content, speaker):
    (quote,) = attributed(text).quotes
    assert quote.text == content and quote.speaker.text == speaker


def test_the_reader_addressed_is_no_attribution(attributed):
    assert attributed("You know the old bridge will not last another winter.").quotes == []
