"""Targets named through what is answered (issue 16, fourth pass): whose offer is rejected,
who did what is protested or investigated, whom a complaint is about, who must comply with
a threat, who is expelled. Sentences written for these tests."""

from __future__ import annotations

from tests.test_events import analyze, one

__all__ = ["analyze"]


def target_of(events, event_type: str) -> str | None:
    event = one(events, event_type)
    return None if event.target is None else event.target.text


def test_a_rejected_proposal_is_aimed_at_the_country_that_made_it(analyze):
    events = analyze("Ruritania rejected the proposed Freedonian amendments to the border treaty.")
    assert target_of(events, "REJECT") == "Freedonian"


def test_the_name_of_a_body_modifying_a_rejected_appeal_is_kept_whole(analyze):
    events = analyze("Borduria rejected an African Union request for a truce.")
    assert target_of(events, "REJECT") == "African Union"


def test_an_investigation_into_abuses_is_aimed_at_who_committed_them(analyze):
    events = analyze("Prosecutors opened an investigation into abuses committed by soldiers "
                     "against villagers.")
    assert target_of(events, "ACCUSE") == "soldiers"


def test_a_complaint_is_about_whose_raids_not_whom_it_is_made_to(analyze):
    events = analyze("Ruritania complained to the Security Council over three Freedonian "
                     "missile strikes.")
    assert target_of(events, "ACCUSE") == "Freedonian"


def test_a_complaint_with_no_subject_keeps_its_addressee(analyze):
    events = analyze("Ruritania complained to the Security Council.")
    assert target_of(events, "ACCUSE") == "Security Council"


def test_a_protest_is_against_the_owner_of_what_its_purpose_clause_protests(analyze):
    events = analyze("A lawmaker, John Brandt, started a sit-in yesterday to protest Governor "
                     "Smith's failure to act.")
    assert target_of(events, "PROTEST") == "Governor Smith"


def test_a_threat_is_aimed_at_whoever_its_condition_names(analyze):
    events = analyze("Freedonia threatened to quit the trade talks if Ruritania raised its "
                     "tariffs again.")
    assert target_of(events, "THREATEN") == "Ruritania"


def test_expelled_diplomats_are_the_target_not_the_city_they_work_in(analyze):
    events = analyze("Syldavia expelled two Bordurian envoys posted in Oslo over espionage "
                     "claims.")
    assert target_of(events, "SANCTION") == "two Bordurian envoys"


def test_withdrawn_troops_of_ones_own_are_no_target(analyze):
    events = analyze("Borduria withdrew its troops.")
    assert target_of(events, "RETREAT") is None


def test_cancelling_restrictions_on_a_language_is_a_concession_aimed_at_no_thing(analyze):
    event = one(analyze("The city council cancelled its restrictions on the sale of fireworks."),
                "CONCEDE")
    assert event.target is None


def test_relaxed_emergency_measures_are_a_concession(analyze):
    events = analyze("Once the floods receded, Borduria relaxed its emergency measures.")
    assert one(events, "CONCEDE").actor.text == "Borduria"


def test_a_curfew_lifted_in_a_named_place_is_aimed_at_it(analyze):
    events = analyze("Borduria lifted the weekend curfew in Syldavia.")
    assert target_of(events, "CONCEDE") == "Syldavia"


def test_suspending_part_of_an_aid_programme_is_a_sanction_on_whom_it_is_for(analyze):
    events = analyze("Ruritania suspended part of its food assistance programme for Borduria.")
    assert target_of(events, "SANCTION") == "Borduria"


def test_removing_a_bill_from_an_agenda_is_no_concession(analyze):
    events = analyze("The Senate removed the measure from its agenda.")
    assert not [e for e in events if e.type == "CONCEDE"]


def test_receiving_foreign_inspectors_lets_the_sender_in(analyze):
    event = one(analyze("The Syldavian president received a team of inspectors from the IAEA "
                        "on Monday."), "RETREAT")
    assert (event.actor.text, event.target.text) == ("Syldavian president", "IAEA")


