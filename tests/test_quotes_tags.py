"""Speech tags the quote stage reads beyond its verb lists: a signature line under a quote,
an inverted tag whose speaker the parser takes for an object, and a speaker named as one of a
group. Fixture sentences of our own."""

from __future__ import annotations

import pytest


def speakers(article) -> dict[str, str | None]:
    return {q.text: (q.speaker.text if q.speaker else None) for q in article.quotes}


@pytest.mark.parametrize("signature", ["- Okafor.", "—Senator Ada Okafor, at a rally in Lagos."])
def test_a_dash_line_under_a_quote_signs_it(attributed, signature):
    text = ("The hearing ran late.\n\n“Every county deserves the same schools budget.”\n\n"
            f"{signature}\n\nOkafor has said so before.")
    article = attributed(text)
    quote = next(q for q in article.quotes if q.text.startswith("Every county"))
    assert quote.speaker is not None and quote.speaker.text.endswith("Okafor")


def test_a_list_item_under_a_quote_signs_nothing(attributed):
    text = ("The hearing ran late.\n\n“Every county deserves the same schools budget.”\n\n"
            "- Okafor won the vote in two counties.")
    article = attributed(text)
    quote = next(q for q in article.quotes if q.text.startswith("Every county"))
    assert quote.speaker is None or quote.speaker.text != "Okafor"


def test_an_inverted_tag_names_its_speaker_after_the_verb(attributed):
    article = attributed("The hall was full. “Nobody here will forget what this town did for us,” "
                         "exclaimed the coach's brother, a retired teacher.")
    (quote,) = article.quotes
    assert quote.cue.text == "exclaimed"
    assert quote.speaker is not None and quote.speaker.text.endswith("brother")


def test_one_of_a_group_speaks_for_itself(attributed):
    article = attributed("“The budget cannot pass in its current form this month,” said one of "
                         "the governor's advisers, who asked not to be named.")
    quote = next(q for q in article.quotes if q.text.startswith("The budget"))
    assert quote.speaker.text == "one of the governor's advisers"
    assert quote.speaker.entity is None


def test_a_message_released_by_someone_speaks_for_them(attributed):
    article = attributed("Senator Ruiz posted a message that read: “Our county deserves a fair "
                         "share of the road budget.”")
    quote = next(q for q in article.quotes if q.text.startswith("Our county"))
    assert quote.speaker.text == "Senator Ruiz"


def test_a_thing_nobody_is_said_to_have_released_keeps_its_relative_pronoun(attributed):
    article = attributed("The debate came after polls that showed the mayor trailing badly.")
    for quote in article.quotes:
        assert quote.speaker is None or quote.speaker.text != "the debate"


@pytest.mark.parametrize("text", [
    "Mayor Dana Whitfield sent a note to the state auditor asking the office to review the "
    "count.",
    "Dana Whitfield wrote to the governor asking him to call a special session.",
])
def test_a_letter_asks_in_its_writers_name_not_its_addressees(attributed, text):
    (quote,) = [q for q in attributed(text).quotes if q.cue and q.cue.text == "asking"]
    assert quote.speaker is not None and quote.speaker.text.endswith("Whitfield")


@pytest.mark.parametrize(("text", "speaker"), [
    ("Roughly seven in 10 told the pollsters that bus fares had risen too fast.",
     "Roughly seven in 10"),
    ("Nearly half answered that the new stadium was a waste of money.", "Nearly half"),
])
def test_a_polls_share_speaks_for_its_people(attributed, text, speaker):
    (quote,) = attributed(text).quotes
    assert quote.speaker is not None and quote.speaker.text == speaker


def test_what_was_said_never_speaks_for_itself(attributed):
    for quote in attributed("In 2015, 12 said they had left the party.").quotes:
        assert quote.speaker is None or quote.speaker.text != "they"


def test_a_participle_on_a_reported_clause_speaks_for_the_reporter(attributed):
    article = attributed("Kemal Aydin wrote that the stewards had ignored the warnings, adding, "
                         "“Every one of us on the terraces saw the crush coming.”")
    quote = next(q for q in article.quotes if q.text.startswith("Every one"))
    assert quote.speaker.text == "Kemal Aydin"
