"""Rolling WARC files: every answer `watch` gets is appended (request + response pair) to
`watch-<time>-<n>.warc.gz` in one folder; a new file starts when one passes `max_bytes`.
Each record is its own gzip member, so a file cut short by a crash stays readable up to
its last whole record (`newsgraph ingest` reads them)."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from newsgraph.watch.fetcher import Reply

#: A WARC file is closed and a new one started past this size.
MAX_WARC_BYTES = 200_000_000
#: Headers describing the transfer, not the (decompressed) body kept in the record.
_TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


class RollingWarc:
    """Appends replies to WARC files in `folder`; thread-safe."""

    def __init__(self, folder: Path, user_agent: str, max_bytes: int = MAX_WARC_BYTES) -> None:
        self.folder = folder
        self.user_agent = user_agent
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._handle: BinaryIO | None = None
        self._path: Path | None = None
        self._number = 0

    @property
    def path(self) -> Path | None:
        """The file written to now (None before the first record)."""
        return self._path

    def _file(self) -> BinaryIO:
        if self._handle is not None and self._handle.tell() >= self.max_bytes:
            self.close()
        if self._handle is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime())
            while True:
                self._number += 1
                path = self.folder / f"watch-{stamp}-{self._number:05d}.warc.gz"
                if not path.exists():
                    break
            self._path = path
            self._handle = path.open("xb")
        return self._handle

    def append(self, reply: Reply) -> None:
        """Write `reply` (and the request that got it) as one request/response pair."""
        from warcio.statusandheaders import StatusAndHeaders
        from warcio.warcwriter import WARCWriter

        headers = [(k, v) for k, v in reply.headers if k.lower() not in _TRANSFER_HEADERS]
        headers.append(("Content-Length", str(len(reply.body))))
        parts = urlsplit(reply.final_url)
        with self._lock:
            handle = self._file()
            writer = WARCWriter(handle, gzip=True)
            response = writer.create_warc_record(
                reply.final_url, "response", payload=io.BytesIO(reply.body),
                http_headers=StatusAndHeaders(f"{reply.status} -", headers,
                                              protocol="HTTP/1.1"))
            request = writer.create_warc_record(
                reply.final_url, "request", payload=io.BytesIO(b""),
                http_headers=StatusAndHeaders(
                    f"GET {parts.path or '/'}{'?' + parts.query if parts.query else ''} "
                    "HTTP/1.1", [("User-Agent", self.user_agent), ("Host", parts.netloc)],
                    is_http_request=True))
            writer.write_request_response_pair(request, response)
            handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
