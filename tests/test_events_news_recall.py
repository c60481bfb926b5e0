"""Issue 16, seventh pass on real-news recall: general causes of missed or wrong rows
(codebook classes the lexicon lacked, participants the screens did not recognise). Every
sentence is our own."""

from __future__ import annotations

from tests.test_events import analyze, happened

__all__ = ["analyze"]


def _show(events):
    return [(e.type, e.trigger.text, e.actor and e.actor.text, e.target and e.target.text)
            for e in events]


def test_removing_tariffs_eases_a_restriction(analyze):
    events = happened(analyze("Chile removed the tariffs on Peruvian grapes."))
    assert [e.type for e in events] == ["CONCEDE"], _show(events)
    assert events[0].actor.text == "Chile"


def test_a_lifted_sanction_is_no_sanction_imposed(analyze):
    events = happened(analyze("The sanctions on Paraguay were lifted in March."))
    assert [e.type for e in events] == ["CONCEDE"], _show(events)


def test_imposed_tariffs_stay_a_sanction(analyze):
    events = happened(analyze("Chile imposed tariffs on Peruvian grapes."))
    assert [e.type for e in events] == ["SANCTION"], _show(events)
