"""The events stage: who did what to whom, coded in PLOVER 1.0, with the evidence.

One pass over the tokens (`coder`), in five steps, each in its own module:

1. `triggers`: a token whose lemma is in the trigger lexicon (`lexicon`) is coded from
   itself and its nearest dependents ("bombarded", "called for", "imposed sanctions",
   "the invasion", "carried out strikes"); `screen` (rules in `context`) drops or recodes
   what its context shows is no such event, and `literal` what is no political event at
   all: markets and metaphors, contests (`figurative`), habits and kinds (`generic`),
   what the text does not assert (`asserted`).
2. `arguments`: actor and target from the dependency parse, linked to the entities
   stage's entities and coded with an ISO-3 country and a sector ("Israeli forces" ->
   ISR/MIL).
3. Statements are events: inside a quote, a statement without an actor is the speaker's,
   and the quote is linked (`coder`).
4. `modality`: negation ("no truce", "without a deal"), conditions ("if X invades") and
   intent ("threatened to invade", "a push for a ceasefire") are flagged, not coded as
   having happened; `place_and_date` adds where and when.
5. `merging`: the same event restated in later sentences joins the first one as more
   evidence; a flagged event, or a statement with no one making it, is dropped.
6. `salience`: the main event (the asserted act of the lead's main clause) and a
   salience order of the rest, which the GDELT export writes as IsRootEvent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from newsgraph.stages.events import explain, salience
from newsgraph.stages.events.coder import EventCoder
from newsgraph.stages.events.merging import (
    headline_apart,
    informative,
    merge_mentions,
    to_event,
)

if TYPE_CHECKING:
    from newsgraph.model import Document, Event
    from newsgraph.resources import Resources

__all__ = ["add_events", "code_events", "make_events"]


def code_events(document: Document) -> list[Event]:
    """All events of an analysed document, restatements merged, in text order."""
    trace = explain.current()
    if trace is not None:
        trace.begin()
    mentions = EventCoder(document).mentions()
    merged = merge_mentions(mentions)
    groups = informative(merged, document.doc)
    if trace is not None:
        trace.dropped(mentions, [m for group in groups for m in group],
                      "informative: a row no reader could use (no one named)")
        trace.dropped(mentions, [group[0] for group in merged], "restates an earlier mention",
                      "merged")
    text = document.article.text
    rows = [(part, group) for group in groups for part in headline_apart(group)]
    rows.sort(key=lambda row: min(m.trigger[0] for m in row[0]))
    events = [to_event(number, part, text, group)
              for number, (part, group) in enumerate(rows, start=1)]
    places, main = salience.rank([part for part, _ in rows], document.doc)
    main_groups = {id(rows[index][1]) for index in main}
    for event, place, (part, group) in zip(events, places, rows, strict=True):
        # a headline and the lead's row of one happening are both its main event
        event.salience, event.main = place, id(group) in main_groups and part[0].realis
    return events


def make_events(resources: Resources) -> Callable[[Document], None]:
    """The events stage (its trigger lexicon is a module table). The table of country,
    capital and town names that codes actors with a country is read here, once per worker
    (a second or so), rather than in the middle of the first article that names a place."""
    from newsgraph.stages.events.arguments import _country_codes

    _country_codes()
    return add_events


def add_events(document: Document) -> None:
    """The events stage: fills `article.events`."""
    document.article.events.extend(code_events(document))
