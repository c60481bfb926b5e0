"""`syntax.whole_word_matches` must find what the regular expression it replaced finds:
the same matches, in the same order, on texts and names written for these tests."""

from __future__ import annotations

import re

import pytest

from newsgraph.stages.syntax import occurrences, whole_word_matches


def by_pattern(text: str, names: list[str]) -> list[tuple[int, int, str]]:
    """The former search: one alternation, longest name first, whole words only."""
    ordered = sorted(dict.fromkeys(n for n in names if n), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in ordered)
                         + r")(?![\w-])")
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


CASES = [
    ("Port Elland and Elland Bay voted. Elland's mayor left Port Elland-based firms alone.",
     ["Elland", "Port Elland", "Elland Bay"]),
    ("The U.S. envoy met the U.S.-backed council; U.S. officials said the U.S.",
     ["U.S.", "U.S", "US"]),
    ("Ana Ana Ana_b Ana1 -Ana Ana- ana Ana", ["Ana", "Ana Ana"]),
    ("Zoë Brandt and Brandt met Zoë in Łódź; Łódźki was shut.", ["Zoë", "Brandt", "Łódź"]),
    ("Lee Lee Lee Lee", ["Lee Lee", "Lee"]),
    ("The Marsh Road and Road Marsh", ["Marsh", "Road", "Road Marsh", "Marsh Road"]),
    ("abcabc abc", ["abc", "cab", "bca", ""]),
    ("no names here", []),
]


@pytest.mark.parametrize(("text", "names"), CASES)
def test_same_matches_as_the_pattern(text: str, names: list[str]) -> None:
    found = [(o.start, o.end, o.name) for o in whole_word_matches(text, names)]
    assert found == (by_pattern(text, names) if any(names) else [])


def test_a_longer_name_that_is_no_whole_word_gives_way_to_a_shorter_one() -> None:
    # "Holt Road" runs into a hyphen, so "Holt" is the name at that start
    text = "Holt Road-side stalls and Holt Road shops"
    found = [(o.start, o.name) for o in whole_word_matches(text, ["Holt", "Holt Road"])]
    assert found == [(s, n) for s, _, n in by_pattern(text, ["Holt", "Holt Road"])] == \
        [(0, "Holt"), (26, "Holt Road")]


def test_occurrences_keep_only_token_aligned_matches(nlp) -> None:
    doc = nlp("Mira Holt spoke. Holt left, and Holtby stayed with Holt.")
    found = [(o.name, span.text) for o, span in occurrences(doc, ["Holt", "Mira Holt"])]
    assert found == [("Mira Holt", "Mira Holt"), ("Holt", "Holt"), ("Holt", "Holt")]
