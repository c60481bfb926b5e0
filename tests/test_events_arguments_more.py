"""Arguments of statements and acts (issue 16): the addressee after a particle, the owner
of an accepted request, the author of a document, an object shared by joined verbs.
Sentences written for these tests."""

from __future__ import annotations

from tests.test_events import analyze, happened, one

__all__ = ["analyze"]


def test_whom_a_call_is_made_on_is_the_target(analyze):
    events = happened(analyze("The nurses' union has called on the hospital board to publish "
                              "the accounts."))
    assert one(events, "REQUEST").target.text == "hospital board"


def test_an_accepted_request_is_aimed_at_who_made_it(analyze):
    event = one(analyze("In 2015, Peru accepted the Chilean government's request to take part "
                        "in a joint survey."), "AGREE")
    assert "government" in event.target.text


def test_a_document_speaks_for_whoever_issued_it(analyze):
    events = analyze("The party released a white paper praising the council's proposals.")
    event = one(events, "SUPPORT")
    assert event.actor.text == "party" and event.target.text == "council"


def test_joined_verbs_share_their_object(analyze):
    events = analyze("Constable Mark Hale, who shot and wounded Lee Park outside a bar in "
                     "Leeds, was suspended on Monday.")
    assert {e.target.text for e in events if e.type == "ASSAULT"} == {"Lee Park"}


def test_two_clauses_do_not_share_an_object(analyze):
    events = analyze("The gunman fired wildly and soldiers killed the driver.")
    fired = [e for e in events if e.type == "ASSAULT" and e.actor is not None
             and e.actor.text == "gunman"]
    assert all(e.target is None or e.target.text != "driver" for e in fired)


def test_a_reduced_relative_told_by_joined_participles_keeps_its_agent(analyze):
    events = analyze("She is the third journalist beaten and robbed by a masked gang this "
                     "year, according to the union.")
    assert {(e.actor.text, e.target.text) for e in events if e.type == "ASSAULT"} == {
        ("masked gang", "third journalist")}


def test_a_compound_actor_keeps_every_part(analyze):
    event = one(analyze("Teachers, parents and local pastors have been urging the council to "
                        "reopen the library."), "REQUEST")
    assert event.actor.text == "Teachers, parents and local pastors"
    assert event.target.text == "council"
