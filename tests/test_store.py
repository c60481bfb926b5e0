"""The store on SQLite and PostgreSQL: round trips, idempotent adds, search safety, entities.

Tests that take `store`, `store_url` or `store_databases` run once per backend
(see `conftest.py`: PostgreSQL needs $NEWSGRAPH_TEST_PG).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

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
from newsgraph.store import Store, StoreError, StoreNotFound, entity_summaries, fts_query, search
from newsgraph.store.database import database_url
from newsgraph.store.queries import Queries

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
def store(store_url: str):
    with Store.open(store_url) as opened:
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


def test_flat_rows_match_the_article(store: Store) -> None:
    store.add(article_a())
    with store.engine.connect() as db:
        rows = db.execute(text('SELECT text, start, "end", value FROM dates ORDER BY seq')).all()
        assert [tuple(row) for row in rows] == [
            ("Monday", TEXT_A.index("Monday"), TEXT_A.index("Monday") + 6, "2024-03-04"),
            ("council", TEXT_A.index("council"), TEXT_A.index("council") + 7, None)]
        for part, start, end in db.execute(text('SELECT text, start, "end" FROM mentions')):
            assert TEXT_A[start:end] == part
        version = db.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).one()
        assert tuple(version) == ("1",)
        speaker, direct = db.execute(text("SELECT speaker_name, direct FROM quotes")).one()
        assert (speaker, direct) == ("Anna Keller", True)


def test_adding_again_is_a_no_op(store: Store) -> None:
    assert store.add_many([article_a(), article_b()]) == [True, True]
    before = counts(store)
    assert store.add(article_a()) is False
    assert store.add_many([article_b(), article_a(), article_b()]) == [False, False, False]
    assert counts(store) == before
    assert len(search(store, "housing")) == 2


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
    assert {hit.id for hit in search(store, "housing")} == {article_a().id, article_b().id}
    assert [hit.id for hit in search(store, "Zurich housing")] == [article_a().id]  # ü folded
    hit = search(store, ["million", "francs"])[0]
    assert hit.id == article_a().id
    assert hit.title == "Zürich puts money into housing"
    assert "[million]" in hit.snippet and "[francs]" in hit.snippet
    assert [h.id for h in search(store, "Scholz")] == [article_b().id]
    assert search(store, "Scholz francs") == []
    assert len(search(store, "housing", limit=1)) == 1


@pytest.mark.parametrize("query", [
    '"', '"unbalanced', "AND", "AND OR", "OR NOT", "*", "-", "-housing", "NEAR(",
    "NEAR(housing", "title:", "^", "Zürich", "ZÜRICH", "<script>alert(1)</script>", "'; DROP TABLE",
    "(", ")", "{", "", "   ", "😀", "a\x00b", "housing*",
])
def test_search_survives_hostile_queries(store: Store, query: str) -> None:
    store.add_many([article_a(), article_b()])
    hits = search(store, query)
    assert isinstance(hits, list)
    assert store.count("articles") == 2


def test_search_hostile_words_still_match(store: Store) -> None:
    store.add_many([article_a(), article_b()])
    assert [h.id for h in search(store, '"Zürich')] == [article_a().id]
    assert [h.id for h in search(store, "«ZÜRICH»!")] == [article_a().id]
    assert [h.id for h in search(store, "-Scholz*")] == [article_b().id]
    assert search(store, "NEAR(francs") == []  # NEAR is a plain word, not in the text
    assert [h.id for h in search(store, "(francs) AND")] == []
    assert [h.id for h in search(store, "(francs)")] == [article_a().id]
    assert fts_query('a "b" AND c*') == '"a" "b" "AND" "c"'
    assert fts_query("*-()") is None


def test_entities_aggregate_across_articles(store: Store) -> None:
    store.add_many([article_a(), article_b()])
    by_key = {(e.name, e.type): e for e in entity_summaries(store, limit=50)}
    keller = by_key[("Anna Keller", "PERSON")]
    assert (keller.articles, keller.mentions) == (2, 3)
    assert keller.roles == ["mayor", "mayor of Zürich"]
    assert (by_key[("Berlin", "GPE")].articles, by_key[("Berlin", "GPE")].mentions) == (1, 1)
    first = entity_summaries(store, limit=1)
    assert [(e.name, e.articles) for e in first] == [("Anna Keller", 2)]
    people = entity_summaries(store, type="person")
    assert {e.name for e in people} == {"Anna Keller", "Olaf Scholz"}
    assert entity_summaries(store, type="NOPE") == []


def test_empty_store(store: Store) -> None:
    assert entity_summaries(store) == []
    assert search(store, "anything") == []
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


def test_reopen_and_prefix(store_url: str) -> None:
    with Store.open(store_url) as store:
        store.add_many([article_a(), article_b()])
    with Store.open(store_url, create=False) as store:
        assert store.get(article_b().id) == article_b()
        assert store.ids_starting_with("a1b2") == [article_a().id]
        assert store.ids_starting_with("A1B2") == [article_a().id]
        assert store.ids_starting_with("%") == []
        assert store.ids_starting_with("_") == []
        assert store.ids_starting_with(article_a().id) == [article_a().id]
        assert list(store.iter_ids()) == [article_a().id, article_b().id]


def test_missing_database_is_not_set_up(store_databases) -> None:
    url = store_databases.new()
    with pytest.raises(StoreNotFound, match="no newsgraph database"):
        Store.open(url, create=False)
    with Store.open(url) as store:  # create=True sets the same database up
        assert store.count() == 0
    with Store.open(url, create=False) as store:
        assert store.count() == 0


def test_two_writers_store_an_article_once(store_url: str) -> None:
    """Concurrent adds of the same articles: each id is written by exactly one writer."""
    articles = [article_a(), article_b()]
    results: list[list[bool]] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def write() -> None:
        try:
            with Store.open(store_url) as store:
                barrier.wait(timeout=30)
                results.append(store.add_many(articles))
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=write) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert sorted(sum(column) for column in zip(*results, strict=True)) == [1, 1]
    with Store.open(store_url) as store:
        assert counts(store)["articles"] == 2
        assert counts(store)["mentions"] == 3 + 3


def test_text_the_backend_cannot_hold(store: Store) -> None:
    """PostgreSQL text cannot hold NUL: a `StoreError` (the CLI then skips that article)."""
    odd = Article(id="nul", text="before\x00after")
    if store.is_postgres:
        with pytest.raises(StoreError, match="cannot store"):
            store.add_many([article_a(), odd])
        assert store.count() == 0
    else:
        assert store.add(odd) is True
        assert store.get("nul") == odd


def test_database_urls() -> None:
    assert database_url("postgresql://u:p@db.example:5433/news") == (
        "postgresql+psycopg://u:p@db.example:5433/news")
    assert database_url("postgres://u@db/news") == "postgresql+psycopg://u@db/news"
    assert database_url("postgresql+psycopg://u@db/news") == "postgresql+psycopg://u@db/news"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"
    assert database_url("news.db") == "sqlite:///news.db"
    with pytest.raises(StoreError, match="not a database URL"):
        database_url("not a scheme://x")


def test_missing_file_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"
    with pytest.raises(StoreNotFound):
        Store.open(path, create=False)
    assert not path.exists()
    with pytest.raises(StoreError):
        Store.open(tmp_path / "no" / "such" / "folder.db")
    with pytest.raises(StoreError):
        Store.open(tmp_path)  # a folder


def test_newer_store_version_is_refused(store_url: str) -> None:
    with Store.open(store_url) as store, store.engine.begin() as db:
        db.execute(text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": "99"})
    with pytest.raises(StoreError, match="version 99"):
        Store.open(store_url)


def test_search_index_follows_the_backend(store: Store) -> None:
    """FTS5 on SQLite; a generated tsvector column with a GIN index on PostgreSQL."""
    store.add(article_a())
    with store.engine.connect() as db:
        if store.is_postgres:
            index = db.execute(text(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'articles' "
                "AND indexname = 'ix_articles_search_vector'")).scalar_one()
            assert "gin" in index.lower()
            vector = db.execute(text("SELECT search_vector::text FROM articles")).scalar_one()
            assert "'zurich'" in vector  # accents folded at index time
        else:
            assert db.execute(text("SELECT count(*) FROM articles_fts")).scalar_one() == 1


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_migrations_match_schema(store: Store) -> None:
    """The Alembic revisions build exactly the tables `schema.py` describes, on each backend."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from newsgraph.store import migrate, schema

    def ours(name: str | None) -> bool:  # full-text and expression indexes: migrations only
        return not (name or "").startswith(("articles_fts", "search_vector",
                                            "ix_articles_search_vector", "ix_articles_day"))

    with store.engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()
        context = MigrationContext.configure(connection, opts={
            "compare_type": True,
            "include_name": lambda name, kind, parents: ours(name),
        })
        assert compare_metadata(context, schema.metadata) == []


