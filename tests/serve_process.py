"""Helpers for tests that run `newsgraph serve` as a real process on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time

import httpx

#: How long a server may take to give its first answer. Generous on purpose: with the
#: machine loaded (load average 15-20 on 2 cores) starting Python, FastAPI and the workers
#: has taken over a minute. The wait ends as soon as the server answers, or exits.
START_SECONDS = 240.0
#: Per-request time-out of the tests' clients once the server is up (a loaded machine
#: answers a search page in seconds, not milliseconds).
REQUEST_SECONDS = 60.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def first_answer(server: subprocess.Popen, port: int, seconds: float = START_SECONDS,
                 path: str = "/api/articles", success: bool = False) -> httpx.Response | None:
    """The first answer to `path` while the server runs, within `seconds`; with `success`,
    the first 2xx answer (a server still starting may answer 503 first). None if there was
    no such answer in time, or the server exited."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            response = httpx.get(f"http://127.0.0.1:{port}{path}", timeout=10)
        except httpx.TransportError:
            time.sleep(0.2)
            continue
        if response.is_success or not success:
            return response
        time.sleep(0.2)
    return None


def stop(server: subprocess.Popen, grace: float = 30.0) -> None:
    """SIGTERM the server, SIGKILL it if it has not exited after `grace` seconds."""
    if server.poll() is None:
        os.kill(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
