"""Conservative cross-article entity linking: every stored (name, type) to a canonical name.

Rules, within one entity type only, from most to least certain:

* the same name up to case, punctuation and a leading "the" (confidence 1.0 for the
  canonical spelling itself, 0.95 for a variant);
* a known alias from the lexicon ("US", "U.S.", "America" -> "United States"; 0.9);
* a one-word person name that is the surname of exactly one fuller person name in the
  whole store ("Merkel" -> "Angela Merkel"; 0.8); with two candidates
  ("Angela Merkel", "Ulrich Merkel") it stays on its own;
  A capitalised one-word name that is also some person's first name ("James") never joins;
* an all-capitals acronym that spells the initials of exactly one fuller name of the same
  type, named in one article together with it ("UNRWA" -> "United Nations Relief and Works
  Agency"; 0.8);
* an office named without its holder ("Israel's prime minister") joins the one named
  person in the store who has that office among their roles ("Israeli Prime Minister";
  `newsgraph.link.offices`; 0.6). Two holders (over the years) and it stays on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsgraph.stages.lexicon import ALIASES, CANONICAL_NAMES

PERSON = "PERSON"
#: Confidence of each rule.
CONFIDENCE = {"exact": 1.0, "variant": 0.95, "lexicon": 0.9, "surname": 0.8, "acronym": 0.8,
              "role": 0.6}
#: Words left out of an acronym's initials.
_ACRONYM_SKIP = {"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "&"}
#: Name suffixes that are not a surname.
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_NON_WORD = re.compile(r"[^\w'&]+")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


@dataclass(frozen=True)
class Alias:
    """One stored entity name (per type) and the canonical entity it stands for."""

    alias: str
    type: str
    canonical: str
    confidence: float
    rule: str
    articles: int


def fold(name: str) -> str:
    """Case-folded name without dots, punctuation runs, extra spaces or a leading "the"."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("’", "'").replace(".", "")
    text = " ".join(_NON_WORD.sub(" ", text).split()).strip("'")
    return text[4:] if text.startswith("the ") else text


def _group_key(name: str, entity_type: str) -> str:
    key = fold(name)
    if entity_type == PERSON:
        return key
    return ALIASES.get("the " + key) or ALIASES.get(key, key)


def _surname(key: str) -> str:
    words = [w for w in key.split() if w not in _SUFFIXES]
    return words[-1] if words else key


def _initials(key: str) -> set[str]:
    words = key.split()
    return {"".join(w[0] for w in words if w not in _ACRONYM_SKIP),
            "".join(w[0] for w in words)}


def is_acronym(name: str) -> bool:
    """Two to six capital letters: a name that may abbreviate a longer one."""
    return bool(_ACRONYM.match(name))


def _last_word_capitalised(name: str) -> bool:
    words = [w for w in name.split() if fold(w) not in _SUFFIXES]
    return bool(words) and words[-1][:1].isupper()


def _offices_to_holders(groups: Mapping[tuple[str, str], list[str]],
                        roles: Mapping[tuple[str, str], list[str]]
                        ) -> dict[tuple[str, str], tuple[str, str]]:
    """Person groups named by an office, each to the one named person holding it."""
    from newsgraph.link.offices import office_key

    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    offices: dict[str, tuple[str, str]] = {}
    for (entity_type, key), members in groups.items():
        if entity_type != PERSON:
            continue
        named_by_office = [office_key(n) for n in members
                           if n in roles.get((n, PERSON), [])]
        if named_by_office and named_by_office[0]:
            offices[key] = named_by_office[0]
            continue
        for name in members:
            for role in roles.get((name, PERSON), []):
                if (office := office_key(role)) is not None and " " in key:
                    holders[office].add(key)
    return {(PERSON, key): (next(iter(holders[office])), "role")
            for key, office in offices.items() if len(holders[office]) == 1}


def build_aliases(names: Iterable[tuple[str, str, int]],
                  articles: Mapping[tuple[str, str], set[str]] | None = None,
                  roles: Mapping[tuple[str, str], list[str]] | None = None) -> list[Alias]:
    """Aliases for stored `(name, type, articles)` triples, sorted by type then alias.

    `articles` gives the ids of the articles naming each `(name, type)`; an acronym joins
    its expansion only when one article names both (at least the acronyms' articles are
    needed). Without it, acronyms stay on their own. `roles` gives each person's roles
    (offices join their holder only with it).
    """
    articles = articles or {}
    roles = roles or {}
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for name, entity_type, n in names:
        counts[(name, entity_type)] += n
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)  # (type, key) -> names
    for name, entity_type in sorted(counts):
        if fold(name):
            groups[(entity_type, _group_key(name, entity_type))].append(name)

    def display(entity_type: str, key: str) -> str:
        if entity_type != PERSON and key in CANONICAL_NAMES:
            return CANONICAL_NAMES[key]
        members = groups[(entity_type, key)]
        own = [n for n in members if fold(n) == key] or members
        return min(own, key=lambda n: (-counts[(n, entity_type)], -len(n), n))

    # One-word person names and acronyms join a unique fuller group of the same type.
    first_names = {k.split()[0] for t, k in groups if t == PERSON and " " in k}
    merged: dict[tuple[str, str], tuple[str, str]] = {}
    for entity_type, key in groups:
        if " " in key:
            continue
        members = groups[(entity_type, key)]
        if entity_type == PERSON:
            if not any(n[:1].isupper() for n in members) or key in first_names:
                continue
            targets = [k for t, k in groups if t == PERSON and " " in k and _surname(k) == key
                       and any(_last_word_capitalised(n) for n in groups[(t, k)])]
            rule = "surname"
        elif any(is_acronym(n) for n in members):
            seen = set().union(*(articles.get((n, entity_type), set()) for n in members))
            targets = [k for t, k in groups
                       if t == entity_type and " " in k and key in _initials(k)
                       and any(seen & articles.get((n, t), set()) for n in groups[(t, k)])]
            rule = "acronym"
        else:
            continue
        if len(targets) == 1:
            merged[(entity_type, key)] = (targets[0], rule)

    merged.update(_offices_to_holders(groups, roles))
    aliases: list[Alias] = []
    for (entity_type, key), members in groups.items():
        target, rule = merged.get((entity_type, key), (key, ""))
        canonical = display(entity_type, target)
        for name in members:
            if not rule:
                if name == canonical:
                    how = "exact"
                elif fold(name) == fold(canonical) or entity_type == PERSON:
                    how = "variant"
                else:
                    how = "lexicon" if fold(name) != key else "variant"
            else:
                how = rule
            aliases.append(Alias(name, entity_type, canonical, CONFIDENCE[how], how,
                                 counts[(name, entity_type)]))
    return sorted(aliases, key=lambda a: (a.type, a.alias))
