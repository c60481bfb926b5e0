"""`newsgraph serve` over a store on read-only media: it is read without writing anything
(no accounts then, and a private server is refused clearly); a writable store keeps its
accounts.

Read-only media are simulated as in test_store_errors.py: a read-only bind mount (as root),
otherwise a folder and file without write permission (as any other user).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
httpx = pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from newsgraph.serve.accounts import AccountSettings  # noqa: E402
from newsgraph.store import StoreError  # noqa: E402
from tests.serve_process import first_answer, free_port  # noqa: E402
from tests.test_store_errors import _mount_read_only, sqlite_store  # noqa: E402


@pytest.fixture
def read_only_db(tmp_path: Path) -> Iterator[Path]:
    """A store holding two articles that this process cannot write."""
    source, mounted = tmp_path / "source", tmp_path / "mounted"
    source.mkdir()
    mounted.mkdir()
    sqlite_store(source)
    if os.geteuid() == 0:
        if not _mount_read_only(source, mounted):
            pytest.skip("cannot bind-mount read-only here (needs root and mount rights)")
        try:
            yield mounted / "news.db"
        finally:
            subprocess.run(["umount", str(mounted)], check=False)
        return
    (source / "news.db").chmod(0o444)
    source.chmod(0o555)
    try:
        yield source / "news.db"
    finally:
        source.chmod(0o755)


def test_app_reads_a_store_on_read_only_media(read_only_db: Path) -> None:
    from newsgraph.serve import create_app

    before = sorted(p.name for p in read_only_db.parent.iterdir())
    app = create_app(str(read_only_db), accounts=AccountSettings.from_env(private=False))
    with TestClient(app) as client:
        response = client.get("/api/articles")
        assert response.status_code == 200, response.text
        assert len(response.json()["items"]) == 2
        assert client.get("/", params={"q": "Keller"}).status_code == 200
        assert client.get("/login").status_code == 404  # no accounts on such a store
    assert app.state.accounts is None
    assert sorted(p.name for p in read_only_db.parent.iterdir()) == before


def test_private_server_on_read_only_media_is_refused(read_only_db: Path) -> None:
    from newsgraph.serve import create_app

    with pytest.raises(StoreError, match="cannot be written"):
        create_app(str(read_only_db), accounts=AccountSettings.from_env(private=True))


def test_writable_store_keeps_its_accounts(tmp_path: Path) -> None:
    from newsgraph.serve import create_app

    db = sqlite_store(tmp_path)
    app = create_app(str(db), accounts=AccountSettings.from_env(private=False))
    with TestClient(app) as client:
        assert client.get("/login").status_code == 200
    assert app.state.accounts is not None


def test_newsgraph_serve_on_read_only_media(read_only_db: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsgraph", "serve", "--db", str(read_only_db), "--host",
         "127.0.0.1", "--port", str(port), "--public"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        response = first_answer(server, port)
        assert server.poll() is None, server.communicate()[0].decode(errors="replace")
        assert response is not None and response.status_code == 200
        assert len(response.json()["items"]) == 2
    finally:
        if server.poll() is None:
            os.kill(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(server.pid, signal.SIGKILL)
            server.wait(timeout=5)
        output = server.stdout.read().decode(errors="replace") if server.stdout else ""
        if server.stdout:
            server.stdout.close()
    assert "served read-only, without accounts" in output
