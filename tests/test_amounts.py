"""Tests for the amounts stage, with the real spaCy model."""

from __future__ import annotations

import pytest

from newsgraph.model import Amount, Article, Document
from newsgraph.nlp import load_model
from newsgraph.stages.amounts import add_amounts, parse_value


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def amounts(nlp, text: str) -> list[Amount]:
    document = Document(Article(id="t", text=text), nlp(text))
    add_amounts(document)
    for amount in document.article.amounts:
        assert text[amount.start:amount.end] == amount.text
    return document.article.amounts


# (sentence, span text, value, qualifier, unit) of the first amount found
CASES = [
    ("Storms cut power to more than 1 million people across the delta.",
     "more than 1 million people", 1_000_000, "more than", "people"),
    ("More than 100,000 people signed the petition.",
     "More than 100,000 people", 100_000, "more than", "people"),
    ("Some 3,000 aid trucks entered the area.", "Some 3,000 aid trucks", 3000, "some",
     "aid trucks"),
    ("Congress approved $4 billion in aid.", "$4 billion", 4_000_000_000, None, "USD"),
    ("About 45% of voters backed the plan.", "About 45%", 45, "about", "percent"),
    ("Turnout reached 45 percent on Sunday.", "45 percent", 45, None, "percent"),
    ("The convoy travelled 10 kilometers before it stopped.", "10 kilometers", 10, None,
     "kilometers"),
    ("At least 34 people were killed in the blast.", "At least 34 people", 34, "at least",
     "people"),
    ("Nearly 1.5 million residents remain in the north.", "Nearly 1.5 million residents",
     1_500_000, "nearly", "residents"),
    ("A dozen soldiers were wounded.", "A dozen soldiers", 12, None, "soldiers"),
    ("Two hundred families lost their homes.", "Two hundred families", 200, None, "families"),
    ("Police said twenty-five were missing.", "twenty-five", 25, None, None),
    ("An estimated two hundred and fifty protesters gathered.",
     "An estimated two hundred and fifty protesters", 250, "an estimated", "protesters"),
    ("Half a million people were displaced.", "Half a million people", 500_000, None, "people"),
    ("The project cost €3.5m, the company said.", "€3.5m", 3_500_000, None, "EUR"),
    ("Up to 5,000 troops could be sent.", "Up to 5,000 troops", 5000, "up to", "troops"),
    ("Between 20 and 30 rockets were fired.", "Between 20 and 30 rockets", 20, "between",
     "rockets"),
    ("Growth slowed to 2.5 percent last year.", "2.5 percent", 2.5, None, "percent"),
    ("The 1,200 people killed were remembered.", "1,200 people", 1200, None, "people"),
]


@pytest.mark.parametrize(("text", "span", "value", "qualifier", "unit"), CASES)
def test_amount(nlp, text: str, span: str, value, qualifier, unit) -> None:
    found = amounts(nlp, text)
    assert found, text
    amount = found[0]
    assert (amount.text, amount.value, amount.qualifier, amount.unit) == \
        (span, value, qualifier, unit)
    assert type(amount.value) is type(value)


@pytest.mark.parametrize("text", [
    "The two allies met in Washington.",
    "The three men were arrested after the raid.",
    "The talks began in 2019 and resumed in March.",
    "He was the third man to arrive.",
    "Call 555-1234 for details.",
    "The F-16 fighter jets took off.",
    "The meeting started at 10:30 a.m. on Monday.",
    "See page 3 for the full results.",
    "One of them said the match ended 3-1.",
    "Tens of thousands of people protested, and hundreds were hurt.",
    "The minister spoke to reporters outside parliament.",
    "Der Bundestag hat im Jahr 2023 rund 300 Gesetze beschlossen, teilte die Regierung mit.",
    "",
])
def test_not_an_amount(nlp, text: str) -> None:
    assert amounts(nlp, text) == []


def test_several_amounts_in_order(nlp) -> None:
    text = "At least 34 people died and about 45% of homes were damaged, costing $2 billion."
    found = amounts(nlp, text)
    assert [(a.value, a.unit) for a in found] == [(34, "people"), (45, "percent"),
                                                  (2_000_000_000, "USD")]
    assert found == sorted(found, key=lambda a: a.start)


@pytest.mark.parametrize(("words", "value"), [
    (["1,000"], 1000), (["1.5", "million"], 1_500_000), (["a", "dozen"], 12),
    (["twenty", "-", "five"], 25), (["two", "hundred", "and", "fifty"], 250),
    (["4bn"], 4_000_000_000), (["half", "a", "million"], 500_000), (["0.5"], 0.5),
    (["tens"], None),
])
def test_parse_value(words: list[str], value) -> None:
    assert parse_value(words) == value
