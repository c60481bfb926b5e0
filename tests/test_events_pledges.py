"""Promises and threats announced by their own actor (PLOVER AGREE / THREATEN), and the
argument cues of issue 16's sentence-level pass: "against X" anywhere in the clause, the
people a collective noun counts, where a group is from, "to X" of a gift, "from X" of a
withdrawal, light verbs the lemmatiser gets wrong. Sentences written for these tests."""

from __future__ import annotations

from tests.test_events import analyze, happened, one, types

__all__ = ["analyze"]


def test_a_reported_would_of_the_speakers_own_release_is_a_promise(analyze):
    events = analyze("The rebels said they would free the hostages on Friday.")
    assert "AGREE" in types(events)


def test_an_announced_blockade_is_a_threat(analyze):
    event = one(analyze("The truckers said they would blockade Lyon."), "THREATEN")
    assert event.actor is not None


def test_a_declared_willingness_to_withdraw_is_a_promise(analyze):
    event = one(analyze("Freedonia says it is willing to withdraw its soldiers from the "
                        "border region."), "AGREE")
    assert event.target is not None and "border" in event.target.text


def test_what_others_predict_is_no_threat(analyze):
    events = analyze("Analysts said the army will attack the city.")
    assert "THREATEN" not in types(events)


def test_a_conditional_would_without_a_report_stays_hypothetical(analyze):
    events = analyze("The army would attack the city if it could.")
    assert not {"THREATEN", "ASSAULT"} & types(events)


def test_a_future_act_aimed_at_nobody_is_no_threat(analyze):
    events = analyze("During the feast, families everywhere will kill goats.")
    assert "THREATEN" not in types(events)


def test_against_is_the_target_wherever_it_hangs(analyze):
    event = one(analyze("Young members of the ruling party have staged marches in the "
                        "capital against the interior minister."), "PROTEST")
    assert event.target is not None and event.target.text.endswith("interior minister")
    assert "members" in event.actor.text  # "staged" is a light verb (lemma mended)


def test_a_collective_noun_is_coded_as_its_members(analyze):
    events = analyze("Hundreds of miners began a hunger strike outside the ministry.")
    assert any(e.actor is not None and e.actor.text == "miners" for e in happened(events))


def test_where_a_group_is_from_belongs_to_the_actor(analyze):
    event = one(analyze("Protesters in Lagos blocked a highway."), "PROTEST")
    assert event.actor.text == "Protesters in Lagos"


def test_whom_something_is_given_to_is_the_target(analyze):
    event = one(analyze("Freedonia has given asylum to three Ruritanian officers."), "AID")
    assert event.target.text == "three Ruritanian officers"


def test_the_actors_own_forces_are_not_the_target_of_a_withdrawal(analyze):
    event = one(analyze("The army withdrew its forces from the northern province."),
                "RETREAT")
    assert event.target.text == "northern province"


def test_swearing_to_fight_is_a_threat(analyze):
    events = analyze("The militia swore to fight the government troops until the end.")
    assert "THREATEN" in types(events) and "ASSAULT" not in types(events)


def test_withdrawing_monitors_reduces_relations(analyze):
    event = one(analyze("Freedonia withdrew its monitors from Ruritania on Monday."),
                "SANCTION")
    assert event.target.text == "Ruritania"


def test_an_announced_withdrawal_of_peacekeepers_is_a_threat(analyze):
    events = analyze("Ruritania announced that it will withdraw its peacekeeping force from "
                     "Freedonia unless the rebels disarm.")
    assert one(events, "THREATEN").target.text == "Freedonia"
    assert "AGREE" not in types(events)


def test_a_state_of_emergency_is_laid_on_a_place(analyze):
    event = one(analyze("The army declared a state of emergency in the province."), "COERCE")
    assert event.target.text == "province"


def test_saying_another_party_must_act_is_a_demand(analyze):
    events = analyze("The foreign minister said on Monday that Ruritania must withdraw its "
                     "troops from the border.")
    assert one(events, "REQUEST").target.text == "Ruritania"
    assert "RETREAT" not in types(events)


def test_what_a_party_must_do_is_not_announced_as_done(analyze):
    events = analyze("Freedonian rebels announced that the president must resign.")
    assert types(events) == {"REQUEST"}


def test_ones_own_duty_and_opinions_are_no_demand(analyze):
    assert "REQUEST" not in types(analyze("He said he must leave early."))
    assert "REQUEST" not in types(analyze("Analysts said prices should fall next year."))


def test_an_emergency_over_a_disaster_coerces_no_one(analyze):
    events = analyze("Floods swept the valley. The governor declared a state of emergency.")
    assert "COERCE" not in types(events)


def test_talks_a_statement_is_about_are_not_coded_as_held(analyze):
    events = analyze("The cabinet welcomed the envoy's statement as a sign of hope for a "
                     "settlement in the talks.")
    assert types(events) == {"SUPPORT"}


def test_whose_request_was_answered_still_made_it(analyze):
    events = analyze("The premier conceded to demands from the union to reform the courts.")
    assert one(events, "CONCEDE").target.text == "union"
    assert one(events, "REQUEST").actor.text == "union"


def test_a_promise_to_act_for_a_party_is_an_agreement(analyze):
    events = analyze("The minister pledged to continue food aid to the islands.")
    assert "AGREE" in types(events)
    assert "AGREE" not in types(analyze("The candidate promised to win the race."))


def test_armed_forces_preparing_an_attack_mobilize(analyze):
    events = analyze("Ruritanian troops prepared to resume shelling the rebel villages.")
    assert types(events) == {"MOBILIZE"}
    assert "MOBILIZE" not in types(analyze("The villagers prepared to attack the rebels."))


def test_protesting_that_something_is_wrong_is_a_complaint(analyze):
    events = analyze("The police are failing to protect the rights of migrants, a civil "
                     "liberties group protested on Monday.")
    assert one(events, "ACCUSE").target.text == "police"


def test_calling_off_a_strike_is_a_concession(analyze):
    events = analyze("The teachers' union called off its strike after talks with the ministry.")
    assert "CONCEDE" in types(events) and "PROTEST" not in types(events)
    assert not types(analyze("The players called off the match."))


def test_stopping_a_protest_is_coercion_of_those_who_held_it(analyze):
    event = one(analyze("Police prevented a rally by opposition supporters in the capital."),
                "COERCE")
    assert event.target.text == "opposition supporters"


def test_handing_over_suspects_is_judicial_cooperation(analyze):
    event = one(analyze("Freedonia handed over two suspects to Ruritania."), "COOPERATE")
    assert event.target.text == "Ruritania"


def test_a_weapon_named_as_passive_agent_is_no_actor(analyze):
    event = one(analyze("Four soldiers were killed by a roadside bomb near the border."),
                "ASSAULT")
    assert event.actor is None and event.target.text.endswith("soldiers")
