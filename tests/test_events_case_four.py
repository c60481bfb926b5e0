"""Assaults, protests, arrests and agreements read by their sense and main act (CASE pass four
on issue 16; every sentence was written for these tests)."""

from __future__ import annotations

import pytest

from newsgraph import analyze

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


def _coded(text: str) -> list[tuple[str, str]]:
    return [(e.type, e.cameo) for e in analyze(text).events
            if not (e.negated or e.hypothetical or e.intended)]


@pytest.mark.parametrize("text", [
    "Four dockers were killed during the crackdown on their strike in Lorenzburg.",
    "Troops launched a bloody crackdown on the opposition in the northern valley.",
    "The governor cracked down violently on the striking miners.",
])
def test_a_crackdown_told_as_violent_is_an_assault(text: str) -> None:
    assert ("ASSAULT", "175") in _coded(text)
    assert "COERCE" not in {t for t, _ in _coded(text)}


def test_a_crackdown_with_no_violence_told_stays_coercion() -> None:
    assert _coded("The city police began a crackdown on illegal street parking.") \
        == [("COERCE", "170")]


@pytest.mark.parametrize("text", [
    "A group of protesters barricaded the entrance to the shipyard on Tuesday.",
    "A crowd of demonstrators occupied the lobby of the town hall.",
])
def test_protesters_counted_by_a_collective_noun_protest(text: str) -> None:
    assert [t for t, _ in _coded(text)] == ["PROTEST"]


def test_protesters_counted_by_a_collective_noun_who_die_do_not_protest() -> None:
    assert _coded("Hundreds of protesters died of the heat that summer.") == []


def test_armed_men_occupying_a_building_still_take_it() -> None:
    assert _coded("Rebel fighters occupied the town hall of the river port.") \
        == [("COERCE", "192")]


@pytest.mark.parametrize(("text", "cameo"), [
    ("Rioters went on a looting spree through the harbour district overnight.", "1712"),
    ("The gunman went on a shooting spree at the bus depot.", "193"),
])
def test_a_spree_codes_the_act_its_modifier_names(text: str, cameo: str) -> None:
    assert _coded(text) == [("ASSAULT", cameo)]


def test_a_spree_of_no_act_is_no_event() -> None:
    assert _coded("The minister went on a spending spree in the capital's boutiques.") == []


def test_they_in_a_clause_under_a_crowd_marches_with_it() -> None:
    assert _coded("Hundreds of farmers waved banners as they marched to the ministry.") \
        == [("PROTEST", "141")]


def test_they_in_a_clause_under_soldiers_is_no_protest() -> None:
    assert _coded("The soldiers sang as they marched to the front.") == []


def test_a_crackdown_whose_sentence_tells_the_force_used_is_an_assault() -> None:
    coded = _coded("Officers swung batons and turned water cannon on the strikers in the "
                   "fiercest crackdown on the union in a decade.")
    assert {t for t, _ in coded} == {"ASSAULT"}


def test_a_crackdown_with_posters_torn_down_stays_coercion() -> None:
    assert _coded("Council workers tear down posters in a crackdown on graffiti.") \
        == [("COERCE", "170")]


@pytest.mark.parametrize("text", [
    "Police detained the union leader on charges of leading a banned protest.",
    "Police detained the union leader on charges linked to organising an unauthorised protest.",
    "The union leader was accused of staging an unauthorised protest.",
])
def test_an_act_named_by_its_light_verb_in_a_charge_is_its_topic(text: str) -> None:
    assert "PROTEST" not in {t for t, _ in _coded(text)}


def test_a_protest_organised_before_an_arrest_is_told_as_done() -> None:
    assert ("PROTEST", "141") in _coded(
        "Police detained the union leader after he staged a protest outside the ministry.")


@pytest.mark.parametrize("text", [
    "The car bomb claimed the lives of twelve soldiers near the depot.",
    "Rebel mortars took the lives of four children in the market on Sunday.",
])
def test_a_weapon_taking_lives_kills(text: str) -> None:
    assert [t for t, _ in _coded(text)] == ["ASSAULT"]


@pytest.mark.parametrize("text", [
    "The flu claimed many lives in the valley this winter.",
    "The earthquake took the lives of hundreds of villagers.",
])
def test_a_disease_or_a_quake_taking_lives_is_no_assault(text: str) -> None:
    assert _coded(text) == []


@pytest.mark.parametrize("text", [
    "Government forces launched their much-delayed offensive on the northern valley on Friday.",
    "The rebels have begun their long-expected assault on the river port.",
])
def test_a_planned_act_launched_is_done(text: str) -> None:
    assert [t for t, _ in _coded(text)] == ["ASSAULT"]


@pytest.mark.parametrize("text", [
    "The army will launch its planned offensive on the valley next week.",
    "The minister announced a planned offensive on the valley.",
])
def test_a_planned_act_not_yet_launched_is_not_done(text: str) -> None:
    assert _coded(text) == []


@pytest.mark.parametrize("text", [
    "So far this year, nine ferry workers have been killed on the northern routes.",
    "More than forty villagers have died in the valley since March.",
])
def test_a_toll_over_a_period_is_no_single_killing(text: str) -> None:
    assert _coded(text) == []


def test_a_perfect_killing_with_no_period_stays_an_event() -> None:
    assert [t for t, _ in _coded("Two border guards have been killed near the crossing.")] \
        == ["ASSAULT"]


def test_agreeing_to_an_interview_with_the_press_is_no_agreement() -> None:
    assert _coded("The senator agreed to a long interview with the Gazette about her "
                  "career.") == []


def test_agreeing_to_a_party_s_terms_stays_an_agreement() -> None:
    assert ("AGREE", "030") in _coded("The port authority agreed to the dockers' terms.")


@pytest.mark.parametrize("text", [
    "Officials worry about the frequency of shootings near the docks.",
    "The rate of arrests in the province doubled last year.",
    "The report describes the self-destruction of young gamblers in debt.",
])
def test_a_rate_of_a_kind_of_act_or_harm_to_oneself_is_no_event(text: str) -> None:
    assert _coded(text) == []


def test_the_scale_of_one_attack_is_still_that_attack() -> None:
    assert _coded("Officials were shocked by the scale of the attack on the depot.") \
        == [("ASSAULT", "190")]


def test_rioters_doing_something_riot() -> None:
    assert _coded("Rioters roamed the streets of the port overnight.") == [("PROTEST", "145")]
    assert _coded("Protesters roamed the streets of the port overnight.") \
        == [("PROTEST", "141")]


@pytest.mark.parametrize("text", [
    "The ministry banned the gang over its involvement in kidnapping.",
    "The smuggler was jailed for his role in kidnappings across the province.",
])
def test_a_part_in_a_kind_of_act_is_no_occasion(text: str) -> None:
    assert "ASSAULT" not in {t for t, _ in _coded(text)}


def test_a_part_in_one_attack_keeps_the_attack() -> None:
    assert _coded("He admitted his role in the attack on the depot.") == [("ASSAULT", "190")]


def test_the_acts_a_toll_sums_are_no_occasion_either() -> None:
    assert _coded("Forty ferry workers have been killed in clashes on the northern routes "
                  "this year.") == []
