"""`newsgraph ingest` again over what is stored: skipped before analysis, `--force` redoes
and replaces, Ctrl-C keeps what was stored and says how to resume.

On SQLite and PostgreSQL (`store_databases` in conftest.py).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.cli.ingest_cmds import article_id
from newsgraph.ingest.sources import Source
from newsgraph.pipeline import Analyzer
from newsgraph.store import Store, entity_summaries
from tests.test_ingest_crash import ARTICLES, stored_count, write_articles

runner = CliRunner()

TEXTS = {
    "harbour.txt": "Porto - Mayor Rita Lopes said on Monday that the harbour would reopen. "
                   '"Ships are welcome again," Lopes told reporters.\n',
    "bridge.txt": "Gdansk - Engineer Piotr Nowak said the new bridge opened on Friday. "
                  "About 2,000 people crossed it on the first day.\n",
}
#: One article given with its own id, as JSONL.
JSONL = {"id": "given-id-0001", "text": "Tallinn - The port authority said on Tuesday that "
                                        "ferry traffic grew by 4 percent."}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    for name, body in TEXTS.items():
        (news / name).write_text(body, encoding="utf-8")
    (news / "more.jsonl").write_text(json.dumps(JSONL) + "\n", encoding="utf-8")
    return news


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The origins of the sources handed to the analyser (in this process)."""
    seen: list[str] = []
    original = Analyzer.analyze_batch

    def spy(self: Analyzer, sources: list[Source]) -> list:
        seen.extend(source.origin for source in sources)
        return original(self, sources)

    monkeypatch.setattr(Analyzer, "analyze_batch", spy)
    return seen


def ingest(folder: Path, db: str, *extra: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["ingest", str(folder), "--db", db, *extra])
    return result.exit_code, result.stdout, result.stderr


def test_stored_articles_are_skipped_before_analysis(folder: Path, store_url: str,
                                                     analysed: list[str], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = ingest(folder, store_url, "--published", "2024-03-04")
    assert code == 0 and "3 new, 0 already stored, 0 failed" in out
    assert len(analysed) == 3
    analysed.clear()
    # Nothing to analyse: not even the places index is needed.
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path / "empty-cache"))
    code, out, err = ingest(folder, store_url, "--published", "2024-03-04")
    assert code == 0, err
    assert "0 new, 3 already stored, 0 failed" in out
    assert analysed == []  # nothing parsed again
    assert "--force" in err
    assert "places index" not in err
    assert not list((tmp_path / "empty-cache").glob("*.sqlite"))


def test_the_skip_uses_the_id_the_pipeline_gives(folder: Path, store_url: str) -> None:
    """`article_id` of each source is the id its stored article has."""
    from newsgraph.ingest.read import read_sources

    assert ingest(folder, store_url)[0] == 0
    planned = {article_id(item) for item in read_sources([str(folder)])}
    assert JSONL["id"] in planned
    with Store.open(store_url, create=False) as store:
        assert set(store.iter_ids()) == planned


def test_force_analyses_again_and_replaces(folder: Path, store_url: str,
                                           analysed: list[str]) -> None:
    assert ingest(folder, store_url, "--published", "2024-03-04")[0] == 0
    with Store.open(store_url, create=False) as store:
        totals = {(e.name, e.type): (e.articles, e.mentions) for e in entity_summaries(store)}
    analysed.clear()
    code, out, err = ingest(folder, store_url, "--published", "2024-05-06", "--force")
    assert code == 0, err
    assert "0 new, 3 replaced, 0 already stored, 0 failed" in out
    assert len(analysed) == 3
    with Store.open(store_url, create=False) as store:
        assert store.count() == 3
        assert {store.get(i).published for i in store.iter_ids()} == {"2024-05-06"}
        # Totals count each article once: the replaced copies were taken off.
        assert {(e.name, e.type): (e.articles, e.mentions)
                for e in entity_summaries(store)} == totals
        with store.engine.connect() as connection:
            days = connection.exec_driver_sql(
                "SELECT day, articles FROM article_days ORDER BY day").fetchall()
        assert [tuple(row) for row in days] == [("2024-05-06", 3)]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs process groups")
