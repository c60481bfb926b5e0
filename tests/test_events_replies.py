"""Events on news nobody tuned for (issue 16, session 14): general shapes of political
news that no rule read before. Every sentence is our own."""

from __future__ import annotations

import pytest

from tests.test_events import analyze, happened, shown

__all__ = ["analyze"]


@pytest.mark.parametrize("text", [
    "The senator fired back at Mayor Ruth Okafor on Tuesday over the transit budget.",
    "Governor Alvarez hit back at his rivals in a statement on Friday.",
    '"She has never run anything," Daniel Osei shot back.',
])
def test_a_blow_returned_in_words_is_criticism_not_an_assault(analyze, text):
    events = happened(analyze(text))
    assert [e.type for e in events] == ["ACCUSE"], shown(events)


def test_the_target_of_a_retort_is_whom_it_is_aimed_at(analyze):
    events = happened(analyze("The senator fired back at Mayor Ruth Okafor on Tuesday."))
    assert "Okafor" in events[0].target.text, shown(events)


@pytest.mark.parametrize("text", [
    "Soldiers at the checkpoint fired back at the gunmen.",
    "The guard fired back with his rifle after the robbers opened fire.",
])
def test_armed_people_firing_back_still_assault(analyze, text):
    assert "ASSAULT" in {e.type for e in happened(analyze(text))}, shown(analyze(text))



@pytest.mark.parametrize("text", [
    "Norway hit back at Sweden on Monday.",
    "The senator hit back at the mayor with a lawsuit.",
])
def test_a_country_s_returned_blow_or_one_with_means_is_not_a_retort(analyze, text):
    assert not [e for e in happened(analyze(text)) if e.trigger.text.startswith("hit")], \
        shown(analyze(text))


def test_a_name_given_in_quotation_marks_after_the_party_is_rated(analyze):
    events = happened(analyze('On Tuesday the senator doubled down, calling Governor Mills '
                              '"a fraud" who "cannot be trusted."'))
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert accuse and "Mills" in accuse[0].target.text, shown(events)


def test_a_name_no_listed_word_rates_is_blame_when_the_party_is_portrayed_badly(analyze):
    events = happened(analyze("Speaking at a town hall in Dayton, Senator Ortiz went after "
                              'Governor Mills, calling him "a total stiff."'))
    assert [e.type for e in events] == ["ACCUSE"], shown(events)
    assert "Ortiz" in events[0].actor.text, shown(events)


def test_a_name_rated_well_is_never_blame(analyze):
    events = happened(analyze("Speaking at a town hall in Dayton, Senator Ortiz praised "
                              'Governor Mills, calling him "a true friend of this city."'))
    assert "ACCUSE" not in {e.type for e in events}, shown(events)


@pytest.mark.parametrize("text", [
    "The senator's attacks on the central bank drew a rebuke from economists.",
    "Governor Mills launched a blistering attack on the newspaper on Sunday.",
    "The candidate attacked the media over its coverage of the debate.",
    "Republicans attacked the bill as a giveaway to insurers.",
])
def test_attacks_by_people_in_politics_on_bodies_and_measures_are_words(analyze, text):
    events = happened(analyze(text))
    assert "ASSAULT" not in {e.type for e in events}, shown(events)
    assert "ACCUSE" in {e.type for e in events}, shown(events)


@pytest.mark.parametrize("text", [
    "Rebels attacked the governor's convoy near the border.",
    "Gunmen attacked the senator's office on Monday.",
    "The senator's bodyguard attacked the intruder with a knife.",
])
def test_attacks_by_armed_people_or_on_places_stay_assaults(analyze, text):
    assert "ASSAULT" in {e.type for e in happened(analyze(text))}, shown(analyze(text))


@pytest.mark.parametrize("text", [
    "The reporter talked with Senator Ortiz about the budget on Monday.",
    "Senator Ortiz spoke with reporters after the vote.",
    "Host Ann Lee talks to Senator Ortiz about the shutdown.",
])
def test_talking_with_the_press_is_an_interview_not_a_consultation(analyze, text):
    assert "CONSULT" not in {e.type for e in happened(analyze(text))}, shown(analyze(text))


def test_talks_between_officials_stay_consultations(analyze):
    events = happened(analyze("The president spoke with the prime minister by phone on "
                              "Tuesday."))
    assert "CONSULT" in {e.type for e in events}, shown(events)


def test_a_meeting_its_maker_says_will_not_happen_is_a_refusal(analyze):
    events = happened(analyze("The minister told reporters he would not meet the rebel leaders."))
    assert [e.type for e in events] == ["REJECT"], shown(events)
    assert "rebel" in events[0].target.text, shown(events)


@pytest.mark.parametrize("text", [
    "Analysts said the minister would not meet the rebel leaders.",
    "She fears that the minister will not meet with the rebel leaders.",
    "The minister would not meet the rebel leaders if they kept fighting.",
])
def test_a_meeting_others_expect_not_to_happen_is_no_refusal(analyze, text):
    assert "REJECT" not in {e.type for e in happened(analyze(text))}, shown(analyze(text))


@pytest.mark.parametrize("text", [
    "The senator denied that he had met the lobbyist.",
    "The ministry denied it had sent troops across the border.",
])
def test_what_a_denial_denies_did_not_happen(analyze, text):
    assert not {e.type for e in happened(analyze(text))} & {"CONSULT", "MOBILIZE"}, \
        shown(analyze(text))


def test_an_act_told_beside_a_denial_still_happened(analyze):
    events = happened(analyze("The ministry denied that troops had crossed the border, but "
                              "residents said soldiers shelled the village."))
    assert "ASSAULT" in {e.type for e in events}, shown(events)
