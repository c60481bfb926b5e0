"""WARC files into articles: HTML responses read, other records counted, corrupt ones survived."""

from __future__ import annotations

import io
import random
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.ingest.read import read_sources
from newsgraph.ingest.warc import WarcStats, read_warc
from newsgraph.model import Failure, Source
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


def long_page(n: int) -> bytes:
    """A page whose gzip member spans several of the reader's blocks (~60 KB compressed)."""
    rng = random.Random(n)
    words = ["council", "tram", "district", "station", "budget", "mayor", "vote", "line",
             "residents", "plan", "north", "bridge", "funding", "works", "delay", "route"]
    paragraphs = "\n".join(
        "<p>" + " ".join(rng.choice(words) + str(rng.randrange(1000)) for _ in range(60))
        + ".</p>" for _ in range(150))
    return news_page(extra_body=paragraphs).replace("tram line", f"tram line number {n}") \
        .encode()


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
    offsets = write_warc(path, [(f"https://example.com/{n}", page(n), "text/html", "200 OK")
                                for n in range(2)])
    data = path.read_bytes()
    path.write_bytes(data[:len(data) * 3 // 4])
    first, cut = read_warc(path)
    assert isinstance(first, Source)
    assert isinstance(cut, Failure) and cut.origin == f"{path}#{offsets[1]}"
    assert "truncated" in cut.reason


def test_truncated_plain_warc_names_the_cut_record(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    offsets = write_warc(path, [(f"https://example.com/{n}", page(n), "text/html", "200 OK")
                                for n in range(3)], gzipped=False)
    path.write_bytes(path.read_bytes()[:offsets[2] + 900])
    items = list(read_warc(path))
    assert [type(item) for item in items] == [Source, Source, Failure]
    assert items[2].origin == f"{path}#{offsets[2]}" and "truncated" in items[2].reason


def flip(path: Path, start: int, count: int) -> None:
    data = bytearray(path.read_bytes())
    for i in range(start, start + count):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def test_flipped_bytes_inside_one_gzip_member_cost_only_that_record(tmp_path: Path) -> None:
    """Issue 15: the garbled record was stored and the 4 after it were lost ("0 failed")."""
    path = tmp_path / "flipped.warc.gz"
    offsets = write_warc(path, [(f"https://example.com/{n}", long_page(n), "text/html",
                                 "200 OK") for n in range(7)])
    middle = (offsets[2] + offsets[3]) // 2
    flip(path, middle - 100, 200)
    items = list(read_warc(path))
    failures = [item for item in items if isinstance(item, Failure)]
    assert [item.url for item in items if isinstance(item, Source)] == \
        [f"https://example.com/{n}" for n in (0, 1, 3, 4, 5, 6)]
    assert len(failures) == 1 and failures[0].origin == f"{path}#{offsets[2]}"
    assert "corrupt WARC record" in failures[0].reason
    assert all("tram line number 2" not in item.text for item in items
               if isinstance(item, Source))


def test_damaged_gzip_header_and_two_damaged_members_in_a_row(tmp_path: Path) -> None:
    path = tmp_path / "two.warc.gz"
    offsets = write_warc(path, [(f"https://example.com/{n}", page(n), "text/html", "200 OK")
                                for n in range(5)])
    flip(path, offsets[1], 3)  # the gzip magic of record 1
    flip(path, (offsets[2] + offsets[3]) // 2, 50)  # inside record 2
    items = list(read_warc(path))
    assert [item.url for item in items if isinstance(item, Source)] == \
        [f"https://example.com/{n}" for n in (0, 3, 4)]
    assert len([item for item in items if isinstance(item, Failure)]) >= 1


def test_flipped_bytes_in_a_plain_warc_body_fail_the_digest(tmp_path: Path) -> None:
    path = tmp_path / "flipped.warc"
    offsets = write_warc(path, [(f"https://example.com/{n}", page(n), "text/html", "200 OK")
                                for n in range(4)], gzipped=False)
    flip(path, offsets[2] - 300, 100)  # inside the HTML of record 1
    items = list(read_warc(path))
    assert [item.url for item in items if isinstance(item, Source)] == \
        [f"https://example.com/{n}" for n in (0, 2, 3)]
    (failure,) = [item for item in items if isinstance(item, Failure)]
    assert failure.origin == f"{path}#{offsets[1]}" and "WARC-Block-Digest" in failure.reason


def test_scale_inputs_read_the_same_records_and_failures(tmp_path: Path) -> None:
    """One record loop: the scale-out reader yields the local reader's offsets and reasons."""
    from newsgraph.scale.inputs import InputFile, RecordFilter, read_raw

    path = tmp_path / "flipped.warc.gz"
    offsets = write_warc(path, [(f"https://example.com/{n}", page(n), "text/html", "200 OK")
                                for n in range(5)])
    flip(path, (offsets[1] + offsets[2]) // 2, 200)
    local = [(item.origin, getattr(item, "reason", None)) for item in read_warc(path)
             if isinstance(item, Failure) or item.url]
    raw = [(record.origin, record.payload if record.kind == "failure" else None)
           for record in read_raw(InputFile(str(path), "warc"), RecordFilter())]
    assert [origin for origin, _ in raw] == [origin for origin, _ in local]
    assert [reason for _, reason in raw if reason] == [reason for _, reason in local if reason]


def test_cli_ingest_counts_the_corrupt_record_as_failed(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    path = tmp_path / "flipped.warc.gz"
    offsets = write_warc(path, [(f"https://example.com/{n}", long_page(n), "text/html",
                                 "200 OK") for n in range(4)])
    flip(path, (offsets[1] + offsets[2]) // 2, 200)
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert "3 new, 0 already stored, 1 failed" in result.stdout
    assert f"{path}#{offsets[1]}: corrupt WARC record" in result.stderr


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
