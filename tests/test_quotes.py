"""The quotes stage on small texts of our own."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.geo.gazetteer import load_gazetteer
from newsgraph.stages.dates import add_dates
from newsgraph.stages.entities import add_entities
from newsgraph.stages.quote_marks import find_marked
from newsgraph.stages.quotes import add_quotes

FRIDAY = date(2024, 5, 10)


def quotes_of(parse, text: str):
    document = parse(text, FRIDAY)
    add_entities(document, load_gazetteer())
    add_dates(document)
    add_quotes(document)
    article = document.article
    for quote in article.quotes:
        assert text[quote.start:quote.end] == quote.text
        if quote.speaker:
            assert text[quote.speaker.start:quote.speaker.end] == quote.speaker.text
        if quote.cue:
            assert text[quote.cue.start:quote.cue.end] == quote.cue.text
    names = {entity.id: entity.name for entity in article.entities}
    return article.quotes, names


def test_direct_quote_with_a_pronoun_speaker_links_to_the_named_person(parse):
    text = ("Mayor John Miller opened the bridge on Thursday.\n\n"
            "“This bridge belongs to everyone who crosses it,” he said.")
    quotes, names = quotes_of(parse, text)
    (quote,) = quotes
    assert quote.direct and not quote.partial
    assert quote.text == "This bridge belongs to everyone who crosses it,"
    assert quote.speaker.text == "he"
    assert names[quote.speaker.entity] == "John Miller"
    assert quote.cue.lemma == "say"


def test_quote_split_by_its_attribution_is_one_quote_with_fragments(parse):
    text = "“We will rebuild,” the governor said. “Nobody will be forgotten.”"
    quotes, _ = quotes_of(parse, text)
    (quote,) = quotes
    assert quote.fragments is not None and len(quote.fragments) == 2
    first, second = quote.fragments
    assert text[first[0]:first[1]] == "We will rebuild,"
    assert text[second[0]:second[1]] == "Nobody will be forgotten."
    assert quote.speaker.text == "the governor"


def test_multi_paragraph_quote_opens_each_paragraph_and_closes_once():
    text = "She said:\n\n“The first part.\n\n“The second part.”\n\nThe end."
    (marked,) = find_marked(text)
    assert len(marked.pieces) == 2
    assert text[marked.start:marked.end].startswith("The first part.")
    assert text[marked.start:marked.end].endswith("The second part.")


def test_unbalanced_marks_do_not_swallow_the_article():
    text = "He called it “unfair.\n\nThe vote is on Monday. Officials said it was “close”."
    # The unclosed “unfair. does not run on to the next mark: only “close” is a quotation.
    assert [text[m.start:m.end] for m in find_marked(text)] == ["close"]


def test_partial_quote_inside_reported_speech_is_one_mixed_quote(parse):
    text = "Finance Minister Maria Lopez vowed the country would “never default” on its debt."
    quotes, names = quotes_of(parse, text)
    (quote,) = quotes
    assert quote.text == "the country would “never default” on its debt"
    assert quote.partial and not quote.direct
    assert names[quote.speaker.entity] == "Maria Lopez"


def test_quoted_phrase_as_an_object_stays_a_partial_direct_quote(parse):
    text = "Finance Minister Maria Lopez called the new tax plan “a gift to the rich” on Monday."
    quotes, _ = quotes_of(parse, text)
    assert [q.text for q in quotes if q.direct and q.partial] == ["a gift to the rich"]


@pytest.mark.parametrize("text", [
    "The so-called “reform” was never passed by parliament.",
    "She starred in “The Long Night” last year.",
    "Critics dubbed the plan “Operation Sunrise” in the papers.",
])
def test_scare_quotes_and_titles_are_not_quotations(parse, text):
    quotes, _ = quotes_of(parse, text)
    assert not [q for q in quotes if q.direct]


def test_reported_speech_with_that_clause_and_addressee_and_date(parse):
    text = "A senior official told reporters on Thursday that the talks had collapsed."
    quotes, _ = quotes_of(parse, text)
    (quote,) = quotes
    assert not quote.direct
    assert quote.text == "the talks had collapsed"
    assert quote.addressee == "reporters"
    assert quote.date == "2024-05-09"
    assert quote.speaker.text == "A senior official"


def test_parenthetical_attribution_after_the_content(parse):
    text = "Some 300 families have left the valley, the United Nations said on Friday."
    quotes, names = quotes_of(parse, text)
    (quote,) = quotes
    assert quote.text == "Some 300 families have left the valley"
    assert names[quote.speaker.entity] == "United Nations"
    assert quote.date == "2024-05-10"


def test_according_to(parse):
    text = "According to the ministry, the dam was inspected in March."
    quotes, _ = quotes_of(parse, text)
    (quote,) = quotes
    assert quote.text == "the dam was inspected in March"
    assert quote.speaker.text == "the ministry"
    assert quote.cue.lemma == "according to"


def test_inverted_cue_after_the_quote(parse):
    text = "“The numbers do not add up,” said Helen Park, an economist at the bank."
    quotes, names = quotes_of(parse, text)
    (quote,) = quotes
    assert names.get(quote.speaker.entity) == "Helen Park" or quote.speaker.text.endswith("Park")


def test_signature_after_a_dash(parse):
    text = "“I will vote for the first time this year.” ― Maria Gomez\n"
    quotes, _ = quotes_of(parse, text)
    (quote,) = quotes
    assert quote.speaker.text.endswith("Gomez")


@pytest.mark.parametrize("text", ["", "   ", "<script>alert('“hi”')</script>",
                                  "Der Minister sagte: „Wir schaffen das.“"])
def test_odd_input_does_not_crash(parse, text):
    quotes, _ = quotes_of(parse, text)
    assert quotes == []


def test_participle_after_a_name_makes_that_name_the_speaker(parse):
    text = "The new advert shows footage of Senator Paul Grant saying, “We will win this state.”"
    quotes, _ = quotes_of(parse, text)
    direct = [q for q in quotes if q.direct]
    assert direct and direct[0].speaker.text.endswith("Grant")


def test_relative_pronoun_speaker_keeps_its_span_and_links_the_named_entity(parse):
    text = "Mayor John Miller, who said the bridge would reopen in May, left the meeting early."
    quotes, names = quotes_of(parse, text)
    (quote,) = quotes
    assert quote.speaker.text == "who"
    assert names[quote.speaker.entity] == "John Miller"


def test_transcript_line_is_attributed_to_its_label(parse):
    text = ("Partial transcript:\n\nHOST: What will you do about the rents?\n\n"
            "MILLER: We will cap them.")
    quotes, _ = quotes_of(parse, text)
    speakers = {q.text: q.speaker.text for q in quotes}
    assert speakers["We will cap them."] == "MILLER"
    assert speakers["What will you do about the rents?"] == "HOST"
