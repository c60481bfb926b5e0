"""The accounts middleware (pure ASGI): who is asking, CSRF, API tokens and private mode.

For every HTTP request it sets `request.state.user` (a `User` or None) and
`request.state.csrf_token`. It then refuses, before any route runs:
- a wrong `Authorization: Bearer` token (401);
- in private mode, a visitor without a session (pages: redirect to /login; /api: 401);
- a state-changing request (POST, PUT, PATCH, DELETE) without this visitor's CSRF token in
  the `X-CSRF-Token` header or the `csrf_token` form field (403), unless it carries the
  right bearer token (API clients hold no cookies, so there is nothing to forge);
- a state-changing request whose body is larger than `max_body_bytes` (413).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import quote

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from newsgraph.serve.accounts import csrf, ratelimit
from newsgraph.serve.accounts.service import Accounts
from newsgraph.serve.accounts.sessions import SESSION_COOKIE
from newsgraph.serve.security import BodyTooLarge

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Paths open to visitors without a session on a private server (prefix match).
PUBLIC_PREFIXES = ("/login", "/reset", "/static/", "/favicon.ico")


def is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


def cookie_header(name: str, value: str, *, secure: bool, max_age: int | None = None) -> str:
    """A Set-Cookie value: HttpOnly, SameSite=Lax, whole site; Secure over https."""
    parts = [f"{name}={value}", "Path=/", "HttpOnly", "SameSite=Lax"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


class AccountsMiddleware:
    """See the module docstring. `render_error(request, status, message)` makes HTML errors."""

    def __init__(self, app: ASGIApp, accounts: Accounts,
                 render_error: Callable[[Request, int, str], Response]) -> None:
        self.app = app
        self.accounts = accounts
        self.render_error = render_error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        settings = self.accounts.settings
        secure = settings.cookie_secure if settings.cookie_secure is not None \
            else scope.get("scheme") == "https"
        path = scope.get("path", "")
        # Static files are the same for everyone: no session lookup for them.
        session_token = None if path.startswith("/static/") \
            else request.cookies.get(SESSION_COOKIE) or None
        user = None
        cookies: list[str] = []
        if session_token:
            user = await to_thread.run_sync(self.accounts.user_for_session, session_token)
            if user is None:  # ended or expired: the browser may forget it
                session_token = None
                cookies.append(cookie_header(SESSION_COOKIE, "", secure=secure, max_age=0))
        anonymous = request.cookies.get(csrf.ANON_COOKIE) or None
        new_cookie = anonymous is None or len(anonymous) > 100
        if new_cookie:
            anonymous = secrets.token_urlsafe(24)
            cookies.append(cookie_header(csrf.ANON_COOKIE, anonymous, secure=secure))
        state = scope.setdefault("state", {})
        state["user"] = user
        state["session_token"] = session_token
        state["csrf_token"] = csrf.token_for(self.accounts.secret, session=session_token,
                                             anonymous=anonymous)
        state["api_client"] = False

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and cookies and not is_api(path) \
                    and not path.startswith("/static/"):
                message["headers"] = [*message.get("headers", []), *(
                    (b"set-cookie", cookie.encode("latin-1")) for cookie in cookies)]
            await send(message)

        refusal = await self._bearer(request, state)
        if refusal is None and settings.private and user is None and not state["api_client"] \
                and not path.startswith(PUBLIC_PREFIXES):
            refusal = self._sign_in_first(request)
        if refusal is None and scope["method"] not in csrf.SAFE_METHODS \
                and not state["api_client"]:
            try:
                body = await _read_body(receive, settings.max_body_bytes, request)
            except BodyTooLarge:
                refusal = _error(request, 413, f"The request is larger than "
                                 f"{settings.max_body_bytes:,} bytes.", self.render_error)
            else:
                given = request.headers.get(csrf.HEADER) or await _form_token(scope, body)
                if csrf.valid(self.accounts.secret, given, session=session_token,
                              anonymous=None if new_cookie else anonymous):
                    receive = _replay(body, receive)
                else:
                    refusal = _error(request, 403, "This form has expired or did not come "
                                     "from this site (missing or wrong CSRF token). Reload the "
                                     "page and try again.", self.render_error)
        if refusal is not None:
            await refusal(scope, receive, send_with_cookie)
            return
        await self.app(scope, receive, send_with_cookie)

    async def _bearer(self, request: Request, state: dict[str, Any]) -> Response | None:
        """Check an `Authorization: Bearer` header; None when absent or right. Wrong tokens
        are counted per address: past `token_limit`, 429 (no guessing at full speed)."""
        header = request.headers.get("authorization", "")
        if not header.lower().startswith("bearer "):
            return None
        expected = self.accounts.settings.api_token
        # Digests of equal length, so the comparison time says nothing about the token.
        if expected and hmac.compare_digest(_digest(header[7:].strip()), _digest(expected)):
            state["api_client"] = True
            return None
        counted = await to_thread.run_sync(
            ratelimit.attempt, self.accounts.engine, "token",
            self.accounts.settings.token_limit, client_ip(request))
        if counted.limited:
            return JSONResponse({"error": counted.limited.message}, status_code=429,
                                headers={"Retry-After": str(counted.limited.retry_after)})
        return JSONResponse({"error": "wrong API token"}, status_code=401,
                            headers={"WWW-Authenticate": "Bearer"})

    def _sign_in_first(self, request: Request) -> Response:
        if is_api(request.url.path):
            return JSONResponse({"error": "this server is private: sign in first, or send "
                                          "Authorization: Bearer <token>"}, status_code=401,
                                headers={"WWW-Authenticate": "Bearer"})
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def _error(request: Request, status: int, message: str,
           render: Callable[[Request, int, str], Response]) -> Response:
    if is_api(request.url.path) or "text/html" not in request.headers.get("accept", "text/html"):
        return JSONResponse({"error": message}, status_code=status)
    return render(request, status, message)


async def _read_body(receive: Receive, limit: int, request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that hands the already-read body to the app, then waits as usual."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _form_token(scope: Scope, body: bytes) -> str | None:
    """The `csrf_token` field of a url-encoded or multipart form body, if any."""
    content_type = ""
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-type":
            content_type = value.decode("latin-1").lower()
    if not content_type.startswith(("application/x-www-form-urlencoded",
                                    "multipart/form-data")):
        return None
    sent = False

    async def receive_once() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    form_request = Request({**scope, "state": {}}, receive_once)
    try:
        async with form_request.form() as form:
            value = form.get(csrf.FIELD)
    except Exception:  # a malformed form has no token
        return None
    return value if isinstance(value, str) else None
