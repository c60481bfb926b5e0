"""WARC files (`.warc`, `.warc.gz`) into articles: one `Source` per HTML response record.

`iter_warc_records` is the one record loop (the local reader and the scale-out job both
use it). It frames each record itself before any parsing, so that damage is found and
stays local:

* in a `.warc.gz`, each gzip member is inflated on its own and must end with a correct
  CRC-32; a damaged member becomes a `WarcDefect` at its offset, and reading goes on at
  the next member that inflates cleanly;
* in a `.warc`, a record must start with `WARC/1.x`, give its `Content-Length`, end with
  the blank lines that close a record, and match its `WARC-Block-Digest` when it has one;
  otherwise it becomes a `WarcDefect` and reading goes on at the next `WARC/1.` line;
* a file that ends inside a record gives a `WarcDefect` saying it is truncated.

Records that are not HTML responses (requests, metadata, images, redirects) are skipped
and counted in `WarcStats`.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from newsgraph.ingest.decode import charset_of
from newsgraph.ingest.html import source_from_html
from newsgraph.model import Failure, Source

LOGGER = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
#: Bytes read at a time from the file.
CHUNK = 1 << 16
#: Bytes of a record kept for parsing; the rest is read (to check it) but not kept. An
#: HTML page this large is refused by the extractor anyway (`html.MAX_PAGE_BYTES`).
MAX_RECORD_BYTES = 24_000_000
#: Longest WARC header block accepted.
MAX_HEADER_BYTES = 1 << 16
_GZIP_MAGIC = b"\x1f\x8b\x08"
_RECORD_START = re.compile(rb"(?:^|\n)(WARC/1\.[01]\r?\n)")
_CONTENT_LENGTH = re.compile(rb"^content-length:[ \t]*(\d+)[ \t]*\r?$", re.IGNORECASE | re.M)
_BLOCK_DIGEST = re.compile(rb"^warc-block-digest:[ \t]*sha1:([A-Z0-9=]+)[ \t]*\r?$",
                           re.IGNORECASE | re.M)


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


@dataclass
class WarcRecord:
    """One framed, intact record: its offset in the file and its (uncompressed) bytes."""

    offset: int
    data: bytes
    complete: bool = True
    """False when the record was longer than `MAX_RECORD_BYTES` and only its start is kept."""


@dataclass
class WarcDefect:
    """A stretch of the file that is not a readable record, with the reason."""

    offset: int
    reason: str


@dataclass
class ParsedRecord:
    """A record's headers, and its HTTP payload when asked for."""

    rec_type: str
    url: str | None
    date: str | None
    skip: str | None
    """Why this is not an article (record type, HTTP status, content type), or None."""
    payload: bytes = b""
    charset: str | None = None
    """The charset the HTTP answer's Content-Type declared."""


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


# -- framing ---------------------------------------------------------------------


def iter_warc_records(handle: BinaryIO, gzipped: bool) -> Iterator[WarcRecord | WarcDefect]:
    """Every record of a WARC in file order, or a `WarcDefect` for each damaged stretch."""
    if gzipped:
        yield from _gzip_records(handle)
    else:
        yield from _plain_records(handle, 0)


@dataclass
class _Inflated:
    """One gzip member inflated: its kept bytes, where it ends, the bytes read past it."""

    data: bytes
    whole: bool
    end: int
    leftover: bytes
    error: str | None = None


def _inflate_member(handle: BinaryIO, start: int, pending: bytes) -> _Inflated:
    """Inflate the gzip member at `start`; `pending` holds the bytes read from `start` on."""
    inflater = zlib.decompressobj(31)
    kept = bytearray()
    position = start
    while not inflater.eof:
        if not pending:
            pending = handle.read(CHUNK)
            if not pending:
                return _Inflated(bytes(kept), False, position, b"",
                                 "truncated: the file ends inside this record")
        try:
            out = inflater.decompress(pending, CHUNK * 4)
        except zlib.error as error:
            return _Inflated(bytes(kept), False, position, b"", f"damaged gzip data ({error})")
        rest = inflater.unused_data if inflater.eof else inflater.unconsumed_tail
        position += len(pending) - len(rest)
        pending = rest
        if len(kept) < MAX_RECORD_BYTES:
            kept += out[:MAX_RECORD_BYTES - len(kept)]
    return _Inflated(bytes(kept), len(kept) < MAX_RECORD_BYTES, position, pending)


