"""The embedded store: round trips, idempotent adds, search safety, entity aggregation."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsgraph.model import (
    Amount,
    Article,
    Cue,
    Entity,
    Event,
    EventArgument,
    Mention,
    Place,
    Quote,
    Span,
    SpeakerRef,
    TimeRef,
)
from newsgraph.store import Store, StoreError, StoreNotFound, fts_query

TEXT_A = (
    "Mayor Anna Keller of Zürich said on Monday that 12 million francs will go to housing. "
    '"We need homes," Keller said. The council agreed.'
)
TEXT_B = "Anna Keller met Olaf Scholz in Berlin on Tuesday to talk about housing."

TABLES = ("articles", "entities", "mentions", "quotes", "dates", "amounts", "places", "events")


def span(text: str, part: str, cls: type = Span, **fields: object):
    start = text.index(part)
    return cls(start=start, end=start + len(part), text=part, **fields)


def article_a() -> Article:
    said = TEXT_A.index("Keller said")
    keller = Entity(
        id="e1", name="Anna Keller", type="PERSON", roles=["mayor"],
        mentions=[span(TEXT_A, "Anna Keller", Mention),
                  Mention(start=said, end=said + 6, text="Keller", kind="name")],
    )
    zurich = Entity(id="e2", name="Zürich", type="GPE",
                    mentions=[span(TEXT_A, "Zürich", Mention)])
    return Article(
        id="a1b2c3d4e5f60001",
        url="https://example.org/zurich-housing",
        title="Zürich puts money into housing",
        published="2024-03-04",
        site="example.org",
        authors=["Jo Writer"],
        language="en",
        text=TEXT_A,
        entities=[keller, zurich],
        quotes=[span(TEXT_A, "We need homes,", Quote, direct=True,
                     speaker=span(TEXT_A, "Keller", SpeakerRef, entity="e1"),
                     cue=Cue(start=said + 7, end=said + 11, text="said", lemma="say"))],
        dates=[span(TEXT_A, "Monday", TimeRef, value="2024-03-04", granularity="day"),
               span(TEXT_A, "council", TimeRef, range=("2024-03-01", "2024-03-31"),
                    granularity="range")],
        amounts=[span(TEXT_A, "12 million francs", Amount, value=12_000_000, unit="CHF"),
                 span(TEXT_A, "homes", Amount, value=None, qualifier="some")],
        places=[span(TEXT_A, "Zürich", Place, geonameid=2657896, name="Zürich", lat=47.37,
                     lon=8.55, country="CH", admin1="ZH")],
        events=[Event(type="fund", cameo="070",
                      actor=EventArgument(text="Zürich", entity="e2", country="CH"),
                      trigger=span(TEXT_A, "go", Span))],
        warnings=["a warning"],
        versions={"newsgraph": "0.1.0"},
    )


def article_b() -> Article:
    return Article(
        id="b0000000000000002",
        title="Keller meets Scholz",
        text=TEXT_B,
        entities=[
            Entity(id="e1", name="Anna Keller", type="PERSON", roles=["mayor of Zürich"],
                   mentions=[span(TEXT_B, "Anna Keller", Mention)]),
            Entity(id="e2", name="Olaf Scholz", type="PERSON",
                   mentions=[span(TEXT_B, "Olaf Scholz", Mention)]),
            Entity(id="e3", name="Berlin", type="GPE", mentions=[span(TEXT_B, "Berlin", Mention)]),
        ],
    )


def counts(store: Store) -> dict[str, int]:
    return {table: store.count(table) for table in TABLES}


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "news.db") as opened:
        yield opened


def test_round_trip(store: Store) -> None:
    original = article_a()
    assert store.add(original) is True
    loaded = store.get(original.id)
    assert loaded == original
    assert loaded.model_dump_json() == original.model_dump_json()
    assert store.get("nope") is None
    assert counts(store) == {"articles": 1, "entities": 2, "mentions": 3, "quotes": 1,
                             "dates": 2, "amounts": 2, "places": 1, "events": 1}


def test_flat_rows_match_the_article(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with Store.open(path) as store:
        store.add(article_a())
    with sqlite3.connect(path) as db:
        rows = db.execute('SELECT text, start, "end", value FROM dates ORDER BY seq').fetchall()
        assert rows == [("Monday", TEXT_A.index("Monday"), TEXT_A.index("Monday") + 6,
                         "2024-03-04"), ("council", TEXT_A.index("council"),
                                         TEXT_A.index("council") + 7, None)]
        for text, start, end in db.execute('SELECT text, start, "end" FROM mentions'):
            assert TEXT_A[start:end] == text
        version = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        assert version == ("1",)


def test_adding_again_is_a_no_op(store: Store) -> None:
    assert store.add_many([article_a(), article_b()]) == [True, True]
    before = counts(store)
    assert store.add(article_a()) is False
    assert store.add_many([article_b(), article_a(), article_b()]) == [False, False, False]
    assert counts(store) == before
    assert len(store.search("housing")) == 2


def test_duplicates_within_one_batch(store: Store) -> None:
    assert store.add_many([article_a(), article_a()], batch_size=10) == [True, False]
    assert store.count("articles") == 1


def test_bad_article_writes_nothing(store: Store) -> None:
    bad = article_b()
    bad.entities.append(bad.entities[0])
    with pytest.raises(StoreError, match="used twice"):
        store.add_many([article_a(), bad])
    assert store.count("articles") == 0


def test_search_finds_words(store: Store) -> None:
    store.add_many([article_a(), article_b()])
    assert {hit.id for hit in store.search("housing")} == {article_a().id, article_b().id}
    assert [hit.id for hit in store.search("Zurich housing")] == [article_a().id]  # ü folded
    hit = store.search(["million", "francs"])[0]
    assert hit.id == article_a().id
    assert hit.title == "Zürich puts money into housing"
    assert "[million]" in hit.snippet and "[francs]" in hit.snippet
    assert [h.id for h in store.search("Scholz")] == [article_b().id]
    assert store.search("Scholz francs") == []
    assert len(store.search("housing", limit=1)) == 1


@pytest.mark.parametrize("query", [
    '"', '"unbalanced', "AND", "AND OR", "OR NOT", "*", "-", "-housing", "NEAR(",
    "NEAR(housing", "title:", "^", "Zürich", "ZÜRICH", "<script>alert(1)</script>", "'; DROP TABLE",
    "(", ")", "{", "", "   ", "😀", "a\x00b", "housing*",
])
def test_search_survives_hostile_queries(store: Store, query: str) -> None:
    store.add_many([article_a(), article_b()])
    hits = store.search(query)
    assert isinstance(hits, list)
    assert store.count("articles") == 2


def test_search_hostile_words_still_match(store: Store) -> None:
    store.add_many([article_a(), article_b()])
    assert [h.id for h in store.search('"Zürich')] == [article_a().id]
    assert [h.id for h in store.search("«ZÜRICH»!")] == [article_a().id]
    assert [h.id for h in store.search("-Scholz*")] == [article_b().id]
    assert store.search("NEAR(francs") == []  # NEAR is a plain word, not in the text
    assert [h.id for h in store.search("(francs) AND")] == []
    assert [h.id for h in store.search("(francs)")] == [article_a().id]
    assert fts_query('a "b" AND c*') == '"a" "b" "AND" "c"'
    assert fts_query("*-()") is None


def test_entities_aggregate_across_articles(store: Store) -> None:
    store.add_many([article_a(), article_b()])
    by_key = {(e.name, e.type): e for e in store.entities(limit=50)}
    keller = by_key[("Anna Keller", "PERSON")]
    assert (keller.articles, keller.mentions) == (2, 3)
    assert keller.roles == ["mayor", "mayor of Zürich"]
    assert (by_key[("Berlin", "GPE")].articles, by_key[("Berlin", "GPE")].mentions) == (1, 1)
    first = store.entities(limit=1)
    assert [(e.name, e.articles) for e in first] == [("Anna Keller", 2)]
    people = store.entities(type="person")
    assert {e.name for e in people} == {"Anna Keller", "Olaf Scholz"}
    assert store.entities(type="NOPE") == []


def test_empty_store(store: Store) -> None:
    assert store.entities() == []
    assert store.search("anything") == []
    assert store.ids_starting_with("a") == []


def test_sqlite_settings(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with Store.open(f"sqlite:///{path}") as store:
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        store.add(article_a())
    assert path.exists()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_reopen_and_prefix(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with Store.open(path) as store:
        store.add_many([article_a(), article_b()])
    with Store.open(path, create=False) as store:
        assert store.get(article_b().id) == article_b()
        assert store.ids_starting_with("a1b2") == [article_a().id]
        assert store.ids_starting_with("%") == []
        assert store.ids_starting_with(article_a().id) == [article_a().id]
        assert sorted(store.iter_ids()) == sorted([article_a().id, article_b().id])


def test_missing_file_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"
    with pytest.raises(StoreNotFound):
        Store.open(path, create=False)
    assert not path.exists()
    with pytest.raises(StoreError):
        Store.open(tmp_path / "no" / "such" / "folder.db")
    with pytest.raises(StoreError):
        Store.open(tmp_path)  # a folder


def test_newer_store_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    Store.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="version 99"):
        Store.open(path)