@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_keeps_what_is_stored_and_says_how_to_resume(tmp_path: Path,
                                                            workers: str) -> None:
    folder, db = tmp_path / "news", tmp_path / "news.db"
    write_articles(folder)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("NEWSGRAPH_DB", None)
    small = ("import runpy, newsgraph.cli.ingest_cmds as cmds; cmds.INGEST_BATCH = 4; "
             "runpy.run_module('newsgraph', run_name='__main__', alter_sys=True)")
    command = [sys.executable, "-c", small, "ingest", str(folder), "--db", str(db),
               "--published", "2024-06-04", "--workers", workers]
    # Its own process group, so that SIGINT reaches the workers too, as Ctrl-C does.
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, start_new_session=True)
    deadline = time.monotonic() + 90
    while stored_count(db) == 0:
        assert first.poll() is None, first.communicate()[1][-2000:]
        assert time.monotonic() < deadline, "no article stored within 90 s"
        time.sleep(0.05)  # a reader opening 200 times a second starves the writer under load
    # Right after the first commit: the interrupt often lands in the write's last steps.
    os.killpg(first.pid, signal.SIGINT)
    out, err = first.communicate(timeout=60)
    assert first.returncode == 130, err[-2000:]
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err[-2000:]
    assert "stopped: interrupted (Ctrl-C)" in err
    assert "run the same command again to resume" in err
    kept = stored_count(db)
    assert 0 < kept < ARTICLES
    # Exact counts: every article this run stored is new, none "already stored".
    assert f"{kept} new, 0 already stored, 0 failed" in out, out
    assert f"The {kept} article(s) stored before that are kept" in err

    second = subprocess.run([*command[:1], "-m", "newsgraph", *command[3:]], env=env,
                            capture_output=True, text=True, timeout=180)
    assert second.returncode == 0, second.stderr[-2000:]
    assert f"{ARTICLES - kept} new, {kept} already stored, 0 failed" in second.stdout
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == ARTICLES
    connection.close()


@pytest.mark.skipif(not hasattr(signal, "SIGINT"), reason="needs SIGINT")
def test_ctrl_c_right_after_a_commit_counts_that_batch_as_new(folder: Path, store_url: str,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    """The interrupt lands when the batch is committed but before the write returns: the
    run must still know that it stored the batch (not call it "already stored")."""
    original = Store.add_many
    calls: list[int] = []

    def commit_then_ctrl_c(self: Store, articles, *args, **kwargs) -> list[bool]:
        written = original(self, articles, *args, **kwargs)
        calls.append(len(written))
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.5)  # the handler runs here, before the write returns
        return written

    monkeypatch.setattr(Store, "add_many", commit_then_ctrl_c)
    monkeypatch.setattr("newsgraph.cli.ingest_cmds.INGEST_BATCH", 2)
    code, out, err = ingest(folder, store_url, "--published", "2024-03-04")
    assert code == 130, err
    with Store.open(store_url, create=False) as store:
        stored = store.count()
    assert stored >= 2
    assert f"{stored} new, 0 already stored, 0 failed" in out, out


class _CutAfterCommit:
    """A real store whose first write commits and is then cut by Ctrl-C, as when the
    interrupt gets through in the write's last steps."""

    def __init__(self, store: Store) -> None:
        self.store, self.cut = store, False
        self.engine = store.engine

    def add_many(self, articles, replace: bool = False) -> list[bool]:
        written = self.store.add_many(articles, replace=replace)
        if not self.cut:
            self.cut = True
            raise KeyboardInterrupt
        return written


def test_a_batch_stored_before_ctrl_c_got_through_counts_as_new(tmp_path: Path,
                                                                monkeypatch) -> None:
    from newsgraph.cli import ingest_cmds
    from newsgraph.cli.ingest_cmds import IngestRun, _store_results
    from newsgraph.model import Article

    monkeypatch.setattr(ingest_cmds, "INGEST_BATCH", 2)
    articles = [Article(id=f"a{n}", text=f"Story number {n} about the harbour.")
                for n in range(3)]
    with Store.open(tmp_path / "news.db") as store:
        run = IngestRun()
        _store_results(_CutAfterCommit(store), iter(articles), run)
        assert run.stopped == "interrupted (Ctrl-C)"
        # the cut batch is written again after the stop: found stored, it is this run's
        assert (run.new, run.skipped) == (2, 0)
