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


@pytest.mark.parametrize(("text", "content"), [
    ("The harbour board seems to be losing patience with the ferry company.",
     "The harbour board seems to be losing patience with the ferry company"),
    ("It appears that the night ferry will not run this winter.",
     "the night ferry will not run this winter"),
])
def test_an_impression_without_a_source_is_an_attribution_of_no_one(attributed, text,
                                                                      content):
    (quote,) = attributed(text).quotes
    assert quote.text == content and quote.speaker is None
    assert quote.cue.lemma in {"seem", "appear"}


def test_seeming_to_say_something_is_the_subject_s_speech(attributed):
    text = "The mayor seemed to suggest that the ferry would stop in March."
    (quote,) = attributed(text).quotes
    assert quote.speaker is not None and quote.speaker.text == "The mayor"


@pytest.mark.parametrize("text", [
    "Ferry strike ends\n\nHARBOURTOWN — Union leader Clara Moss said the strike was over.",
    "9:40 a.m.\n\nUnion leader Clara Moss said the strike was over.",
])
def test_a_speaker_phrase_never_runs_over_a_paragraph_break(attributed, text):
    (quote,) = attributed(text).quotes
    assert quote.speaker is not None and quote.speaker.text.endswith("Clara Moss")
    assert "\n" not in quote.speaker.text


def test_what_someone_wants_is_an_attribution(attributed):
    text = "Most dock workers want a shorter week and better pay."
    (quote,) = attributed(text).quotes
    assert quote.text == "a shorter week and better pay"
    assert quote.speaker.text == "Most dock workers"


@pytest.mark.parametrize(("text", "content"), [
    ("The dock workers are tired of the long night shifts.", "the long night shifts"),
    ("The fishermen were suspicious of the new quota rules.", "the new quota rules"),
])
def test_an_attitude_adjective_after_be_is_an_attribution(attributed, text, content):
    (quote,) = attributed(text).quotes
    assert quote.text == content and quote.speaker.text.startswith("The ")


def test_scoring_analyses_a_repeated_story_twice():
    from newsgraph.eval.quotes import predict, quote_settings

    text = "“We will reopen the ferry in May,” the harbour master said on Monday."
    records = [{"id": "a", "text": text, "quotes": []}, {"id": "b", "text": text, "quotes": []}]
    run = predict(records, quote_settings(), warm_up=False)
    assert [len(p["quotes"]) for p in run.predictions] == [1, 1]


@pytest.mark.parametrize(("text", "speaker"), [
    ("“Go home,” the mayor urged.", "the mayor"),
    ("“Why would we stop now?” Rosa Ibarra, the governor’s adviser on water, said.",
     "Rosa Ibarra"),
])
def test_issue_cases_inverted_cue_and_apposition_speaker(attributed, text, speaker):
    (quote,) = attributed(text).quotes
    assert quote.direct and quote.speaker.text == speaker


def test_issue_case_a_crash_signalling_something_is_no_quote(attributed):
    assert attributed("The price of copper crashed, signalling that the boom was over.")\
        .quotes == []
