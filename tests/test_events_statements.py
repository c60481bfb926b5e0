"""Statements as events (issue 16): praise, criticism, dismissals and denials carried by
speech verbs, with the speaker as actor and whom it is about as target. Sentences written
for these tests."""

from __future__ import annotations

import pytest

from tests.test_events import analyze, happened, one

__all__ = ["analyze"]


@pytest.mark.parametrize(("text", "kind", "actor", "target"), [
    ("The mayor has long admired the Danish prime minister as a tough negotiator.",
     "SUPPORT", "mayor", "prime minister"),
    ("Local business leaders honored the mayor on Tuesday for his work.",
     "SUPPORT", "leaders", "mayor"),
    ("The senator mocked the governor at a rally in Dayton.", "ACCUSE", "senator", "governor"),
    ("The minister dismissed the opposition leader as a lightweight.",
     "ACCUSE", "minister", "leader"),
    ("The ministry denied the allegations in a statement on Monday.",
     "REJECT", "ministry", None),
    ("The militia dismissed a plea from the governor to hand over its weapons.",
     "REJECT", "militia", "governor"),
])
def test_statement_verbs_code_the_speaker_and_whom_it_is_about(analyze, text, kind, actor,
                                                               target):
    event = one(analyze(text), kind)
    assert event.actor is not None and actor in event.actor.text
    if target is not None:
        assert event.target is not None and target in event.target.text


@pytest.mark.parametrize("text", [
    "The board dismissed the manager after the audit.",  # fired, not belittled
    "The court dismissed the case on Friday.",
    "The embassy denied him a visa in March.",
])
def test_dismissing_or_denying_no_claim_is_no_statement(analyze, text):
    assert not [e for e in happened(analyze(text)) if e.type in {"REJECT", "ACCUSE"}]


def test_an_attack_made_while_saying_something_is_an_accusation(analyze):
    events = analyze("The newspaper endorsed the mayor. Meanwhile, it attacked the governor, "
                     "saying he had insulted voters.")
    assert one(events, "ACCUSE").target.text == "governor"
    assert not [e for e in events if e.type == "ASSAULT"]


def test_armed_attackers_who_say_why_still_assault(analyze):
    events = analyze("Rebels attacked the town on Sunday, saying it sheltered soldiers.")
    assert one(events, "ASSAULT").actor.text == "Rebels"


@pytest.mark.parametrize(("text", "kind", "actor", "target"), [
    ("Before the vote, the local paper gave the mayor a warm endorsement.",
     "SUPPORT", "paper", "mayor"),
    ("The union voiced strong support for the mayor.", "SUPPORT", "union", "mayor"),
    ("Older farmers have expressed misgivings about Minister Hale because of her record on "
     "water.", "ACCUSE", "farmers", "Hale"),
])
def test_a_stance_voiced_about_someone_is_a_statement(analyze, text, kind, actor, target):
    event = one(analyze(text), kind)
    assert actor in event.actor.text and target in event.target.text


def test_support_nobody_voiced_is_no_event(analyze):
    assert analyze("The plan has broad support among voters.") == []


@pytest.mark.parametrize(("text", "kind", "actor", "target"), [
    ("The senator blasted the mayor for skipping the flood hearings.",
     "ACCUSE", "senator", "mayor"),
    ("State prosecutors charged three bankers with cheating their clients.",
     "ACCUSE", "prosecutors", "bankers"),
    ("The mayor campaigned for Rosa Jones in the farm towns.",
     "SUPPORT", "mayor", "Jones"),
])
def test_statements_told_by_a_frame(analyze, text, kind, actor, target):
    event = one(analyze(text), kind)
    assert actor in event.actor.text and target in event.target.text


def test_frames_of_force_and_prices_are_no_statements(analyze):
    assert analyze("The company charged customers with a new fee.") == []
    assert one(analyze("Rebels blasted the checkpoint for hours."), "ASSAULT")


@pytest.mark.parametrize(("text", "kind", "target"), [
    ("The governor described the senator as a disgrace on Wednesday.", "ACCUSE", "senator"),
    ("The senator called the governor a liar.", "ACCUSE", "governor"),
    ("She called the mayor a great leader.", "SUPPORT", "mayor"),
])
def test_naming_someone_as_something_praises_or_blames(analyze, text, kind, target):
    assert one(analyze(text), kind).target.text == target


@pytest.mark.parametrize("text", [
    "They called the meeting a formality.",  # nothing rated
    "He called the plan a disaster.",  # a plan is no party
    "A notorious leaflet described the strikers as vandals.",  # no speaker
])
def test_naming_without_a_party_a_speaker_or_a_rating_is_no_statement(analyze, text):
    assert analyze(text) == []
