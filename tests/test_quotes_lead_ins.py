"""Verbless lead-ins (issue 17, fourth pass): a capitalised heading or a "Name:" opening
the quote's paragraph names its source. Fixture sentences of our own."""

from __future__ import annotations

import pytest


def direct(article):
    return [q for q in article.quotes if q.direct]


@pytest.mark.parametrize(("text", "speaker"), [
    ("The mayor spoke on Monday.\n\nHarbour tolls - Jane Whitcombe: “We will not raise the "
     "tolls this year, whatever the council says.”", "Jane Whitcombe"),
    ("Budget week.\n\nTreasurer Paul Okafor: “The deficit is falling faster than anyone "
     "expected in the spring.”", "Treasurer Paul Okafor"),
])
def test_name_before_a_colon_speaks(text, speaker, attributed):
    (quote,) = direct(attributed(text))
    assert quote.speaker is not None and quote.speaker.text == speaker


def test_heading_before_a_quote_is_its_source(attributed):
    text = ("Okafor said the plan was fair.\n\nBRIDGE TOLLS TO RISE IN MAY “The council voted "
            "on Monday to raise the tolls on both bridges by a fifth.” [Gazette.]")
    (quote,) = direct(attributed(text))
    assert quote.speaker is not None and quote.speaker.text == "BRIDGE TOLLS TO RISE IN MAY"


def test_quote_in_pieces_after_a_heading_stays_one_quote(attributed):
    text = ("FERRY NEWS—\"Night ferries return in June,\" by the Gazette's harbour desk: "
            "\"The night ferries will sail again from the first week of June, the operator "
            "announced on Friday.\"")
    article = attributed(text)
    assert len(direct(article)) == 1


@pytest.mark.parametrize(("text", "speaker"), [
    ("The vote: “We will not raise the tolls this year, whatever the council says about it.”",
     None),
    ("He wrote it down.\n\nOn Monday, she told them: “We will not raise the tolls this year "
     "or the next.”", "she"),
])
def test_lead_in_without_a_name_or_with_a_verb_is_no_verbless_lead_in(
        text, speaker, attributed):
    (quote,) = direct(attributed(text))
    assert (quote.speaker.text if quote.speaker else None) == speaker
