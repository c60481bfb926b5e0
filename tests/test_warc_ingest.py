"""A 200-record WARC ingested end to end into a real SQLite store."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.store import Store
from tests.test_warc import write_warc

CITIES = ["Lyon", "Porto", "Gdansk", "Tampere", "Graz", "Brno", "Aarhus", "Ghent", "Cork", "Split"]
PEOPLE = ["Anna Berg", "Tom Hale", "Rosa Lind", "Omar Said", "Lena Vogt", "Ivan Petrov"]
TOPICS = ["a new tram line", "the harbour budget", "a flood barrier", "school meals",
          "the river bridge", "a housing plan", "bus fares", "the night train"]
VERBS = ["approved", "rejected", "delayed", "debated", "cut", "expanded"]


def story(n: int, rng: random.Random) -> bytes:
    """A small news page whose sentences differ enough that no two are near-duplicates."""
    sentences = []
    for _ in range(6):
        who, city = rng.choice(PEOPLE), rng.choice(CITIES)
        topic, verb = rng.choice(TOPICS), rng.choice(VERBS)
        day = rng.choice(["Monday", "Tuesday", "Friday"])
        sentences.append(f"Councillors in {city} {verb} {topic} on {day}, and {who} said "
                         f"{rng.randint(2, 900)} residents had signed a petition.")
    body = "".join(f"<p>{s}</p>" for s in sentences)
    return (f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
            f"{body}</article></body></html>").encode()


@pytest.mark.slow
def test_two_hundred_record_warc_ingests_end_to_end(tmp_path: Path) -> None:
    rng = random.Random(7)
    warc = tmp_path / "crawl.warc.gz"
    records = [(f"https://news.example/{n}", story(n, rng), "text/html; charset=utf-8", "200 OK")
               for n in range(200)]
    records.insert(50, ("https://news.example/logo.png", b"\x89PNG", "image/png", "200 OK"))
    write_warc(warc, records)
    db = tmp_path / "crawl.db"
    result = CliRunner().invoke(app, ["ingest", str(warc), "--db", str(db),
                                      "--published", "2024-05-10"])
    assert result.exit_code == 0, result.output
    with Store.open(str(db), create=False) as store:
        assert store.count() == 200
        article = store.get(next(iter(store.iter_ids())))
        assert article is not None and article.url.startswith("https://news.example/")
        assert article.entities
    again = CliRunner().invoke(app, ["ingest", str(warc), "--db", str(db)])
    assert "0 new" in again.stdout