def test_store_from_before_migrations_is_adopted(tmp_path: Path) -> None:
    """A SQLite store made by `create_all` (no alembic_version) opens, keeps its data."""
    from sqlalchemy import create_engine, insert

    from newsgraph.store import migrate, schema

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        schema.metadata.create_all(connection)
        schema.create_sqlite_fts(connection)
        connection.execute(insert(schema.meta).values(key="schema_version", value="1"))
    engine.dispose()
    with Store.open(path) as store:
        assert store.add(article_a()) is True
        assert [hit.id for hit in search(store, "Zurich")] == [article_a().id]
        with store.engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()


def test_store_from_a_newer_newsgraph_is_refused(store_url: str) -> None:
    with Store.open(store_url) as store, store.engine.begin() as db:
        db.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": "9999"})
    try:
        with pytest.raises(StoreError, match="revision 9999"):
            Store.open(store_url)
    finally:
        from sqlalchemy import create_engine

        engine = create_engine(database_url(store_url))
        with engine.begin() as db:  # the module's database is reused by the next tests
            db.execute(text("DELETE FROM alembic_version"))
        engine.dispose()


def _aggregated_entities(store: Store) -> dict[tuple[str, str], tuple[int, int]]:
    """Articles and mentions per entity name and type, aggregated from the stored rows."""
    sql = text(
        "SELECT e.name, e.type, count(DISTINCT e.article_id), "
        "(SELECT count(*) FROM mentions AS m JOIN entities AS e2 ON m.article_id = e2.article_id "
        " AND m.entity_id = e2.entity_id WHERE e2.name = e.name AND e2.type = e.type) "
        "FROM entities AS e GROUP BY e.name, e.type")
    with store.engine.connect() as connection:
        return {(name, kind): (articles, mentions)
                for name, kind, articles, mentions in connection.execute(sql)}


