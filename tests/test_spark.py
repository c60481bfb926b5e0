"""`newsgraph spark analyze` in local mode: the same rows as the in-process pipeline.

One SparkSession (local[2]) serves the module; the job runs once over a small crawl
(two WARCs and a JSONL file, with a corrupt record, a non-HTML record, a non-English
page and a near-duplicate) and the tests read its Parquet tables. Without pyspark or
Java these tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.ingest.read import read_sources
from newsgraph.model import Failure
from newsgraph.pipeline import analyze_sources
from newsgraph.scale.inputs import RecordFilter, expand_inputs, read_raw, split_origin
from newsgraph.scale.tables import TABLES, article_rows, error_row

#: Seconds one test (or the module's shared Spark job) may take before it is stopped.
TEST_TIMEOUT = 150


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise TimeoutError in the main thread after `seconds` (SIGALRM; POSIX only)."""
    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(autouse=True)
def per_test_timeout() -> Iterator[None]:
    with time_limit(TEST_TIMEOUT):
        yield


def spark_missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (pip install -e '.[spark]')"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "Java (17+) is not installed, so Spark cannot start"
    return None


@pytest.fixture(scope="module")
def spark():
    reason = spark_missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Spark tests: {reason}, and CI=true does not allow skipping them",
                        pytrace=False)
        pytest.skip(f"Spark tests: {reason}")
    from newsgraph.scale.spark import spark_session

    with time_limit(TEST_TIMEOUT):
        session = spark_session("local[2]", shuffle_partitions=2)
    yield session
    session.stop()


# -- a small crawl ---------------------------------------------------------------------------

PEOPLE = ["Anna Berg", "Tom Hale", "Rosa Lind", "Omar Said", "Lena Vogt", "Ivan Petrov"]
CITIES = ["Lyon", "Porto", "Gdansk", "Tampere", "Graz", "Brno", "Aarhus", "Ghent"]
TOPICS = ["a new tram line", "the harbour budget", "a flood barrier", "school meals",
          "the river bridge", "a housing plan", "bus fares", "the night train"]


def story(n: int) -> str:
    """An English news page with a quote, a date, an amount and places; unique per `n`."""
    who, other = PEOPLE[n % 6], PEOPLE[(n + 2) % 6]
    city, topic = CITIES[n % 8], TOPICS[(n * 3) % 8]
    paragraphs = [
        f"Councillors in {city} approved {topic} on Tuesday after a debate of {n + 3} hours.",
        f"\u201cThis is the right plan for {city},\u201d {who} said after the vote.",
        f"The project will cost {n + 2} million euros and open in {2026 + n % 3}, "
        f"according to the city's transport office.",
        f"{other}, who leads the opposition, said {n * 40 + 120} residents had signed "
        f"a petition against {topic} in {CITIES[(n + 1) % 8]}.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>Story {n}</title></head><body><article><h1>{city} approves "
            f"{topic}</h1>{body}</article></body></html>")


GERMAN = ("<html><head><title>Stadtrat</title></head><body><article><h1>Neue Strassenbahn</h1>"
          "<p>Der Stadtrat hat am Dienstag nach langer Debatte eine neue Strassenbahnlinie "
          "beschlossen, die im Jahr 2027 eröffnet werden soll.</p><p>Die Bürgermeisterin "
          "sagte, die Linie werde täglich viele tausend Fahrgäste befördern und die Busse "
          "in der Innenstadt deutlich entlasten.</p></article></body></html>")


def warc_record(writer: WARCWriter, url: str, body: bytes, content_type: str, day: str):
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                     http_headers=headers,
                                     warc_headers_dict={"WARC-Date": f"{day}T08:00:00Z"})


def write_warc(path: Path, records: list[tuple[str, str | bytes, str, str]],
               gzipped: bool = True) -> list[int]:
    """Write response records (url, body, content type, crawl day); returns their offsets."""
    offsets = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        for url, body, content_type, day in records:
            offsets.append(handle.tell())
            data = body.encode() if isinstance(body, str) else body
            writer.write_record(warc_record(writer, url, data, content_type, day))
    return offsets


