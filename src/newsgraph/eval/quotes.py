"""Scoring quotations and their speakers against a gold JSONL file (PolNeAR-style).

Gold lines: ``{"id", "text", "meta": {"publication_date"}, "quotes": [{"start", "end",
"direct", "speaker": {"start", "end", "text", "fragments"?} | null}]}``; prediction
lines: ``{"id", "quotes": [{"start", "end", "speaker": {"start", "end", "text"} | null}]}``,
offsets into the gold text. The semantics follow the gold set's reference scorer
(``score_quotes.py``), re-implemented here:

* **overlap**: a prediction matches a gold quote when the spans share at least half of
  the shorter one; pairs are one-to-one, greedy by overlap ratio, then by shared
  characters, then by gold and prediction order.
* **exact**: spans equal once whitespace and quotation marks are cut from both edges
  (multiset intersection).
* **speaker accuracy**: over overlap pairs whose gold quote has a speaker; right when
  the spans overlap or the last words agree (case-insensitive, possessive cut).
* **joint**: an overlap pair counts only with a right speaker; a gold quote without a
  speaker needs a null prediction (``null_speaker="strict"``) or anything (``"ignore"``).
* ``direct_only``: only gold quotes marked direct are scored; a prediction matched to
  an indirect gold quote is dropped, an unmatched one counts only when its own span is
  enclosed in double marks.
* ``allow_split``: an unmatched prediction overlapping a matched gold quote (same
  50% rule) is a piece of a split quote and is dropped instead of counted.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from newsgraph.eval.runs import PredictionRun, predict_records

if TYPE_CHECKING:
    from newsgraph.model import Article
    from newsgraph.settings import Settings

NullSpeaker = Literal["strict", "ignore"]
SpanPair = tuple[int, int]

#: Characters cut from the edges of a span before the exact comparison.
QUOTATION_MARKS = frozenset("\"'`“”‘’«»„‟‹›")
#: Marks that may open / close a direct quote, and punctuation allowed before the close.
OPENING_MARKS = "“\""
CLOSING_MARKS = "”\""
CLOSING_PUNCT = ",.!?;:…"
INLINE_SPACE = " \t\u00a0"
_WORD = re.compile(r"\w[\w'’.-]*")
_POSSESSIVE = re.compile(r"['’]s$")


class ScoringError(ValueError):
    """A prediction or gold record cannot be scored; the message says which and why."""


# -- span rules ------------------------------------------------------------------------


def is_enclosed(text: str, start: int, end: int) -> bool:
    """True when `text[start:end]` sits in double quotation marks (the gold `direct` rule).

    Left edge: the span's first non-space character is an opening (or closing curly)
    mark, or the nearest character before it, past spaces and tabs, is an opening mark.
    Right edge: the last non-space character is a closing mark, or one follows the span
    after at most two of ``,.!?;:…`` and spaces, or a closing mark precedes the span's
    own trailing punctuation. A lone mark is not a quote.
    """
    inner = text[start:end].strip()
    if not inner:
        return False
    left = inner[0] in OPENING_MARKS or inner[0] == "”"
    if not left:
        before = start - 1
        while before >= 0 and text[before] in INLINE_SPACE:
            before -= 1
        left = before >= 0 and text[before] in OPENING_MARKS
    right = inner[-1] in CLOSING_MARKS
    if not right:
        after, skipped = end, 0
        while after < len(text) and skipped < 2 and text[after] in CLOSING_PUNCT:
            after += 1
            skipped += 1
        while after < len(text) and text[after] in INLINE_SPACE:
            after += 1
        right = after < len(text) and text[after] in CLOSING_MARKS
    if not right:
        core = inner.rstrip(CLOSING_PUNCT)
        right = bool(core) and core[-1] in CLOSING_MARKS
    return left and right and len(inner) > 1


def trimmed(text: str, start: int, end: int) -> SpanPair:
    """`(start, end)` with whitespace and quotation marks cut from both edges."""

    def cut(char: str) -> bool:
        return char.isspace() or char in QUOTATION_MARKS

    while start < end and cut(text[start]):
        start += 1
    while end > start and cut(text[end - 1]):
        end -= 1
    return start, end


def last_word(phrase: str | None) -> str | None:
    """The last word of a speaker phrase, lower-cased, trailing dots/dashes/'s cut."""
    if not phrase:
        return None
    words = _WORD.findall(phrase)
    if not words:
        return None
    word = _POSSESSIVE.sub("", words[-1].lower().rstrip(".-'’"))
    return word or None


def speaker_spans(speaker: Mapping[str, Any] | None) -> list[SpanPair]:
    """The character spans of a speaker: its `fragments`, else `start`/`end`, else none."""
    if not speaker:
        return []
    if speaker.get("fragments"):
        return [(int(a), int(b)) for a, b in speaker["fragments"]]
    if speaker.get("start") is None or speaker.get("end") is None:
        return []
    return [(int(speaker["start"]), int(speaker["end"]))]


