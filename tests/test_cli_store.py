"""The store commands end to end: ingest (real spaCy pipeline), show, entities, search.

Each runs on SQLite and on PostgreSQL (`--db URL`; see `store_databases` in conftest.py).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()

ARTICLES = {
    "zurich.txt": (
        "Zürich (Reuters) - Mayor Anna Keller said on Monday that the city council approved "
        '12 million francs for new housing. "We need homes," Keller told reporters.\n'
    ),
    "berlin.txt": (
        "Berlin - Chancellor Olaf Scholz met union leaders on Tuesday. About 3,000 workers "
        "protested outside the chancellery.\n"
    ),
}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory,
             store_databases) -> tuple[Path, str, str]:
    """A folder of two articles ingested once into a database: (folder, db URL, output)."""
    folder = tmp_path_factory.mktemp("cli_store") / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = store_databases.url
    result = runner.invoke(app, ["ingest", str(folder), "--db", db,
                                 "--published", "2024-03-04"])
    assert result.exit_code == 0, result.output
    return folder, db, result.stdout


def stored_ids(db: str) -> list[str]:
    from newsgraph.store import Store

    with Store.open(db, create=False) as store:
        return list(store.iter_ids())


def test_ingest_stores_each_article(ingested: tuple[Path, str, str]) -> None:
    _, db, output = ingested
    assert "2 new, 0 already stored, 0 failed" in output
    assert len(stored_ids(db)) == 2


def test_ingest_again_adds_nothing(ingested: tuple[Path, str, str]) -> None:
    folder, db, _ = ingested
    result = runner.invoke(app, ["ingest", str(folder), "--db", db,
                                 "--published", "2024-03-04"])
    assert result.exit_code == 0, result.output
    assert "0 new, 2 already stored, 0 failed" in result.stdout
    assert len(stored_ids(db)) == 2


def test_ingest_reports_failures(ingested: tuple[Path, str, str], tmp_path: Path) -> None:
    _, db, _ = ingested
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(empty), str(tmp_path / "missing.txt"),
                                 "--db", db])
    assert result.exit_code == 1
    assert "0 new, 0 already stored, 2 failed" in result.stdout
    assert "empty document" in result.stderr
    assert "no such file" in result.stderr


def test_show_by_prefix(ingested: tuple[Path, str, str]) -> None:
    _, db, _ = ingested
    ids = stored_ids(db)
    assert len(ids) == len(ARTICLES)
    for article_id in ids:
        result = runner.invoke(app, ["show", article_id[:6], "--db", db])
        assert result.exit_code == 0, result.output
        article = json.loads(result.stdout)
        assert article["id"] == article_id
        assert article["schema_version"] == 1
        assert article["text"] in ARTICLES.values()
        assert article["published"] == "2024-03-04"


def test_show_unknown_id(ingested: tuple[Path, str, str]) -> None:
    _, db, _ = ingested
    result = runner.invoke(app, ["show", "zzzz-not-an-id", "--db", db])
    assert result.exit_code == 1
    assert "no stored article" in result.stderr


def test_show_ambiguous_prefix(store_databases) -> None:
    from newsgraph.model import Article
    from newsgraph.store import Store

    db = store_databases.new()
    with Store.open(db) as store:
        store.add_many([Article(id="same-1", text="one"), Article(id="same-2", text="two")])
    result = runner.invoke(app, ["show", "same", "--db", db])
    assert result.exit_code == 1
    assert "ambiguous" in result.stderr and "same-1" in result.stderr
    exact = runner.invoke(app, ["show", "same-2", "--db", db])
    assert exact.exit_code == 0, exact.output
    assert json.loads(exact.stdout)["text"] == "two"


def test_search(ingested: tuple[Path, str, str]) -> None:
    _, db, _ = ingested
    result = runner.invoke(app, ["search", "zurich", "housing", "--db", db,
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert len(hits) == 1
    assert "[Zürich]" in hits[0]["snippet"] or "[housing]" in hits[0]["snippet"]
    table = runner.invoke(app, ["search", "Scholz", "--db", db])
    assert table.exit_code == 0, table.output
    assert "Scholz" in table.stdout
    hostile = runner.invoke(app, ["search", '"', "AND", "NEAR(", "*", "--db", db])
    assert hostile.exit_code == 0, hostile.output


def test_search_csv(ingested: tuple[Path, str, str]) -> None:
    _, db, _ = ingested
    result = runner.invoke(app, ["search", "workers", "--db", db, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 1
    assert set(rows[0]) == {"id", "title", "snippet"}


def test_entities_formats(ingested: tuple[Path, str, str]) -> None:
    _, db, _ = ingested
    result = runner.invoke(app, ["entities", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    entities = json.loads(result.stdout)
    assert isinstance(entities, list)
    for entity in entities:
        assert set(entity) == {"name", "type", "articles", "mentions", "roles"}
    limited = runner.invoke(app, ["entities", "--db", db, "--format", "json",
                                  "--limit", "1", "--type", "person"])
    assert limited.exit_code == 0, limited.output
    people = json.loads(limited.stdout)
    assert len(people) <= 1
    assert all(entity["type"] == "PERSON" for entity in people)
    table = runner.invoke(app, ["entities", "--db", db])
    assert table.exit_code == 0, table.output
    assert "articles" in table.stdout
    as_csv = runner.invoke(app, ["entities", "--db", db, "--format", "csv"])
    assert as_csv.stdout.startswith("name,type,articles,mentions,roles")


def test_db_from_environment(ingested: tuple[Path, str, str]) -> None:
    _, db, _ = ingested
    result = runner.invoke(app, ["search", "workers", "--format", "json"],
                           env={"NEWSGRAPH_DB": db})
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 1


@pytest.mark.parametrize("command", [["show", "abc"], ["entities"], ["search", "word"],
                                     ["quotes"]])
def test_missing_database_is_an_error(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "nothing-here.db"
    result = runner.invoke(app, [*command, "--db", str(db)])
    assert result.exit_code != 0
    assert "no newsgraph database" in result.stderr
    assert not db.exists()


@pytest.mark.parametrize("command", [["entities"], ["search", "word"]])
def test_database_without_a_store_is_an_error(store_databases, command: list[str]) -> None:
    """Read commands never set up a database: a new file or an empty PostgreSQL database."""
    db = store_databases.new()
    result = runner.invoke(app, [*command, "--db", db])
    assert result.exit_code == 2
    assert "no newsgraph database" in result.stderr


def test_unreachable_database_is_an_error(store_databases) -> None:
    if store_databases.backend == "sqlite":
        db = store_databases.new() + ".d/missing-folder/x.db"
        expected = "does not exist"
    else:
        db = store_databases.url.rsplit("/", 1)[0] + "/no_such_database_here"
        expected = "cannot open the database"
    result = runner.invoke(app, ["ingest", "-", "--db", db], input="Some text.\n")
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Traceback" not in result.output
