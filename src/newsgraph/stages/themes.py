"""Themes: an open word list mapped to GKG theme names, with offsets (GKG V2ENHANCEDTHEMES).

Our taxonomy is `THEME_WORDS` below: each GKG theme name (names as in GDELT's GKG theme
list) with the lemmas that mark it. A word marks a theme at its offset; each count of the
counts stage marks its own type (KILL, WOUND, ARREST, KIDNAP, PROTEST, DISPLACED) at the
count's offset. Words are read by lemma, as nouns, verbs, adjectives or proper nouns only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from newsgraph.model import Document, ThemeRef
from newsgraph.stages.doc_tables import token_table

if TYPE_CHECKING:
    from newsgraph.resources import Resources

THEME_WORDS: dict[str, tuple[str, ...]] = {
    "PROTEST": ("protest", "protester", "protestor", "demonstration", "demonstrator"),
    "KILL": ("kill", "killing", "murder", "slay"),
    "WOUND": ("injure", "wound"),
    "ARREST": ("arrest", "detain", "detention"),
    "KIDNAP": ("kidnap", "abduct", "abduction", "hostage", "kidnapping"),
    "ELECTION": ("election", "ballot", "voter", "electoral", "reelection"),
    "TERROR": ("terrorism", "terrorist", "terror"),
    "REFUGEES": ("refugee", "asylum"),
    "DISPLACED": ("displace", "displacement"),
    "EVACUATION": ("evacuate", "evacuation", "evacuee"),
    "MILITARY": ("military", "army", "troop", "soldier", "airstrike"),
    "CEASEFIRE": ("ceasefire", "truce"),
    "NEGOTIATIONS": ("negotiation", "negotiate", "negotiator"),
    "SANCTIONS": ("sanction",),
    "CORRUPTION": ("corruption", "bribery", "bribe", "embezzlement"),
    "LEGISLATION": ("legislation", "legislature", "lawmaker", "legislator"),
    "IMMIGRATION": ("immigration", "immigrant", "migrant"),
    "TRIAL": ("trial", "verdict", "acquit", "convict"),
    "ASSASSINATION": ("assassination", "assassinate"),
    "NATURAL_DISASTER_FLOOD": ("flood", "flooding"),
    "NATURAL_DISASTER_EARTHQUAKE": ("earthquake", "quake"),
    "HEALTH_PANDEMIC": ("pandemic", "epidemic"),
    "AID_HUMANITARIAN": ("humanitarian",),
    "ECON_INFLATION": ("inflation",),
    "UNEMPLOYMENT": ("unemployment", "jobless"),
    "POVERTY": ("poverty",),
    "BLOCKADE": ("blockade",),
    "REBELLION": ("rebellion", "uprising", "insurgency", "insurgent"),
    "PEACEKEEPING": ("peacekeeper", "peacekeeping"),
    "DEMOCRACY": ("democracy",),
}
#: Lemma -> GKG theme.
THEME_OF = {word: theme for theme, words in THEME_WORDS.items() for word in words}
_CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "PROPN"})


def make_themes(resources: Resources) -> Callable[[Document], None]:
    """The themes stage (its taxonomy is the module table `THEME_WORDS`)."""
    return add_themes


def add_themes(document: Document) -> None:
    """Append a `ThemeRef` for each theme word and each count, in text order."""
    article = document.article
    table = token_table(document.doc)
    found = [ThemeRef(start=start, end=start + len(text), text=text, theme=theme)
             for start, text, tag, lemma, lower in zip(table.starts, table.texts, table.tags,
                                                       table.folded_lemmas, table.lowers,
                                                       strict=True)
             if tag in _CONTENT_POS
             and (theme := THEME_OF.get(lemma) or THEME_OF.get(lower))]
    found += [ThemeRef(start=c.start, end=c.end, text=c.text, theme=c.type)
              for c in article.counts]
    unique = {(ref.start, ref.theme): ref for ref in found}
    article.themes.extend(sorted(unique.values(), key=lambda ref: (ref.start, ref.theme)))
