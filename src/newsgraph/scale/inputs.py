"""Inputs of a scale-out job: files expanded in the local reader's order, read as raw records.

A `RawRecord` is one stream item before any HTML or article parsing: the job reads
records cheaply (one task per file), numbers them in the order `read_sources` would
yield them, spreads them over many tasks, and only then parses them with
`RawRecord.to_source`. Domain and date filters run on the raw record (WARC headers,
JSONL fields) so filtered-out pages are never parsed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, Literal
from urllib.parse import urlsplit

from newsgraph.ingest.read import file_kind, folder_files, unknown_kind_reason
from newsgraph.ingest.warc import WARC_SUFFIXES
from newsgraph.model import Failure, Source

FileKind = Literal["warc", "jsonl", "html", "text", "missing", "unknown"]
#: Suffixes of a file that lists WARC paths (one per line), as Common Crawl's `warc.paths`.
LIST_SUFFIXES = (".paths", ".txt", ".lst", ".list")


@dataclass(frozen=True)
class InputFile:
    path: str
    kind: FileKind


@dataclass(frozen=True)
class RecordFilter:
    """Which records to keep, decided before parsing; an empty filter keeps everything."""

    domains: frozenset[str] | None = None
    """Keep only URLs on these hosts or their subdomains (records without a URL are dropped)."""
    since: date | None = None
    until: date | None = None
    """Inclusive day range on the WARC-Date (JSONL: `published`/`date`); undated records stay."""

    def keep(self, url: str | None, when: str | None) -> bool:
        if self.domains is not None:
            host = (urlsplit(url).hostname or "") if url else ""
            host = host.lower().removeprefix("www.")
            if not any(host == d or host.endswith("." + d) for d in self.domains):
                return False
        if (self.since or self.until) and when:
            try:
                day = date.fromisoformat(when.strip()[:10])
            except ValueError:
                return True
            if (self.since and day < self.since) or (self.until and day > self.until):
                return False
        return True

    def keeps_all(self) -> bool:
        return self.domains is None and self.since is None and self.until is None


def read_domains(path: Path) -> frozenset[str]:
    """Domains from a file, one per line (`#` comments, blank lines and `www.` ignored)."""
    domains = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            domains.add(line.removeprefix("www.").rstrip("."))
    return frozenset(domains)


@dataclass
class RawRecord:
    """One stream item before parsing; `kind` says how `to_source` turns it into a `Source`."""

    file: str
    offset: int | None
    """Byte offset of a WARC record, line number in JSONL, None for a whole file."""
    kind: Literal["warc-html", "json", "html-file", "text-file", "failure"]
    payload: Any = None
    url: str | None = None
    mark: str = "#"
    """Between file and offset in the origin: `#` (WARC byte offset), `:` (JSONL line)."""
    charset: str | None = None
    """The charset a WARC record's HTTP answer declared."""

    @property
    def origin(self) -> str:
        return self.file if self.offset is None else f"{self.file}{self.mark}{self.offset}"

    def to_source(self) -> Source | Failure:
        """Parse the record as the local readers do (`read_warc`, `read_jsonl`, …)."""
        if self.kind == "warc-html":
            from newsgraph.ingest.html import source_from_html

            return source_from_html(self.payload, self.origin, url=self.url,
                                    charset=self.charset)
        if self.kind == "json":
            from newsgraph.ingest.sources import source_from_line

            return source_from_line(self.payload, self.origin)
        if self.kind == "html-file":
            from newsgraph.ingest.html import read_html_file

            return read_html_file(Path(self.file))
        if self.kind == "text-file":
            from newsgraph.ingest.sources import read_text_file

            return read_text_file(Path(self.file))
        return Failure(self.origin, str(self.payload))


def split_origin(origin: str) -> tuple[str, int | None]:
    """`path#offset` (WARC) or `path:line` (JSONL) into file and offset; else (origin, None)."""
    for mark in ("#", ":"):
        head, sep, tail = origin.rpartition(mark)
        if sep and head and tail.isdigit():
            return head, int(tail)
    return origin, None


def _is_url(path: str) -> bool:
    scheme = urlsplit(path).scheme
    return len(scheme) > 1 and scheme != "file"


def _warc_list(path: Path) -> list[str] | None:
    """The WARC paths listed in `path`, or None when it is not such a list."""
    if not path.name.lower().endswith(LIST_SUFFIXES) or not path.is_file():
        return None
    try:
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    except (OSError, UnicodeDecodeError):
        return None
    lines = [line for line in lines if line and not line.startswith("#")]
    if lines and all(line.lower().endswith(WARC_SUFFIXES) for line in lines):
        return lines
    return None


