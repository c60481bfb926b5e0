"""Acts coded by the PLOVER codebook's own types and arguments (issue 16, CASE pass two).
Every sentence is our own."""

from __future__ import annotations

from tests.test_events import analyze, one

__all__ = ["analyze"]


def test_territory_taken_is_aimed_at_the_place_not_at_control(analyze):
    taken = one(analyze("Insurgents seized control of four villages beside the reservoir."),
                "COERCE")
    assert (taken.cameo, taken.target and taken.target.text) == ("192", "four villages")


def test_diplomatic_expulsions_are_a_sanction_not_a_deportation(analyze):
    events = analyze("The ministry announced diplomatic expulsions after the spying scandal.")
    (expelled,) = [e for e in events if "expulsions" in e.trigger.text]
    assert (expelled.type, expelled.cameo) == ("SANCTION", "166")


def test_an_expulsion_noun_restating_expelled_envoys_is_the_same_sanction(analyze):
    events = analyze("Ruritania expelled four envoys, and a string of expulsions between the "
                     "neighbours followed.")
    assert {(e.type, e.cameo) for e in events} == {("SANCTION", "166")}, [
        (e.type, e.cameo, e.trigger.text) for e in events]


def test_expelling_migrants_stays_a_deportation(analyze):
    events = analyze("The expulsion of seasonal migrants began on Monday.")
    assert [(e.type, e.cameo) for e in events] == [("COERCE", "174")]
