"""`newsgraph serve` stopped with SIGTERM under load: every request already in flight is
answered (200, not a reset), the server exits 0 within a bound, no worker process is left.

The store is synthesised without NLP by benchmarks/bench_serve_load.py (a few hundred
articles, so that uncached searches take a noticeable time and queue behind each other).
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import ModuleType

import pytest

httpx = pytest.importorskip("httpx")
pytest.importorskip("uvicorn")
psutil = pytest.importorskip("psutil")

from tests.serve_process import START_SECONDS, first_answer, free_port  # noqa: E402

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_serve_load.py"
#: Seconds the server may take to exit after SIGTERM once its requests are answered.
EXIT_BOUND = 20.0


def _load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_serve_load", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_serve_load", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    if not BENCH.exists():
        pytest.skip("benchmarks/bench_serve_load.py is not in this checkout")
    return _load_bench()


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory: pytest.TempPathFactory, bench: ModuleType) -> Path:
    path = tmp_path_factory.mktemp("shutdown") / "news.db"
    bench.build_store(path, 300)
    return path


def _start(db: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(workers)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if first_answer(server, port, path="/api/articles?limit=1", success=True) is not None:
        return server, f"http://127.0.0.1:{port}"
    _kill(server)
    output = server.stdout.read().decode(errors="replace") if server.stdout else ""
    pytest.fail(f"the server did not answer within {START_SECONDS:g} s:\n{output[-2000:]}")


def _kill(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def _request_paths(bench: ModuleType) -> list[tuple[str, dict[str, str]]]:
    """Uncached, slow-ish requests: searches for different words, and whole pages of
    articles."""
    words = [*bench.TOPICS[:6], *bench.LAST[:6]]
    paths: list[tuple[str, dict[str, str]]] = []
    for number, word in enumerate(words):
        paths.append(("/" if number % 2 else "/api/search", {"q": word}))
    paths += [("/api/articles", {"limit": "200", "q": word}) for word in bench.TOPICS[6:8]]
    return paths


@pytest.mark.parametrize("workers", [1, 2])
def test_sigterm_answers_the_requests_in_flight(synthetic_db: Path, bench: ModuleType,
                                                workers: int) -> None:
    server, url = _start(synthetic_db, workers)
    processes = psutil.Process(server.pid).children(recursive=True)
    requests = _request_paths(bench)
    outcomes: dict[int, tuple[str, float]] = {}
    sent = threading.Barrier(len(requests) + 1)
    written = threading.Semaphore(0)

    def trace(event: str, _info: dict) -> None:
        if event == "http11.send_request_body.complete":
            written.release()  # the whole request is on the socket

    def ask(number: int, path: str, params: dict[str, str]) -> None:
        with httpx.Client(base_url=url, timeout=60) as client:
            client.get("/api/articles", params={"limit": "1"})  # connected, warm
            sent.wait(timeout=60)
            try:
                answer = client.get(path, params=params, extensions={"trace": trace})
                outcome = str(answer.status_code)
            except httpx.HTTPError as error:
                outcome = type(error).__name__
            outcomes[number] = (outcome, time.monotonic())

    threads = [threading.Thread(target=ask, args=(n, path, params), daemon=True)
               for n, (path, params) in enumerate(requests)]
    try:
        for thread in threads:
            thread.start()
        sent.wait(timeout=60)
        # Every request written (on a loaded machine the threads take their time to send),
        # then a moment for the server to read them and queue them for the search slot.
        assert all(written.acquire(timeout=60) for _ in requests)
        time.sleep(0.15)
        stopped_at = time.monotonic()
        os.kill(server.pid, signal.SIGTERM)
        for thread in threads:
            thread.join(timeout=90)
        code = server.wait(timeout=EXIT_BOUND)
        exited_after = time.monotonic() - stopped_at
    finally:
        _kill(server)
        output = server.stdout.read().decode(errors="replace") if server.stdout else ""
        if server.stdout:
            server.stdout.close()
    assert len(outcomes) == len(requests), f"requests never ended: {outcomes}\n{output}"
    problems = {n: o for n, (o, _) in outcomes.items() if o != "200"}
    assert not problems, f"in-flight requests not answered: {problems}\n{output[-2000:]}"
    # Not a vacuous pass: on a fast machine every answer may come before the signal.
    if not any(done > stopped_at for _, done in outcomes.values()):
        pytest.skip("every request ended before SIGTERM: nothing was in flight")
    assert code == 0, output[-2000:]
    assert exited_after < EXIT_BOUND
    _, alive = psutil.wait_procs(processes, timeout=10)
    assert not alive, f"worker processes left running: {alive}"
