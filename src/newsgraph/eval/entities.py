"""Scoring the entities stage against our own annotation of real articles.

The annotations (`newsgraph/data/entities_*.jsonl`, each described in the `.md` beside it:
`entities_polnear_dev` the set the entities stage was tuned on, `entities_polnear_train` a
second set nobody tuned on) list, per article, each named person, organisation and place
with its canonical name, its type and the character spans of its name mentions (pronouns
and descriptions are not annotated). The article texts come from the gold file they were taken from.

* **types**: PERSON, ORG, and places (GPE, LOC and FAC count as one class, PLACE); other
  types (NORP, EVENT, ...) are outside the annotation, so predictions of them are left out.
* **mentions**: a predicted name mention is aligned to the gold mention it overlaps most
  (one-to-one).
* **entity precision / recall**: predicted and gold entities are paired one-to-one, most
  shared aligned mentions first; a pair counts when the types agree. Precision is over the
  predicted (non-anonymous, in-scope) entities that have a name mention, recall over the
  gold entities.
* **B³** (Bagga & Baldwin 1998) over name mentions: each predicted mention scores the share
  of its predicted entity that lies in the gold entity of its aligned mention; a mention with
  no counterpart counts as its own singleton on the other side. Recall is the same from
  the gold side.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsgraph.model import Article
    from newsgraph.settings import Settings

#: The annotations shipped with the package, by the gold set their texts come from.
ANNOTATIONS = {"polnear_dev": "entities_polnear_dev.jsonl",
               "polnear_train": "entities_polnear_train.jsonl"}
ANNOTATION = ANNOTATIONS["polnear_dev"]
TYPE_CLASS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}

Span = tuple[int, int]


@dataclass
class GoldEntity:
    name: str
    type: str
    mentions: list[Span]


@dataclass
class EntityScores:
    """Micro-averaged counts over the articles; the figures are properties over them."""

    articles: int = 0
    gold_entities: int = 0
    predicted_entities: int = 0
    matched_entities: int = 0
    gold_mentions: int = 0
    predicted_mentions: int = 0
    b3_precision_sum: float = 0.0
    b3_recall_sum: float = 0.0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return ratio(self.matched_entities, self.predicted_entities)

    @property
    def recall(self) -> float:
        return ratio(self.matched_entities, self.gold_entities)

    @property
    def f1(self) -> float:
        return harmonic(self.precision, self.recall)

    @property
    def b3_precision(self) -> float:
        return ratio(self.b3_precision_sum, self.predicted_mentions)

    @property
    def b3_recall(self) -> float:
        return ratio(self.b3_recall_sum, self.gold_mentions)

    @property
    def b3_f1(self) -> float:
        return harmonic(self.b3_precision, self.b3_recall)

    def to_dict(self) -> dict[str, Any]:
        names = ("precision", "recall", "f1", "b3_precision", "b3_recall", "b3_f1")
        counts = {key: value for key, value in vars(self).items()
                  if key not in {"missed", "spurious", "b3_precision_sum", "b3_recall_sum"}}
        return {**counts, **{name: getattr(self, name) for name in names}}


def ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def harmonic(a: float, b: float) -> float:
    return 2 * a * b / (a + b) if a + b else 0.0


# -- reading -------------------------------------------------------------------------------


def annotation_path(name: str = ANNOTATION) -> Path:
    return Path(str(resources.files("newsgraph").joinpath("data", name)))


def shipped_annotation_for(article_ids: Iterable[str]) -> Path:
    """The shipped annotation whose articles the gold file holds most of (the dev one
    when none is in it, so that the caller reports the missing articles)."""
    ids = set(article_ids)
    best, best_shared = annotation_path(), 0
    for name in ANNOTATIONS.values():
        shared = len(ids & set(read_annotation(annotation_path(name))))
        if shared > best_shared:
            best, best_shared = annotation_path(name), shared
    return best


def read_annotation(path: str | Path | None = None) -> dict[str, list[GoldEntity]]:
    """Article id -> its annotated entities."""
    gold: dict[str, list[GoldEntity]] = {}
    with Path(path or annotation_path()).open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            gold[record["article"]] = [
                GoldEntity(item["name"], item["type"], [tuple(m) for m in item["mentions"]])
                for item in record["entities"]
            ]
    return gold


def entity_prediction(article: Article, doc_id: object = None) -> dict:
    """The in-scope named entities of an analysed article, with their name mentions."""
    entities = []
    for entity in article.entities:
        mentions = [[m.start, m.end] for m in entity.mentions if m.kind == "name"]
        if entity.anonymous or entity.type not in TYPE_CLASS or not mentions:
            continue
        entities.append({"name": entity.name, "type": entity.type, "mentions": mentions})
    return {"id": article.id if doc_id is None else doc_id, "entities": entities}


# -- scoring -------------------------------------------------------------------------------


def align_mentions(gold: list[Span], predicted: list[Span]) -> dict[int, int]:
    """Predicted mention index -> gold mention index, one-to-one, largest overlap first."""
    pairs = []
    for g, (g_start, g_end) in enumerate(gold):
        for p, (p_start, p_end) in enumerate(predicted):
            shared = min(g_end, p_end) - max(g_start, p_start)
            if shared > 0:
                pairs.append((-shared, g, p))
    aligned: dict[int, int] = {}
    used: set[int] = set()
    for _, g, p in sorted(pairs):
        if p not in aligned and g not in used:
            aligned[p] = g
            used.add(g)
    return aligned


def b3_side(clusters: list[list[int]], other_of: Mapping[int, int],
            other_cluster: Mapping[int, int]) -> float:
    """Sum over the mentions of `clusters` of the share of their cluster that the other
    side puts together with them (an unaligned mention is alone on the other side)."""
    total = 0.0
    for cluster in clusters:
        for mention in cluster:
            if mention not in other_of:
                total += 1 / len(cluster)
                continue
            home = other_cluster[other_of[mention]]
            together = sum(1 for m in cluster if m in other_of
                           and other_cluster[other_of[m]] == home)
            total += together / len(cluster)
    return total


def score_article(gold: list[GoldEntity], predicted: list[Mapping[str, Any]],
                  scores: EntityScores, doc_id: str = "") -> None:
    """Add one article's counts to `scores`."""
    predicted = [p for p in predicted if p["type"] in TYPE_CLASS]
    gold_spans = [span for entity in gold for span in entity.mentions]
    gold_owner = [k for k, entity in enumerate(gold) for _ in entity.mentions]
    pred_spans = [tuple(span) for entity in predicted for span in entity["mentions"]]
    pred_owner = [k for k, entity in enumerate(predicted) for _ in entity["mentions"]]
    aligned = align_mentions(gold_spans, pred_spans)
    back = {g: p for p, g in aligned.items()}

    shared: dict[tuple[int, int], int] = {}
    for p, g in aligned.items():
        key = (gold_owner[g], pred_owner[p])
        shared[key] = shared.get(key, 0) + 1
    taken_gold: set[int] = set()
    taken_pred: set[int] = set()
    for (g, p), _ in sorted(shared.items(), key=lambda item: (-item[1], item[0])):
        if g in taken_gold or p in taken_pred:
            continue
        taken_gold.add(g)
        taken_pred.add(p)
        if TYPE_CLASS[gold[g].type] == TYPE_CLASS[predicted[p]["type"]]:
            scores.matched_entities += 1
        else:
            scores.spurious.append(f"{doc_id}: {predicted[p]['name']} {predicted[p]['type']} "
                                   f"(gold {gold[g].name} {gold[g].type})")
    scores.missed += [f"{doc_id}: {entity.name} {entity.type}" for k, entity in enumerate(gold)
                      if k not in taken_gold]
    scores.spurious += [f"{doc_id}: {entity['name']} {entity['type']}"
                        for k, entity in enumerate(predicted) if k not in taken_pred]

    gold_clusters = [[i for i, owner in enumerate(gold_owner) if owner == k]
                     for k in range(len(gold))]
    pred_clusters = [[i for i, owner in enumerate(pred_owner) if owner == k]
                     for k in range(len(predicted))]
    scores.articles += 1
    scores.gold_entities += len(gold)
    scores.predicted_entities += len(predicted)
    scores.gold_mentions += len(gold_spans)
    scores.predicted_mentions += len(pred_spans)
    scores.b3_precision_sum += b3_side(pred_clusters, aligned, dict(enumerate(gold_owner)))
    scores.b3_recall_sum += b3_side(gold_clusters, back, dict(enumerate(pred_owner)))


