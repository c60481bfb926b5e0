"""Events on real news, second news pass (issue 16): flags that stay with their own clause,
and supposed events with no one to hold to them. Every sentence here is our own."""

from __future__ import annotations

from tests.test_events import analyze, happened

__all__ = ["analyze"]


def _show(events):
    return [(e.type, e.trigger.text, e.actor and e.actor.text, e.target and e.target.text,
             e.negated, e.hypothetical, e.intended) for e in events]


def test_a_supposed_act_by_no_one_identified_is_no_row(analyze):
    events = analyze("If the talks fail, they could attack the convoy near the river.")
    assert not [e for e in events if e.type == "ASSAULT"], _show(events)


def test_a_supposed_act_by_a_named_country_stays_flagged(analyze):
    events = analyze("If the talks fail, Peru could attack the convoy near the river.")
    assert any(e.type == "ASSAULT" and e.hypothetical for e in events), _show(events)


def test_a_finite_verb_joined_to_a_refusal_is_not_refused(analyze):
    events = analyze("The senator refused to resign and attacked the newspaper for its "
                     "coverage.")
    accuse = [e for e in happened(events) if e.type == "ACCUSE"]
    assert accuse and accuse[0].target is not None, _show(events)
    assert all(e.target is None for e in events if e.type in {"REJECT", "RETREAT"}), \
        _show(events)


def test_a_joined_clause_with_its_own_subject_is_not_the_target(analyze):
    events = analyze("The rebels vowed to attack the town and the army said it would resist.")
    threats = [e for e in events if e.type == "THREATEN"]
    assert all(e.target is None or "army" not in e.target.text for e in threats), \
        _show(events)


def test_a_threatened_invasion_that_began_has_happened(analyze):
    events = analyze("The planned invasion of the northern province began on Tuesday.")
    assert any(e.type == "ASSAULT" for e in happened(events)), _show(events)


def test_a_possible_invasion_is_still_intended(analyze):
    events = analyze("A possible invasion of the northern province worries the neighbours.")
    assert not [e for e in happened(events) if e.type == "ASSAULT"], _show(events)


def test_no_chance_that_someone_will_act_is_negated(analyze):
    events = analyze("\u201cThere is no chance Peter Hall will withdraw from the race,\u201d "
                     "his aide said.")
    assert not [e for e in happened(events) if e.type in {"AGREE", "RETREAT", "CONCEDE"}], \
        _show(events)


def test_an_attack_named_as_what_something_is_is_a_judgement(analyze):
    for text in ("\u201cThis is an assault, frankly, on the farmers of this county,\u201d the "
                 "governor said.",
                 "This is an assault on working families, the senator said."):
        events = analyze(text)
        assert not [e for e in events if e.type == "ASSAULT"], _show(events)


def test_an_invasion_of_a_right_is_no_attack(analyze):
    events = analyze("Critics called the new law an invasion of privacy.")
    assert not [e for e in events if e.type == "ASSAULT"], _show(events)


def test_an_attack_named_as_what_a_blast_was_stays(analyze):
    events = happened(analyze("The blast was a suicide attack on the police station."))
    assert [e for e in events if e.type == "ASSAULT"], _show(events)


def test_a_person_named_by_a_tie_is_not_the_one_they_are_tied_to(analyze):
    events = analyze("Senator Paul Grant's successor will push for a new port, the paper said.")
    assert all(e.actor is None or e.actor.entity is None for e in events), [
        (e.type, e.actor) for e in events]


def test_every_happening_of_a_kind_is_none_in_particular(analyze):
    events = analyze("Critics want the police to disclose all their raids.")
    assert not [e for e in events if e.type == "COERCE"], _show(events)


def test_a_welcome_with_nothing_welcomed_is_a_greeting(analyze):
    events = analyze("She smiled as she welcomed.")
    assert not [e for e in events if e.type == "SUPPORT"], _show(events)


def test_a_welcomed_decision_is_still_support(analyze):
    events = happened(analyze("The union welcomed the decision of the court."))
    assert [e for e in events if e.type == "SUPPORT"], _show(events)


def test_a_sentence_opening_with_suppose_tells_what_did_not_happen(analyze):
    events = analyze("Say the council rejected the mayor's budget next spring.")
    assert not [e for e in happened(events) if e.type == "REJECT"], _show(events)


def test_criticism_voiced_alongside_a_vow_is_not_vowed(analyze):
    events = happened(analyze("Mocking the governor's budget, the senator promised to cut "
                              "taxes for farmers."))
    assert [e for e in events if e.type == "ACCUSE"], _show(events)


def test_likening_someone_to_something_bad_is_an_accusation(analyze):
    events = happened(analyze("The governor likened the union leaders to \u201cdangerous "
                              "criminals\u201d on Monday."))
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert accuse and "leaders" in accuse[0].target.text, _show(events)


def test_comparing_two_things_is_no_statement_about_anyone(analyze):
    assert not happened(analyze("The report compared the two budgets."))


def test_a_tally_in_a_title_case_headline_is_a_statistic(analyze):
    events = analyze("Hundreds of Bombings Across the Region Since March, Report Finds.")
    assert not [e for e in events if e.type == "ASSAULT"], _show(events)


def test_victims_named_by_an_event_noun_are_no_event(analyze):
    events = analyze("The paper counted the shooting victims in the province.")
    assert not [e for e in events if e.type == "ASSAULT"], _show(events)


def test_agreeing_what_will_be_done_stays_an_agreement(analyze):
    events = happened(analyze("The two sides agreed that the prisoners would be released."))
    assert [e for e in events if e.type == "AGREE"], _show(events)
