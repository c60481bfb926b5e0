"""Fixtures for the browser tests: a store, a live `newsgraph serve`, a local SMTP server,
Debian's Chromium (via pytest-playwright) and a guard that keeps every request on 127.0.0.1.

The server runs as a subprocess on a free port of 127.0.0.1 and is stopped by its PID. Mail
from the account pages goes to an aiosmtpd server on 127.0.0.1 (`NEWSGRAPH_SMTP_URL`).
"""

from __future__ import annotations

import email
import email.policy
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser import CHROMIUM

HERE = Path(__file__).resolve().parent
#: Screenshots the README shows; the screenshot test refreshes them when
#: NEWSGRAPH_UPDATE_SCREENSHOTS=1 (so that a plain test run leaves the work tree alone).
DOCS_SCREENSHOTS = HERE.parents[1] / "docs" / "screenshots"
UPDATE_DOCS_ENV = "NEWSGRAPH_UPDATE_SCREENSHOTS"
LOCAL_HOSTS = {"127.0.0.1"}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- mail --------------------------------------------------------------------------------------


class Mailbox:
    """Messages an aiosmtpd server on 127.0.0.1 received, in order."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.url = ""
        self._arrived = threading.Condition()

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._arrived:
            self.messages.append(message)  # type: ignore[arg-type]
            self._arrived.notify_all()
        return "250 OK"

    def wait_for(self, to: str, after: int = 0, timeout: float = 15.0) -> EmailMessage:
        """The first message to `to` from the `after`-th on; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                for message in self.messages[after:]:
                    if to.lower() in str(message.get("To", "")).lower():
                        return message
                left = deadline - time.monotonic()
                if left <= 0:
                    got = [(str(m.get("To")), str(m.get("Subject"))) for m in self.messages]
                    raise AssertionError(f"no mail to {to} within {timeout} s; got {got}")
                self._arrived.wait(left)

    @staticmethod
    def body(message: EmailMessage) -> str:
        """The text of a message (plain part preferred)."""
        part = message.get_body(preferencelist=("plain", "html"))
        return part.get_content() if part is not None else ""


@pytest.fixture(scope="session")
def mailbox() -> Iterator[Mailbox]:
    """An SMTP server on 127.0.0.1 for the whole session; its messages."""
    from aiosmtpd.controller import Controller

    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.url = f"smtp://127.0.0.1:{controller.port}"
    yield box
    controller.stop()


# -- store and server --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store with the articles of `site_data`."""
    from newsgraph.store import Store
    from tests.browser.site_data import all_articles

    path = tmp_path_factory.mktemp("browser") / "news.db"
    from newsgraph.link import rebuild

    with Store.open(path) as store:
        assert all(store.add_many(all_articles()))
        rebuild(store)  # stories (the Antwerp strike, two outlets), aliases
    return path


class LiveServer:
    """`newsgraph serve` in a subprocess on 127.0.0.1."""

    def __init__(self, db: Path, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._log_file = log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newsgraph", "serve", "--db", str(db),
             "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=self._log_file, stderr=subprocess.STDOUT, env=env)

    def wait_until_up(self, timeout: float = 60.0) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"newsgraph serve exited ({self.process.returncode}):\n"
                                   f"{self.output()}")
            try:
                httpx.get(f"{self.url}/api/articles?limit=1", timeout=2)
                return
            except httpx.TransportError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"newsgraph serve did not answer within {timeout} s:\n{self.output()}")

    def output(self, since: int = 0) -> str:
        """What the server printed from byte `since` on (the last 4000 characters of it)."""
        self._log_file.flush()
        with self.log.open("rb") as handle:
            handle.seek(since)
            return handle.read().decode("utf-8", errors="replace")[-4000:]

    def output_size(self) -> int:
        self._log_file.flush()
        return self.log.stat().st_size

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self._log_file.close()


@pytest.fixture(scope="session")
def live_server(store_path: Path, mailbox: Mailbox,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The web app over `store_path`, with its mail going to `mailbox`."""
    folder = tmp_path_factory.mktemp("server")
    env = {**os.environ,
           "NEWSGRAPH_SMTP_URL": mailbox.url,
           "NEWSGRAPH_MAIL_FROM": "newsgraph@127.0.0.1",
           "NEWSGRAPH_OPERATOR_EMAILS": "operators@127.0.0.1",
           "NEWSGRAPH_SECRET_KEY": "browser-tests-only-" + "x" * 32,
           "NEWSGRAPH_REGISTER": "1"}
    env.pop("NEWSGRAPH_PRIVATE", None)
    env.pop("NEWSGRAPH_TOKEN", None)
    server = LiveServer(store_path, env, folder / "server.log")
    server.wait_until_up()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def no_server_errors(live_server: LiveServer) -> Iterator[None]:
    """Fail a test during which the server printed a traceback (an error in any request)."""
    start = live_server.output_size()
    yield
    printed = live_server.output(since=start)
    assert "Traceback" not in printed, f"the server failed during this test:\n{printed}"


@pytest.fixture(scope="session")
def base_url(live_server: LiveServer) -> str:
    """pytest-playwright's base URL: `page.goto("/")` opens the live server."""
    return live_server.url


@pytest.fixture(scope="session")
def api(live_server: LiveServer) -> Iterator[Any]:
    """An httpx client on the live server, for the stored data the pages must show."""
    import httpx

    with httpx.Client(base_url=live_server.url, timeout=10) as client:
        yield client


# -- browser -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's Chromium; Playwright's own browser builds are never downloaded."""
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM),
            "args": ["--disable-background-networking", "--disable-component-update",
                     "--no-first-run", "--disable-sync", "--disable-default-apps"]}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A fixed window size and locale, so screenshots and layouts repeat."""
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900},
            "locale": "en-GB", "accept_downloads": True}


class RequestLog:
    """Every request the browser made in one test, and those that left 127.0.0.1."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.foreign: list[str] = []


@pytest.fixture(autouse=True)
def requests_stay_local(context: Any) -> Iterator[RequestLog]:
    """Route every request of the test's browser context: only 127.0.0.1 is let through.

    Anything else is aborted and recorded, and the test fails at the end with the list.
    """
    log = RequestLog()

    def guard(route: Any) -> None:
        url = route.request.url
        log.urls.append(url)
        parts = urlsplit(url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            log.foreign.append(url)
            route.abort()

    context.route("**/*", guard)
    yield log
    assert not log.foreign, f"requests that left 127.0.0.1: {log.foreign}"


@pytest.fixture
def dialogs(page: Any) -> list[str]:
    """Messages of every alert/confirm/prompt the page opens (each is dismissed)."""
    seen: list[str] = []

    def on_dialog(dialog: Any) -> None:
        seen.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return seen


# -- screenshots -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go: $NEWSGRAPH_ARTIFACTS, else tests/browser/artifacts/ (ignored)."""
    folder = Path(os.environ.get("NEWSGRAPH_ARTIFACTS") or HERE / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def screenshot(artifacts: Path) -> Callable[..., Path]:
    """Save a full-page screenshot `<name>.png`; with `docs=True` also into docs/screenshots/
    when $NEWSGRAPH_UPDATE_SCREENSHOTS is 1."""

    def take(page: Any, name: str, docs: bool = False) -> Path:
        path = artifacts / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        if docs and os.environ.get(UPDATE_DOCS_ENV) == "1":
            DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, DOCS_SCREENSHOTS / path.name)
        return path

    return take
