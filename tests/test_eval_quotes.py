"""The quote scorer (`newsgraph.eval.quotes`) and `newsgraph eval quotes`.

Hand-written gold/prediction records pin each metric rule; a parity test runs the
gold set's reference scorer on perturbed predictions and expects identical numbers.
None of this depends on how well the quote stage does.
"""

from __future__ import annotations

import itertools
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.eval.quotes import (
    ScoringError,
    is_enclosed,
    last_word,
    match_spans,
    prediction_record,
    score_quotes,
    speaker_correct,
    trimmed,
)
from newsgraph.model import Article, Quote, SpeakerRef

from .conftest import EVAL

REFERENCE_DIR = EVAL / "quotes"
REFERENCE_SCORER = REFERENCE_DIR / "score_quotes.py"
REFERENCE_GOLD = REFERENCE_DIR / "polnear_dev.jsonl"

TEXT = (
    "Mayor Ana Ruiz said the budget was final. "          # 0..42
    "“We will not raise taxes,” she said. "                # 42..79
    "Critics called it a “fantasy” budget."                # 79..
)
CONTENT = TEXT.index("the budget")  # indirect content: "the budget was final"
DIRECT = TEXT.index("We will")      # direct content without marks
RUIZ = TEXT.index("Mayor")
SHE = TEXT.index("she")