def _speaker_text(speaker: Mapping[str, Any], text: str) -> str | None:
    if speaker.get("text") is not None:
        return speaker["text"]
    if speaker.get("start") is not None and speaker.get("end") is not None:
        return text[int(speaker["start"]):int(speaker["end"])]
    return None


def speaker_correct(
    gold: Mapping[str, Any] | None,
    predicted: Mapping[str, Any] | None,
    text: str,
    null_speaker: NullSpeaker = "strict",
) -> bool:
    """Whether `predicted` names the gold speaker (overlap, or the same last word)."""
    if gold is None:
        return null_speaker == "ignore" or predicted is None
    if predicted is None:
        return False
    for g_start, g_end in speaker_spans(gold):
        for p_start, p_end in speaker_spans(predicted):
            if max(g_start, p_start) < min(g_end, p_end):
                return True
    word = last_word(_speaker_text(predicted, text))
    return word is not None and word == last_word(_speaker_text(gold, text))


def match_spans(gold: list[SpanPair], predicted: list[SpanPair]) -> list[SpanPair]:
    """One-to-one `(gold index, predicted index)` pairs sharing ≥ 50% of the shorter span.

    Candidates are taken best first: highest overlap ratio, then most shared
    characters, then lowest gold index, then lowest predicted index.
    """
    candidates: list[tuple[float, int, int, int]] = []
    for g_index, (g_start, g_end) in enumerate(gold):
        for p_index, (p_start, p_end) in enumerate(predicted):
            shared = min(g_end, p_end) - max(g_start, p_start)
            shorter = min(g_end - g_start, p_end - p_start)
            if shared > 0 and shorter > 0 and shared / shorter >= 0.5:
                candidates.append((-(shared / shorter), -shared, g_index, p_index))
    candidates.sort()
    taken_gold: set[int] = set()
    taken_pred: set[int] = set()
    pairs: list[SpanPair] = []
    for _, _, g_index, p_index in candidates:
        if g_index not in taken_gold and p_index not in taken_pred:
            taken_gold.add(g_index)
            taken_pred.add(p_index)
            pairs.append((g_index, p_index))
    return pairs


# -- results -----------------------------------------------------------------------------


def prf(true_positives: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0.0 where undefined)."""
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    total = precision + recall
    return precision, recall, (2 * precision * recall / total if total else 0.0)


@dataclass
class QuoteScores:
    """Micro-averaged counts of one scoring run; the figures are properties over them."""

    direct_only: bool = False
    null_speaker: NullSpeaker = "strict"
    allow_split: bool = False
    docs: int = 0
    docs_without_pred: int = 0
    pred_docs_not_in_gold: int = 0
    pred_duplicate_ids: int = 0
    n_gold: int = 0
    n_pred: int = 0
    tp_overlap: int = 0
    tp_exact: int = 0
    tp_joint: int = 0
    spk_total: int = 0
    spk_correct: int = 0
    matched_null_speaker: int = 0
    dropped_pred_direct_only: int = 0
    split_preds_ignored: int = 0
    unknown_ids: list[str] = field(default_factory=list)

    def figures(self, name: Literal["overlap", "exact", "joint"]) -> tuple[float, float, float]:
        return prf(getattr(self, f"tp_{name}"), self.n_pred, self.n_gold)

    @property
    def overlap_f1(self) -> float:
        return self.figures("overlap")[2]

    @property
    def exact_f1(self) -> float:
        return self.figures("exact")[2]

    @property
    def joint_f1(self) -> float:
        return self.figures("joint")[2]

    @property
    def speaker_acc(self) -> float:
        return self.spk_correct / self.spk_total if self.spk_total else 0.0

    def to_dict(self) -> dict[str, Any]:
        """All counts and figures, under the reference scorer's JSON keys."""
        out = asdict(self)
        out.pop("unknown_ids")
        for name in ("overlap", "exact", "joint"):
            p, r, f = self.figures(name)  # type: ignore[arg-type]
            out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = p, r, f
        out["speaker_acc"] = self.speaker_acc
        return out


# -- scoring -----------------------------------------------------------------------------


def _clean_predictions(raw: Iterable[Any] | None, text: str, doc_id: str) -> list[dict]:
    """Predicted quotes with integer offsets clipped to the text; a bare speaker string
    becomes `{"text": ...}`."""
    out: list[dict] = []
    for quote in raw or []:
        try:
            start, end = int(quote["start"]), int(quote["end"])
        except (KeyError, TypeError, ValueError) as error:
            raise ScoringError(f"{doc_id}: a predicted quote has no integer start/end") \
                from error
        speaker = quote.get("speaker")
        if speaker is not None and not isinstance(speaker, Mapping):
            speaker = {"text": str(speaker)}
        out.append({"start": max(0, start), "end": min(len(text), end), "speaker": speaker})
    return out


