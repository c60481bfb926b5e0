"""Rules of the event coder added after the split into `stages/events/`: prevented and
awaited acts, readiness, military moves, rules in force, prisoner exchanges, participles
and unknown names. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.test_events import analyze, happened, one, types

__all__ = ["analyze"]  # the module-scoped fixture, shared with test_events


@pytest.mark.parametrize(("text", "event_type", "flag"), [
    # what was prevented or escaped did not happen
    ("Villagers foiled an attack on the market in Kaduna on Sunday.", "ASSAULT", "negated"),
    ("The convoy left the town without firing a single shot, residents said.", "ASSAULT",
     "negated"),
    ("The rules do not allow soldiers to arrest journalists, the minister said.", "COERCE",
     "negated"),
    # what is faced, feared or prepared for is ahead
    ("The activist faces deportation to Egypt, his lawyer said on Monday.", "COERCE",
     "intended"),
    ("The navy is ready to repel an invasion of the islands, the admiral said.", "ASSAULT",
     "intended"),
    ("The militia is mobilizing its fighters for an attack on the port, officials said.",
     "ASSAULT", "intended"),
])
def test_prevented_and_awaited_acts_are_flagged(analyze, text, event_type, flag):
    events = analyze(text)
    assert any(e.type == event_type and getattr(e, flag) for e in events), \
        [(e.type, e.trigger.text, e.negated, e.intended) for e in events]
    assert event_type not in types(events)


def test_a_military_move_is_mobilize_and_is_not_coded_beside_fighting(analyze):
    event = one(analyze("Army units entered the town of Kidal on Sunday, a spokesman said."),
                "MOBILIZE")
    assert event.mode == "troops"
    events = analyze("Army units entered the town of Kidal and clashed with the rebels there "
                     "on Sunday.")
    assert "ASSAULT" in types(events) and "MOBILIZE" not in types(events)
    assert "MOBILIZE" not in types(analyze("Police entered the house on Friday morning."))


@pytest.mark.parametrize(("text", "absent"), [
    ("The freighter carried rifles in breach of the weapons embargo, inspectors said.",
     "SANCTION"),
    ("The ceasefire between the two militias collapsed on Friday, residents said.", "RETREAT"),
    ("The districts under their occupation were cut off from food supplies.", "COERCE"),
    ("Gunmen occupying the village fired on a patrol on Sunday, the army said.", "COERCE"),
    ("The drone captured footage of the flooded valley on Tuesday.", "COERCE"),
    ("A boiler exploded at a factory in Dhaka. Twelve workers were injured, police said.",
     "ASSAULT"),
])
def test_standing_states_and_accidents_are_no_events(analyze, text, absent):
    events = analyze(text)
    assert absent not in types(events), [(e.type, e.trigger.text) for e in events]


def test_an_observed_or_declared_ceasefire_is_a_retreat(analyze):
    # CAMEO2PLOVER-2021 (openeventdata/PLOVER): 0871 "declare truce, ceasefire" -> RETREAT
    assert "RETREAT" in types(analyze("The ceasefire took effect at midnight, officials said."))
    events = analyze("The rebel commander announced a ceasefire in the north on Monday.")
    assert "RETREAT" in types(events) and "CONCEDE" not in types(events)


def test_prisoner_exchanges_and_released_fighters_are_releases(analyze):
    for text in ("The two armies exchanged prisoners near the border on Tuesday.",
                 "Monday's prisoner swap between the militia and the army went smoothly.",
                 "The army released 20 rebels on Friday, a spokesman said."):
        event = one(analyze(text), "RETREAT")
        assert event.mode == "release", text


def test_withdrawing_from_a_treaty_reduces_relations(analyze):
    events = analyze("Chile withdrew on Monday from its salmon accord with Argentina.")
    assert "SANCTION" in types(events) and "RETREAT" not in types(events)


def test_later_demands_of_protesters_are_their_protest(analyze):
    events = analyze("Hundreds of protesters gathered outside parliament on Sunday. They "
                     "demanded the release of the jailed editor.")
    assert "PROTEST" in types(events) and "REQUEST" not in types(events)


def test_a_participle_undergoes_its_act(analyze):
    event = one(analyze("Rescuers found the bodies of five farmers killed by gunmen near "
                        "Jos on Sunday."), "ASSAULT")
    assert event.actor is not None and event.actor.text == "gunmen"
    assert event.target is not None and "farmers" in event.target.text
    event = one(analyze("Residents collected the shells fired by the army at the village."),
                "ASSAULT")
    assert event.mode == "heavy-weapons"


def test_collective_nouns_are_coded_as_their_members(analyze):
    event = one(analyze("A band of armed gunmen attacked the hamlet of Dalu on Monday."),
                "ASSAULT")
    assert event.actor is not None and event.actor.sector == "REB"


def test_unknown_names_can_act_and_lemmatiser_slips_are_mended(analyze):
    events = analyze("Dorwinion and Freedonia welcomed the agreement on Thursday, officials said.")
    assert "SUPPORT" in types(events)
    events = analyze("After years of silence, Dorwinion and Rhun renewed diplomatic ties.")
    assert "SUPPORT" in types(events)
    event = one(analyze("Soldiers cordoned off the main square of the capital on Friday."),
                "COERCE")
    assert event.mode == "restrict"


def test_prevented_attack_keeps_its_flag_in_the_article(analyze):
    events = analyze("Police thwarted a bombing at the stadium in Kampala on Saturday.")
    assert not [e for e in happened(events) if e.type == "ASSAULT"]
