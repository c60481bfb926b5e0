"""Stories of one long named happening (issue 21): a summit's or a convention's pieces, each
about one part of it, join when the event is what both are mainly about."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.link import cluster
from newsgraph.link import stories as stories_module
from newsgraph.link.stories import StoryDoc
from newsgraph.link.terms import TermWeights, cosine, named_events


@pytest.mark.parametrize(("text", "keys"), [
    ("Delegates met at the Harbour Summit.", {"V:harbour summit": 1}),
    ("The Harbour summit ended; the Harbour Summit hall emptied.", {"V:harbour summit": 2}),
    ("She won the second televised debate.", {"V:second debate": 1}),
    ("The Green Party's convention opened.", {"V:green convention": 1}),
    ("Rain fell before Hurricane Pelle; Tropical Storm Pelle had formed.", {"V:storm pelle": 2}),
    # An incident named by its place: one key whichever noun an outlet uses.
    ("After the Quayside ferry bombing and the Quayside attacks, the Port Vell shooting.",
     {"V:quayside incident": 2, "V:port vell incident": 1}),
    # Not a named event: no modifier, a day or a year as the modifier, a list.
    ("The debate was long.", {}),
    ("The Monday debate and the 2030 convention were long.", {}),
    ("The Harbour and the summit were far apart.", {}),
    ("The first attack and the Friday shooting; the shooting at dawn.", {}),
])
def test_named_events_are_found_by_modifier_and_noun(text: str, keys: dict) -> None:
    assert dict(named_events(text)) == keys


DAY = date(2031, 6, 3)
SPEECH = ("Delegates at the Harbour Summit heard the premier speak about fishing quotas and "
          "coastal jobs. The summit runs until Thursday, and the premier promised new boats "
          "for the summit town.")
PROTEST = ("Hundreds of protesters marched through the old quarter on the second day of the "
           "Harbour Summit, waving banners against the new pipeline. Police closed two "
           "bridges near the summit hall.")
BAKERY = ("The bakery on the market square won a prize for its rye bread. The owner, who "
          "catered the Harbour Summit, said flour prices rose and bread sales fell; bakeries "
          "across the region raised bread prices, and bread queues grew.")


def _docs() -> list[StoryDoc]:
    """Three short reports. Their lead (`LEAD_WORDS`) is the whole text, whose every word it
    counts once more: the tests that read word ranks (`EVENT_TERMS` 5) set it aside."""
    return [StoryDoc("a", DAY, SPEECH, "Harbour Summit opens with a speech on fishing"),
            StoryDoc("b", date(2031, 6, 4), PROTEST, "Protesters march outside the summit"),
            StoryDoc("c", DAY, BAKERY, "Rye bread wins the county prize")]


def test_pieces_of_one_named_event_join(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stories_module, "EVENT_TERMS", 5)
    monkeypatch.setattr(stories_module, "LEAD_BOOST", 0)
    docs = _docs()
    weights = TermWeights.fit(doc.terms() for doc in docs)
    assert [[d.id for d in story] for story in cluster(docs, weights=weights)] == [["a", "b"]]
    assert docs[0].main_events == docs[1].main_events == {"V:harbour summit"}
    # The bakery names the summit behind heavier words: not what it is about.
    assert docs[2].main_events == frozenset()
    assert docs[0].vector is not None and docs[1].vector is not None
    assert cosine(docs[0].vector, docs[1].vector) < stories_module.SIMILAR  # too few words


def test_without_the_named_event_rule_the_pieces_stay_apart(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stories_module, "EVENT_TERMS", 5)
    monkeypatch.setattr(stories_module, "EVENT_SIMILAR", 2.0)  # no cosine reaches it
    docs = _docs()
    assert cluster(docs, weights=TermWeights.fit(doc.terms() for doc in docs)) == []


def test_a_named_event_joins_only_within_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stories_module, "EVENT_TERMS", 5)
    monkeypatch.setattr(stories_module, "LEAD_BOOST", 0)
    docs = _docs()
    docs[1].day = date(2031, 6, 20)
    assert cluster(docs, weights=TermWeights.fit(doc.terms() for doc in docs)) == []


GUNMAN = ("Investigators said the gunman in the Quayside shooting had bought two rifles in "
          "March and had visited the ferry terminal twice. The shooting killed six people.")
VIGIL = ("Thousands lit candles on the promenade for the victims of the Quayside massacre, "
         "and the mayor asked residents to give blood; the massacre was the port's worst.")
OTHER = ("A shooting range outside Lenport reopened after repairs, its owner said, and the "
         "range will host the regional shooting contest in May.")


def test_reports_of_one_incident_in_other_words_join() -> None:
    docs = [StoryDoc("a", DAY, GUNMAN, "Gunman bought rifles months before"),
            StoryDoc("b", date(2031, 6, 4), VIGIL, "Port mourns its dead"),
            StoryDoc("c", DAY, OTHER, "Range reopens")]
    weights = TermWeights.fit(doc.terms() for doc in docs)
    assert [[d.id for d in story] for story in cluster(docs, weights=weights)] == [["a", "b"]]
    assert docs[0].main_events == docs[1].main_events == {"V:quayside incident"}
    assert docs[0].vector is not None and docs[1].vector is not None
    assert cosine(docs[0].vector, docs[1].vector) < stories_module.SIMILAR