def test_totals_kept_at_ingest_equal_the_rows(store: Store) -> None:
    """Entity totals and speakers, kept per batch, equal a full aggregation; re-adding an
    article counts nothing twice."""
    store.add_many([article_a()], batch_size=1)
    store.add_many([article_b(), article_a()], batch_size=1)
    totals = {(e.name, e.type): (e.articles, e.mentions)
              for e in entity_summaries(store, limit=100)}
    assert totals == _aggregated_entities(store)
    assert entity_summaries(store, limit=1)[0].roles == ["mayor", "mayor of Zürich"]
    with store.engine.connect() as connection:
        speakers = connection.execute(text("SELECT name, quotes, articles FROM speakers")).all()
    assert [tuple(row) for row in speakers] == [("Anna Keller", 1, 1)]
    assert [q["speaker"] for q in Queries(store).quotes(speaker="kell").items] == ["Anna Keller"]
    assert Queries(store).quotes(speaker="scholz").items == []
    assert Queries(store).quotes(speaker="50%").items == []


def _day_totals(store: Store) -> tuple[list, list]:
    with store.engine.connect() as connection:
        entity_days = connection.execute(text(
            "SELECT name, type, day, articles, mentions FROM entity_days ORDER BY name")).all()
        speaker_days = connection.execute(text(
            "SELECT name, day, quotes FROM speaker_days ORDER BY name")).all()
    return [tuple(r) for r in entity_days], [tuple(r) for r in speaker_days]


