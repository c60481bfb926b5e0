"""Sport pages and parties acting on themselves (issue 16, session 14). Texts written for
these tests."""

from __future__ import annotations

from tests.test_events import analyze, happened

__all__ = ["analyze"]

GAME_REPORT = (
    "The Harbor City Gulls beat the Riverside Owls 3-1 on Saturday to stay top of the "
    "league. After halftime the Owls barely attacked, and a shot by the Gulls' striker "
    "settled the match late in the game. The coach welcomed the new goalkeeper to the club "
    "after the match, and the team's fans sang until the final whistle. It was the club's "
    "fifth win of the season."
)


def types(events) -> set[str]:
    return {event.type for event in happened(events)}


def test_a_game_report_codes_no_assault_threat_or_welcome(analyze):
    assert types(analyze(GAME_REPORT)) == set()


def test_a_government_act_on_a_sport_page_is_still_an_event(analyze):
    events = analyze(GAME_REPORT + " Police arrested twelve fans outside the stadium after "
                     "the match.")
    assert "COERCE" in types(events)


def test_a_protest_on_a_sport_page_is_still_an_event(analyze):
    events = analyze(GAME_REPORT + " Hundreds of supporters protested outside the club's "
                     "offices against the owners on Sunday.")
    assert "PROTEST" in types(events)


def test_one_sentence_of_sport_words_is_no_sport_page(analyze):
    # a single sentence never makes a page: the contest rules alone decide it
    events = analyze("Soldiers attacked the stadium where the league's team trains, the "
                     "army said.")
    assert "ASSAULT" in types(events)


def test_a_party_is_never_the_target_of_its_own_act(analyze):
    events = analyze("Senator Maria Lopez spoke at the dinner on Friday. Expressing her "
                     "gratitude for her family, she wrote: \"I am thankful to know this kind "
                     "of love.\"")
    for event in events:
        assert event.actor is None or event.target is None or (
            event.actor.entity is None or event.actor.entity != event.target.entity)
