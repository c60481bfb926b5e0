"""Accounts of `newsgraph serve`: sign-up, log-in, reset links, CSRF, rate limits, roles,
private mode, the contact form, the digest and `newsgraph users`.

Mail goes to a real SMTP server (aiosmtpd) on 127.0.0.1; every test runs on SQLite and on
PostgreSQL (`store_databases` in conftest.py). Passwords are hashed with cheap argon2id
parameters here only.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest

try:
    import aiosmtpd  # noqa: F401
    import fastapi  # noqa: F401
    import pwdlib  # noqa: F401
except ImportError as missing:  # pragma: no cover - depends on the environment
    _reason = f"the account tests need the web and test extras ({missing.name} is missing)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{_reason}; CI=true does not allow skipping them", pytrace=False)
    pytest.skip(_reason, allow_module_level=True)

from aiosmtpd.controller import Controller
from fastapi import Request
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from typer.testing import CliRunner

from newsgraph.cli import app as cli
from newsgraph.serve import create_app
from newsgraph.serve.accounts import AccountSettings, Argon2Cost, RateLimit
from newsgraph.serve.accounts import users as user_store
from newsgraph.store import Store, schema

CHEAP = Argon2Cost(time_cost=1, memory_kib=1024, parallelism=1)
PASSWORD = "correct horse battery"
TOKEN = "s3cret-api-token"
OPERATOR = "desk@newsroom.example"
ARTICLE = ("The Hamburg city council approved the new harbour plan on Wednesday. "
           "“This is a good day for the port,” said Mayor Peter Tschentscher.")


# -- a real SMTP server -------------------------------------------------------------------

class Inbox:
    """Messages received by the local SMTP server, with a wait for the next one."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self._changed = threading.Condition()

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        with self._changed:
            self.messages.append(message_from_bytes(envelope.content))
            self._changed.notify_all()
        return "250 OK"

    def wait_for(self, to: str, timeout: float = 30.0) -> Message:
        """The first message to `to` (removed from the inbox); fails after `timeout`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for message in self.messages:
                    if to in message["To"]:
                        self.messages.remove(message)
                        return message
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no mail to {to} within {timeout} s")
                self._changed.wait(left)

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if address in m["To"]]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def smtp() -> Iterator[tuple[Inbox, str]]:
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, f"smtp://127.0.0.1:{port}"
    finally:
        controller.stop()


@pytest.fixture
def inbox(smtp: tuple[Inbox, str]) -> Inbox:
    smtp[0].messages.clear()
    return smtp[0]


def body(message: Message) -> str:
    return message.get_payload(decode=True).decode()  # type: ignore[union-attr]


def link_in(message: Message) -> str:
    found = re.search(r"https?://[^/\s]+(/reset/[A-Za-z0-9_-]+)", body(message))
    assert found, body(message)
    return found.group(1)


# -- the app ----------------------------------------------------------------------------

@pytest.fixture
def db(store_url: str) -> str:
    Store.open(store_url).close()
    return store_url


@pytest.fixture
def make_client(db: str, smtp: tuple[Inbox, str]) -> Iterator[Callable[..., TestClient]]:
    clients: list[TestClient] = []

    def make(address: str = "http://testserver", **options: Any) -> TestClient:
        settings = AccountSettings(**{
            "smtp_url": smtp[1], "operator_emails": (OPERATOR,), "api_token": TOKEN,
            "argon2": CHEAP, "base_url": "http://news.example", "allow_register": True,
            **options})
        client = TestClient(create_app(db, accounts=settings), base_url=address,
                            follow_redirects=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()


def csrf(client: TestClient, path: str = "/login") -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def post(client: TestClient, path: str, data: dict[str, str], form: str | None = None) -> Any:
    """POST a form the way a browser does: load the page with the form first."""
    return client.post(path, data={**data, "csrf_token": csrf(client, form or path)})


def add_user(db: str, email: str, role: str = "reader", password: str = PASSWORD,
             cost: Argon2Cost = CHEAP) -> None:
    from newsgraph.serve.accounts.passwords import Passwords

    with Store.open(db) as store:
        user_store.add(store.engine, email, Passwords(cost).hash(password),
                       user_store.Role(role), name=email.split("@")[0])


def log_in(client: TestClient, email: str, password: str = PASSWORD) -> Any:
    answer = post(client, "/login", {"email": email, "password": password})
    assert answer.status_code == 303, answer.text
    return answer


def main_text(page: Any) -> str:
    """The page's <main>, without the per-visitor CSRF token and typed-in values."""
    html = page.text[page.text.find("<main"):page.text.find("</main>")]
    html = re.sub(r'name="csrf_token" value="[^"]+"', "", html)
    return re.sub(r'value="[^"]*"', "", html)


