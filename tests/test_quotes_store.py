"""Quotes in the store: `Queries.quotes` filters and the `newsgraph quotes` command.

On SQLite and PostgreSQL alike (`store_url` in conftest.py).
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.model import Article, Cue, Entity, Mention, Quote, SpeakerRef
from newsgraph.store import Store
from newsgraph.store.queries import Queries


def article(article_id: str, published: str, speaker: str, said: str) -> Article:
    text = f"{speaker} said: “{said}” He said it twice."
    quote_start = text.index(said)
    return Article(
        id=article_id, published=published, text=text,
        entities=[Entity(id="e1", name=speaker, type="PERSON",
                         mentions=[Mention(start=0, end=len(speaker), text=speaker),
                                   Mention(start=text.index("He"), end=text.index("He") + 2,
                                           text="He", kind="pronoun")])],
        quotes=[Quote(start=quote_start, end=quote_start + len(said), text=said, direct=True,
                      speaker=SpeakerRef(start=0, end=len(speaker), text=speaker, entity="e1"),
                      cue=Cue(start=len(speaker) + 1, end=len(speaker) + 5, text="said",
                              lemma="say"))],
    )


@pytest.fixture()
def db(store_url: str) -> str:
    path = store_url
    with Store.open(path) as store:
        store.add_many([
            article("a1", "2024-05-01", "Anna Berg", "The budget is balanced."),
            article("a2", "2024-05-09", "Anna Berg", "Taxes will not rise."),
            article("a3", "2024-05-05", "Tom Hale", "The budget is a fantasy; 100% wrong."),
        ])
    return path


def test_newest_first_and_filters(db: str) -> None:
    with Store.open(db, create=False) as store:
        def found(**filters: str) -> list[str]:
            return [q["article_id"] for q in Queries(store).quotes(**filters).items]

        assert found() == ["a2", "a3", "a1"]
        assert found(speaker="berg") == ["a2", "a1"]
        assert found(about="budget") == ["a3", "a1"]
        assert found(since="2024-05-05") == ["a2", "a3"]
        assert found(speaker="%") == []  # LIKE wildcards are plain characters
        assert found(about="100%") == ["a3"]


def test_quotes_command_json_and_errors(db: str) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["quotes", "--db", db, "--speaker", "Anna Berg",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [row["text"] for row in rows] == ["Taxes will not rise.", "The budget is balanced."]
    assert rows[0]["speaker"] == "Anna Berg" and rows[0]["cue"] == "say"
    assert runner.invoke(app, ["quotes", "--db", db, "--since", "May 5"]).exit_code == 2
    table = runner.invoke(app, ["quotes", "--db", db])
    assert table.exit_code == 0 and "Tom Hale" in table.stdout