def score_entities(gold: Mapping[str, list[GoldEntity]],
                   predictions: Iterable[Mapping[str, Any]]) -> EntityScores:
    """Score prediction lines (`{"id", "entities"}`) against the annotation; an annotated
    article without a prediction line counts as "nothing found"."""
    by_id = {record["id"]: record.get("entities") or [] for record in predictions}
    scores = EntityScores()
    for doc_id, entities in gold.items():
        score_article(entities, by_id.get(doc_id, []), scores, doc_id)
    return scores


# -- running newsgraph ---------------------------------------------------------------------


def entity_settings(workers: int = 1, model: str | None = None) -> Settings:
    """The entities stage alone, on the gold text unchanged (offsets must match), every
    record analysed (no near-duplicate skipping)."""
    from newsgraph.settings import Settings

    return Settings(clean=False, stages=("entities",), workers=workers, model=model,
                    dedup=False)


def predict_entities(records: list[dict], settings: Settings | None = None):
    """Run the entities stage over the gold texts; a `PredictionRun` of prediction lines."""
    from newsgraph.eval.runs import predict_records

    return predict_records(
        records, settings or entity_settings(), published=lambda record: None,
        prediction=entity_prediction, empty="entities", same_text=True,
        warm_up_text="Jane Doe met the mayor of Lyon on Monday.")
