"""Two real GDELT clients read newsgraph's Events, Mentions and GKG exports (issue 19).

    nice python benchmarks/bench_gdelt_clients.py ../shared/eval/quotes/polnear_dev.jsonl \
        [--work DIR] [--json OUT.json]

The articles (`{"id","text"}` JSONL; the publish day is taken from a `YYYY-MM-DD` in the id,
the URL from `url` or `meta.url` where given) are analysed and stored with `newsgraph ingest`
in a SQLite store under `--work` (a temporary folder by default; articles already stored there
are not analysed again), exported with newsgraph's own exporters, and given to:

- gdeltPyR (PyPI `gdelt`): `gdelt(version=2).Search(day, table=...)` for events, mentions and
  gkg. It fetches GDELT's zipped 15-minute files over HTTP; here `requests.get` hands it our
  files, zipped, instead, and the package is imported from a copy with its column tables beside
  it (its wheel puts them where it does not look, and it fetches them at import otherwise).
- gdelt-py (PyPI `gdelt-py`, module `py_gdelt`): its Events, Mentions and GKG parsers, each row
  turned into its public model (`from_raw`).

Nothing is downloaded. For each client and table it reports the rows written, the rows parsed
and the rows whose key columns hold exactly what we wrote under that codebook column. The exit
status is 1 when a row is not parsed or a checked value is not where we wrote it.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import io
import json
import logging
import math
import numbers
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from newsgraph.export import export
from newsgraph.export.gdelt_events import COLUMNS as EVENT_COLUMNS
from newsgraph.export.gdelt_mentions import COLUMNS as MENTION_COLUMNS
from newsgraph.export.gkg import COLUMNS as GKG_COLUMNS
from newsgraph.store import Store

TABLES = ("events", "mentions", "gkg")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
INTEGER = re.compile(r"-?\d+")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
#: Codebook columns whose values are compared, per table (GKG tone: its seven numbers).
CHECKED = {
    "events": ("GlobalEventID", "Actor1Name", "EventCode", "GoldsteinScale", "AvgTone",
               "SOURCEURL"),
    "mentions": ("GlobalEventID", "MentionIdentifier"),
    "gkg": ("GKGRECORDID", "V2ENHANCEDLOCATIONS", "V2ENHANCEDPERSONS", "V1.5TONE"),
}
COLUMNS = {"events": EVENT_COLUMNS, "mentions": MENTION_COLUMNS, "gkg": GKG_COLUMNS}
Key = tuple[str, ...]


# --- normalising values so the clients' types compare with the text we wrote ---------------

def _scalar(value: object) -> str:
    """A cell as text: empty for None or NaN, numbers in one form (1 == 1.0 == "1.0");
    integers exactly (a client that reads an 18-digit event id as a float does not match)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, numbers.Integral) or (isinstance(value, str)
                                               and INTEGER.fullmatch(value)):
        return str(int(value))
    if isinstance(value, numbers.Real) or (isinstance(value, str) and NUMBER.fullmatch(value)):
        number = float(value)
        if number.is_integer() and abs(number) < 2**53:
            return str(int(number))
        return repr(round(number, 6))
    return str(value)


def _names(value: str, field: int) -> str:
    """The names of a V2 enhanced block list (`;` between blocks): field `field` of each,
    the blocks split on `#` (locations) or on the last `,` (persons: name,offset)."""
    names = []
    for block in filter(None, value.split(";")):
        if field < 0:
            names.append(block.rsplit(",", 1)[0])
        else:
            parts = block.split("#")
            names.append(parts[field] if field < len(parts) else block)
    return "|".join(names)


def _tone(value: str) -> str:
    return "|".join(_scalar(number) for number in value.split(",")) if value else ""


def written_key(table: str, row: list[str]) -> Key:
    """The checked values of one row as we wrote it."""
    cell = dict(zip(COLUMNS[table], row, strict=True))
    if table == "events":
        return tuple(cell[name] if name in ("Actor1Name", "SOURCEURL") else
                     cell[name].zfill(3) if name == "EventCode" else _scalar(cell[name])
                     for name in CHECKED[table])
    if table == "mentions":
        return (_scalar(cell["GlobalEventID"]), cell["MentionIdentifier"])
    return (cell["GKGRECORDID"], _names(cell["V2ENHANCEDLOCATIONS"], 1),
            _names(cell["V2ENHANCEDPERSONS"], -1), _tone(cell["V1.5TONE"]))


