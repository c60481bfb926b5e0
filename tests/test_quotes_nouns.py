"""Attributions carried by nouns of speech and stance. Fixture sentences of our own."""

from __future__ import annotations

import pytest


def reported(article) -> dict[str, str | None]:
    return {q.text: (q.speaker.text if q.speaker else None) for q in article.quotes
            if not q.direct}


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("Senator Ana Ruiz made the claim that the audit had been rigged.",
     "the audit had been rigged", "Senator Ana Ruiz"),
    ("In a radio interview, her claim that the audit had been rigged was new.",
     "the audit had been rigged", "her"),
    ("The governor's call for a new inquiry surprised the council.",
     "a new inquiry", "The governor"),
    ("The ministry issued a warning that the river could flood again.",
     "the river could flood again", "The ministry"),
])
def test_speech_noun_attributes_its_content_to_its_owner(attributed, text, content, speaker):
    assert reported(attributed(text)).get(content) == speaker


@pytest.mark.parametrize("text", [
    "A claim that the audit had been rigged spread quickly online.",
    "The claim that he made on the radio was checked by reporters.",
])
def test_no_attribution_without_an_owner_or_for_a_relative_clause(attributed, text):
    assert not reported(attributed(text))
