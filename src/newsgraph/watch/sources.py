"""What `watch` follows: sources given on the command line or in a TOML file.

    [[source]]
    url = "https://example.org/rss.xml"
    every = "30m"          # optional; else --every
    kind = "feed"          # feed, sitemap, home or auto (the default: told by the answer)
    language = "en"        # a hint, used when a page's text is too short to tell
    tags = ["local"]       # copied to each article it brings (API, JSONL and Parquet)
    allow_private = false  # true: may be on a private or loopback address
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")


class SourceKind(StrEnum):
    """How a source lists its articles."""

    AUTO = "auto"
    FEED = "feed"
    SITEMAP = "sitemap"
    HOME = "home"


class SourceError(ValueError):
    """A source or sources file that cannot be used; the message says why."""


def parse_duration(text: str) -> float:
    """Seconds in "90", "90s", "15m", "2h" or "1d"."""
    match = _DURATION.match(text)
    if not match:
        raise SourceError(f"not a duration: {text!r} (use e.g. 90s, 15m, 2h, 1d)")
    seconds = float(match.group(1)) * _UNITS[match.group(2) or "s"]
    if seconds <= 0:
        raise SourceError(f"a duration must be more than zero: {text!r}")
    return seconds


@dataclass(frozen=True)
class WatchSource:
    """One followed source and its own settings (None: the command's)."""

    url: str
    kind: SourceKind = SourceKind.AUTO
    every: float | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    allow_private: bool = False

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc.lower()


def checked_url(url: str) -> str:
    """`url` when it is an absolute http(s) URL, else a `SourceError`."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceError(f"not an http(s) URL: {url!r}")
    return url.strip()


_KEYS = {"url", "kind", "every", "language", "tags", "allow_private"}


def source_from_table(table: dict, where: str) -> WatchSource:
    """One `[[source]]` table as a `WatchSource`."""
    unknown = set(table) - _KEYS
    if unknown:
        raise SourceError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} "
                          f"(known: {', '.join(sorted(_KEYS))})")
    if not isinstance(table.get("url"), str):
        raise SourceError(f"{where}: `url` is required and must be a string")
    try:
        kind = SourceKind(table.get("kind", "auto"))
    except ValueError as error:
        raise SourceError(f"{where}: kind must be one of "
                          f"{', '.join(k.value for k in SourceKind)}") from error
    every = table.get("every")
    tags = table.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise SourceError(f"{where}: tags must be a list of strings")
    language = table.get("language")
    if language is not None and not (isinstance(language, str)
                                     and re.fullmatch(r"[a-z]{2,3}", language)):
        raise SourceError(f"{where}: language must be an ISO 639 code such as \"en\"")
    return WatchSource(
        url=checked_url(table["url"]), kind=kind,
        every=parse_duration(str(every)) if every is not None else None,
        language=language, tags=tuple(dict.fromkeys(tag.strip() for tag in tags
                                                    if tag.strip())),
        allow_private=bool(table.get("allow_private", False)))


def load_sources_file(path: Path) -> list[WatchSource]:
    """The `[[source]]` tables of a TOML file."""
    if path.suffix.lower() in (".yml", ".yaml"):
        raise SourceError(f"{path}: YAML sources files are not supported; write it as TOML "
                          "([[source]] tables)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SourceError(f"{path}: cannot read: {error.strerror or error}") from error
    except tomllib.TOMLDecodeError as error:
        raise SourceError(f"{path}: not valid TOML: {error}") from error
    tables = data.get("source", [])
    if not isinstance(tables, list) or not tables:
        raise SourceError(f"{path}: no [[source]] tables")
    return [source_from_table(table, f"{path}: source {number}")
            for number, table in enumerate(tables, 1)]


def merge_sources(urls: list[str], file: Path | None) -> list[WatchSource]:
    """Sources from the command line and the file; one per URL (the file's settings win)."""
    found: dict[str, WatchSource] = {}
    for url in urls:
        found[checked_url(url)] = WatchSource(checked_url(url))
    if file is not None:
        for source in load_sources_file(file):
            found[source.url] = source
    if not found:
        raise SourceError("no sources: give feed URLs or --sources FILE")
    return list(found.values())
