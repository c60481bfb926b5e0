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