def test_totals_are_filled_for_a_store_from_before_them(tmp_path: Path) -> None:
    """Migration 0004 fills the totals tables from the rows already stored (undated
    articles count in the totals, not per day)."""
    path = tmp_path / "before.db"
    with Store.open(path) as store:
        store.add_many([article_a(), article_b()])
        expected = [(e.name, e.type, e.articles, e.mentions, e.roles)
                    for e in entity_summaries(store, limit=100)]
        days = _day_totals(store)
        assert days[0] == [("Anna Keller", "PERSON", "2024-03-04", 1, 2),
                           ("Zürich", "GPE", "2024-03-04", 1, 1)]
        assert days[1] == [("Anna Keller", "2024-03-04", 1)]
        with store.engine.begin() as connection:
            for table in ("speakers", "entity_totals", "entity_days", "speaker_days"):
                connection.execute(text(f"DROP TABLE {table}"))
            connection.execute(text("UPDATE alembic_version SET version_num = '0003'"))
    with Store.open(path) as store:
        assert [(e.name, e.type, e.articles, e.mentions, e.roles)
                for e in entity_summaries(store, limit=100)] == expected
        assert _day_totals(store) == days
        assert [q["speaker"] for q in
                Queries(store).quotes(speaker="Keller").items] == ["Anna Keller"]


def test_search_ranks_the_newest_matches_of_a_common_word(store: Store, monkeypatch) -> None:
    """With more matches than RANK_CANDIDATES, only the newest are ranked (SQLite)."""
    from newsgraph.store import queries

    texts = [f"Story {n}: the harbour " + "harbour " * (n % 3) for n in range(6)]
    store.add_many([Article(id=f"h{n:015d}", text=body) for n, body in enumerate(texts)])
    everything = {hit.id for hit in search(store, "harbour", limit=10)}
    assert len(everything) == 6
    monkeypatch.setattr(queries, "RANK_CANDIDATES", 2)
    capped = [hit.id for hit in search(store, "harbour", limit=10)]
    if store.is_sqlite:
        assert sorted(capped) == ["h000000000000004", "h000000000000005"]
        assert capped[0] == "h000000000000005"  # two more mentions: the better match
    else:
        assert set(capped) == everything


def test_event_flags_are_columns_filled_for_older_stores(store_url: str) -> None:
    """Mode and flags are stored as columns (migration 0005 fills them from the JSON)."""
    from newsgraph.store.queries import Queries

    article = article_a()
    article.events[0].mode = "financial"
    article.events.append(article.events[0].model_copy(update={"hypothetical": True,
                                                                "mode": None}))
    with Store.open(store_url) as store:
        store.add(article)
        expected = [(e["mode"], e["hypothetical"]) for e in
                    Queries(store).events(include_unreal=True).items]
        assert expected == [("financial", False), (None, True)]
        assert len(Queries(store).events().items) == 1  # what happened only
        with store.engine.begin() as connection:
            connection.execute(text("UPDATE events SET mode = NULL, hypothetical = :no"),
                               {"no": False})
            connection.execute(text("UPDATE alembic_version SET version_num = '0004'"))
    with Store.open(store_url) as store:
        assert [(e["mode"], e["hypothetical"]) for e in
                Queries(store).events(include_unreal=True).items] == expected


