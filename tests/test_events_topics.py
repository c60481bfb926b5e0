"""What a protest, a sanction or an accusation is about is not an event of its own (issue 16,
CASE pass): the grievance "over"/"against" it, a kind of act condemned, a charge's content
and who is "responsible for" an act. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.test_events import analyze, happened

__all__ = ["analyze"]


def types(events) -> set[str]:
    return {event.type for event in happened(events)}


@pytest.mark.parametrize(("text", "coded", "not_coded"), [
    ("Nurses rallied in a protest over the police shooting of a colleague.", "PROTEST",
     "ASSAULT"),
    ("Crowds marched in four cities in protest against the killing of a dissident poet.",
     "PROTEST", "ASSAULT"),
    ("Freedonia imposed sanctions on Ruritania over the shelling of a ferry.", "SANCTION",
     "ASSAULT"),
])
def test_a_grievance_is_what_the_act_answers_not_an_act_of_its_own(analyze, text, coded,
                                                                   not_coded):
    found = types(analyze(text))
    assert coded in found
    assert not_coded not in found


def test_a_kind_of_act_condemned_on_placards_is_no_attack(analyze):
    assert "ASSAULT" not in types(analyze(
        "Students in the square waved banners denouncing army violence."))


def test_one_act_condemned_is_still_news_of_its_own(analyze):
    assert "COERCE" in types(analyze(
        "Rights groups condemned the arrest of the opposition leader on Monday."))


def test_what_an_accusation_says_was_done_is_its_content(analyze):
    found = types(analyze("The minister accused the rebels of shelling the market."))
    assert "ACCUSE" in found
    assert "ASSAULT" not in found


def test_who_is_responsible_for_an_attack_is_a_claim_about_it(analyze):
    assert "ASSAULT" not in types(analyze(
        "The militia denied that it was responsible for the bombing of the bridge."))


def test_an_attack_whose_responsibility_is_claimed_is_asserted(analyze):
    assert "ASSAULT" in types(analyze(
        "The militia claimed responsibility for the bombing of the bridge on Friday."))


def test_a_deed_an_act_answers_is_no_event_of_its_own(analyze):
    found = types(analyze("Freedonia imposed new sanctions over a border raid in Vandor."))
    assert "SANCTION" in found
    assert "COERCE" not in found


def test_the_place_of_a_deed_answered_is_not_the_target(analyze):
    events = analyze("The premier said the partner had made threats to halt weapons "
                     "deliveries over a ground offensive in Vandor.")
    assert all(event.target is None or event.target.text != "Vandor" for event in events)


def test_who_did_what_an_act_answers_is_its_target(analyze):
    events = analyze("Freedonia threatened to suspend fuel shipments over Ruritania's missile "
                     "tests.")
    threat = next(event for event in events if event.type == "THREATEN")
    assert threat.target is not None and threat.target.text == "Ruritania"


def test_a_statement_is_not_placed_in_a_country_it_speaks_of(analyze):
    events = analyze("The minister criticised Ruritania on Friday, a day after protests in "
                     "Freedonia turned violent.")
    criticism = next(event for event in events if event.type == "ACCUSE")
    assert criticism.place is None


def test_a_statement_made_at_a_place_keeps_it(analyze):
    events = analyze("The senator criticised Freedonia at a rally in Ohio on Monday.")
    assert next(event for event in events if event.type == "ACCUSE").place == "Ohio"


def test_whoever_claims_an_attack_is_its_actor_not_the_bomb(analyze):
    events = happened(analyze("The militia claimed responsibility for a roadside blast on "
                              "Monday that killed nine soldiers near the pass."))
    attack = next(event for event in events if event.type == "ASSAULT")
    assert attack.actor is not None and attack.actor.text == "militia"


def test_a_bomb_alone_is_no_actor(analyze):
    attack = next(event for event in analyze("A truck bomb killed nine shoppers at a bazaar.")
                  if event.type == "ASSAULT")
    assert attack.actor is None


def test_a_claimed_attack_noun_has_the_claimant_as_actor(analyze):
    events = analyze("The group claimed responsibility for the attack, which killed four "
                     "guards.")
    attack = next(event for event in events if event.type == "ASSAULT")
    assert attack.actor is not None and attack.actor.text == "group"


def test_an_arrest_is_aimed_at_who_is_held_not_where(analyze):
    arrest = next(event for event in analyze("Officers took a teenager into custody on "
                                             "Friday.") if event.type == "COERCE")
    assert arrest.target is not None and arrest.target.text == "teenager"