def _spans(quotes: list[Mapping[str, Any]]) -> list[SpanPair]:
    return [(int(q["start"]), int(q["end"])) for q in quotes]


def score_quotes(
    gold_records: Iterable[Mapping[str, Any]],
    pred_records: Iterable[Mapping[str, Any]],
    *,
    direct_only: bool = False,
    null_speaker: NullSpeaker = "strict",
    allow_split: bool = False,
) -> QuoteScores:
    """Score predictions against gold; gold articles without a prediction line score as
    "nothing found", prediction lines with an unknown id are listed in `unknown_ids`."""
    if null_speaker not in ("strict", "ignore"):
        raise ValueError(f"null_speaker must be 'strict' or 'ignore', not {null_speaker!r}")
    scores = QuoteScores(direct_only=direct_only, null_speaker=null_speaker,
                         allow_split=allow_split)
    predicted: dict[Any, list] = {}
    for record in pred_records:
        if record.get("id") in predicted:
            scores.pred_duplicate_ids += 1
        predicted.setdefault(record.get("id"), []).extend(record.get("quotes") or [])
    gold_records = list(gold_records)
    gold_ids = {record["id"] for record in gold_records}
    scores.unknown_ids = [doc_id for doc_id in predicted if doc_id not in gold_ids]
    scores.pred_docs_not_in_gold = len(scores.unknown_ids)
    scores.docs = len(gold_records)

    for record in gold_records:
        text: str = record["text"]
        if record["id"] not in predicted:
            scores.docs_without_pred += 1
        preds = _clean_predictions(predicted.get(record["id"]), text, str(record["id"]))
        golds = list(record["quotes"])
        if direct_only:
            matched = {p: g for g, p in match_spans(_spans(golds), _spans(preds))}
            kept = [
                quote for index, quote in enumerate(preds)
                if (bool(golds[matched[index]].get("direct")) if index in matched
                    else is_enclosed(text, quote["start"], quote["end"]))
            ]
            scores.dropped_pred_direct_only += len(preds) - len(kept)
            preds = kept
            golds = [quote for quote in golds if quote.get("direct")]
        pairs = match_spans(_spans(golds), _spans(preds))
        if allow_split and pairs:
            matched_gold = _spans([golds[g] for g, _ in pairs])
            paired = {p for _, p in pairs}
            keep = [index for index, quote in enumerate(preds)
                    if index in paired
                    or not match_spans(matched_gold, [(quote["start"], quote["end"])])]
            scores.split_preds_ignored += len(preds) - len(keep)
            new_index = {old: new for new, old in enumerate(keep)}
            preds = [preds[index] for index in keep]
            pairs = [(g, new_index[p]) for g, p in pairs]

        scores.n_gold += len(golds)
        scores.n_pred += len(preds)
        scores.tp_overlap += len(pairs)
        for g, p in pairs:
            gold_speaker = golds[g].get("speaker")
            right = speaker_correct(gold_speaker, preds[p].get("speaker"), text, null_speaker)
            if gold_speaker is None:
                scores.matched_null_speaker += 1
            else:
                scores.spk_total += 1
                scores.spk_correct += right
            scores.tp_joint += right
        gold_exact = Counter(trimmed(text, int(q["start"]), int(q["end"])) for q in golds)
        pred_exact = Counter(trimmed(text, q["start"], q["end"]) for q in preds)
        scores.tp_exact += sum((gold_exact & pred_exact).values())
    return scores


# -- files and articles ----------------------------------------------------------------


def read_jsonl(path: str | Path, limit: int | None = None) -> list[dict]:
    """The records of a JSONL file (blank lines skipped), at most `limit` of them."""
    records: list[dict] = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if limit is not None and len(records) >= limit:
                break
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ScoringError(f"{path}:{number}: bad JSON: {error}") from error
    return records


def check_gold(records: list[dict], path: str | Path = "<gold>") -> None:
    """Raise `ScoringError` unless every record has an id, a text and a quotes list."""
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict) or "id" not in record or \
                not isinstance(record.get("text"), str) or \
                not isinstance(record.get("quotes"), list):
            raise ScoringError(f"{path}: record {number} is not a gold article "
                               "(needs id, text and a quotes list)")


def publication_date(record: Mapping[str, Any]) -> str | None:
    """The gold record's publish date (`meta.publication_date`), if any."""
    meta = record.get("meta")
    return meta.get("publication_date") if isinstance(meta, Mapping) else None


