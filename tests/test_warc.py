"""WARC files into articles: HTML responses read, other records counted, corrupt ones survived."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.ingest.sources import Failure, Source, read_sources
from newsgraph.ingest.warc import WarcStats, read_warc
from tests.test_html import news_page


def response(writer: WARCWriter, url: str, body: bytes, content_type: str = "text/html",
             status: str = "200 OK"):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                     http_headers=headers)


def write_warc(path: Path, records: list[tuple[str, bytes, str, str]], gzipped: bool = True
               ) -> list[int]:
    """Write response records; returns the byte offset where each one starts."""
    offsets = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        for url, body, content_type, status in records:
            offsets.append(handle.tell())
            writer.write_record(response(writer, url, body, content_type, status))
    return offsets


def page(n: int) -> bytes:
    return news_page().replace("tram line", f"tram line number {n}").encode()


def test_html_responses_read_others_counted(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [
        ("https://example.com/a", page(1), "text/html; charset=utf-8", "200 OK"),
        ("https://example.com/logo.png", b"\x89PNG....", "image/png", "200 OK"),
        ("https://example.com/gone", b"<html>gone</html>", "text/html", "404 Not Found"),
        ("https://example.com/b", page(2), "text/html", "200 OK"),
    ])
    stats = WarcStats()
    items = list(read_warc(path, stats))
    assert [type(item) for item in items] == [Source, Source]
    assert items[0].url == "https://example.com/a"
    assert "tram line number 1" in items[0].text
    assert items[0].origin.startswith(f"{path}#")
    assert stats.html == 2
    assert stats.skipped == {"image/png": 1, "HTTP 404": 1}


def test_one_corrupt_record_costs_only_itself(tmp_path: Path) -> None:
    for gzipped in (True, False):
        path = tmp_path / ("bad.warc.gz" if gzipped else "bad.warc")
        offsets = write_warc(path, [(f"https://example.com/{n}", page(n), "text/html", "200 OK")
                                    for n in range(3)], gzipped=gzipped)
        data = bytearray(path.read_bytes())
        middle = offsets[1] + 40
        data[middle:middle + 60] = b"\x00garbage" * 7 + b"\x00\x00\x00\x00"
        path.write_bytes(bytes(data))
        items = list(read_sources([path]))
        sources = [item for item in items if isinstance(item, Source)]
        failures = [item for item in items if isinstance(item, Failure)]
        assert {s.url for s in sources} == {"https://example.com/0", "https://example.com/2"}
        assert len(failures) == 1 and "corrupt WARC record" in failures[0].reason


def test_truncated_gzip_warc(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    write_warc(path, [(f"https://example.com/{n}", page(n), "text/html", "200 OK")
                      for n in range(2)])
    data = path.read_bytes()
    path.write_bytes(data[:len(data) * 3 // 4])
    items = list(read_warc(path))
    assert isinstance(items[0], Source)  # the cut record is read as far as it goes, or fails
    assert len(items) == 2


def test_warc_without_html(tmp_path: Path) -> None:
    path = tmp_path / "img.warc.gz"
    write_warc(path, [("https://example.com/x.png", b"png", "image/png", "200 OK")])
    (item,) = read_warc(path)
    assert isinstance(item, Failure) and "no HTML response records" in item.reason


def test_two_hundred_records(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    write_warc(path, [(f"https://example.com/{n}", page(n), "text/html", "200 OK")
                      for n in range(200)])
    items = list(read_sources([tmp_path]))
    assert len(items) == 200 and all(isinstance(item, Source) for item in items)
    assert len({item.text for item in items}) == 200
