"""Reported speech and typewriter quotation marks: attributions beyond curly and straight
double marks. Fixture sentences of our own."""

from __future__ import annotations

import pytest

from newsgraph.stages.quote_marks import find_marked


def test_two_apostrophes_pair_as_one_double_mark():
    text = "He said, ''We will not wait,'' and left. ''Next,'' she added."
    spans = [text[m.start:m.end] for m in find_marked(text)]
    assert spans == ["We will not wait,", "Next,"]
    assert all((m.left, m.right) == (2, 2) for m in find_marked(text))


def test_two_apostrophes_run_over_paragraphs():
    text = "''The first part.\n\n''The second part,'' she said."
    (marked,) = find_marked(text)
    assert len(marked.pieces) == 2
    assert text[marked.pieces[-1][0]:marked.pieces[-1][1]] == "The second part,"


def test_a_single_mark_closing_inside_two_apostrophes():
    text = "She asked, ''Who said 'never?''' and smiled."
    (marked,) = find_marked(text)
    assert text[marked.start:marked.end] == "Who said 'never?'"


def test_quote_in_two_apostrophes_gets_its_speaker(attributed):
    text = "''The budget is a disaster for working families,'' Senator Mara Quill said."
    article = attributed(text)
    (quote,) = article.quotes
    assert quote.text.startswith("The budget is a disaster")
    assert quote.speaker is not None and quote.speaker.text.endswith("Quill")


def reported(article):
    return {q.text: (q.speaker.text if q.speaker else None) for q in article.quotes
            if not q.direct}


def test_object_of_a_stance_verb_is_attributed_to_its_subject(attributed):
    text = "Senator Mara Quill criticized the new budget for schools on Tuesday."
    found = reported(attributed(text))
    assert any(quote.startswith("the new budget") and speaker.endswith("Quill")
               for quote, speaker in found.items())


def test_object_with_its_predicate_is_one_attribution(attributed):
    text = "The governor called the charges against his aide baseless."
    found = reported(attributed(text))
    assert any(quote.startswith("the charges") and quote.endswith("baseless")
               for quote in found)


def test_object_of_a_thing_that_cannot_speak_is_no_attribution(attributed):
    text = "The decline in prices called the whole strategy into question."
    assert not reported(attributed(text))


def test_object_inside_unpaired_quotation_marks_is_no_attribution(attributed):
    text = "”Sadly, many voters will still support the plan with all its flaws."
    assert not reported(attributed(text))


def test_quoted_label_is_not_repeated_as_an_object_attribution(attributed):
    text = "The mayor described the new stadium as “a monument to waste.”"
    quotes = attributed(text).quotes
    assert not any(q.text.startswith("the new stadium") for q in quotes)


def test_object_of_a_cue_preposition_is_attributed(attributed):
    text = "Senator Mara Quill called for an independent inquiry into the contracts."
    found = reported(attributed(text))
    assert any(quote.startswith("an independent inquiry") and speaker.endswith("Quill")
               for quote, speaker in found.items())


def test_preposition_outside_the_cue_pairs_is_no_attribution(attributed):
    text = "Senator Mara Quill walked for an hour along the river."
    assert not reported(attributed(text))


def test_closing_mark_at_a_paragraph_start_opens_a_quote():
    text = "Readers wrote in.\n\n”We are tired of the noise. Fix the roads.” ― Jane Roe.\n"
    (marked,) = find_marked(text)
    assert text[marked.start:marked.end] == "We are tired of the noise. Fix the roads."


def test_closing_mark_inside_a_paragraph_still_only_closes():
    text = "He said it was ”fine” and left."
    assert find_marked(text) == []


def test_headline_gives_its_claim_to_the_person_before_the_colon(attributed):
    text = ("Maria Lindqvist on Housing: Rents Will Keep Rising\n\n"
            "The economist Maria Lindqvist spoke in Uppsala on Monday.")
    found = reported(attributed(text))
    assert found.get("Rents Will Keep Rising", "").endswith("Lindqvist")


def test_headline_label_that_cannot_speak_gives_no_claim(attributed):
    text = "Update: Roads Closed After Storm\n\nThe roads reopened on Monday."
    assert not reported(attributed(text))


def test_object_of_a_gerund_subject_is_no_speaker(attributed):
    text = ("The guide has advice for shop owners.\n\nSaying things such as ‘tested by hand’ "
            "on a label will earn a lot of trust, especially for small brands.")
    assert not attributed(text).quotes


def test_participle_after_its_subject_still_reports(attributed):
    (quote,) = attributed("The mayor left the hall early, saying she was tired of the "
                          "debate.").quotes
    assert quote.speaker is not None and quote.speaker.text == "The mayor"


def test_participle_clause_before_its_subject_still_reports(attributed):
    quotes = attributed("Citing an old rumour, Okafor repeatedly attacked his rival in the "
                        "debate.").quotes
    assert any(q.speaker is not None and q.speaker.text == "Okafor" and
               q.cue.text == "Citing" for q in quotes)


@pytest.mark.parametrize("text", [
    "The charges relate to a string of nights which saw shop windows smashed and cars "
    "burned.",
    "The storms that saw rivers burst their banks last winter are back.",
])
def test_perception_verb_with_a_small_clause_reports_nothing(attributed, text):
    assert not attributed(text).quotes


def test_perception_verb_with_a_that_clause_still_reports(attributed):
    (quote,) = attributed("Okafor saw that the bridge was closed to buses.").quotes
    assert quote.speaker is not None and quote.speaker.text == "Okafor"


def test_gerund_subject_opening_a_sentence_borrows_no_speaker(attributed):
    text = ("The council will publish its spending data every month, Okafor said. Seeing how "
            "the money is spent is the first step toward trust.")
    assert [q.cue.text for q in attributed(text).quotes] == ["said"]


def test_opening_participle_before_a_quote_borrows_the_last_speaker(attributed):
    text = ("The council will publish its spending data every month, Okafor said. Adding, "
            "“We owe it to the taxpayers.”")
    direct = [q for q in attributed(text).quotes if q.direct]
    assert direct and direct[0].speaker is not None and direct[0].speaker.text == "Okafor"

