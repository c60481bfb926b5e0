"""`kill -9` in the middle of `newsgraph ingest`, then a re-run: nothing lost, nothing doubled.

The first ingest runs `python -m newsgraph` with the batch size lowered to 4
articles (so that 60 articles take 15 transactions and the kill lands between
them); it is killed with SIGKILL as soon as some articles are stored. A second,
ordinary ingest of the same folder completes the store.
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

ARTICLES = 60
#: Seconds the first ingest may take to store its first article: loading the model alone
#: takes most of a minute on a loaded two-core machine (a ceiling, not the usual time).
STARTUP_LIMIT = 240
#: `python -m newsgraph` with articles stored 4 per transaction.
SMALL_BATCHES = ("import runpy, newsgraph.cli.ingest_cmds as cmds; cmds.INGEST_BATCH = 4; "
                 "runpy.run_module('newsgraph', run_name='__main__', alter_sys=True)")
CITIES = ["Lisbon", "Oslo", "Nairobi", "Lima", "Hanoi", "Quito", "Dakar", "Riga", "Accra",
          "Tunis"]
NAMES = ["Maria Costa", "Lars Berg", "Amina Otieno", "Jorge Rivas", "Linh Tran", "Ana Vera",
         "Moussa Diop", "Ilze Ozola", "Kofi Mensah", "Sami Ben Ali"]
TOPICS = ["a new bridge", "school meals", "bus fares", "a flood barrier", "street lighting",
          "a public library", "water pipes", "a fish market"]


def write_articles(folder: Path) -> dict[str, str]:
    """ARTICLES distinct short news texts; marker -> file name."""
    folder.mkdir()
    markers = {}
    for number in range(ARTICLES):
        city, name = CITIES[number % 10], NAMES[(number * 3) % 10]
        topic = TOPICS[number % len(TOPICS)]
        marker = f"item {number:03d}"
        text = (f"{city} - Council member {name} said on Tuesday that {number + 3} million "
                f"euros would go to {topic}. \"This is {marker} on our list,\" {name.split()[-1]} "
                f"told reporters in {city}. Work on {topic} starts in {2025 + number % 4}.\n")
        (folder / f"story{number:03d}.txt").write_text(text, encoding="utf-8")
        markers[marker] = f"story{number:03d}.txt"
    return markers


def stored_count(db: Path) -> int:
    """Articles committed so far (0 while the tables do not exist yet)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def ingest_command(folder: Path, db: Path, small_batches: bool) -> list[str]:
    head = ["-c", SMALL_BATCHES] if small_batches else ["-m", "newsgraph"]
    return [sys.executable, *head, "ingest", str(folder), "--db", str(db),
            "--published", "2024-06-04"]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_then_rerun_loses_and_doubles_nothing(tmp_path: Path) -> None:
    folder, db = tmp_path / "news", tmp_path / "news.db"
    markers = write_articles(folder)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("NEWSGRAPH_DB", None)
    first = subprocess.Popen(ingest_command(folder, db, small_batches=True), env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + STARTUP_LIMIT
    try:
        while stored_count(db) == 0:
            if first.poll() is not None:
                pytest.fail(f"ingest ended before any article was stored: "
                            f"{first.stderr.read().decode(errors='replace')[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"no article stored within {STARTUP_LIMIT} s")
            time.sleep(0.05)  # a reader opening 200 times a second starves the writer under load
        os.kill(first.pid, signal.SIGKILL)
    finally:
        if first.poll() is None:
            first.kill()
        first.wait(timeout=30)
        first.stderr.close()
    assert first.returncode == -signal.SIGKILL
    before = stored_count(db)
    assert 0 < before < ARTICLES, f"the kill should land mid-ingest, {before} stored"

    second = subprocess.run(ingest_command(folder, db, small_batches=False), env=env,
                            capture_output=True, text=True, timeout=2 * STARTUP_LIMIT)
    assert second.returncode == 0, second.stderr[-2000:]
    assert f"{ARTICLES - before} new, {before} already stored, 0 failed" in second.stdout

    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = connection.execute("SELECT id, analysed FROM articles").fetchall()
        assert len(rows) == ARTICLES
        found = [marker for _, analysed in rows for marker in markers
                 if marker in json.loads(analysed)["text"]]
        assert sorted(found) == sorted(markers)  # every article, each exactly once
        # The annotation rows of each article are exactly those of its JSON: none doubled.
        for table, field in (("entities", "entities"), ("quotes", "quotes"),
                             ("amounts", "amounts")):
            counts = dict(connection.execute(
                f"SELECT article_id, count(*) FROM {table} GROUP BY article_id").fetchall())
            for article_id, analysed in rows:
                assert counts.get(article_id, 0) == len(json.loads(analysed)[field]), (
                    table, article_id)
    connection.close()
