"""Scoring event coding against sentence-level gold sets (shared/eval/events/*.jsonl).

The semantics follow the gold sets' scorer (`score_events.py`): per sentence, the
set of gold labels is compared with the set of predicted labels (micro P/R/F1,
macro F1 over labels, exact-set accuracy, event detection); for labels in both,
gold and predicted events are paired greedily by actor+target token F1, and the
actor (target) "matches" when it shares a content token with the gold one; gold
events with CAMEO actor codes also get an exact code-match rate.

Only events coded as having happened are predictions: negated, hypothetical and
intended events stay in the article JSON but are not scored. With `main_only`, only each
record's main event(s) (`Event.main`, marked `"main": true` in the prediction line) are
predictions: the semantics of a gold set that labels one event per text (CASE 2021).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsgraph.eval.quotes import ScoringError, read_jsonl, write_jsonl
from newsgraph.eval.runs import PredictionRun, predict_records, record_id, record_text

if TYPE_CHECKING:
    from newsgraph.model import Article, Event, EventArgument
    from newsgraph.settings import Settings

__all__ = ["EventScores", "NewsScores", "ScoringError", "baseline_predictions", "news_annotations",
           "predict", "predict_news", "prediction_record", "read_jsonl", "score_events",
           "score_news", "sentence_texts", "write_jsonl"]

#: Words ignored when comparing actor and target texts (as in the scorer).
STOP = frozenset("the a an of and in on at for to s its his her their by from with".split())
_TOKEN = re.compile(r"[0-9a-z]+")


def tokens(value: Any) -> list[str]:
    """Content tokens of an argument (text, dict with "text", or list of those)."""
    if value is None:
        return []
    if isinstance(value, list):
        return [t for item in value for t in tokens(item)]
    if isinstance(value, dict):
        value = value.get("text") or value.get("name") or ""
    return [t for t in _TOKEN.findall(str(value).lower()) if t not in STOP]


def token_f1(gold: Any, pred: Any) -> float:
    g, p = set(tokens(gold)), set(tokens(pred))
    common = len(g & p)
    if not common:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


def label_of(event: Mapping[str, Any], name: str) -> str | None:
    value = event.get(name) if isinstance(event, Mapping) else None
    if value is None and name == "cameo_root" and isinstance(event, Mapping) and \
            event.get("cameo"):
        value = str(event["cameo"])[:2]
    if value is None or not str(value).strip():
        return None
    return str(value).strip().upper()


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass
class EventScores:
    """Counts and scores of one run against one gold file."""

    type_field: str
    sentences: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    exact: int = 0
    detection: list[int] = field(default_factory=lambda: [0, 0, 0])
    per_label: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    arguments: dict[str, list[float]] = field(
        default_factory=lambda: {"actor": [0, 0, 0.0], "target": [0, 0, 0.0]})
    codes: dict[str, list[int]] = field(
        default_factory=lambda: {"actor_code": [0, 0], "target_code": [0, 0]})

    @property
    def micro(self) -> tuple[float, float, float]:
        return prf(self.tp, self.fp, self.fn)

    @property
    def macro_f1(self) -> float:
        scores = [prf(*counts)[2] for counts in self.per_label.values()]
        return sum(scores) / len(scores) if scores else 0.0

    def match_rate(self, role: str) -> float | None:
        n, matched, _ = self.arguments[role]
        return matched / n if n else None

    def code_rate(self, role: str) -> float | None:
        n, matched = self.codes[role]
        return matched / n if n else None

    def to_dict(self) -> dict[str, Any]:
        precision, recall, f1 = self.micro
        dp, dr, df = prf(*self.detection)
        out: dict[str, Any] = {
            "type_field": self.type_field, "sentences": self.sentences,
            "micro": {"precision": precision, "recall": recall, "f1": f1, "tp": self.tp,
                      "fp": self.fp, "fn": self.fn},
            "macro_f1": self.macro_f1,
            "exact_set_accuracy": self.exact / self.sentences if self.sentences else 0.0,
            "event_detection": {"precision": dp, "recall": dr, "f1": df},
            "arguments": {role: {"n": int(n), "match_rate": self.match_rate(role),
                                 "token_f1": total / n if n else None}
                          for role, (n, _, total) in self.arguments.items()},
            "per_label": {label: dict(zip(("tp", "fp", "fn"), counts, strict=True))
                          | dict(zip(("precision", "recall", "f1"), prf(*counts), strict=True))
                          for label, counts in sorted(self.per_label.items())},
        }
        for role in ("actor_code", "target_code"):
            if self.codes[role][0]:
                out["arguments"][role] = {"n": self.codes[role][0],
                                          "exact_match_rate": self.code_rate(role)}
        return out


def score_events(gold: list[dict], predicted: Iterable[Mapping[str, Any]],
                 type_field: str = "type", pred_type_field: str | None = None,
                 labels: set[str] | None = None, main_only: bool = False) -> EventScores:
    """Score predicted sentence records against gold ones (see the module docstring).

    With `labels`, only those labels count, on both sides: a comparison within the label
    space a gold set annotates (not the scorer's default). With `main_only`, only the
    predicted events marked as their record's main event count."""
    if pred_type_field is None:
        pred_type_field = type_field if type_field in {"cameo", "cameo_root"} else "type"
    by_id = {str(record.get("id")): record for record in predicted}
    scores = EventScores(type_field)
    for record in gold:
        scores.sentences += 1
        gold_events = [(label_of(e, type_field), e) for e in record.get("events") or []]
        gold_events = [(label, e) for label, e in gold_events
                       if label and (labels is None or label in labels)]
        pred_events = [(label_of(e, pred_type_field), e)
                       for e in by_id.get(str(record["id"]), {}).get("events") or []
                       if not main_only or e.get("main")]
        pred_events = [(label, e) for label, e in pred_events
                       if label and (labels is None or label in labels)]
        g, p = {label for label, _ in gold_events}, {label for label, _ in pred_events}
        scores.tp += len(g & p)
        scores.fp += len(p - g)
        scores.fn += len(g - p)
        scores.exact += g == p
        if g or p:
            scores.detection[0 if g and p else (1 if p else 2)] += 1
        for label in g | p:
            counts = scores.per_label[label]
            counts[0 if label in g and label in p else (1 if label in p else 2)] += 1
        for label in g & p:
            _pair_arguments(scores, [e for x, e in gold_events if x == label],
                            [e for x, e in pred_events if x == label])
    return scores


def _pair_arguments(scores: EventScores, gold: list[dict], pred: list[dict]) -> None:
    candidates = sorted(
        (-(token_f1(ge.get("actor"), pe.get("actor")) + token_f1(ge.get("target"),
                                                                  pe.get("target"))), i, j)
        for i, ge in enumerate(gold) for j, pe in enumerate(pred))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, i, j in candidates:
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        for role in ("actor_code", "target_code"):
            code = gold[i].get(role)
            if code:
                scores.codes[role][0] += 1
                scores.codes[role][1] += str(pred[j].get(role) or "").strip().upper() == \
                    str(code).strip().upper()
        for role in ("actor", "target"):
            if not tokens(gold[i].get(role)):
                continue
            counts = scores.arguments[role]
            counts[0] += 1
            counts[1] += bool(set(tokens(gold[i].get(role))) & set(tokens(pred[j].get(role))))
            counts[2] += token_f1(gold[i].get(role), pred[j].get(role))


# -- predictions --------------------------------------------------------------------------


def actor_code(argument: EventArgument | None) -> str | None:
    """A CAMEO-style actor code: country (or "---") plus sector ("ISRMIL", "---GOV", "USA")."""
    if argument is None or (argument.country is None and argument.sector is None):
        return None
    if argument.sector in {"IGO", "NGO"} and argument.country is None:
        return argument.sector
    return (argument.country or "---") + (argument.sector or "")


#: Pronouns that stand for the entity they were resolved to.
PRONOUNS = frozenset("he she it they we i him her them his hers its their theirs".split())


def _argument_text(argument: EventArgument | None, names: dict[str, str]) -> str | None:
    if argument is None:
        return None
    if argument.text.lower() in PRONOUNS and argument.entity in names:
        return names[argument.entity]
    return argument.text


def event_record(event: Event, names: dict[str, str]) -> dict[str, Any]:
    return {
        "type": event.type, "cameo": event.cameo, "mode": event.mode,
        "actor": _argument_text(event.actor, names),
        "target": _argument_text(event.target, names),
        "actor_code": actor_code(event.actor), "target_code": actor_code(event.target),
        "main": event.main,
    }


def prediction_record(article: Article, doc_id: str | None = None) -> dict[str, Any]:
    """The scorer's prediction line: the events coded as having happened."""
    names = {entity.id: entity.name for entity in article.entities}
    events = [event_record(event, names) for event in article.events
              if not (event.negated or event.hypothetical or event.intended)]
    return {"id": article.id if doc_id is None else doc_id, "events": events}


def event_settings(workers: int = 1, model: str | None = None) -> Settings:
    """Analysis settings for scoring: the default stages, no cleaning (snippets are text)."""
    from newsgraph.settings import DEFAULT_STAGES, Settings

    stages = tuple(DEFAULT_STAGES)
    if "events" not in stages:
        stages += ("events",)
    return Settings(clean=False, stages=stages, workers=workers, model=model, dedup=False)


def predict(records: list[dict], settings: Settings | None = None) -> PredictionRun:
    """Run newsgraph over the gold texts and collect one prediction line per record."""
    return predict_records(
        records, settings or event_settings(), published=_published,
        prediction=lambda article, doc_id: prediction_record(article, str(doc_id)),
        empty="events", warm_up_text="Rebels attacked the town on Monday.")


def sentence_texts(records: list[dict], texts_path: str) -> list[dict]:
    """Gold records that carry ids and events only, with their texts joined by id from
    `texts_path` (a line's key is its `id`, or NewsMTSC's `primary_gid`; its text is `text`,
    `body` or NewsMTSC's `sentence_normalized`). A record that has its own `text` keeps it."""
    wanted = {str(record["id"]) for record in records if not isinstance(record.get("text"), str)}
    texts: dict[str, str] = {}
    for line in read_jsonl(texts_path):
        key = record_id(line)
        if key in wanted and key not in texts:
            text = record_text(line)
            if text is None:
                raise ScoringError(f"{texts_path}: {key} has no text (no \"text\", \"body\" "
                                   "or \"sentence_normalized\" field)")
            texts[key] = text
    missing = sorted(wanted - texts.keys())
    if missing:
        raise ScoringError(f"{texts_path}: {len(missing)} gold records have no text there "
                           f"(e.g. {missing[0]})")
    return [record if isinstance(record.get("text"), str)
            else record | {"text": texts[str(record["id"])]} for record in records]


def _published(record: Mapping[str, Any]) -> str | None:
    raw = str((record.get("meta") or {}).get("date") or "")
    if re.fullmatch(r"\d{8}", raw):
        return f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"
    return None


# -- the keyword baseline ------------------------------------------------------------------


def _keyword_pattern() -> list[tuple[re.Pattern[str], str]]:
    from newsgraph.stages.events import lexicon as lex

    words: dict[str, str] = {}
    for table in (lex.NOUNS, lex.VERBS):
        for word, code in table.items():
            words.setdefault(word, code.type)
    patterns = []
    for word, event_type in words.items():
        stem = re.escape(word[:-1] if word.endswith("e") else word)
        patterns.append((re.compile(rf"\b{stem}\w{{0,4}}\b", re.IGNORECASE), event_type))
    return patterns


def baseline_predictions(records: list[dict]) -> list[dict]:
    """A keyword coder for comparison: every lexicon word (any inflection) codes its type,
    with no parse, no participants and no negation or condition handling."""
    patterns = _keyword_pattern()
    out = []
    for record in records:
        text = record["text"]
        found = sorted({event_type for pattern, event_type in patterns if pattern.search(text)})
        out.append({"id": record["id"], "events": [{"type": t} for t in found]})
    return out


# -- the real-news set: our own annotations of news articles --------------------------------

#: Our annotations of the events of real news articles (see `data/README.md`).
NEWS_ANNOTATIONS = "events_news_polnear_dev.jsonl"


@dataclass
class NewsScores:
    """Precision and recall of (type, actor, target) per article, summed over articles."""

    articles: int = 0
    predicted: int = 0
    predicted_right: int = 0
    #: Right predictions when each annotated event can make only one prediction right (a
    #: restatement of an event already matched counts as wrong here).
    predicted_right_once: int = 0
    gold: int = 0
    gold_found: int = 0
    type_counts: list[int] = field(default_factory=lambda: [0, 0, 0])
    per_type: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0,
                                                                                        0]))
    errors: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.predicted_right / self.predicted if self.predicted else 0.0

    @property
    def precision_once(self) -> float:
        return self.predicted_right_once / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold if self.gold else 0.0

    def to_dict(self) -> dict[str, Any]:
        p, r = self.precision, self.recall
        tp, fp, fn = self.type_counts
        return {
            "articles": self.articles, "predicted": self.predicted, "gold": self.gold,
            "full": {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                     "predicted_right": self.predicted_right, "gold_found": self.gold_found,
                     "precision_once": self.precision_once,
                     "predicted_right_once": self.predicted_right_once},
            "type_only": dict(zip(("precision", "recall", "f1"), prf(tp, fp, fn), strict=True)),
            "per_type": {label: dict(zip(("predicted", "predicted_right", "gold", "gold_found"),
                                         counts, strict=True))
                         for label, counts in sorted(self.per_type.items())},
        }


