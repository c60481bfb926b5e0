"""Territory taken: PLOVER codes occupying or taking control of territory as COERCE 'seize'
(CAMEO 192 "occupy territory", mapped to COERCE in the CAMEO-to-PLOVER table); its target is
the place taken ("seized control of four villages": the villages, never "control")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.stages.events import context as ctx
from newsgraph.stages.events.lexicon import Code

if TYPE_CHECKING:
    from spacy.tokens import Token

#: The code of territory taken (CAMEO 192, PLOVER COERCE seize).
TAKEN_TERRITORY = Code("COERCE", "192", "seize")
#: Nouns of a portion of a place: control of "sections" of a valley takes the valley.
PART_NOUNS = frozenset("part most much rest half section swath stretch portion area".split())
#: Entity types of places.
PLACE_ENTITIES = frozenset("GPE LOC FAC".split())


def _of_object(noun: Token) -> Token | None:
    return next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"), None)


def is_territory(noun: Token) -> bool:
    """A place that can be held: a place name or a noun of territory ("the town", "a base")."""
    return noun.ent_type_ in PLACE_ENTITIES or (
        noun.lemma_.lower() in ctx.TERRITORY_NOUNS - {"control"})


def place_of_control(control: Token, verb: Token | None = None) -> Token | None:
    """The territory whose control is named: its "of" object, through a noun of a portion
    ("sections of the valley" -> valley); the parser may hang the "of" on the verb."""
    place = _of_object(control)
    if place is None and verb is not None:
        place = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"
                      and c.i > control.i for g in c.children if g.dep_ == "pobj"), None)
    if place is not None and place.lemma_.lower() in PART_NOUNS:
        place = _of_object(place) or place
    return place if place is not None and is_territory(place) else None


def control_target(target: Token | None, verb: Token | None, code: Code) -> Token | None:
    """The target of territory taken is the place, never the word "control"."""
    if target is None or code[:2] != TAKEN_TERRITORY[:2] or target.lemma_.lower() != "control":
        return target
    return place_of_control(target, verb) or target
