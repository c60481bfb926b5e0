"""The one HTTP fetcher (`newsgraph fetch` and `newsgraph watch`): robots.txt, one request
at a time per host with a delay, conditional GET, gzip, redirects (each hop checked again),
size and time caps, certificates verified, and no private addresses unless allowed.

Safe by default for a server-side fetcher: every connection goes only to public addresses
(see `ingest.guard`: checked for every address a host resolves to, on every redirect hop,
where the socket is made), HTTPS certificates are verified against the system's
authorities, and a compressed answer is counted after decompression, a read at a time, so
a small gzip "bomb" cannot fill the memory (`benchmarks/bench_fetch.py`).

A request that does not give a usable answer raises `FetchProblem`, which says whether
trying again later may help (`transient`) and how long the server asked us to wait
(`retry_after`, from a 429 or 503). Retrying is the caller's business: a failing source
is polled again after a backoff, never in a loop that would hold up the others.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from newsgraph import __version__
from newsgraph.ingest.guard import AddressRefused, pool_classes

USER_AGENT = f"newsgraph/{__version__} (+https://github.com/newsgraph; polite news fetcher)"
_REDIRECTS = {301, 302, 303, 307, 308}
#: How long robots.txt answers are kept before they are asked for again (seconds).
ROBOTS_TTL = 24 * 3600.0


@dataclass(frozen=True)
class FetchLimits:
    """How politely and how far one response may go."""

    user_agent: str = USER_AGENT
    delay: float = 1.0
    """Seconds between two requests to one host."""
    connect_timeout: float = 10.0
    timeout: float = 30.0
    """Whole-response time cap (seconds), reading included."""
    max_bytes: int = 5_000_000
    """Size cap of one (decompressed) response body."""
    max_redirects: int = 5
    obey_robots: bool = True
    ca_certs: str | None = None
    """A PEM file of the certificate authorities to trust instead of the system's (for an
    intranet's own authority); certificates are verified either way."""


#: Bytes asked for per read. urllib3 (2.6 on) inflates no more than it is asked for, so a
#: small gzip "bomb" is counted and cut at the cap piece by piece, never inflated whole.
_READ_CHUNK = 65_536