def make_crawl(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    first = folder / "a.warc.gz"
    offsets = write_warc(first, [
        ("https://news.example/1", story(1), "text/html; charset=utf-8", "2024-05-08"),
        ("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png", "2024-05-08"),
        ("https://news.example/2", story(2), "text/html", "2024-05-09"),
        ("https://news.example/broken", story(3), "text/html", "2024-05-09"),
        ("https://zeitung.example/bahn", GERMAN, "text/html", "2024-05-10"),
        ("https://other.example/4", story(4), "text/html", "2024-05-11"),
    ])
    data = bytearray(first.read_bytes())
    bad = offsets[3] + 40
    data[bad:bad + 60] = b"\x00garbage" * 7 + b"\x00\x00\x00\x00"
    first.write_bytes(bytes(data))
    copy = story(1).replace("a debate of 4 hours", "a debate of four hours")
    write_warc(folder / "b.warc", [
        ("https://mirror.example/1", copy, "text/html", "2024-05-12"),
        ("https://news.example/5", story(5), "text/html", "2024-05-12"),
    ], gzipped=False)
    with (folder / "c.jsonl").open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "wire-6", "url": "https://wire.example/6",
                                 "published": "2024-05-10", "html": story(6)}) + "\n")
        handle.write("{not json\n")
        handle.write(json.dumps({"id": "empty", "text": "   "}) + "\n")
    return folder


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_crawl(tmp_path_factory.mktemp("crawl"))


@pytest.fixture(scope="module")
def output(spark, crawl: Path, tmp_path_factory: pytest.TempPathFactory):
    """The Parquet output of one Spark job over the crawl, and its counts."""
    import time

    from newsgraph.scale.spark import SparkJob, analyze_to_parquet

    out = tmp_path_factory.mktemp("spark") / "out"
    started = time.monotonic()
    with time_limit(TEST_TIMEOUT):
        counts = analyze_to_parquet(SparkJob(inputs=(str(crawl),), out=str(out)), spark)
    print(f"spark job: {time.monotonic() - started:.1f} s, {counts}")
    return out, counts


def table_rows(spark, out: Path, table: str) -> list[tuple]:
    return [tuple(row) for row in spark.read.parquet(str(out / table)).collect()]


def in_process_rows(paths: list[str]) -> dict[str, list[tuple]]:
    """The rows the local pipeline gives for the same input, by the same row builders."""
    items = list(read_sources(paths))
    results = list(analyze_sources(iter(items)))
    rows: dict[str, list[tuple]] = {table: [] for table in TABLES}
    for item, result in zip(items, results, strict=True):
        file, offset = split_origin(item.origin)
        if isinstance(result, Failure):
            file, offset = split_origin(result.origin)
            rows["errors"].append(error_row(file, offset, "", result.reason, result.origin,
                                            result.id))
            continue
        for table, table_rows_ in article_rows(result, file, offset).items():
            rows[table].extend(table_rows_)
    return rows


# -- tests -----------------------------------------------------------------------------------

def test_spark_rows_equal_in_process_rows(spark, crawl: Path, output) -> None:
    out, counts = output
    expected = in_process_rows([str(crawl)])
    for table in TABLES:
        got = table_rows(spark, out, table)
        assert counts[table] == len(got)
        if table == "errors":  # the local runner does not name the stage
            got = [(*row[:2], "", *row[3:]) for row in got]
        assert sorted(got, key=repr) == sorted(expected[table], key=repr), table
    articles = sorted(table_rows(spark, out, "articles"), key=lambda r: (r[1], r[2]))
    assert [Path(r[1]).name for r in articles] == ["a.warc.gz"] * 4 + ["b.warc"] * 2 + \
        ["c.jsonl"]
    assert counts["quotes"] and counts["entities"] and counts["places"] and counts["amounts"]


