"""Rolling WARC files: every answer `watch` gets is appended (request + response pair) to
`watch-<time>-<n>.warc.gz` in one folder; a new file starts when one passes `max_bytes`.
Each record is its own gzip member, so a file cut short by a crash stays readable up to
its last whole record (`newsgraph ingest` reads them)."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from newsgraph.ingest.http import Reply

#: A WARC file is closed and a new one started past this size.
MAX_WARC_BYTES = 200_000_000


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
        from newsgraph.ingest.fetch import write_exchange

        with self._lock:
            handle = self._file()
            write_exchange(handle, reply, self.user_agent)
            handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
