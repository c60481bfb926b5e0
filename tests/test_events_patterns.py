"""General patterns of the event coder: when a trigger word names no event, codebook
recodings, irrealis scope and arguments. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.test_events import analyze, happened, one, types

__all__ = ["analyze"]  # the module-scoped fixture, shared with test_events


@pytest.mark.parametrize(("text", "absent"), [
    # a participle that describes a noun reports no act
    ("A man accused of theft was released on bail by the court in Nairobi on Monday.",
     "ACCUSE"),
    ("Soldiers deployed near the border fired at the smugglers on Sunday, officials said.",
     "MOBILIZE"),
    ("The police raided the offices of the banned party in Ankara on Tuesday.", "COERCE-ban"),
    # forces of nature and objects make no statements
    ("Wildfires threatened several villages near Athens on Monday, officials said.",
     "THREATEN"),
    ("A missile slammed into a school in Kharkiv on Monday morning, officials said.", "ACCUSE"),
    # named meetings, accusations and investigations without anyone holding them
    ("Prices of hotel rooms in the city rose sharply ahead of the summit next week.", "CONSULT"),
    ("Police are looking into a crash on the ring road that sent three drivers to hospital on "
     "Friday.", "ASSAULT"),
    # accidents, disarmament, disaster relief and cyber attacks are not assaults
    ("Six passengers were killed when a minibus overturned on a mountain road in Bolivia on "
     "Friday.", "ASSAULT"),
    ("Soldiers destroyed a cache of landmines and rockets near the border on Sunday.",
     "ASSAULT"),
    ("The cabinet mobilized soldiers to help families hit by the floods in the northern "
     "districts.", "MOBILIZE"),
    ("Hackers attacked the website of the foreign ministry in Tallinn on Tuesday.", "ASSAULT"),
])
def test_words_that_name_no_event_here(analyze, text, absent):
    events = analyze(text)
    if absent == "COERCE-ban":
        assert not [e for e in happened(events) if e.trigger.text == "banned"]
    else:
        assert absent not in types(events), [(e.type, e.trigger.text) for e in events]


def test_a_cyber_attack_is_coerce_cyber(analyze):
    event = one(analyze("Hackers attacked the website of the foreign ministry in Tallinn on "
                        "Tuesday."), "COERCE")
    assert event.mode == "cyber"


def test_demands_of_protesters_are_their_protest(analyze):
    events = analyze("Thousands of protesters demanded the release of jailed activists in "
                     "Minsk on Sunday.")
    assert "PROTEST" in types(events)
    assert "REQUEST" not in types(events)


def test_clashes_with_protesters_are_a_riot(analyze):
    event = one(analyze("There were clashes between police and protesters in Quito late on "
                        "Saturday."), "PROTEST")
    assert event.mode == "riot"


def test_a_protest_broken_up_by_police_still_happened(analyze):
    events = analyze("Police dispersed a peaceful demonstration in Minsk with tear gas on "
                     "Sunday.")
    assault = one(events, "ASSAULT")
    assert assault.mode == "crowd-control"
    assert assault.target is not None and "demonstration" in assault.target.text
    assert "PROTEST" in types(events)


def test_future_cooperation_is_agree_and_a_postponed_meeting_is_reject(analyze):
    events = analyze("The presidents of Kenya and Uganda will meet in Geneva next month, "
                     "officials said.")
    assert "AGREE" in types(events) and "CONSULT" not in types(events)
    events = analyze("Serbia postponed its meeting with Kosovo in Brussels on Tuesday.")
    reject = one(events, "REJECT")
    assert reject.mode == "meet" and reject.target.country == "XKX"
    assert "CONSULT" not in types(events)


def test_what_is_not_yet_or_not_at_all_is_flagged(analyze):
    events = analyze("Neither the teachers nor the nurses joined the strike last month.")
    assert any(e.type == "PROTEST" and e.negated for e in events)
    assert "PROTEST" not in types(events)
    events = analyze("Thousands of residents fled ahead of a possible invasion of the town.")
    assert any(e.type == "ASSAULT" and e.intended for e in events)
    assert "ASSAULT" not in types(events)
    events = analyze("Kharkiv is still not a safe place to visit, the mayor said on Monday.")
    assert "CONSULT" not in types(events)
    events = analyze("Riot officers used tear gas on students during clashes with "
                     "protesters in Jakarta on Tuesday.")
    assert "PROTEST" in types(events)  # "during the clashes": they happened


def test_opposition_and_received_aid_code_their_actors(analyze):
    # opposing a bill refuses a proposal (REJECT); the test is about its actor
    event = one(analyze("The bill was opposed by the main opposition party in parliament on "
                        "Tuesday."), "REJECT")
    assert "opposition party" in event.actor.text
    event = one(analyze("Jordan received military aid from the United States in March, "
                        "officials said."), "AID")
    assert event.actor.country == "USA" and event.target.country == "JOR"


def test_a_country_is_coded_as_a_country_and_the_object_of_the_act_is_not_its_target(
        analyze):
    event = one(analyze("The United States imposed sanctions on Iran on Monday."), "SANCTION")
    assert (event.actor.country, event.actor.sector) == ("USA", None)
    assert event.target.text == "Iran"
    event = one(analyze("Russian troops fired rockets at Odesa overnight."), "ASSAULT")
    assert event.target.text == "Odesa" and event.mode == "heavy-weapons"


def test_reported_speech_gives_its_speaker_only_to_statements(analyze):
    events = analyze("Two people were killed in the shelling of the town, the agency reported.")
    assert all(e.actor is None or "agency" not in e.actor.text for e in happened(events))


@pytest.mark.parametrize(("text", "absent"), [
    # a campaign rally is no protest; a rally against something is
    ("Speaking at a rally in Michigan on Friday, the senator promised lower taxes.", "PROTEST"),
    # attacks made in words are accusations
    ("The senator attacked the governor in a series of angry tweets on Monday night.",
     "ASSAULT"),
    ("The senator attacked the governor's record on crime in a televised speech on Monday.",
     "ASSAULT"),
    # figurative uses of seize, meet and appeal
    ("The opposition seized on the report to demand new elections in the capital.", "COERCE"),
    ("The plan to raise fuel prices in the country has met with strong opposition.", "CONSULT"),
    ("Commentators in the capital credit the candidate's broad appeal among young voters.",
     "REQUEST"),
])
def test_figurative_and_campaign_uses_code_no_such_event(analyze, text, absent):
    assert absent not in types(analyze(text)), [(e.type, e.trigger.text) for e in analyze(text)]


def test_a_rally_against_something_and_an_attack_in_words(analyze):
    assert "PROTEST" in types(analyze("Thousands of students held a rally against the new "
                                      "tuition fees in Santiago on Friday."))
    event = one(analyze("The senator attacked the governor in a series of angry tweets on "
                        "Monday night."), "ACCUSE")
    assert event.mode == "disapprove"
