"""General constructions found in a second hand audit of unseen news (issue 16): each test
uses sentences of its own, on other topics than the audited articles."""

from __future__ import annotations

import pytest

from tests.test_events import analyze, coded, shown

__all__ = ["analyze"]


def test_a_passive_clause_after_a_controlled_verb_is_about_its_subject(analyze):
    events = analyze("The harbour master has refused to step down after being blamed by "
                     "port auditors for the missing funds.")
    accused = coded(events, "ACCUSE")
    assert accused and accused[0].target is not None, shown(events)
    assert accused[0].target.text.endswith("harbour master"), shown(events)


def test_an_asked_party_is_not_guessed_as_the_one_accused(analyze):
    events = analyze("The union urged the director to quit after being blamed by inspectors "
                     "for hidden losses.")
    accused = coded(events, "ACCUSE")
    assert accused and (accused[0].target is None
                        or accused[0].target.text != "union"), shown(events)


@pytest.mark.parametrize("text", [
    "Portugal's fisheries minister conceded that the quota talks had stalled.",
    "The quota would not pass before the vote, the fisheries minister conceded.",
])
def test_conceding_a_clause_is_an_admission_not_a_concession(analyze, text):
    assert not coded(analyze(text), "CONCEDE")


def test_conceding_defeat_stays_a_concession(analyze):
    assert coded(analyze("The rebels conceded defeat on Sunday."), "CONCEDE")


def test_beating_a_rival_to_something_is_a_race_not_an_assault(analyze):
    events = analyze("Ruritanian engineers raced to beat Freedonia to the first working "
                     "tidal turbine.")
    assert not coded(events, "ASSAULT"), shown(events)


def test_beaten_to_death_stays_an_assault(analyze):
    assert coded(analyze("Guards beat the prisoner to death in the yard."), "ASSAULT")


@pytest.mark.parametrize(("text", "event_type", "owner"), [
    ("The regime confiscated two warehouses belonging to exiled journalists.", "COERCE",
     "journalists"),
    ("Customs officers seized shares owned by the Ruritanian state.", "COERCE", "state"),
    ("The plan from the mayor was criticized by teachers.", "ACCUSE", "mayor"),
])
def test_a_thing_seized_or_criticised_stands_for_its_owner(analyze, text, event_type, owner):
    events = analyze(text)
    found = coded(events, event_type)
    assert found and found[0].target is not None, shown(events)
    assert found[0].target.text.endswith(owner), shown(events)


@pytest.mark.parametrize(("text", "target"), [
    ("The council imposed an embargo on spare parts.", None),
    ("The union imposed sanctions on Ruritanian oil.", "Ruritanian"),
    ("The assembly slapped fresh sanctions on three retired generals.", "generals"),
])
def test_goods_under_a_sanction_are_no_party(analyze, text, target):
    events = analyze(text)
    found = coded(events, "SANCTION")
    assert found, shown(events)
    assert (found[0].target and found[0].target.text.split()[-1]) == target, shown(events)


def test_a_relative_pronoun_undergoing_a_passive_is_the_noun_it_stands_for(analyze):
    events = analyze("Former banker Ivo Marek, who was jailed over his dispute with the "
                     "governor, told reporters the courts were biased.")
    jailed = coded(events, "COERCE")
    assert jailed and jailed[0].target is not None, shown(events)
    assert jailed[0].target.text.endswith("Ivo Marek"), shown(events)


def test_an_inquiry_object_of_a_verb_takes_the_verbs_into_phrase(analyze):
    events = analyze("Senate Democrats formalized their inquiry into Governor Ellis on Monday.")
    probe = coded(events, "ACCUSE")
    assert probe and probe[0].target is not None, shown(events)
    assert probe[0].target.text.endswith("Ellis"), shown(events)


def test_a_decree_acts_for_whoever_issued_it(analyze):
    events = analyze("The junta issued a decree banning the opposition party.")
    banned = coded(events, "COERCE")
    assert banned and banned[0].actor is not None, shown(events)
    assert banned[0].actor.text.endswith("junta"), shown(events)


@pytest.mark.parametrize(("text", "maker", "receiver"), [
    ("The premier faced stiff pushback from fishermen angry about the quota.",
     "fishermen", "premier"),
    ("The premier's quota plan drew a fierce backlash from coastal mayors.", "mayors",
     "premier"),
])
def test_pushback_received_from_a_party_is_its_disapproval(analyze, text, maker, receiver):
    events = analyze(text)
    found = coded(events, "ACCUSE")
    assert found and found[0].actor and found[0].target, shown(events)
    assert found[0].actor.text.endswith(maker), shown(events)
    assert found[0].target.text.endswith(receiver), shown(events)


@pytest.mark.parametrize("text", [
    "The levy is likely to face a strong backlash ahead of the budget.",
    "A backlash against migrants has grown in the north.",
])
def test_a_backlash_no_one_voices_is_no_row(analyze, text):
    assert not coded(analyze(text), "ACCUSE")


def test_a_backlash_from_something_that_cannot_speak_is_no_statement(analyze):
    events = analyze("The senator's record drew a backlash from controversies over her emails.")
    assert not coded(events, "ACCUSE"), shown(events)