def test_bad_records_land_in_errors_and_the_rest_is_kept(spark, crawl: Path, output) -> None:
    out, _ = output
    errors = {(Path(r[0]).name, r[2], r[3].split(":")[0]) for r in table_rows(spark, out,
                                                                               "errors")}
    assert ("a.warc.gz", "read", "corrupt WARC record") in errors
    assert ("c.jsonl", "read", "invalid JSON") in errors
    assert ("c.jsonl", "analyze", "empty document") in errors
    assert len(errors) == 3
    columns = [name for name, _ in TABLES["articles"]]
    articles = [dict(zip(columns, row, strict=True)) for row in table_rows(spark, out,
                                                                              "articles")]
    by_url = {a["url"]: a for a in articles}
    assert "https://news.example/logo.png" not in by_url  # non-HTML: skipped, not an error
    assert by_url["https://zeitung.example/bahn"]["language"] == "de"
    # The canonical copy of the two is the earlier, then the one with the smaller hash (id).
    canonical, copy = sorted([by_url["https://news.example/1"], by_url["https://mirror.example/1"]],
                             key=lambda a: (a["published"] is None, a["published"] or "", a["id"]))
    assert canonical["duplicate_of"] is None and copy["duplicate_of"] == canonical["id"]
    assert by_url["https://wire.example/6"]["id"] == "wire-6"


def test_parquet_output_ingests_and_shows_in_quotes(spark, output, tmp_path: Path) -> None:
    from newsgraph.cli import app
    from newsgraph.model import Article
    from newsgraph.scale.parquet import is_parquet_output, read_parquet_output
    from newsgraph.store import Store

    out, counts = output
    assert is_parquet_output(out) and (out / "_newsgraph_parquet").is_file()
    articles = list(read_parquet_output(out))
    assert len(articles) == counts["articles"]
    stored = {row[0]: row[-1] for row in table_rows(spark, out, "articles")}
    for article in articles:  # the round trip is exact
        assert article == Article.model_validate_json(stored[article.id])
    db = tmp_path / "store.db"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"{counts['articles']} new" in result.stdout
    with Store.open(str(db), create=False) as store:
        assert store.count() == counts["articles"]
    quotes = runner.invoke(app, ["quotes", "--db", str(db), "--format", "json"])
    assert quotes.exit_code == 0, quotes.output
    assert any("right plan" in q["text"] for q in json.loads(quotes.stdout))


def test_cli_filters_by_domain_and_crawl_date(spark, crawl: Path, tmp_path: Path) -> None:
    from newsgraph.cli import app

    domains = tmp_path / "domains.txt"
    domains.write_text("# only these\nwww.news.example\n", encoding="utf-8")
    listing = tmp_path / "warc.paths"
    listing.write_text(f"{crawl / 'a.warc.gz'}\n{crawl / 'b.warc'}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, [
        "spark", "analyze", str(listing), "--out", str(out), "--domains", str(domains),
        "--since", "2024-05-09", "--until", "2024-05-12", "--partitions", "2"])
    assert result.exit_code == 0, result.output
    urls = sorted(row[3] for row in table_rows(spark, out, "articles"))
    assert urls == ["https://news.example/2", "https://news.example/5"]
    again = CliRunner().invoke(app, ["spark", "analyze", str(listing), "--out", str(out)])
    assert again.exit_code == 2 and "not empty" in again.output


def test_raw_reader_filters_before_parsing(crawl: Path) -> None:
    files = expand_inputs([str(crawl)])
    assert [(Path(f.path).name, f.kind) for f in files] == [
        ("a.warc.gz", "warc"), ("b.warc", "warc"), ("c.jsonl", "jsonl")]
    keep = RecordFilter(domains=frozenset({"news.example"}))
    kinds = [(r.kind, r.url) for f in files for r in read_raw(f, keep)]
    assert ("warc-html", "https://other.example/4") not in kinds
    assert ("warc-html", "https://news.example/1") in kinds
    assert [k for k, _ in kinds].count("failure") == 2  # corrupt record, bad JSON line
    assert RecordFilter(since=None).keeps_all()


def test_help_does_not_import_pyspark() -> None:
    code = ("import sys; from newsgraph.cli import app; from typer.testing import CliRunner; "
            "CliRunner().invoke(app, ['--help']); CliRunner().invoke(app, ['spark', '--help']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pyspark', 'pyarrow', 'spacy')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "[]"
