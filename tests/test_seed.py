"""The reference article end to end against its hand-made annotation.

Skipped when the shared reference data is absent (it is not part of this repository).
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import SEED_GOLD, SEED_TEXT

pytestmark = pytest.mark.skipif(not SEED_GOLD.exists(), reason="shared seed data not present")


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def article(gold):
    import newsgraph

    return newsgraph.analyze(SEED_TEXT.read_text(encoding="utf-8"), published=gold["published"])


def test_every_gold_entity_is_found_with_type_roles_and_mentions(article, gold):
    by_name = {entity.name: entity for entity in article.entities}
    for expected in gold["entities"]:
        found = by_name.get(expected["name"])
        assert found is not None, f"missing entity {expected['name']}"
        assert found.type == expected["type"], expected["name"]
        for role in expected.get("roles", []):
            assert role in found.roles, (expected["name"], found.roles)
        assert found.anonymous == expected.get("anonymous", False), expected["name"]
        assert len(found.mentions) >= expected["min_mentions"], (
            expected["name"], [m.text for m in found.mentions])
        surfaces = {m.text for m in found.mentions}
        for alias in expected.get("aliases", []):
            assert alias in surfaces


def test_every_gold_date_is_resolved(article, gold):
    found = {d.text: d for d in article.dates}
    for expected in gold["dates"]:
        date = found.get(expected["text"])
        assert date is not None, f"missing date {expected['text']!r}"
        if "date" in expected:
            assert date.value == expected["date"], expected["text"]
        else:
            assert list(date.range or ()) == expected["date_range"], expected["text"]


def test_every_gold_amount_is_found(article, gold):
    found = {a.text: a for a in article.amounts}
    for expected in gold["amounts"]:
        amount = found.get(expected["text"])
        assert amount is not None, f"missing amount {expected['text']!r}"
        assert amount.value == expected["value"]
        assert amount.qualifier == expected["qualifier"]
        assert amount.unit == expected["unit"]


def test_page_chrome_is_gone_and_the_body_is_intact(article, gold):
    original = SEED_TEXT.read_text(encoding="utf-8")
    body = original[: gold["body_end"]].rstrip()
    assert article.text.rstrip() == body
    for block in gold["boilerplate"]:
        assert block["text"] not in article.text
    removed = " ".join(r.text for r in article.removed)
    for block in gold["boilerplate"]:
        assert block["text"] in removed
    for r in article.removed:
        assert original[r.start:r.end] == r.text


def test_offsets_point_at_their_text(article):
    text = article.text
    spans = [m for e in article.entities for m in e.mentions] + article.dates + article.amounts
    assert len(spans) >= 20  # the seed names many people, days and numbers
    for span in spans:
        assert text[span.start:span.end] == span.text
