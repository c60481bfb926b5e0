"""Helpers for tests that run `newsgraph serve` as a real process on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import time

import httpx


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def first_answer(server: subprocess.Popen, port: int, seconds: float = 60) -> httpx.Response | None:
    """The first answer of `/api/articles` while the server runs, within `seconds`; None if
    it never answered (or exited)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            return httpx.get(f"http://127.0.0.1:{port}/api/articles", timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
    return None
