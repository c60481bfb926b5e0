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
