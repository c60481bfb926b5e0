"""WARC files (`.warc`, `.warc.gz`) into articles: one `Source` per HTML response record.

Records that are not HTML responses (requests, metadata, images, redirects) are
skipped and counted in `WarcStats`. A corrupt record becomes a `Failure`; the
reader then looks for the start of the next record and goes on, so one broken
record never costs the rest of the file.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from newsgraph.ingest.sources import Failure, Source

LOGGER = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
#: Bytes searched for the next record after a corrupt one.
RESYNC_WINDOW = 64 * 1024 * 1024
_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_HEADER = b"WARC/1."


@dataclass
class WarcStats:
    """What a WARC held: HTML responses read, and other records skipped by kind."""

    html: int = 0
    failed: int = 0
    skipped: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        skipped = ", ".join(f"{n} {kind}" for kind, n in sorted(self.skipped.items()))
        return f"{self.html} HTML responses, {self.failed} failed" + \
            (f"; skipped {skipped}" if skipped else "")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def _skip_reason(record) -> str | None:
    """Why a record is not an article, or None for an HTML response."""
    if record.rec_type != "response":
        return record.rec_type or "unknown"
    status = record.http_headers.get_statuscode() if record.http_headers else None
    if status and not status.startswith("2"):
        return f"HTTP {status}"
    content_type = (record.http_headers.get_header("Content-Type") or "") \
        if record.http_headers else ""
    if content_type and "html" not in content_type.lower():
        return content_type.split(";")[0].strip().lower() or "non-HTML"
    return None


def _next_record_offset(handle: BinaryIO, start: int, gzipped: bool) -> int | None:
    """Offset of the next record start after `start`, or None when there is none."""
    marker = _GZIP_MEMBER if gzipped else _WARC_HEADER
    handle.seek(start)
    data = handle.read(RESYNC_WINDOW)
    index = data.find(marker)
    return start + index if index >= 0 else None


def read_warc(path: Path, stats: WarcStats | None = None) -> Iterator[Source | Failure]:
    """HTML response records of a WARC as `Source`s (origin `path#offset`)."""
    from warcio.archiveiterator import ArchiveIterator

    from newsgraph.ingest.html import source_from_html

    stats = stats if stats is not None else WarcStats()
    gzipped = path.name.lower().endswith(".gz")
    try:
        handle = path.open("rb")
    except OSError as error:
        yield Failure(str(path), f"cannot read file: {error.strerror or error}")
        return
    with handle:
        offset = 0
        while offset is not None:
            handle.seek(offset)
            records = ArchiveIterator(handle, check_digests=False)
            next_start = offset  # where the record after the last good one starts
            try:
                for record in records:
                    reason = _skip_reason(record)
                    data = b"" if reason else record.content_stream().read()
                    # (warcio finishes reading the record when asked for its offset)
                    record_offset = records.get_record_offset()
                    next_start = record_offset + records.get_record_length()
                    if reason:
                        stats.skipped[reason] += 1
                        continue
                    url = record.rec_headers.get_header("WARC-Target-URI")
                    item = source_from_html(data, f"{path}#{record_offset}", url=url)
                    if isinstance(item, Failure):
                        stats.failed += 1
                    else:
                        stats.html += 1
                    yield item
                offset = None
            except Exception as error:  # warcio raises several kinds on broken bytes
                stats.failed += 1
                bad = _next_record_offset(handle, next_start, gzipped)
                bad = next_start if bad is None else bad
                yield Failure(f"{path}#{bad}",
                              f"corrupt WARC record: {type(error).__name__}: {error}")
                offset = _next_record_offset(handle, bad + 1, gzipped)
    LOGGER.info("%s: %s", path, stats.summary())
    if not stats.html and not stats.failed:
        yield Failure(str(path), f"no HTML response records ({stats.summary()})")
