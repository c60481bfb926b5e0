"""Arguments of statements and acts (issue 16): the addressee after a particle, the owner
of an accepted request, the author of a document, an object shared by joined verbs.
Sentences written for these tests."""

from __future__ import annotations

from tests.test_events import analyze, happened, one

__all__ = ["analyze"]


def test_whom_a_call_is_made_on_is_the_target(analyze):
    events = happened(analyze("The union has called on police to release the videos."))
    assert one(events, "REQUEST").target.text == "police"


def test_an_accepted_request_is_aimed_at_who_made_it(analyze):
    event = one(analyze("In 2009, Chile accepted the Obama administration's request to join "
                        "a pilot program."), "AGREE")
    assert "administration" in event.target.text


def test_a_document_speaks_for_whoever_issued_it(analyze):
    events = analyze("The coalition issued a policy paper welcoming the government's plans.")
    event = one(events, "SUPPORT")
    assert event.actor.text == "coalition" and event.target.text == "government"


def test_joined_verbs_share_their_object(analyze):
    events = analyze("Officer Jane Doe, who shot and killed John Roe in Tulsa last week, was "
                     "charged with manslaughter.")
    assert {e.target.text for e in events if e.type == "ASSAULT"} == {"John Roe"}


def test_two_clauses_do_not_share_an_object(analyze):
    events = analyze("The gunman fired wildly and soldiers killed the driver.")
    fired = [e for e in events if e.type == "ASSAULT" and e.actor is not None
             and e.actor.text == "gunman"]
    assert all(e.target is None or e.target.text != "driver" for e in fired)


def test_a_reduced_relative_told_by_joined_participles_keeps_its_agent(analyze):
    events = analyze("He is the fourth person shot and killed by a city police officer this "
                     "year, according to a local newspaper.")
    assert {(e.actor.text, e.target.text) for e in events if e.type == "ASSAULT"} == {
        ("city police officer", "fourth person")}


def test_a_compound_actor_keeps_every_part(analyze):
    event = one(analyze("The family, neighbours and church leaders have been demanding that "
                        "police release the video."), "REQUEST")
    assert event.actor.text == "family, neighbours and church leaders"
    assert event.target.text == "police"
