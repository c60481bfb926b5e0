"""Counts (GKG V2.1COUNTS) and themes (GKG V2ENHANCEDTHEMES) from amounts, triggers and words."""

from __future__ import annotations

import pytest

from newsgraph.model import Amount
from newsgraph.stages.counts import is_countable

TEXT = ("Police arrested 40 protesters in the capital on Friday. At least 12 people were "
        "killed and 30 wounded in the clashes, officials said. The death toll rose to 15. "
        "Gunmen kidnapped 3 aid workers. Floods displaced 5,000 families. The company paid "
        "$12 million. Prices rose 5 percent. Voters cast ballots in the election.")


@pytest.fixture(scope="module")
def article():
    from newsgraph.model import Source
    from newsgraph.pipeline import Analyzer
    from newsgraph.settings import Settings

    stages = ("entities", "dates", "amounts", "counts", "themes")
    (analysed,) = Analyzer(Settings(stages=stages, strict=True)).analyze_batch(
        [Source(text=TEXT, origin="t")])
    return analysed


def test_counts_have_type_number_object_and_offsets(article) -> None:
    found = {(c.type, c.number, c.object) for c in article.counts}
    assert found == {("ARREST", 40, "protesters"), ("KILL", 12, "people"), ("WOUND", 30, None),
                     ("KILL", 15, None), ("KIDNAP", 3, "workers"),
                     ("DISPLACED", 5000, "families")}
    for count in article.counts:
        assert TEXT[count.start:count.end] == count.text
    (arrest,) = [c for c in article.counts if c.type == "ARREST"]
    assert arrest.text == "40 protesters" and arrest.trigger == "arrest"


@pytest.mark.parametrize(("value", "unit", "text", "countable"), [
    (12, "people", "12 people", True), (12_000_000, "USD", "$12 million", False),
    (5, "percent", "5 percent", False), (2.5, None, "2.5", False), (0, None, "zero", False),
])
def test_money_shares_and_fractions_are_not_counts(value, unit, text, countable) -> None:
    amount = Amount(start=0, end=len(text), text=text, value=value, unit=unit)
    assert is_countable(amount) is countable


def test_themes_from_words_and_counts_with_offsets(article) -> None:
    themes = {(ref.theme, ref.text) for ref in article.themes}
    assert {("ARREST", "arrested"), ("PROTEST", "protesters"), ("KILL", "killed"),
            ("ELECTION", "Voters"), ("ELECTION", "election"),
            ("NATURAL_DISASTER_FLOOD", "Floods"), ("KIDNAP", "kidnapped")} <= themes
    assert ("ARREST", "40 protesters") in themes  # the count marks its own type
    assert all(TEXT[ref.start:ref.end] == ref.text for ref in article.themes)
    assert [ref.start for ref in article.themes] == sorted(ref.start for ref in article.themes)


def test_gkg_counts_and_themes_columns(article) -> None:
    from newsgraph.export.gkg import COLUMNS, row

    record = dict(zip(COLUMNS, row(article, "r", "20240101000000"), strict=True))
    v1 = record["V1COUNTS"].split(";")
    assert "ARREST#40#protesters#######" in v1 and len(v1) == len(article.counts)
    assert all(len(block.split("#")) == 10 for block in v1)
    start = TEXT.index("40 protesters")
    assert f"ARREST#40#protesters########{start}" in record["V2.1COUNTS"].split(";")
    assert "ELECTION" in record["V1THEMES"].split(";")
    assert f"ELECTION,{TEXT.index('Voters')}" in record["V2ENHANCEDTHEMES"].split(";")
