"""The PLOVER type of an act by the codebook's definitions, where a word's usual type is
wrong: attacks on computers are COERCE 'cyber', not ASSAULT. Sentences written for these
tests."""

from __future__ import annotations

import pytest

from tests.test_events import analyze, types

__all__ = ["analyze"]  # the module-scoped fixture, shared with test_events


@pytest.mark.parametrize("text", [
    "Activists from Borduria launched a cyber attack on the finance ministry last week.",
    "The railway operator said a ransomware attack by a criminal gang froze its ticket sales.",
    "Officials blamed a hacking attack for the outage of the tax office on Monday.",
    "A group of hackers claimed a cyber attack on the port authority of Rotterdam on Sunday.",
    "Syldavian hackers defaced dozens of government websites during the election.",
    "Unknown attackers attacked the email servers of the national bank overnight.",
])
def test_attacks_on_computers_are_coerce_cyber(analyze, text):
    events = analyze(text)
    assert "ASSAULT" not in types(events), [(e.type, e.trigger.text) for e in events]
    assert [e.mode for e in events if e.type == "COERCE"] == ["cyber"], [
        (e.type, e.mode, e.trigger.text) for e in events]


@pytest.mark.parametrize("text", [
    "Rebels fired rockets at the power grid of the port during the night.",
    "Gunmen attacked the computer shop in the market on Friday, killing its owner.",
    "Vandals defaced a statue of the king in the central square on Saturday.",
])
def test_physical_attacks_stay_assaults(analyze, text):
    events = analyze(text)
    assert "cyber" not in [e.mode for e in events], [(e.type, e.mode, e.trigger.text)
                                                      for e in events]


@pytest.mark.parametrize(("text", "named"), [
    ("The cabinet announced tariffs on Borduria in reply to what its ministers said were "
     "rocket strikes on border towns.", "strikes"),
    ("The cabinet expelled two envoys over what it called an assault on its embassy.",
     "assault"),
    ("Tokyo summoned the ambassador after what officials described as a naval blockade of "
     "the strait.", "blockade"),
])
def test_a_speakers_name_for_an_act_is_a_claim(analyze, text, named):
    events = analyze(text)
    assert named not in [e.trigger.text.split()[-1] for e in events
                         if not (e.negated or e.hypothetical or e.intended)], [
        (e.type, e.trigger.text) for e in events]


@pytest.mark.parametrize(("text", "kind"), [
    ("The cabinet expelled two envoys after rebels attacked its embassy.", "ASSAULT"),
    ("Hundreds of nurses joined what the union called a protest march in Leeds on Friday.",
     "PROTEST"),
])
def test_an_act_told_as_it_happened_stays(analyze, text, kind):
    assert kind in types(analyze(text))


@pytest.mark.parametrize("text", [
    "Syldavia recalled its ambassador from Borduria in protest on Monday.",
    "The government suspended ferry services to Syldavia in protest at the closure of its "
    "consulate.",
    "Poland sent a diplomatic note of protest to Minsk on Friday.",
])
def test_a_states_protest_is_no_demonstration(analyze, text):
    """Codebook: diplomatic protests are ACCUSE; PROTEST presumes a physical protest."""
    events = analyze(text)
    assert "PROTEST" not in types(events), [(e.type, e.trigger.text) for e in events]


def test_a_note_of_protest_is_a_formal_complaint(analyze):
    events = analyze("Poland sent a diplomatic note of protest to Minsk on Friday.")
    assert [(e.type, e.cameo) for e in events] == [("ACCUSE", "114")]


@pytest.mark.parametrize("text", [
    "Dock workers walked off the job in protest over unpaid wages.",
    "Hundreds of students gathered in protest outside the ministry of education.",
])
def test_people_acting_in_protest_still_protest(analyze, text):
    assert "PROTEST" in types(analyze(text))


@pytest.mark.parametrize("text", [
    "Police searched the homes of three opposition activists on Wednesday.",
    "Soldiers searched the newsroom offices of an independent weekly in Bamako overnight.",
])
def test_a_search_by_security_forces_is_coerce_seize(analyze, text):
    """Codebook: COERCE 'seize' is "execute search, confiscate property, raid"."""
    events = analyze(text)
    assert [(e.type, e.mode) for e in events] == [("COERCE", "seize")], [
        (e.type, e.mode, e.trigger.text) for e in events]


