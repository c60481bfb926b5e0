"""Event words that name no event here, and one act coded by its object (issue 16, CASE
pass): a second thing done "without", a likeness ("riot-like"), a natural force however the
parser hangs it, and the expulsion of diplomats. Sentences written for these tests."""

from __future__ import annotations

from tests.test_events import analyze, happened, one

__all__ = ["analyze"]


def types(events) -> set[str]:
    return {event.type for event in happened(events)}


def test_what_is_done_without_a_fight_or_a_shot_is_negated(analyze):
    events = analyze("The troops withdrew from the valley without a fight or firing a single "
                     "bullet.")
    assert "RETREAT" in types(events)
    assert "ASSAULT" not in types(events)


def test_a_likeness_is_not_the_thing_itself(analyze):
    assert "PROTEST" not in types(analyze("A riot-like scene unfolded outside the stadium."))


def test_a_storm_just_before_hit_is_no_attack_even_when_misparsed(analyze):
    assert "ASSAULT" not in types(analyze(
        "Troops helping with the clean-up in Floods hit villages near the river, the army "
        "said."))


def test_the_expulsion_of_diplomats_is_a_diplomatic_sanction(analyze):
    event = one(analyze("The expulsion of ten Ruritanian envoys was announced on Monday."),
                "SANCTION")
    assert event.mode == "expel"


def test_the_expulsion_of_migrants_stays_a_deportation(analyze):
    assert "COERCE" in types(analyze("The expulsion of hundreds of migrants began on Monday."))


def test_a_chemical_agent_used_on_a_town_is_an_attack(analyze):
    event = one(analyze("The army used sarin on the rebel-held suburb, "
                        "observers reported."), "ASSAULT")
    assert event.mode == "unconventional"
    assert event.actor is not None and event.actor.text == "army"


def test_live_ammunition_used_on_a_crowd_is_shooting(analyze):
    assert one(analyze("Guards employed live rounds against the crowd."), "ASSAULT").mode == \
        "firearms"


def test_a_chemical_used_for_no_fight_is_no_attack(analyze):
    assert "ASSAULT" not in types(analyze("Chlorine is used to clean drinking water."))


def test_raids_by_helicopters_are_air_strikes_wherever_the_by_phrase_hangs(analyze):
    event = one(analyze("The gang lost several boats in raids by police helicopters along "
                        "the coast."),
                "ASSAULT")
    assert event.mode == "aerial"


def test_an_act_and_its_purpose_of_the_same_kind_are_one_event(analyze):
    events = analyze("Riot police fired rubber bullets at the marchers to break up the "
                     "rally.")  # (not a second row, flagged as intended, either)
    assert [event.type for event in events].count("ASSAULT") == 1


def test_a_participle_read_as_a_verb_inside_a_noun_phrase_is_no_occupation(analyze):
    events = analyze("Troops arrested a shepherd on Tuesday near the Blue Ridge occupied "
                     "zone.")
    assert [event.type for event in happened(events)] == ["COERCE"]
    assert happened(events)[0].mode == "arrest"


def test_an_occupation_by_a_joined_verb_is_still_coded(analyze):
    events = analyze("Rebels stormed the base and occupied buildings nearby.")
    assert any(event.type == "COERCE" and event.cameo == "192" for event in happened(events))


def test_going_on_strike_is_one_labour_protest_and_no_attack(analyze):
    events = happened(analyze("Farmers went on strike across the province on Monday."))
    assert [event.type for event in events] == ["PROTEST"]
    assert events[0].mode == "strike" and events[0].target is None


def test_who_is_on_strike_is_the_protest_actor(analyze):
    strike = one(analyze("Pilots have been on strike for a week."), "PROTEST")
    assert strike.mode == "strike"
    assert strike.actor is not None and strike.actor.text == "Pilots"