# --- the exports --------------------------------------------------------------------------

def articles_file(gold: Path, work: Path) -> tuple[Path, int]:
    """`{"id","text","published","url"}` lines of the gold file's articles: the day from the
    id (`YYYY-MM-DD` in it, else none), the URL where the record gives one (`url`,
    `meta.url`)."""
    path = work / "articles.jsonl"
    count = 0
    with gold.open(encoding="utf-8") as lines, path.open("w", encoding="utf-8") as out:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            meta = record.get("meta") or {}
            day = DAY.search(record["id"])
            out.write(json.dumps({"id": record["id"], "text": record["text"],
                                  "published": day.group(0) if day else None,
                                  "url": record.get("url") or meta.get("url")}) + "\n")
            count += 1
    return path, count


def ingest(articles: Path, db: Path) -> float:
    """`newsgraph ingest` of the articles into the store; wall seconds."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newsgraph", "ingest", str(articles), "--db", str(db)],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def export_all(db: Path, work: Path) -> dict[str, Path]:
    """Events, Mentions and GKG files of the store, by newsgraph's exporters."""
    files = {}
    with Store.open(str(db)) as store:
        for table in TABLES:
            files[table] = work / f"dev.{table}"
            export(store, table, files[table])
    return files


def read_rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


# --- gdeltPyR -----------------------------------------------------------------------------

