"""Reported clauses that hold quoted words, and clauses the parser hangs on the wrong
cue. Fixture sentences of our own."""

from __future__ import annotations

import pytest


def reported(article) -> dict[str, str | None]:
    return {q.text: (q.speaker.text if q.speaker else None) for q in article.quotes
            if not q.direct}


def test_a_mixed_quote_is_one_attribution_of_the_clause(attributed):
    text = ("The mayor said on Monday that the new plan would “cut waiting times in half” "
            "for most families in the city.")
    article = attributed(text)
    assert not [q for q in article.quotes if q.direct]
    (quote,) = article.quotes
    assert quote.text.startswith("the new plan would “cut waiting")
    assert quote.text.endswith("families in the city")
    assert quote.speaker is not None and quote.speaker.text == "The mayor"
    assert quote.partial and not quote.direct


def test_a_quoted_clause_stays_a_direct_quote(attributed):
    text = "The mayor said, “The new plan will cut waiting times in half.”"
    (quote,) = attributed(text).quotes
    assert quote.direct and quote.speaker is not None and quote.speaker.text == "The mayor"


def test_the_reported_clause_is_the_one_in_the_cue_paragraph(attributed):
    # The parser hangs the quotation ending the paragraph before on "said" as well.
    text = ("“And that is why a steady hand matters.”\n\n"
            "Dana Reyes, who has led the union for years, has said the strike would go on.")
    found = reported(attributed(text))
    assert found.get("the strike would go on") == "Dana Reyes"


def test_reported_speech_inside_a_report_is_part_of_it(attributed):
    text = "The spokeswoman said they had promised to resign by the end of June."
    assert reported(attributed(text)) == {
        "they had promised to resign by the end of June": "The spokeswoman"}


@pytest.mark.parametrize(("text", "content"), [
    ("The mayor was asked whether the budget would pass before the summer.",
     "the budget would pass before the summer"),
    ("It was revealed on Monday that the firm had lost most of its savings.",
     "the firm had lost most of its savings"),
])
def test_the_subject_of_a_passive_cue_is_not_its_speaker(attributed, text, content):
    found = reported(attributed(text))
    assert content in found and found[content] is None


def test_the_writer_inviting_the_reader_is_no_attribution(attributed):
    text = "Let's say the rent goes up by ten percent next year."
    assert not reported(attributed(text))


def test_marks_around_a_term_inside_the_speaker_phrase_quote_no_one(attributed):
    text = ("Hail fell across the plains, but only a few weak “dust-devil” tornadoes were "
            "observed in the east.")
    assert not attributed(text).quotes


def test_a_quoted_term_after_its_speaker_is_still_quoted(attributed):
    text = "The senator called the bill “a giveaway” on Tuesday."
    quotes = attributed(text).quotes
    assert quotes and all(q.speaker is not None and q.speaker.text == "The senator"
                          for q in quotes)