def _next_marker(handle: BinaryIO, start: int, marker: bytes) -> int | None:
    """Offset of the next `marker` at or after `start`, or None."""
    handle.seek(start)
    carry = b""
    base = start
    while True:
        chunk = handle.read(CHUNK)
        if not chunk:
            return None
        data = carry + chunk
        index = data.find(marker)
        if index >= 0:
            return base + index
        carry = data[-(len(marker) - 1):]
        base += len(data) - len(carry)


def _gzip_records(handle: BinaryIO) -> Iterator[WarcRecord | WarcDefect]:
    offset: int | None = 0
    pending = b""
    resyncing = False  # after a defect: candidates that do not inflate are passed over
    while offset is not None:
        if not pending:
            handle.seek(offset)
            pending = handle.read(CHUNK)
            if not pending:
                return
        member = _inflate_member(handle, offset, pending)
        if member.error is None:
            resyncing = False
            yield from _records_in_member(offset, member.data, member.whole)
            offset, pending = member.end, member.leftover
            continue
        real = not resyncing or member.data.startswith(b"WARC/")
        if real:
            yield WarcDefect(offset, member.error)
            if member.error.startswith("truncated"):
                return
        resyncing = True
        pending = b""
        offset = _next_marker(handle, offset + 1, _GZIP_MAGIC)


def _records_in_member(offset: int, data: bytes, whole: bool) -> Iterator[WarcRecord | WarcDefect]:
    """The record(s) in one inflated member (one, as writers make them, or several)."""
    if not whole:
        yield WarcRecord(offset, data, complete=False)
        return
    for item in _plain_records(io.BytesIO(data), 0):
        # a record is known by its member's offset, as other WARC tools report it
        if isinstance(item, WarcDefect):
            yield WarcDefect(offset, item.reason)
        else:
            yield WarcRecord(offset, item.data, item.complete)


def _frame(handle: BinaryIO, start: int) -> tuple[WarcRecord | None, int | None, str | None]:
    """The record at `start` of an uncompressed stream: (record, next offset, error)."""
    handle.seek(start)
    head = handle.read(MAX_HEADER_BYTES)
    if not head.strip():
        return None, None, None
    if not head.startswith(b"WARC/1."):
        return None, None, "no WARC record starts here"
    end = head.find(b"\r\n\r\n")
    if end < 0:
        return None, None, "truncated: the file ends inside the WARC headers" \
            if len(head) < MAX_HEADER_BYTES else "WARC headers too long or damaged"
    headers = head[:end + 4]
    length = _CONTENT_LENGTH.search(headers)
    if length is None:
        return None, None, "WARC record without a Content-Length"
    size = int(length.group(1))
    handle.seek(start + len(headers))
    block = handle.read(min(size, MAX_RECORD_BYTES))
    if size > MAX_RECORD_BYTES:
        handle.seek(start + len(headers) + size)
    elif len(block) < size:
        return None, None, "truncated: the file ends inside this record"
    tail = handle.read(4)
    if tail and not tail.startswith((b"\r\n", b"\n")):
        return None, None, "damaged: the record does not end where its Content-Length says"
    digest = _BLOCK_DIGEST.search(headers)
    if digest and size <= MAX_RECORD_BYTES and not _digest_matches(block, digest.group(1)):
        return None, None, "damaged: the record's bytes do not match its WARC-Block-Digest"
    following = _skip_blank_lines(handle, start + len(headers) + size)
    return WarcRecord(start, headers + block, size <= MAX_RECORD_BYTES), following, None


def _digest_matches(block: bytes, value: bytes) -> bool:
    """Whether `block` has the SHA-1 `value` (base32, as WARC writers give it, or hex)."""
    digest = hashlib.sha1(block).digest()
    if len(value) == 40:
        return digest.hex() == value.decode("ascii").lower()
    return base64.b32encode(digest) == value.upper()


