"""Elections told in the words of rejection, support or a beating, and acts of police and
courts on people (issue 16, ninth pass). Every sentence is our own."""

from __future__ import annotations

import pytest

from tests.test_events import analyze, coded

__all__ = ["analyze"]


@pytest.mark.parametrize("text", [
    "Over the past thirty years voters have rejected ruling parties in landslides.",
    "Across the county, voters are rejecting sitting mayors one after another.",
    "Constituents backed the former mayor over the incumbent senator.",
])
def test_an_electorate_rejecting_or_backing_a_party_is_a_vote_not_an_event(analyze, text):
    events = analyze(text)
    assert not coded(events, "REJECT") and not coded(events, "SUPPORT")


def test_a_legislature_or_an_official_rejecting_still_rejects(analyze):
    (event,) = coded(analyze("Lawmakers rejected the governor's budget proposal on Thursday."),
                     "REJECT")
    assert event.actor is not None and event.actor.text == "Lawmakers"


@pytest.mark.parametrize("text", [
    "The mayor stands a good chance of beating Councillor Lopez in the party's primary.",
    "Marsh was beaten by Lopez in the autumn mayoral vote.",
    "Pollsters doubt that Ruiz could beat Hale in a primary with no third candidate.",
])
def test_beating_a_rival_in_a_contest_is_no_assault(analyze, text):
    assert not coded(analyze(text), "ASSAULT")


def test_a_beating_with_sticks_stays_an_assault(analyze):
    (event,) = coded(analyze("Rebels beat the village chief with sticks."), "ASSAULT")
    assert event.target is not None and "chief" in event.target.text


@pytest.mark.parametrize(("text", "event_type", "target_word"), [
    ("A judge sentenced the former senator to six years in prison.", "SANCTION", "senator"),
    ("The court convicted the former minister of fraud on Tuesday.", "SANCTION", "minister"),
    ("The officers handcuffed the activist outside the station.", "COERCE", "activist"),
    ("Prosecutors dropped the charges against the two journalists.", "CONCEDE", "journalists"),
    ("The state supreme court barred the former governor from the ballot.", "COERCE",
     "governor"),
])
def test_acts_of_police_and_courts_on_people_are_coded(analyze, text, event_type, target_word):
    (event,) = coded(analyze(text), event_type)
    assert event.target is not None and target_word in event.target.text


def test_a_charge_laid_on_a_pronoun_in_a_participle_clause_is_an_accusation(analyze):
    events = analyze("Officers detained the shop's manager, charging him with theft.")
    (charge,) = coded(events, "ACCUSE")
    assert charge.actor is not None and charge.actor.text == "Officers"


def test_a_sentence_of_a_text_and_a_dropped_topic_are_no_court_acts(analyze):
    events = analyze("The editor dropped the last sentence of the column.")
    assert not coded(events, "SANCTION") and not coded(events, "CONCEDE")


def test_sentencing_as_a_topic_and_a_protester_binding_herself_are_no_court_acts(analyze):
    events = analyze("Lawmakers are debating sentencing this spring. In 2019 a nurse "
                     "handcuffed herself to the railings of the clinic.")
    assert not coded(events, "SANCTION") and not coded(events, "COERCE")


@pytest.mark.parametrize(("text", "actor_word"), [
    ("A lawsuit filed by three senators accuses the agency of overstepping its powers.",
     "senators"),
    ("The lawsuit, filed by the teachers' union, alleges that the ministry hid the files.",
     "union"),
    ("The watchdog's report accuses the governor of misusing state funds.", "watchdog"),
])
def test_a_paper_speaks_for_whoever_filed_or_wrote_it(analyze, text, actor_word):
    (event,) = [e for e in coded(analyze(text), "ACCUSE") if e.trigger.text != "lawsuit"]
    assert event.actor is not None and actor_word in event.actor.text


def test_a_paper_with_no_one_named_is_no_speaker(analyze):
    assert not coded(analyze("The complaint alleges that the mayor took bribes."), "ACCUSE")


@pytest.mark.parametrize(("text", "actor_word"), [
    ("The senator brushed off the committee's findings on Tuesday.", "senator"),
    ("The premier shrugged off the opposition's complaints about the budget.", "premier"),
])
def test_brushing_off_and_shrugging_off_are_refusals(analyze, text, actor_word):
    (event,) = coded(analyze(text), "REJECT")
    assert event.actor is not None and actor_word in event.actor.text


def test_markets_shrugging_off_news_refuse_no_one(analyze):
    assert not coded(analyze("Stocks shrugged off the jobs report on Friday."), "REJECT")


@pytest.mark.parametrize(("text", "target_word"), [
    ("Police released the two students without charge.", "students"),
    ("Authorities released Maria Ortiz after two weeks in custody.", "Ortiz"),
    ("The reporter was released from custody on Friday.", "reporter"),
])
def test_people_let_go_by_those_who_held_them_are_released(analyze, text, target_word):
    (event,) = coded(analyze(text), "RETREAT")
    assert event.target is not None and target_word in event.target.text


@pytest.mark.parametrize("text", [
    "Maria Ortiz was released from the hospital on Friday.",
    "The ministry released the report on Friday.",
])
def test_a_patient_sent_home_or_a_report_published_is_no_release(analyze, text):
    assert not coded(analyze(text), "RETREAT")


def test_one_of_two_outcomes_a_speaker_foresees_is_no_promise(analyze):
    events = analyze("The defence spoke on Monday. Its view is that prosecutors must drop "
                     "the fraud count or see the case heard by a jury.")
    assert not coded(events, "AGREE")


def test_a_promise_announced_by_its_own_actor_stays_an_agreement(analyze):
    assert coded(analyze("The rebels said they will free the hostages on Friday."), "AGREE")


@pytest.mark.parametrize("text", [
    "Deputies were trying to execute an eviction warrant when the gunfire started.",
    "The agency failed to execute its plan to modernise the port.",
])
def test_a_warrant_or_a_plan_executed_is_carried_out_not_an_assault(analyze, text):
    assert not coded(analyze(text), "ASSAULT")


def test_prisoners_executed_stay_an_assault(analyze):
    (event,) = coded(analyze("The rebels executed three captured soldiers on Sunday."),
                     "ASSAULT")
    assert event.target is not None and "soldiers" in event.target.text


def test_an_accident_looked_into_accuses_no_one_but_an_official_does_get_accused(analyze):
    assert not coded(analyze("Police are investigating the crash that killed two cyclists."),
                     "ACCUSE")
    (probe,) = coded(analyze("Police are investigating the mayor over the missing funds."),
                     "ACCUSE")
    assert probe.target is not None and probe.target.text == "mayor"


def test_one_person_agreeing_with_another_now_is_a_view(analyze):
    events = analyze('"I agree with her on taxes," said Ruth Miller, a retired teacher.')
    assert not coded(events, "AGREE")
