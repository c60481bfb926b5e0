"""Faults of real components during `newsgraph ingest`: the PostgreSQL server restarting,
the disk filling up under SQLite. The run reports, nothing stored is lost or doubled, and
the store stays sound.

The PostgreSQL test starts its own throwaway server from the Debian binaries
(/usr/lib/postgresql/*/bin, as .ci/run does; root only). The disk-full test mounts a small
tmpfs (root only). Each skips cleanly where that is not possible.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_ingest_crash import ARTICLES, write_articles

#: `python -m newsgraph` storing 4 articles per transaction and retrying every 0.5 s.
SMALL_BATCHES = ("import runpy, newsgraph.cli.ingest_cmds as cmds; cmds.INGEST_BATCH = 4; "
                 "cmds.RETRY_PAUSE = 0.5; "
                 "runpy.run_module('newsgraph', run_name='__main__', alter_sys=True)")


def ingest_command(folder: Path, db: str, small_batches: bool = True) -> list[str]:
    head = ["-c", SMALL_BATCHES] if small_batches else ["-m", "newsgraph"]
    return [sys.executable, *head, "ingest", str(folder), "--db", db,
            "--published", "2024-06-04"]


def environment() -> dict[str, str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("NEWSGRAPH_DB", None)
    return env


def assert_rows_match_json(rows: list[tuple[str, str]], counts: dict[str, dict[str, int]]
                           ) -> None:
    """Each article's annotation rows are exactly those of its stored JSON."""
    for table in ("entities", "quotes", "amounts"):
        for article_id, analysed in rows:
            assert counts[table].get(article_id, 0) == len(json.loads(analysed)[table]), (
                table, article_id)


# -- PostgreSQL restarted mid-ingest ---------------------------------------------------------

class ThrowawayPostgres:
    """A PostgreSQL server in a temp dir, run as the `postgres` user on a free port."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.data = Path(tempfile.mkdtemp(prefix="newsgraph-pgfault-"))
        shutil.chown(self.data, "postgres", "postgres")
        self.data.chmod(0o700)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _as_postgres(self, *command: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *command], check=True,
                       capture_output=True, timeout=120)

    def init(self) -> None:
        self._as_postgres(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
                          "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")

    def start(self) -> None:
        self._as_postgres(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l",
                          str(self.data / "server.log"), "-w", "-t", "60", "-o",
                          f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 "
                          "-c fsync=off", "start")

    def stop(self) -> None:
        self._as_postgres(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast",
                          "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.data, ignore_errors=True)


@pytest.fixture
def postgres_server() -> Iterator[ThrowawayPostgres]:
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not binaries:
        pytest.skip("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin")
    if os.geteuid() != 0 or not shutil.which("runuser"):
        pytest.skip("starting a throwaway PostgreSQL server needs root (and runuser)")
    import pwd

    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("no `postgres` user to run the server as")
    pytest.importorskip("psycopg")
    server = ThrowawayPostgres(Path(binaries[-1]).parent)
    try:
        server.init()
        server.start()
        yield server
    finally:
        server.remove()


def pg_counts(url: str) -> tuple[int, list[tuple[str, str]], dict[str, dict[str, int]]]:
    import psycopg

    with psycopg.connect(url, connect_timeout=5) as connection:
        try:
            rows = connection.execute("SELECT id, analysed FROM articles").fetchall()
        except psycopg.errors.UndefinedTable:
            return 0, [], {}
        counts = {table: dict(connection.execute(
            f"SELECT article_id, count(*) FROM {table} GROUP BY article_id").fetchall())
            for table in ("entities", "quotes", "amounts")}
    return len(rows), rows, counts


def stored_in_pg(url: str) -> int:
    try:
        return pg_counts(url)[0]
    except Exception:
        return 0


@pytest.mark.slow
def test_postgres_restart_mid_ingest_is_reported_retried_and_loses_nothing(
        tmp_path: Path, postgres_server: ThrowawayPostgres) -> None:
    folder = tmp_path / "news"
    write_articles(folder)
    url = postgres_server.url
    run = subprocess.Popen(ingest_command(folder, url), env=environment(), text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.extend(run.stderr), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 120
        while stored_in_pg(url) == 0:
            assert run.poll() is None, "".join(errors)[-2000:]
            assert time.monotonic() < deadline, "no article stored within 120 s"
            time.sleep(0.05)
        postgres_server.stop()  # mid-ingest: the next batch finds no server
        deadline = time.monotonic() + 60
        while not any("lost the connection to the database" in line for line in errors):
            assert run.poll() is None, "".join(errors)[-2000:]
            assert time.monotonic() < deadline, "the lost server was not reported"
            time.sleep(0.05)
        postgres_server.start()
        out = run.stdout.read()
        assert run.wait(timeout=300) == 0, "".join(errors)[-2000:]
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    reader.join(timeout=10)
    assert "Traceback" not in "".join(errors)
    assert "trying again" in "".join(errors)
    assert f"{ARTICLES} new, 0 already stored, 0 failed" in out
    count, rows, counts = pg_counts(url)
    assert count == ARTICLES
    assert_rows_match_json(rows, counts)


# -- disk full under SQLite -------------------------------------------------------------------

@pytest.fixture
def small_disk() -> Iterator[Path]:
    """A 4 MiB tmpfs, mounted for this test (root only)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root")
    mount = Path(tempfile.mkdtemp(prefix="newsgraph-full-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        mount.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)
        mount.rmdir()


def fill(disk: Path, leave: int) -> Path:
    """A file taking all of `disk` but `leave` bytes."""
    filler = disk / "filler"
    stat = os.statvfs(disk)
    filler.write_bytes(b"\0" * max(0, stat.f_bavail * stat.f_frsize - leave))
    return filler


@pytest.mark.slow
def test_disk_full_while_writing_sqlite_is_reported_and_the_store_stays_sound(
        tmp_path: Path, small_disk: Path) -> None:
    from newsgraph.store import Store

    folder, db = tmp_path / "news", small_disk / "news.db"
    write_articles(folder)
    Store.open(db).close()  # the empty store fits; then the disk is all but full
    filler = fill(small_disk, leave=1024 * 1024)
    first = subprocess.run(ingest_command(folder, str(db)), env=environment(),
                           capture_output=True, text=True, timeout=300)
    assert first.returncode == 1, first.stderr[-2000:]
    assert "Traceback" not in first.stderr
    assert "stopped: the database failed: cannot write to the database" in first.stderr
    assert "full" in first.stderr
    assert "run the same command again to resume" in first.stderr

    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        kept = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    connection.close()
    assert 0 < kept < ARTICLES
    assert f"{kept} new, 0 already stored, 0 failed" in first.stdout

    filler.unlink()  # room again: the same command resumes
    second = subprocess.run(ingest_command(folder, str(db), small_batches=False),
                            env=environment(), capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr[-2000:]
    assert f"{ARTICLES - kept} new, {kept} already stored, 0 failed" in second.stdout
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = connection.execute("SELECT id, analysed FROM articles").fetchall()
        counts = {table: dict(connection.execute(
            f"SELECT article_id, count(*) FROM {table} GROUP BY article_id").fetchall())
            for table in ("entities", "quotes", "amounts")}
    connection.close()
    assert len(rows) == ARTICLES
    assert_rows_match_json(rows, counts)
