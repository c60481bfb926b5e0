"""The server the browser talks to, under the parallel requests that browsers and several
readers make: every answer is 200 and the server process survives.

It runs its own `newsgraph serve` on the same store, so that a crash here cannot take the
other browser tests' server down with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.browser import require_browser

require_browser()

from tests.browser.conftest import LiveServer, Mailbox  # noqa: E402
from tests.browser.site_data import SEED_ID  # noqa: E402

PATHS = ["/", "/?q=Netanyahu", f"/articles/{SEED_ID}", "/speakers/Benjamin%20Netanyahu",
         "/api/search?q=port", "/api/quotes?speaker=Netanyahu", f"/api/articles/{SEED_ID}",
         "/events", "/entities/Rafah"]


@pytest.fixture
def own_server(store_path: Path, mailbox: Mailbox, tmp_path: Path) -> Iterator[LiveServer]:
    import os

    env = {**os.environ, "NEWSGRAPH_SMTP_URL": mailbox.url}
    server = LiveServer(store_path, env, tmp_path / "server.log")
    server.wait_until_up()
    yield server
    server.stop()


def test_parallel_readers_all_get_answers(own_server: LiveServer) -> None:
    import httpx

    def fetch(path: str) -> str:
        try:
            status = httpx.get(own_server.url + path, timeout=30).status_code
        except httpx.TransportError as error:
            return f"{path}: {type(error).__name__}"
        return "" if status == 200 else f"{path}: {status}"

    with ThreadPoolExecutor(max_workers=40) as pool:
        for _ in range(3):  # three waves of 45 requests at once
            failed = [problem for problem in pool.map(fetch, PATHS * 5) if problem]
            assert own_server.process.poll() is None, \
                f"the server died under parallel requests:\n{own_server.output()}"
            assert not failed, f"{len(failed)} of {len(PATHS) * 5} failed: {failed[:5]}"
