# ruff: noqa: F811  (the fixtures imported from test_accounts are parameters here)
"""Issue 15, "Web and API": each finding of the hostile test of `newsgraph serve`, as a test
that failed before its fix. Store-backed tests run on SQLite and PostgreSQL
(`store_databases` in conftest.py); the real-server tests run uvicorn on 127.0.0.1 only."""

from __future__ import annotations

import base64
import json
import os
import socket
import stat
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

try:
    import aiosmtpd  # noqa: F401
    import fastapi  # noqa: F401
    import httpx
    import uvicorn
except ImportError as missing:  # pragma: no cover - depends on the environment
    pytest.skip(f"the serve tests need the web extra ({missing.name} is missing)",
                allow_module_level=True)

from fastapi.testclient import TestClient

from newsgraph.model import Article
from newsgraph.serve import create_app
from newsgraph.serve.accounts import AccountSettings, RateLimit
from newsgraph.store import Store
from tests.test_accounts import (  # noqa: F401  (fixtures)
    CHEAP,
    OPERATOR,
    PASSWORD,
    TOKEN,
    Inbox,
    add_user,
    body,
    client,
    db,
    inbox,
    log_in,
    make_client,
    post,
    smtp,
)

HOSTILE_WORDS = "a " * 200


def _article(text: str, title: str, site: str = "Desk", published: str = "2024-05-02") -> Article:
    from newsgraph.model import content_id

    return Article(id=content_id(text), text=text, title=title, site=site,
                   published=published, url=f"https://news.example/{content_id(text)}")


@pytest.fixture
def filled(db: str) -> str:
    """A store with three hand-made articles (no NLP), one with markup and formula text."""
    with Store.open(db) as store:
        store.add_many([
            _article("Officials said <img src=x onerror=alert(1)> the harbour plan of a "
                     "harbour town passed.", "=HYPERLINK(\"http://evil.example\",\"x\")",
                     site="+cmd"),
            _article("A storm hit a coast and a town. A man said a word.", "Storm"),
            _article("Dock workers ended a strike after a deal.", "@Strike", site="-Desk"),
        ])
    return db


# -- search: a denial of service ------------------------------------------------------------


def test_search_terms_are_deduplicated_and_capped() -> None:
    from newsgraph.store.queries import MAX_SEARCH_TERMS, fts_query, search_terms

    assert search_terms(HOSTILE_WORDS) == ["a"]
    assert fts_query(HOSTILE_WORDS) == '"a"'
    assert search_terms("Port port PORT harbour") == ["Port", "harbour"]
    many = " ".join(f"word{n}" for n in range(50))
    assert len(search_terms(many)) == MAX_SEARCH_TERMS
    assert search_terms("x" * 65 + " ok") == ["ok"]


def test_hostile_search_answers_with_one_word(filled: str) -> None:
    with TestClient(create_app(filled, accounts=AccountSettings(argon2=CHEAP))) as api:
        started = time.monotonic()
        answer = api.get("/api/search", params={"q": HOSTILE_WORDS[:499]})
        assert answer.status_code == 200, answer.text
        assert len(answer.json()["items"]) == 3
        page = api.get("/", params={"q": HOSTILE_WORDS[:499]})
        assert page.status_code == 200 and "a AND a" not in page.text
        assert time.monotonic() - started < 10
        from newsgraph.store.queries import search

        with Store.open(filled) as store:
            assert len(search(store, HOSTILE_WORDS, limit=5)) == 3


def test_time_limit_holds_for_a_whole_request(filled: str) -> None:
    """Each statement alone stays under the limit; together they pass it and are stopped
    (PostgreSQL's statement_timeout alone was per statement)."""
    from sqlalchemy import text

    from newsgraph.serve.readonly import QueryTimeout, open_readonly, time_limit

    with open_readonly(filled, 0.5) as store:
        started = time.monotonic()
        with pytest.raises(QueryTimeout), time_limit(0.5), store.engine.connect() as conn:
            if store.is_postgres:
                pause = "SELECT pg_sleep(0.3)"
            else:
                conn.connection.driver_connection.create_function("pause", 1, time.sleep)
                pause = "SELECT pause(0.3)"
            for _ in range(6):
                conn.execute(text(pause))
        assert time.monotonic() - started < 1.6
        assert store.count() == 3  # outside a request the full limit applies again


