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


@pytest.mark.parametrize(("text", "speaker"), [
    ("But Radio Kestrel has the recording:\n\n“Will you raise the fares next year?” a "
     "passenger can be heard asking the minister on the tram.", "a passenger"),
    ("And the Daily Harbour has proof:\n\n“Should the city sell the old port?” a reporter "
     "asked the mayor after the meeting.", "a reporter"),
])
def test_speech_tag_after_the_quote_beats_a_lead_in_without_a_speech_verb(
        text, speaker, attributed):
    (quote,) = [q for q in attributed(text).quotes if q.direct]
    assert quote.speaker.text == speaker


def test_by_saying_gives_the_quote_to_the_subject_of_the_verb(attributed):
    text = ("She answered the critics by saying: “Our schools are better than they were "
            "ten years ago, and the numbers show it.”")
    (quote,) = [q for q in attributed(text).quotes if q.direct]
    assert quote.speaker.text == "She"


def test_speaker_named_by_age_before_an_inverted_cue(attributed):
    text = "“Who is going to pay for the new stadium?” the 58-year-old asked at the town meeting."
    (quote,) = [q for q in attributed(text).quotes if q.direct]
    assert quote.speaker.text == "the 58-year-old"


@pytest.mark.parametrize("text", [
    "After Senator Paul Okafor criticized Maria Lind during the debate, Lind shot back, "
    "“I read the budget, which is more than he did.”",
    "When the governor attacked the plan in a speech, Lind fired back, “I think the "
    "governor has never read the plan at all.”",
])
def test_tag_parsed_as_a_clause_of_the_quote_still_speaks(text, attributed):
    (quote,) = [q for q in attributed(text).quotes if q.direct]
    assert quote.speaker.text == "Lind"


def test_a_participle_taken_for_the_subject_gives_way_to_the_name_before_the_cue(attributed):
    # no comma after the participle's phrase: the parser makes "Speaking" the subject
    for text, name in (("Speaking to the Evening Post Jones claimed: “A lot of things "
                        "happened in that office.”", "Jones"),
                       ("Writing in the Morning Star Patel argued: “The plan will fail.”",
                        "Patel")):
        (quote,) = attributed(text).quotes
        assert quote.speaker is not None and quote.speaker.text.endswith(name)
