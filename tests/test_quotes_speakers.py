"""Issue 17, fourth pass: the speaker of a direct quote from the tag beside it — the one
spoken to is no content of the tag, a tag in the next paragraph is not the quote's, and a
name misparsed as a compound of the verb is its subject. Fixture sentences of our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "speaker"), [
    ("“Is the bridge safe for the school buses yet?” Okafor told reporters on the riverbank.",
     "Okafor"),
    ("“Nobody asked us about the ‘plan.’” Lindqvist assured the residents at the meeting.",
     "Lindqvist"),
])
def test_tag_speaking_to_someone_is_still_a_speech_tag(text, speaker, attributed):
    (quote,) = [q for q in attributed(text).quotes if q.direct]
    assert quote.speaker is not None and quote.speaker.text == speaker


def test_tag_in_the_next_paragraph_does_not_take_the_quote(attributed):
    text = ("“We have won the lottery here,” Okafor said. “There is a real appetite for "
            "change in the district among the young voters.”\n\n"
            "Morales, who has endorsed the candidate, said he would campaign for her.")
    direct = [q for q in attributed(text).quotes if q.direct]
    assert direct and all(q.speaker.text == "Okafor" for q in direct)
    assert any("appetite" in q.text for q in direct)


def test_name_parsed_as_a_compound_of_the_verb_speaks(attributed):
    text = "“I can name only two reforms, and both are old,” Whitcombe answers."
    (quote,) = attributed(text).quotes
    assert quote.speaker is not None and quote.speaker.text == "Whitcombe"