def test_searches_wait_for_a_slot_then_get_503(filled: str) -> None:
    app = create_app(filled, time_limit_seconds=0.3, accounts=AccountSettings(argon2=CHEAP))
    with TestClient(app) as api:
        app.state.search_slots = 0  # every slot taken by other searches
        started = time.monotonic()
        busy = api.get("/api/search", params={"q": "harbour"})
        assert busy.status_code == 503 and "busy" in busy.json()["error"]
        assert busy.headers["retry-after"]
        place = api.get("/api/places/articles", params={"name": "Nowhere"})
        assert place.status_code == 503  # so do the articles of an unknown place
        page = api.get("/", params={"q": "harbour"})  # the search page waits alike
        assert page.status_code == 503 and "busy" in page.text
        assert time.monotonic() - started < 4  # the wait is part of the time limit
        assert api.get("/api/articles").status_code == 200  # other pages go on


# -- log-in and passwords --------------------------------------------------------------------


def test_parallel_wrong_guesses_stop_at_the_limit(make_client: Callable[..., TestClient],
                                                  db: str) -> None:
    from newsgraph.serve.accounts.ratelimit import Limited

    add_user(db, "ann@example.org")
    api = make_client(login_limit=RateLimit(per_ip=1000, per_account=5, window_seconds=600))
    accounts = api.app.state.accounts  # type: ignore[attr-defined]
    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(lambda n: accounts.login("ann@example.org", f"wrong {n}",
                                                          "192.0.2.7"), range(40)))
    tried = [outcome for outcome in outcomes if not isinstance(outcome, Limited)]
    assert all(outcome is None for outcome in tried)
    assert len(tried) == 5  # counted one after another: exactly the allowance


