"""Counts as GDELT's GKG counts them: "12 people were killed" -> KILL, 12, people.

An amount (from the amounts stage) is a count when a trigger word stands next to it in the
parse: a word attached to the counted noun ("12 people killed", "30 wounded civilians"), the
verb it depends on ("police arrested 40 protesters", "12 people were killed", "injuring
30"), that verb's subject ("the death toll rose to 30"), else the noun itself ("12
protesters", "30 dead"). The counted object is the amount's noun when it is not the trigger
("people", "soldiers"). Money, percentages and measures are never counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from newsgraph.model import Amount, Count, Document

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from newsgraph.resources import Resources

#: Trigger lemma -> GDELT count type (GKG codebook: KILL, WOUND, ARREST, KIDNAP, PROTEST,
#: DISPLACED).
TRIGGERS = {
    **dict.fromkeys(("kill", "die", "dead", "death", "murder", "fatality", "toll", "slay",
                     "execute", "behead"), "KILL"),
    **dict.fromkeys(("injure", "wound", "injury", "hurt", "injured", "wounded"), "WOUND"),
    **dict.fromkeys(("arrest", "detain", "detention", "detainee", "jail", "imprison"),
                    "ARREST"),
    **dict.fromkeys(("kidnap", "abduct", "hostage", "abduction", "kidnapping"), "KIDNAP"),
    **dict.fromkeys(("protester", "demonstrator", "protest", "rally", "march",
                     "protestor"), "PROTEST"),
    **dict.fromkeys(("displace", "flee", "evacuate", "refugee", "homeless", "evacuee",
                     "uproot"), "DISPLACED"),
}
#: Relations of the head verb's children that can name what a count is about.
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def is_countable(amount: Amount) -> bool:
    """A whole, positive number of things: not money, a share or a measure."""
    if amount.value is None or amount.value <= 0 or amount.value != int(amount.value):
        return False
    unit = amount.unit or ""
    return not (unit.isupper() or unit in ("%", "percent") or "$" in amount.text
                or any(char.isdigit() for char in unit))


def candidates(span: SpacySpan) -> Iterator[Token]:
    """The words a trigger may be: the noun's modifiers, its verb and that verb's subject
    (what happened to them: "police arrested 40 protesters" is an ARREST), then the noun
    itself ("40 protesters", "30 dead")."""
    noun = span.root
    yield from (child for child in noun.children if child.i not in range(span.start, span.end))
    below, head = noun, noun.head
    for _ in range(2):
        if head.i == below.i:
            break
        yield head
        yield from (c for c in head.children if c.dep_ in _SUBJECTS and c.i != below.i)
        below, head = head, head.head
    yield noun


def count_of(amount: Amount, span: SpacySpan) -> Count | None:
    """The `Count` an amount is, when a trigger word is attached to it."""
    for token in candidates(span):
        kind = TRIGGERS.get(token.lemma_.lower()) or TRIGGERS.get(token.lower_)
        if kind:
            noun = span.root
            counted = "" if noun.like_num or noun == token else noun.lower_
            return Count(start=amount.start, end=amount.end, text=amount.text, type=kind,
                         number=int(amount.value), object=counted or None,
                         trigger=token.lemma_.lower())
    return None


def make_counts(resources: Resources) -> Callable[[Document], None]:
    """The counts stage (its trigger words are a module table)."""
    return add_counts


def add_counts(document: Document) -> None:
    """Append a `Count` for each amount that counts the killed, wounded, arrested ..."""
    article, doc = document.article, document.doc
    for amount in article.amounts:
        if not is_countable(amount):
            continue
        span = doc.char_span(amount.start, amount.end, alignment_mode="expand")
        if span is not None and len(span):
            found = count_of(amount, span)
            if found:
                article.counts.append(found)