def news_annotations(path: str | None = None) -> list[dict]:
    """The annotated articles: {"article", "source", "events": [{start, end, trigger, type,
    actor, target}]}; actor/target alternatives are separated by " | "."""
    if path is not None:
        return read_jsonl(path)
    from importlib.resources import files

    text = files("newsgraph").joinpath("data", NEWS_ANNOTATIONS).read_text(encoding="utf-8")
    import json

    return [json.loads(line) for line in text.splitlines() if line.strip()]


def argument_matches(gold: str | None, predicted: str | None) -> bool:
    """A gold argument (alternatives split by " | ") and a predicted one share a content
    token; no gold argument matches only no prediction."""
    if gold is None:
        return predicted is None
    return predicted is not None and any(
        set(tokens(alternative)) & set(tokens(predicted)) for alternative in gold.split(" | "))


def event_matches(gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> bool:
    return str(gold["type"]).upper() == str(predicted.get("type") or "").upper() and \
        argument_matches(gold.get("actor"), predicted.get("actor")) and \
        argument_matches(gold.get("target"), predicted.get("target"))


def score_news(annotations: list[dict], predicted: Iterable[Mapping[str, Any]]) -> NewsScores:
    """Per article: a predicted event is right when some gold event of the article has its
    type, actor and target; a gold event is found when some prediction matches it."""
    by_id = {str(record.get("id")): record.get("events") or [] for record in predicted}
    scores = NewsScores()
    for record in annotations:
        scores.articles += 1
        gold, pred = record.get("events") or [], by_id.get(str(record["article"]), [])
        _count_news_article(scores, record["article"], gold, pred)
    return scores


def _count_news_article(scores: NewsScores, article: str, gold: list[dict],
                        pred: list[dict]) -> None:
    unmatched = list(gold)
    for event in pred:  # one to one: each annotated event makes one prediction right
        match = next((g for g in unmatched if event_matches(g, event)), None)
        if match is not None:
            unmatched.remove(match)
            scores.predicted_right_once += 1
    for event in pred:
        right = any(event_matches(g, event) for g in gold)
        counts = scores.per_type[str(event.get("type"))]
        counts[0] += 1
        counts[1] += right
        scores.predicted += 1
        scores.predicted_right += right
        if not right:
            scores.errors.append({"article": article, "kind": "wrong", **event})
    for event in gold:
        found = any(event_matches(event, p) for p in pred)
        counts = scores.per_type[event["type"]]
        counts[2] += 1
        counts[3] += found
        scores.gold += 1
        scores.gold_found += found
        if not found:
            scores.errors.append({"article": article, "kind": "missed", **event})
    gold_types = [e["type"] for e in gold]
    for event in pred:  # type only: predictions paired with gold events of their type
        if event.get("type") in gold_types:
            gold_types.remove(event["type"])
            scores.type_counts[0] += 1
        else:
            scores.type_counts[1] += 1
    scores.type_counts[2] += len(gold_types)


def news_texts(annotations: list[dict], texts_path: str) -> list[dict]:
    """The annotated articles' texts, from the gold file they were taken from, as {"id",
    "text", "date"?} records: the text is read from `text` (PolNeAR) or `body` (the naeb
    extraction set), and a `date` field, when there is one, is kept for the analysis."""
    wanted = {record["article"] for record in annotations}
    records = []
    for record in read_jsonl(texts_path):
        if record.get("id") not in wanted:
            continue
        text = record_text(record)
        if text is None:
            raise ScoringError(f"{texts_path}: {record['id']} has no text (no \"text\" or "
                               "\"body\" field)")
        date = record.get("date")
        records.append({"id": record["id"], "text": text} | ({"date": date} if date else {}))
    missing = wanted - {r["id"] for r in records}
    if missing:
        raise ScoringError(f"{texts_path}: {len(missing)} annotated articles are not in it "
                           f"(e.g. {sorted(missing)[0]})")
    return records


def predict_news(records: list[dict], settings: Settings | None = None) -> PredictionRun:
    """Analyse the articles byte for byte (no cleaning) and keep their asserted events."""
    return predict_records(
        records, settings or event_settings(), published=_published_from_id,
        prediction=lambda article, doc_id: prediction_record(article, str(doc_id)),
        empty="events", warm_up_text="Rebels attacked the town on Monday.", same_text=True)


def _published_from_id(record: Mapping[str, Any]) -> str | None:
    """The publication date of a news record: its `date` field (YYYY-MM-DD), else the date
    PolNeAR writes into its ids (`outlet_2016-02-08_slug`), else none."""
    date = str(record.get("date") or "")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return date
    found = re.search(r"_(\d{4}-\d{2}-\d{2})_", str(record.get("id") or ""))
    return found.group(1) if found else None
