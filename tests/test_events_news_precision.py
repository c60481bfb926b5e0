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
