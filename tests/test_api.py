"""The read API (`newsgraph serve`): every endpoint, JSON and CSV, cursors, errors, time limit.

The store holds three short texts analysed by the real pipeline. The endpoint tests run on
SQLite and PostgreSQL (`store_databases` in conftest.py); the time limit and the real server
run on SQLite.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest

try:
    import fastapi  # noqa: F401
    import httpx
    import uvicorn  # noqa: F401
except ImportError as missing:  # pragma: no cover - depends on the environment
    _reason = f"the API tests need the web extra ({missing.name} is missing): " \
              "pip install -e '.[web]'"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{_reason}; CI=true does not allow skipping them", pytrace=False)
    pytest.skip(_reason, allow_module_level=True)

from fastapi.testclient import TestClient

from newsgraph.model import Article
from newsgraph.store import Store
from tests.serve_process import REQUEST_SECONDS, START_SECONDS, first_answer, free_port, stop

TEXTS = [
    ("2024-05-02", "City Desk", "Council backs the harbour plan",
     "The Hamburg city council approved the new harbour plan on Wednesday. "
     "“This is a good day for the port,” said Mayor Peter Tschentscher. "
     "A senior official, who asked not to be named, said the costs would rise by 20%."),
    ("2024-05-09", "World Desk", "Troops attack Rafah",
     "Israeli troops attacked the city of Rafah on Thursday, officials in Gaza said. "
     "“We will continue until the hostages are home,” Prime Minister Benjamin Netanyahu "
     "said in Jerusalem. Egypt condemned the attack."),
    (None, "City Desk", "Strike ends",
     "Dock workers in Rotterdam ended their strike after the union reached a deal. "
     "“We won a fair wage,” union leader Anna de Vries told reporters. "
     "The port authority said ships would sail again on Monday."),
]


@pytest.fixture(scope="module")
def analysed() -> list[Article]:
    from newsgraph.ingest.sources import Source
    from newsgraph.pipeline import Analyzer

    sources = [Source(text=text, origin=f"text{n}", published=published, title=title,
                      site=site, url=f"https://news.example/{n}")
               for n, (published, site, title, text) in enumerate(TEXTS)]
    articles = Analyzer().analyze_batch(sources)
    assert all(isinstance(a, Article) for a in articles), articles
    return articles  # type: ignore[return-value]


@pytest.fixture(scope="module")
def db(store_databases: Any, analysed: list[Article]) -> str:
    with Store.open(store_databases.url) as store:
        store.add_many(analysed)
    return store_databases.url


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    from newsgraph.serve import create_app

    with TestClient(create_app(db)) as test_client:
        yield test_client


def _all_pages(client: TestClient, path: str, **params: Any) -> list[list[dict]]:
    """Every page of a list, following `next` (at most 50 pages)."""
    pages, cursor = [], None
    for _ in range(50):
        response = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        body = response.json()
        pages.append(body["items"])
        cursor = body["next"]
        if cursor is None:
            return pages
    raise AssertionError(f"{path}: more than 50 pages")


def _csv(response: httpx.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


# -- endpoints -------------------------------------------------------------------------------


def test_articles_newest_first_and_full_article(client: TestClient,
                                                analysed: list[Article]) -> None:
    body = client.get("/api/articles").json()
    assert [a["published"] for a in body["items"]] == ["2024-05-09", "2024-05-02", None]
    assert body["next"] is None
    article = analysed[1]
    full = client.get(f"/api/articles/{article.id}").json()
    assert full == article.model_dump(mode="json")
    assert full["quotes"] and full["entities"]
    dated = client.get("/api/articles", params={"since": "2024-05-03"}).json()["items"]
    assert [a["id"] for a in dated] == [article.id]
    assert len(client.get("/api/articles", params={"until": "2024-05-03"}).json()["items"]) == 1
    assert len(client.get("/api/articles", params={"site": "city desk"}).json()["items"]) == 2


def test_entity_portrayal_by_outlet_and_period(client: TestClient,
                                               analysed: list[Article]) -> None:
    (netanyahu,) = [e for e in analysed[1].entities if e.name == "Benjamin Netanyahu"]
    assert netanyahu.portrayal is not None
    rows = client.get("/api/entities/Benjamin Netanyahu/portrayal").json()["items"]
    assert rows == [{
        "period": "2024-05-01", "site": "World Desk", "articles": 1,
        "mentions": len(netanyahu.mentions), "negative": netanyahu.portrayal.negative,
        "neutral": netanyahu.portrayal.neutral, "positive": netanyahu.portrayal.positive,
        "score": netanyahu.portrayal.score}]
    weekly = client.get("/api/entities/Benjamin Netanyahu/portrayal",
                        params={"by": "week"}).json()["items"]
    assert [row["period"] for row in weekly] == ["2024-05-06"]
    assert client.get("/api/entities/Nobody Known/portrayal").status_code == 404


def test_pagination_has_no_duplicates_and_no_gaps(client: TestClient) -> None:
    whole = client.get("/api/articles").json()["items"]
    pages = _all_pages(client, "/api/articles", limit=1)
    assert [len(page) for page in pages] == [1, 1, 1]
    assert [item for page in pages for item in page] == whole
    for path in ("/api/quotes", "/api/entities", "/api/events"):
        params = {"all": "true"} if path == "/api/events" else {}
        whole = client.get(path, params={**params, "limit": 500}).json()["items"]
        paged = [item for page in _all_pages(client, path, limit=2, **params) for item in page]
        assert paged == whole, path
    assert len(client.get("/api/quotes").json()["items"]) >= 3


@pytest.mark.parametrize("window", [1, 2])
def test_newest_first_lists_page_the_same_from_a_small_window(
        client: TestClient, monkeypatch: pytest.MonkeyPatch, window: int) -> None:
    """Quotes and events are looked for in the newest articles first: with a window of one
    or two articles every page, cursor and fallback must give the same rows."""
    from newsgraph.store import queries

    for path in ("/api/quotes", "/api/events"):
        params = {"all": "true"} if path == "/api/events" else {}
        whole = client.get(path, params={**params, "limit": 500}).json()["items"]
        monkeypatch.setattr(queries, "NEWEST_WINDOW", window)
        for limit in (1, 2):
            paged = [item for page in _all_pages(client, path, limit=limit, **params)
                     for item in page]
            assert paged == whole, (path, window, limit)
        monkeypatch.undo()
    assert len(whole) >= 2


def test_entities_type_filter(client: TestClient) -> None:
    people = client.get("/api/entities", params={"type": "person"}).json()["items"]
    names = {entity["name"] for entity in people}
    assert {"Benjamin Netanyahu", "Anna de Vries"} <= names
    assert all(entity["type"] == "PERSON" for entity in people)
    assert client.get("/api/entities", params={"type": "NOTHING"}).json()["items"] == []


def test_quote_filters(client: TestClient) -> None:
    def quotes(**params: Any) -> list[dict]:
        response = client.get("/api/quotes", params=params)
        assert response.status_code == 200, response.text
        return response.json()["items"]

    netanyahu = quotes(speaker="netanyahu")
    assert [q["text"] for q in netanyahu] == [
        "We will continue until the hostages are home,"]
    assert netanyahu[0]["direct"] is True and netanyahu[0]["published"] == "2024-05-09"
    assert [q["speaker"] for q in quotes(about="fair wage")] == ["Anna de Vries"]
    assert all(q["published"] >= "2024-05-03" for q in quotes(since="2024-05-03"))
    assert {q["published"] for q in quotes(until="2024-05-03")} == {"2024-05-02"}
    assert all(q["direct"] for q in quotes(direct="true"))
    assert all(not q["direct"] for q in quotes(direct="false"))
    anonymous = quotes(anonymous="true")
    named = quotes(anonymous="false")
    assert len(anonymous) + len(named) == len(quotes())
    assert "Benjamin Netanyahu" in {q["speaker"] for q in named}
    assert {q["site"] for q in quotes(site="World Desk")} == {"World Desk"}


def test_events_filters(client: TestClient) -> None:
    events = client.get("/api/events", params={"all": "true"}).json()["items"]
    assert events, "the Rafah text has an event"
    assault = client.get("/api/events", params={"type": "assault"}).json()["items"]
    assert assault and all(e["type"] == "ASSAULT" for e in assault)
    by_actor = client.get("/api/events", params={"actor": "ISR", "all": "true"}).json()["items"]
    assert by_actor and all("ISR" in (e["actor_country"] or "") or "isr" in e["actor"].lower()
                            for e in by_actor)
    assert client.get("/api/events", params={"since": "2030-01-01"}).json()["items"] == []
    assert client.get("/api/events", params={"place": "%"}).json()["items"] == []
    main = client.get("/api/events", params={"main": "true", "all": "true"}).json()["items"]
    assert main and all(e["main"] and e["salience"] == 1 for e in main)
    assert len({e["article_id"] for e in main}) == len(main)  # one per article at most


def test_search_and_counts(client: TestClient, analysed: list[Article]) -> None:
    hits = client.get("/api/search", params={"q": "harbour plan"}).json()["items"]
    assert [hit["id"] for hit in hits] == [analysed[0].id]
    snippet, highlights = hits[0]["snippet"], hits[0]["highlights"]
    assert "<mark>" not in snippet  # plain text; the matches are offsets
    assert [snippet[start:end] for start, end in highlights] == ["harbour", "plan"]
    counts = client.get("/api/counts").json()
    assert counts == {"items": [{"day": "2024-05-02", "articles": 1},
                                {"day": "2024-05-09", "articles": 1}], "next": None}
    assert client.get("/api/counts", params={"since": "2024-05-05"}).json()["items"] == [
        {"day": "2024-05-09", "articles": 1}]


def test_every_list_as_csv(client: TestClient) -> None:
    for path, params, column in [
        ("/api/articles", {}, "published"), ("/api/entities", {}, "roles"),
        ("/api/quotes", {}, "speaker"), ("/api/events", {"all": "true"}, "trigger"),
        ("/api/search", {"q": "port"}, "snippet"), ("/api/counts", {}, "day"),
    ]:
        as_json = client.get(path, params=params).json()["items"]
        rows = _csv(client.get(path, params={**params, "format": "csv"}))
        assert len(rows) == len(as_json) > 0, path
        assert column in rows[0], path
        by_header = _csv(client.get(path, params=params, headers={"Accept": "text/csv"}))
        assert by_header == rows, path
    page = client.get("/api/articles", params={"format": "csv", "limit": 1})
    assert len(_csv(page)) == 1
    following = client.get("/api/articles", params={"format": "csv", "limit": 5,
                                                    "cursor": page.headers["x-next-cursor"]})
    assert len(_csv(following)) == 2


def test_openapi_docs(client: TestClient) -> None:
    assert client.get("/api/docs").status_code == 200
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/articles", "/api/articles/{article_id}", "/api/entities", "/api/quotes",
            "/api/events", "/api/search", "/api/counts"} <= set(paths)


# -- errors and hostile input -------------------------------------------------------------------


@pytest.mark.parametrize(("path", "params", "status", "says"), [
    ("/api/articles/no-such-article", {}, 404, "no article with id 'no-such-article'"),
    ("/api/no-such-endpoint", {}, 404, "Not Found"),
    ("/api/articles", {"limit": "0"}, 422, "limit"),
    ("/api/articles", {"limit": "many"}, 422, "limit"),
    ("/api/articles", {"since": "2024-13-45"}, 422, "since"),
    ("/api/articles", {"cursor": "not-a-cursor"}, 422, "cursor"),
    ("/api/quotes", {"direct": "perhaps"}, 422, "direct"),
    ("/api/articles", {"format": "xml"}, 422, "format"),
    ("/api/search", {}, 422, "q"),
    ("/api/search", {"q": ""}, 422, "q"),
    ("/api/search", {"q": "x" * 501}, 422, "q"),
])
def test_errors_are_json(client: TestClient, path: str, params: dict, status: int,
                         says: str) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert says in response.json()["error"]


def test_cursor_of_another_list_is_refused(client: TestClient) -> None:
    cursor = client.get("/api/articles", params={"limit": 1}).json()["next"]
    response = client.get("/api/quotes", params={"cursor": cursor})
    assert response.status_code == 422 and "cursor" in response.json()["error"]


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>", "\"quoted\" AND 'single'", "100%", "%", "_", "NEAR(a b)",
    "'; DROP TABLE articles; --", "port*", "\\", "🙂",
])
def test_hostile_query_strings(client: TestClient, hostile: str) -> None:
    for path, name in [("/api/search", "q"), ("/api/quotes", "speaker"),
                       ("/api/quotes", "about"), ("/api/events", "actor"),
                       ("/api/entities", "type"), ("/api/articles", "site")]:
        response = client.get(path, params={name: hostile})
        assert response.status_code == 200, (path, name, response.text)
        assert response.headers["content-type"] == "application/json"
        assert isinstance(response.json()["items"], list)
    assert client.get("/api/quotes", params={"speaker": "%"}).json()["items"] == []
    assert len(client.get("/api/articles").json()["items"]) == 3  # nothing was dropped


def test_backend_stops_slow_queries_and_refuses_writes(db: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from newsgraph.serve.readonly import QueryTimeout, open_readonly, time_limit

    with open_readonly(db, 0.2) as store:
        slow = ("SELECT pg_sleep(30)" if store.is_postgres else
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                "WHERE i < 1000000000) SELECT count(*) FROM n")
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match=r"took longer than 0\.2 s"), time_limit(0.2), \
                store.engine.connect() as connection:
            connection.execute(text(slow))
        assert time.monotonic() - started < 10
        with store.engine.connect() as connection, pytest.raises(DBAPIError):
            connection.execute(text("DELETE FROM articles"))
        assert store.count() == 3  # the connection still works after the interrupt


# -- time limit, read-only, real server (SQLite) ---------------------------------------------


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory: pytest.TempPathFactory, analysed: list[Article]) -> str:
    path = tmp_path_factory.mktemp("api") / "news.db"
    with Store.open(path) as store:
        store.add_many(analysed)
    return str(path)


def test_slow_query_ends_with_a_json_error(sqlite_db: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.serve import create_app, readonly

    monkeypatch.setattr(readonly, "PROGRESS_EVERY", 1)
    with TestClient(create_app(sqlite_db, time_limit_seconds=1e-9)) as slow:
        response = slow.get("/api/entities")
        assert response.status_code == 503
        assert "took longer than" in response.json()["error"]
    with TestClient(create_app(sqlite_db)) as normal:  # the same store, a normal limit
        assert normal.get("/api/entities").status_code == 200


def test_remembered_answers_end_when_the_store_changes(tmp_path: Any,
                                                      analysed: list[Article]) -> None:
    """Searches, search pages and quotes are remembered, but a write shows at once."""
    from newsgraph.serve import create_app

    path = tmp_path / "growing.db"
    with Store.open(path) as store:
        store.add_many(analysed[:1])
    with TestClient(create_app(str(path))) as live:
        def seen() -> tuple[int, int, bool]:
            hits = live.get("/api/search", params={"q": "strike"}).json()["items"]
            quotes = live.get("/api/quotes", params={"speaker": "vries"}).json()["items"]
            page = live.get("/", params={"q": "strike"}).text
            return len(hits), len(quotes), "Strike ends" in page

        assert seen() == (0, 0, False)
        assert seen() == (0, 0, False)  # now answered from memory
        with Store.open(path) as store:
            store.add_many(analysed[2:])
        assert seen() == (1, 1, True)


def test_result_cache_keeps_answers_for_a_while() -> None:
    from newsgraph.store.cache import TTLCache

    cache = TTLCache(size=2, seconds=0.2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("c", 3)  # the least recently used entry goes
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (None, 2, 3)
    time.sleep(0.25)
    assert cache.get("b") is None


def test_store_is_opened_read_only(sqlite_db: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from newsgraph.serve.readonly import open_readonly

    with open_readonly(sqlite_db, 5.0) as store, store.engine.connect() as connection, \
            pytest.raises(OperationalError, match=r"readonly|read-only|query_only"):
        connection.execute(text("DELETE FROM articles"))
    with Store.open(sqlite_db, create=False) as store:
        assert store.count() == 3


def test_missing_store_is_refused(tmp_path: Any) -> None:
    from newsgraph.serve import create_app
    from newsgraph.store import StoreNotFound

    with pytest.raises(StoreNotFound):
        create_app(str(tmp_path / "missing.db"))
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.parametrize("workers", [1, 2])
def test_newsgraph_serve_answers_on_localhost(sqlite_db: str, workers: int) -> None:
    import psutil

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsgraph", "serve", "--db", sqlite_db, "--port", str(port),
         "--workers", str(workers)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    processes: list[psutil.Process] = []
    try:
        response = first_answer(server, port)
        assert server.poll() is None, server.communicate()[0].decode(errors="replace")
        assert response is not None, f"the server did not answer within {START_SECONDS:g} s"
        assert response.status_code == 200
        assert len(response.json()["items"]) == 3
        with httpx.Client(base_url=f"http://127.0.0.1:{port}",
                          timeout=REQUEST_SECONDS) as client:
            answers = [client.get("/", params={"q": "harbour"}) for _ in range(10)]
        assert all(answer.status_code == 200 and "harbour" in answer.text
                   for answer in answers)
        processes = psutil.Process(server.pid).children(recursive=True)
        if workers > 1:
            assert len([p for p in processes if "python" in p.name().lower()]) >= workers
    finally:
        stop(server)
        if server.stdout:
            server.stdout.close()
    _, alive = psutil.wait_procs(processes, timeout=30)
    assert not alive, f"worker processes left running: {alive}"


def test_serve_without_a_store_fails_clearly(tmp_path: Any) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no newsgraph database" in result.output