# -- registering, logging in and out ---------------------------------------------------

def test_register_login_logout(client: TestClient, inbox: Inbox) -> None:
    answer = post(client, "/register", {"email": "New.Reader@Example.org", "name": "Nora"})
    assert answer.status_code == 200 and "Check your e-mail" in answer.text
    mail = inbox.wait_for("new.reader@example.org")
    assert mail["Subject"] == "Finish your newsgraph registration"
    link = link_in(mail)
    assert "http://news.example/reset/" in body(mail)
    form = client.get(link)
    assert form.status_code == 200 and "Choose your password" in form.text
    short = post(client, link, {"password": "short", "confirm": "short"})
    assert short.status_code == 400 and "at least 10 characters" in short.text
    done = post(client, link, {"password": PASSWORD, "confirm": PASSWORD})
    assert done.status_code == 303 and done.headers["location"] == "/account"
    cookie = done.headers["set-cookie"]
    assert "newsgraph_session=" in cookie and "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie and "Secure" not in cookie
    page = client.get("/account")
    assert page.status_code == 200 and "new.reader@example.org" in page.text
    assert "reader" in page.text
    assert post(client, "/logout", {}, form="/account").status_code == 303
    assert client.get("/account").headers["location"] == "/login?next=%2Faccount"
    log_in(client, "new.reader@example.org")
    assert client.get("/account").status_code == 200
    assert client.get(link).status_code == 410  # the link worked once


def test_register_can_be_disabled(make_client: Callable[..., TestClient]) -> None:
    client = make_client(allow_register=False)
    assert client.get("/register").status_code == 404
    assert post(client, "/register", {"email": "new@example.org"},
                form="/login").status_code == 404
    assert "/register" not in client.get("/login").text


def test_login_redirects_only_within_the_site(client: TestClient, db: str) -> None:
    add_user(db, "ann@example.org")
    answer = post(client, "/login", {"email": "ann@example.org", "password": PASSWORD,
                                     "next": "//evil.example/x"})
    assert answer.headers["location"] == "/account"
    post(client, "/logout", {}, form="/account")
    answer = post(client, "/login", {"email": "ann@example.org", "password": PASSWORD,
                                     "next": "/speakers/Anna"})
    assert answer.headers["location"] == "/speakers/Anna"


def test_session_cookie_is_secure_over_https(make_client: Callable[..., TestClient],
                                             db: str) -> None:
    add_user(db, "ann@example.org")
    client = make_client(address="https://testserver")
    answer = log_in(client, "ann@example.org")
    assert "Secure" in answer.headers["set-cookie"]


def test_sessions_are_stored_server_side_and_revocable(client: TestClient, db: str) -> None:
    add_user(db, "ann@example.org")
    log_in(client, "ann@example.org")
    with Store.open(db) as store, store.engine.connect() as connection:
        stored = connection.execute(select(schema.user_sessions.c.id)).scalars().all()
    assert len(stored) == 1 and client.cookies["newsgraph_session"] not in stored
    result = CliRunner().invoke(cli, ["users", "revoke-sessions", "ann@example.org",
                                      "--db", db])
    assert result.exit_code == 0 and "ended 1 session" in result.output
    assert client.get("/account").status_code == 303