def test_event_salience_is_a_column_filled_for_older_stores(store_url: str) -> None:
    """Salience and the main-event flag are columns (migration 0012 fills them from JSON)."""
    article = article_a()
    article.events[0].salience, article.events[0].main = 1, True
    article.events.append(article.events[0].model_copy(update={"salience": 2, "main": False}))
    with Store.open(store_url) as store:
        store.add(article)
        expected = [(e["main"], e["salience"]) for e in Queries(store).events().items]
        assert expected == [(True, 1), (False, 2)]
        assert [e["seq"] for e in Queries(store).events(main_only=True).items] == [0]
        with store.engine.begin() as connection:
            connection.execute(text("UPDATE events SET salience = NULL, main = :no"),
                               {"no": False})
            connection.execute(text("UPDATE alembic_version SET version_num = '0011'"))
    with Store.open(store_url) as store:
        assert [(e["main"], e["salience"]) for e in Queries(store).events().items] == expected


def test_faceted_search_counts_the_newest_matches_of_a_common_word(store: Store,
                                                                   monkeypatch) -> None:
    """Facets over the newest RANK_CANDIDATES matches, the total over all (SQLite)."""
    from newsgraph.store import queries
    from newsgraph.store.browse import PageQueries, SearchFilters

    store.add_many([Article(id=f"f{n:015d}", site=f"site{n % 2}.example",
                            text=f"Story {n} about the ferry.") for n in range(6)])
    monkeypatch.setattr(queries, "RANK_CANDIDATES", 2)
    found = PageQueries(store).find(SearchFilters(words="ferry"))
    assert found.total == 6
    if store.is_sqlite:
        assert found.facets_of_newest
        assert sum(n for _, n in found.facets["site"]) == 2
        assert {item["id"] for item in found.items} == {"f000000000000004", "f000000000000005"}
    else:
        assert not found.facets_of_newest and len(found.items) == 6


def test_search_page_without_words_counts_facets_of_the_newest(store: Store,
                                                              monkeypatch) -> None:
    """No words: the newest articles first; facets over the newest RANK_CANDIDATES of them,
    the total over all."""
    from newsgraph.store import queries
    from newsgraph.store.browse import PageQueries, SearchFilters

    store.add_many([Article(id=f"n{n:015d}", site=f"site{n % 3}.example",
                            published=f"2024-05-{n + 1:02d}", text=f"Story {n}.")
                    for n in range(6)])
    whole = PageQueries(store).find(SearchFilters())
    assert whole.total == 6 and not whole.facets_of_newest
    assert sorted(whole.facets["site"]) == [(f"site{n}.example", 2) for n in range(3)]
    monkeypatch.setattr(queries, "RANK_CANDIDATES", 2)
    found = PageQueries(store).find(SearchFilters())
    assert found.total == 6 and found.facets_of_newest
    assert sorted(found.facets["site"]) == [("site1.example", 1), ("site2.example", 1)]
    assert [item["id"] for item in found.items] == [f"n{n:015d}" for n in range(5, -1, -1)]
    only = PageQueries(store).find(SearchFilters(site="site0.example"))
    assert only.total == 2 and not only.facets_of_newest


@pytest.mark.parametrize("window", [1, 2, 200])
def test_newest_articles_of_an_entity_and_a_place(store: Store, monkeypatch,
                                                 window: int) -> None:
    """The newest articles naming an entity (or place), whether the newest few articles
    hold enough of them or not."""
    from newsgraph.store import queries
    from newsgraph.store.browse import PageQueries

    base = article_a()
    days = ["2024-03-04", "2024-03-09", "2024-03-01", "2024-03-07", "2024-03-02"]
    store.add_many([base.model_copy(update={"id": f"z{n:015d}", "published": day})
                    for n, day in enumerate(days)])
    store.add(Article(id="x000000000000001", published="2024-03-10", text="Nothing here."))
    monkeypatch.setattr(queries, "NEWEST_WINDOW", window)
    pages = PageQueries(store)
    newest = ["z000000000000001", "z000000000000003", "z000000000000000"]
    assert [a["id"] for a in pages.entity_articles(["Zürich"], "GPE", limit=3)] == newest
    assert [a["id"] for a in pages.place_articles("Zürich", limit=3)] == newest
    assert len(pages.entity_articles(["Zürich"], "GPE", limit=10)) == 5
    assert pages.entity_articles(["Nobody"], "GPE") == []


