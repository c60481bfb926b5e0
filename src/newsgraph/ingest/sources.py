"""Text and JSON Lines readers: bytes into `Source`s, or a `Failure` with its reason.

A reader never drops an item silently: anything it cannot read becomes a
`Failure` naming where it came from and why, and the batch goes on. The front
door over all readers (files, folders, stdin) is `newsgraph.ingest.read`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.ingest.decode import decode_text, looks_binary
from newsgraph.model import Failure, Source

__all__ = ["Failure", "Source", "parse_jsonl_line", "read_jsonl", "read_text_file",
           "source_from_line", "source_from_record", "too_short"]

#: A text file larger than this is not read (it could not be one article: the analysis
#: refuses texts over `Settings.max_chars`, 1,000,000 characters by default).
MAX_TEXT_BYTES = 64_000_000
#: Fewer words than this is not an article (a title, a stray note); the HTML extractor
#: uses the same floor for a page's body.
MIN_ARTICLE_WORDS = 5
#: A run of letters longer than this is text in a script written without spaces (Chinese,
#: Japanese, Thai): it counts as one word per `CHARS_PER_WORD` characters.
LONGEST_WORD = 12
CHARS_PER_WORD = 4


def word_count(text: str) -> int:
    """Words of `text`, counting unspaced scripts by length."""
    return sum(len(token) // CHARS_PER_WORD if len(token) > LONGEST_WORD else 1
               for token in text.split())


def too_short(text: str) -> str | None:
    """Why a (non-empty) text is too short to be an article, or None."""
    words = word_count(text)
    if not text.strip() or words >= MIN_ARTICLE_WORDS:
        return None
    return f"too short for an article: {words} word(s), {len(text.strip())} character(s) " \
           f"(at least {MIN_ARTICLE_WORDS} words)"


def checked_source(text: str, origin: str, **fields: object) -> Source | Failure:
    """A `Source`, or a `Failure` when the text is too short to be an article."""
    reason = too_short(text)
    if reason:
        id = fields.get("id")
        return Failure(origin, reason, id if isinstance(id, str) else None)
    return Source(text=text, origin=origin, **fields)  # type: ignore[arg-type]


def read_text_file(path: Path) -> Source | Failure:
    """One plain-text file as one article."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            return Failure(str(path), f"file too large for one article: {size:,} bytes > "
                                      f"{MAX_TEXT_BYTES:,} (split it)")
        data = path.read_bytes()
    except OSError as error:
        return Failure(str(path), f"cannot read file: {error.strerror or error}")
    if looks_binary(data):
        return Failure(str(path), "binary file, not text (NUL or control bytes)")
    decoded = decode_text(data)
    return checked_source(decoded.text, str(path), warnings=decoded.warnings)


#: Metadata fields of a record that must be strings when given (`meta` is a nested object).
_STRING_FIELDS = ("published", "date", "title", "url", "site", "source")


def _first_str(record: dict, *keys: str) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def record_id(record: dict) -> str | None:
    """The record's `id` as text: a non-blank string or a finite number; None when absent.

    Anything else (a list, an object, true/false, a blank string) raises `ValueError`:
    replacing a given id by a hash would silently break the reader's own links."""
    value = record.get("id")
    if value is None:
        return None
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return str(value)
    shown = json.dumps(value, ensure_ascii=False)
    shown = shown if len(shown) <= 40 else shown[:40] + "…"
    raise ValueError(f'"id" must be a non-empty string or a number, got {shown}')


def _authors(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [a for a in value if isinstance(a, str)] if isinstance(value, list) else []


def _field_warnings(record: dict) -> list[str]:
    """Warnings for metadata given with the wrong type (left out, not silently)."""
    warnings = [f'field "{key}" left out: expected a string, got {type(record[key]).__name__}'
                for key in _STRING_FIELDS
                if record.get(key) is not None and not isinstance(record[key], str)]
    authors = record.get("authors")
    items = authors if isinstance(authors, list) else [authors]
    if authors is not None and not all(isinstance(a, str) for a in items):
        warnings.append('field "authors" partly left out: expected a list of strings')
    return warnings


def source_from_record(record: object, origin: str) -> Source | Failure:
    """One JSON object `{"id","text"[,"published","title","url","site","authors"]}`."""
    if not isinstance(record, dict):
        return Failure(origin, f"expected a JSON object, got {type(record).__name__}")
    try:
        id = record_id(record)
    except ValueError as error:
        return Failure(origin, str(error))
    text = record.get("text")
    if not isinstance(text, str) and isinstance(record.get("html"), str):
        from newsgraph.ingest.html import source_from_html

        source = source_from_html(record["html"], origin, url=_first_str(record, "url"), id=id)
        if isinstance(source, Source):
            source.published = _first_str(record, "published", "date") or source.published
            source.title = _first_str(record, "title") or source.title
            source.warnings.extend(_field_warnings(record))
        return source
    if not isinstance(text, str):
        return Failure(origin, 'no "text" or "html" string in this record', id)
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    return checked_source(
        text,
        origin,
        id=id,
        published=_first_str(record, "published", "date") or _first_str(meta, "publication_date"),
        title=_first_str(record, "title") or _first_str(meta, "title"),
        url=_first_str(record, "url"),
        site=_first_str(record, "site", "source") or _first_str(meta, "publisher"),
        authors=_authors(record.get("authors")),
        warnings=_field_warnings(record),
    )


@dataclass
class JsonLine:
    """One parsed JSON Lines line: the value, and warnings about how it was read."""

    value: object
    warnings: list[str] = field(default_factory=list)


def parse_jsonl_line(raw: bytes | str, origin: str, first: bool) -> JsonLine | Failure | None:
    """One line of JSON Lines: its value, a `Failure` saying why not, or None when blank.

    A byte-order mark before the first line is dropped; a line that is not UTF-8 (JSON
    must be) is decoded by `decode_text` with a warning rather than lost."""
    warnings: list[str] = []
    if isinstance(raw, bytes):
        if first:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            decoded = decode_text(raw)
            raw, warnings = decoded.text, [f"JSON line {w}" for w in decoded.warnings]
    elif first:
        raw = raw.removeprefix("\ufeff")
    if not raw.strip():
        return None
    try:
        return JsonLine(json.loads(raw), warnings)
    except json.JSONDecodeError as error:
        return Failure(origin, f"invalid JSON: {error.msg} at column {error.colno}")
    except RecursionError:
        return Failure(origin, "invalid JSON: nested too deeply")


def read_jsonl(lines: Iterable[bytes | str], name: str) -> Iterator[Source | Failure]:
    """JSON Lines: one article per line; a bad line is a `Failure`, the rest go on."""
    for number, raw in enumerate(lines, start=1):
        origin = f"{name}:{number}"
        line = parse_jsonl_line(raw, origin, number == 1)
        if line is None or isinstance(line, Failure):
            if line is not None:
                yield line
            continue
        yield source_from_line(line, origin)


def source_from_line(line: JsonLine, origin: str) -> Source | Failure:
    """`source_from_record` for a parsed line, with the line's warnings."""
    source = source_from_record(line.value, origin)
    if isinstance(source, Source):
        source.warnings[:0] = line.warnings
    return source
