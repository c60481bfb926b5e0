"""Precision on real news (issue 16): background named as a setting, arguments resolved.
Every sentence is our own."""

from __future__ import annotations

from tests.test_events import analyze, happened

__all__ = ["analyze"]


def _show(events):
    return [(e.type, e.trigger.text, e.actor and e.actor.text, e.target and e.target.text)
            for e in events]


def test_a_meeting_named_as_the_time_of_a_clause_is_background(analyze):
    for text in ("The mayor of Eastbrook announced her candidacy during the party's annual "
                 "meeting.",
                 "The treasurer resigned in the wake of the council's talks with the unions."):
        events = happened(analyze(text))
        assert not [e for e in events if e.type == "CONSULT"], _show(events)


def test_fighting_named_as_a_setting_still_happened(analyze):
    events = happened(analyze("Two soldiers were wounded during clashes between the army and "
                              "rebels near the border."))
    assert [e for e in events if e.type == "ASSAULT"], _show(events)


def test_a_meeting_that_is_told_is_still_coded(analyze):
    events = happened(analyze("The mayor of Eastbrook met union leaders on Tuesday."))
    assert [e for e in events if e.type == "CONSULT"], _show(events)