def prediction_record(article: Article, doc_id: str | None = None) -> dict:
    """The scorer's prediction line for an analysed article."""
    quotes = []
    for quote in article.quotes:
        speaker = quote.speaker
        item: dict[str, Any] = {
            "start": quote.start,
            "end": quote.end,
            "speaker": None if speaker is None else
            {"start": speaker.start, "end": speaker.end, "text": speaker.text,
             "entity": speaker.entity},
            "direct": quote.direct,
        }
        fragments = getattr(quote, "fragments", None)
        if fragments:
            item["fragments"] = [list(fragment) if isinstance(fragment, (list, tuple))
                                 else [fragment.start, fragment.end] for fragment in fragments]
        quotes.append(item)
    return {"id": article.id if doc_id is None else doc_id, "quotes": quotes}


#: Why a predicted speaker has no entity, in the order the reasons are tested.
UNRESOLVED_REASONS = (
    "no speaker found", "first or second person (I, we, you)", "pronoun not resolved",
    "description (no named or anonymous entity)", "name without an entity",
)
_FIRST_SECOND = {"i", "we", "you", "me", "us"}
_PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "who", "which", "that"}


def unresolved_speakers(predictions: Iterable[Mapping[str, Any]],
                        direct_only: bool = True) -> Counter:
    """How many predicted quotes have no speaker entity, by reason; `"resolved"` counts
    the others. Reads the `entity` that `prediction_record` adds to each speaker."""
    counts: Counter = Counter()
    for record in predictions:
        for quote in record.get("quotes") or []:
            if direct_only and not quote.get("direct"):
                continue
            counts[unresolved_reason(quote.get("speaker"))] += 1
    return counts


def unresolved_examples(predictions: Iterable[Mapping[str, Any]],
                        direct_only: bool = True) -> dict[str, Counter]:
    """Which speakers have no entity: reason -> how often each speaker text (folded to
    lower case for pronouns and descriptions) stands for it."""
    examples: dict[str, Counter] = {reason: Counter() for reason in UNRESOLVED_REASONS}
    for record in predictions:
        for quote in record.get("quotes") or []:
            if direct_only and not quote.get("direct"):
                continue
            speaker = quote.get("speaker")
            reason = unresolved_reason(speaker)
            if reason == "resolved" or speaker is None:
                continue
            text = " ".join((speaker.get("text") or "").split())
            examples[reason][text if reason == UNRESOLVED_REASONS[4] else text.lower()] += 1
    return examples


def unresolved_reason(speaker: Mapping[str, Any] | None) -> str:
    """`"resolved"`, or the reason (one of `UNRESOLVED_REASONS`) a speaker has no entity."""
    if speaker is None:
        return UNRESOLVED_REASONS[0]
    if speaker.get("entity"):
        return "resolved"
    text = (speaker.get("text") or "").strip()
    word = text.lower()
    if word in _FIRST_SECOND:
        return UNRESOLVED_REASONS[1]
    if word in _PRONOUNS:
        return UNRESOLVED_REASONS[2]
    if not text[:1].isupper() or text.split()[0].lower() in {"the", "a", "an", "one"}:
        return UNRESOLVED_REASONS[3]
    return UNRESOLVED_REASONS[4]


def write_jsonl(path: str | Path, records: Iterable[Mapping[str, Any]]) -> None:
    with Path(path).open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def report_modes(direct_only: bool = False) -> list[tuple[str, bool]]:
    """The (label, direct_only) rows to report: both, or only the direct row."""
    rows = [("all attributions", False), ("direct only", True)]
    return rows[1:] if direct_only else rows


# -- running newsgraph -----------------------------------------------------------------


def quote_settings(workers: int = 1, model: str | None = None) -> Settings:
    """Analysis settings for scoring: no cleaning (offsets index the gold text unchanged),
    no near-duplicate skipping (every gold record is scored, also a repeated wire story),
    the default stages plus the quote stage once it is registered."""
    from newsgraph.pipeline import STAGES
    from newsgraph.settings import DEFAULT_STAGES, Settings

    stages = tuple(DEFAULT_STAGES)
    if "quotes" in STAGES and "quotes" not in stages:
        stages += ("quotes",)
    return Settings(clean=False, stages=stages, workers=workers, model=model, dedup=False)


def predict(records: list[dict], settings: Settings | None = None,
            warm_up: bool = True) -> PredictionRun:
    """Run newsgraph over the gold texts (with their publish dates) and collect predictions.

    With one worker the model and the stages are warmed up on a short text first, so
    the timing covers analysis only; with several, the pool start-up is included.
    """
    return predict_records(
        records, settings or quote_settings(), published=publication_date,
        prediction=prediction_record, empty="quotes", same_text=True,
        warm_up_text='"We are ready," the mayor said on Monday.' if warm_up else None)