def test_rescuers_searching_houses_coerce_no_one(analyze):
    events = analyze("Volunteers searched the houses along the river for missing neighbours.")
    assert "COERCE" not in types(events)


@pytest.mark.parametrize(("text", "kind"), [
    ("The opposition demanded an inquiry into the sale of the state airline.", "REQUEST"),
    ("The opposition rejected the spending plan in the assembly on Tuesday.", "REJECT"),
    ("Teachers demanded higher pay in a petition to the education minister.", "REQUEST"),
])
def test_a_partys_or_a_letters_demand_is_no_protest(analyze, text, kind):
    """Codebook: PROTEST presumes people protesting in person; a party's demand in
    parliament or a demand made in a letter is a REQUEST (or a REJECT)."""
    events = analyze(text)
    assert kind in types(events) and "PROTEST" not in types(events), [
        (e.type, e.trigger.text) for e in events]


@pytest.mark.parametrize("text", [
    "Protesters outside the court demanded that the jailed poet be freed.",
    "The opposition marched through the capital and demanded new elections.",
])
def test_a_protests_demands_stay_the_protest(analyze, text):
    assert "PROTEST" in types(analyze(text))


@pytest.mark.parametrize(("text", "awaited"), [
    ("The militia said the government must free its prisoners before the fighters disarm.",
     "disarm"),
    ("The union vowed to keep picketing until the company withdraws the pay cut.",
     "withdraws"),
])
def test_an_act_awaited_in_a_time_clause_has_not_happened(analyze, text, awaited):
    events = analyze(text)
    assert awaited not in [e.trigger.text for e in events
                           if not (e.negated or e.hypothetical or e.intended)]


def test_an_act_told_in_a_past_time_clause_happened(analyze):
    events = analyze("The guards fired shots before the prisoners surrendered on Monday.")
    assert "surrendered" in [e.trigger.text for e in events if not e.intended]


@pytest.mark.parametrize(("text", "wanted"), [
    ("The council repeated its call for troops to withdraw by May.", "withdraw"),
    ("The opposition insisted that the president resign before any talks.", "resign"),
    ("The families demanded that the colonel be arrested for the killings.", "arrested"),
])
def test_what_is_called_for_has_not_happened(analyze, text, wanted):
    events = analyze(text)
    assert wanted not in [e.trigger.text.split()[-1] for e in events
                          if not (e.negated or e.hypothetical or e.intended)], [
        (e.type, e.trigger.text, e.intended) for e in events]


def test_a_bare_infinitive_after_help_is_done(analyze):
    events = analyze("Farmers helping the army fight the rebels said the town was quiet.")
    assert [e.intended for e in events if e.type == "ASSAULT"] == [False]


@pytest.mark.parametrize("text", [
    "Lifting the curfew in the old town is off the table, the governor said.",
    "Withdrawing the troops from the border is not an option, the general told reporters.",
])
def test_an_act_ruled_out_has_not_happened(analyze, text):
    events = analyze(text)
    assert not [e for e in events if not (e.negated or e.hypothetical or e.intended)], [
        (e.type, e.trigger.text) for e in events]


@pytest.mark.parametrize("text", [
    "Oslo's suspension of ferry services with Borduria began on Tuesday.",
    "The government halted all flights to Syldavia after the arrest of its consul.",
])
def test_links_cut_with_a_party_reduce_relations(analyze, text):
    assert "SANCTION" in types(analyze(text))


def test_flights_cancelled_for_weather_reduce_nothing(analyze):
    events = analyze("The airline suspended flights during the storm on Tuesday.")
    assert "SANCTION" not in types(events)


def test_sworn_to_fight_on_is_a_threat(analyze):
    events = analyze("The village militia had sworn to keep fighting until the bandits were "
                     "gone.")
    assert "THREATEN" in types(events), [(e.type, e.trigger.text) for e in events]
