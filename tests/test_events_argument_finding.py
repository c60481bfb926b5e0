"""Issue 16, arguments on news nobody tuned for: who does an act named in an adjunct, a
prenominal participle or "in protest", and whom an act is aimed at. Every sentence is our
own."""

from __future__ import annotations

from tests.test_events import analyze, shown

__all__ = ["analyze"]


def test_a_gerund_after_for_is_done_by_whom_the_clause_asks_or_blames(analyze):
    events = analyze("Senator Ruiz on Tuesday called on Governor Hale to apologize to the "
                     "farmers for accusing them of fraud.")
    (accusing,) = [e for e in events if e.trigger.text == "accusing"]
    assert accusing.actor is not None and "Hale" in accusing.actor.text, shown(events)


def test_whom_a_clause_criticises_for_an_act_did_it(analyze):
    events = analyze("On Monday the mayor criticized Captain Ortega of the harbour police "
                     "for shooting a fisherman near the pier.")
    (shooting,) = [e for e in events if e.type == "ASSAULT"]
    assert shooting.actor is not None and "Ortega" in shooting.actor.text, shown(events)


def test_a_bare_in_protest_is_the_protest_of_the_clause_doer(analyze):
    events = analyze("The factory workers walked out in protest on Friday.")
    (protest,) = [e for e in events if e.type == "PROTEST"]
    assert protest.actor is not None and "workers" in protest.actor.text, shown(events)


def test_a_gerund_in_front_of_a_noun_is_done_by_that_noun_not_the_speaker(analyze):
    events = analyze("The judge said the suing landlords had overstated their losses in court.")
    assert not [e for e in events if e.trigger.text == "suing" and e.actor is not None
                and "judge" in e.actor.text], shown(events)