def test_received_aid_is_still_given_by_the_sender(analyze):
    event = one(analyze("Borduria received aid from Japan."), "AID")
    assert (event.actor.text, event.target.text) == ("Japan", "Borduria")


def test_defending_a_party_against_criticism_is_support(analyze):
    events = analyze("The envoy defended Ruritania and Borduria against harsh criticism "
                     "of their elections.")
    assert target_of(events, "SUPPORT") == "Ruritania and Borduria"


def test_defending_a_bridge_in_battle_is_no_support(analyze):
    events = analyze("The troops defended the bridge against the rebels.")
    assert not [e for e in events if e.type == "SUPPORT"]


def test_failing_to_reach_agreement_is_a_refusal_with_no_thing_as_target(analyze):
    event = one(analyze("Talks ended when Ruritania and Borduria failed to reach agreement "
                        "over fishing quotas."), "REJECT")
    assert event.actor.text == "Ruritania and Borduria" and event.target is None


def test_not_accepting_a_proposal_rejects_its_maker(analyze):
    events = analyze("Syldavia did not accept the Bordurian proposal.")
    assert target_of(events, "REJECT") == "Bordurian"


def test_a_court_ordering_a_minister_to_testify_is_a_demand(analyze):
    events = analyze("The court ordered the ousted mayor to appear for questioning in March.")
    assert target_of(events, "REQUEST") == "ousted mayor"


def test_ordering_ones_own_troops_is_no_demand(analyze):
    events = analyze("The general ordered his troops to withdraw.")
    assert not [e for e in events if e.type == "REQUEST"]


def test_an_offer_to_negotiate_after_raids_is_no_threat(analyze):
    events = analyze("The premier offered to hold talks with the Bordurian government after "
                     "the shelling of two villages.")
    assert "THREATEN" not in {e.type for e in events}


def test_a_declared_ceasefire_is_a_retreat(analyze):
    # CAMEO2PLOVER-2021: 0871 "declare truce, ceasefire" -> RETREAT, mode ceasefire
    event = one(analyze("The militia declared a ceasefire for the duration of the holiday."),
                "RETREAT")
    assert event.actor.text == "militia"


def test_who_sped_up_a_withdrawal_withdraws_from_the_place_named(analyze):
    event = one(analyze("Ruritania sped up the withdrawal of its soldiers from "
                        "Kalva."), "RETREAT")
    assert (event.actor.text, event.target.text) == ("Ruritania", "Kalva")


def test_the_withdrawn_troops_of_a_withdrawal_are_its_actor(analyze):
    event = one(analyze("The withdrawal of Bordurian troops from Kalva began on Monday."),
                "RETREAT")
    assert (event.actor.text, event.target.text) == ("Bordurian troops", "Kalva")


def test_a_speaker_misparsed_under_its_participle_still_makes_the_demand(analyze):
    events = analyze("A charity working in Kalva said Ruritanian and Bordurian soldiers "
                     "must open the roads so that medicine can get through.")
    event = one(events, "REQUEST")
    assert (event.actor.text, event.target.text) == (
        "charity", "Ruritanian and Bordurian soldiers")


def test_a_protest_in_defiance_of_authorities_is_against_them(analyze):
    events = analyze("Students rallied in defiance of the Bordurian junta.")
    assert target_of(events, "PROTEST") == "Bordurian junta"


def test_a_refusal_despite_pressure_is_aimed_at_who_pressed(analyze):
    events = analyze("The mayor refused to step down despite mounting pressure from the "
                     "Audit Commission.")
    assert target_of(events, "REJECT") == "Audit Commission"


def test_an_attacked_shelter_is_an_attack_on_the_people_it_houses(analyze):
    events = analyze("A hostel for Syldavian migrants was attacked by masked men on Sunday.")
    assert target_of(events, "ASSAULT") == "Syldavian migrants"


def test_ordering_police_patrols_mobilises_police(analyze):
    events = analyze("The governor has ordered patrols by troops along the coast.")
    assert one(events, "MOBILIZE").actor.text == "governor"
