"""Statements told by how their content portrays a party (issue 16): where no rated word
judges a named party, the portrayal stage's learned model decides whether a neutral "said"
blames or praises it. Every sentence is our own."""

from __future__ import annotations

import pytest

from newsgraph.model import Article
from newsgraph.stages.events import statement_gate, statements
from tests.test_events import happened, shown

#: A quote whose words rate no one (no VADER word is said of the board).
GATES = ('"Westfield Water Board kept the gates shut all week while our fields filled up," '
         'said Lena Marsh, who farms near the river.')


@pytest.fixture
def portrayed(monkeypatch):
    """Analyse a text with the portrayal stage's answers fixed: each mention whose text is
    a key of `answers` gets that (polarity, probability), every other none."""
    import newsgraph
    from newsgraph.stages import portrayal

    def run(text: str, answers: dict[str, tuple[str, float]]) -> Article:
        def fixed(document, model, lexicon) -> None:
            for entity in document.article.entities:
                for mention in entity.mentions:
                    mention.polarity, mention.polarity_score = answers.get(
                        mention.text, (None, None))

        monkeypatch.setattr(portrayal, "add_portrayal", fixed)
        return newsgraph.analyze(text, published="2024-05-10")

    return run


def judged(article: Article) -> list[tuple[str, str, str]]:
    return [(e.type, e.actor.text if e.actor else "", e.target.text if e.target else "")
            for e in happened(article.events) if e.type in {"ACCUSE", "SUPPORT"}]


def test_a_party_the_quote_portrays_badly_is_blamed_by_the_speaker(portrayed):
    article = portrayed(GATES, {"Westfield Water Board": ("negative", 0.95)})
    (event,) = [e for e in happened(article.events) if e.type == "ACCUSE"]
    assert "Marsh" in event.actor.text and "Westfield" in event.target.text, \
        shown(article.events)
    (quote,) = [q for q in article.quotes if q.start <= event.target.start < q.end]
    assert [(s.start, s.end) for s in event.evidence] == [(quote.start, quote.end)]


def test_praise_is_support_and_an_unsure_portrayal_codes_nothing(portrayed, monkeypatch):
    praised = portrayed(GATES, {"Westfield Water Board": ("positive", 0.95)})
    assert [t for t, _, _ in judged(praised)] == ["SUPPORT"], judged(praised)
    # the rule alone (the learned gate of session 14 off: it may take an unsure portrayal)
    monkeypatch.setattr(statement_gate, "shipped_gate", lambda: None)
    unsure = portrayed(GATES, {"Westfield Water Board": ("negative",
                                                         statements.PORTRAYED - 0.05)})
    assert judged(unsure) == []


@pytest.mark.parametrize("text", [
    # negated, conditional, a question, a duty or a possibility
    "Lena Marsh said Westfield Water Board had not kept the gates shut.",
    "Lena Marsh said that if Westfield Water Board keeps the gates shut, the fields will "
    "fill up.",
    '"Has Westfield Water Board kept the gates shut all week?" Lena Marsh asked.',
    "Lena Marsh said Westfield Water Board should open the gates this week.",
    "Lena Marsh said Westfield Water Board must open the gates this week.",
    # acted upon or named in passing, not what the clause judges
    "Lena Marsh said the storm cost Westfield Water Board two pumps.",
    "Lena Marsh said the farmers wrote to Westfield Water Board about the gates.",
])
def test_only_an_asserted_clause_about_what_the_party_is_or_does_counts(portrayed, text):
    article = portrayed(text, {"Westfield Water Board": ("negative", 0.97)})
    assert judged(article) == [], (text, judged(article))


def test_the_speakers_own_side_is_not_its_target(portrayed):
    text = ('"Westfield Water Board kept the gates open all week," said Omar Haddad, a '
            'spokesman for Westfield Water Board.')
    article = portrayed(text, {"Westfield Water Board": ("positive", 0.97)})
    assert judged(article) == [], judged(article)


def test_a_party_portrayed_both_ways_in_one_quote_is_left_out(portrayed):
    text = ('"Westfield Water Board kept the gates shut, and then Westfield Water Board '
            'opened them at night," said Lena Marsh.')
    article = portrayed(text, {"Westfield Water Board": ("negative", 0.95)})
    entity = next(e for e in article.entities if e.name.endswith("Water Board"))
    assert len(entity.mentions) == 2
    assert [t for t, _, _ in judged(article)] == ["ACCUSE"]  # one row per party and quote
    mixed = portrayed(text.replace("and then", "but"), {})
    assert judged(mixed) == []


def test_the_shipped_model_finds_praise_in_a_neutral_report():
    """End to end with the learned model: no rated word is said of the governor."""
    import newsgraph

    article = newsgraph.analyze("Tomas Brandt said Governor Alma Reyes rescued the valley and "
                                "won the respect of every farmer.", published="2024-05-10")
    (event,) = [e for e in happened(article.events) if e.type == "SUPPORT"]
    assert "Brandt" in event.actor.text and "Reyes" in event.target.text, \
        shown(article.events)
    (quote,) = article.quotes
    assert [(s.start, s.end) for s in event.evidence] == [(quote.start, quote.end)]


def test_explain_names_what_decided_a_judged_statement(portrayed):
    from newsgraph.stages.events.explain import explaining

    with explaining() as trace:
        portrayed(GATES, {"Westfield Water Board": ("negative", 0.95)})
    (row,) = [r for r in trace.rows() if r["type"] == "ACCUSE"]
    assert row["outcome"] == "coded" and row["text"] == "said", row
    assert row["rule"].startswith("statements: portrayal") and "0.95" in row["rule"], row
    with explaining() as trace:
        portrayed("Senator Maria Delgado said Governor Paul Whitcombe was dishonest.", {})
    (row,) = [r for r in trace.rows() if r["type"] == "ACCUSE"]
    assert "rated words" in row["rule"] and "dishonest" in row["rule"], row
