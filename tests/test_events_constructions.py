"""General constructions of event language (issue 16, fifth pass): phrasal verbs, light
verbs with an event noun, control verbs, defences against criticism, possessives resolved to
their owner. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.test_events import analyze, happened, one, types

__all__ = ["analyze"]


def target_of(events, event_type: str) -> str | None:
    event = one(events, event_type)
    return None if event.target is None else event.target.text


def actor_of(events, event_type: str) -> str | None:
    event = one(events, event_type)
    return None if event.actor is None else event.actor.text


@pytest.mark.parametrize(("text", "expected"), [
    ("The ministry turned down the union's proposal for a shorter week.", "REJECT"),
    ("The guerrillas ruled out negotiations with the junta.", "REJECT"),
    ("Ruritania broke off diplomatic relations with Freedonia.", "SANCTION"),
    ("The opposition senator hit out at the governor over the school closures.", "ACCUSE"),
    ("Several bishops spoke out against the new detention law.", "ACCUSE"),
    ("About two hundred militiamen laid down their weapons on Sunday.", "RETREAT"),
    ("The junta shut down three independent newspapers.", "COERCE"),
    ("The kidnappers set free the two engineers on Monday.", "RETREAT"),
])
def test_phrasal_verbs_code_their_event(analyze, text, expected):
    assert expected in types(analyze(text))


@pytest.mark.parametrize("text", [
    "She turned down the music after midnight.",
    "The coroner ruled out any foul play in the death.",
    "The bakery shut down two of its ovens.",
])
def test_phrasal_verbs_with_everyday_objects_code_nothing(analyze, text):
    assert not happened(analyze(text))


def test_a_meeting_ruled_out_is_aimed_at_whom_it_would_be_with(analyze):
    events = analyze("The guerrillas ruled out negotiations with the junta.")
    assert target_of(events, "REJECT") == "junta"


def test_protesters_who_turn_out_still_protest(analyze):
    assert "PROTEST" in types(analyze("Angry protesters turned out in Valdera on Sunday."))


def test_a_light_verb_gives_a_visit_its_visitor(analyze):
    events = analyze("The Freedonian premier paid a visit to Ruritania last week.")
    assert actor_of(events, "CONSULT") == "Freedonian premier"
    assert target_of(events, "CONSULT") == "Ruritania"


def test_an_appeal_that_is_made_is_a_request_by_who_made_it(analyze):
    events = analyze("The governor made an appeal to neighbouring states for more doctors.")
    assert actor_of(events, "REQUEST") == "governor"


def test_a_warning_issued_to_a_party_is_a_threat(analyze):
    events = analyze("The defence minister issued a warning to Ruritania on Tuesday.")
    assert target_of(events, "THREATEN") == "Ruritania"


def test_a_warning_about_the_weather_is_no_threat(analyze):
    events = analyze("The coast guard issued a warning about high waves.")
    assert "THREATEN" not in types(events)