def _place_and_day_totals(store: Store) -> tuple[list, list]:
    with store.engine.connect() as connection:
        places = connection.execute(text(
            "SELECT name, country, admin1, articles, mentions, lat_sum, lon_sum "
            "FROM place_totals ORDER BY name, country, admin1")).all()
        days = connection.execute(text(
            "SELECT day, articles FROM article_days ORDER BY day")).all()
    return ([(*r[:5], round(r[5], 6), round(r[6], 6)) for r in places],
            [tuple(r) for r in days])


def test_place_and_day_totals_kept_at_ingest_and_filled_for_older_stores(
        store: Store, store_url: str) -> None:
    """The map's places and the articles per day equal a full aggregation of the rows,
    kept per batch at ingest (SQLite and PostgreSQL) and filled by migration 0008."""
    from newsgraph.store.browse import PageQueries

    second = article_a().model_copy(update={"id": "a1b2c3d4e5f60009",
                                            "published": "2024-03-05"})
    second.places.append(second.places[0].model_copy(update={"lat": 47.39}))
    store.add_many([article_a()], batch_size=1)
    store.add_many([article_b(), second, article_a()], batch_size=1)
    places, days = _place_and_day_totals(store)
    assert places == [("Zürich", "CH", "ZH", 2, 3, round(47.37 * 2 + 47.39, 6),
                       round(8.55 * 3, 6))]
    dated = sum(1 for a in (article_a(), article_b(), second) if a.published)
    assert sum(n for _, n in days) == dated and ("2024-03-05", 1) in days
    [shown] = PageQueries(store).places().items
    assert (shown["name"], shown["articles"], shown["mentions"]) == ("Zürich", 2, 3)
    assert abs(shown["lat"] - (47.37 * 2 + 47.39) / 3) < 1e-4
    if not store.is_sqlite:
        return
    with store.engine.begin() as connection:
        connection.execute(text("DROP TABLE place_totals"))
        connection.execute(text("DROP TABLE article_days"))
        connection.execute(text("UPDATE alembic_version SET version_num = '0007'"))
    with Store.open(store_url) as reopened:
        assert _place_and_day_totals(reopened) == (places, days)


def test_a_group_word_round_trips_in_the_article_and_stays_off_the_map(store: Store) -> None:
    """A group word ("Swiss", kind "group") comes back in the article JSON as it went in;
    the places table (the map, stories) holds only places, and keeps the JSON's index."""
    from newsgraph.store.browse import PageQueries

    words = "Swiss lenders agreed."
    article = article_a().model_copy(update={"id": "a1b2c3d4e5f60010",
                                             "text": TEXT_A + " " + words})
    start = len(TEXT_A) + 1
    article.places.insert(0, article.places[0].model_copy(update={
        "start": start, "end": start + 5, "text": "Swiss", "name": "Switzerland",
        "geonameid": 2658434, "lat": 47.0, "lon": 8.0, "admin1": None, "feature": "country",
        "kind": "group"}))
    store.add(article)
    loaded = store.get(article.id)
    assert loaded == article and loaded.places[0].kind == "group"
    with store.engine.connect() as db:
        rows = db.execute(text("SELECT seq, name FROM places")).all()
    assert [tuple(row) for row in rows] == [(1, "Zürich")]
    assert [p["name"] for p in PageQueries(store).places().items] == ["Zürich"]