def test_expired_sessions_end(client: TestClient, db: str) -> None:
    add_user(db, "ann@example.org")
    log_in(client, "ann@example.org")
    assert client.get("/account").status_code == 200
    with Store.open(db) as store, store.engine.begin() as connection:
        connection.execute(update(schema.user_sessions).values(
            expires_at=schema.user_sessions.c.created_at))
    answer = client.get("/account")
    assert answer.status_code == 303
    assert "newsgraph_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" in \
        answer.headers.get_list("set-cookie")
    assert "newsgraph_session" not in client.cookies


# -- password reset ---------------------------------------------------------------------

def test_reset_link_works_once_expires_and_dies_with_a_password_change(
        client: TestClient, inbox: Inbox, db: str) -> None:
    add_user(db, "ann@example.org")
    # 1. works once
    post(client, "/reset", {"email": "Ann@Example.org"})
    first = link_in(inbox.wait_for("ann@example.org"))
    form = client.get(first).text
    assert f'action="{first}"' in form  # the form posts back to the mailed link itself
    assert post(client, first, {"password": "a new password 1",
                                "confirm": "a new password 1"}).status_code == 303
    assert client.get(first).status_code == 410
    assert client.post(first, data={"password": "another password",
                                    "confirm": "another password",
                                    "csrf_token": csrf(client, "/reset")}).status_code == 410
    log_in(client, "ann@example.org", "a new password 1")
    # 2. expires
    post(client, "/reset", {"email": "ann@example.org"})
    second = link_in(inbox.wait_for("ann@example.org"))
    with Store.open(db) as store, store.engine.begin() as connection:
        connection.execute(update(schema.mail_tokens).values(
            expires_at=schema.mail_tokens.c.created_at))
    assert client.get(second).status_code == 410
    # 3. dies when the password changes another way
    post(client, "/reset", {"email": "ann@example.org"})
    third = link_in(inbox.wait_for("ann@example.org"))
    changed = post(client, "/account/password", {
        "current_password": "a new password 1", "password": "changed password 2",
        "confirm": "changed password 2"}, form="/account")
    assert changed.status_code == 303
    assert client.get(third).status_code == 410
    # Only hashes of tokens are stored.
    with Store.open(db) as store, store.engine.connect() as connection:
        ids = connection.execute(select(schema.mail_tokens.c.id)).scalars().all()
    assert not {first, second, third} & {f"/reset/{i}" for i in ids}


def test_reset_links_ignore_a_forged_host_header(make_client: Callable[..., TestClient],
                                                 inbox: Inbox, db: str) -> None:
    add_user(db, "ann@example.org")
    client = make_client(base_url=None)
    token = csrf(client, "/reset")
    client.post("/reset", data={"email": "ann@example.org", "csrf_token": token},
                headers={"Host": "evil.example"})
    text = body(inbox.wait_for("ann@example.org"))
    assert "http://testserver/reset/" in text and "evil.example" not in text