def import_gdeltpyr(work: Path) -> Any:
    """gdeltPyR imported from a copy with its column tables (`data/`) beside the package."""
    spec = importlib.util.find_spec("gdelt")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("gdeltPyR (PyPI `gdelt`) is not installed")
    package = Path(next(iter(spec.submodule_search_locations)))
    data = next((folder for folder in (package.parent / "data", Path(sys.prefix) / "data")
                 if (folder / "cameoCodes.json").exists()), None)
    if data is None:
        raise SystemExit("gdeltPyR's data files are not installed")
    root = work / "gdeltpyr"
    if not root.exists():
        shutil.copytree(package, root / "gdelt", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(data, root / "data")
    sys.path.insert(0, str(root))
    return importlib.import_module("gdelt")


def zipped(path: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(path, arcname="export.CSV")
    return buffer.getvalue()


def gdeltpyr_frames(files: dict[str, Path], day: str, work: Path) -> dict[str, Any]:
    """gdeltPyR's data frame of each table, its HTTP fetch answered with our zipped file;
    the error, as text, for a table it fails to read."""
    gdelt = import_gdeltpyr(work)
    import requests

    endings = {".export.CSV.zip": "events", ".mentions.CSV.zip": "mentions",
               ".gkg.csv.zip": "gkg"}
    asked: list[str] = []

    def local_get(url: str, **_: object) -> SimpleNamespace:
        asked.append(url)
        (table,) = [table for ending, table in endings.items() if url.endswith(ending)]
        return SimpleNamespace(status_code=200, content=zipped(files[table]))

    real_get, requests.get = requests.get, local_get
    frames: dict[str, Any] = {}
    try:
        client = gdelt.gdelt(version=2)
        for table in TABLES:
            try:
                frames[table] = client.Search(day, table=table, output="df")
            except Exception as error:  # the client failing on a file is a finding
                frames[table] = f"{type(error).__name__}: {error}"
    finally:
        requests.get = real_get
    if len(asked) != len(TABLES):
        raise SystemExit(f"gdeltPyR asked for {len(asked)} files, not one per table: {asked}")
    return frames


def _frame_column(frame: Any, names: Iterable[str]) -> str:
    """The first of `names` that is a column of the frame (gdeltPyR's spelling varies)."""
    lower = {str(column).lower(): column for column in frame.columns}
    for name in names:
        if name.lower() in lower:
            return lower[name.lower()]
    raise KeyError(f"none of {list(names)} in {list(frame.columns)}")


#: gdeltPyR's column names for our codebook columns, where they differ.
GDELTPYR_NAMES = {
    "GlobalEventID": ("GLOBALEVENTID",),
    "V2ENHANCEDLOCATIONS": ("V2Locations", "V2ENHANCEDLOCATIONS"),
    "V2ENHANCEDPERSONS": ("V2Persons", "V2ENHANCEDPERSONS"),
    "V1.5TONE": ("V2Tone", "V1.5TONE", "TONE"),
}


def gdeltpyr_keys(table: str, frame: Any) -> list[Key]:
    """The checked values of each row gdeltPyR parsed, read from its columns."""
    columns = {name: _frame_column(frame, GDELTPYR_NAMES.get(name, (name,)))
               for name in CHECKED[table]}
    keys = []
    for _, row in frame.iterrows():
        value = {name: row[column] for name, column in columns.items()}
        if table == "events":
            keys.append(tuple(
                ("" if _scalar(value[name]) == "" else str(value[name]))
                if name in ("Actor1Name", "SOURCEURL") else
                str(value[name]).zfill(3) if name == "EventCode" else _scalar(value[name])
                for name in CHECKED[table]))
        elif table == "mentions":
            keys.append((_scalar(value["GlobalEventID"]),
                         "" if _scalar(value["MentionIdentifier"]) == ""
                         else str(value["MentionIdentifier"])))
        else:
            text = {name: "" if _scalar(v) == "" else str(v) for name, v in value.items()}
            keys.append((text["GKGRECORDID"], _names(text["V2ENHANCEDLOCATIONS"], 1),
                         _names(text["V2ENHANCEDPERSONS"], -1), _tone(text["V1.5TONE"])))
    return keys


# --- gdelt-py -----------------------------------------------------------------------------

class _Warnings(logging.Handler):
    """Counts the client's warnings by message (it logs and skips rows it cannot read)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        head, _, rest = record.getMessage().partition(":")
        kind = re.sub(r"\d+", "N", head)  # its kind, not the row's text (quotes, names)
        if kind.startswith("Skipping malformed line"):
            kind += f": {rest.strip()[:80]}"  # the reason it gives for skipping a row
        self.seen[kind] += 1


def gdelt_py_keys(files: dict[str, Path]) -> tuple[dict[str, list[Key]], dict[str, Counter]]:
    """gdelt-py's models of each row (parser, then `from_raw`), as checked values; and the
    warnings it logged, per table. A row its model rejects is not counted as parsed."""
    from py_gdelt.models.events import Event, Mention
    from py_gdelt.models.gkg import GKGRecord
    from py_gdelt.parsers.events import EventsParser
    from py_gdelt.parsers.gkg import GKGParser
    from py_gdelt.parsers.mentions import MentionsParser

    def event(model: Any) -> Key:
        return (_scalar(model.global_event_id), model.actor1.name or "" if model.actor1 else "",
                model.event_code.zfill(3), _scalar(model.goldstein_scale),
                _scalar(model.avg_tone), model.source_url or "")

    def mention(model: Any) -> Key:
        return (_scalar(model.global_event_id), model.identifier)

    def gkg(model: Any) -> Key:
        tone = model.tone
        scores = ("" if tone is None else "|".join(_scalar(getattr(tone, name)) for name in (
            "tone", "positive_score", "negative_score", "polarity", "activity_reference_density",
            "self_group_reference_density", "word_count")))
        return (model.record_id, "|".join(place.name or "" for place in model.locations),
                "|".join(person.name for person in model.persons), scores)

    readers: dict[str, tuple[Any, Callable[[Any], Any], Callable[[Any], Key]]] = {
        "events": (EventsParser(), Event.from_raw, event),
        "mentions": (MentionsParser(), Mention.from_raw, mention),
        "gkg": (GKGParser(), GKGRecord.from_raw, gkg),
    }
    keys: dict[str, list[Key]] = {}
    warned: dict[str, Counter] = {}
    logger = logging.getLogger("py_gdelt")
    logger.setLevel(logging.WARNING)
    logger.propagate = False  # counted here, not printed row by row
    for table, (parser, model_of, key) in readers.items():
        handler = _Warnings()
        logger.addHandler(handler)
        keys[table] = []
        try:
            for raw in parser.parse(files[table].read_bytes()):
                try:
                    keys[table].append(key(model_of(raw)))
                except Exception as error:  # a rejected row is a finding
                    handler.seen[f"model rejected a row: {type(error).__name__}"] += 1
        except Exception as error:  # so is a file the parser refuses
            handler.seen[f"file refused: {type(error).__name__}: {str(error)[:80]}"] += 1
        finally:
            logger.removeHandler(handler)
        warned[table] = handler.seen
    return keys, warned


# --- the comparison -----------------------------------------------------------------------

def compare(written: list[Key], parsed: list[Key]) -> dict[str, Any]:
    """Rows written, parsed, and parsed with every checked value as written (each written
    row matched at most once)."""
    left = Counter(written)
    in_place = 0
    wrong: list[Key] = []
    for key in parsed:
        if left[key] > 0:
            left[key] -= 1
            in_place += 1
        else:
            wrong.append(key)
    return {"written": len(written), "parsed": len(parsed), "values_in_place": in_place,
            "misplaced_examples": [list(key) for key in wrong[:3]]}


def measure(gold: Path, work: Path, day: str) -> dict[str, Any]:
    """Ingest, export and read back with both clients; the figures per client and table."""
    articles, count = articles_file(gold, work)
    seconds = ingest(articles, work / "dev.db")
    files = export_all(work / "dev.db", work)
    tables = {table: read_rows(files[table]) for table in TABLES}
    written = {table: [written_key(table, row) for row in rows] for table, rows in tables.items()}
    frames = gdeltpyr_frames(files, day, work)
    py_keys, py_warned = gdelt_py_keys(files)
    results: dict[str, Any] = {
        "articles": count, "ingest_seconds": round(seconds, 1),
        "columns_written": {table: sorted({len(row) for row in rows})
                            for table, rows in tables.items()},
        # pandas (gdeltPyR) takes a cell that begins with '"' for a quoted one
        "cells_beginning_with_a_double_quote": {
            table: sum(cell.startswith('"') for row in rows for cell in row)
            for table, rows in tables.items()},
        "clients": {"gdeltPyR": {}, "gdelt-py": {}}}
    for table in TABLES:
        frame = frames[table]
        if isinstance(frame, str):
            pyr = compare(written[table], [])
            pyr["error"] = frame
        else:
            pyr = compare(written[table], gdeltpyr_keys(table, frame))
            pyr["columns"] = len(frame.columns)
        results["clients"]["gdeltPyR"][table] = pyr
        gpy = compare(written[table], py_keys[table])
        gpy["warnings"] = dict(py_warned[table])
        results["clients"]["gdelt-py"][table] = gpy
    return results


def report(results: dict[str, Any]) -> bool:
    """Print the table; True when every row was parsed with its values in place."""
    print(f"{results['articles']} articles; ingest {results['ingest_seconds']} s wall; "
          f"columns written {results['columns_written']}; cells beginning with a double quote "
          f"{results['cells_beginning_with_a_double_quote']}")
    print(f"{'client':<10} {'table':<9} {'written':>8} {'parsed':>8} {'in place':>9}")
    ok = True
    for client, tables in results["clients"].items():
        for table, figures in tables.items():
            print(f"{client:<10} {table:<9} {figures['written']:>8} {figures['parsed']:>8} "
                  f"{figures['values_in_place']:>9}")
            ok &= figures["written"] == figures["parsed"] == figures["values_in_place"]
            if "error" in figures:
                print(f"    failed: {figures['error'][:200]}")
            for message, times in figures.get("warnings", {}).items():
                print(f"    {times} x {message}")
            for example in figures["misplaced_examples"]:
                print(f"    not as written: {example}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help='JSONL of {"id","text"} articles')
    parser.add_argument("--work", type=Path,
                        help="folder for the store and exports (default: a temporary one)")
    parser.add_argument("--day", default="2016 09 12",
                        help="the date given to gdeltPyR's Search (any day: it fetches one "
                             "file per table, answered with ours)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="bench-gdelt-") as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        results = measure(args.gold, work, args.day)
    ok = report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
