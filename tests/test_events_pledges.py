"""Promises and threats announced by their own actor (PLOVER AGREE / THREATEN), and the
argument cues of issue 16's sentence-level pass: "against X" anywhere in the clause, the
people a collective noun counts, where a group is from, "to X" of a gift, "from X" of a
withdrawal, light verbs the lemmatiser gets wrong. Sentences written for these tests."""

from __future__ import annotations

from tests.test_events import analyze, happened, one, types

__all__ = ["analyze"]


def test_a_reported_would_of_the_speakers_own_release_is_a_promise(analyze):
    events = analyze("The kidnappers said they would free the hostages on Friday.")
    assert "AGREE" in types(events)


def test_an_announced_blockade_is_a_threat(analyze):
    event = one(analyze("The fishermen said they would blockade Calais."), "THREATEN")
    assert event.actor is not None


def test_a_declared_readiness_to_withdraw_is_a_promise(analyze):
    event = one(analyze("Freedonian leaders told reporters they are ready to pull their tanks "
                        "back from the frontier."), "AGREE")
    assert event.actor.text == "Freedonian leaders"


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
    event = one(analyze("Thousands of nurses staged a protest outside parliament against the "
                        "health minister."), "PROTEST")
    assert event.target is not None and event.target.text.endswith("health minister")
    assert event.actor.text == "nurses"  # "staged" is a light verb (lemma mended)


def test_a_collective_noun_is_coded_as_its_members(analyze):
    events = analyze("Hundreds of miners marched to the ministry on Monday.")
    assert any(e.actor is not None and e.actor.text == "miners" for e in happened(events))


def test_where_a_group_is_from_belongs_to_the_actor(analyze):
    event = one(analyze("Protesters in Lagos blocked a highway."), "PROTEST")
    assert event.actor.text == "Protesters in Lagos"


def test_whom_something_is_given_to_is_the_target(analyze):
    event = one(analyze("Freedonia gave asylum to a Ruritanian journalist last year."), "AID")
    assert event.target.text == "Ruritanian journalist"


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
    events = analyze("The defence ministry said it would withdraw its observers from "
                     "Freedonia by March.")
    assert one(events, "THREATEN").target.text == "Freedonia"
    assert "AGREE" not in types(events)


def test_a_state_of_emergency_is_laid_on_a_place(analyze):
    event = one(analyze("The army declared a state of emergency in the province."), "COERCE")
    assert event.target.text == "province"


def test_saying_another_party_must_act_is_a_demand(analyze):
    events = analyze("The foreign minister said that Ruritania must pull its troops back from "
                     "the border.")
    assert one(events, "REQUEST").target.text == "Ruritania"
    assert "RETREAT" not in types(events)


def test_what_a_party_must_do_is_not_announced_as_done(analyze):
    events = analyze("The opposition alliance declared that the prime minister must resign.")
    assert types(events) == {"REQUEST"}


def test_ones_own_duty_and_opinions_are_no_demand(analyze):
    assert "REQUEST" not in types(analyze("He said he must leave early."))
    assert "REQUEST" not in types(analyze("Analysts said prices should fall next year."))


def test_an_emergency_over_a_disaster_coerces_no_one(analyze):
    events = analyze("Floods swept the valley. The governor declared a state of emergency.")
    assert "COERCE" not in types(events)


def test_talks_a_statement_is_about_are_not_coded_as_held(analyze):
    events = analyze("The cabinet praised the envoy's remarks as a hopeful sign for a peace "
                     "deal in the talks.")
    assert types(events) == {"SUPPORT"}


def test_whose_request_was_answered_still_made_it(analyze):
    events = analyze("The governor relented to demands from the teachers for higher pay.")
    assert one(events, "CONCEDE").target.text == "teachers"
    assert one(events, "REQUEST").actor.text == "teachers"


def test_a_promise_to_act_for_a_party_is_an_agreement(analyze):
    events = analyze("The minister pledged to rebuild the schools of Freedonia.")
    assert "AGREE" in types(events)
    assert "AGREE" not in types(analyze("The candidate promised to win the race."))


def test_armed_forces_preparing_an_attack_mobilize(analyze):
    events = analyze("Ruritanian troops were preparing to storm the rebel stronghold.")
    assert types(events) == {"MOBILIZE"}
    assert "MOBILIZE" not in types(analyze("The villagers prepared to attack the rebels."))


def test_protesting_that_something_is_wrong_is_a_complaint(analyze):
    events = analyze("The police are beating detainees in the jails, a lawyers' group "
                     "protested on Monday.")
    assert one(events, "ACCUSE").target.text == "police"


def test_calling_off_a_strike_is_a_concession(analyze):
    events = analyze("Dock workers called off their walkout on Friday.")
    assert "CONCEDE" in types(events) and "PROTEST" not in types(events)
    assert not types(analyze("The players called off the match."))


def test_stopping_a_protest_is_coercion_of_those_who_held_it(analyze):
    event = one(analyze("Riot officers blocked a march by farmers near the ministry."),
                "COERCE")
    assert event.target.text == "farmers"


def test_handing_over_suspects_is_judicial_cooperation(analyze):
    event = one(analyze("Freedonia handed over two suspects to Ruritania."), "COOPERATE")
    assert event.target.text == "Ruritania"


def test_a_weapon_named_as_passive_agent_is_no_actor(analyze):
    event = one(analyze("Two guards were wounded by a grenade at the gate."), "ASSAULT")
    assert event.actor is None and event.target.text == "Two guards"


def test_a_pronoun_subject_of_a_reported_clause_is_the_speaker(analyze):
    event = one(analyze("The kidnappers said they would free the hostages on Friday."), "AGREE")
    assert event.actor.text == "kidnappers"
    event = one(analyze("The minister said he would visit the rebel camp."), "AGREE")
    assert event.actor.text == "minister"


def test_the_party_a_boycotted_thing_is_with_is_the_target(analyze):
    event = one(analyze("The opposition parties said they would boycott any dealings with the "
                        "government."), "THREATEN")
    assert event.target.text == "government" and event.actor.text == "opposition parties"


def test_the_means_of_force_is_not_the_target(analyze):
    events = analyze("Police fired tear gas and rubber bullets to disperse the crowd.")
    assert {e.target.text for e in happened(events) if e.type == "ASSAULT"} == {"crowd"}


def test_what_troops_are_pulled_out_of_is_the_target(analyze):
    event = one(analyze("Ruritania pulled its troops out of Freedonia."), "RETREAT")
    assert event.target.text == "Freedonia"