def test_no_account_enumeration(make_client: Callable[..., TestClient], inbox: Inbox,
                                db: str) -> None:
    cost = Argon2Cost(time_cost=2, memory_kib=16384, parallelism=1)
    add_user(db, "ann@example.org", cost=cost)
    client = make_client(argon2=cost, login_limit=RateLimit(100, 100, 60))
    # Log-in: the same answer for an unknown address and a wrong password...
    known = post(client, "/login", {"email": "ann@example.org", "password": "wrong one!"})
    unknown = post(client, "/login", {"email": "nobody@example.org", "password": "wrong one!"})
    assert known.status_code == unknown.status_code == 400
    assert main_text(known) == main_text(unknown)

    # ...in about the same time (a decoy hash is checked for unknown addresses).
    def timed(email: str) -> float:
        token = csrf(client)
        start = time.perf_counter()
        client.post("/login", data={"email": email, "password": "wrong one!",
                                    "csrf_token": token})
        return time.perf_counter() - start

    # Load from elsewhere only ever adds time, so the quickest of many interleaved samples
    # is the cost itself. Without the decoy an unknown address never costs a hash, and no
    # number of samples brings the ratio near 1; samples are added (up to 40 pairs) only
    # while a busy machine has not shown each path's quick run yet.
    known_times, unknown_times = [], []
    ratio = 0.0
    while len(known_times) < 40 and not 0.5 < ratio < 2.0:
        for _ in range(8):
            known_times.append(timed("ann@example.org"))
            unknown_times.append(timed("nobody@example.org"))
        ratio = min(unknown_times) / min(known_times)
    assert 0.5 < ratio < 2.0, (known_times, unknown_times)
    # Reset and register: the same answer; only a real account gets mail about itself.
    for path in ("/reset", "/register"):
        answers = [post(client, path, {"email": email})
                   for email in ("ann@example.org", "nobody@example.org")]
        assert answers[0].status_code == answers[1].status_code == 200
        assert main_text(answers[0]).replace("ann@", "X@") == \
            main_text(answers[1]).replace("nobody@", "X@")
    # The mails go out in the background: on a busy machine in either order.
    assert {inbox.wait_for("ann@example.org")["Subject"] for _ in range(2)} == {
        "Reset your newsgraph password", "You already have a newsgraph account"}
    assert inbox.wait_for("nobody@example.org")["Subject"] == \
        "Finish your newsgraph registration"
    time.sleep(0.3)
    assert not inbox.to("ann@example.org") and not inbox.to("nobody@example.org")


# -- rate limits -----------------------------------------------------------------------

def test_login_is_rate_limited_per_account_and_per_address(
        make_client: Callable[..., TestClient], db: str) -> None:
    add_user(db, "ann@example.org")
    client = make_client(login_limit=RateLimit(per_ip=8, per_account=3, window_seconds=600))
    for _ in range(3):
        assert post(client, "/login", {"email": "ann@example.org",
                                       "password": "wrong password"}).status_code == 400
    refused = post(client, "/login", {"email": "ann@example.org", "password": PASSWORD})
    assert refused.status_code == 429
    assert "Too many attempts" in refused.text and int(refused.headers["retry-after"]) > 0
    # Other accounts from the same address go on until the address's limit.
    for n in range(5):
        assert post(client, "/login", {"email": f"x{n}@example.org",
                                       "password": "wrong password"}).status_code == 400
    assert post(client, "/login", {"email": "y@example.org",
                                   "password": "wrong password"}).status_code == 429


def test_reset_requests_are_rate_limited(make_client: Callable[..., TestClient]) -> None:
    client = make_client(reset_limit=RateLimit(per_ip=10, per_account=2, window_seconds=600))
    for _ in range(2):
        assert post(client, "/reset", {"email": "ann@example.org"}).status_code == 200
    refused = post(client, "/reset", {"email": "ann@example.org"})
    assert refused.status_code == 429 and "Too many attempts" in refused.text


# -- CSRF ------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/login", "/register", "/reset", "/contact", "/logout",
                                  "/account/follows", "/account/searches"])
def test_post_without_csrf_token_is_refused(client: TestClient, path: str) -> None:
    client.get("/login")  # has the anonymous cookie, but sends no token
    answer = client.post(path, data={"email": "ann@example.org", "password": PASSWORD,
                                     "message": "hello", "value": "x", "query": "q=x"})
    assert answer.status_code == 403
    assert "CSRF" in answer.json()["error"]
    html = client.post(path, data={"csrf_token": "forged"}, headers={"Accept": "text/html"})
    assert html.status_code == 403 and "text/html" in html.headers["content-type"]