@dataclass
class Reply:
    """One HTTP answer (after redirects); `body` is decompressed."""

    url: str
    final_url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes = b""

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)

    @property
    def content_type(self) -> str:
        """The media type, lower case, without parameters ("" when not given)."""
        return (self.header("content-type") or "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset the Content-Type header declares, lower case, if any."""
        from newsgraph.ingest.decode import charset_of

        return charset_of(self.header("content-type"))


class FetchProblem(Exception):
    """No usable answer; `transient` when a later try may succeed."""

    def __init__(self, reason: str, transient: bool, retry_after: float | None = None,
                 reply: Reply | None = None) -> None:
        super().__init__(reason)
        self.transient = transient
        self.retry_after = retry_after
        self.reply = reply


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


@dataclass
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    last: float = 0.0
    robots: RobotFileParser | None = None
    robots_at: float | None = None


class Fetcher:
    """Fetches URLs for `watch`; thread-safe, one request at a time per host."""

    def __init__(self, limits: FetchLimits | None = None, pool_size: int = 8) -> None:
        import urllib3

        self.limits = limits or FetchLimits()
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._managers = {}
        for allow in (False, True):
            manager = urllib3.PoolManager(num_pools=max(pool_size * 4, 16), maxsize=1,
                                          block=False, retries=False, cert_reqs="CERT_REQUIRED",
                                          ca_certs=self.limits.ca_certs)
            manager.pool_classes_by_scheme = pool_classes(allow)
            self._managers[allow] = manager

    def close(self) -> None:
        for manager in self._managers.values():
            manager.clear()

    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        with self._hosts_lock:
            return self._hosts.setdefault(key, _Host())

    # -- one request --------------------------------------------------------

    def _request(self, url: str, headers: dict[str, str], allow_private: bool) -> Reply:
        """One GET (no redirects followed), spaced from the last one to its host."""
        host = self._host(url)
        with host.lock:
            wait = self.limits.delay - (time.monotonic() - host.last)
            if wait > 0:
                time.sleep(wait)
            try:
                return self._send(url, headers, allow_private)
            finally:
                host.last = time.monotonic()

    def _send(self, url: str, headers: dict[str, str], allow_private: bool) -> Reply:
        import urllib3

        limits = self.limits
        deadline = time.monotonic() + limits.timeout
        timeout = urllib3.Timeout(connect=limits.connect_timeout, read=limits.timeout)
        try:
            response = self._managers[allow_private].request(
                "GET", url, headers={"User-Agent": limits.user_agent,
                                     "Accept-Encoding": "gzip, deflate", **headers},
                redirect=False, retries=False, preload_content=False, timeout=timeout)
        except AddressRefused as error:
            raise FetchProblem(str(error), transient=False) from error
        except urllib3.exceptions.HTTPError as error:
            raise _problem(error, url) from error
        try:
            body = self._read(response, deadline)
        finally:
            response.release_conn()
        return Reply(url, url, response.status, list(response.headers.items()), body)

    def _read(self, response, deadline: float) -> bytes:  # type: ignore[no-untyped-def]
        import urllib3

        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.stream(_READ_CHUNK, decode_content=True):
                size += len(chunk)
                if size > self.limits.max_bytes:
                    raise FetchProblem(f"response larger than {self.limits.max_bytes:,} bytes",
                                       transient=False)
                if time.monotonic() > deadline:
                    raise FetchProblem(f"response took longer than {self.limits.timeout:g} s",
                                       transient=True)
                chunks.append(chunk)
        except urllib3.exceptions.HTTPError as error:
            raise FetchProblem(f"network error while reading: {_reason(error)}",
                               transient=True) from error
        except FetchProblem:
            response.close()
            raise
        return b"".join(chunks)

    # -- robots.txt ---------------------------------------------------------

    def allowed(self, url: str, allow_private: bool = False) -> bool:
        """Whether the host's robots.txt lets our User-Agent fetch `url` (read once a day)."""
        if not self.limits.obey_robots:
            return True
        host = self._host(url)
        now = time.monotonic()
        if host.robots_at is None or now - host.robots_at > ROBOTS_TTL:
            host.robots = self._robots(url, allow_private)
            host.robots_at = now
        return host.robots is None or host.robots.can_fetch(self.limits.user_agent, url)

    def _robots(self, url: str, allow_private: bool) -> RobotFileParser | None:
        """The host's robots.txt rules (its redirects followed, as far as `max_redirects`);
        None when there are none to be had (nothing is disallowed then)."""
        parts = urlsplit(url)
        current = f"{parts.scheme}://{parts.netloc}/robots.txt"
        try:
            for _ in range(self.limits.max_redirects + 1):
                reply = self._request(current, {}, allow_private)
                location = reply.header("location") if reply.status in _REDIRECTS else None
                if not location:
                    break
                current = urljoin(current, location)
                if urlsplit(current).scheme not in ("http", "https"):
                    return None
            else:
                return None
        except FetchProblem:
            return None
        if reply.status in _REDIRECTS:
            return None
        rules = RobotFileParser()
        if reply.status in (401, 403):
            rules.disallow_all = True
        elif reply.status < 400:
            rules.parse(reply.body.decode("utf-8", "replace").splitlines())
        else:
            return None
        return rules

    # -- the front door -----------------------------------------------------

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            allow_private: bool | Callable[[str], bool] = False) -> Reply:
        """GET `url` with robots.txt, conditional headers and redirects; a 304 comes back
        as a `Reply`, every other non-2xx answer as a `FetchProblem`. `allow_private` may
        be a function of the URL: each redirect hop is judged on its own."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen: list[str] = []
        current = url
        while True:
            private = allow_private(current) if callable(allow_private) else allow_private
            if not self.allowed(current, private):
                raise FetchProblem(f"disallowed by robots.txt: {current}", transient=False)
            reply = self._request(current, headers, private)
            if reply.status not in _REDIRECTS:
                break
            location = reply.header("location")
            if not location:
                raise FetchProblem(f"HTTP {reply.status} without a Location header",
                                   transient=False, reply=reply)
            seen.append(current)
            current = urljoin(current, location)
            if urlsplit(current).scheme not in ("http", "https"):
                raise FetchProblem(f"redirect to a non-http URL: {current}", transient=False)
            if current in seen:
                raise FetchProblem(f"redirect loop: {' -> '.join([*seen, current])}",
                                   transient=False)
            if len(seen) > self.limits.max_redirects:
                raise FetchProblem(f"more than {self.limits.max_redirects} redirects",
                                   transient=False)
        reply.url, reply.final_url = url, current
        _check_status(reply)
        return reply


def _check_status(reply: Reply) -> None:
    if reply.status < 400 and reply.status != 304 and reply.status >= 300:
        raise FetchProblem(f"HTTP {reply.status}", transient=False, reply=reply)
    if reply.status < 400:
        return
    retry_after = parse_retry_after(reply.header("retry-after"), time.time()) \
        if reply.status in (429, 503) else None
    transient = reply.status in (408, 425, 429) or reply.status >= 500
    raise FetchProblem(f"HTTP {reply.status}", transient=transient, retry_after=retry_after,
                       reply=reply)


def _problem(error: Exception, url: str) -> FetchProblem:
    """The `FetchProblem` for a request that failed before an answer: an untrusted
    certificate is said plainly and is not worth trying again; the rest may pass later."""
    import ssl

    import urllib3

    if isinstance(error, urllib3.exceptions.MaxRetryError) and error.reason is not None:
        error = error.reason
    if isinstance(error, urllib3.exceptions.SSLError):
        cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
        host = urlsplit(url).hostname
        if isinstance(cause, ssl.SSLCertVerificationError):
            return FetchProblem(
                f"TLS certificate of {host} not trusted: {cause.verify_message or cause} "
                "(certificates are always verified; --ca-certs names another authority to "
                "trust)", transient=False)
        return FetchProblem(f"TLS error with {host}: {cause}", transient=True)
    return FetchProblem(f"network error: {_reason(error)}", transient=True)


def _reason(error: Exception) -> str:
    reason = getattr(error, "reason", None) or error
    return f"{type(reason).__name__}: {reason}"
