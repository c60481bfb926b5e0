"""No fetches to private, loopback or otherwise internal addresses unless allowed.

The check happens where the socket is made: every address the host name resolves to
must be public, and the connection goes to one of those checked addresses (so a second,
different DNS answer cannot slip in). Each redirect hop opens its own connection and is
checked again.
"""

from __future__ import annotations

import ipaddress
import socket

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError


class AddressRefused(Exception):
    """The host resolves to an address that may not be fetched."""


def address_problem(address: str) -> str | None:
    """Why `address` is not a public internet address, or None."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for flag in ("loopback", "private", "link_local", "multicast", "reserved",
                 "unspecified"):
        if getattr(ip, f"is_{flag}"):
            return flag.replace("_", "-")
    if not ip.is_global:
        return "not global"
    return None


def resolve_checked(host: str, port: int, allow_private: bool) -> list[tuple]:
    """`getaddrinfo` answers for `host`; `AddressRefused` when any is not public."""
    answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    if not allow_private:
        for *_, sockaddr in answers:
            problem = address_problem(sockaddr[0])
            if problem:
                raise AddressRefused(
                    f"{host} resolves to {sockaddr[0]} ({problem} address); refused: "
                    "private addresses are fetched only when allowed (--allow-private)")
    return answers


def _guarded_new_conn(self: HTTPConnection) -> socket.socket:
    """`HTTPConnection._new_conn`, connecting only to checked addresses."""
    try:
        answers = resolve_checked(self._dns_host, self.port, self.allow_private)
    except socket.gaierror as error:
        raise NameResolutionError(self.host, self, error) from error
    last: OSError | None = None
    for family, kind, proto, _, sockaddr in answers:
        sock = socket.socket(family, kind, proto)
        try:
            for option in self.socket_options or ():
                sock.setsockopt(*option)
            timeout = self.timeout
            sock.settimeout(timeout if isinstance(timeout, int | float) else None)
            sock.connect(sockaddr)
            return sock
        except TimeoutError as error:
            sock.close()
            raise ConnectTimeoutError(self, f"Connection to {self.host} timed out") from error
        except OSError as error:
            sock.close()
            last = error
    raise NewConnectionError(self, f"Failed to establish a new connection: {last}")


def pool_classes(allow_private: bool) -> dict[str, type]:
    """urllib3 pool classes per scheme whose connections refuse private addresses
    (unless `allow_private`)."""
    attributes = {"allow_private": allow_private, "_new_conn": _guarded_new_conn}
    http = type("GuardedHTTPConnection", (HTTPConnection,), attributes)
    https = type("GuardedHTTPSConnection", (HTTPSConnection,), attributes)
    return {
        "http": type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
        "https": type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
    }