def test_csrf_token_belongs_to_its_visitor_and_session(
        make_client: Callable[..., TestClient], db: str) -> None:
    add_user(db, "ann@example.org")
    alice, mallory = make_client(), make_client()
    stolen = csrf(mallory)
    alice.get("/login")
    assert alice.post("/login", data={"email": "ann@example.org", "password": PASSWORD,
                                      "csrf_token": stolen}).status_code == 403
    anonymous_token = csrf(alice)
    log_in(alice, "ann@example.org")
    # The anonymous token no longer counts once signed in; the session's does.
    assert alice.post("/account/follows", data={"kind": "topic", "value": "harbour",
                                                "csrf_token": anonymous_token}
                      ).status_code == 403
    assert post(alice, "/account/follows", {"kind": "topic", "value": "harbour"},
                form="/account").status_code == 303
    assert "harbour" in alice.get("/account").text


# -- roles, ingest, API token ------------------------------------------------------------

def test_only_editors_and_the_api_token_may_ingest(
        make_client: Callable[..., TestClient], db: str) -> None:
    add_user(db, "reader@example.org")
    add_user(db, "editor@example.org", role="editor")
    payload = {"text": ARTICLE, "title": "Council backs the plan", "published": "2024-05-02",
               "url": "https://news.example/1"}
    anonymous = make_client()
    token = csrf(anonymous)
    assert anonymous.post("/api/articles", json=payload,
                          headers={"X-CSRF-Token": token}).status_code == 401
    reader = make_client()
    log_in(reader, "reader@example.org")
    token = csrf(reader, "/account")
    refused = reader.post("/api/articles", json=payload, headers={"X-CSRF-Token": token})
    assert refused.status_code == 403 and "editors" in refused.json()["error"]
    editor = make_client()
    log_in(editor, "editor@example.org")
    assert editor.post("/api/articles", json=payload).status_code == 403  # no CSRF token
    token = csrf(editor, "/account")
    added = editor.post("/api/articles", json=payload, headers={"X-CSRF-Token": token})
    assert added.status_code == 201, added.text
    article_id = added.json()["id"]
    assert added.json()["quotes"] >= 1 and added.headers["location"].endswith(article_id)
    again = editor.post("/api/articles", json=payload, headers={"X-CSRF-Token": token})
    assert again.status_code == 200 and again.json()["added"] is False
    stored = anonymous.get(f"/api/articles/{article_id}").json()
    assert stored["title"] == "Council backs the plan" and stored["published"] == "2024-05-02"
    # An API client: the bearer token instead of a session and CSRF token.
    api = make_client()
    html = {"html": "<html><head><title>Strike ends</title></head><body><article><p>"
                    "Dock workers in Rotterdam ended their strike after the union reached a "
                    "deal with the port. “We won a fair wage,” union leader Anna de Vries "
                    "told reporters on Friday.</p></article></body></html>"}
    assert api.post("/api/articles", json=html,
                    headers={"Authorization": "Bearer wrong"}).status_code == 401
    by_token = api.post("/api/articles", json=html,
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert by_token.status_code == 201, by_token.text
    bad = api.post("/api/articles", json={"text": "x", "html": "<p>x</p>"},
                   headers={"Authorization": f"Bearer {TOKEN}"})
    assert bad.status_code == 422
    huge = api.post("/api/articles", json={"text": "word " * 300_000},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert huge.status_code == 413


def test_private_server_needs_a_session(make_client: Callable[..., TestClient],
                                        db: str) -> None:
    add_user(db, "ann@example.org")
    client = make_client(private=True)
    assert "/register" not in client.get("/login").text
    assert client.get("/register").status_code == 303
    page = client.get("/?q=harbour")
    assert page.status_code == 303 and page.headers["location"] == "/login?next=%2F%3Fq%3Dharbour"
    api = client.get("/api/articles")
    assert api.status_code == 401 and "private" in api.json()["error"]
    assert client.get("/contact").status_code == 303
    assert client.get("/login").status_code == 200
    assert client.get("/reset").status_code == 200
    assert client.get("/static/none.css").status_code != 303
    assert client.get("/api/articles",
                      headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    answer = post(client, "/login", {"email": "ann@example.org", "password": PASSWORD,
                                     "next": "/?q=harbour"})
    assert answer.headers["location"] == "/?q=harbour"
    assert client.get("/api/articles").status_code == 200


# -- contact form, follows, digest --------------------------------------------------------

def test_contact_form_stores_and_mails_the_message(client: TestClient, inbox: Inbox,
                                                   db: str) -> None:
    bad = post(client, "/contact", {"name": "Vera", "email": "not an address",
                                    "message": "Hi"})
    assert bad.status_code == 400 and "e-mail address" in bad.text
    sent = post(client, "/contact", {"name": "Vera Reader", "email": "vera@example.org",
                                     "message": "Your feed misses <b>our</b> paper."})
    assert sent.status_code == 200 and "Message sent" in sent.text
    mail = inbox.wait_for(OPERATOR)
    assert mail["Reply-To"] == "vera@example.org"
    assert "Your feed misses <b>our</b> paper." in body(mail)
    with Store.open(db) as store, store.engine.connect() as connection:
        row = connection.execute(select(schema.contact_messages)).one()
    assert row.email == "vera@example.org" and row.message.startswith("Your feed misses")


def test_saved_searches(client: TestClient, db: str) -> None:
    add_user(db, "ann@example.org")
    log_in(client, "ann@example.org")
    assert post(client, "/account/searches", {"name": "Harbour", "query": "?q=harbour"},
                form="/account").status_code == 303
    page = client.get("/account").text
    assert 'href="/?q=harbour"' in page and "Harbour" in page
    post(client, "/account/searches", {"name": "", "query": "rafah  troops"}, form="/account")
    assert 'href="/?q=rafah+troops">rafah troops</a>' in client.get("/account").text
    search_id = re.search(r'/account/searches/(\d+)/delete', page).group(1)
    post(client, f"/account/searches/{search_id}/delete", {}, form="/account")
    assert 'href="/?q=harbour"' not in client.get("/account").text


def test_digest_mails_followers_their_new_quotes(
        client: TestClient, inbox: Inbox, db: str, smtp: tuple[Inbox, str]) -> None:
    from newsgraph.serve.accounts import library

    add_user(db, "ann@example.org")
    add_user(db, "bob@example.org")
    add_user(db, "cy@example.org")
    log_in(client, "ann@example.org")
    assert post(client, "/account/follows", {"kind": "person", "value": "Tschentscher"},
                form="/account").status_code == 303
    with Store.open(db) as store:
        cy = user_store.find(store.engine, "cy@example.org")[0]  # type: ignore[index]
        library.follow(store.engine, cy.id, "topic", "GOOD day")
        library.follow(store.engine, cy.id, "topic", "weather")
    added = client.post("/api/articles", json={"text": ARTICLE, "title": "Harbour plan"},
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert added.status_code == 201, added.text
    runner = CliRunner()
    args = ["digest", "--db", db, "--smtp-url", smtp[1], "--base-url", "https://news.example"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    mail = inbox.wait_for("ann@example.org")
    text = body(mail)
    assert "This is a good day for the port" in text and "Peter Tschentscher" in text
    assert f"https://news.example/articles/{added.json()['id']}" in text
    assert not inbox.to("bob@example.org")  # follows nothing
    topical = body(inbox.wait_for("cy@example.org"))
    assert "This is a good day for the port" in topical and "(you follow: GOOD day)" in topical
    assert runner.invoke(cli, args).exit_code == 0  # nothing new since
    no_smtp = runner.invoke(cli, ["digest", "--db", db], env={"NEWSGRAPH_SMTP_URL": ""})
    assert no_smtp.exit_code == 2 and "SMTP" in no_smtp.output
    time.sleep(0.2)
    assert not inbox.to("ann@example.org")


# -- newsgraph users ---------------------------------------------------------------------

def test_cli_users(db: str, client: TestClient) -> None:
    runner = CliRunner()
    added = runner.invoke(cli, ["users", "add", "Admin@Example.org", "--role", "admin",
                                "--name", "Ada", "--password-stdin", "--db", db],
                          input=f"{PASSWORD}\n")
    assert added.exit_code == 0, added.output
    assert "added admin@example.org (admin)" in added.output
    twice = runner.invoke(cli, ["users", "add", "admin@example.org", "--password-stdin",
                                "--db", db], input=f"{PASSWORD}\n")
    assert twice.exit_code == 1 and "already a user" in twice.output
    short = runner.invoke(cli, ["users", "add", "x@example.org", "--password-stdin",
                                "--db", db], input="short\n")
    assert short.exit_code == 1 and "at least 10" in short.output
    prompted = runner.invoke(cli, ["users", "add", "ed@example.org", "--db", db],
                             input=f"{PASSWORD}\n{PASSWORD}\n")
    assert prompted.exit_code == 0, prompted.output
    log_in(client, "admin@example.org")  # the CLI's hash (full argon2 cost) verifies
    listed = runner.invoke(cli, ["users", "list", "--db", db])
    assert "admin@example.org\tadmin\tAda" in listed.output
    assert "ed@example.org\treader" in listed.output
    changed = runner.invoke(cli, ["users", "set-role", "ed@example.org", "editor", "--db", db])
    assert changed.exit_code == 0 and "now editor" in changed.output
    removed = runner.invoke(cli, ["users", "remove", "ed@example.org", "--db", db])
    assert removed.exit_code == 0
    assert "ed@example.org" not in runner.invoke(cli, ["users", "list", "--db", db]).output
    missing = runner.invoke(cli, ["users", "remove", "ed@example.org", "--db", db])
    assert missing.exit_code == 1 and "no user" in missing.output


# -- settings and the serve command ------------------------------------------------------

def test_settings_from_environment() -> None:
    settings = AccountSettings.from_env({
        "NEWSGRAPH_PRIVATE": "1", "NEWSGRAPH_REGISTER": "0", "NEWSGRAPH_TOKEN": "t",
        "NEWSGRAPH_OPERATOR_EMAILS": "a@example.org, b@example.org",
        "NEWSGRAPH_SMTP_URL": "smtps://user:pa%40ss@mail.example"}, private=False)
    assert settings.private is False  # a keyword wins over the environment
    assert settings.allow_register is False and settings.api_token == "t"
    assert settings.operator_emails == ("a@example.org", "b@example.org")
    from newsgraph.serve.accounts.mail import SmtpServer

    server = SmtpServer.parse(settings.smtp_url or "")
    assert (server.scheme, server.host, server.port, server.user, server.password) == \
        ("smtps", "mail.example", 465, "user", "pa@ss")
    assert AccountSettings.from_env({}).private is False


def test_serve_binds_to_localhost_and_has_a_private_switch() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output and "--private" in result.output


def test_role_guard_for_other_routes(client: TestClient, db: str) -> None:
    from newsgraph.serve.accounts.guards import refusal

    @client.app.post("/api/merges-test")  # type: ignore[attr-defined]
    def merge(request: Request) -> dict[str, bool]:
        denied = refusal(request, user_store.Role.editor)
        return {"ok": denied is None}

    add_user(db, "ann@example.org")
    log_in(client, "ann@example.org")
    token = csrf(client, "/account")
    assert client.post("/api/merges-test",
                       headers={"X-CSRF-Token": token}).json() == {"ok": False}
    result = CliRunner().invoke(cli, ["users", "set-role", "ann@example.org", "editor",
                                      "--db", db])
    assert result.exit_code == 0
    assert client.post("/api/merges-test",
                       headers={"X-CSRF-Token": token}).json() == {"ok": True}


def test_editors_merge_entities(make_client: Callable[..., TestClient], db: str) -> None:
    from newsgraph.link.build import rebuild
    from newsgraph.link.merges import apply_merges
    from newsgraph.link.timeline import resolve_entity

    add_user(db, "reader@example.org")
    add_user(db, "editor@example.org", role="editor")
    api = make_client()
    other = "The mayor of Bremen praised the harbour plan, officials in Hamburg said."
    for text in (ARTICLE, other):
        assert api.post("/api/articles", json={"text": text},
                        headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 201
    places = [row["name"] for row in api.get("/api/entities?type=GPE").json()["items"]]
    assert {"Hamburg", "Bremen"} <= set(places), places
    wanted = {"alias": "Bremen", "type": "GPE", "canonical": "Hamburg"}
    assert api.post("/api/entity-merges", json=wanted,
                    headers={"X-CSRF-Token": csrf(api)}).status_code == 401
    reader = make_client()
    log_in(reader, "reader@example.org")
    token = csrf(reader, "/account")
    assert reader.post("/api/entity-merges", json=wanted,
                       headers={"X-CSRF-Token": token}).status_code == 403
    editor = make_client()
    log_in(editor, "editor@example.org")
    token = csrf(editor, "/account")
    unknown = editor.post("/api/entity-merges", json={**wanted, "alias": "Atlantis"},
                          headers={"X-CSRF-Token": token})
    assert unknown.status_code == 422 and "Atlantis" in unknown.json()["error"]
    made = editor.post("/api/entity-merges", json=wanted, headers={"X-CSRF-Token": token})
    assert made.status_code == 201, made.text
    listed = editor.get("/api/entity-merges").json()["items"]
    assert [(m["alias"], m["canonical"], m["by"]) for m in listed] == \
        [("Bremen", "Hamburg", "editor@example.org")]
    with Store.open(db) as store:
        assert resolve_entity(store, "Bremen")[0] == "Hamburg"
        rebuild(store)  # `newsgraph link` keeps the editors' merges
        canonical, _type, aliases = resolve_entity(store, "Bremen")
        assert canonical == "Hamburg" and {"Hamburg", "Bremen"} <= set(aliases)
        with store.engine.begin() as connection:
            assert apply_merges(connection) == 1  # applying them twice changes nothing
        canonical, _type, aliases = resolve_entity(store, "Bremen")
        assert canonical == "Hamburg" and {"Hamburg", "Bremen"} <= set(aliases)
    params = {"alias": "Bremen", "type": "GPE"}
    assert editor.delete("/api/entity-merges", params=params).status_code == 403  # no CSRF
    assert editor.delete("/api/entity-merges", params=params,
                         headers={"X-CSRF-Token": token}).status_code == 200
    with Store.open(db) as store:
        assert resolve_entity(store, "Bremen")[0] == "Bremen"


def test_signed_in_pages_offer_follow_save_and_log_out(make_client: Callable[..., TestClient],
                                                        db: str) -> None:
    """The speaker page's follow button and the search page's save button post with a CSRF
    token and land on the account page; the header's log-out form ends the session."""
    add_user(db, "reader@example.org")
    api = make_client()
    assert api.post("/api/articles", json={"text": ARTICLE},
                    headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 201
    client = make_client()
    assert "Follow" not in client.get("/speakers/Anyone").text
    log_in(client, "reader@example.org")
    speaker = next(row["speaker"] for row in client.get("/api/quotes").json()["items"]
                   if row["speaker"])
    page = client.get(f"/speakers/{speaker}").text
    assert 'action="/account/follows"' in page and 'name="csrf_token"' in page
    token = csrf(client, "/account")
    followed = client.post("/account/follows", data={
        "csrf_token": token, "kind": "person", "value": speaker, "back": "/account"})
    assert followed.status_code in (200, 303)
    assert 'action="/account/searches"' in client.get("/?q=harbour").text
    client.post("/account/searches", data={"csrf_token": token, "query": "q=harbour"})
    account = client.get("/account").text
    assert speaker in account and "harbour" in account
    assert client.post("/logout", data={"csrf_token": token}).status_code in (200, 303)
    assert "Log in" in client.get("/").text
