"""GDELT Event Mentions 2.0: one tab-separated row of 16 columns per sentence that reports an
event, for the events of the Events export (`gdelt_events`, same GlobalEventID).

An event's sentences are its evidence spans (the sentence of its trigger, and each sentence
that restates it); an event without evidence has one row, for its trigger, so that an
event's rows number its NumMentions. Per row:

- EventTimeDate and MentionTimeDate: the 15-minute update in which the store took the article
  in (the event's DATEADDED: our rows have one article each, so an event is first seen with
  the article that reports it);
- MentionType 1 (WEB) with the URL when the article has one, else 2 (CITATIONONLY) with the
  `urn:newsgraph:` identifier; MentionSourceName the bare domain, as in the GKG export;
- SentenceID: the sentence's number in the article, from 1 (the tone stage's sentences when
  it ran, else counted from sentence-final punctuation);
- Actor1/Actor2/ActionCharOffset: where the actor (a mention of its entity within the
  sentence, else its argument's own span in the trigger's sentence) and the action (the
  trigger, else the start of the restating sentence) are; -1 when not found there;
- InRawText 1 for the trigger's sentence (the event read as written), 0 for a restatement
  matched to it; Confidence 100 for the trigger's sentence and 50 for a restatement (our
  convention: GDELT's own scale is not published);
- MentionDocLen (characters), MentionDocTone (the article's tone, as AvgTone),
  MentionDocTranslationInfo empty (nothing is machine translated), Extras empty.

Like GDELT's files, the output has no header row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from newsgraph.export import text_output
from newsgraph.export.gdelt import added_stamp, document_identifier, number
from newsgraph.export.gdelt_events import asserted, event_id
from newsgraph.export.gkg import source_of
from newsgraph.model import Article, Event, EventArgument, Span

COLUMNS = (
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
)
assert len(COLUMNS) == 16
#: Confidence of a row: the trigger's own sentence, a sentence restating the event.
TRIGGER_CONFIDENCE, RESTATED_CONFIDENCE = "100", "50"
NOT_FOUND = "-1"
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*\n")


def sentence_starts(article: Article) -> list[int]:
    """The start offset of each sentence of the article, in order."""
    if article.tone and article.tone.sentences:
        return sorted(sentence.start for sentence in article.tone.sentences)
    return [0] + [match.end() for match in _SENTENCE_END.finditer(article.text)]


def sentence_number(starts: list[int], offset: int) -> int:
    """The 1-based number of the sentence holding `offset`."""
    return max(1, sum(start <= offset for start in starts))


def _sentences(event: Event) -> list[Span]:
    """The event's reporting sentences in text order, the trigger alone when it has none."""
    return sorted(event.evidence, key=lambda span: span.start) or [event.trigger]


def _inside(span: Span, start: int | None) -> bool:
    return start is not None and span.start <= start < span.end


def _actor_offset(article: Article, argument: EventArgument | None, sentence: Span) -> str:
    """Where the actor is named within `sentence`: its argument's span, else the first
    mention of its entity there; -1 when neither lies in the sentence."""
    if argument is None:
        return NOT_FOUND
    if _inside(sentence, argument.start):
        return str(argument.start)
    for entity in article.entities:
        if argument.entity and entity.id == argument.entity:
            found = [m.start for m in entity.mentions if _inside(sentence, m.start)]
            if found:
                return str(min(found))
    return NOT_FOUND


def rows(article: Article, now: datetime | None = None) -> list[list[str]]:
    """The 16 fields of each mention of each asserted event of `article`."""
    stamp = added_stamp(article, now or datetime.now(UTC))
    collection, source = source_of(article)
    kind = str(collection)
    starts = sentence_starts(article)
    tone = number(article.tone.tone) if article.tone else "0"
    found: list[list[str]] = []
    for index, event in asserted(article):
        for sentence in _sentences(event):
            own = _inside(sentence, event.trigger.start) or sentence == event.trigger
            fields = {
                "GlobalEventID": str(event_id(article.id, index)),
                "EventTimeDate": stamp, "MentionTimeDate": stamp,
                "MentionType": kind, "MentionSourceName": source,
                "MentionIdentifier": document_identifier(article),
                "SentenceID": str(sentence_number(starts, sentence.start)),
                "Actor1CharOffset": _actor_offset(article, event.actor, sentence),
                "Actor2CharOffset": _actor_offset(article, event.target, sentence),
                "ActionCharOffset": str(event.trigger.start if own else sentence.start),
                "InRawText": "1" if own else "0",
                "Confidence": TRIGGER_CONFIDENCE if own else RESTATED_CONFIDENCE,
                "MentionDocLen": str(len(article.text)), "MentionDocTone": tone,
                "MentionDocTranslationInfo": "", "Extras": "",
            }
            found.append([fields[column] for column in COLUMNS])
    return found


def write(articles: Iterable[Article], output: Path | TextIO) -> int:
    """Write the mention rows of every article; the number of rows."""
    now = datetime.now(UTC)
    count = 0
    with text_output(output) as handle:
        for article in articles:
            for fields in rows(article, now):
                handle.write("\t".join(fields))
                handle.write("\n")
                count += 1
    return count