def test_password_change_waits_instead_of_locking_out(
        make_client: Callable[..., TestClient], db: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.serve.accounts import service
    from newsgraph.serve.accounts.ratelimit import Backoff

    monkeypatch.setattr(service, "PASSWORD_BACKOFF", Backoff(free=2, first_wait=1,
                                                             longest_wait=1))
    add_user(db, "ann@example.org")
    api = make_client()
    log_in(api, "ann@example.org")

    def change(current: str) -> Any:
        return post(api, "/account/password", {"current_password": current,
                                               "password": "tidal quartz lantern",
                                               "confirm": "tidal quartz lantern"},
                    form="/account")

    assert change("wrong one 1").status_code == 400
    assert change("wrong one 2").status_code == 400
    waiting = change("wrong one 3")
    assert waiting.status_code == 429 and int(waiting.headers["retry-after"]) >= 1
    assert change(PASSWORD).status_code == 429  # within the wait, even the right one
    time.sleep(1.2)
    assert change(PASSWORD).status_code == 303  # a delay, never a lock-out


@pytest.mark.parametrize("password", [
    "aaaaaaaaaa", "1234567890", "qwertyuiop", "password123", "P@ssw0rd!!", "abcabcabcabc",
    "iloveyou2024", "Sunshine2023!", "ann.example99",
])
def test_weak_passwords_are_refused(password: str) -> None:
    from newsgraph.serve.accounts.passwords import PasswordError, check_new_password

    with pytest.raises(PasswordError):
        check_new_password(password, 10, "ann.example@example.org")


def test_good_passwords_pass() -> None:
    from newsgraph.serve.accounts.passwords import check_new_password

    for password in (PASSWORD, "tidal quartz lantern", "Tr0ub4dor&3x!", "a new password 1"):
        check_new_password(password, 10, "ann@example.org")


# -- mail ------------------------------------------------------------------------------------


def test_registration_mail_carries_no_visitor_text(client: TestClient, inbox: Inbox,
                                                   db: str) -> None:
    from sqlalchemy import select

    from newsgraph.store import schema

    name = "Win a prize!\n\nClaim it at http://evil.example/claim\u2028now"
    answer = post(client, "/register", {"email": "victim@example.org", "name": name})
    assert answer.status_code == 200
    mail = body(inbox.wait_for("victim@example.org"))
    assert "evil.example" not in mail and "prize" not in mail
    with Store.open(db) as store, store.engine.connect() as connection:
        kept = connection.execute(select(schema.mail_tokens.c.name)).scalar_one()
    assert "\n" not in kept and "\u2028" not in kept and len(kept) <= 80


def test_registration_is_off_by_default(db: str) -> None:
    assert AccountSettings().allow_register is False
    assert AccountSettings.from_env({}).allow_register is False
    with TestClient(create_app(db, accounts=AccountSettings(argon2=CHEAP))) as api:
        assert api.get("/register").status_code == 404
        assert "/register" not in api.get("/login").text


def test_contact_name_with_a_line_separator_is_mailed(client: TestClient,
                                                      inbox: Inbox) -> None:
    answer = post(client, "/contact", {"name": "Ann\u2028Bcc: all@example.org",
                                       "email": "ann@example.org", "message": "Hello"})
    assert answer.status_code == 200, answer.text
    mail = inbox.wait_for(OPERATOR)
    assert "\u2028" not in mail["Subject"] and "Ann Bcc" in mail["Subject"]
    assert mail["Bcc"] is None


# -- 500s that must be 4xx -------------------------------------------------------------------


def test_bad_input_gets_4xx(make_client: Callable[..., TestClient], db: str) -> None:
    api = make_client()
    nested = base64.urlsafe_b64encode(("[" * 1000 + "]" * 1000).encode()).decode()
    short_nested = base64.urlsafe_b64encode(("[" * 700 + "]" * 700).encode()).decode()
    for path in ("/api/articles", "/api/search?q=port&", "/"):
        for cursor in (nested, short_nested):
            sep = "&" if "?" in path else "?"
            answer = api.get(f"{path}{sep}cursor={cursor}")
            assert answer.status_code == 422, (path, answer.status_code)
    add_user(db, "ed@example.org", role="editor")
    log_in(api, "ed@example.org")
    for path in (f"/account/searches/{10**23}/delete", f"/account/follows/{10**23}/delete"):
        assert post(api, path, {}, form="/account").status_code == 422
    token = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    for payload in ('{"text": "\\ud800 x"}', '{"html": "<p>\\udfff</p>"}',
                    '{"text": "fine", "title": "\\ud83d"}'):
        answer = api.post("/api/articles", content=payload, headers=token)
        assert answer.status_code == 422 and ("surrogate" in answer.text
                                              or "unicode" in answer.text), answer.text
    merge = api.post("/api/entity-merges", headers=token,
                     content='{"alias": "\\ud800", "type": "PERSON", "canonical": "A"}')
    assert merge.status_code == 422


def test_max_body_holds_for_token_clients(make_client: Callable[..., TestClient]) -> None:
    api = make_client(max_body_bytes=2048)
    big = json.dumps({"text": "word " * 1000})
    answer = api.post("/api/articles", content=big, headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert answer.status_code == 413
    assert api.post("/login", content=b"x" * 3000, headers={
        "Content-Type": "application/x-www-form-urlencoded"}).status_code == 413


# -- what answers carry ----------------------------------------------------------------------


def test_csv_cells_cannot_be_formulas(filled: str, capsys: pytest.CaptureFixture) -> None:
    import csv
    import io

    from newsgraph.cli.store_cmds import ListFormat, _print_rows

    with TestClient(create_app(filled, accounts=AccountSettings(argon2=CHEAP))) as api:
        answer = api.get("/api/articles", params={"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    titles = {row["title"] for row in rows}
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in titles and "'@Strike" in titles
    assert {row["site"] for row in rows} == {"'+cmd", "Desk", "'-Desk"}
    _print_rows([{"name": "=1+1", "articles": 3}, {"name": "\tTab", "articles": -2}],
                ListFormat.csv, "t", ["name", "articles"])
    printed = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert printed[1:] == [["'=1+1", "3"], ["'\tTab", "-2"]]


def test_signed_in_answers_are_not_cached_and_hsts_is_an_option(
        make_client: Callable[..., TestClient], db: str) -> None:
    add_user(db, "ann@example.org")
    anonymous = make_client()
    assert "no-store" not in anonymous.get("/").headers.get("cache-control", "")
    assert "strict-transport-security" not in anonymous.get("/").headers
    signed_in = make_client(hsts_seconds=31536000)
    log_in(signed_in, "ann@example.org")
    for path in ("/", "/api/articles", "/api/search?q=port", "/no-such-page"):
        assert signed_in.get(path).headers["cache-control"] == "no-store", path
    assert signed_in.get("/").headers["strict-transport-security"] == \
        "max-age=31536000; includeSubDomains"


def test_api_snippets_are_text_with_offsets(filled: str) -> None:
    with TestClient(create_app(filled, accounts=AccountSettings(argon2=CHEAP))) as api:
        (hit,) = api.get("/api/search", params={"q": "harbour"}).json()["items"]
        page = api.get("/", params={"q": "harbour"}).text
    snippet = hit["snippet"]
    assert "<mark>" not in snippet
    assert hit["highlights"] and all(snippet[start:end].lower() == "harbour"
                                     for start, end in hit["highlights"])
    assert "<img src=x" not in page and "&lt;img src=x" in page
    assert "<mark>harbour</mark>" in page  # the page still highlights, escaped around


def test_new_store_file_is_private(tmp_path: Any) -> None:
    path = tmp_path / "news.db"
    with Store.open(path) as store:
        store.add(_article("A short text about a harbour.", "Harbour"))
        modes = {file.name: stat.S_IMODE(os.stat(file).st_mode)
                 for file in tmp_path.iterdir()}
    assert modes["news.db"] == 0o600
    assert all(mode == 0o600 for mode in modes.values()), modes


# -- the real server: proxies and slow clients -----------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def real_server() -> Iterator[Callable[..., str]]:
    """Start `newsgraph serve`'s uvicorn set-up for an app in a thread on 127.0.0.1."""
    from newsgraph.serve.server import uvicorn_options

    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(app: Any, trusted: tuple[str, ...] = ()) -> str:
        port = _free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                access_log=False, **uvicorn_options(trusted))
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.started, "the server did not start"
        servers.append((server, thread))
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=10)


def _failed_logins(url: str, forwarded: list[str]) -> list[int]:
    import re

    statuses = []
    with httpx.Client(base_url=url, timeout=10) as browser:
        token = re.search(r'name="csrf_token" value="([^"]+)"',
                          browser.get("/login").text).group(1)  # type: ignore[union-attr]
        for number, address in enumerate(forwarded):
            statuses.append(browser.post("/login", headers={"X-Forwarded-For": address}, data={
                "email": f"x{number}@example.org", "password": "wrong guess",
                "csrf_token": token}).status_code)
    return statuses


def test_forwarded_for_counts_only_from_trusted_proxies(
        real_server: Callable[..., str], db: str) -> None:
    limit = RateLimit(per_ip=2, per_account=100, window_seconds=600)
    settings = AccountSettings(argon2=CHEAP, login_limit=limit)
    forged = ["198.51.100.1", "198.51.100.2", "198.51.100.3"]
    url = real_server(create_app(db, accounts=settings))
    assert _failed_logins(url, forged) == [400, 400, 429]  # one client, whatever it claims
    trusting = real_server(create_app(db, accounts=settings), trusted=("127.0.0.1",))
    assert _failed_logins(trusting, ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) == \
        [400, 400, 400]  # behind a named proxy, its X-Forwarded-For names the client


def test_half_sent_headers_are_cut_off(real_server: Callable[..., str], db: str,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.serve import server

    monkeypatch.setattr(server.HeaderTimeoutMixin, "header_timeout", 0.5)
    url = real_server(create_app(db, accounts=AccountSettings(argon2=CHEAP)))
    port = int(url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as slow:
        slow.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        started = time.monotonic()
        assert slow.recv(1024) == b""  # closed by the server
        assert time.monotonic() - started < 5
    with socket.create_connection(("127.0.0.1", port), timeout=5) as idle:
        assert idle.recv(1024) == b""  # a connection that sends nothing is closed too
    assert httpx.get(f"{url}/api/articles", timeout=10).status_code == 200


def test_no_function_in_serve_is_longer_than_120_lines() -> None:
    """Issue 22: routes as one small router per resource, not one long factory of closures."""
    import ast
    from pathlib import Path

    import newsgraph.serve

    root = Path(newsgraph.serve.__file__).parent
    long = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 120:
                    long.append(f"{path.relative_to(root)}:{node.name} ({length} lines)")
    assert len(list(root.rglob("*.py"))) > 20
    assert long == []


def test_nul_characters_get_4xx(make_client: Callable[..., TestClient], filled: str,
                                inbox: Inbox) -> None:
    """PostgreSQL refuses NUL in every text parameter: each of these was a 500 there."""
    api = make_client()
    for path in ("/speakers/a%00b", "/entities/a%00b", "/api/entities/a%00/attention",
                 "/articles/%00", "/api/articles/%00abc", "/?q=site:%00x",
                 "/api/quotes?speaker=%00", "/api/quotes?about=a%00",
                 "/api/search?site=%00&q=a", "/api/events?place=%00",
                 "/api/articles?site=%00", "/api/places/articles?name=%00"):
        answer = api.get(path)
        assert answer.status_code == 400 and "NUL" in answer.text, path
    for path, data in [("/login", {"email": "a\x00@x.org", "password": "x"}),
                       ("/contact", {"email": "ann@example.org", "name": "n\x00",
                                     "message": "hello\x00 there"}),
                       ("/reset", {"email": "a\x00@x.org"})]:
        answer = post(api, path, data, form="/login")
        assert 200 <= answer.status_code < 500, (path, answer.status_code)
    assert "hello there" in body(inbox.wait_for(OPERATOR))
    add_user(filled, "ed@example.org", role="editor")
    log_in(api, "ed@example.org")
    saved = post(api, "/account/searches", {"query": "q=a\x00b", "name": "x"},
                 form="/account")
    assert 200 <= saved.status_code < 500
    token = {"Authorization": f"Bearer {TOKEN}"}
    for payload in ({"text": "A text\x00 about the harbour."},
                    {"text": "fine text", "title": "\x00"}):
        answer = api.post("/api/articles", json=payload, headers=token)
        assert answer.status_code == 422 and "NUL" in answer.text
    merge = api.post("/api/entity-merges", headers=token,
                     json={"alias": "a\x00", "type": "PERSON", "canonical": "b"})
    assert merge.status_code == 422


def test_oversized_headers_are_refused(real_server: Callable[..., str], db: str) -> None:
    """httptools read a 50 MB header and answered 200: headers are capped (431)."""
    from newsgraph.serve.server import MAX_HEADER_BYTES

    url = real_server(create_app(db, accounts=AccountSettings(argon2=CHEAP)))
    port = int(url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as big:
        big.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                    + b"b" * (2 * MAX_HEADER_BYTES) + b"\r\n\r\n")
        assert big.recv(100).startswith(b"HTTP/1.1 431")
    ordinary = httpx.get(f"{url}/api/search", params={"q": "harbour " * 50}, timeout=10,
                         headers={"X-Fine": "f" * 4000})
    assert ordinary.status_code == 200  # ordinary requests (and bodies) are unaffected
    posted = httpx.post(f"{url}/login", content=b"x" * (3 * MAX_HEADER_BYTES), timeout=10,
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert posted.status_code in (403, 413)


def test_wrong_api_tokens_are_rate_limited(make_client: Callable[..., TestClient]) -> None:
    api = make_client(token_limit=RateLimit(per_ip=3, per_account=3, window_seconds=600))
    statuses = [api.get("/api/articles", headers={"Authorization": f"Bearer guess{n}"})
                .status_code for n in range(5)]
    assert statuses == [401, 401, 401, 429, 429]
    right = api.get("/api/articles", headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 200  # the right token is never refused


def test_quote_words_are_deduplicated_and_capped() -> None:
    from newsgraph.store.queries import MAX_SEARCH_TERMS, quote_text_conditions

    assert len(quote_text_conditions(None, "a " * 200)) == 1
    assert len(quote_text_conditions(None, "Port port harbour")) == 2
    many = " ".join(f"word{n}" for n in range(40))
    assert len(quote_text_conditions(None, many)) == MAX_SEARCH_TERMS
