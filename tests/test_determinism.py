"""Same input, same output: whatever the workers, the batch size or the order of the input.

Issue 15: a line repeated across a batch ("ABSTRACT.") was removed as page chrome or
kept depending on how the batch was cut, so `--workers 1` and `--workers 2` differed
and every offset after it moved.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from newsgraph.model import Source
from newsgraph.pipeline import analyze_sources
from newsgraph.settings import Settings

SITE_LINES = ("ABSTRACT.", "FULL TEXT.",
              "The Springfield Ledger is published by Ledger Media Group in Springfield.")
PEOPLE = ["John Miller", "Maria Santos", "Ahmed Karimi", "Lena Vogel", "Tom Okafor",
          "Grace Lin", "Pedro Alves", "Nina Petrova", "Sam Carter", "Ruth Adler"]
PLACES = ["Springfield", "Austin", "Lagos", "Hamburg", "Manila", "Lisbon", "Denver",
          "Nairobi", "Leeds", "Quito"]


def story(n: int) -> str:
    """A short article; the even ones carry the same site lines (headings and a footer)."""
    person, place = PEOPLE[n], PLACES[n]
    body = (f"Council votes on plan number {n} for {place}\n\n"
            f"{person}, the mayor of {place}, said on Monday that {n + 2} bridges would "
            f"close for repairs.\n\n"
            f"“There is nothing else we can do,” {person.split()[1]} told reporters on Tuesday. "
            f"More than {100 * (n + 1)} residents signed a petition against the plan.\n")
    if n % 2:
        return body
    first, rest = body.split("\n\n", 1)
    return f"{first}\n\n{SITE_LINES[0]}\n\n{rest}\n{SITE_LINES[1]}\n\n{SITE_LINES[2]}\n"


def sources() -> list[Source]:
    return [Source(text=story(n), origin=f"fixture:{n}", published="2024-05-10")
            for n in range(len(PEOPLE))]


def run(settings: Settings, items: list[Source]) -> dict[str, dict]:
    out = {}
    for article in analyze_sources(items, settings):
        dumped = article.model_dump(mode="json")
        dumped.pop("versions")
        out[dumped["id"]] = dumped
    return out


@pytest.fixture(scope="module")
def baseline() -> dict[str, dict]:
    return run(Settings(workers=1, batch_size=32), sources())


def test_batch_size_does_not_change_the_output(baseline: dict[str, dict]) -> None:
    assert len(baseline) == len(PEOPLE)
    for size in (1, 2, 3):
        assert run(Settings(workers=1, batch_size=size), sources()) == baseline, size


def test_input_order_does_not_change_the_output(baseline: dict[str, dict]) -> None:
    for seed in (1, 2):
        shuffled = sources()
        random.Random(seed).shuffle(shuffled)
        assert run(Settings(workers=1, batch_size=3), shuffled) == baseline, seed


def test_one_two_and_four_workers_give_the_same_output(baseline: dict[str, dict]) -> None:
    for workers in (2, 4):
        settings = replace(Settings(), workers=workers, batch_size=5)
        assert run(settings, sources()) == baseline, workers


def test_an_article_reads_the_same_alone_as_in_a_batch(baseline: dict[str, dict]) -> None:
    (alone,) = run(Settings(workers=1), sources()[:1]).values()
    assert alone == baseline[alone["id"]]
    assert "ABSTRACT." in alone["text"]  # a heading, whatever else is in the batch
