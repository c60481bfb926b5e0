"""Issue 17: every direct quote with a cue gets its speaker; headlines, non-speech verbs
and non-person labels are not attributions. Fixture sentences of our own."""

from __future__ import annotations

import pytest


def speakers(article) -> dict[str, str | None]:
    return {q.text: (q.speaker.text if q.speaker else None) for q in article.quotes}


def test_inverted_cue_outside_the_speech_verbs_names_its_subject(attributed):
    article = attributed("“Go vote early,” Harris implored. The crowd cheered.")
    (quote,) = article.quotes
    assert quote.direct and quote.speaker.text == "Harris"
    assert quote.cue.text == "implored"


def test_speaker_with_an_apposition_in_the_next_sentence(attributed):
    text = ("“Why would we wait?” Maria T. Alvarez, the mayor’s adviser on housing, said. "
            "“The time is now.”")
    article = attributed(text)
    assert article.quotes, "the question before the speech tag is a quote"
    first = article.quotes[0]
    assert first.text.startswith("Why would we wait?")
    assert first.speaker.text == "Maria T. Alvarez"


def test_first_person_named_between_quote_and_cue_is_the_speaker(attributed):
    text = ("“It was a fair fight,” Jonas Berg, who finished second after winning the "
            "Bavarian primaries, said on Tuesday.")
    (quote,) = attributed(text).quotes
    assert quote.speaker.text.endswith("Berg")


def test_headline_above_the_story_is_not_what_the_speaker_said(attributed):
    text = ("Leeds closes libraries\n\n"
            "Anna Smith, a councillor, said on Monday that the plan was final.")
    article = attributed(text)
    assert all("libraries" not in q.text for q in article.quotes)


@pytest.mark.parametrize("text", [
    "The cost of borrowing jumped, signalling that lenders were worried.",
    "The price of grain rose sharply, suggesting that the harvest had failed.",
])
def test_participle_after_a_thing_is_not_an_attribution(text, attributed):
    assert attributed(text).quotes == []


def test_participle_after_a_person_is_still_an_attribution(attributed):
    text = "Olga Petrova left the meeting early, saying that the vote was rigged."
    (quote,) = attributed(text).quotes
    assert quote.speaker.text == "Olga Petrova"


def test_transcript_label_must_be_a_person(attributed):
    text = ("Dana Whitfield interviewed the senator.\n\n"
            "WHITFIELD: Will you run again next year?\n\n"
            "PRICES: Bread went up by ten percent in a month.")
    quotes = attributed(text).quotes
    labels = {q.speaker.text for q in quotes if q.speaker}
    assert "WHITFIELD" in labels
    assert not any("Bread" in q.text for q in quotes)


def test_quote_of_only_punctuation_and_digits_does_not_crash(attributed):
    article = attributed("He wrote “1, 2 — 3” on the board, she said.")
    assert all(q.text.strip() for q in article.quotes)


def test_speaker_phrase_never_starts_at_a_paragraph_break(attributed):
    text = ("“We are done here,” Clara Moss said.\n\n"
            "“And that is final.”\n\n"
            "Moss, who has led the union since 2019, said the strike would end.")
    for quote in attributed(text).quotes:
        if quote.speaker:
            assert not quote.speaker.text[:1].isspace()


def test_inverted_cue_before_a_description_names_the_described(attributed):
    text = "“She has always been a fighter,” said the 52-year-old. “Now she will win.”"
    quote = attributed(text).quotes[0]
    assert quote.speaker.text == "the 52-year-old"


def test_colon_lead_in_with_a_verb_outside_the_speech_verbs(attributed):
    text = ("When the senator died, Governor Ruth Adler released the following statement:\n\n"
            "“Our state has lost a tireless servant, and I have lost a friend.”\n\n"
            "He noted that the flags would fly at half-staff.")
    quote = next(q for q in attributed(text).quotes if q.direct)
    assert quote.speaker.text.endswith("Adler")
    assert quote.cue.text == "released"


def test_lead_in_clause_before_the_colon_gives_the_speaker(attributed):
    text = ("He kept teasing me about the old house, and I shrugged. In the end I gave up: "
            "“Fine, the place is haunted, are you happy now?”")
    quote = next(q for q in attributed(text).quotes if q.direct)
    assert quote.speaker.text == "I"


def test_speaking_thing_links_the_entity_behind_it(attributed):
    text = "A statement from the Pentagon said the strike had hit its target."
    article = attributed(text)
    (quote,) = article.quotes
    names = {e.id: e.name for e in article.entities}
    assert quote.speaker.text == "A statement"
    assert names[quote.speaker.entity] == "Pentagon"


def test_the_senator_speaks_as_the_named_senator(attributed):
    text = ("Sen. Lena Ortiz (D-Ore.) spoke on Monday.\n\n"
            "“We will not back down,” the senator said.")
    article = attributed(text)
    names = {e.id: e.name for e in article.entities}
    (quote,) = article.quotes
    assert names[quote.speaker.entity] == "Lena Ortiz"


def test_agent_of_a_passive_speech_verb_is_the_speaker(attributed):
    text = ("Mayor Tom Reid was asked by host Ann Lee, “Will you raise the fares next year?” "
            "He did not answer.")
    quote = next(q for q in attributed(text).quotes if q.direct)
    assert quote.speaker.text.endswith("Lee")


def test_quote_hangs_on_its_own_verb_not_on_an_earlier_speech_verb(attributed):
    text = ("After the governor criticized her budget during the debate, Marta shot back, "
            "“I balanced six budgets and I will balance this one.”")
    quote = next(q for q in attributed(text).quotes if q.direct)
    assert quote.speaker.text == "Marta"


@pytest.mark.parametrize(("text", "claim", "speaker"), [
    ("Okafor: Budget Talks Have Stalled.\n\nMayor Grace Okafor said on Friday that the "
     "talks with the unions had stalled.", "Budget Talks Have Stalled.", "Okafor"),
    ("Mayor Okafor to Unions: We Will Not Raise Fares.\n\nMayor Grace Okafor spoke on Friday.",
     "We Will Not Raise Fares.", "Mayor Okafor"),
])
def test_headline_claim_by_a_surname_or_to_an_audience(attributed, text, claim, speaker):
    article = attributed(text)
    found = {q.text: q.speaker.text if q.speaker else None for q in article.quotes}
    assert found.get(claim) == speaker
