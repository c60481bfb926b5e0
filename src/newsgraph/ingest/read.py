"""The readers' front door: paths (files, folders, `-` for stdin) into `Source`s or `Failure`s.

Which reader takes a file is decided by its name alone (`file_kind`), in one place for
the local run and the scale-out job (`newsgraph.scale.inputs`):

* `.txt`, `.text`, `.md`: one article per file (`ingest.sources.read_text_file`);
* `.jsonl`, `.ndjson`: one article per line (`ingest.sources.read_jsonl`);
* `.html`, `.htm`, `.xhtml`, also gzipped: one page (`ingest.html.read_html_file`);
* `.warc`, `.warc.gz`: every HTML response record (`ingest.warc.read_warc`).

Any other file is a `Failure` ("unknown file type"), and so is a text shorter than an
article (`ingest.sources.too_short`). A folder is read recursively in name order, hidden
files left out. Nothing is dropped silently: what cannot be read becomes a `Failure`
with the reason, and the batch goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from newsgraph.ingest.decode import decode_text, looks_binary
from newsgraph.ingest.html import HTML_SUFFIXES, read_html_file
from newsgraph.ingest.sources import checked_source, read_jsonl, read_text_file
from newsgraph.ingest.warc import WARC_SUFFIXES, read_warc
from newsgraph.model import Failure, Source

FileKind = Literal["warc", "jsonl", "html", "text"]
TEXT_SUFFIXES = (".txt", ".text", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")


def file_kind(name: str) -> FileKind | None:
    """Which reader takes a file of this name; None for a name no reader knows."""
    lower = name.lower()
    if lower.endswith(WARC_SUFFIXES):
        return "warc"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(TEXT_SUFFIXES):
        return "text"
    return None


def read_file(path: Path, kind: FileKind) -> Iterator[Source | Failure]:
    """The articles of one file, by the reader for `kind`."""
    if kind == "warc":
        yield from read_warc(path)
    elif kind == "html":
        yield read_html_file(path)
    elif kind == "jsonl":
        try:
            with path.open("rb") as handle:
                yield from read_jsonl(handle, str(path))
        except OSError as error:
            yield Failure(str(path), f"cannot read file: {error.strerror or error}")
    else:
        yield read_text_file(path)


def unknown_kind_reason(name: str) -> str:
    """The failure for a file that no reader takes."""
    suffix = "".join(Path(name).suffixes[-2:]).lower() or "(none)"
    return (f"not read: unknown file type {suffix}; newsgraph reads "
            f"{', '.join(TEXT_SUFFIXES)} (text), {', '.join(JSONL_SUFFIXES)}, "
            f"{', '.join(HTML_SUFFIXES[:3])} (also gzipped) and {', '.join(WARC_SUFFIXES)}")


def folder_files(folder: Path) -> list[Path]:
    """The files under `folder`, recursively in name order, hidden ones (`.git/`,
    `.DS_Store`) left out."""
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def read_path(path: Path) -> Iterator[Source | Failure]:
    """Everything under `path`: a file, or a folder walked recursively in name order. A
    file that no reader takes is a `Failure` saying so, never skipped in silence."""
    if not path.exists():
        yield Failure(str(path), "no such file or folder")
        return
    for file in folder_files(path) if path.is_dir() else [path]:
        kind = file_kind(file.name)
        if kind is None:
            yield Failure(str(file), unknown_kind_reason(file.name))
        else:
            yield from read_file(file, kind)


def read_stdin() -> Iterator[Source | Failure]:
    """stdin: JSON Lines when the first non-blank character is `{`, else one text."""
    data = sys.stdin.buffer.read()
    if data.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
        yield from read_jsonl(data.splitlines(), "<stdin>")
        return
    if looks_binary(data):
        yield Failure("<stdin>", "binary input, not text")
        return
    decoded = decode_text(data)
    yield checked_source(decoded.text, "<stdin>", warnings=decoded.warnings)


def read_sources(paths: Iterable[str | Path]) -> Iterator[Source | Failure]:
    """All sources under the given paths, in order; `-` reads stdin."""
    for path in paths:
        if str(path) == "-":
            yield from read_stdin()
        else:
            yield from read_path(Path(path))
