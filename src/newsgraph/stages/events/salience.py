"""Which event a text is about: its main event, and a salience order of the rest.

A report tells one happening and gives the others as its context: what caused it, what it
answers, when it came, whom it was done to. GDELT marks the events of an article's lead
as root events; we mark the act of the lead's main clause, reached through the parse:

- the lead is the first paragraph (after a headline) that asserts an act;
- within it, an act's depth is what stands between its trigger and the main verb of its
  sentence: nothing for the main verb, its coordinated verbs and what a reporting verb
  that is no event says ("police said gunmen stormed the depot": the storming); one step
  for an act inside another act (its object, its aim, its complement: "fired on
  a march" makes the march part of the firing); two for background: a relative clause
  about a participant, a clause or phrase of time or cause ("after", "during", "amid",
  "because", and phrases built on nouns of cause: "response", "wake");
- a statement that names an act it answers ("condemned the arrest of", "welcomed the
  release of") is a reaction: the act ranks before it;
- the main event is the asserted act (not negated, hypothetical or intended) of the
  lead's first sentence that asserts one, the least deep there; a second verb coordinated
  with the first ("arrested and beat") ranks just after it. Every event gets its place in
  that order (`Event.salience`, 1 = the main event): the lead's asserted events, then its
  flagged ones, then the rest, each group in text order and each sentence's least deep
  first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from newsgraph.stages.doc_tables import doc_text
from newsgraph.stages.events import lexicon as lex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsgraph.stages.events.mentions import EventMention

#: Words that make a clause or phrase the time or cause of another act ("after the raid",
#: "as police watched", "because of the strike", "despite the ban").
BACKGROUND_WORDS = frozenset("""
after following since before during amid amidst despite because as while when whereas
until till once though although ahead
""".split())
#: Nouns through which a phrase names the cause or occasion of an act: a response, a
#: reprisal, the wake, the eve, the aftermath or the result of something.
BACKGROUND_NOUNS = frozenset("""
response reaction retaliation reprisal revenge wake aftermath result consequence eve run-up
backdrop protest anniversary
""".split())
#: Statements that can answer an act they name: condemning, praising, denying, demanding
#: or threatening over it.
REACTION_TYPES = frozenset("ACCUSE SUPPORT REJECT REQUEST THREATEN CONCEDE".split())
#: How many arcs (coordination aside) above an act a statement answering it may be: its
#: object ("condemned the arrest") or its preposition's ("protested against the arrest",
#: "accused them of theft and beatings", where the parser may hang the "of" on "them"),
#: not an act named deeper inside a description of the object.
REACTION_REACH = 3
#: Depth of a background clause or phrase.
BACKGROUND = 2
#: Depth of an act inside another act (its object, aim or complement).
PART = 1


def _background_arc(child: Token) -> bool:
    """Does the arc from `child` to its head make it background to the head's clause?"""
    head = child.head
    if child.dep_ in {"relcl", "acl", "appos"}:
        return True  # "the town, the site of riots in May", "protesters who marched"
    if child.dep_ == "advcl":
        return any(c.dep_ in {"mark", "prep"} and c.lower_ in BACKGROUND_WORDS
                   for c in child.children)
    if child.dep_ in {"pobj", "pcomp", "dobj"} and head.lower_ in BACKGROUND_WORDS:
        return True
    return child.dep_ == "pobj" and head.dep_ == "prep" and (
        head.head.lemma_.lower() in BACKGROUND_NOUNS and head.head.pos_ == "NOUN")


def depth(token: Token, triggers: dict[int, str], material: bool = False
          ) -> tuple[int, int, set[int]]:
    """How deep an act's trigger lies below the main verb of its sentence (see the module
    docstring), how many coordinations lie between (a tie-break: the first verb of
    "arrested and beat" heads the pair), and, for a `material` act, the statements above
    it that react to it ("condemned the arrest of": the arrest is told, the condemnation
    answers it). `triggers` maps the acts' trigger tokens to their types (the walk goes
    up from `token`, so its own entry is never read)."""
    steps = seconds = arcs = 0
    reactions: set[int] = set()
    node = token
    seen = {node.i}
    while node.head.i != node.i and node.head.i not in seen:
        head = node.head
        arcs += node.dep_ != "conj"
        if node.dep_ == "conj":
            seconds += 1
        elif _background_arc(node):
            steps += BACKGROUND
        elif head.i in triggers and material and triggers[head.i] in REACTION_TYPES and (
                arcs <= REACTION_REACH):
            reactions.add(head.i)
        elif head.i in triggers and node.dep_ not in {"aux", "neg"}:
            steps += PART
        seen.add(head.i)
        node = head
    return steps, seconds, reactions


def _paragraph_starts(text: str) -> list[int]:
    """The offsets at which the paragraphs of a text begin: after each blank line when the
    text has any (a single line break then only wraps a line), else after each line break."""
    breaks = r"\n[ \t]*\n\s*" if re.search(r"\n[ \t]*\n", text) else r"\n+"
    return [0] + [match.end() for match in re.finditer(breaks, text)]


def _paragraph(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset) - 1


def _trigger_token(doc: Doc, mention: EventMention) -> Token | None:
    span = doc.char_span(*mention.trigger, alignment_mode="expand")
    return None if span is None or not len(span) else span.root


def rank(rows: list[list[EventMention]], doc: Doc) -> tuple[list[int], set[int]]:
    """Each row's place in the salience order (1 = first) and the rows that are the text's
    main event (indices into `rows`; none when no row is asserted)."""
    mentions = [m for row in rows for m in row]
    tokens = {id(m): _trigger_token(doc, m) for m in mentions}
    types = {tokens[id(m)].i: m.code.type for m in mentions if tokens[id(m)] is not None}
    depths = {}
    reacting: set[int] = set()
    for m in mentions:
        token = tokens[id(m)]
        if token is None:
            continue
        material = m.realis and m.code.type not in lex.VERBAL_TYPES
        steps, seconds, reactions = depth(token, types, material)
        depths[id(m)] = (steps, seconds)
        reacting |= reactions
    starts = _paragraph_starts(doc_text(doc))
    body = [_paragraph(starts, m.trigger[0]) for m in mentions if m.realis and not m.headline]
    lead = min(body) if body else 0

    def key(m: EventMention) -> tuple[int, int, int, int, int, int]:
        token = tokens[id(m)]
        steps, seconds = depths.get(id(m), (9, 0))
        if token is not None and token.i in reacting:
            steps += PART  # a reaction ranks after the act it answers
        outside = 0 if m.headline or _paragraph(starts, m.trigger[0]) <= lead else 1
        return (outside, not m.realis, m.sentence, steps, seconds, m.trigger[0])

    keys = [min(key(m) for m in row) for row in rows]
    order = sorted(range(len(rows)), key=keys.__getitem__)
    places = [0] * len(rows)
    for place, index in enumerate(order, start=1):
        places[index] = place
    asserted = [i for i in order if keys[i][1] == 0]
    if not asserted:
        return places, set()
    first = keys[asserted[0]]
    return places, {i for i in asserted if keys[i][:5] == first[:5]}