def expand_inputs(inputs: Iterable[str]) -> list[InputFile]:
    """Input files in the order `read_sources` reads them; WARC list files are expanded.

    A folder is walked recursively in name order, as the local reader walks it; a
    missing path or a file no reader takes stays in the list (it becomes a per-item error).
    """
    files: list[InputFile] = []
    for given in inputs:
        if _is_url(given):
            files.append(InputFile(given, file_kind(given) or "warc"))
            continue
        path = Path(given.removeprefix("file://"))
        listed = _warc_list(path)
        if listed is not None:
            for line in listed:
                local = line if _is_url(line) else str(path.parent / line) \
                    if not Path(line).is_absolute() else line
                files.append(InputFile(local, "warc"))
        elif path.is_dir():
            files.extend(InputFile(str(child), file_kind(child.name) or "unknown")
                         for child in folder_files(path))
        elif not path.exists():
            files.append(InputFile(str(path), "missing"))
        else:
            files.append(InputFile(str(path), file_kind(path.name) or "unknown"))
    return files


def _open(path: str) -> BinaryIO:
    """A local file, or (with fsspec installed) any URL the worker can read."""
    if _is_url(path):
        try:
            import fsspec
        except ImportError as error:
            raise OSError(f"reading {urlsplit(path).scheme}:// paths needs fsspec "
                          "(and its filesystem package) on the workers") from error
        return fsspec.open(path, "rb").open()
    return Path(path).open("rb")


def read_raw(file: InputFile, keep: RecordFilter) -> Iterator[RawRecord]:
    """The raw records of one input file, filtered, in the order the local reader yields them."""
    if file.kind == "missing":
        yield RawRecord(file.path, None, "failure", "no such file or folder")
    elif file.kind == "unknown":
        yield RawRecord(file.path, None, "failure", unknown_kind_reason(file.path))
    elif file.kind == "warc":
        yield from _read_warc(file.path, keep)
    elif file.kind == "jsonl":
        yield from _read_jsonl(file.path, keep)
    elif keep.domains is None:  # a page or text file has no URL before parsing
        yield RawRecord(file.path, None, "html-file" if file.kind == "html" else "text-file")


def _read_jsonl(path: str, keep: RecordFilter) -> Iterator[RawRecord]:
    """As `read_jsonl` (the same line parser), with the filter applied to each record."""
    from newsgraph.ingest.sources import parse_jsonl_line

    try:
        with _open(path) as handle:
            for number, raw in enumerate(handle, start=1):
                line = parse_jsonl_line(raw, f"{path}:{number}", number == 1)
                if line is None:
                    continue
                if isinstance(line, Failure):
                    yield RawRecord(path, number, "failure", line.reason, mark=":")
                    continue
                record = line.value
                if isinstance(record, dict) and not keep.keeps_all():
                    url = record.get("url") if isinstance(record.get("url"), str) else None
                    when = record.get("published") or record.get("date")
                    if not keep.keep(url, when if isinstance(when, str) else None):
                        continue
                yield RawRecord(path, number, "json", line, mark=":")
    except OSError as error:
        yield RawRecord(path, None, "failure", f"cannot read file: {error.strerror or error}")


def _read_warc(path: str, keep: RecordFilter) -> Iterator[RawRecord]:
    """As `newsgraph.ingest.warc.read_warc` (the same record loop and offsets), unparsed."""
    from newsgraph.ingest.warc import (
        WarcDefect,
        WarcRecord,
        WarcStats,
        iter_warc_records,
        parse_record,
    )

    stats = WarcStats()
    filtered = 0
    try:
        handle = _open(path)
    except OSError as error:
        yield RawRecord(path, None, "failure", f"cannot read file: {error.strerror or error}")
        return
    with handle:
        for item in iter_warc_records(handle, path.lower().endswith(".gz")):
            parsed = parse_record(item, want_payload=False) if isinstance(item, WarcRecord) \
                else item
            if not isinstance(parsed, WarcDefect) and parsed.skip is None:
                if not keep.keep(parsed.url, parsed.date):
                    filtered += 1
                    continue
                parsed = parse_record(item)  # type: ignore[arg-type]
            if isinstance(parsed, WarcDefect):
                stats.failed += 1
                yield RawRecord(path, parsed.offset, "failure",
                                f"corrupt WARC record: {parsed.reason}")
            elif parsed.skip:
                stats.skipped[parsed.skip] += 1
            else:
                stats.html += 1
                yield RawRecord(path, item.offset, "warc-html", parsed.payload, parsed.url,
                                charset=parsed.charset)
    if not stats.html and not stats.failed and not filtered:
        yield RawRecord(path, None, "failure", f"no HTML response records ({stats.summary()})")
