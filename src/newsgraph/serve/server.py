"""How `newsgraph serve` runs uvicorn: timeouts and limits against slow or idle clients, and
`X-Forwarded-*` believed only from the reverse proxies named in the settings.

uvicorn times out idle keep-alive connections but not a request whose headers never finish
arriving ("slowloris"): thousands of such sockets would hold the server's file descriptors.
Nor does it bound the size of headers with httptools (a 50 MB header was read and answered).
`HeaderTimeoutMixin` closes a connection whose request headers are not complete within
`HEADER_TIMEOUT` seconds of its first byte (or of the connection), and answers 431 to one
that sends more than `MAX_HEADER_BYTES` before its headers are complete.

`limit_malloc_arenas` keeps the server's memory flat: requests run on a pool of threads,
and glibc gives threads their own malloc arenas (up to 8 per core), each keeping memory
that was freed; a soak saw the workers' RSS grow by half in 8 minutes without it.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

#: Seconds a client has to send a request's headers.
HEADER_TIMEOUT = 10.0
#: Most bytes a request line and headers may take.
MAX_HEADER_BYTES = 64 * 1024
#: Seconds an idle keep-alive connection stays open.
KEEP_ALIVE_TIMEOUT = 5
#: Connections and requests one server process serves at once; beyond it, 503.
LIMIT_CONCURRENCY = 1000
#: Seconds a stopping server (SIGTERM, Ctrl-C) waits for the requests in flight before it
#: closes their connections: longer than a request may take (the 10 s default time limit).
GRACEFUL_SHUTDOWN = 15
#: glibc's malloc arenas for a server process (`MALLOC_ARENA_MAX`), unless set already.
MALLOC_ARENAS = 2
#: `mallopt` parameter number of M_ARENA_MAX in glibc's malloc.h.
_M_ARENA_MAX = -8


class HeaderTimeoutMixin:
    """For a uvicorn HTTP protocol class: close the connection when the headers of a request
    are not complete `header_timeout` seconds after the connection opened or the request's
    first bytes came. A request counts as begun once uvicorn made its cycle."""

    header_timeout: float = HEADER_TIMEOUT
    transport: asyncio.Transport
    cycle: Any
    loop: asyncio.AbstractEventLoop

    header_limit: int = MAX_HEADER_BYTES

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)  # type: ignore[misc]
        self._header_timer: asyncio.TimerHandle | None = None
        self._header_bytes = 0
        self._arm_header_timer()

    def data_received(self, data: bytes) -> None:
        if self._header_timer is None and (self.cycle is None or self.cycle.response_complete):
            self._arm_header_timer()  # the first bytes of the next request on this connection
        before = self.cycle
        super().data_received(data)  # type: ignore[misc]
        if self.cycle is before and (before is None or before.response_complete):
            self._header_bytes += len(data)  # still no complete request line and headers
            if self._header_bytes > self.header_limit and not self.transport.is_closing():
                self.transport.write(b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
                                     b"content-length: 0\r\nconnection: close\r\n\r\n")
                self.transport.close()
        else:
            self._header_bytes = 0

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None
        super().connection_lost(exc)  # type: ignore[misc]

    def _arm_header_timer(self) -> None:
        waiting_for = self.cycle
        self._header_timer = asyncio.get_event_loop().call_later(
            self.header_timeout, self._headers_due, waiting_for)

    def _headers_due(self, waiting_for: Any) -> None:
        self._header_timer = None
        idle = self.cycle is None or self.cycle.response_complete
        if self.cycle is waiting_for and idle and not self.transport.is_closing():
            self.transport.close()


def _protocol_classes() -> tuple[type, ...]:
    from uvicorn.protocols.http.h11_impl import H11Protocol

    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:  # httptools is optional
        return (H11Protocol,)
    return (HttpToolsProtocol, H11Protocol)


try:
    _base = _protocol_classes()[0]
except ImportError:  # pragma: no cover - uvicorn is part of the web extra
    _base = object


class TimedHttpProtocol(HeaderTimeoutMixin, _base):  # type: ignore[misc, valid-type]
    """uvicorn's fastest available HTTP protocol with the header timeout."""


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """At most `arenas` glibc malloc arenas, in this process (`mallopt`, for arenas made
    from now on) and in the worker processes it starts (`MALLOC_ARENA_MAX`, read by glibc
    when a process starts). A `MALLOC_ARENA_MAX` set by the operator is left as it is.
    False where the C library is not glibc (nothing to do there)."""
    import ctypes
    import ctypes.util

    if "MALLOC_ARENA_MAX" in os.environ:
        return True
    os.environ["MALLOC_ARENA_MAX"] = str(arenas)
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        mallopt = getattr(libc, "mallopt", None)
        return bool(mallopt is not None and mallopt(_M_ARENA_MAX, arenas))
    except OSError:
        return False


def exit_cleanly_on_sigterm() -> None:
    """After a SIGTERM the server stops gracefully (uvicorn answers the requests in flight),
    then the process exits 0 rather than dying of the signal, which uvicorn raises again
    once it is done (a process supervisor would report a SIGTERM-stopped server as failed).
    Before uvicorn starts, SIGTERM ends the process at once, with status 0 too."""
    import signal

    def stop(_signal: int, _frame: Any) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)


def uvicorn_options(trusted_proxies: tuple[str, ...] = (), *,
                    limit_concurrency: int = LIMIT_CONCURRENCY) -> dict[str, Any]:
    """Keyword arguments for `uvicorn.run`: the timed protocol, the keep-alive timeout, the
    concurrency cap, and proxy headers only from `trusted_proxies` (none: never)."""
    return {
        "http": f"{__name__}:TimedHttpProtocol",
        "timeout_keep_alive": KEEP_ALIVE_TIMEOUT,
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN,
        "limit_concurrency": limit_concurrency,
        "proxy_headers": bool(trusted_proxies),
        "forwarded_allow_ips": ",".join(trusted_proxies) if trusted_proxies else "",
        "server_header": False,
        "date_header": True,
    }
