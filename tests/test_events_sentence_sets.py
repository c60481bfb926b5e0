"""The sentence-level event sets on NewsMTSC are well formed: ids are a prefix of the part's
selection order, offsets point at their trigger, types are PLOVER's, and the actor and target
phrases are words of the sentence. The texts are read from the shared eval directory."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

from newsgraph.stages.events.lexicon import EVENT_TYPES
from tests.conftest import EVAL

ROOT = Path(__file__).resolve().parents[1]
DEV_MT = EVAL / "sentiment" / "newsmtsc_dev_mt.jsonl"
SETS = {"check": ROOT / "src" / "newsgraph" / "data" / "events_sentences_newsmtsc_check.jsonl"}
TRAIN = EVAL / "sentiment" / "newsmtsc_train.jsonl"
# Training ranges of NewsMTSC's train split: file name -> how many keys of the order it skips.
TRAIN_SETS = {"events_sentences_newsmtsc_train_a.jsonl": 0,
              "events_sentences_newsmtsc_train_b.jsonl": 1000,
              "events_sentences_newsmtsc_train_c.jsonl": 2000,
              "events_sentences_newsmtsc_train_d.jsonl": 3000,
              "events_sentences_newsmtsc_train_e.jsonl": 4000,
              "events_sentences_newsmtsc_train_f.jsonl": 5000,
              "events_sentences_newsmtsc_train_g.jsonl": 6000}


def _selection():
    spec = importlib.util.spec_from_file_location(
        "select_events_newsmtsc", ROOT / "scripts" / "select_events_newsmtsc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _problems(rows: list[dict], texts: dict[str, str], keys: list[str]) -> list[str]:
    """Every way the rows break the format, as readable lines (empty when well formed)."""
    found = []
    if [row["id"] for row in rows] != keys[:len(rows)]:
        found.append("ids are not a prefix of the selection order")
    for row in rows:
        text = texts.get(row["id"], "")
        for event in row["events"]:
            where = f"{row['id']} {event.get('trigger')!r}"
            if not 0 <= event["start"] < event["end"] <= len(text) \
                    or text[event["start"]:event["end"]] != event["trigger"]:
                found.append(f"{where}: offsets do not give the trigger")
            if event["type"] not in EVENT_TYPES:
                found.append(f"{where}: {event['type']} is not a PLOVER type")
            for role in ("actor", "target"):
                phrase = event[role]
                if phrase is not None and any(part not in text for part in phrase.split(" | ")):
                    found.append(f"{where}: {role} {phrase!r} is not in the sentence")
    return found


def test_the_checker_finds_each_kind_of_fault():
    text = "The council of Orvik condemned the port authority on Monday."
    keys = ["b", "a"]
    good = {"id": "b", "events": [{"start": 21, "end": 30, "trigger": "condemned",
                                   "type": "ACCUSE", "actor": "The council of Orvik | Orvik",
                                   "target": "the port authority"}]}
    assert _problems([good], {"b": text}, keys) == []
    assert _problems([{"id": "a", "events": []}], {"a": text}, keys) \
        == ["ids are not a prefix of the selection order"]
    shifted = {**good, "events": [{**good["events"][0], "start": 22, "end": 31,
                                   "type": "CONDEMN", "target": "the harbour"}]}
    assert _problems([shifted], {"b": text}, keys) == [
        "b 'condemned': offsets do not give the trigger",
        "b 'condemned': CONDEMN is not a PLOVER type",
        "b 'condemned': target 'the harbour' is not in the sentence"]


@pytest.mark.parametrize("part", sorted(SETS))
def test_a_newsmtsc_set_is_well_formed(part):
    if not DEV_MT.exists():
        pytest.skip("the shared eval directory is not here")
    texts = {}
    with DEV_MT.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            texts[record["primary_gid"]] = record["sentence_normalized"]
    selection = _selection()
    keys = [key for key in selection.ordered_keys(DEV_MT) if selection.part_of(key) == part]
    rows = [json.loads(line) for line in SETS[part].read_text(encoding="utf-8").splitlines()]
    assert rows and _problems(rows, texts, keys) == []
    assert all(hashlib.sha1(row["id"].encode()).hexdigest()[-1] in "13579bdf" for row in rows) \
        == (part == "check")


def _texts(path: Path) -> dict[str, str]:
    texts: dict[str, str] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            texts.setdefault(record["primary_gid"], record["sentence_normalized"])
    return texts


@pytest.mark.parametrize("name", sorted(TRAIN_SETS))
def test_a_newsmtsc_training_range_is_well_formed(name):
    """A training range follows the train order from its start, leaving out only sentences
    whose text is also in dev_mt or repeats one already in the range."""
    path = ROOT / "src" / "newsgraph" / "data" / name
    if not TRAIN.exists() or not DEV_MT.exists():
        pytest.skip("the shared eval directory is not here")
    if not path.exists():
        pytest.skip(f"{name} is not written yet")
    texts = _texts(TRAIN)
    held_out = set(_texts(DEV_MT).values())
    order = _selection().ordered_keys(TRAIN)[TRAIN_SETS[name]:]
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    keys, seen = [], set()
    for key in order[:2 * len(rows) + 10]:
        if texts[key] not in held_out and texts[key] not in seen:
            keys.append(key)
        seen.add(texts[key])
    assert rows and _problems(rows, texts, keys) == []
