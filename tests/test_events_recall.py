"""Missed events on real news (issue 16, news pass four): general constructions of taking
sides, rejecting, suspecting, promising and conceding that the coder did not know, and their
precision limits. Every sentence is our own."""

from __future__ import annotations

from tests.test_events import analyze, happened

__all__ = ["analyze"]


def _show(events):
    return [(e.type, e.trigger.text, e.actor and e.actor.text, e.target and e.target.text)
            for e in events]


def _only(events, event_type):
    found = [e for e in events if e.type == event_type]
    assert len(found) == 1, _show(events)
    return found[0]


def test_lining_up_behind_a_party_supports_it(analyze):
    support = _only(happened(analyze("Party leaders lined up behind Ms. Achebe after the "
                                     "vote.")), "SUPPORT")
    assert "Achebe" in support.target.text and "leaders" in support.actor.text


def test_lining_up_behind_a_thing_supports_no_one(analyze):
    events = happened(analyze("Hundreds of fans lined up behind the barrier."))
    assert not [e for e in events if e.type == "SUPPORT"], _show(events)


def test_overruling_a_request_rejects_it(analyze):
    reject = _only(happened(analyze("The council overruled the mayor's request.")), "REJECT")
    assert reject.actor.text == "council"


def test_scoffing_at_or_brushing_aside_criticism_rejects_it(analyze):
    for text in ("The minister scoffed at the report from the auditors.",
                 "The prime minister brushed aside criticism from the opposition."):
        assert [e for e in happened(analyze(text)) if e.type == "REJECT"], text


def test_questioning_a_partys_fairness_accuses_it(analyze):
    accuse = _only(happened(analyze("The senator questioned the fairness of the referees.")),
                   "ACCUSE")
    assert "referees" in accuse.target.text


def test_commuting_a_sentence_is_a_concession(analyze):
    concede = _only(happened(analyze("The governor commuted the sentence of a prisoner on "
                                     "death row.")), "CONCEDE")
    assert concede.actor.text == "governor" and "prisoner" in concede.target.text


def test_making_a_promise_to_a_party_is_an_agreement(analyze):
    agree = _only(happened(analyze("The minister made a promise to the villagers.")), "AGREE")
    assert "villagers" in agree.target.text


def test_suspecting_a_named_party_accuses_it(analyze):
    accuse = _only(happened(analyze("Ms. Park said she suspected Carl Moreno was hiding the "
                                    "money.")), "ACCUSE")
    assert "Moreno" in accuse.target.text


def test_suspecting_a_thing_or_a_relative_clause_accuses_no_one(analyze):
    for text in ("The residents suspect the water contained lead.",
                 "Police jailed ten men they suspect were planning a robbery."):
        events = happened(analyze(text))
        assert not [e for e in events if e.type == "ACCUSE"], (text, _show(events))


def test_a_party_said_to_have_overstepped_is_blamed(analyze):
    accuse = _only(happened(analyze("Ms. Park said Governor Lund overstepped his powers when "
                                    "he closed the port.")), "ACCUSE")
    assert "Park" in accuse.actor.text and "Lund" in accuse.target.text
