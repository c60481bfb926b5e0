"""Generated news-like documents for the offset property test and the fuzz benchmark.

Documents mix sentences that the stages act on (names, places, dates, amounts, quotes
with every kind of quotation mark, events) with what breaks offsets and parsers: Unicode
edge cases (no-break and zero-width spaces, combining marks, astral characters,
right-to-left text, line and paragraph separators), huge tokens, empty paragraphs and
odd line breaks. `html_page` wraps the same paragraphs in a page.
"""

from __future__ import annotations

import html

from hypothesis import strategies as st

NAMES = ["Anna Smith", "Kofi Mensah", "María José Pérez", "Olaf Brandt", "Li Wei",
         "the senator", "a senior official", "Dr. Amira Haddad", "O'Neill", "Jean-Luc Moreau"]
ORGS = ["Reuters", "the United Nations", "Acme Corp.", "NATO", "the Ministry of Health"]
PLACES = ["London", "Paris, Texas", "Gaza", "São Paulo", "northern Syria", "the U.S.",
          "Kyiv", "New York City"]
WHEN = ["on Monday", "last week", "in March 2021", "the '90s", "yesterday", "on 3/4/2022",
        "two years ago", "this morning"]
AMOUNTS = ["more than 2,000 people", "$1.5 billion", "a dozen soldiers", "30%", "¥500"]
#: Opening and closing marks of every kind, paired and unpaired.
QUOTE_MARKS = [("“", "”"), ("„", "“"), ("„", "”"), ("«", "»"), ("»", "«"), ("‹", "›"),
               ('"', '"'), ("'", "'"), ("‘", "’"), ("‚", "‘"), ("「", "」"), ("『", "』"),
               ("''", "''"), ("``", "''"), ("“", ""), ("", "”"), ("“„", ""), ("—", "")]
ODD = ["\u00a0", "\u200b", "\u200d", "\ufeff", "\u2028", "\u2029", "\u0301", "\u202e",
       "\t", "\r", "\r\n", "\x0b", "\x0c", "🙂", "👩‍👩‍👧", "𝔘𝔫𝔦", "ﬁ", "İ", "ß", "Å",
       "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "…", "―", "–", "&", "<b>"]
SEPARATORS = ["\n\n", "\n", "\r\n\r\n", "\n\u00a0\n", "\n\n\n\n", " \n\n", "\u2029"]

say = st.sampled_from(["said", "told reporters", "added", "warned", "according to"])


@st.composite
def quoted(draw: st.DrawFn) -> str:
    opening, closing = draw(st.sampled_from(QUOTE_MARKS))
    words = draw(st.sampled_from(["We will not give up", "This is great", "No comment",
                                  "It was, frankly, a disaster", "", "We're ready."]))
    speaker = draw(st.sampled_from(NAMES))
    order = draw(st.integers(0, 2))
    if order == 0:
        return f"{opening}{words},{closing} {speaker} {draw(say)}."
    if order == 1:
        return f"{speaker} {draw(say)}: {opening}{words}{closing}"
    return f"{opening}{words}{closing}"


@st.composite
def sentence(draw: st.DrawFn) -> str:
    who, where = draw(st.sampled_from(NAMES)), draw(st.sampled_from(PLACES))
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return (f"{who} of {draw(st.sampled_from(ORGS))} met officials in {where} "
                f"{draw(st.sampled_from(WHEN))}.")
    if kind == 1:
        return f"Troops attacked {where} {draw(st.sampled_from(WHEN))}, killing " \
               f"{draw(st.sampled_from(AMOUNTS))}."
    if kind == 2:
        return draw(quoted())
    if kind == 3:
        return f"{who} {draw(say)} the talks in {where} had failed."
    return f"Protesters in {where} demanded the release of {who}."


#: Noise: random Unicode (no surrogates), odd characters, huge tokens.
noise = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    st.sampled_from(ODD),
    st.builds(lambda ch, n: ch * n, st.sampled_from(["a", "9", "-", "“", "\u00a0", "é"]),
              st.integers(200, 6000)),
)


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(sentence(), sentence(), noise), max_size=5))
    glue = draw(st.sampled_from([" ", "", "\u00a0", " \u200b", "  "]))
    return glue.join(parts)


@st.composite
def paragraphs(draw: st.DrawFn) -> list[str]:
    """Paragraphs, some empty or holding only quotation marks."""
    return draw(st.lists(st.one_of(paragraph(), paragraph(), paragraph(),
                                   st.sampled_from(["", " ", "“„", "”", "«»", "\u00a0"])),
                         min_size=1, max_size=8))


@st.composite
def text_document(draw: st.DrawFn) -> str:
    separator = draw(st.sampled_from(SEPARATORS))
    return separator.join(draw(paragraphs()))


@st.composite
def html_page(draw: st.DrawFn) -> str:
    body = "".join(f"<p>{html.escape(p).replace(chr(160), '&nbsp;')}</p>\n"
                   if draw(st.booleans()) else f"<p>{html.escape(p)}<br>\n</p>"
                   for p in draw(paragraphs()))
    title = html.escape(draw(sentence()))
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\n"
            f"{body}</article></body></html>")
