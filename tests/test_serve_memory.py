"""The server's memory stays flat: glibc malloc arenas are limited in the server process
and in its workers (the soak of issue 15 saw worker RSS grow by half in 8 minutes with a
malloc arena per request thread; `benchmarks/bench_soak.py`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.model import Article
from newsgraph.serve import server
from newsgraph.store import Store
from tests.serve_process import first_answer, free_port, stop


def test_arenas_are_limited_unless_the_operator_chose(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "environ", {})
    server.limit_malloc_arenas()
    assert os.environ["MALLOC_ARENA_MAX"] == str(server.MALLOC_ARENAS)
    monkeypatch.setattr(os, "environ", {"MALLOC_ARENA_MAX": "6"})
    assert server.limit_malloc_arenas()
    assert os.environ["MALLOC_ARENA_MAX"] == "6"


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_serve_workers_start_with_limited_arenas(tmp_path: Path) -> None:
    import psutil

    db = tmp_path / "news.db"
    with Store.open(db) as store:
        store.add(Article(id="a1", text="The council said on Tuesday that the harbour "
                                         "would reopen in May."))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    process = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(db),
                                "--port", str(port), "--workers", "2"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert first_answer(process, port, success=True) is not None
        assert process.poll() is None
        workers = [p for p in psutil.Process(process.pid).children(recursive=True)
                   if "python" in p.name().lower()]
        assert workers
        for worker in workers:
            assert worker.environ().get("MALLOC_ARENA_MAX") == str(server.MALLOC_ARENAS)
    finally:
        stop(process)
