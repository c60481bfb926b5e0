"""Clear one-line errors instead of tracebacks, exports to stdout, and stores that can only
be read (read-only media, read-only PostgreSQL sessions).

Store cases run on SQLite and PostgreSQL (`store_url` in conftest.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.store import Store, StoreError
from tests.test_store import article_a, article_b

runner = CliRunner()


@pytest.fixture
def filled(store_url: str) -> str:
    with Store.open(store_url) as store:
        store.add_many([article_a(), article_b()])
    return store_url


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def assert_one_line_error(code: int, err: str, *words: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    for word in words:
        assert word in lines[0]


# -- errors -------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["entities"], ["quotes"], ["search", "x"],
                                     ["ingest", "nothing.txt"]])
def test_a_file_that_is_not_sqlite_is_a_one_line_error(tmp_path: Path,
                                                       command: list[str]) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("shopping list: bread, milk, 12 eggs\n" * 40, encoding="utf-8")
    code, _, err = run(*command, "--db", str(notes))
    assert_one_line_error(code, err, str(notes), "not a SQLite database")
    assert notes.read_text(encoding="utf-8").startswith("shopping list")  # left as it was


def test_export_into_a_missing_folder_is_a_one_line_error(filled: str, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "out.jsonl"
    code, _, err = run("export", "--format", "jsonl", "--output", str(target), "--db", filled)
    assert_one_line_error(code, err, "does not exist")
    assert not target.parent.exists()


@pytest.mark.parametrize("fmt", ["jsonl", "gkg", "events"])
def test_export_to_stdout(filled: str, fmt: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("export", "--format", fmt, "--output", "-", "--db", filled)
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) >= 1
    if fmt == "jsonl":
        assert {json.loads(line)["id"] for line in lines} == {article_a().id, article_b().id}
    else:
        assert all("\t" in line for line in lines)
    assert "written to stdout" in err
    assert not (tmp_path / "-").exists()  # no file named "-"


@pytest.mark.parametrize("fmt", ["parquet", "graphml"])
def test_export_to_stdout_is_refused_for_files_and_folders(filled: str, fmt: str,
                                                            tmp_path: Path,
                                                            monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("export", "--format", fmt, "--output", "-", "--db", filled)
    assert_one_line_error(code, err, "--output -", fmt)
    assert out == ""
    assert not (tmp_path / "-").exists()


def test_a_failed_export_leaves_no_truncated_file(filled: str, tmp_path: Path,
                                                 monkeypatch) -> None:
    """A write error half-way (here: the disk fills after one article) is one line, and
    the earlier export under that name is kept whole."""
    import errno

    import newsgraph.export as export_module

    target = tmp_path / "store.jsonl"
    target.write_text("the earlier export\n", encoding="utf-8")
    real = export_module.iter_articles

    def one_then_full(store, batch_size=200):
        yield next(iter(real(store, batch_size)))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export_module, "iter_articles", one_then_full)
    code, _, err = run("export", "--format", "jsonl", "--output", str(target), "--db", filled)
    assert code == 1 and "Traceback" not in err
    assert err.strip() == f"error: cannot write {target}: No space left on device"
    assert target.read_text(encoding="utf-8") == "the earlier export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.jsonl"]


# -- read-only stores ----------------------------------------------------------------------

def read_commands(db: str) -> Iterator[tuple[list[str], str]]:
    """Read commands and a word their output must contain."""
    yield ["quotes", "--db", db], "Keller"
    yield ["entities", "--db", db], "Anna Keller"
    yield ["search", "housing", "--db", db], article_a().id
    yield ["show", article_a().id[:8], "--db", db], "Zürich"
    yield ["events", "--db", db, "--all"], "fund"
    yield ["export", "--format", "jsonl", "--output", "-", "--db", db], article_b().id


def assert_readable(db: str) -> None:
    for command, expected in read_commands(db):
        code, out, err = run(*command)
        assert code == 0, (command, err)
        assert expected in out, (command, out)


def test_read_commands_open_the_store_read_only(filled: str) -> None:
    assert_readable(filled)
    with Store.open(filled, create=False, read_only=True) as store:
        assert store.count() == 2
        with pytest.raises(Exception, match=r"(?i)read-?only"):
            store.add(article_a().model_copy(update={"id": "f" * 16}))
    with Store.open(filled, create=False) as store:
        assert store.count() == 2


def test_an_outdated_store_is_not_migrated_read_only(filled: str) -> None:
    with Store.open(filled) as store, store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0004'"))
    with pytest.raises(StoreError, match="open it once with write access"):
        Store.open(filled, create=False, read_only=True)


def sqlite_store(folder: Path) -> Path:
    """A closed SQLite store (in WAL mode, as every store is) holding two articles."""
    db = folder / "news.db"
    with Store.open(db) as store:
        store.add_many([article_a(), article_b()])
    return db


def test_sqlite_without_room_for_its_shared_memory_file_opens_immutable(
        tmp_path: Path) -> None:
    """When SQLite cannot create `-shm` (read-only media), `mode=ro` fails: `immutable=1`."""
    db = sqlite_store(tmp_path)
    (tmp_path / "news.db-shm").mkdir()  # stands in for a folder nobody may write in
    assert_readable(str(db))


def test_store_on_a_read_only_mount(tmp_path: Path) -> None:
    """The store's folder bind-mounted read-only (root only; skipped elsewhere)."""
    source, mounted = tmp_path / "source", tmp_path / "mounted"
    source.mkdir()
    mounted.mkdir()
    sqlite_store(source)
    if not _mount_read_only(source, mounted):
        pytest.skip("cannot bind-mount read-only here (needs root and mount rights)")
    try:
        with pytest.raises(OSError):
            (mounted / "probe").write_text("x")
        assert_readable(str(mounted / "news.db"))
    finally:
        subprocess.run(["umount", str(mounted)], check=False)


def _mount_read_only(source: Path, target: Path) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    if subprocess.run(["mount", "--bind", str(source), str(target)],
                      capture_output=True).returncode != 0:
        return False
    remount = subprocess.run(["mount", "-o", "remount,ro,bind", str(target)],
                             capture_output=True)
    if remount.returncode != 0:
        subprocess.run(["umount", str(target)], check=False)
        return False
    return True


def test_store_a_user_may_only_read(tmp_path: Path) -> None:
    """As a user without write permission on the store's folder (via runuser; root only)."""
    if os.geteuid() != 0 or not shutil.which("runuser"):
        pytest.skip("needs root and runuser to run a command as another user")
    folder = Path(tempfile.mkdtemp(prefix="newsgraph-ro-"))
    try:
        folder.chmod(0o755)
        db = sqlite_store(folder)
        db.chmod(0o644)
        import newsgraph

        source = str(Path(newsgraph.__file__).parents[1])
        command = ["runuser", "-u", "nobody", "--", sys.executable, "-m", "newsgraph",
                   "quotes", "--db", str(db)]
        env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": source, "HOME": str(folder),
               "COLUMNS": "200"}
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        if "Permission denied" in result.stderr and "newsgraph" not in result.stdout:
            pytest.skip(f"nobody cannot run this Python: {result.stderr[-300:]}")
        assert result.returncode == 0, result.stderr[-2000:]
        assert "Keller" in result.stdout
        assert sorted(p.name for p in folder.iterdir()) == ["news.db"]  # nothing written
    finally:
        shutil.rmtree(folder, ignore_errors=True)
