"""Readers: files, folders, JSONL and stdin into `Source`s, or a `Failure` with its reason.

A reader never drops an item silently: anything it cannot read becomes a
`Failure` naming where it came from and why, and the batch goes on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.ingest.decode import decode_text, looks_binary

TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass
class Source:
    """One article as read, before analysis."""

    text: str
    origin: str
    """Where it came from: a path, `path:line` for JSONL, or `<stdin>`."""
    id: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    site: str | None = None
    authors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    duplicate_of: str | None = None
    """Key (id or origin) of an earlier source this one nearly copies; see `ingest.dedup`."""


@dataclass
class Failure:
    """An item that could not be read or analysed, with the reason."""

    origin: str
    reason: str
    id: str | None = None

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


def read_text_file(path: Path) -> Source | Failure:
    """One plain-text file as one article."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return Failure(str(path), f"cannot read file: {error.strerror or error}")
    if looks_binary(data):
        return Failure(str(path), "binary file, not text (NUL or control bytes)")
    decoded = decode_text(data)
    return Source(text=decoded.text, origin=str(path), warnings=decoded.warnings)


def _first_str(record: dict, *keys: str) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, int | float) and key == "id":
            return str(value)
    return None


def source_from_record(record: object, origin: str) -> Source | Failure:
    """One JSON object `{"id","text"[,"published","title","url","site","authors"]}`."""
    if not isinstance(record, dict):
        return Failure(origin, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) and isinstance(record.get("html"), str):
        from newsgraph.ingest.html import source_from_html

        source = source_from_html(record["html"], origin, url=_first_str(record, "url"),
                                  id=_first_str(record, "id"))
        if isinstance(source, Source):
            source.published = _first_str(record, "published", "date") or source.published
            source.title = _first_str(record, "title") or source.title
        return source
    if not isinstance(text, str):
        return Failure(origin, 'no "text" or "html" string in this record',
                       _first_str(record, "id"))
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    authors = record.get("authors") or []
    return Source(
        text=text,
        origin=origin,
        id=_first_str(record, "id"),
        published=_first_str(record, "published", "date") or _first_str(meta, "publication_date"),
        title=_first_str(record, "title") or _first_str(meta, "title"),
        url=_first_str(record, "url"),
        site=_first_str(record, "site", "source") or _first_str(meta, "publisher"),
        authors=[a for a in authors if isinstance(a, str)] if isinstance(authors, list) else [],
    )


def read_jsonl(lines: Iterable[bytes | str], name: str) -> Iterator[Source | Failure]:
    """JSON Lines: one article per line; a bad line is a `Failure`, the rest go on."""
    for number, raw in enumerate(lines, start=1):
        origin = f"{name}:{number}"
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield Failure(origin, "line is not valid UTF-8")
                continue
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as error:
            yield Failure(origin, f"invalid JSON: {error.msg} at column {error.colno}")
            continue
        yield source_from_record(record, origin)


def read_path(path: Path) -> Iterator[Source | Failure]:
    """Everything readable under `path`: a file, or a folder walked recursively in name order.

    HTML pages (`.html`, `.htm`, also gzipped) and WARC files (`.warc`, `.warc.gz`) go
    through article extraction (`newsgraph.ingest.html`, `newsgraph.ingest.warc`).
    """
    from newsgraph.ingest.html import is_html, read_html_file
    from newsgraph.ingest.warc import is_warc, read_warc

    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            suffix = child.suffix.lower()
            if suffix in TEXT_SUFFIXES or suffix in JSONL_SUFFIXES or is_html(child) \
                    or is_warc(child):
                yield from read_path(child)
        return
    if not path.exists():
        yield Failure(str(path), "no such file or folder")
        return
    if is_warc(path):
        yield from read_warc(path)
        return
    if is_html(path):
        yield read_html_file(path)
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        try:
            with path.open("rb") as handle:
                yield from read_jsonl(handle, str(path))
        except OSError as error:
            yield Failure(str(path), f"cannot read file: {error.strerror or error}")
        return
    yield read_text_file(path)


def read_stdin() -> Iterator[Source | Failure]:
    """stdin: JSON Lines when the first non-blank character is `{`, else one text."""
    data = sys.stdin.buffer.read()
    if data.lstrip().startswith(b"{"):
        yield from read_jsonl(data.splitlines(), "<stdin>")
        return
    if looks_binary(data):
        yield Failure("<stdin>", "binary input, not text")
        return
    decoded = decode_text(data)
    yield Source(text=decoded.text, origin="<stdin>", warnings=decoded.warnings)


def read_sources(paths: Iterable[str | Path]) -> Iterator[Source | Failure]:
    """All sources under the given paths, in order; `-` reads stdin."""
    for path in paths:
        if str(path) == "-":
            yield from read_stdin()
        else:
            yield from read_path(Path(path))
