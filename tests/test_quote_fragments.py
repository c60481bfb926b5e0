"""A split quote's fragments lie inside the quote: `start <= fragment <= end`, trimmed.

The long fuzz profile found a split quote whose second fragment ran past the quote's end:
the quote was trimmed of the white space inside its marks (“B. ”) and its pieces were not.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.geo.gazetteer import load_gazetteer
from newsgraph.model import misaligned_spans
from newsgraph.stages.entities import add_entities
from newsgraph.stages.quotes import add_quotes, fragments_within

PADDING = ["", " ", "  ", "\u00a0", "\t", " \u2009"]
PIECES = ["We will not give up,", "This is great, frankly a disaster.",
          "Nobody will be forgotten.", "It was, frankly, a disaster."]


def quotes_of(parse, text: str):
    document = parse(text)
    add_entities(document, load_gazetteer())
    add_quotes(document)
    return document.article


def test_a_second_fragment_with_space_before_its_closing_mark_stays_inside_the_quote(parse):
    text = "“We will not give up,” Anna Smith said. “This is great, frankly a disaster. ”"
    article = quotes_of(parse, text)
    (quote,) = article.quotes
    assert misaligned_spans(article) == []
    first, second = quote.fragments
    assert text[first[0]:first[1]] == "We will not give up,"
    assert text[second[0]:second[1]] == "This is great, frankly a disaster."
    assert second[1] == quote.end


def test_a_first_fragment_with_space_after_its_opening_mark_starts_with_the_quote(parse):
    text = "“ We will not give up,” Anna Smith said. “This is great, frankly a disaster.”"
    article = quotes_of(parse, text)
    (quote,) = article.quotes
    assert misaligned_spans(article) == []
    assert quote.fragments[0][0] == quote.start == text.index("We")


@st.composite
def split_quote(draw: st.DrawFn) -> str:
    """“A,” Name said. “B.”, with white space of any kind inside the marks, and sometimes
    a paragraph that continues the quote with a fresh opening mark."""
    def pad() -> str:
        return draw(st.sampled_from(PADDING))

    first, second = draw(st.sampled_from(PIECES)), draw(st.sampled_from(PIECES))
    text = f"“{pad()}{first}{pad()}” Anna Smith said. “{pad()}{second}{pad()}"
    if draw(st.booleans()):
        text += f"\n\n“{pad()}{draw(st.sampled_from(PIECES))}{pad()}"
    return text + "”"


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(split_quote())
def test_every_fragment_lies_inside_its_quote_and_is_trimmed(parse, text):
    article = quotes_of(parse, text)
    assert misaligned_spans(article) == []
    for quote in article.quotes:
        for start, end in quote.fragments or ():
            assert quote.start <= start < end <= quote.end
            piece = text[start:end]
            assert piece == piece.strip()


@given(st.text(alphabet=" \u00a0ab\n", max_size=30), st.data())
@settings(max_examples=300, database=None, derandomize=True)
def test_fragments_within_keeps_pieces_inside_the_bounds(text, data):
    n = len(text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    bounds = st.integers(0, n)
    pieces = sorted(tuple(sorted(p)) for p in data.draw(st.lists(st.tuples(bounds, bounds),
                                                                    max_size=4)))
    for first, last in fragments_within(text, pieces, start, end):
        assert start <= first < last <= end
        assert not text[first].isspace() and not text[last - 1].isspace()
