"""Damaged WARCs: does a broken record cost only itself?

Writes WARCs of 8 long HTML records (~60 KB compressed each), half gzipped and half
plain; in each, 200 bytes of one record are set to zero, to random bytes or XOR-ed. A
run is right when the 7 other records are read, the damaged one is one failure at its
own offset, and nothing of it is stored.

    python benchmarks/bench_warc_damage.py [--runs 20] [--seed 3]
"""

from __future__ import annotations

import argparse
import io
import random
import tempfile
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.ingest.warc import read_warc
from newsgraph.model import Failure, Source

RECORDS = 8
DAMAGE = 200


def page(n: int) -> bytes:
    rng = random.Random(n)
    words = ["council", "tram", "district", "station", "budget", "mayor", "vote", "line"]
    paragraphs = "".join(
        "<p>" + " ".join(rng.choice(words) + str(rng.randrange(1000)) for _ in range(60))
        + ".</p>\n" for _ in range(150))
    return (f"<html><head><title>Story {n}</title></head><body><article><h1>Council story "
            f"number {n}</h1><p>The mayor said on Monday that story {n} matters a great deal "
            f"to everyone.</p>{paragraphs}</article></body></html>").encode()


def write_warc(path: Path, gzipped: bool) -> list[int]:
    offsets = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        for n in range(RECORDS):
            offsets.append(handle.tell())
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://example.com/{n}", "response", payload=io.BytesIO(page(n)),
                http_headers=headers))
    offsets.append(path.stat().st_size)
    return offsets


def damage(path: Path, start: int, mode: str, rng: random.Random) -> None:
    data = bytearray(path.read_bytes())
    for i in range(start, start + DAMAGE):
        data[i] = {"xor": data[i] ^ 0x5A, "random": rng.randrange(256), "zero": 0}[mode]
    path.write_bytes(bytes(data))


def one_run(folder: Path, trial: int, rng: random.Random) -> str | None:
    """None when the run is right, else what went wrong."""
    gzipped = trial % 2 == 0
    path = folder / ("t.warc.gz" if gzipped else "t.warc")
    offsets = write_warc(path, gzipped)
    hit = rng.randrange(1, RECORDS - 1)
    mode = rng.choice(["xor", "random", "zero"])
    damage(path, rng.randrange(offsets[hit], offsets[hit + 1] - DAMAGE), mode, rng)
    items = list(read_warc(path))
    urls = [item.url for item in items if isinstance(item, Source)]
    failures = [item for item in items if isinstance(item, Failure)]
    expected = [f"https://example.com/{n}" for n in range(RECORDS) if n != hit]
    if urls == expected and len(failures) == 1 and \
            failures[0].origin.endswith(f"#{offsets[hit]}"):
        return None
    return (f"{'gzip' if gzipped else 'plain'} {mode}: record {hit} damaged; read "
            f"{[u.rsplit('/', 1)[1] for u in urls]}, {len(failures)} failure(s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    wrong = 0
    with tempfile.TemporaryDirectory() as folder:
        for trial in range(args.runs):
            problem = one_run(Path(folder), trial, rng)
            if problem:
                wrong += 1
                print("wrong:", problem)
    print(f"{args.runs - wrong} of {args.runs} runs right")


if __name__ == "__main__":
    main()
