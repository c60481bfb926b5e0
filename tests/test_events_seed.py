"""The reference article's events against its hand-made annotation (skipped when absent)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SEED_GOLD, SEED_TEXT

pytestmark = pytest.mark.skipif(not SEED_GOLD.exists(), reason="shared seed data not present")


def _words(text: str) -> set[str]:
    return {w.strip(".,'’").lower() for w in text.replace("/", " ").split()} - {"the", "and"}


@pytest.fixture(scope="module")
def seed():
    import newsgraph

    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    article = newsgraph.analyze(SEED_TEXT.read_text(encoding="utf-8"), published=gold["published"])
    return gold, article


def test_the_gold_events_are_found_with_their_actors(seed):
    gold, article = seed
    happened = [e for e in article.events if not (e.negated or e.hypothetical or e.intended)]
    for expected in gold["events"]:
        matches = [e for e in happened if e.type == expected["type"] and e.actor is not None
                   and _words(e.actor.text) & _words(expected["actor"])]
        assert matches, (expected, [(e.type, e.trigger.text, e.actor) for e in happened])
    assert len(happened) == len(gold["events"])


def test_the_threatened_invasion_is_not_coded_as_happened(seed):
    _, article = seed
    text = article.text
    start = text.index("invasion")
    invasion = [e for e in article.events if e.trigger.start <= start < e.trigger.end]
    assert invasion and all(e.hypothetical or e.intended for e in invasion)
