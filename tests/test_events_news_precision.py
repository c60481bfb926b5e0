"""Events on real news: what a researcher would not accept as a row of its own (issue 16,
third pass). Every sentence here is our own."""

from __future__ import annotations

from tests.test_events import analyze, happened

__all__ = ["analyze"]

#: Enough sentences between two mentions to be further apart than the restatement window.
FILLER = " ".join(f"The council discussed item number {n} of the budget." for n in range(8))


def test_a_later_mention_that_names_no_one_joins_the_event_it_restates(analyze):
    text = ("Soldiers shot a farmer near the border village on Monday. " + FILLER +
            " Residents said the shooting had frightened everyone.")
    assaults = [e for e in happened(analyze(text)) if e.type == "ASSAULT"]
    assert len(assaults) == 1, [(e.trigger.text, e.actor) for e in assaults]
    assert assaults[0].actor is not None and len(assaults[0].evidence) == 2


def test_a_later_mention_with_its_own_participants_stays_an_event(analyze):
    text = ("Soldiers shot a farmer near the border village on Monday. " + FILLER +
            " Rebels shot two guards at the airport on Friday.")
    assaults = [e for e in happened(analyze(text)) if e.type == "ASSAULT"]
    assert len(assaults) == 2


def test_a_flagged_event_that_names_no_one_is_no_row(analyze):
    events = analyze("Mediators hope the talks will stop the shelling before winter.")
    assert not [e for e in events if e.type == "ASSAULT"], [(e.type, e.trigger.text)
                                                            for e in events]


def test_a_statement_or_meeting_that_names_no_one_is_no_row(analyze):
    events = happened(analyze("The summit was postponed until the spring."))
    assert not events, [(e.type, e.trigger.text) for e in events]


def test_flagged_events_and_statements_with_a_participant_stay(analyze):
    events = analyze("The army threatened to shell the rebel town. "
                     "The minister held talks with the union leaders on Monday.")
    assert any(e.type == "ASSAULT" and e.intended for e in events)
    assert any(e.type == "CONSULT" for e in happened(events))


def test_an_act_of_force_that_names_no_one_stays(analyze):
    events = happened(analyze("Clashes broke out in the capital on Sunday."))
    assert [e for e in events if e.type == "ASSAULT"]


def test_someone_elses_threat_in_reported_speech_is_not_the_speakers(analyze):
    text = ("The mayor said the town would \u201ccope alone\u201d if the province made good on "
            "threats to suspend fuel deliveries.")
    threats = [e for e in happened(analyze(text)) if e.type == "THREATEN"]
    assert not any(e.actor is not None and "mayor" in e.actor.text for e in threats), [
        (e.trigger.text, e.actor) for e in threats]


def test_a_tally_of_many_happenings_with_no_one_named_is_no_event(analyze):
    for text in ("There were hundreds of bombings across the region last decade.",
                 "The province recorded 40 bombings over the decade."):
        assert not happened(analyze(text)), text


def test_counted_happenings_with_a_doer_or_a_victim_stay(analyze):
    for text in ("Police made dozens of arrests on Sunday.",
                 "Hundreds of attacks on the police were reported in the province."):
        assert happened(analyze(text)), text


def test_a_statement_with_no_one_making_it_is_no_row(analyze):
    for text in ("Criticism of the mayor grew louder over the summer.",
                 "After speaking with reporters, the coach left the stadium."):
        events = [e for e in happened(analyze(text)) if e.actor is None]
        assert not [e for e in events if e.type in {"ACCUSE", "CONSULT"}], text


def test_passive_statements_and_talks_between_parties_stay(analyze):
    charged = happened(analyze("The former minister was charged with fraud on Tuesday."))
    assert [e for e in charged if e.type == "ACCUSE"]
    talks = happened(analyze("Talks between the union and the employers resumed on Monday."))
    assert [e for e in talks if e.type == "CONSULT"]


def test_no_chance_that_it_will_happen_denies_it(analyze):
    events = analyze("There is no chance the army will withdraw from the valley.")
    assert events and not happened(events)
    assert all(e.negated for e in events)


def test_a_person_named_through_a_possessive_is_the_target_not_the_possessor(analyze):
    event = next(e for e in happened(analyze(
        "The agency was investigating his wife over the loans.")) if e.type == "ACCUSE")
    assert event.target is not None and "wife" in event.target.text
