"""Event predictions on the gold sets from cached parses: before/after checks of event rules
without parsing again.

Run from the repository root:

    nice python benchmarks/events_cached.py --out DIR [--cache DIR] \
        [--sets gsr,case,petrarch,news,train,audit,tune,check]

Each set's texts are parsed once (as `newsgraph eval events` / `eval events-news` prepare
them) and kept in a spaCy `DocBin` under `--cache`, with each parse's tok2vec rows beside it
(`SET.tensors.npz`: the portrayal stage's reader reads them); every run then runs the default stages
over fresh copies of those parses and writes the prediction files `DIR/gsr.jsonl`,
`case.jsonl`, `petrarch.jsonl`, `news.jsonl` and `train.jsonl` (the held-out
`polnear_train` articles of `events_news_polnear_train.jsonl`; the scorer's format), `tune.jsonl`
and `check.jsonl` (the sentences of `events_sentences_newsmtsc_{tune,check}.jsonl`, texts from
NewsMTSC's dev_mt split, all of whose sentences are parsed once into the `mtsc` cache), which
`benchmarks/events_halves.py` and `newsgraph eval events --pred` score; the set `audit` (the
16 `polnear_dev` articles of the hand audit) writes whole articles to `DIR/audit.jsonl`, as
`newsgraph analyze --no-clean --format jsonl` does, for `check_audit.py`. A text parsed alone
and in a batch can differ, so figures may differ by a record or two from the official
commands; two versions of the code compared here see the same parses. With `--explain`,
`DIR/SET.explain.jsonl` also gets every candidate trigger's decision (see
`newsgraph.stages.events.explain`). The texts are read from outside the repository; only
prediction files are written.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
SETS = {"gsr": "events/plover_gsr_dev.jsonl", "case": "events/case2021_task2.jsonl",
        "petrarch": "events/petrarch2_unittests.jsonl", "news": "quotes/polnear_dev.jsonl",
        "audit": "quotes/polnear_dev.jsonl", "train": "quotes/polnear_train.jsonl"}
AUDIT = "events/audit_polnear_dev.jsonl"
TRAIN = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data" / \
    "events_news_polnear_train.jsonl"
#: The sentence-level NewsMTSC sets (`tune`, `check`): annotations shipped in the package, texts
#: read from NewsMTSC's dev_mt split; every sentence of the split is parsed once (`mtsc` cache).
MTSC = "sentiment/newsmtsc_dev_mt.jsonl"
SENTENCE_SETS = {part: Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data" /
                 f"events_sentences_newsmtsc_{part}.jsonl" for part in ("tune", "check")}


def records_of(name: str) -> list[dict]:
    from newsgraph.eval.events import news_annotations, news_texts, read_jsonl

    if name in SENTENCE_SETS:
        texts = {line["primary_gid"]: line["sentence_normalized"]
                 for line in read_jsonl(str(SHARED / MTSC))}
        return [{"id": str(row["id"]), "text": texts[str(row["id"])]}
                for row in read_jsonl(str(SENTENCE_SETS[name]))]
    path = SHARED / SETS[name]
    if name == "news":
        return news_texts(news_annotations(), str(path))
    if name == "train":
        return news_texts(news_annotations(str(TRAIN)), str(path))
    if name == "audit":
        audited = {row["article"] for row in read_jsonl(str(SHARED / AUDIT))}
        return [record for record in read_jsonl(str(path)) if record["id"] in audited]
    return read_jsonl(str(path))


def sources_of(name: str, records: list[dict]) -> list:
    from newsgraph.eval.events import _published, _published_from_id
    from newsgraph.ingest.sources import Source

    published = _published_from_id if name in {"news", "audit", "train"} else _published
    return [Source(text=r["text"], origin=f"<gold {n}>", id=str(r["id"]), published=published(r))
            for n, r in enumerate(records, start=1)]


def parses(analyzer, name: str, texts: list[str], cache: Path) -> list:
    if name in SENTENCE_SETS:  # parse the whole split once, then pick the set's sentences
        from newsgraph.eval.events import read_jsonl

        every = [line["sentence_normalized"] for line in read_jsonl(str(SHARED / MTSC))]
        docs = dict(zip(every, parses(analyzer, "mtsc", every, cache), strict=True))
        return [docs[text] for text in texts]
    return _parses(analyzer, name, texts, cache)


def _parses(analyzer, name: str, texts: list[str], cache: Path) -> list:
    import numpy as np
    from spacy.tokens import DocBin

    path, tensors = cache / f"{name}.spacy", cache / f"{name}.tensors.npz"
    if not path.is_file() or not tensors.is_file():
        parsed = list(analyzer.nlp.pipe(texts, batch_size=analyzer.settings.batch_size))
        DocBin(docs=parsed).to_disk(path)
        np.savez_compressed(tensors, *(doc.tensor for doc in parsed))
    docs = list(DocBin().from_disk(path).get_docs(analyzer.nlp.vocab))
    if [doc.text for doc in docs] != texts:
        raise SystemExit(f"{path} holds other texts: delete it and run again")
    with np.load(tensors) as kept:  # a DocBin drops the tok2vec rows the portrayal reader reads
        for number, doc in enumerate(docs):
            doc.tensor = kept[f"arr_{number}"]
    return docs


def run_set(analyzer, name: str, cache: Path, out: Path, explain: bool) -> None:
    from newsgraph.eval.events import prediction_record, write_jsonl

    records = records_of(name)
    articles = [analyzer.prepare(source) for source in sources_of(name, records)]
    docs = parses(analyzer, name, [article.text for article in articles], cache)
    lines, explained = [], []
    for record, article, doc in zip(records, articles, docs, strict=True):
        if explain:
            from newsgraph.stages.events.explain import explaining

            with explaining() as trace:
                analyzer.run_stages(article, doc)
            explained.append({"id": record["id"], "candidates": trace.rows()})
        else:
            analyzer.run_stages(article, doc)
        lines.append(json.loads(article.model_dump_json()) if name == "audit"
                     else prediction_record(article, str(record["id"])))
    write_jsonl(str(out / f"{name}.jsonl"), lines)
    if explain:
        write_jsonl(str(out / f"{name}.explain.jsonl"), explained)
    print(f"{name}: {len(lines)} records -> {out / (name + '.jsonl')}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsgraph-event-parses"))
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: gold sets not found at {SHARED}")
        return
    from newsgraph.eval.events import event_settings
    from newsgraph.pipeline import Analyzer

    args.out.mkdir(parents=True, exist_ok=True)
    args.cache.mkdir(parents=True, exist_ok=True)
    analyzer = Analyzer(event_settings())
    analyzer.analyze_batch(sources_of("gsr", [{"id": "warm", "text": "Rebels attacked."}]))
    for name in args.sets.split(","):
        run_set(analyzer, name, args.cache, args.out, args.explain)
    print(json.dumps({"out": str(args.out)}))


if __name__ == "__main__":
    main()
