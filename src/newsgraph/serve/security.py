"""Security headers on every response and a cap on request body size (pure ASGI middleware).

The Content-Security-Policy allows scripts, styles, images, fonts and fetches from this
server only: no inline scripts, no `eval`, no framing. JSON data islands
(`<script type="application/json">`) are not executed, so the policy allows them.
Answers to a signed-in visitor are never stored by a browser or proxy cache
(`Cache-Control: no-store`), and `SecurityOptions.hsts_seconds` adds
`Strict-Transport-Security` for a server reached over https only.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Largest request body accepted, in bytes (forms and API calls are small).
DEFAULT_MAX_BODY = 1_000_000

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


class BodyTooLarge(Exception):
    """The request body passed the size cap."""


@dataclass(frozen=True)
class SecurityOptions:
    """What `SecurityMiddleware` adds: the body cap in bytes, and HSTS (0: none)."""

    max_body: int = DEFAULT_MAX_BODY
    hsts_seconds: int = 0


def _extra_headers(scope: Scope, options: SecurityOptions,
                   present: set[bytes]) -> list[tuple[bytes, bytes]]:
    """The headers to add to a response to `scope` that it does not have yet."""
    extra = [(name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items()
             if name.encode() not in present]
    if options.hsts_seconds > 0 and b"strict-transport-security" not in present:
        extra.append((b"strict-transport-security",
                      f"max-age={options.hsts_seconds}; includeSubDomains".encode()))
    return extra


def _signed_in(scope: Scope) -> bool:
    """Whether the request came with a live session (set by the accounts middleware)."""
    state = scope.get("state") or {}
    return bool(state.get("user") is not None or state.get("session_token"))


class SecurityMiddleware:
    """Adds `SECURITY_HEADERS` to every HTTP response and answers 413 to bodies over the cap.

    The cap holds for a declared `Content-Length` and for streamed bodies alike.
    """

    def __init__(self, app: ASGIApp, options: SecurityOptions | int | None = None) -> None:
        self.app = app
        if not isinstance(options, SecurityOptions):
            options = SecurityOptions(max_body=options or DEFAULT_MAX_BODY)
        self.options = options
        self.max_body = options.max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if _signed_in(scope) and not scope.get("path", "").startswith("/static/"):
                    headers = [(name, value) for name, value in headers
                               if name.lower() != b"cache-control"]
                    headers.append((b"cache-control", b"no-store"))
                present = {name.lower() for name, _ in headers}
                message["headers"] = [*headers, *_extra_headers(scope, self.options, present)]
            await send(message)

        if _has_nul(scope):
            await _refuse(send_with_headers, 400, b"NUL characters (%00) are not allowed "
                                                  b"in a path or query string")
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await _too_large(send_with_headers, self.max_body)
            return
        received = 0
        too_large = False
        started = False

        async def capped_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    too_large = True
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            # Once the body is over the cap, whatever the app answers (an error page) is
            # replaced by one 413, unless a response had already begun.
            nonlocal started
            if too_large and not started:
                started = True
                await _too_large(send_with_headers, self.max_body)
                return
            if too_large:
                return
            started = started or message["type"] == "http.response.start"
            await send_with_headers(message)

        try:
            await self.app(scope, capped_receive, guarded_send)
        except BodyTooLarge:
            if not started:
                started = True
                await _too_large(send_with_headers, self.max_body)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _has_nul(scope: Scope) -> bool:
    """Whether the path or query string holds a NUL character: no text a person searches
    for has one, and PostgreSQL refuses it in every text parameter."""
    query = scope.get("query_string", b"")
    return "\x00" in scope.get("path", "") or b"\x00" in query or b"%00" in query


async def _refuse(send: Send, status: int, message: bytes) -> None:
    body = b'{"error": "' + message + b'"}'
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _too_large(send: Send, limit: int) -> None:
    await _refuse(send, 413, b"request body larger than " + str(limit).encode() + b" bytes")