def _skip_blank_lines(handle: BinaryIO, position: int) -> int:
    handle.seek(position)
    while True:
        chunk = handle.read(256)
        stripped = chunk.lstrip(b"\r\n")
        if stripped or not chunk:
            return position + len(chunk) - len(stripped)
        position += len(chunk)


def _next_record_start(handle: BinaryIO, after: int) -> int | None:
    """Offset of the next line `WARC/1.0` or `WARC/1.1` after `after`."""
    position = after
    while True:
        found = _next_marker(handle, position, b"WARC/1.")
        if found is None:
            return None
        handle.seek(max(found - 1, 0))
        window = handle.read(16)
        if found == 0 or _RECORD_START.match(window if found else b"\n" + window):
            return found
        position = found + 1


def _plain_records(handle: BinaryIO, start: int) -> Iterator[WarcRecord | WarcDefect]:
    offset: int | None = start
    while offset is not None:
        record, following, error = _frame(handle, offset)
        if record is not None:
            yield record
            offset = following
        elif error is None:
            return
        else:
            yield WarcDefect(offset, error)
            if error.startswith("truncated"):
                return
            offset = _next_record_start(handle, offset + 1)


# -- parsing -----------------------------------------------------------------------


def _parse_errors() -> tuple[type[BaseException], ...]:
    from warcio.bufferedreaders import ChunkedDataException
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.recordloader import StatusAndHeadersParserException

    # warcio meets damaged headers with AttributeError/TypeError (a header it needs is None)
    return (ArchiveLoadFailed, StatusAndHeadersParserException, ChunkedDataException,
            EOFError, ValueError, zlib.error, AttributeError, TypeError)


def skip_reason(record) -> str | None:
    """Why a warcio record is not an article, or None for an HTML response."""
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


def parse_record(record: WarcRecord, want_payload: bool = True) -> ParsedRecord | WarcDefect:
    """Headers (and, for an HTML response, the decoded HTTP body) of one framed record."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        parsed = next(iter(ArchiveIterator(io.BytesIO(record.data), check_digests=False)))
        skip = skip_reason(parsed)
        result = ParsedRecord(parsed.rec_type, parsed.rec_headers.get_header("WARC-Target-URI"),
                              parsed.rec_headers.get_header("WARC-Date"), skip)
        if skip is None and want_payload:
            if not record.complete:
                return WarcDefect(record.offset, f"record too large: over {MAX_RECORD_BYTES:,} "
                                                 "bytes")
            result.payload = parsed.content_stream().read()
            result.charset = charset_of(parsed.http_headers.get_header("Content-Type")) \
                if parsed.http_headers else None
    except StopIteration:
        return WarcDefect(record.offset, "no WARC record in this member")
    except _parse_errors() as error:
        return WarcDefect(record.offset, f"unreadable WARC record: {type(error).__name__}: "
                                         f"{error}")
    return result


# -- the reader ----------------------------------------------------------------------


def read_warc(path: Path, stats: WarcStats | None = None) -> Iterator[Source | Failure]:
    """HTML response records of a WARC as `Source`s (origin `path#offset`)."""
    stats = stats if stats is not None else WarcStats()
    try:
        handle = path.open("rb")
    except OSError as error:
        yield Failure(str(path), f"cannot read file: {error.strerror or error}")
        return
    with handle:
        for item in iter_warc_records(handle, path.name.lower().endswith(".gz")):
            parsed = parse_record(item) if isinstance(item, WarcRecord) else item
            if isinstance(parsed, WarcDefect):
                stats.failed += 1
                yield Failure(f"{path}#{parsed.offset}", f"corrupt WARC record: {parsed.reason}")
            elif parsed.skip:
                stats.skipped[parsed.skip] += 1
            else:
                source = source_from_html(parsed.payload, f"{path}#{item.offset}",
                                          url=parsed.url, charset=parsed.charset)
                stats.failed += isinstance(source, Failure)
                stats.html += isinstance(source, Source)
                yield source
    LOGGER.info("%s: %s", path, stats.summary())
    if not stats.html and not stats.failed:
        yield Failure(str(path), f"no HTML response records ({stats.summary()})")
