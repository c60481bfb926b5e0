"""Precision on news nobody tuned for (issue 16, seventh pass): general cues of who acts
and what is asserted. Every sentence is our own."""

from __future__ import annotations

from tests.test_events import analyze, happened, shown

__all__ = ["analyze"]


def test_a_town_named_before_an_act_is_where_not_who(analyze):
    events = happened(analyze("The Denver rally against the new rail fares drew two thousand "
                              "commuters on Saturday."))
    (rally,) = [e for e in events if e.type == "PROTEST"]
    assert rally.actor is None, shown(events)


def test_a_capital_or_a_people_named_before_an_act_still_acts(analyze):
    events = happened(analyze("Tehran talks between the two envoys ended on Saturday."))
    assert [e.actor.text for e in events if e.type == "CONSULT" and e.actor] == ["Tehran"], \
        shown(events)
    events = happened(analyze("French airstrikes hit the rebel camp near the border."))
    assert [e.actor.text for e in events if e.type == "ASSAULT" and e.actor] == ["French"], \
        shown(events)


def test_a_sum_or_a_measure_is_never_whom_an_act_is_aimed_at(analyze):
    for text, kind in (("The Alvarez family donated $2 million on Monday.", "AID"),
                       ("Customs officers in Lagos seized 300 kilograms on Monday.", "COERCE")):
        events = happened(analyze(text))
        (event,) = [e for e in events if e.type == kind]
        assert event.actor is not None and event.target is None, shown(events)


def test_an_unresolved_you_is_no_party():
    import spacy

    from newsgraph.stages.events.coder import no_party
    from newsgraph.stages.events.mentions import Argument

    nlp = spacy.blank("en")
    doc = nlp("She urged you to leave.")
    hearer = doc[2]
    assert no_party(hearer, Argument("you", hearer.idx, hearer.idx + 3, "you"))
    assert not no_party(hearer, Argument("you", hearer.idx, hearer.idx + 3, "you", "e1"))


def test_people_counted_are_still_the_target(analyze):
    events = happened(analyze("Gunmen killed dozens of villagers near the river on Sunday."))
    (attack,) = [e for e in events if e.type == "ASSAULT"]
    assert attack.target is not None and "villagers" in attack.target.text, shown(events)


def test_a_kind_of_happening_talked_about_or_given_as_a_cause_is_no_row(analyze):
    for text in ("The mayor has spoken often about police beatings and officers being hurt.",
                 "Okafor blamed police beatings on poor training.",
                 "The anger grew as a result of army raids."):
        events = happened(analyze(text))
        assert not [e for e in events if e.type in {"ASSAULT", "COERCE"}], shown(events)


def test_a_kind_said_to_be_common_or_rare_is_no_row(analyze):
    events = happened(analyze("Attacks on reporters have become common in the region."))
    assert not [e for e in events if e.type == "ASSAULT"], shown(events)


def test_happenings_with_a_named_party_stay_rows(analyze):
    for text in ("The anger grew as a result of Ruritanian raids on the villages last week.",
                 "Army raids on the villages resumed on Monday."):
        events = happened(analyze(text))
        assert [e for e in events if e.type == "COERCE"], shown(events)


def test_people_named_by_where_they_are_from_are_the_target_not_the_place(analyze):
    for text in ("Prosecutors charged two Ohio bankers with fraud on Monday.",
                 "The senator criticized Ohio bankers on Monday."):
        events = happened(analyze(text))
        (accused,) = [e for e in events if e.type == "ACCUSE"]
        assert accused.target is not None and "bankers" in accused.target.text, shown(events)


def test_a_named_party_behind_a_thing_is_still_the_target(analyze):
    events = happened(analyze("The council rejected the Freedonian proposal on Monday."))
    (rejection,) = [e for e in events if e.type == "REJECT"]
    assert rejection.target is not None and rejection.target.text == "Freedonian", \
        shown(events)


def test_a_stance_in_a_present_relative_clause_describes_someone(analyze):
    events = happened(analyze("The union leader, who opposes the merger, spoke to the board "
                              "on Monday."))
    assert not [e for e in events if e.type == "REJECT"], shown(events)


def test_a_stance_taken_is_still_a_statement(analyze):
    for text in ("The union leader opposed the merger on Monday.",
                 "The union leader, who on Monday opposed the merger, spoke to the board."):
        events = happened(analyze(text))
        assert [e for e in events if e.type == "REJECT"], (text, shown(events))


def test_a_statement_thought_about_was_made_before(analyze):
    events = happened(analyze("Analysts have doubts about the union's demand for higher "
                              "wages."))
    assert not [e for e in events if e.type == "REQUEST"], shown(events)
    events = happened(analyze("Moscow threatened the Baltic states on Monday."))
    assert [e for e in events if e.type == "THREATEN"], shown(events)


def test_someone_counted_among_many_who_suffered_it_is_a_tally(analyze):
    events = happened(analyze("Ramos was among dozens of miners wounded by guards on Monday."))
    assert not [e for e in events if e.type == "ASSAULT"], shown(events)
    events = happened(analyze("Guards shot and wounded 90 miners on Monday."))
    assert [e for e in events if e.type == "ASSAULT"], shown(events)


def test_an_act_condemned_or_investigated_targets_the_armed_body_that_did_it(analyze):
    for text, kind in (("The senator condemned a police beating of two farmers.", "ACCUSE"),
                       ("The ministry is investigating the army raid on the clinic.", "ACCUSE")):
        events = happened(analyze(text))
        (act,) = [e for e in events if e.type == kind]
        assert act.target is not None and act.target.text in {"police", "army"}, shown(events)
