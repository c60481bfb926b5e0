"""The events stage: PLOVER types, actors and targets, flags, quotes and restatements."""

from __future__ import annotations

import pytest

from newsgraph.model import Event


@pytest.fixture(scope="module")
def analyze():
    import newsgraph

    def run(text: str) -> list[Event]:
        return newsgraph.analyze(text, published="2024-05-10").events

    return run


def happened(events: list[Event]) -> list[Event]:
    return [e for e in events if not (e.negated or e.hypothetical or e.intended)]


def shown(events: list[Event]) -> list[tuple]:
    """Each event as (type, trigger, actor, target) text, for assertion messages."""
    return [(e.type, e.trigger.text, e.actor and e.actor.text, e.target and e.target.text)
            for e in events]


def types(events: list[Event]) -> set[str]:
    return {e.type for e in happened(events)}


def coded(events: list[Event], event_type: str) -> list[Event]:
    """The events of one type, whatever their flags."""
    return [e for e in events if e.type == event_type]


def one(events: list[Event], event_type: str) -> Event:
    found = [e for e in happened(events) if e.type == event_type]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events]
    return found[0]


@pytest.mark.parametrize(("text", "expected"), [
    ("Israel and Hamas agreed to a ceasefire on Monday.", "AGREE"),
    ("Egyptian mediators met with Hamas leaders in Cairo on Tuesday.", "CONSULT"),
    ("The European Union praised the Kenyan government for the reforms.", "SUPPORT"),
    ("The government lifted the curfew in the capital.", "CONCEDE"),
    ("The two armies shared intelligence about the smugglers.", "COOPERATE"),
    ("Japan sent humanitarian aid to Turkey after the earthquake.", "AID"),
    ("The rebels released 20 hostages on Sunday.", "RETREAT"),
    ("The United Nations urged Israel to open more crossings.", "REQUEST"),
    ("Ukraine accused Russia of war crimes.", "ACCUSE"),
    ("Hamas rejected the proposal on Wednesday.", "REJECT"),
    ("Iran threatened to close the Strait of Hormuz.", "THREATEN"),
    ("Thousands of protesters marched in Nairobi against the tax bill.", "PROTEST"),
    ("The United States imposed sanctions on Russian banks.", "SANCTION"),
    ("Russia deployed troops to the border with Ukraine.", "MOBILIZE"),
    ("Police arrested 30 people in Istanbul on Saturday.", "COERCE"),
    ("Israeli forces bombarded Rafah on Friday.", "ASSAULT"),
])
def test_each_plover_type_is_coded(analyze, text, expected):
    assert expected in types(analyze(text))


def test_actor_and_target_are_coded_with_country_and_sector(analyze):
    event = one(analyze("Israeli forces bombarded Rafah on Friday."), "ASSAULT")
    assert (event.actor.country, event.actor.sector) == ("ISR", "MIL")
    assert event.target.text == "Rafah" and event.place
    assert event.date == "2024-05-10"
    assert event.trigger.text == "bombarded"
    rebels = one(analyze("Rebels attacked the town of Goma."), "ASSAULT")
    assert rebels.actor.sector == "REB"
    white_house = one(analyze("The White House condemned the bombing."), "ACCUSE")
    assert (white_house.actor.country, white_house.actor.sector) == ("USA", "GOV")
    aid_groups = one(analyze("Aid groups accused the army of blocking food deliveries."),
                     "ACCUSE")
    assert aid_groups.actor.sector == "NGO"
    hamas = one(analyze("Hamas fighters fired on an army patrol."), "ASSAULT")
    assert (hamas.actor.country, hamas.actor.sector) == ("PSE", "REB")


def test_conditions_negations_and_intentions_are_flagged_not_happened(analyze):
    events = analyze("If Turkey invades the enclave, the talks will collapse.")
    invasion = [e for e in events if e.type == "ASSAULT"]
    assert invasion and all(e.hypothetical for e in invasion)
    events = analyze("The negotiators flew home from Geneva without a deal.")
    assert not any(e.type == "AGREE" for e in events)  # a missing deal is no event to show
    events = analyze("With no ceasefire on the horizon, the shelling continued.")
    assert not any(e.type == "RETREAT" and not e.negated for e in events)  # and no row: no one
    events = analyze("With no ceasefire between the army and rebels on the horizon, "
                     "the war continued.")
    assert any(e.type == "RETREAT" and e.negated for e in events)
    events = analyze("Iran threatened to invade the island.")
    assert "THREATEN" in types(events)
    assert "ASSAULT" not in types(events)
    assert any(e.type == "ASSAULT" and e.intended for e in events)
    events = analyze("The army will attack the city next week.")
    assert "ASSAULT" not in types(events)


def test_a_statement_is_coded_with_its_speaker_and_quote(analyze):
    import newsgraph

    article = newsgraph.analyze('"We condemn this attack," the French foreign minister said.')
    event = one(article.events, "ACCUSE")
    assert event.quote is not None
    assert article.quotes[event.quote].start <= event.trigger.start < \
        article.quotes[event.quote].end
    assert event.actor is not None and "minister" in event.actor.text


def test_one_happening_restated_is_one_event_with_two_evidence_spans(analyze):
    events = analyze("Russian troops attacked Kharkiv on Monday. Officials said the attack by "
                     "Russian troops killed five people.")
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert len(assaults) == 1
    assert len(assaults[0].evidence) == 2
    assert assaults[0].actor.country == "RUS"


def test_two_actions_in_one_sentence_stay_two_events(analyze):
    events = analyze("Government troops shelled Homs and conducted ground operations on its "
                     "outskirts.")
    assert len([e for e in happened(events) if e.type == "ASSAULT"]) == 2


def test_disasters_and_bad_input_code_nothing(analyze, parse):
    from newsgraph.stages.events import code_events

    assert not types(analyze("At least 12 people were killed when a boiler exploded at a "
                             "chemical plant."))
    for text in ("", " \n ", "<script>alert(1)</script> ;;; ### \x00", "🙂" * 50,
                 "Le gouvernement a condamné l'attaque contre la ville."):
        assert code_events(parse(text)) == []


def test_gdelt_style_figures_follow_from_the_type_and_mode():
    from newsgraph.stages.events.lexicon import EVENT_TYPES, intensity, quad_class

    assert len(EVENT_TYPES) == 16
    assert quad_class("ASSAULT") == 4 and quad_class("CONSULT") == 1
    assert intensity("ASSAULT", "aerial") == -9.5 and intensity("AID") == 10
