"""Actors found wrong auditing news nobody tuned for (issue 16, naeb audit): "it" after a
speaker named by a common noun, and a count of the wounded hung on the counter's clause.
Sentences written for these tests."""

from __future__ import annotations

from tests.test_events import analyze, one

__all__ = ["analyze"]


def test_it_after_the_army_said_is_the_army_not_the_last_place_named(analyze):
    event = one(analyze("Police searched the port of Ostend on Monday. The army said on "
                        "Friday that it had deployed two brigades to the northern town."),
                "MOBILIZE")
    assert event.actor is not None and event.actor.text == "army"
    assert event.actor.sector == "MIL"


def test_it_after_a_named_country_stays_that_country(analyze):
    event = one(analyze("Freedonia said on Monday that it is deploying extra troops to the "
                        "border."), "MOBILIZE")
    assert event.actor is not None and event.actor.text in {"Freedonia", "it"}
    assert event.actor.entity is not None


def test_whoever_counts_the_wounded_did_not_wound_them(analyze):
    events = analyze("The agency said it has counted 400 dead and 900 injured since "
                     "May.")
    assert all(e.actor is None for e in events if e.type == "ASSAULT")


def test_a_subject_who_wounded_people_stays_the_actor(analyze):
    event = one(analyze("Rebels wounded five soldiers near the bridge on Monday."), "ASSAULT")
    assert event.actor is not None and event.actor.text == "Rebels"



def test_a_second_statement_noun_received_is_not_the_speakers(analyze):
    events = analyze('"The council has drawn condemnation and complaints from every side," '
                     'the chairman wrote.')
    assert all(e.actor is None or e.actor.text != "the chairman" for e in events
               if e.type == "ACCUSE")


def test_who_is_in_negotiations_is_the_clause_subject(analyze):
    event = one(analyze("The governor made a new offer on the budget in negotiations "
                        "with lawmakers on Monday."), "CONSULT")
    assert event.actor is not None and event.actor.text == "governor"
    assert event.target is not None and event.target.text == "lawmakers"


def test_a_country_which_is_in_talks_is_their_actor(analyze):
    events = analyze("The minister noted that Freedonia, which is in talks with Ruritania on "
                     "a pipeline deal, has also opened a consulate.")
    talks = [e for e in events if e.type == "CONSULT"]
    assert talks and talks[0].actor is not None and talks[0].actor.text == "Freedonia"
