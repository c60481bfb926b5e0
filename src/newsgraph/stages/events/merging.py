"""One happening, one event: the same event restated in nearby sentences joins the first
mention as more evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.model import Event, Span
from newsgraph.stages.events import context as ctx
from newsgraph.stages.events import lexicon as lex
from newsgraph.stages.events.mentions import Argument, EventMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Types whose two sides act alike: "talks between A and B" names both parties as target.
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})

#: Acts aimed at a party by definition: praise or backing of someone, a meeting with
#: someone. With no one named, the row says nothing (a reader cannot use "X met").
DIRECTED_TYPES = frozenset({"SUPPORT", "CONSULT"})
#: First words of an actor that names parties acting on each other.
MUTUAL_WORDS = frozenset("both two three four several all".split())

#: How many sentences apart two mentions of one happening may be.
MERGE_WINDOW = 5


def _compatible(a: Argument | None, b: Argument | None) -> bool:
    return a is None or b is None or a.key is None or b.key is None or a.key == b.key


def _shares_key(a: EventMention, b: EventMention) -> bool:
    return any(x is not None and y is not None and x.key is not None and x.key == y.key
               for x, y in ((a.actor, b.actor), (a.target, b.target)))


def _keyless(m: EventMention) -> bool:
    return all(arg is None or arg.key is None for arg in (m.actor, m.target))


def _participantless(m: EventMention) -> bool:
    """Names no one: neither actor nor target ("the raid", "protests")."""
    return m.actor is None and m.target is None


def informative(groups: list[list[EventMention]], doc: Doc | None = None
                ) -> list[list[EventMention]]:
    """Drop what no reader could use as a row: an event none of whose mentions names anyone,
    when it is negated, hypothetical or intended ("hopes to stop the shelling", "no
    ceasefire yet") or a statement or meeting, which has a speaker or parties by definition ("a
    call for calm", "the summit"). Acts of force that name no one stay ("a bomb exploded
    in the market"); so do the same words with a participant, flagged or not.

    A negated, hypothetical or intended event whose actor is no one identified is dropped
    too ("they could denounce her", "rival states may strike"): a possibility with no one
    to hold to it tells a reader nothing.

    Praise or a meeting aimed at no one named is dropped, unless its actor names parties
    acting on each other ("the two leaders met").

    A statement with a target but no one making it is dropped too ("criticism of the
    mayor", "speaking with reporters"), unless a passive names no doer by construction
    ("the officer was charged") or the target holds both parties of a meeting or an
    agreement ("talks between the two unions")."""
    return [group for group in groups if _worth_a_row(group, doc)]


def _worth_a_row(group: list[EventMention], doc: Doc | None) -> bool:
    if doc is not None:
        for mention in group:
            _maker_from_relative(doc, mention)
    first = group[0]
    if first.realis and first.code.type in DIRECTED_TYPES and all(
            m.target is None and not _mutual(m.actor) for m in group):
        return False  # "the senator praised", "the minister met": with whom is not said
    if all(_participantless(m) for m in group):
        return first.realis and first.code.type not in lex.VERBAL_TYPES
    if not first.realis and not any(_identified(m) for m in group):
        return False
    if first.code.type not in lex.VERBAL_TYPES or any(m.actor is not None for m in group):
        return True
    if first.code.type in SYMMETRIC_TYPES and any(
            m.target is not None and " and " in m.target.text for m in group):
        return True
    return doc is not None and any(_passive(doc, m) for m in group)


def _mutual(actor: Argument | None) -> bool:
    """Parties that act on each other: "Ruritania and Freedonia", "the two countries",
    "both sides" (their pact or meeting needs no target)."""
    if actor is None:
        return False
    words = actor.text.lower().split()
    return " and " in f" {' '.join(words)} " or bool(words and words[0] in MUTUAL_WORDS)


def _identified(m: EventMention) -> bool:
    """Whoever is said to threaten, plan or possibly do it, if anyone, is someone a reader
    can hold to it: a named entity or a country ("the senator", "Ruritania"), or a sector
    noun announcing its own intent ("the army threatened to"); not "they", "rival
    states" or what "the ministry could" do. (An act with no actor named stays: "an
    invasion of the islands was foiled".)"""
    if m.actor is None:
        return True
    return m.actor.key is not None or (m.actor.sector is not None and not m.hypothetical)


def _maker_from_relative(doc: Doc, mention: EventMention) -> None:
    """"the demands that the union made": the subject of a relative clause on a statement
    noun made it; taken as the target, it becomes the actor."""
    if mention.actor is not None or mention.target is None or mention.target.start is None:
        return
    span = doc.char_span(*mention.trigger, alignment_mode="expand")
    for token in span or ():
        if token.pos_ != "NOUN":
            continue
        for clause in token.children:
            if clause.dep_ in {"relcl", "acl"} and clause.pos_ == "VERB" and any(
                    c.dep_ == "nsubj" and c.idx <= mention.target.start < c.idx + len(c.text)
                    for c in clause.children):
                mention.actor, mention.target = mention.target, None
                return


def _passive(doc: Doc, mention: EventMention) -> bool:
    """The trigger is a passive verb ("was accused", "has been charged"), or names no doer
    by construction ("is under investigation", "drew criticism")."""
    span = doc.char_span(*mention.trigger, alignment_mode="expand")
    return span is not None and any(
        (token.pos_ in {"VERB", "AUX"} and ctx.passive_voice(token))
        or (token.lower_ == "under" and token.dep_ == "prep")
        or (token.pos_ == "NOUN" and ctx.receiving_party(token) is not None)
        for token in span)  # ("drew criticism": received, from no one named)


def _weight(m: EventMention) -> int:
    """How well a mention names its participants: coded ones count twice."""
    return sum(arg is not None and arg.key is not None for arg in (m.actor, m.target)) + sum(
        arg is not None for arg in (m.actor, m.target))


def _text(argument: Argument | None) -> str | None:
    return None if argument is None else argument.text.lower()


def _same_row(a: EventMention, b: EventMention) -> bool:
    """Two mentions of one sentence that a reader would see as the same row: same type,
    flags, actor and target."""
    return a.sentence == b.sentence and a.code.type == b.code.type and (
        a.negated, a.hypothetical, a.intended) == (b.negated, b.hypothetical, b.intended) and (
        _text(a.actor) == _text(b.actor) and _text(a.target) == _text(b.target))


def merge_mentions(mentions: list[EventMention]) -> list[list[EventMention]]:
    """Group restatements: same type and flags, compatible participants, nearby sentences,
    never two mentions of one sentence (those are different happenings). A mention that names
    no one joins an earlier event of its type and flags anywhere in the article: "the
    shooting" later in a story is the one told before, and a row with no participants would
    add nothing a reader could attribute."""
    groups: list[list[EventMention]] = []
    for mention in mentions:
        best = None
        for group in groups:
            first = group[0]
            if first.code.type != mention.code.type or first.realis != mention.realis or (
                    (first.negated, first.hypothetical, first.intended)
                    != (mention.negated, mention.hypothetical, mention.intended)):
                continue
            if any(m.sentence == mention.sentence for m in group):
                if any(_same_row(m, mention) for m in group):
                    best = group  # "offered to hold talks with X": one promise, said twice
                    break
                continue
            if min(abs(m.sentence - mention.sentence) for m in group) > MERGE_WINDOW and \
                    not _participantless(mention):
                continue
            modes = {m.code.mode for m in group if m.code.mode} | (
                {mention.code.mode} if mention.code.mode else set())
            if len(modes) > 1:
                continue
            if not all(_compatible(m.actor, mention.actor) and _compatible(m.target,
                                                                           mention.target)
                       for m in group):
                continue
            if any(_shares_key(m, mention) for m in group) or _keyless(mention) or all(
                    _keyless(m) for m in group):
                best = group
                break
        if best is None:
            groups.append([mention])
        else:
            best.append(mention)
    return groups


def headline_apart(group: list[EventMention]) -> list[list[EventMention]]:
    """A headline's mention and the report's of one event are two rows, each its own
    evidence: the headline is the outlet's summary above the report."""
    parts = [[m for m in group if m.headline], [m for m in group if not m.headline]]
    return [part for part in parts if part]


def to_event(number: int, group: list[EventMention], text: str,
             restated: list[EventMention] | None = None) -> Event:
    """The event of a group of mentions: the best-argued mention, filled in from the rest
    (and from `restated`, the other mentions of the same happening)."""
    main = max(group, key=lambda m: (_weight(m), -m.sentence))
    others = group + [m for m in restated or () if m not in group]
    actor = main.actor or next((m.actor for m in others if m.actor is not None), None)
    target = main.target or next((m.target for m in others if m.target is not None), None)
    start, end = main.trigger
    evidence = sorted({span for m in group for span in m.evidence})
    return Event(
        id=f"v{number}", type=main.code.type, cameo=main.code.cameo, mode=main.code.mode,
        actor=actor.model() if actor else None, target=target.model() if target else None,
        place=main.place or next((m.place for m in group if m.place), None),
        date=main.date or next((m.date for m in group if m.date), None),
        trigger=Span(start=start, end=end, text=text[start:end]),
        negated=main.negated, hypothetical=main.hypothetical, intended=main.intended,
        quote=main.quote if main.quote is not None else next(
            (m.quote for m in group if m.quote is not None), None),
        evidence=[Span(start=s, end=e, text=text[s:e]) for s, e in evidence],
    )
