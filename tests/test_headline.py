"""Titles for every article (issue 21): the headline line a titleless text starts with."""

from __future__ import annotations

import pytest

from newsgraph.ingest.headline import headline_of
from newsgraph.model import Source
from newsgraph.pipeline import Analyzer
from newsgraph.settings import Settings

BODY = "\n\nThe council met on Tuesday and voted to close the old harbour bridge for repairs."


@pytest.mark.parametrize(("text", "title"), [
    ("Harbour Plan Stalls: Council Puts Off the Bridge Vote Again." + BODY,
     "Harbour Plan Stalls: Council Puts Off the Bridge Vote Again"),
    ("Harbour bridge to close for repairs" + BODY, "Harbour bridge to close for repairs"),
    ("  Harbour   bridge to close\n" + BODY, "Harbour bridge to close"),
    ("Will The Bridge Close?" + BODY, "Will The Bridge Close?"),
])
def test_a_headline_line_is_the_title(text: str, title: str) -> None:
    assert headline_of(text) == title


@pytest.mark.parametrize("text", [
    "The council voted to close the bridge on Tuesday." + BODY,  # a lead sentence
    "Bridge closes. Council says repairs will take a year" + BODY,  # two sentences
    "Harbour bridge to close for repairs",  # nothing after it
    "Breaking:" + BODY,
    " ".join(["word"] * 30) + BODY,  # too long
])
def test_no_headline(text: str) -> None:
    assert headline_of(text) is None


def test_titleless_input_gets_its_headline_and_a_given_title_wins() -> None:
    analyzer = Analyzer(Settings())
    text = "Harbour bridge to close for repairs" + BODY
    untitled, titled = analyzer.analyze_batch([
        Source(text=text, origin="a.txt"),
        Source(text=text, origin="b.txt", id="b", title="Given title")])
    assert untitled.title == "Harbour bridge to close for repairs"
    assert titled.title == "Given title"