def span(phrase: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(phrase, after)
    return start, start + len(phrase)


def gold_record(quotes: list[dict], doc_id: str = "a", text: str = TEXT) -> dict:
    return {"id": doc_id, "text": text, "quotes": quotes}


def gq(start: int, end: int, speaker: tuple[int, int] | None = None, direct: bool = False,
       text: str = TEXT) -> dict:
    spk = None if speaker is None else \
        {"start": speaker[0], "end": speaker[1], "text": text[speaker[0]:speaker[1]]}
    return {"start": start, "end": end, "speaker": spk, "direct": direct}


def pq(start: int, end: int, speaker: dict | tuple[int, int] | None = None) -> dict:
    if isinstance(speaker, tuple):
        speaker = {"start": speaker[0], "end": speaker[1], "text": TEXT[speaker[0]:speaker[1]]}
    return {"start": start, "end": end, "speaker": speaker}


GOLD_INDIRECT = gq(*span("the budget was final"), speaker=span("Mayor Ana Ruiz"))
GOLD_DIRECT = gq(*span("“We will not raise taxes,”"), speaker=span("she"), direct=True)


# -- span rules ----------------------------------------------------------------------------


def test_overlap_needs_half_of_the_shorter_span() -> None:
    assert match_spans([(0, 10)], [(5, 30)]) == [(0, 0)]      # 5 of 10 shared
    assert match_spans([(0, 10)], [(6, 30)]) == []            # 4 of 10
    assert match_spans([(0, 10)], [(10, 20)]) == []           # touching only
    assert match_spans([(0, 10)], [(3, 3)]) == []             # empty prediction


def test_matching_is_one_to_one_and_greedy_by_ratio() -> None:
    # both predictions overlap gold 0; the one covering more of itself wins
    assert match_spans([(0, 100)], [(40, 140), (10, 30)]) == [(0, 1)]
    # a prediction goes to the gold quote it overlaps best, the other gold stays free
    assert match_spans([(0, 20), (10, 100)], [(10, 20)]) == [(0, 0)]
    # equal ratio: more shared characters, then gold order
    assert match_spans([(0, 10), (0, 40)], [(0, 40)]) == [(1, 0)]
    assert match_spans([(0, 10), (0, 10)], [(0, 10)]) == [(0, 0)]


def test_trim_cuts_whitespace_and_quotation_marks() -> None:
    text = " “‘Hello,’ ” rest"
    assert trimmed(text, 0, 12) == (3, 9)
    assert trimmed(text, 0, 2) == (2, 2)


def test_enclosed_rule() -> None:
    assert is_enclosed(TEXT, *span("We will not raise taxes"))     # marks around, comma
    assert is_enclosed(TEXT, *span("“We will not raise taxes,”"))
    assert is_enclosed(TEXT, *span("fantasy"))
    assert not is_enclosed(TEXT, *span("the budget was final"))
    text = 'He said "no."'
    assert is_enclosed(text, text.index("no"), text.index("no") + 2)  # '.' then mark
    assert not is_enclosed('a " b', 2, 3)                               # a lone mark
    mixed = "she vowed to “fight for you.”"
    assert not is_enclosed(mixed, mixed.index("to"), len(mixed))


def test_last_word() -> None:
    assert last_word("President Barack Obama") == "obama"
    assert last_word("Trump's") == "trump"
    assert last_word("the Joneses’") == "joneses"
    assert last_word("U.S.") == "u.s"
    assert last_word("--") is None
    assert last_word(None) is None


def test_speaker_rule() -> None:
    gold = {"start": RUIZ, "end": RUIZ + 14, "text": "Mayor Ana Ruiz"}
    assert speaker_correct(gold, {"start": RUIZ + 6, "end": RUIZ + 9}, TEXT)  # overlap
    assert speaker_correct(gold, {"text": "Ms. Ruiz"}, TEXT)                  # last word
    assert speaker_correct(gold, {"start": SHE, "end": SHE + 3, "text": "ruiz"}, TEXT)
    assert not speaker_correct(gold, {"text": "she"}, TEXT)                   # unresolved
    assert not speaker_correct(gold, None, TEXT)
    pronoun = {"start": SHE, "end": SHE + 3, "text": "she"}
    assert not speaker_correct(pronoun, {"text": "Mayor Ana Ruiz"}, TEXT)
    assert speaker_correct(pronoun, {"start": SHE, "end": SHE + 3}, TEXT)     # text from span
    fragmented = {"start": 0, "end": 30, "text": "x", "fragments": [[0, 5], [25, 30]]}
    assert not speaker_correct(fragmented, {"start": 10, "end": 20, "text": "y"}, TEXT)
    assert speaker_correct(fragmented, {"start": 28, "end": 40, "text": "y"}, TEXT)
    assert speaker_correct(None, None, TEXT)
    assert not speaker_correct(None, {"text": "she"}, TEXT)
    assert speaker_correct(None, {"text": "she"}, TEXT, null_speaker="ignore")


# -- scores --------------------------------------------------------------------------------


def test_perfect_predictions() -> None:
    gold = [gold_record([GOLD_INDIRECT, GOLD_DIRECT])]
    pred = [{"id": "a", "quotes": [pq(*span("the budget was final"), span("Ana Ruiz")),
                                   pq(*span("We will not raise taxes,"), {"text": "She"})]}]
    scores = score_quotes(gold, pred)
    assert (scores.n_gold, scores.n_pred, scores.tp_overlap) == (2, 2, 2)
    assert scores.tp_exact == 2  # the gold's quotation marks are stripped, the comma is not
    assert scores.speaker_acc == 1.0 and scores.joint_f1 == 1.0 and scores.overlap_f1 == 1.0
    pred[0]["quotes"][1] = pq(*span("We will not raise taxes"), {"text": "She"})
    assert score_quotes(gold, pred).tp_exact == 1


def test_exact_is_stricter_than_overlap() -> None:
    start, end = span("the budget was final")
    pred = [{"id": "a", "quotes": [pq(start, end - 6, span("Mayor Ana Ruiz"))]}]
    scores = score_quotes([gold_record([GOLD_INDIRECT])], pred)
    assert (scores.tp_overlap, scores.tp_exact, scores.tp_joint) == (1, 0, 1)
    assert scores.exact_f1 == 0.0 and scores.overlap_f1 == 1.0


def test_wrong_speaker_costs_joint_not_overlap() -> None:
    pred = [{"id": "a", "quotes": [pq(*span("the budget was final"), {"text": "Critics"})]}]
    scores = score_quotes([gold_record([GOLD_INDIRECT])], pred)
    assert scores.overlap_f1 == 1.0
    assert (scores.spk_total, scores.spk_correct, scores.tp_joint) == (1, 0, 0)


def test_split_quote_is_one_match_and_a_false_positive_unless_allowed() -> None:
    text = "“One thing,” she said. “And another thing.”"
    gold = [gold_record([gq(1, len(text) - 1, (13, 16), direct=True, text=text)], text=text)]
    pred = [{"id": "a", "quotes": [{"start": 1, "end": 10, "speaker": {"text": "she"}},
                                   {"start": 24, "end": 42, "speaker": {"text": "she"}}]}]
    strict = score_quotes(gold, pred)
    assert (strict.n_pred, strict.tp_overlap) == (2, 1)
    assert strict.figures("overlap")[0] == 0.5
    forgiving = score_quotes(gold, pred, allow_split=True)
    assert (forgiving.n_pred, forgiving.tp_overlap, forgiving.split_preds_ignored) == (1, 1, 1)
    assert forgiving.overlap_f1 == 1.0


def test_null_gold_speaker_modes() -> None:
    gold = [gold_record([gq(*span("the budget was final"))])]
    named = [{"id": "a", "quotes": [pq(*span("the budget was final"), span("Mayor Ana Ruiz"))]}]
    silent = [{"id": "a", "quotes": [pq(*span("the budget was final"))]}]
    assert score_quotes(gold, named).tp_joint == 0
    assert score_quotes(gold, named, null_speaker="ignore").tp_joint == 1
    assert score_quotes(gold, silent).tp_joint == 1
    scores = score_quotes(gold, named)
    assert (scores.spk_total, scores.matched_null_speaker, scores.speaker_acc) == (0, 1, 0.0)
    with pytest.raises(ValueError):
        score_quotes(gold, named, null_speaker="lenient")  # type: ignore[arg-type]


def test_direct_only_scope() -> None:
    gold = [gold_record([GOLD_INDIRECT, GOLD_DIRECT])]
    pred = [{"id": "a", "quotes": [
        pq(*span("the budget was final"), span("Mayor Ana Ruiz")),  # matches indirect: dropped
        pq(*span("We will not raise taxes"), span("she")),            # direct match
        pq(*span("fantasy")),                                          # in marks: false positive
        pq(*span("Critics called it")),                                # unmatched, bare: dropped
    ]}]
    scores = score_quotes(gold, pred, direct_only=True)
    assert (scores.n_gold, scores.n_pred, scores.tp_overlap) == (1, 2, 1)
    assert scores.dropped_pred_direct_only == 2
    assert scores.figures("overlap") == (0.5, 1.0, pytest.approx(2 / 3))
    everything = score_quotes(gold, pred)
    assert (everything.n_gold, everything.n_pred, everything.tp_overlap) == (2, 4, 2)


def test_documents_ids_and_bad_predictions() -> None:
    gold = [gold_record([GOLD_INDIRECT], "a"), gold_record([GOLD_DIRECT], "b")]
    pred = [{"id": "a", "quotes": [pq(*span("the budget was final"), span("Ruiz"))]},
            {"id": "a", "quotes": []}, {"id": "zzz", "quotes": [pq(0, 5)]}]
    scores = score_quotes(gold, pred)
    assert (scores.docs, scores.docs_without_pred, scores.pred_duplicate_ids) == (2, 1, 1)
    assert scores.unknown_ids == ["zzz"] and scores.pred_docs_not_in_gold == 1
    assert (scores.n_gold, scores.n_pred, scores.tp_overlap) == (2, 1, 1)
    assert scores.figures("overlap") == (1.0, 0.5, pytest.approx(2 / 3))
    clipped = score_quotes(gold[:1], [{"id": "a", "quotes": [{"start": -5, "end": 10**6}]}])
    assert clipped.n_pred == 1
    with pytest.raises(ScoringError):
        score_quotes(gold, [{"id": "a", "quotes": [{"start": 1}]}])
    assert score_quotes([], []).overlap_f1 == 0.0


def test_prediction_record_from_an_article() -> None:
    start, end = span("We will not raise taxes")
    article = Article(id="x", text=TEXT, quotes=[
        Quote(start=start, end=end, text=TEXT[start:end], direct=True,
              speaker=SpeakerRef(start=SHE, end=SHE + 3, text="she", entity="e1")),
        Quote(start=CONTENT, end=CONTENT + 20, text=TEXT[CONTENT:CONTENT + 20], direct=False),
    ])
    record = prediction_record(article, "gold-id")
    assert record["id"] == "gold-id"
    assert record["quotes"][0] == {"start": start, "end": end, "direct": True,
                                   "speaker": {"start": SHE, "end": SHE + 3, "text": "she",
                                               "entity": "e1"}}
    assert record["quotes"][1]["speaker"] is None
    assert score_quotes([gold_record([GOLD_INDIRECT, GOLD_DIRECT], "gold-id")],
                        [record]).tp_overlap == 2


# -- the command ---------------------------------------------------------------------------

runner = CliRunner()


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def test_cli_scores_a_prediction_file(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", [gold_record([GOLD_INDIRECT, GOLD_DIRECT])])
    pred = write_jsonl(tmp_path / "pred.jsonl", [{"id": "a", "quotes": [
        pq(*span("We will not raise taxes"), span("she"))]}])
    result = runner.invoke(app, ["eval", "quotes", str(gold), "--pred", str(pred), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["modes"]["all"]["overlap_p"] == 1.0 and out["modes"]["all"]["overlap_r"] == 0.5
    assert out["modes"]["direct_only"]["overlap_f1"] == 1.0
    table = runner.invoke(app, ["eval", "quotes", str(gold), "--pred", str(pred)])
    assert table.exit_code == 0, table.output
    assert "all attributions" in table.stdout and "direct only" in table.stdout
    only = runner.invoke(app, ["eval", "quotes", str(gold), "--pred", str(pred), "--direct-only",
                               "--json", "--allow-split", "--null-speaker", "ignore"])
    assert list(json.loads(only.stdout)["modes"]) == ["direct_only"]
    assert json.loads(only.stdout)["allow_split"] is True


def test_cli_rejects_bad_gold(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a"}\n', encoding="utf-8")
    assert runner.invoke(app, ["eval", "quotes", str(bad), "--pred", str(bad)]).exit_code == 2
    bad.write_text("{not json\n", encoding="utf-8")
    assert runner.invoke(app, ["eval", "quotes", str(bad)]).exit_code == 2


def test_cli_runs_newsgraph_on_the_unchanged_text(tmp_path: Path) -> None:
    text = "Page 1 of 2\nShare this article\n\n" + TEXT + "\n\n\n"  # chrome stays: no cleaning
    quotes = [gq(*[i + 33 for i in span("We will not raise taxes")], direct=True, text=text)]
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        {"id": "g1", "text": text, "meta": {"publication_date": "2024-05-10"}, "quotes": quotes},
        {"id": "g2", "text": "   ", "quotes": []},
    ])
    out = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["eval", "quotes", str(gold), "--predictions", str(out),
                                 "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["articles"] == 2 and summary["failures"] == 1  # the blank article
    assert summary["articles_per_second"] > 0
    preds = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [p["id"] for p in preds] == ["g1", "g2"]
    for quote in preds[0]["quotes"]:
        assert 0 <= quote["start"] < quote["end"] <= len(text)
        speaker = quote["speaker"]
        if speaker is not None:
            assert text[speaker["start"]:speaker["end"]] == speaker["text"]


# -- parity with the reference scorer ------------------------------------------------------


def perturb(gold: list[dict], seed: int) -> list[dict]:
    """Predictions made from the gold by shifting, dropping, splitting and mislabelling."""
    rng = random.Random(seed)
    out: list[dict] = []
    for number, record in enumerate(gold):
        if number % 9 == 4:
            continue  # a document without a prediction line
        text = record["text"]
        quotes: list[dict] = []
        for quote in record["quotes"]:
            start, end, speaker = quote["start"], quote["end"], quote["speaker"]
            roll = rng.random()
            if roll < 0.1:
                continue  # dropped
            if roll < 0.35:
                start, end = start + rng.randint(-30, 30), end + rng.randint(-30, 30)
            if speaker is not None and rng.random() < 0.3:
                speaker = rng.choice([
                    None, {"text": "he"}, {"text": speaker["text"].upper() + "'s"},
                    {"start": speaker["end"] + 40, "end": speaker["end"] + 55},
                    {"start": speaker["start"] + 1, "end": speaker["start"] + 3, "text": "x"},
                ])
            elif speaker is None and rng.random() < 0.5:
                speaker = {"text": "officials"}
            if 0.35 <= roll < 0.5 and end - start > 20:
                cut = rng.randint(start + 5, end - 5)
                quotes.append({"start": start, "end": cut, "speaker": speaker})
                start = cut + rng.randint(0, 12)
            quotes.append({"start": start, "end": end, "speaker": speaker})
        for _ in range(rng.randint(0, 3)):  # false quotes, some inside marks
            marks = [i for i, c in enumerate(text) if c in "“\""]
            if marks and rng.random() < 0.5:
                start = rng.choice(marks) + 1
            else:
                start = rng.randrange(max(1, len(text) - 50))
            quotes.append({"start": start, "end": start + rng.randint(5, 80),
                           "speaker": rng.choice([None, {"text": "Trump"}])})
        rng.shuffle(quotes)
        out.append({"id": record["id"], "quotes": quotes})
    out.append({"id": out[0]["id"], "quotes": [{"start": 0, "end": 40, "speaker": None}]})
    out.append({"id": "not-in-gold", "quotes": []})
    return out


def reference_scores(gold: Path, pred: Path, args: list[str]) -> dict:
    result = subprocess.run([sys.executable, str(REFERENCE_SCORER), str(gold), str(pred),
                             "--json", *args], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not REFERENCE_SCORER.exists() or not REFERENCE_GOLD.exists(),
                    reason="shared/eval/quotes (reference scorer and gold) not available")
def test_same_numbers_as_the_reference_scorer(tmp_path: Path) -> None:
    lines = REFERENCE_GOLD.read_text(encoding="utf-8").splitlines()[:40]
    gold = [json.loads(line) for line in lines]
    hand_gold = [gold_record([GOLD_INDIRECT, GOLD_DIRECT], "hand")]
    hand_pred = [{"id": "hand", "quotes": [
        pq(*span("the budget was final"), span("Ana Ruiz")), pq(*span("fantasy")),
        pq(*span("We will not"), {"text": "She"}), pq(*span("raise taxes"), None)]}]
    gold_path = write_jsonl(tmp_path / "gold.jsonl", gold + hand_gold)
    for seed in (1, 2):
        pred = perturb(gold, seed) + hand_pred
        pred_path = write_jsonl(tmp_path / f"pred{seed}.jsonl", pred)
        for direct_only, allow_split, null_speaker in itertools.product(
                (False, True), (False, True), ("strict", "ignore")):
            args = ["--null-speaker", null_speaker]
            args += ["--direct-only"] * direct_only + ["--allow-split"] * allow_split
            expected = reference_scores(gold_path, pred_path, args)
            ours = score_quotes(gold + hand_gold, pred, direct_only=direct_only,
                                allow_split=allow_split, null_speaker=null_speaker).to_dict()
            for key, value in ours.items():
                value = round(value, 4) if isinstance(value, float) else value
                assert value == expected[key], (seed, args, key)
            assert ours["tp_overlap"] > 0 and ours["n_pred"] > ours["tp_overlap"]


# -- the benchmark's cleaning for the peer tools --------------------------------------------


def _bench_quotes():
    """benchmarks/bench_quotes.py as a module (loaded once: dataclasses look it up)."""
    import importlib.util

    if "bench_quotes" in sys.modules:
        return sys.modules["bench_quotes"]
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_quotes.py"
    spec = importlib.util.spec_from_file_location("bench_quotes", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_quotes"] = bench
    spec.loader.exec_module(bench)
    return bench


def test_peer_cleaning_maps_back_to_the_original() -> None:
    bench = _bench_quotes()
    text = ("  “First paragraph of a long quote,\n\n \n“and its end,” she said.\u00a0 \n\n"
            "The voters’ choice, ''Hi'' there.\n")
    cleaned = bench.clean_for_peers(text)
    assert cleaned.text == ("“First paragraph of a long quote,”\n“and its end,” she said.\n"
                            'The voters choice, "Hi" there.')
    assert len(cleaned.origin) == len(cleaned.text)
    assert cleaned.origin == sorted(cleaned.origin)
    for at in (cleaned.text.index("she"), cleaned.text.index("First"), cleaned.text.index("Hi")):
        start, end = cleaned.to_original(at, at + 2)
        assert text[start:end] == cleaned.text[at:at + 2]
    # the added closing mark maps to the end of its paragraph
    first = cleaned.text.index("\n")
    assert cleaned.to_original(0, first) == (2, text.index("\n"))


def test_peer_runs_keep_wall_and_cpu_time_and_count_failures() -> None:
    bench = _bench_quotes()
    records = [{"id": "a", "text": "“The bridge opens in May,” the engineer said."},
               {"id": "b", "text": "Nobody spoke.\n\nThe river rose overnight."}]

    def finder(doc):
        if "river" in doc.text:
            raise ValueError("no quote in 2 paragraphs")
        return []

    (run,) = bench.run_peers(records, {"fake": finder})
    assert run.seconds > 0 and run.cpu_seconds > 0
    assert run.articles_per_cpu_second(2) == pytest.approx(2 / run.cpu_seconds)
    assert run.failures == {"ValueError: no quote in N paragraphs": 1}
    assert sum(run.raw_failures.values()) == 1
    assert [p["quotes"] for p in run.predictions] == [[], []]
    gold = [{**record, "quotes": []} for record in records]
    figures = bench.score_runs(gold, [run])["fake"]
    assert figures["cpu_seconds"] > 0 and figures["articles_per_cpu_second"] > 0


def test_unresolved_speakers_are_counted_by_reason() -> None:
    from newsgraph.eval.quotes import unresolved_speakers

    def quote(text: str | None, entity: str | None = None, direct: bool = True) -> dict:
        speaker = None if text is None else {"start": 0, "end": 1, "text": text,
                                             "entity": entity}
        return {"start": 0, "end": 5, "direct": direct, "speaker": speaker}

    counts = unresolved_speakers([{"id": "a", "quotes": [
        quote("she", "e1"), quote(None), quote("we"), quote("he"), quote("the coach"),
        quote("Dana Ross"), quote("they", direct=False)]}])
    assert counts == {"resolved": 1, "no speaker found": 1,
                      "first or second person (I, we, you)": 1, "pronoun not resolved": 1,
                      "description (no named or anonymous entity)": 1,
                      "name without an entity": 1}


def test_unresolved_speakers_are_listed_by_reason() -> None:
    from newsgraph.eval.quotes import unresolved_examples

    def quote(text: str, entity: str | None = None) -> dict:
        return {"start": 0, "end": 5, "direct": True,
                "speaker": {"start": 0, "end": 1, "text": text, "entity": entity}}

    examples = unresolved_examples([{"id": "a", "quotes": [
        quote("They"), quote("they"), quote("the  coach"), quote("Dana Ross"),
        quote("Ann Lee", "e1")]}])
    assert examples["pronoun not resolved"] == {"they": 2}
    assert examples["description (no named or anonymous entity)"] == {"the coach": 1}
    assert examples["name without an entity"] == {"Dana Ross": 1}
    assert sum(examples["no speaker found"].values()) == 0
