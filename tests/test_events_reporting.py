"""Events in everyday news prose that are no protest or request (issue 16); every sentence
is our own."""

from __future__ import annotations

from tests.test_events import analyze, happened

__all__ = ["analyze"]


def _types(events) -> list[tuple[str, str]]:
    return [(e.type, e.trigger.text) for e in events]


def test_the_month_march_names_no_protest_for_a_later_demand(analyze):
    events = happened(analyze("The emergency was declared in March 2020. They also ordered the "
                              "agency to release all files on the outbreak."))
    assert ("REQUEST", "ordered") in _types(events)
    assert not [e for e in events if e.type == "PROTEST"], _types(events)


def test_a_demand_after_a_march_of_protesters_is_still_their_protest(analyze):
    events = happened(analyze("Protesters filled a plaza near the ministry. They "
                              "demanded that the detained students be freed."))
    assert [e for e in events if e.type == "PROTEST"], _types(events)


def test_declining_to_comment_and_asking_not_to_be_named_are_no_events(analyze):
    for text in ("A spokeswoman for the utility declined to comment when reached.",
                 "The port authority refused to say how many ships were turned away.",
                 "The adviser declined to be named.",
                 "The airline did not answer and declined requests for comment.",
                 "One diplomat requested anonymity to describe the closed meeting."):
        events = happened(analyze(text))
        assert not [e for e in events if e.type in {"REJECT", "REQUEST"}], (text, _types(events))


def test_refusing_talks_with_a_party_is_still_a_rejection(analyze):
    for text in ("The strikers refused to talk to the management.",
                 "The council refused to talk over the budget with the unions.",
                 "The cabinet declined the invitation."):
        assert [e for e in happened(analyze(text)) if e.type == "REJECT"], text


def test_a_need_met_by_goods_is_no_meeting_but_a_visitor_met_by_a_minister_is(analyze):
    assert not [e for e in happened(analyze("Nearly all of the island's fuel needs are met by "
                                            "shipments from the mainland.")) if e.type == "CONSULT"]
    met = [e for e in happened(analyze("The trade envoy was met by the interior minister at "
                                       "the airport.")) if e.type == "CONSULT"]
    assert met and met[0].actor is not None and "minister" in met[0].actor.text


def test_properties_and_risks_named_with_an_event_word_are_no_events(analyze):
    for text in ("The school nurse looks after attack-prone pupils.",
                 "Engineers fitted blast-resistant glass to the consulate.",
                 "Analysts say the depots are vulnerable to attack.",
                 "The pipelines remain exposed to strikes by drones."):
        events = happened(analyze(text))
        assert not [e for e in events if e.type == "ASSAULT"], (text, _types(events))
    assert [e for e in happened(analyze("Rebels launched an attack on the depot."))
            if e.type == "ASSAULT"]
